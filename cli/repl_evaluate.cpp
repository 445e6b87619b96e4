// Evaluating in the session: expressions over the data in the context,
// constant expressions without data, types, the explained report, params.
#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "cli/repl_output.hpp"
#include "cli/repl_session.hpp"

namespace tholos::cli::repl {
namespace {

// The rules used when the session has none, for the functions and for
// expressions that need no rules.
constexpr const char* kFallbackSource = "scale points 1..5\n";
constexpr const char* kValueParam = "__tholos_repl_value";
// Numerators a percentage literal can be written with (times 100).
constexpr std::int64_t kLargestPercentNumerator = std::numeric_limits<std::int64_t>::max() / 100;

bool mentions(const std::vector<Token>& tokens, std::string_view word) {
  return std::any_of(tokens.begin(), tokens.end(),
                     [&](const Token& t) { return t.kind == Token::Kind::word && t.text == word; });
}

std::string decimal(double x) {
  std::ostringstream out;
  out.precision(17);
  out << x;
  return out.str();
}

// A value as an expression that denotes it exactly.
std::string literal_text(const Value& v) {
  switch (v.kind) {
    case ValueKind::number:
      if (v.denominator > 0) {
        return "(" + std::to_string(v.numerator) + " / " + std::to_string(v.denominator) + ")";
      }
      return "(" + decimal(v.number) + ")";
    case ValueKind::percentage:
      if (v.denominator > 0 && std::abs(v.numerator) < kLargestPercentNumerator) {
        return "(" + std::to_string(v.numerator * 100) + "% / " + std::to_string(v.denominator) +
               ")";
      }
      return "(" + decimal(v.number * 100) + "%)";
    case ValueKind::boolean:
      return v.boolean ? "true" : "false";
    case ValueKind::range:
      return "(" + decimal(v.low) + ".." + decimal(v.high) + ")";
    default:
      return format_value(v);
  }
}

// The value of `param NAME = (TEXT)` compiled after `base`, when it is one.
std::optional<std::pair<Value, std::string>> fold(const std::string& base, const std::string& text,
                                                  const std::string& file_name) {
  CompileOptions options;
  options.file_name = file_name;
  std::string source = base;
  if (!source.empty() && source.back() != '\n') source += '\n';
  source += std::string("param ") + kValueParam + " = (\n" + text + "\n)\n";
  const Result<Program> compiled = compile(source, options);
  if (!compiled.ok()) return std::nullopt;
  for (const ProgramParam& p : compiled.value->params()) {
    if (p.name != kValueParam) continue;
    Value value = p.value;
    // Division by zero folds to a number without a value: it is missing.
    if ((value.kind == ValueKind::number || value.kind == ValueKind::percentage) &&
        value.denominator == 0 && value.number == 0) {
      value = Value{};
    }
    return std::make_pair(value, p.type);
  }
  return std::nullopt;
}

}  // namespace

const Program& Session::fallback_program() const {
  if (!fallback_) {
    Result<Program> compiled = compile(kFallbackSource);
    if (!compiled.ok()) throw std::runtime_error("the library rejects `scale points 1..5`");
    fallback_ = std::move(*compiled.value);
  }
  return *fallback_;
}

std::map<std::string, std::string> Session::param_texts() const {
  std::map<std::string, std::string> out;
  for (const auto& [name, value] : overrides_)
    out[name] = value.text;
  return out;
}

// Without data, an expression made of literals, params and bands has a
// value all the same: with each param and band written as its value, it is
// evaluated over the smallest study there is, with rules that declare only
// a scale.
std::optional<Value> Session::constant_value(const Program& program, const std::string& base,
                                             const std::string& expression) const {
  static const std::vector<std::string> kKept = {"true", "false", "and", "or", "not",    "if",
                                                 "then", "else",  "in",  "is", "missing"};
  const std::vector<Token> tokens = tokenize(expression);
  std::map<std::string, Value> params;
  for (const ProgramParam& p : program.params())
    params[p.name] = p.value;
  for (const auto& [name, value] : overrides_)
    params[name] = value.value;
  const std::vector<std::string> names = program.names();
  const std::string file_name = rule_file_.empty() ? "<input>" : rule_file_;
  std::string text;
  std::size_t at = 0;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (t.kind != Token::Kind::word) continue;
    const bool call = i + 1 < tokens.size() && tokens[i + 1].text == "(";
    if (call || std::find(kKept.begin(), kKept.end(), t.text) != kKept.end()) continue;
    std::optional<Value> value;
    if (const auto param = params.find(t.text); param != params.end()) {
      value = param->second;
    } else if (std::find(names.begin(), names.end(), t.text) != names.end()) {
      // A band is a range the library folds; other names need the data.
      const auto folded = fold(base, t.text, file_name);
      if (folded && folded->second == "range") value = folded->first;
    }
    if (!value) return std::nullopt;
    text += expression.substr(at, t.offset - at) + literal_text(*value);
    at = t.offset + t.text.size();
  }
  text += expression.substr(at);
  if (!smallest_study_) {
    StudyBuilder builder;
    builder.add_panelist("p");
    builder.add_item("s");
    builder.add_rating(1, "p", "s", 1);
    Result<Study> built = builder.build();
    if (!built.ok()) return std::nullopt;
    smallest_study_ = std::move(*built.value);
  }
  ExpressionOptions options;
  options.scope = ExpressionOptions::Scope::round;
  const Result<ExpressionResult> result =
      evaluate_expression(fallback_program(), *smallest_study_, text, options);
  if (!result.ok() || result.value->values.size() != 1) return std::nullopt;
  return result.value->values[0].value;
}

Result<std::string> Session::type_of(const std::string& expression) const {
  return tholos::type_of(program_ ? *program_ : fallback_program(), expression);
}

