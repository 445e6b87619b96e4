// Expressions and introspection as tools (the REPL, an editor, a dashboard)
// use them: values without a study, the scope of an expression, sets of
// statements, param overrides checked ahead, and what a program declares.
#include <gtest/gtest.h>

#include <algorithm>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

const std::string kBasic = std::string(THOLOS_SOURCE_DIR) + "/tests/lang/data/basic";

const char* kRules = R"(
study "expression test"
scale agreement 1..5
  not a rating: "DK"
  band agree = 4..5
quantiles type 7
denominator valid ratings
groups from panel.group
param threshold = 70%  "agreement needed"
measure agreement = share(rating in agree)  "share in 4..5"
classify statement
  consensus when agreement >= threshold
  otherwise open
)";

Program compiled(const char* rules = kRules) {
  Result<Program> program = compile(rules);
  EXPECT_TRUE(program.ok()) << (program.diagnostics.empty() ? "" : program.diagnostics[0].rendered);
  return *program.value;
}

Value constant(const Program& program, const std::string& expression,
               std::map<std::string, std::string> params = {}) {
  ExpressionOptions options;
  options.params = std::move(params);
  Result<ExpressionResult> r = evaluate_expression(program, expression, options);
  EXPECT_TRUE(r.ok()) << expression << ": "
                      << (r.diagnostics.empty() ? "" : r.diagnostics[0].rendered);
  if (!r.ok()) return {};
  EXPECT_EQ(r.value->values.size(), 1u);
  EXPECT_EQ(r.value->values[0].item, "");
  EXPECT_EQ(r.value->round, 0);
  return r.value->values[0].value;
}

TEST(Expressions, ConstantsNeedNoStudy) {
  const Program program = compiled();
  // 17/24 = 0.7083 >= 0.70, but not >= 0.75 (threshold set to 75%).
  EXPECT_TRUE(constant(program, "17/24 >= threshold").boolean);
  EXPECT_FALSE(constant(program, "17/24 >= threshold", {{"threshold", "75%"}}).boolean);
  EXPECT_TRUE(constant(program, "18/24 >= threshold", {{"threshold", "75%"}}).boolean);
  // Exact: 70% * 2 is 7/5 (a product with a plain number is a plain number).
  const Value doubled = constant(program, "threshold * 2");
  EXPECT_EQ(doubled.kind, ValueKind::number);
  EXPECT_EQ(doubled.numerator, 7);
  EXPECT_EQ(doubled.denominator, 5);
  const Value band = constant(program, "agree");
  EXPECT_EQ(band.kind, ValueKind::range);
  EXPECT_EQ(band.low, 4);
  EXPECT_EQ(band.high, 5);
  EXPECT_TRUE(constant(program, "4.5 in agree and not (3 in agree)").boolean);
  EXPECT_TRUE(constant(program, "1/0").is_missing());
}

TEST(Expressions, AnExpressionThatNeedsDataSaysWhich) {
  const Program program = compiled();
  Result<ExpressionResult> r = evaluate_expression(program, "median(rating) >= 4");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.diagnostics[0].message.find("needs the study's data"), std::string::npos);
  EXPECT_NE(r.diagnostics[0].message.find("median(rating)"), std::string::npos);
  EXPECT_EQ(r.diagnostics[0].file, "<expression>");
  ExpressionOptions bad;
  bad.params["threshold"] = "eighty";
  EXPECT_FALSE(evaluate_expression(program, "threshold", bad).ok());
}

TEST(Expressions, WithoutAStatementAConstantHasOneValue) {
  const Program program = compiled();
  const Study study = *load_study(kBasic).value;
  Result<ExpressionResult> r = evaluate_expression(program, study, "threshold + 5%");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value->values.size(), 1u);
  EXPECT_EQ(r.value->values[0].item, "");
  EXPECT_EQ(r.value->values[0].value.numerator, 3);  // 75% = 3/4
  EXPECT_EQ(r.value->values[0].value.denominator, 4);
  // A statement's own value still has one value per statement (4 in round 1).
  ExpressionOptions round1;
  round1.round = 1;
  EXPECT_EQ(evaluate_expression(program, study, "respondents", round1).value->values.size(), 4u);
}

