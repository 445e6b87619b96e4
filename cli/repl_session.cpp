// The session's rules, data and context: loading, declaring, choosing.
// Evaluation is in repl_evaluate.cpp.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/repl_output.hpp"
#include "cli/repl_session.hpp"
#include "common/spelling.hpp"

namespace tholos::cli::repl {
namespace {

constexpr const char* kTyped = "<input>";

std::optional<std::string> read_text(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

int count_lines(std::string_view text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

std::string_view nth_line(std::string_view text, int n) {
  for (int i = 0; i < n; ++i) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) return {};
    text.remove_prefix(end + 1);
  }
  return text.substr(0, text.find('\n'));
}

bool is_word(const Token& token, std::string_view word) {
  return token.kind == Token::Kind::word && token.text == word;
}

bool contains(const std::vector<std::string>& words, const std::string& word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::string session_source(std::string file_text, const std::vector<std::string>& declarations) {
  if (!file_text.empty() && file_text.back() != '\n') file_text += '\n';
  for (const std::string& declaration : declarations)
    file_text += declaration + '\n';
  return file_text;
}

Result<Program> compile_session(const std::string& rule_file, const std::string& file_text,
                                const std::vector<std::string>& declarations) {
  CompileOptions options;
  options.file_name = rule_file.empty() ? kTyped : rule_file;
  return compile(session_source(file_text, declarations), options);
}

}  // namespace

Result<Program> Session::compile_with(const std::vector<std::string>& declarations) const {
  return compile_session(rule_file_, file_text_, declarations);
}

std::vector<Diagnostic> Session::located(const std::vector<Diagnostic>& diagnostics,
                                         const std::vector<std::string>& declarations,
                                         int file_lines) const {
  const std::string name = rule_file_.empty() ? kTyped : rule_file_;
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.file != name || d.line <= file_lines) {
      out.push_back(d);
      continue;
    }
    int first = file_lines + 1;
    bool found = false;
    for (const std::string& declaration : declarations) {
      const int lines = count_lines(declaration) + 1;
      if (d.line < first + lines) {
        const int line = d.line - first + 1;
        out.push_back(relocated(d, kTyped, line, nth_line(declaration, line - 1)));
        found = true;
        break;
      }
      first += lines;
    }
    if (!found) out.push_back(d);
  }
  return out;
}

void Session::adopt(Program program, Outcome& outcome) {
  program_ = std::move(program);
  // Overrides the rules no longer accept (of a param they no longer
  // declare, or declare with another type) are dropped.
  std::erase_if(overrides_, [&](const auto& entry) {
    const auto& [name, text] = entry;
    const std::vector<Diagnostic> problems = check_params(*program_, {{name, text}});
    const auto error = std::find_if(problems.begin(), problems.end(), [](const Diagnostic& d) {
      return d.severity == Severity::error;
    });
    if (error == problems.end()) return false;
    outcome.notes.push_back("dropped :set " + name + "=" + text + ": " + error->message);
    return true;
  });
}

std::vector<std::string> Session::groups() const {
  if (!program_ || !study_) return {};
  const std::optional<std::string> column = program_->groups_column();
  return column ? study_->panel_values(*column) : std::vector<std::string>{};
}

void Session::check_context(Outcome& outcome) {
  if (study_ && context_.item && !contains(study_->items(), *context_.item)) {
    outcome.notes.push_back("the data has no statement '" + *context_.item + "': :item cleared");
    context_.item.reset();
  }
  if (study_ && context_.round && *context_.round > study_->rounds()) {
    outcome.notes.push_back("the data has no round " + std::to_string(*context_.round) +
                            ": :round cleared");
    context_.round.reset();
  }
  if (context_.group && !contains(groups(), *context_.group)) {
    outcome.notes.push_back("there is no group '" + *context_.group + "' now: :group cleared");
    context_.group.reset();
  }
}

