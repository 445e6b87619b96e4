// The Markdown report: a sentence naming the rules and params, one
// GitHub-flavoured table per round, escaped cells, a final-status table.
#include <gtest/gtest.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <vector>

#include "tests/report/sample_report.hpp"
#include "tholos/tholos.hpp"

namespace tholos {
namespace {

using namespace sample;

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// Cell separators in a table row: '|' not preceded by a backslash.
int separators(const std::string& row) {
  int n = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    n += row[i] == '|' && (i == 0 || row[i - 1] != '\\');
  return n;
}

std::string line_starting(const std::string& text, const std::string& start) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(start, 0) == 0) return line;
  }
  ADD_FAILURE() << "no line starting with " << start << " in\n" << text;
  return "";
}

TEST(MarkdownReport, TitleAndASentenceWithTheRulesFileAndParams) {
  const std::string out = render(sample_report(), Format::markdown);
  EXPECT_EQ(out.rfind("# Peer support outside the clinical setting\n\n", 0), 0u) << out;
  EXPECT_TRUE(contains(out,
                       "Statuses were assigned by the rules in `protocol.tholos` to the data "
                       "in `examples/peer-support`, with parameters threshold = 75% (set for "
                       "this analysis), max_iqr = 1, agree = 4..5.\n"))
      << out;
}

TEST(MarkdownReport, EachRoundHasAParagraphAndATableWithTextStatusAndMeasures) {
  const std::string out = render(sample_report(), Format::markdown);
  EXPECT_TRUE(contains(out,
                       "## Round 1\n\n3 statements were rated; 11 of 12 invited panelists "
                       "responded (91.7%). Statuses: consensus 1, open 1, excluded 0, "
                       "undetermined 1. consensus_share = 33.3%.\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "| Statement | Text | Status | agreement | spread | ratings | domain |\n"
                       "| --- | --- | --- | ---: | ---: | ---: | --- |\n"
                       "| S01 | Peer supporters share their own experience | consensus | 75% "
                       "| 1 | 12 | \"peers\" |\n"))
      << out;
  EXPECT_TRUE(contains(out, "| S03 |  | undetermined | missing | missing | 0 | missing |\n"))
      << out;
}

TEST(MarkdownReport, PipesInCellsAreEscapedAndLineBreaksBecomeSpaces) {
  Report r = sample_report();
  r.rounds[1].statements[0].text = "Pipe | in text\nand a second line";
  const std::string out = render(r, Format::markdown);
  const std::string row =
      line_starting(out, "| S02 | Pipe \\| in text and a second line | consensus |");
  EXPECT_EQ(separators(row), 8) << row;  // 7 columns
  EXPECT_TRUE(contains(row, "| 70% | 1 | 9 | \"line one\\nline two\" |")) << row;
}

TEST(MarkdownReport, NoTextColumnWhenNoStatementHasText) {
  Report r = sample_report();
  for (RoundResult& round : r.rounds) {
    for (StatementResult& s : round.statements)
      s.text.clear();
  }
  const std::string out = render(r, Format::markdown);
  EXPECT_TRUE(contains(out, "| Statement | Status | agreement |")) << out;
  EXPECT_FALSE(contains(out, "| Text |")) << out;
}

TEST(MarkdownReport, UndeterminedReasonsRequirementsAndStopDecision) {
  const std::string out = render(sample_report(), Format::markdown);
  EXPECT_TRUE(contains(out,
                       "Undetermined statements:\n\n- S03: agreement has no ratings to work "
                       "on\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "- Failed (warning): fewer than 5 respondents in a stakeholder group "
                       "(`respondents >= 5`, each statement, each group; 6 checked, 1 failed): "
                       "S02, group patient (respondents = 3).\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "**Panel requirements.**\n\n- Passed: at least 5 panelists in each "
                       "group (`panelists >= 5`, each group; 2 checked).\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "**Stop decision.** The study goes on: no stop rule holds (round = 2 "
                       "is false (round = 1)).\n"))
      << out;
  EXPECT_TRUE(contains(out, "**Re-rated in round 2:** S02.\n")) << out;
}

TEST(MarkdownReport, FinalStatusTableWithEachStatementsWording) {
  const std::string out = render(sample_report(), Format::markdown);
  EXPECT_TRUE(contains(out,
                       "## Final status\n\n"
                       "| Statement | Text | Final status | Round |\n"
                       "| --- | --- | --- | ---: |\n"
                       "| S01 | Peer supporters share their own experience | consensus | 1 |\n"
                       "| S02 | Pipe \\| in text | consensus | 2 |\n"
                       "| S03 |  | undetermined | 1 |\n"))
      << out;
}

TEST(MarkdownReport, ExpressionValuesAsATwoColumnTable) {
  ExpressionResult result;
  result.round = 2;
  result.values = {{"S|1", share(3, 4)}};
  EXPECT_EQ(render(result, Format::markdown),
            "| Statement | Value |\n| --- | ---: |\n| S\\|1 | 75% |\n");
  result.values = {{"", text("a")}};
  EXPECT_EQ(render(result, Format::markdown), "| Round | Value |\n| --- | --- |\n| 2 | \"a\" |\n");
}

TEST(MarkdownReport, WithoutAClassificationThereIsNoStatusColumn) {
  Report r = sample_report();
  r.labels.clear();
  for (RoundResult& round : r.rounds) {
    round.status_counts.clear();
    round.undetermined = 0;
    for (StatementResult& s : round.statements)
      s.verdict = Verdict{};
  }
  const std::string out = render(r, Format::markdown);
  EXPECT_TRUE(contains(out, "| Statement | Text | agreement | spread | ratings | domain |\n"))
      << out;
  EXPECT_FALSE(contains(out, "undetermined")) << out;
  EXPECT_FALSE(contains(out, "Final status")) << out;
}

}  // namespace
}  // namespace tholos
