// The CSV report: one row per statement per round, full precision, shares
// as fractions, missing as empty, RFC 4180 quoting only where needed.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
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

// A report with one statement whose measures are `values`, named m1, m2...
Report one_row(const std::vector<Value>& values) {
  Report r;
  for (std::size_t i = 0; i < values.size(); ++i) {
    r.statement_measures.push_back({"m" + std::to_string(i + 1), "", "", ""});
  }
  RoundResult round;
  round.round = 3;
  round.statements = {statement("S1", "consensus", values)};
  r.rounds = {round};
  return r;
}

std::string data_row(const std::vector<Value>& values) {
  return lines(render(one_row(values), Format::csv)).at(1);
}

TEST(CsvReport, WholeReport) {
  EXPECT_EQ(render(sample_report(), Format::csv),
            "round,item,status,agreement,spread,ratings,domain\n"
            "1,S01,consensus,0.75,1,12,peers\n"
            "1,S02,open,0.30000000000000004,1.5,10,\"say \"\"hi\"\", ok\"\n"
            "1,S03,,,,0,\n"
            "2,S02,consensus,0.7,1,9,\"line one\nline two\"\n");
}

TEST(CsvReport, HeaderIsRoundItemStatusThenEveryStatementMeasureInOrder) {
  Report r = one_row({whole(1), whole(2), whole(3)});
  r.statement_measures[1].name = "needs,quoting";
  EXPECT_EQ(lines(render(r, Format::csv)).at(0), "round,item,status,m1,\"needs,quoting\",m3");
}

TEST(CsvReport, NumbersAreTheShortestTextThatReadsBackAsTheSameDouble) {
  EXPECT_EQ(data_row({number(0.1 + 0.2)}), "3,S1,consensus,0.30000000000000004");
  EXPECT_EQ(data_row({number(0.7)}), "3,S1,consensus,0.7");
  EXPECT_EQ(data_row({number(43.0 / 6)}), "3,S1,consensus,7.166666666666667");
  EXPECT_EQ(data_row({whole(34)}), "3,S1,consensus,34");
  EXPECT_EQ(data_row({number(-0.0)}), "3,S1,consensus,0");
}

TEST(CsvReport, PercentagesAreFractionsNotPercentText) {
  EXPECT_EQ(data_row({share(3, 4)}), "3,S1,consensus,0.75");
  EXPECT_EQ(data_row({share(17, 23)}), "3,S1,consensus,0.7391304347826086");
}

TEST(CsvReport, BooleansLabelsRangesAndVectors) {
  EXPECT_EQ(data_row({boolean(true), boolean(false), label("in"), range(7, 9), vector({4, 5})}),
            "3,S1,consensus,true,false,in,7..9,4 5");
}

TEST(CsvReport, MissingIsAnEmptyFieldAndUndeterminedIsAnEmptyStatus) {
  Report r = one_row({missing(), whole(2), missing()});
  r.rounds[0].statements[0].verdict = Verdict{};
  EXPECT_EQ(lines(render(r, Format::csv)).at(1), "3,S1,,,2,");
}

TEST(CsvReport, TextIsQuotedOnlyWhenItHoldsACommaQuoteOrLineBreak) {
  EXPECT_EQ(data_row({text("plain text")}), "3,S1,consensus,plain text");
  EXPECT_EQ(data_row({text("a,b")}), "3,S1,consensus,\"a,b\"");
  EXPECT_EQ(data_row({text("5\" tall")}), "3,S1,consensus,\"5\"\" tall\"");
  EXPECT_EQ(data_row({text("cr\rhere")}), "3,S1,consensus,\"cr\rhere\"");
}

TEST(CsvReport, ItemsNeedingQuotesAreQuoted) {
  Report r = one_row({});
  r.rounds[0].statements[0].item = "S,1";
  EXPECT_EQ(lines(render(r, Format::csv)).at(1), "3,\"S,1\",consensus");
}

TEST(CsvReport, EveryRowHasAFieldPerHeaderColumn) {
  Report r = one_row({whole(1), whole(2)});
  r.rounds[0].statements[0].measures.pop_back();  // a malformed statement
  EXPECT_EQ(lines(render(r, Format::csv)).at(1), "3,S1,consensus,1,");
}

TEST(CsvReport, RoundsInOrderAndStatementsInReportOrder) {
  const std::vector<std::string> rows = lines(render(sample_report(), Format::csv));
  ASSERT_EQ(rows.size(), 6u);  // the last record spans two lines
  EXPECT_EQ(rows[1].substr(0, 6), "1,S01,");
  EXPECT_EQ(rows[2].substr(0, 6), "1,S02,");
  EXPECT_EQ(rows[3].substr(0, 6), "1,S03,");
  EXPECT_EQ(rows[4].substr(0, 6), "2,S02,");
}

TEST(CsvReport, NoRoundsGivesTheHeaderAlone) {
  Report r = sample_report();
  r.rounds.clear();
  EXPECT_EQ(render(r, Format::csv), "round,item,status,agreement,spread,ratings,domain\n");
}

TEST(CsvReport, ExpressionValuesAsItemAndValue) {
  ExpressionResult result;
  result.values = {{"S1", number(0.1 + 0.2)}, {"S,2", missing()}};
  EXPECT_EQ(render(result, Format::csv), "item,value\nS1,0.30000000000000004\n\"S,2\",\n");
}

}  // namespace
}  // namespace tholos
