// The compiled plan: what is computed once per statement and round.
#include <gtest/gtest.h>

#include <algorithm>

#include "grammar/parse_rules.hpp"
#include "interpreter/bound_study.hpp"
#include "interpreter/check.hpp"
#include "interpreter/plan.hpp"
#include "study/load_study.hpp"

namespace tholos::interp {
namespace {

struct Compiled {
  std::shared_ptr<const CheckedProgram> program;
  std::shared_ptr<const BoundStudy> study;
  Plan plan;
};

Compiled compile_for_basic_study(const std::string& rules) {
  DiagnosticList diagnostics;
  auto source = std::make_shared<SourceFile>("t.tholos", rules);
  auto module = std::make_shared<ast::Module>(grammar::parse_rule_file(*source, diagnostics));
  Compiled c;
  c.program = check_program(source, module, diagnostics);
  EXPECT_TRUE(c.program) << (diagnostics.items().empty() ? "" : diagnostics.items()[0].rendered);
  auto data = study::load_study_directory(std::string(THOLOS_SOURCE_DIR) + "/tests/lang/data/basic",
                                          diagnostics);
  c.study = bind_study(*c.program, std::make_shared<const study::StudyData>(std::move(*data)),
                       diagnostics);
  EXPECT_TRUE(c.study);
  std::vector<Scalar> params;
  for (const auto& p : c.program->params)
    params.push_back(p.value);
  c.plan = build_plan(*c.program, *c.study, params);
  return c;
}

std::size_t count_ops(const Code& code, Opcode op) {
  return static_cast<std::size_t>(std::count_if(code.instrs.begin(), code.instrs.end(),
                                                [&](const Instr& i) { return i.op == op; }));
}

const std::string kPreamble =
    "scale agreement 1..5\n  not a rating: \"DK\"\n  band agree = 4..5\nquantiles type 7\n"
    "denominator valid ratings\ngroups from panel.group\n";

TEST(Plan, EachMeasureAndRatingVectorIsComputedOncePerStatement) {
  const Compiled c =
      compile_for_basic_study(kPreamble +
                              "measure agreement = share(rating in agree)\n"
                              "measure spread = iqr(rating)\n"
                              "measure middle = median(rating)\n"
                              "classify statement\n"
                              "  consensus when agreement >= 70% and spread <= 1 and middle >= 4\n"
                              "  weak when agreement >= 50% and spread <= 2\n"
                              "  otherwise open\n"
                              "rerate when agreement < 70%\n"
                              "require each statement: agreement >= 0% and spread >= 0\n");
  const Code& code = c.plan.statement;
  // One rating vector, one histogram, from which every statistic is computed.
  EXPECT_EQ(count_ops(code, Opcode::ratings), 1u);
  EXPECT_EQ(count_ops(code, Opcode::histogram), 1u);
  // share, iqr and median: one call each, however often they are used.
  EXPECT_EQ(count_ops(code, Opcode::call), 3u);
  // Eight distinct comparisons, each once, although the explanations use
  // them again: agreement >= 70%, spread <= 1, middle >= 4, agreement >= 50%,
  // spread <= 2, agreement < 70%, agreement >= 0%, spread >= 0.
  EXPECT_EQ(count_ops(code, Opcode::compare), 8u);
}

TEST(Plan, FilteredVectorsAreComputedOncePerFilter) {
  const Compiled c = compile_for_basic_study(
      kPreamble +
      "measure a1 = share(rating in agree where group = \"a\")\n"
      "measure a2 = median(rating where group = \"a\")\n"
      "measure a3 = count(rating where group = \"a\") + count(rating where group = \"a\")\n"
      "measure b1 = median(rating where group = \"b\")\n");
  const Code& code = c.plan.statement;
  // Two filters (a, b): two rating vectors and two histograms.
  EXPECT_EQ(count_ops(code, Opcode::ratings), 2u);
  EXPECT_EQ(count_ops(code, Opcode::histogram), 2u);
}

TEST(Plan, EveryGroupBecomesOneCopyPerGroupSharingTheirMeasures) {
  const Compiled c = compile_for_basic_study(kPreamble +
                                             "measure agreement = share(rating in agree)\n"
                                             "measure all_agree = every group (agreement >= 70%)\n"
                                             "measure some_agree = any group (agreement >= 70%)\n");
  const Code& code = c.plan.statement;
  // Pooled plus three groups (a, b, c): four rating vectors, four shares,
  // used by both quantifiers.
  EXPECT_EQ(count_ops(code, Opcode::ratings), 4u);
  EXPECT_EQ(count_ops(code, Opcode::call), 4u);
  EXPECT_EQ(count_ops(code, Opcode::all_of), 1u);
  EXPECT_EQ(count_ops(code, Opcode::any_of), 1u);
  // The measure used inside the quantifiers is reported per group.
  ASSERT_EQ(c.plan.statement_measures[0].group_slots.size(), 3u);
}

TEST(Plan, BandSharesCountFromTheHistogramWithoutBuildingFlags) {
  const Compiled c =
      compile_for_basic_study(kPreamble + "measure agreement = share(rating in agree)\n");
  EXPECT_EQ(count_ops(c.plan.statement, Opcode::band_tally), 1u);
  EXPECT_EQ(count_ops(c.plan.statement, Opcode::vector_in), 0u);
}

TEST(Plan, RoundAggregatesReadOneColumnPerCondition) {
  const Compiled c = compile_for_basic_study(
      kPreamble +
      "measure agreement = share(rating in agree)\n"
      "classify statement\n  consensus when agreement >= 70%\n  otherwise open\n"
      "measure open_count = count(statements where status = open)\n"
      "stop when count(statements where status = open) = 0\n"
      "stop when share(statements where status = open) < 10%\n");
  // Three uses of `statements where status = open`: one stored column.
  EXPECT_EQ(c.plan.tally_columns.size(), 1u);
  EXPECT_EQ(count_ops(c.plan.round, Opcode::statement_tally), 1u);
}

}  // namespace
}  // namespace tholos::interp