Outcome Session::load_rules(const std::string& path, bool at_start) {
  const std::optional<std::string> text = read_text(path);
  if (!text) return {false, {repl_error("cannot read the rule file '" + path + "'")}, {}};
  Result<Program> compiled = compile_session(path, *text, {});
  Outcome outcome;
  if (!compiled.ok()) {
    outcome.ok = false;
    outcome.diagnostics = compiled.diagnostics;
    if (at_start) {
      rule_file_ = path;
      file_text_ = *text;
      file_lines_ = count_lines(session_source(*text, {}));
    } else if (program_) {
      outcome.notes.push_back("kept the rules loaded before");
    }
    return outcome;
  }
  const std::string title = compiled.value->title();
  outcome.notes.push_back("rules: " + path + (title.empty() ? "" : " (" + title + ")"));
  if (!declarations_.empty()) {
    outcome.notes.push_back("dropped " + std::to_string(declarations_.size()) +
                            " typed declaration(s)");
  }
  rule_file_ = path;
  file_text_ = *text;
  file_lines_ = count_lines(session_source(*text, {}));
  declarations_.clear();
  shown_.clear();
  adopt(std::move(*compiled.value), outcome);
  outcome.diagnostics = compiled.diagnostics;
  check_context(outcome);
  return outcome;
}

Outcome Session::load_data(const std::string& directory) {
  Result<Study> loaded = load_study(directory);
  Outcome outcome;
  outcome.diagnostics = loaded.diagnostics;
  if (!loaded.ok()) {
    outcome.ok = false;
    if (study_) outcome.notes.push_back("kept the data loaded before (" + data_directory_ + ")");
    return outcome;
  }
  study_ = std::move(*loaded.value);
  data_directory_ = directory;
  outcome.notes.push_back(directory + ": " + std::to_string(study_->panelists().size()) +
                          " panelists, " + std::to_string(study_->items().size()) +
                          " statements, " + std::to_string(study_->rounds()) + " round(s)");
  check_context(outcome);
  return outcome;
}

Outcome Session::reload() {
  Outcome outcome;
  if (rule_file_.empty() && data_directory_.empty()) {
    outcome.notes.push_back("nothing to reload: there is no rule file and no data");
    return outcome;
  }
  if (!rule_file_.empty()) {
    const std::optional<std::string> text = read_text(rule_file_);
    if (!text) {
      outcome = {false, {repl_error("cannot read the rule file '" + rule_file_ + "'")}, {}};
    } else {
      const int lines = count_lines(session_source(*text, {}));
      Result<Program> all = compile_session(rule_file_, *text, declarations_);
      std::vector<std::string> kept = declarations_;
      if (!all.ok() && !declarations_.empty()) {
        Result<Program> alone = compile_session(rule_file_, *text, {});
        if (alone.ok()) {
          // Why they do not: the errors, then the file's own warnings.
          outcome.diagnostics = located(all.diagnostics, declarations_, lines);
          outcome.notes.push_back(
              "the typed declarations do not compile with the rule file as it is now: dropped " +
              std::to_string(declarations_.size()));
          kept.clear();
          all = std::move(alone);
        }
      }
      const std::vector<Diagnostic> found = located(all.diagnostics, kept, lines);
      outcome.diagnostics.insert(outcome.diagnostics.end(), found.begin(), found.end());
      if (all.ok()) {
        file_text_ = *text;
        file_lines_ = lines;
        declarations_ = kept;
        shown_.clear();
        adopt(std::move(*all.value), outcome);
      } else {
        outcome.ok = false;
        if (program_) outcome.notes.push_back("kept the rules loaded before");
      }
    }
  }
  if (!data_directory_.empty()) {
    Outcome data = load_data(data_directory_);
    outcome.ok = outcome.ok && data.ok;
    outcome.diagnostics.insert(outcome.diagnostics.end(), data.diagnostics.begin(),
                               data.diagnostics.end());
    outcome.notes.insert(outcome.notes.end(), data.notes.begin(), data.notes.end());
  }
  check_context(outcome);
  return outcome;
}

Diagnostic Session::missing_rules() const {
  if (!rule_file_.empty()) {
    return repl_error("the rule file '" + rule_file_ +
                      "' has errors: fix it and :reload, or :load another");
  }
  return repl_error(
      "there are no rules yet: :load FILE, or declare a scale (scale agreement 1..5) or a "
      "preset (import likert)");
}

