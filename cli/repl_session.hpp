// The REPL's session: the rule file and the declarations typed so far,
// compiled together; the study's data; the context (statement, round,
// group) and param overrides an expression is evaluated with. It uses the
// public API only and prints nothing: callers show what it returns.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/repl_syntax.hpp"
#include "tholos/tholos.hpp"

namespace tholos::cli::repl {

struct Context {
  std::optional<std::string> item;
  std::optional<int> round;  // unset: the last round with data
  std::optional<std::string> group;
};

// What a change to the session gave: diagnostics and lines to show.
struct Outcome {
  bool ok = true;
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> notes;
};

// An expression's value(s), or why there are none.
struct Evaluation {
  std::vector<Diagnostic> diagnostics;
  // Over the study's data; without data, one value (round 0) when it needs none.
  std::optional<ExpressionResult> result;
  std::string type;
  bool needs_data = false;  // it is well typed, but its value needs the data
};

class Session {
 public:
  // The rule file: replaces the session's rules and drops typed
  // declarations. When it does not compile, the rules loaded before are
  // kept, unless `at_start` (then the file is kept, to be fixed and reloaded).
  Outcome load_rules(const std::string& path, bool at_start = false);
  Outcome load_data(const std::string& directory);
  // Reads the rule file and the data again from disk.
  Outcome reload();
  // A declaration, or a clause (band, not a rating) continuing the last
  // typed scale: added when the program still compiles.
  Outcome declare(const std::string& text, InputKind kind);

  Outcome set_param(const std::string& name, const std::string& text);
  Outcome reset_param(const std::string& name);
  Outcome set_item(const std::optional<std::string>& item);
  Outcome set_round(std::optional<int> round);
  Outcome set_group(const std::optional<std::string>& group);

  Evaluation evaluate(const std::string& expression) const;
  Result<std::string> type_of(const std::string& expression) const;
  // The value of the param `name` with the :set overrides (nothing without rules).
  std::optional<Value> param_value(const std::string& name) const;
  // The report of the context's round, with the explanation of each verdict.
  Result<Report> explained_report() const;

  // Drops warnings shown before: each is shown once per loaded program.
  std::vector<Diagnostic> unseen(const std::vector<Diagnostic>& diagnostics);

  const Context& context() const { return context_; }
  // The round expressions are evaluated in: the context's, else the last
  // one with data; 0 without data.
  int round() const;
  // "S12 r2 patient": the prompt's context.
  std::string context_label() const;

  const std::optional<Program>& program() const { return program_; }
  const std::optional<Study>& study() const { return study_; }
  const std::string& rule_file() const { return rule_file_; }
  const std::string& data_directory() const { return data_directory_; }
  const std::vector<std::string>& declarations() const { return declarations_; }
  // The groups of the rules' `groups from panel.COLUMN` in the data.
  std::vector<std::string> groups() const;
  // The :set overrides, NAME -> value as typed.
  const std::map<std::string, std::string>& overrides() const { return overrides_; }
  // The functions an expression can call and the names it can use (also
  // without rules).
  std::vector<FunctionDoc> functions() const;
  std::vector<Symbol> symbols() const;

 private:
  Result<Program> compile_with(const std::vector<std::string>& declarations) const;
  // Diagnostics inside the typed declarations point into them ("<input>").
  std::vector<Diagnostic> located(const std::vector<Diagnostic>& diagnostics,
                                  const std::vector<std::string>& declarations,
                                  int file_lines) const;
  // Why there is no program: no rules yet, or a rule file with errors.
  Diagnostic missing_rules() const;
  void adopt(Program program, Outcome& outcome);
  void check_context(Outcome& outcome);
  // The session's program, else the smallest one there is (a scale alone),
  // for the functions and for expressions that need no rules.
  const Program& program_or_minimal() const;

  std::string rule_file_;  // empty: no rule file
  std::string file_text_;
  int file_lines_ = 0;
  std::vector<std::string> declarations_;
  std::optional<Program> program_;
  std::string data_directory_;
  std::optional<Study> study_;
  Context context_;
  std::map<std::string, std::string> overrides_;
  std::set<std::string> shown_;
  mutable std::optional<Program> minimal_program_;
};

}  // namespace tholos::cli::repl
