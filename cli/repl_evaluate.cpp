// Evaluating in the session: expressions over the data in the context,
// constant expressions without data, types, the explained report, params.
#include <stdexcept>

#include "cli/repl_output.hpp"
#include "cli/repl_session.hpp"

namespace tholos::cli::repl {
namespace {

// The rules used when the session has none.
constexpr const char* kMinimalSource = "scale points 1..5\n";

}  // namespace

const Program& Session::program_or_minimal() const {
  if (program_) return *program_;
  if (!minimal_program_) {
    Result<Program> compiled = compile(kMinimalSource);
    if (!compiled.ok()) throw std::runtime_error("the library rejects `scale points 1..5`");
    minimal_program_ = std::move(*compiled.value);
  }
  return *minimal_program_;
}

std::vector<FunctionDoc> Session::functions() const {
  return program_or_minimal().functions();
}

std::vector<Symbol> Session::symbols() const {
  return program_or_minimal().symbols();
}

Result<std::string> Session::type_of(const std::string& expression) const {
  return tholos::type_of(program_or_minimal(), expression);
}

std::optional<Value> Session::param_value(const std::string& name) const {
  if (!program_) return std::nullopt;
  ExpressionOptions options;
  options.params = overrides_;
  const Result<ExpressionResult> result = evaluate_expression(*program_, name, options);
  if (!result.ok() || result.value->values.size() != 1) return std::nullopt;
  return result.value->values[0].value;
}

Evaluation Session::evaluate(const std::string& expression) const {
  Evaluation e;
  ExpressionOptions options;
  options.params = overrides_;
  if (!program_ || !study_) {
    Result<ExpressionResult> constant =
        evaluate_expression(program_or_minimal(), expression, options);
    if (constant.ok()) {
      e.type = constant.value->type;
      e.result = std::move(constant.value);
      e.diagnostics = std::move(constant.diagnostics);
      return e;
    }
    // The overrides were checked when set, so an expression that checks
    // and still has no value is one that needs the data.
    const Result<std::string> type = type_of(expression);
    e.diagnostics = type.diagnostics;
    if (!type.ok()) return e;
    e.type = *type.value;
    if (program_) {
      e.needs_data = true;
    } else {
      e.diagnostics.push_back(missing_rules());
    }
    return e;
  }
  options.item = context_.item;
  options.round = round();
  options.group = context_.group;
  Result<ExpressionResult> result = evaluate_expression(*program_, *study_, expression, options);
  e.diagnostics = std::move(result.diagnostics);
  if (result.ok()) {
    e.type = result.value->type;
    e.result = std::move(result.value);
  }
  return e;
}

Result<Report> Session::explained_report() const {
  if (!program_) return {std::nullopt, {missing_rules()}};
  if (!study_) return {std::nullopt, {repl_error("the verdicts need the data: :data DIR")}};
  EvalOptions options;
  options.params = overrides_;
  options.round = round();
  options.explain = true;
  return tholos::evaluate(*program_, *study_, options);
}

Outcome Session::set_param(const std::string& name, const std::string& given) {
  if (!program_) return {false, {missing_rules()}, {}};
  const std::string text(trim(given));
  std::vector<Diagnostic> problems = check_params(*program_, {{name, text}});
  if (has_errors(problems)) return {false, std::move(problems), {}};
  overrides_[name] = text;
  return {true, std::move(problems), {}};
}

Outcome Session::reset_param(const std::string& name) {
  if (overrides_.erase(name) == 0) {
    return {false, {repl_error("the param '" + name + "' has not been :set")}, {}};
  }
  return {};
}

}  // namespace tholos::cli::repl
