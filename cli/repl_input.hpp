// Reading the REPL's inputs: from a terminal with line editing, history and
// tab completion (libedit), or plain lines from a pipe; an input that is
// not complete continues on the next line.
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tholos::cli::repl {

// The words tab completion offers, from the session at that moment.
struct Vocabulary {
  std::vector<std::string> commands;   // ":item", ...
  std::vector<std::string> functions;  // completed with "("
  std::vector<std::string> names;      // built-in names, measures, params, bands, criteria
  std::vector<std::string> labels;
  std::vector<std::string> params;
  std::vector<std::string> items;
  std::vector<std::string> groups;
  int rounds = 0;
};

struct Completion {
  std::vector<std::string> candidates;  // those starting with the word, sorted
  char append = ' ';                    // after a unique match ('\0': nothing)
};

// What completes `word`, the text before it on the line being `before`.
Completion complete(const Vocabulary& vocabulary, std::string_view before, std::string_view word);

class LineReader {
 public:
  virtual ~LineReader() = default;
  // One line without its end, or nothing at the end of the input.
  virtual std::optional<std::string> read_line(const std::string& prompt) = 0;
  // Whether the last read_line was cut short by Ctrl-C (on a terminal).
  virtual bool interrupted() const { return false; }
};

std::unique_ptr<LineReader> plain_reader(std::istream& in);

// libedit on the terminal. History is read from and written to
// `history_path` (if not empty); failing to is not an error.
std::unique_ptr<LineReader> terminal_reader(std::function<Vocabulary()> vocabulary,
                                            std::string history_path);

// $XDG_STATE_HOME/tholos/history, else ~/.tholos_history, else "".
std::string history_path();

// Whole inputs: a line, and the lines continuing it while it is
// incomplete. An empty line or the end of the input ends it as it is; so
// does a line that can only start an input (a command, a declaration), which
// is then the next input.
class InputReader {
 public:
  explicit InputReader(LineReader& lines) : lines_(lines) {}
  std::optional<std::string> next(const std::string& prompt, const std::string& continuation);

 private:
  LineReader& lines_;
  std::optional<std::string> held_;
};

}  // namespace tholos::cli::repl
