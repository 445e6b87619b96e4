#include "cli/repl_input.hpp"

#include <signal.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <istream>

#include <editline/readline.h>

#include "cli/repl_syntax.hpp"

namespace tholos::cli::repl {
namespace {

// Entries of a folder looked at for a file name's completion.
constexpr std::size_t kMostFiles = 10000;

void add_all(std::vector<std::string>& to, const std::vector<std::string>& from,
             std::string_view suffix = {}) {
  for (const std::string& word : from)
    to.push_back(word + std::string(suffix));
}

// The entries of the folder `directory` (the current one if empty) whose
// names start with `word`, folders with a '/' after their name.
std::vector<std::string> file_names(std::string_view directory, std::string_view word) {
  namespace fs = std::filesystem;
  std::vector<std::string> names;
  std::error_code error;
  const fs::path folder = directory.empty() ? fs::path(".") : fs::path(std::string(directory));
  fs::directory_iterator entry(folder, error), end;
  for (std::size_t n = 0; !error && entry != end && n < kMostFiles; entry.increment(error), ++n) {
    std::string name = entry->path().filename().string();
    if (name.compare(0, word.size(), word) != 0) continue;
    if (name.front() == '.' && (word.empty() || word.front() != '.')) continue;
    std::error_code is_folder_error;
    if (entry->is_directory(is_folder_error)) name += '/';
    names.push_back(std::move(name));
  }
  return names;
}

class PlainReader : public LineReader {
 public:
  explicit PlainReader(std::istream& in) : in_(in) {}
  std::optional<std::string> read_line(const std::string&) override {
    std::string line;
    if (!std::getline(in_, line)) return std::nullopt;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }

 private:
  std::istream& in_;
};

// libedit calls back into plain functions: the reader's state they need.
std::function<Vocabulary()>* current_vocabulary = nullptr;
std::vector<std::string> current_matches;
std::size_t next_match = 0;

char* generate_match(const char*, int state) {
  if (state == 0) next_match = 0;
  if (next_match >= current_matches.size()) return nullptr;
  return strdup(current_matches[next_match++].c_str());
}

char** attempt_completion(const char* text, int start, int) {
  rl_attempted_completion_over = 1;
  try {
    if (current_vocabulary == nullptr || rl_line_buffer == nullptr || start < 0) return nullptr;
    const std::string_view before(rl_line_buffer, static_cast<std::size_t>(start));
    const Completion completion = complete((*current_vocabulary)(), before, text);
    current_matches = completion.candidates;
    if (current_matches.empty()) return nullptr;
    rl_completion_append_character = completion.append;
    return rl_completion_matches(text, generate_match);
  } catch (...) {
    return nullptr;
  }
}

// Ctrl-C at the prompt abandons the line being typed, not the session.
volatile std::sig_atomic_t interrupt_seen = 0;

void on_interrupt(int) {
  interrupt_seen = 1;
}

// Completion works on words: these end one (':' does not, for commands).
char word_breaks[] = " \t\n\"()[],+-*/<>=!#";

class TerminalReader : public LineReader {
 public:
  TerminalReader(std::function<Vocabulary()> vocabulary, std::string history)
      : vocabulary_(std::move(vocabulary)), history_(std::move(history)) {
    current_vocabulary = &vocabulary_;
    rl_readline_name = "tholos";
    rl_attempted_completion_function = attempt_completion;
    rl_basic_word_break_characters = word_breaks;
    rl_completer_word_break_characters = word_breaks;
    struct sigaction action {};
    action.sa_handler = on_interrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: the read returns, readline gives up the line
    sigaction(SIGINT, &action, &previous_);
    using_history();
    stifle_history(1000);
    if (!history_.empty()) {
      std::error_code error;
      std::filesystem::create_directories(std::filesystem::path(history_).parent_path(), error);
      read_history(history_.c_str());
    }
  }
  ~TerminalReader() override {
    save();
    sigaction(SIGINT, &previous_, nullptr);
    current_vocabulary = nullptr;
  }
  TerminalReader(const TerminalReader&) = delete;
  TerminalReader& operator=(const TerminalReader&) = delete;

