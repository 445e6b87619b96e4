// The grammar tries an operand's alternatives, and the operators after an
// operand, only when the next bytes can start them (grammar/predict.hpp).
// These inputs sit on the edges of those tests: words that start with a
// keyword, comments between a name and its '(', numbers that are or are not
// ranges and percentages. Each must parse as sor/star/opt would parse it.
#include <gtest/gtest.h>

#include <string>

#include "grammar/parse_rules.hpp"

namespace tholos::grammar {
namespace {

// The expression's shape: (op a b) for operators, name, f(args), number
// text as written in the source.
std::string shape(const SourceFile& source, const ast::Expr& e) {
  const auto written = [&](const ast::Expr& x) {
    return source.text().substr(x.span.begin, x.span.end - x.span.begin);
  };
  std::string args;
  for (const auto& a : e.args)
    args.append(" ").append(shape(source, *a));  // (not " " + ...: GCC 12 -Wrestrict, bug 105651)
  switch (e.kind) {
    case ast::ExprKind::number:
    case ast::ExprKind::percent:
    case ast::ExprKind::range:
    case ast::ExprKind::boolean:
    case ast::ExprKind::string:
      return written(e);
    case ast::ExprKind::name:
      return e.qualifier.empty() ? e.text : e.qualifier + "." + e.text;
    case ast::ExprKind::call:
      return e.text + "(" + (args.empty() ? "" : args.substr(1)) + ")";
    case ast::ExprKind::list:
      return "(list" + args + ")";
    case ast::ExprKind::in:
      return "(in" + args + ")";
    case ast::ExprKind::where:
      return "(where" + args + ")";
    case ast::ExprKind::conditional:
      return "(if" + args + ")";
    default:
      return std::string("(").append(ast::op_text(e.op)).append(args).append(")");
  }
}

std::string parse_shape(const std::string& text) {
  SourceFile source("e.tholos", text);
  DiagnosticList diagnostics;
  ast::NodeId next_id = 0;
  ast::ExprPtr e = parse_expression(source, next_id, diagnostics);
  if (!e) return "error: " + diagnostics.items().at(0).message;
  return shape(source, *e);
}

TEST(Prediction, WordsThatStartWithAKeywordAreNames) {
  EXPECT_EQ(parse_shape("iffy + everyone - anyway"), "(- (+ iffy everyone) anyway)");
  EXPECT_EQ(parse_shape("trueness * falsehood"), "(* trueness falsehood)");
  EXPECT_EQ(parse_shape("notable and android"), "(and notable android)");
  EXPECT_EQ(parse_shape("order or island"), "(or order island)");
  EXPECT_EQ(parse_shape("instance = isotope"), "(= instance isotope)");
  EXPECT_EQ(parse_shape("wherever"), "wherever");
  EXPECT_EQ(parse_shape("panelists + items"), "(+ panelists items)");
}

TEST(Prediction, KeywordsStartTheirForms) {
  EXPECT_EQ(parse_shape("if a then b else c"), "(if a b c)");
  EXPECT_EQ(parse_shape("every group (x > 1)"), "(every (> x 1))");
  EXPECT_EQ(parse_shape("any group(x)"), "(any x)");
  EXPECT_EQ(parse_shape("not a and not b"), "(and (not a) (not b))");
  EXPECT_EQ(parse_shape("true or false"), "(or true false)");
  EXPECT_EQ(parse_shape("panel.group = item.domain"), "(= panel.group item.domain)");
  EXPECT_EQ(parse_shape("x in agree"), "(in x agree)");
  EXPECT_EQ(parse_shape("x is not missing"), "(is not missing x)");
  EXPECT_EQ(parse_shape("share(rating where group = \"p\")"),
            "share((where rating (= group \"p\")))");
}

TEST(Prediction, CallsAcrossBlankSpaceAndComments) {
  EXPECT_EQ(parse_shape("f(a, b)"), "f(a b)");
  EXPECT_EQ(parse_shape("f (a)"), "f(a)");
  EXPECT_EQ(parse_shape("f # the function\n  (a)"), "f(a)");
  EXPECT_EQ(parse_shape("f\n\t(a)"), "f(a)");
  EXPECT_EQ(parse_shape("f + (a)"), "(+ f a)");
}

TEST(Prediction, NumbersRangesAndPercentages) {
  EXPECT_EQ(parse_shape("4..5"), "4..5");
  EXPECT_EQ(parse_shape("-3..3"), "-3..3");
  EXPECT_EQ(parse_shape("1e1..2e1"), "1e1..2e1");
  EXPECT_EQ(parse_shape("4.5"), "4.5");
  EXPECT_EQ(parse_shape("-4.5"), "(- 4.5)");
  EXPECT_EQ(parse_shape("- 3"), "(- 3)");
  EXPECT_EQ(parse_shape("--3"), "(- (- 3))");
  EXPECT_EQ(parse_shape("62.5%"), "62.5%");
  EXPECT_EQ(parse_shape("70 % 2"), "error: unexpected text after the expression");
  EXPECT_EQ(parse_shape("x in 4..5"), "(in x 4..5)");
  EXPECT_EQ(parse_shape("2e3"), "2e3");
  EXPECT_EQ(parse_shape("1.5e-2 * 3"), "(* 1.5e-2 3)");
}

TEST(Prediction, OperatorsAfterBlankSpaceAndComments) {
  EXPECT_EQ(parse_shape("a\n  * b\n  + c"), "(+ (* a b) c)");
  EXPECT_EQ(parse_shape("a # first\n  and b # second\n  or c"), "(or (and a b) c)");
  EXPECT_EQ(parse_shape("a\t>=\tb"), "(>= a b)");
  EXPECT_EQ(parse_shape("a \xE2\x89\xA4 b"), "(<= a b)");
  EXPECT_EQ(parse_shape("a \xE2\x89\xA0 b"), "(!= a b)");
  EXPECT_EQ(parse_shape("a / b"), "(/ a b)");
  EXPECT_EQ(parse_shape("x # c\n  where y"), "(where x y)");
}

TEST(Prediction, ErrorsAreUnchanged) {
  EXPECT_EQ(parse_shape("a // b"),
            "error: '//' does not start a comment: Tholos comments start with # and run to the "
            "end of the line; write # instead of //");
  EXPECT_EQ(parse_shape("a && b"), "error: '&&' is not an operator in Tholos: write 'and'");
  EXPECT_EQ(parse_shape("a || b"), "error: '||' is not an operator in Tholos: write 'or'");
  EXPECT_EQ(parse_shape("a == b"),
            "error: '==' is not an operator in Tholos: write '=' to compare");
  EXPECT_EQ(parse_shape("4..x"),
            "error: expected the upper bound of the range after '..', as in 4..5");
}

// A word that starts with a declaration keyword is reported whole, at its
// start. (Before, PEGTL's last alternative did not rewind: `stopclassify`
// was reported at "classify", as if `stop` had been read.)
TEST(Prediction, AWordThatStartsWithAKeywordIsReportedWhole) {
  SourceFile source("r.tholos", "param a = 1\nstopclassify when a > 1\n");
  DiagnosticList diagnostics;
  parse_rule_file(source, diagnostics);
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].message,
            "unknown declaration 'stopclassify'; did you mean 'classify'?");
  EXPECT_EQ(diagnostics.items()[0].line, 2);
  EXPECT_EQ(diagnostics.items()[0].column, 1);
}

}  // namespace
}  // namespace tholos::grammar