Evaluation Session::evaluate(const std::string& expression) const {
  Evaluation e;
  if (!program_ || !study_) {
    const Result<std::string> type = type_of(expression);
    e.diagnostics = type.diagnostics;
    if (!type.ok()) return e;
    e.type = *type.value;
    e.constant = program_ ? constant_value(*program_, source_with(declarations_), expression)
                          : constant_value(fallback_program(), kFallbackSource, expression);
    if (!e.constant && !program_) {
      e.diagnostics.push_back(missing_rules());
    } else {
      e.needs_data = !e.constant;
    }
    return e;
  }
  ExpressionOptions options;
  options.params = param_texts();
  options.item = context_.item;
  options.round = round();
  options.group = context_.group;
  // Without a statement, an expression that means the same for the round
  // (a constant, a count of statements) has one value; `respondents` and
  // `response_rate` mean the statement's unless asked otherwise.
  const std::vector<Token> tokens = tokenize(expression);
  if (!context_.item && !mentions(tokens, "respondents") && !mentions(tokens, "response_rate")) {
    options.scope = ExpressionOptions::Scope::round;
    Result<ExpressionResult> once = evaluate_expression(*program_, *study_, expression, options);
    if (once.ok()) {
      e.type = once.value->type;
      e.result = std::move(once.value);
      e.diagnostics = std::move(once.diagnostics);
      list_members(e, expression, tokens, options);
      return e;
    }
    options.scope = ExpressionOptions::Scope::automatic;
  }
  Result<ExpressionResult> result = evaluate_expression(*program_, *study_, expression, options);
  e.diagnostics = std::move(result.diagnostics);
  if (result.ok()) {
    e.type = result.value->type;
    e.result = std::move(result.value);
    list_members(e, expression, tokens, options);
  }
  return e;
}

// The library gives a set of statements no value to show; its members are
// the statements for which the condition after `where` holds.
void Session::list_members(Evaluation& e, const std::string& expression,
                           const std::vector<Token>& tokens, ExpressionOptions options) const {
  if (e.type != "statements" || tokens.empty() || tokens[0].text != "statements") return;
  std::string condition = "true";
  if (tokens.size() > 1) {
    if (tokens[1].text != "where" || tokens.size() < 3) return;
    condition = expression.substr(tokens[2].offset);
  }
  options.item.reset();
  options.scope = ExpressionOptions::Scope::statement;
  const Result<ExpressionResult> result =
      evaluate_expression(*program_, *study_, condition, options);
  if (!result.ok()) return;
  e.members.emplace();
  for (const ExpressionValue& v : result.value->values) {
    if (v.value.kind != ValueKind::boolean) {
      e.undecided.push_back(v.item);
    } else if (v.value.boolean) {
      e.members->push_back(v.item);
    }
  }
}

Result<Report> Session::explained_report() const {
  if (!program_) return {std::nullopt, {missing_rules()}};
  if (!study_) return {std::nullopt, {repl_error("the verdicts need the data: :data DIR")}};
  EvalOptions options;
  options.params = param_texts();
  options.round = round();
  options.explain = true;
  return tholos::evaluate(*program_, *study_, options);
}

Outcome Session::set_param(const std::string& name, const std::string& given) {
  if (!program_) return {false, {missing_rules()}, {}};
  const std::vector<ProgramParam> params = program_->params();
  const auto param = std::find_if(params.begin(), params.end(),
                                  [&](const ProgramParam& p) { return p.name == name; });
  if (param == params.end()) {
    std::vector<std::string> names = program_->param_names();
    return {false,
            {repl_error("there is no param '" + name + "' to set" +
                        (names.empty() ? "; the rules declare none" : did_you_mean(name, names)))},
            {}};
  }
  const std::string text(trim(given));
  const char* example = param->type == "percentage" ? "80%" : "1";
  auto refuse = [&](const std::string& why) { return Outcome{false, {repl_error(why)}, {}}; };
  // An override is a fixed value: a literal, or arithmetic on literals.
  const std::vector<Token> tokens = tokenize(text);
  const bool names = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) {
    return t.kind == Token::Kind::word && t.text != "true" && t.text != "false";
  });
  const auto folded = text.empty() || names ? std::nullopt : fold(kFallbackSource, text, "--set");
  if (!folded || folded->first.is_missing()) {
    return refuse("the value '" + text + "' for " + name + " must be a fixed value, as in :set " +
                  name + "=" + example);
  }
  Value value = folded->first;
  const std::string& type = folded->second;
  const auto numeric = [](const std::string& t) { return t == "number" || t == "percentage"; };
  if (!(numeric(type) && numeric(param->type)) && type != param->type) {
    return refuse(name + " is a " + param->type + ", and '" + text + "' is a " + type);
  }
  if (param->type == "percentage" && type == "number" && (value.number > 1 || value.number < 0)) {
    return refuse(name + " is a percentage: write " + text + "%");
  }
  if (numeric(param->type)) {
    value.kind = param->type == "percentage" ? ValueKind::percentage : ValueKind::number;
  }
  if (study_) {
    // The library has the last word.
    ExpressionOptions options;
    options.params = param_texts();
    options.params[name] = text;
    options.scope = ExpressionOptions::Scope::round;
    const Result<ExpressionResult> check = evaluate_expression(*program_, *study_, "1", options);
    if (!check.ok()) return {false, check.diagnostics, {}};
  }
  overrides_[name] = {text, value};
  return {};
}

Outcome Session::reset_param(const std::string& name) {
  if (overrides_.erase(name) == 0) {
    return {false, {repl_error("the param '" + name + "' has not been :set")}, {}};
  }
  return {};
}

}  // namespace tholos::cli::repl
