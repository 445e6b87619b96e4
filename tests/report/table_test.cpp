// The terminal table: aligned columns for every measure within 100
// columns, the reasons of undetermined statements, and the round's
// requirements, stop decision and what goes on.
#include <gtest/gtest.h>

#include <cstddef>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/report/sample_report.hpp"
#include "tholos/tholos.hpp"

namespace tholos {
namespace {

using namespace sample;

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A table as printed: the header line, its rule of dashes, and the rows
// under it up to the first blank line. Columns are the runs of dashes.
struct PrintedTable {
  std::string header;
  std::vector<std::pair<std::size_t, std::size_t>> columns;  // [begin, end)
  std::vector<std::string> rows;

  // The text of column `c` in `line`, with the spaces that pad it.
  std::string cell(const std::string& line, std::size_t c) const {
    const auto [begin, end] = columns[c];
    std::string padded = line + std::string(end > line.size() ? end - line.size() : 0, ' ');
    return padded.substr(begin, end - begin);
  }
  std::size_t column_named(const std::string& name) const {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const std::string title = cell(header, c);
      const std::size_t begin = title.find_first_not_of(' ');
      const std::size_t end = title.find_last_not_of(' ');
      if (begin != std::string::npos && title.substr(begin, end - begin + 1) == name) return c;
    }
    ADD_FAILURE() << "no column " << name << " in " << header;
    return 0;
  }
};

// The `index`th table of `text` whose header starts with "item".
PrintedTable table_at(const std::string& text, int index) {
  const std::vector<std::string> all = lines(text);
  PrintedTable t;
  for (std::size_t i = 0; i + 1 < all.size(); ++i) {
    if (all[i].find("  item  ") != 0 || index-- > 0) continue;
    t.header = all[i];
    const std::string& dashes = all[i + 1];
    for (std::size_t p = 0; p < dashes.size();) {
      if (dashes[p] != '-') {
        ++p;
        continue;
      }
      const std::size_t begin = p;
      while (p < dashes.size() && dashes[p] == '-')
        ++p;
      t.columns.emplace_back(begin, p);
    }
    for (std::size_t r = i + 2; r < all.size() && !all[r].empty(); ++r)
      t.rows.push_back(all[r]);
    return t;
  }
  ADD_FAILURE() << "no table " << index << " in\n" << text;
  return t;
}

TEST(TableReport, HeaderNamesTheStudyRulesDataAndFlagsOverriddenParams) {
  const std::string out = render(sample_report(), Format::table);
  const std::vector<std::string> all = lines(out);
  EXPECT_EQ(all.at(0), "Peer support outside the clinical setting");
  EXPECT_EQ(all.at(1), std::string(all.at(0).size(), '='));
  EXPECT_TRUE(contains(out, "Rules:   protocol.tholos\n")) << out;
  EXPECT_TRUE(contains(out, "Data:    examples/peer-support\n")) << out;
  EXPECT_TRUE(contains(out, "Params:  threshold = 75% (overridden), max_iqr = 1, agree = 4..5\n"))
      << out;
}

TEST(TableReport, RoundSummarySaysWhoRespondedAndHowManyOfEachStatus) {
  const std::string out = render(sample_report(), Format::table);
  EXPECT_TRUE(contains(out,
                       "Round 1: 3 statements rated; 11 of 12 invited panelists responded "
                       "(91.7%); consensus 1, open 1,\n  excluded 0, undetermined 1\n"))
      << out;
  EXPECT_TRUE(contains(out, "  Round measures: consensus_share = 33.3%\n")) << out;
}

TEST(TableReport, EveryMeasureHasAColumnAndNumbersAreRightAligned) {
  const PrintedTable t = table_at(render(sample_report(), Format::table), 0);
  ASSERT_EQ(t.rows.size(), 3u);
  for (const char* name : {"item", "status", "agreement", "spread", "ratings", "domain"}) {
    (void)t.column_named(name);
  }
  const std::size_t agreement = t.column_named("agreement");
  EXPECT_EQ(t.cell(t.header, agreement), "          agreement");
  // Numbers end at the column's right edge, padded on the left.
  EXPECT_EQ(t.cell(t.rows[0], agreement), "                75%");
  EXPECT_EQ(t.cell(t.rows[1], agreement), "30.000000000000004%");
  EXPECT_EQ(t.cell(t.rows[2], agreement), "            missing");
  const std::size_t spread = t.column_named("spread");
  EXPECT_EQ(t.cell(t.header, spread), " spread");  // as wide as "missing"
  EXPECT_EQ(t.cell(t.rows[1], spread), "    1.5");
  // Text is left-aligned, numeric headers are right-aligned over their column.
  const std::size_t domain = t.column_named("domain");
  EXPECT_EQ(t.cell(t.rows[0], domain).substr(0, 7), "\"peers\"");
  const std::size_t ratings = t.column_named("ratings");
  EXPECT_EQ(t.cell(t.rows[2], ratings), "      0");
}

TEST(TableReport, UndeterminedStatementsShowUndeterminedAndTheirReason) {
  const std::string out = render(sample_report(), Format::table);
  const PrintedTable t = table_at(out, 0);
  EXPECT_EQ(t.cell(t.rows[2], t.column_named("status")), "undetermined");
  EXPECT_TRUE(contains(out, "  Undetermined (1):\n    S03: agreement has no ratings to work on\n"))
      << out;
}

TEST(TableReport, RequirementsShowTheOutcomeAndEachFailureWithItsOperands) {
  const std::string out = render(sample_report(), Format::table);
  EXPECT_TRUE(contains(out,
                       "Panel requirements:\n    pass          at least 5 panelists in each "
                       "group\n"))
      << out;
  EXPECT_TRUE(contains(out,
                       "    warn          fewer than 5 respondents in a stakeholder group\n"
                       "                  each statement, each group: respondents >= 5 "
                       "(6 checked, 5 passed, 1 failed)\n"
                       "                    S02, group patient: respondents = 3\n"))
      << out;
}

TEST(TableReport, StopDecisionAndTheStatementsReRatedNext) {
  const std::string out = render(sample_report(), Format::table);
  EXPECT_TRUE(contains(out,
                       "  Stop decision: the study goes on: no stop rule holds (round = 2 "
                       "is false (round = 1))\n"))
      << out;
  EXPECT_TRUE(contains(out, "  Re-rated in round 2 (1): S02\n")) << out;
  EXPECT_TRUE(contains(out, "  Stop decision: the study stops: at most two rounds\n")) << out;
  EXPECT_FALSE(contains(out, "round 3")) << out;  // the study stopped after round 2
}

TEST(TableReport, FinalStatusesDataUseAndWarningsAtTheEnd) {
  const std::string out = render(sample_report(), Format::table);
  EXPECT_TRUE(contains(out,
                       "\n\nFinal statuses of 3 statements: consensus 2, open 0, excluded 0, "
                       "undetermined 1\n"))
      << out;
  const PrintedTable final_table = table_at(out, 2);
  ASSERT_EQ(final_table.rows.size(), 3u);
  EXPECT_EQ(final_table.cell(final_table.rows[2], 1), "undetermined");
  EXPECT_TRUE(contains(out, "  ratings.csv: 40 rows: rating 36, code DK 2, blank 2\n")) << out;
  const std::string warning =
      "Warnings:\nprotocol.tholos:14:3: warning: the rerate rule cannot decide whether 1 "
      "statement(s) go on from round 1: S03\n";
  ASSERT_GE(out.size(), warning.size());
  EXPECT_EQ(out.substr(out.size() - warning.size()), warning);
}

TEST(TableReport, ManyMeasuresAreSplitIntoTablesThatFitOneHundredColumns) {
  Report r = sample_report();
  r.statement_measures.clear();
  std::vector<Value> values;
  for (int m = 0; m < 14; ++m) {
    r.statement_measures.push_back({"measure_number_" + std::to_string(m), "number", "", ""});
    values.push_back(number(m + 0.5));
  }
  for (RoundResult& round : r.rounds) {
    for (StatementResult& s : round.statements)
      s.measures = values;
  }
  r.diagnostics.clear();  // compiler-style warnings keep their own lines
  const std::string out = render(r, Format::table);
  for (const std::string& line : lines(out)) {
    EXPECT_LE(line.size(), 100u) << line;
  }
  // Round 1's statements are in the tables before round 2's summary.
  const std::string round_one = out.substr(0, out.find("Round 2:"));
  std::string headers;
  int tables = 0;
  for (const std::string& line : lines(round_one)) {
    if (line.find("  item  ") != 0) continue;
    headers += line + " ";
    ++tables;
  }
  EXPECT_GT(tables, 1);
  for (int m = 0; m < 14; ++m) {
    const std::string name = "measure_number_" + std::to_string(m);
    EXPECT_TRUE(contains(headers, " " + name + " ")) << name;
  }
  const PrintedTable second = table_at(out, 1);
  // Each further table repeats the item column.
  EXPECT_EQ(second.cell(second.rows[0], 0).substr(0, 3), "S01");
  EXPECT_EQ(second.cell(second.header, 1).substr(0, 15), "measure_number_");
}

TEST(TableReport, LongFailureListsAreCutWithACount) {
  Report r = sample_report();
  RequirementResult& req = r.rounds[0].requirements[0];
  req.failures.assign(25, {"S02", "patient", boolean(false), {{"respondents", whole(3)}}, ""});
  const std::string out = render(r, Format::table);
  EXPECT_TRUE(contains(out, "... and 15 more\n")) << out;
}

TEST(TableReport, ControlCharactersFromTheDataNeverReachTheTerminal) {
  Report r = sample_report();
  r.rounds[0].statements[2].item = "S\x1b[31m3";
  r.rounds[0].statements[2].verdict.reason = "first line\nsecond line";
  const std::string out = render(r, Format::table);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_TRUE(contains(out, "    S?[31m3: first line second line\n")) << out;
}

TEST(TableReport, AStatusIsNeverWrappedAwayFromItsCount) {
  Report r = sample_report();
  r.rounds[0].status_counts[1].status = "a_rather_long_label_for_statements_still_open";
  const std::string out = render(r, Format::table);
  EXPECT_TRUE(contains(out, "\n  a_rather_long_label_for_statements_still_open 1, excluded 0,"))
      << out;
}

TEST(TableReport, ExpressionValuesOneLinePerStatementWithNumbersRightAligned) {
  ExpressionResult result;
  result.type = "percentage";
  result.round = 2;
  result.values = {{"S1", share(3, 4)}, {"S10", share(17, 23)}, {"S2", missing()}};
  EXPECT_EQ(render(result, Format::table),
            "S1       75%\n"
            "S10    73.9%\n"
            "S2   missing\n");
  ExpressionResult round_level;
  round_level.values = {{"", whole(8)}};
  EXPECT_EQ(render(round_level, Format::table), "8\n");
}

TEST(TableReport, WithoutAClassificationThereIsNoStatusColumn) {
  Report r = sample_report();
  r.labels.clear();
  for (RoundResult& round : r.rounds) {
    round.status_counts.clear();
    round.undetermined = 0;
    for (StatementResult& s : round.statements)
      s.verdict = Verdict{};
  }
  const std::string out = render(r, Format::table);
  EXPECT_EQ(table_at(out, 0).header, "  item            agreement   spread  ratings  domain")
      << out;
  EXPECT_FALSE(contains(out, "undetermined")) << out;
  EXPECT_FALSE(contains(out, "Final statuses")) << out;
}

TEST(TableReport, AFailureAboveStatementLevelNamesTheRound) {
  Report r = sample_report();
  RequirementResult rate;
  rate.condition = "response_rate >= 95%";
  rate.message = "response rate of at least 95%";
  rate.scope = "each round";
  rate.checked = 1;
  rate.failed = 1;
  rate.failures = {{"", "", boolean(false), {{"response_rate", share(11, 12)}}, ""}};
  r.rounds[0].requirements = {rate};
  const std::string out = render(r, Format::table);
  EXPECT_TRUE(contains(out,
                       "    FAIL          response rate of at least 95%\n"
                       "                  each round: response_rate >= 95% (1 checked, 0 "
                       "passed, 1 failed)\n"
                       "                    the round: response_rate = 91.7%\n"))
      << out;
}

}  // namespace
}  // namespace tholos
