#include <gtest/gtest.h>

#include "grammar/parse_rules.hpp"

namespace tholos::grammar {
namespace {

struct Parsed {
  SourceFile source;
  DiagnosticList diagnostics;
  ast::Module module;
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>(Parsed{SourceFile("t.tholos", text), {}, {}});
  p->module = parse_rule_file(p->source, p->diagnostics);
  return p;
}

const ast::Expr& measure(const Parsed& p, std::size_t index) {
  return *std::get<ast::MeasureDecl>(p.module.decls.at(index).body).value;
}

std::string text(const Parsed& p, const ast::Expr& e) {
  return p.source.text().substr(e.span.begin, e.span.end - e.span.begin);
}

TEST(Parse, ExampleProtocolDeclarations) {
  auto p = parse(
      "study \"Peer support\"\n"
      "scale agreement 1..5\n  not a rating: \"DK\", \"NA\"\n  band agree = 4..5\n  band yes = 5\n"
      "quantiles type 6\ndenominator respondents\ngroups from panel.group\n"
      "criteria useful, acceptable on agreement\n"
      "param threshold = 70% \"needed\"\n"
      "measure agreement = share(rating in agree)\n"
      "classify statement\n  consensus when agreement >= threshold\n  otherwise open\n"
      "rerate when status = open\n"
      "require each statement, each group: respondents >= 5 warn \"few\"\n"
      "stop when round = 3 \"three rounds\"\n");
  ASSERT_FALSE(p->diagnostics.has_errors()) << p->diagnostics.items()[0].rendered;
  ASSERT_EQ(p->module.decls.size(), 12u);
  EXPECT_EQ(std::get<ast::StudyDecl>(p->module.decls[0].body).title, "Peer support");
  const auto& scale = std::get<ast::ScaleDecl>(p->module.decls[1].body);
  EXPECT_EQ(scale.name.text, "agreement");
  EXPECT_EQ(scale.codes.size(), 2u);
  EXPECT_EQ(scale.codes[1].text, "NA");
  ASSERT_EQ(scale.bands.size(), 2u);
  EXPECT_TRUE(scale.bands[1].low == scale.bands[1].high);
  EXPECT_EQ(std::get<ast::QuantilesDecl>(p->module.decls[2].body).type, 6);
  EXPECT_EQ(std::get<ast::DenominatorDecl>(p->module.decls[3].body).denominator,
            ast::Denominator::respondents);
  EXPECT_EQ(std::get<ast::GroupsDecl>(p->module.decls[4].body).column.text, "group");
  const auto& criteria = std::get<ast::CriteriaDecl>(p->module.decls[5].body);
  EXPECT_EQ(criteria.names.size(), 2u);
  EXPECT_EQ(criteria.scale->text, "agreement");
  EXPECT_EQ(std::get<ast::ParamDecl>(p->module.decls[6].body).description, "needed");
  const auto& classify = std::get<ast::ClassifyDecl>(p->module.decls[8].body);
  ASSERT_EQ(classify.cases.size(), 2u);
  EXPECT_EQ(classify.cases[1].condition, nullptr);  // otherwise
  const auto& require = std::get<ast::RequireDecl>(p->module.decls[10].body);
  EXPECT_EQ(require.scopes.size(), 2u);
  EXPECT_TRUE(require.warn);
  EXPECT_EQ(require.message, "few");
  EXPECT_EQ(std::get<ast::StopDecl>(p->module.decls[11].body).message, "three rounds");
}

TEST(Parse, PrecedenceAndSpans) {
  auto p = parse("measure m = a + b * c >= 2 and not d or e\n");
  ASSERT_FALSE(p->diagnostics.has_errors());
  const ast::Expr& e = measure(*p, 0);
  // ((a + (b * c)) >= 2 and (not d)) or e
  ASSERT_EQ(e.op, ast::Op::logical_or);
  const ast::Expr& conj = *e.args[0];
  EXPECT_EQ(conj.op, ast::Op::logical_and);
  const ast::Expr& cmp = *conj.args[0];
  EXPECT_EQ(cmp.kind, ast::ExprKind::compare);
  EXPECT_EQ(text(*p, cmp), "a + b * c >= 2");
  EXPECT_EQ(cmp.args[0]->op, ast::Op::add);
  EXPECT_EQ(cmp.args[0]->args[1]->op, ast::Op::multiply);
  EXPECT_EQ(conj.args[1]->op, ast::Op::logical_not);
  EXPECT_EQ(text(*p, e), "a + b * c >= 2 and not d or e");
}

TEST(Parse, SubtractionAssociatesToTheLeftAndMinusBindsTightly) {
  auto p = parse("measure m = 10 - 3 - 2\nmeasure n = -x + 1\nmeasure r = x in -3..3\n");
  ASSERT_FALSE(p->diagnostics.has_errors());
  const ast::Expr& m = measure(*p, 0);
  EXPECT_EQ(text(*p, *m.args[0]), "10 - 3");  // (10 - 3) - 2
  const ast::Expr& n = measure(*p, 1);
  EXPECT_EQ(n.op, ast::Op::add);
  EXPECT_EQ(n.args[0]->op, ast::Op::negate);
  const ast::Expr& r = measure(*p, 2);
  ASSERT_EQ(r.args[1]->kind, ast::ExprKind::range);
  EXPECT_EQ(r.args[1]->number.value(), -3);
}

TEST(Parse, LiteralsAreExact) {
  auto p = parse("measure a = 62.5%\nmeasure b = 0.3\nmeasure c = \"say \\\"hi\\\"\"\n");
  ASSERT_FALSE(p->diagnostics.has_errors());
  EXPECT_TRUE(measure(*p, 0).number == ast::Number::ratio(5, 8));
  EXPECT_TRUE(measure(*p, 1).number == ast::Number::ratio(3, 10));
  EXPECT_EQ(measure(*p, 2).text, "say \"hi\"");
}

TEST(Parse, WhereQuantifiersCallsListsAndConditionals) {
  auto p = parse(
      "measure a = share(rating in agree where group = \"patient\")\n"
      "measure b = every group (x >= 70%)\n"
      "measure c = status in (consensus, \"in\")\n"
      "measure d = if round = 1 then 50% else 70%\n"
      "measure e = x is not missing\n"
      "measure f = count(statements where item.domain = \"value\")\n");
  ASSERT_FALSE(p->diagnostics.has_errors()) << p->diagnostics.items()[0].rendered;
  EXPECT_EQ(measure(*p, 0).args[0]->kind, ast::ExprKind::where);
  EXPECT_EQ(measure(*p, 1).kind, ast::ExprKind::quantifier);
  EXPECT_EQ(measure(*p, 1).op, ast::Op::every);
  EXPECT_EQ(measure(*p, 2).args[1]->kind, ast::ExprKind::list);
  EXPECT_EQ(measure(*p, 2).args[1]->args.size(), 2u);
  EXPECT_EQ(measure(*p, 3).kind, ast::ExprKind::conditional);
  EXPECT_EQ(measure(*p, 4).op, ast::Op::is_not_missing);
  const ast::Expr& attr = *measure(*p, 5).args[0]->args[1]->args[0];
  EXPECT_EQ(attr.qualifier, "item");
  EXPECT_EQ(attr.text, "domain");
}

TEST(Parse, NodeIdsAreDenseAndUnique) {
  auto p = parse("measure a = 1 + 2 * 3\nmeasure b = f(x, y)\n");
  std::vector<int> seen(p->module.node_count, 0);
  for (std::size_t i = 0; i < 2; ++i) {
    ast::visit(measure(*p, i), [&](const ast::Expr& e) { ++seen.at(e.id); });
  }
  for (int count : seen)
    EXPECT_EQ(count, 1);
}

TEST(Parse, TypesetComparisonSymbolsAreAccepted) {
  auto p = parse("measure a = x \u2265 70%\nmeasure b = x \u2264 1\nmeasure c = x \u2260 2\n");
  ASSERT_FALSE(p->diagnostics.has_errors());
  EXPECT_EQ(measure(*p, 0).op, ast::Op::greater_equal);
  EXPECT_EQ(measure(*p, 1).op, ast::Op::less_equal);
  EXPECT_EQ(measure(*p, 2).op, ast::Op::not_equal);
}

TEST(Parse, AByteOrderMarkAndCrLfLineEndsAreAccepted) {
  // As Windows editors save files.
  auto p = parse("\xEF\xBB\xBFstudy \"t\"\r\nscale s 1..5\r\nmeasure m = median(rating)\r\n");
  EXPECT_FALSE(p->diagnostics.has_errors()) << p->diagnostics.items()[0].rendered;
  EXPECT_EQ(p->module.decls.size(), 3u);
  // Columns on the first line count from after the mark, as an editor
  // shows them, and the excerpt does not show it.
  auto bad = parse("\xEF\xBB\xBFscale s 1..\r\n");
  ASSERT_EQ(bad->diagnostics.error_count(), 1);
  EXPECT_EQ(bad->diagnostics.items()[0].rendered,
            "t.tholos:1:12: error: expected the upper bound of the range after '..', as in 4..5\n"
            " 1 | scale s 1..\n"
            "   |            ^");
}

TEST(ParseErrors, EveryBrokenDeclarationIsReportedAndTheRestStillParses) {
  auto p = parse(
      "measure a = (1 +\n"
      "measure b = 2\n"
      "mesure c = 3\n"
      "measure d = 4 ==\n"
      "stop when round = 3\n");
  EXPECT_EQ(p->diagnostics.error_count(), 3);
  ASSERT_EQ(p->module.decls.size(), 2u);  // b and the stop rule
  EXPECT_EQ(std::get<ast::MeasureDecl>(p->module.decls[0].body).name.text, "b");
  EXPECT_NE(p->diagnostics.items()[1].message.find("did you mean 'measure'"), std::string::npos);
}

TEST(ParseErrors, MessagesAreWrittenForPeopleNeverTypeNames) {
  const std::vector<std::string> broken = {"study",
                                           "study \"x",
                                           "scale",
                                           "scale s",
                                           "scale s 1..",
                                           "scale s 1..5 band",
                                           "quantiles",
                                           "quantiles type",
                                           "denominator",
                                           "denominator all",
                                           "groups",
                                           "groups from",
                                           "groups from x",
                                           "criteria",
                                           "criteria a,",
                                           "param",
                                           "param x",
                                           "param x =",
                                           "measure m = ",
                                           "measure m = f(",
                                           "measure m = (1",
                                           "measure m = every",
                                           "measure m = every group",
                                           "measure m = every group (",
                                           "measure m = if x",
                                           "measure m = if x then 1",
                                           "measure m = x in",
                                           "measure m = x is",
                                           "measure m = not",
                                           "measure m = x and",
                                           "measure m = x or",
                                           "measure m = x where",
                                           "measure m = 1 +",
                                           "measure m = 1 *",
                                           "measure m = -",
                                           "measure m = x >=",
                                           "measure m = \"a\\q\"",
                                           "measure m = panel.",
                                           "classify",
                                           "classify statement",
                                           "classify statement a when",
                                           "classify statement otherwise",
                                           "rerate",
                                           "rerate when",
                                           "require",
                                           "require each",
                                           "require each group",
                                           "stop",
                                           "stop when",
                                           "measure m = 1..",
                                           "measure m = x && y",
                                           "measure m = x || y",
                                           "measure m = 1 < 2 < 3",
                                           "classify statement\n and when x\n otherwise y",
                                           "@",
                                           "measure and = 1"};
  for (const std::string& text : broken) {
    auto p = parse(text);
    ASSERT_TRUE(p->diagnostics.has_errors()) << "no error for: " << text;
    for (const Diagnostic& d : p->diagnostics.items()) {
      EXPECT_EQ(d.message.find("tao::"), std::string::npos) << text << ": " << d.message;
      EXPECT_EQ(d.message.find("tholos::"), std::string::npos) << text << ": " << d.message;
      EXPECT_GT(d.line, 0) << text;
      EXPECT_FALSE(d.message.empty());
    }
  }
}

TEST(ParseErrors, NestingDeeperThanTheLimitIsAClearError) {
  const std::string deep = "measure m = " + std::string(64, '(') + "1" + std::string(64, ')');
  EXPECT_FALSE(parse(deep)->diagnostics.has_errors());
  const std::string deeper = "measure m = " + std::string(65, '(') + "1" + std::string(65, ')');
  auto p = parse(deeper);
  ASSERT_TRUE(p->diagnostics.has_errors());
  EXPECT_NE(p->diagnostics.items()[0].message.find("nested too deeply"), std::string::npos);
  // Ten thousand levels must not exhaust the stack (on lines of 100, to
  // stay within the line length limit).
  std::string huge = "measure m = ";
  for (int i = 0; i < 100; ++i)
    huge += std::string(100, '(') + "\n";
  auto h = parse(huge + "1");
  ASSERT_EQ(h->diagnostics.error_count(), 1) << h->diagnostics.items()[0].rendered;
  EXPECT_NE(h->diagnostics.items()[0].message.find("nested too deeply"), std::string::npos);
  std::string nots = "measure m = ";
  for (int i = 0; i < 5000; ++i)
    nots += "not\n";
  auto n = parse(nots + "x");
  ASSERT_EQ(n->diagnostics.error_count(), 1) << n->diagnostics.items()[0].rendered;
  EXPECT_NE(n->diagnostics.items()[0].message.find("nested too deeply"), std::string::npos);
}

TEST(ParseErrors, BinaryAndInvalidUtf8AreRejectedWithTheirPosition) {
  auto nul = parse(std::string("study \"x\"\nmeasure m = 1\0", 24));
  ASSERT_TRUE(nul->diagnostics.has_errors());
  EXPECT_NE(nul->diagnostics.items()[0].message.find("NUL byte"), std::string::npos);
  EXPECT_EQ(nul->diagnostics.items()[0].line, 2);
  auto bad = parse("study \"caf\xC3\"\n");
  ASSERT_TRUE(bad->diagnostics.has_errors());
  EXPECT_NE(bad->diagnostics.items()[0].message.find("UTF-8"), std::string::npos);
}

TEST(ParseExpression, LoneExpressionMustEndWhereItEnds) {
  DiagnosticList diagnostics;
  ast::NodeId next = 100;
  SourceFile ok("e", "share(rating in agree) >= 70%");
  EXPECT_NE(parse_expression(ok, next, diagnostics), nullptr);
  EXPECT_GT(next, 100u);
  SourceFile trailing("e", "x >= 1 y");
  EXPECT_EQ(parse_expression(trailing, next, diagnostics), nullptr);
  EXPECT_NE(diagnostics.items().back().message.find("unexpected text after the expression"),
            std::string::npos);
}

// After a broken declaration the parser resumes at the next line that
// starts a declaration, `import` included: the import is still read.
TEST(Parse, ResumesAtAnImportAfterAnError) {
  auto p = parse("param a =\nimport comet\nmeasure m = 1\n");
  // The error, then the import (this test parses with no import resolver).
  ASSERT_EQ(p->diagnostics.items().size(), 2u);
  EXPECT_EQ(p->diagnostics.items()[0].line, 1);
  EXPECT_EQ(p->diagnostics.items()[1].line, 2);
  EXPECT_EQ(p->diagnostics.items()[1].message, "imports are not available here");
  ASSERT_EQ(p->module.decls.size(), 2u);
  EXPECT_EQ(std::get<ast::ImportDecl>(p->module.decls[0].body).target, "comet");
  EXPECT_TRUE(std::holds_alternative<ast::MeasureDecl>(p->module.decls[1].body));
}

}  // namespace
}  // namespace tholos::grammar