TEST(Expressions, ASetOfStatementsListsItsMembers) {
  const Program program = compiled();
  const Study study = *load_study(kBasic).value;
  ExpressionOptions round1;
  round1.round = 1;
  // Round 1 of the basic study: S1 9 of 12 ratings in 4..5 (75%), S2 8 of 10
  // valid (80%), S3 only DK and blanks (no agreement), S4 4 of 12 (33%).
  Result<ExpressionResult> r =
      evaluate_expression(program, study, "statements where agreement >= threshold", round1);
  ASSERT_TRUE(r.ok()) << r.diagnostics[0].rendered;
  EXPECT_EQ(r.value->type, "statements");
  ASSERT_EQ(r.value->values.size(), 1u);
  const Value& set = r.value->values[0].value;
  ASSERT_EQ(set.kind, ValueKind::vector);
  std::vector<std::string> members;
  for (const Value& v : set.elements)
    members.push_back(v.text);
  EXPECT_EQ(members, (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(r.value->undetermined, (std::vector<std::string>{"S3"}));
  EXPECT_EQ(format_value(set), R"(["S1", "S2"])");
  // All the statements of the round, and a count that cannot be decided.
  Result<ExpressionResult> all = evaluate_expression(program, study, "statements", round1);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all.value->values[0].value.elements.size(), 4u);
  EXPECT_TRUE(all.value->undetermined.empty());
  Result<ExpressionResult> count =
      evaluate_expression(program, study, "count(statements where agreement >= threshold)", round1);
  ASSERT_TRUE(count.ok());
  EXPECT_TRUE(count.value->values[0].value.is_missing());
}

TEST(Expressions, AWarningAboutTheExpressionPointsIntoIt) {
  const Program program = compiled();
  const Study study = *load_study(kBasic).value;
  Result<ExpressionResult> r =
      evaluate_expression(program, study, R"(count(rating where group = "d"))");
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics[0].severity, Severity::warning);
  EXPECT_EQ(r.diagnostics[0].file, "<expression>");
  EXPECT_EQ(r.diagnostics[0].line, 1);
  EXPECT_EQ(r.diagnostics[0].column, 28);
}

TEST(Expressions, ParamOverridesAreCheckedWithoutAStudy) {
  const Program program = compiled();
  EXPECT_TRUE(check_params(program, {{"threshold", "80%"}}).empty());
  const auto unknown = check_params(program, {{"treshold", "80%"}});
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0].message.find("did you mean 'threshold'"), std::string::npos);
  // Nothing near: every param is named; no params: that is said.
  const auto far = check_params(program, {{"quorum", "10"}});
  ASSERT_EQ(far.size(), 1u);
  EXPECT_EQ(far[0].message, "there is no param 'quorum' to set; the params are: threshold");
  const auto none =
      check_params(compiled("scale s 1..5\nmeasure m = median(rating)\n"), {{"quorum", "10"}});
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].message, "there is no param 'quorum' to set; the rules declare no params");
  const auto words = check_params(program, {{"threshold", "eighty"}});
  ASSERT_EQ(words.size(), 1u);
  EXPECT_EQ(words[0].severity, Severity::error);
  const auto zero = check_params(program, {{"threshold", "1/0"}});
  ASSERT_EQ(zero.size(), 1u);
  const auto whole = check_params(program, {{"threshold", "80"}});
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_NE(whole[0].message.find("write 80%"), std::string::npos);
}

TEST(Introspection, SymbolsSayWhatEachNameIs) {
  const Program program = compiled();
  const std::vector<Symbol> symbols = program.symbols();
  auto find = [&](const std::string& name) {
    const auto it = std::find_if(symbols.begin(), symbols.end(),
                                 [&](const Symbol& s) { return s.name == name; });
    EXPECT_NE(it, symbols.end()) << name;
    return it == symbols.end() ? Symbol{} : *it;
  };
  EXPECT_EQ(find("agreement").kind, Symbol::Kind::measure);
  EXPECT_EQ(find("agreement").type, "percentage");
  EXPECT_EQ(find("agreement").description, "share in 4..5");
  EXPECT_EQ(find("threshold").kind, Symbol::Kind::param);
  EXPECT_EQ(find("agree").kind, Symbol::Kind::band);
  EXPECT_EQ(find("consensus").kind, Symbol::Kind::label);
  EXPECT_EQ(find("rating").kind, Symbol::Kind::builtin);
  EXPECT_EQ(find("rating").type, "ratings");
  // Every name an expression can use is a symbol, and every symbol but a
  // label is such a name.
  std::vector<std::string> names;
  for (const Symbol& s : symbols) {
    if (s.kind != Symbol::Kind::label) names.push_back(s.name);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, program.names());
  // The built-ins' types are the types the checker gives them.
  for (const Symbol& s : symbols) {
    if (s.kind != Symbol::Kind::builtin || s.name == "group" || s.name == "panelist") continue;
    Result<std::string> type = type_of(program, s.name);
    ASSERT_TRUE(type.ok()) << s.name;
    EXPECT_EQ(s.type, *type.value) << s.name;
  }
}

TEST(Introspection, TheGroupsColumn) {
  EXPECT_EQ(compiled().groups_column(), "group");
  EXPECT_EQ(compiled("study \"t\"\nscale s 1..5\n").groups_column(), std::nullopt);
}

}  // namespace
}  // namespace tholos