  std::optional<std::string> read_line(const std::string& prompt) override {
    interrupt_seen = 0;
    char* raw = readline(prompt.c_str());
    interrupted_ = interrupt_seen != 0;
    if (interrupted_) {
      std::free(raw);
      std::fputs("\n", stdout);
      std::fflush(stdout);
      return std::string();
    }
    if (raw == nullptr) return std::nullopt;
    std::string line(raw);
    std::free(raw);
    if (!trim(line).empty()) {
      add_history(line.c_str());
      save();
    }
    return line;
  }

  bool interrupted() const override { return interrupted_; }

 private:
  // Written after every line, so that a session cut short keeps its history.
  void save() const {
    if (!history_.empty()) write_history(history_.c_str());
  }

  std::function<Vocabulary()> vocabulary_;
  std::string history_;
  struct sigaction previous_ {};
  bool interrupted_ = false;
};

}  // namespace

Completion complete(const Vocabulary& v, std::string_view before, std::string_view word) {
  Completion c;
  std::string_view head = before;
  while (!head.empty() && (head.front() == ' ' || head.front() == '\t'))
    head.remove_prefix(1);
  std::vector<std::string> all;
  bool expression = true;
  if (head.empty() && !word.empty() && word.front() == ':') {
    all = v.commands;
    expression = false;
  } else if (!head.empty() && head.front() == ':') {
    const std::string command(head.substr(0, head.find_first_of(" \t")));
    expression = command == ":type";
    if (command == ":item" || command == ":explain") all = v.items;
    if (command == ":group") all = v.groups;
    if (command == ":set") {
      add_all(all, v.params, "=");
      c.append = '\0';
    }
    if (command == ":round") {
      for (int r = 1; r <= v.rounds; ++r)
        all.push_back(std::to_string(r));
    }
    if (command == ":help") {
      all = v.functions;
      add_all(all, v.commands);
    }
    if (command == ":load" || command == ":data") {
      // The word is the part of the path after its last '/' (a word break).
      std::string_view path = head.substr(command.size());
      while (!path.empty() && (path.front() == ' ' || path.front() == '\t'))
        path.remove_prefix(1);
      all = file_names(path, word);
    }
  } else if (!before.empty() && before.back() == '"') {
    // Inside a string: a statement id or a group.
    all = v.items;
    add_all(all, v.groups);
    c.append = '\0';
    expression = false;
  }
  if (expression) {
    add_all(all, v.functions, "(");
    add_all(all, v.names);
    add_all(all, v.labels);
    add_all(all, expression_keywords());
    if (head.empty()) add_all(all, declaration_keywords());
    c.append = '\0';
  }
  for (std::string& candidate : all) {
    if (candidate.compare(0, word.size(), word) == 0) c.candidates.push_back(std::move(candidate));
  }
  // A folder's name goes on into its files.
  if (!c.candidates.empty() && c.candidates.front().back() == '/') c.append = '\0';
  std::sort(c.candidates.begin(), c.candidates.end());
  c.candidates.erase(std::unique(c.candidates.begin(), c.candidates.end()), c.candidates.end());
  return c;
}

std::unique_ptr<LineReader> plain_reader(std::istream& in) {
  return std::make_unique<PlainReader>(in);
}

std::unique_ptr<LineReader> terminal_reader(std::function<Vocabulary()> vocabulary,
                                            std::string history) {
  return std::make_unique<TerminalReader>(std::move(vocabulary), std::move(history));
}

std::string history_path() {
  const char* state = std::getenv("XDG_STATE_HOME");
  if (state != nullptr && *state != '\0') return std::string(state) + "/tholos/history";
  const char* home = std::getenv("HOME");
  if (home != nullptr && *home != '\0') return std::string(home) + "/.tholos_history";
  return "";
}

std::optional<std::string> InputReader::next(const std::string& prompt,
                                             const std::string& continuation) {
  std::optional<std::string> input = std::move(held_);
  held_.reset();
  if (!input) input = lines_.read_line(prompt);
  if (!input) return std::nullopt;
  while (is_incomplete(*input)) {
    std::optional<std::string> line = lines_.read_line(continuation);
    if (lines_.interrupted()) return std::string();  // Ctrl-C: the input is abandoned
    if (!line || trim(*line).empty()) break;
    if (starts_input(*line)) {
      held_ = std::move(line);
      break;
    }
    *input += '\n' + *line;
  }
  return input;
}

}  // namespace tholos::cli::repl
