// Evaluation-time problems (a division by zero, a group with no ratings, too
// few ratings) leave values missing; the report lists each one next to the
// statement, group or round it affects, with the operation that left the
// gap, and a requirement that cannot be decided says why.
#include <gtest/gtest.h>

#include <algorithm>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

// Group a: P1 P2 P3; group b: P4 P5. In round 1 group b answers S1 only
// with "DK" and a blank, so S1 has no valid rating in group b.
//   S1: 5 4 1        -> agreement 2/3, ratio = (10/3) / (3 - 5) = -5/3
//   S2: 4 4 4 4 4    -> ratio = 4 / (5 - 5): division by zero
// Round: count(statements) - 2 = 0, so `per_pair` divides by zero.
const char* kRules = R"(
scale agreement 1..5
  not a rating: "DK"
denominator valid ratings
groups from panel.group
measure agreement = share(rating in 4..5)
measure ratio = mean(rating) / (count(rating) - 5)
measure spread = sd(rating)
measure per_pair = count(statements) / (count(statements) - 2)
classify statement
  consensus when every group (agreement >= 70%)
  otherwise open
require each statement: ratio >= 0 warn "ratio is not negative"
)";

Study study() {
  StudyBuilder b;
  b.panel_columns({"group"});
  b.add_panelist("P1", {"a"});
  b.add_panelist("P2", {"a"});
  b.add_panelist("P3", {"a"});
  b.add_panelist("P4", {"b"});
  b.add_panelist("P5", {"b"});
  b.add_item("S1", {});
  b.add_item("S2", {});
  b.add_rating(1, "P1", "S1", 5);
  b.add_rating(1, "P2", "S1", 4);
  b.add_rating(1, "P3", "S1", 1);
  b.add_code(1, "P4", "S1", "DK");
  b.add_blank(1, "P5", "S1");
  for (const char* p : {"P1", "P2", "P3", "P4", "P5"})
    b.add_rating(1, p, "S2", 4);
  Result<Study> built = b.build();
  EXPECT_TRUE(built.ok()) << built.diagnostics.at(0).rendered;
  return *built.value;
}

Report evaluated() {
  Result<Program> program = compile(kRules);
  EXPECT_TRUE(program.ok()) << program.diagnostics.at(0).rendered;
  Result<Report> report = evaluate(*program.value, study());
  EXPECT_TRUE(report.ok()) << report.diagnostics.at(0).rendered;
  return *report.value;
}

const StatementResult& statement(const Report& report, const std::string& item) {
  const auto& all = report.rounds.at(0).statements;
  auto it = std::find_if(all.begin(), all.end(), [&](const auto& s) { return s.item == item; });
  EXPECT_NE(it, all.end());
  return *it;
}

TEST(MissingValues, AGroupWithNoRatingsIsListedWithTheStatementAndGroup) {
  const Report report = evaluated();
  const StatementResult& s1 = statement(report, "S1");
  // S1's own measures all have values (sd of 5 4 1 too).
  ASSERT_EQ(s1.missing.size(), 1u);
  EXPECT_EQ(s1.missing[0].measure, "agreement");
  EXPECT_EQ(s1.missing[0].group, "b");
  EXPECT_EQ(s1.missing[0].reason, "share(rating in 4..5) has no ratings to work on");
  // Group a's 2 of 3 is below 70%, so `every group` is false whatever b is:
  // the status is decided (Kleene logic), not undetermined.
  EXPECT_TRUE(s1.verdict.determined);
  EXPECT_EQ(s1.verdict.status, "open");
}

TEST(MissingValues, ADivisionByZeroIsListedWithItsExpressionAsWritten) {
  const Report report = evaluated();
  const StatementResult& s2 = statement(report, "S2");
  ASSERT_EQ(s2.missing.size(), 1u);
  EXPECT_EQ(s2.missing[0].measure, "ratio");
  EXPECT_EQ(s2.missing[0].group, "");
  EXPECT_EQ(s2.missing[0].reason, "mean(rating) / (count(rating) - 5) divides by zero");
  const RoundResult& round = report.rounds.at(0);
  ASSERT_EQ(round.missing.size(), 1u);
  EXPECT_EQ(round.missing[0].measure, "per_pair");
  EXPECT_EQ(round.missing[0].reason, "count(statements) / (count(statements) - 2) divides by zero");
}

TEST(MissingValues, AnUndecidableRequirementCountsAsUndeterminedWithItsReason) {
  const Report report = evaluated();
  const RequirementResult& r = report.rounds.at(0).requirements.at(0);
  EXPECT_EQ(r.checked, 2);
  EXPECT_EQ(r.passed, 0);
  EXPECT_EQ(r.failed, 1);        // S1: ratio = -5/3
  EXPECT_EQ(r.undetermined, 1);  // S2: no ratio
  ASSERT_EQ(r.failures.size(), 2u);
  EXPECT_EQ(r.failures[0].item, "S1");
  EXPECT_EQ(r.failures[0].reason, "");
  EXPECT_EQ(r.failures[1].item, "S2");
  EXPECT_EQ(r.failures[1].reason, "mean(rating) / (count(rating) - 5) divides by zero");
}

TEST(MissingValues, EveryFormatShowsThem) {
  const Report report = evaluated();
  const std::string json = render(report, Format::json);
  EXPECT_NE(json.find(R"("missing": [)"), std::string::npos);
  EXPECT_NE(json.find(R"("group": "b")"), std::string::npos);
  EXPECT_NE(json.find(R"("reason": "mean(rating) / (count(rating) - 5) divides by zero")"),
            std::string::npos);
  const std::string table = render(report, Format::table);
  EXPECT_NE(table.find("Missing values (3):\n"), std::string::npos) << table;
  EXPECT_NE(table.find("S1 agreement, group b: share(rating in 4..5) has no ratings"),
            std::string::npos)
      << table;
  EXPECT_NE(table.find("S2: ratio = missing (undetermined: mean(rating) / (count(rating) - 5)"),
            std::string::npos)
      << table;
  const std::string markdown = render(report, Format::markdown);
  EXPECT_NE(markdown.find("- S2 ratio: mean(rating) / (count(rating) - 5) divides by zero"),
            std::string::npos)
      << markdown;
}

}  // namespace
}  // namespace tholos