Outcome Session::declare(const std::string& text, InputKind kind) {
  if (!rule_file_.empty() && !program_) return {false, {missing_rules()}, {}};
  std::vector<std::string> candidate = declarations_;
  if (kind == InputKind::scale_clause) {
    const std::vector<Token> last =
        candidate.empty() ? std::vector<Token>{} : tokenize(candidate.back());
    const bool after_scale = !last.empty() && is_word(last.front(), "scale");
    if (!after_scale) {
      return {false,
              {repl_error("`band` and `not a rating:` continue a scale: type them after "
                          "`scale NAME LOW..HIGH`, or on its line")},
              {}};
    }
    candidate.back() += '\n' + text;
  } else {
    candidate.push_back(text);
  }
  Result<Program> compiled = compile_with(candidate);
  // What concerns the new declaration: every error, and its own warnings.
  const std::string name = rule_file_.empty() ? kTyped : rule_file_;
  int first = file_lines_ + 1;
  for (std::size_t i = 0; i + 1 < candidate.size(); ++i)
    first += count_lines(candidate[i]) + 1;
  std::vector<Diagnostic> relevant;
  for (const Diagnostic& d : compiled.diagnostics) {
    if (d.severity == Severity::error || (d.file == name && d.line >= first)) {
      relevant.push_back(d);
    }
  }
  Outcome outcome;
  outcome.diagnostics = located(relevant, candidate, file_lines_);
  if (!compiled.ok()) {
    outcome.ok = false;
    return outcome;
  }
  declarations_ = std::move(candidate);
  adopt(std::move(*compiled.value), outcome);
  check_context(outcome);
  return outcome;
}

Outcome Session::set_item(const std::optional<std::string>& item) {
  if (!item) {
    context_.item.reset();
    return {};
  }
  if (!study_) return {false, {repl_error("no data to choose a statement from: :data DIR")}, {}};
  const std::vector<std::string> items = study_->items();
  if (!contains(items, *item)) {
    return {false,
            {repl_error("there is no statement '" + *item + "'" + did_you_mean(*item, items))},
            {}};
  }
  context_.item = item;
  return {};
}

Outcome Session::set_round(std::optional<int> round) {
  if (round && *round < 1) return {false, {repl_error("rounds are numbered from 1")}, {}};
  if (round && study_ && *round > study_->rounds()) {
    return {false,
            {repl_error("there is no round " + std::to_string(*round) +
                        ": the data has rounds 1 to " + std::to_string(study_->rounds()))},
            {}};
  }
  context_.round = round;
  return {};
}

Outcome Session::set_group(const std::optional<std::string>& group) {
  if (!group) {
    context_.group.reset();
    return {};
  }
  if (!study_ || !program_) {
    return {false, {repl_error("the groups come from the rules and the data: :data DIR")}, {}};
  }
  const std::vector<std::string> groups = this->groups();
  if (groups.empty()) {
    return {false, {repl_error("the rules declare no groups (groups from panel.COLUMN)")}, {}};
  }
  if (!contains(groups, *group)) {
    std::string list;
    for (const std::string& g : groups)
      list += (list.empty() ? "" : ", ") + g;
    return {false,
            {repl_error("there is no group '" + *group + "' (groups: " + list + ")" +
                        did_you_mean(*group, groups))},
            {}};
  }
  context_.group = group;
  return {};
}

int Session::round() const {
  if (context_.round) return *context_.round;
  return study_ ? study_->rounds() : 0;
}

std::string Session::context_label() const {
  std::string label = context_.item.value_or("");
  if (round() > 0) label += (label.empty() ? "r" : " r") + std::to_string(round());
  if (context_.group) label += (label.empty() ? "" : " ") + *context_.group;
  return label;
}

std::vector<Diagnostic> Session::unseen(const std::vector<Diagnostic>& diagnostics) {
  std::vector<Diagnostic> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity == Severity::error || shown_.insert(d.rendered).second) out.push_back(d);
  }
  return out;
}

}  // namespace tholos::cli::repl
