// The four example studies, evaluated through the public API and compared
// with reports computed independently in R (tests/reference/examples.R,
// which reads only the CSV files and states each rule in R).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

using Table = std::vector<std::vector<std::string>>;

// A CSV file as rows of fields (the expected files and our output: no
// quoted fields).
Table read_csv(std::istream& in) {
  Table rows;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, ',');)
      fields.push_back(field);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(std::move(fields));
  }
  return rows;
}

Table read_csv_file(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot read " << path;
  return read_csv(in);
}

// Numbers agree to 1e-9 relative (R prints 17 significant digits; we print
// the shortest exact form); everything else exactly.
bool same_field(const std::string& actual, const std::string& expected) {
  if (actual == expected) return true;
  char* end_a = nullptr;
  char* end_e = nullptr;
  const double a = std::strtod(actual.c_str(), &end_a);
  const double e = std::strtod(expected.c_str(), &end_e);
  if (actual.empty() || expected.empty() || *end_a != '\0' || *end_e != '\0') return false;
  return std::abs(a - e) <= 1e-9 * std::max(1.0, std::abs(e));
}

std::string fmt_double(double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

struct Evaluated {
  Report report;
  std::vector<Diagnostic> diagnostics;
};

Evaluated evaluate_example(const std::string& name) {
  const std::string dir = std::string(THOLOS_SOURCE_DIR) + "/examples/" + name;
  Result<Program> program = compile_file(dir + "/protocol.tholos");
  EXPECT_TRUE(program.ok()) << (program.diagnostics.empty() ? "" : program.diagnostics[0].rendered);
  Result<Study> study = load_study(dir);
  EXPECT_TRUE(study.ok()) << (study.diagnostics.empty() ? "" : study.diagnostics[0].rendered);
  EvalOptions options;
  options.explain = true;
  Result<Report> report = evaluate(*program.value, *study.value, options);
  EXPECT_TRUE(report.ok());
  Evaluated out{*report.value, program.diagnostics};
  out.diagnostics.insert(out.diagnostics.end(), report.diagnostics.begin(),
                         report.diagnostics.end());
  return out;
}

const RoundResult& round_of(const Report& report, int round) {
  for (const auto& r : report.rounds) {
    if (r.round == round) return r;
  }
  throw std::runtime_error("no such round");
}

int count_of(const RoundResult& round, const std::string& status) {
  for (const auto& c : round.status_counts) {
    if (c.status == status) return c.count;
  }
  return -1;
}

class Examples : public ::testing::TestWithParam<std::string> {};

TEST_P(Examples, CsvReportEqualsTheIndependentRComputation) {
  const Evaluated e = evaluate_example(GetParam());
  for (const Diagnostic& d : e.diagnostics)
    ADD_FAILURE() << "unexpected: " << d.rendered;
  std::istringstream ours(render(e.report, Format::csv));
  const Table actual = read_csv(ours);
  const Table expected =
      read_csv_file(std::string(THOLOS_SOURCE_DIR) + "/examples/" + GetParam() + "/expected.csv");
  ASSERT_EQ(actual.size(), expected.size());
  ASSERT_EQ(actual[0], expected[0]);
  for (std::size_t row = 1; row < expected.size(); ++row) {
    ASSERT_EQ(actual[row].size(), expected[row].size()) << "row " << row;
    for (std::size_t col = 0; col < expected[row].size(); ++col) {
      EXPECT_TRUE(same_field(actual[row][col], expected[row][col]))
          << "row " << row << " (" << expected[row][1] << ") column " << expected[0][col] << ": "
          << actual[row][col] << " vs R " << expected[row][col];
    }
  }
}

TEST_P(Examples, RoundSummariesEqualTheIndependentRComputation) {
  const Evaluated e = evaluate_example(GetParam());
  const Table expected = read_csv_file(std::string(THOLOS_SOURCE_DIR) + "/examples/" + GetParam() +
                                       "/expected-rounds.csv");
  const auto& header = expected[0];
  auto column = [&](const std::string& name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  ASSERT_EQ(e.report.rounds.size(), expected.size() - 1);
  for (std::size_t row = 1; row < expected.size(); ++row) {
    const auto& want = expected[row];
    const RoundResult& r = round_of(e.report, std::stoi(want[column("round")]));
    SCOPED_TRACE("round " + std::to_string(r.round));
    EXPECT_EQ(r.invited, std::stoi(want[column("invited")]));
    EXPECT_EQ(r.respondents, std::stoi(want[column("respondents")]));
    EXPECT_TRUE(same_field(fmt_double(r.response_rate.number), want[column("response_rate")]));
    EXPECT_EQ(r.statements_rated, std::stoi(want[column("statements")]));
    for (const std::string& label : e.report.labels) {
      EXPECT_EQ(count_of(r, label), std::stoi(want[column(label)])) << label;
    }
    EXPECT_EQ(r.undetermined, 0);
    EXPECT_EQ(static_cast<int>(r.rerated.size()), std::stoi(want[column("rerated")]));
    EXPECT_EQ(r.stop.stop ? "true" : "false", want[column("stop")]);
    // Requirements in declaration order: panel-level ones first in the
    // report's panel list, then the round's.
    std::vector<const RequirementResult*> all;
    for (const auto& q : e.report.panel_requirements)
      all.push_back(&q);
    for (const auto& q : r.requirements)
      all.push_back(&q);
    for (std::size_t k = 1; column("req" + std::to_string(k)) < header.size(); ++k) {
      ASSERT_LT(k - 1, all.size());
      const std::string status = want[column("req" + std::to_string(k))];
      const bool passed = all[k - 1]->failed == 0 && all[k - 1]->undetermined == 0;
      EXPECT_EQ(passed ? "pass" : "fail", status) << all[k - 1]->message;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Studies, Examples,
                         ::testing::Values("peer-support", "hospital-activities", "comet-cos",
                                           "rand-ucla"),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                           std::string name = param.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// The figures the study descriptions state, checked directly.
TEST(ExampleFigures, PeerSupport) {
  const Report report = evaluate_example("peer-support").report;
  const int consensus[] = {24, 8, 6}, rated[] = {46, 22, 14}, responded[] = {35, 32, 29};
  int total = 0;
  for (int r = 1; r <= 3; ++r) {
    const RoundResult& round = round_of(report, r);
    EXPECT_EQ(count_of(round, "consensus"), consensus[r - 1]);
    EXPECT_EQ(round.statements_rated, rated[r - 1]);
    EXPECT_EQ(round.respondents, responded[r - 1]);
    EXPECT_EQ(round.invited, 38);
    total += count_of(round, "consensus");
  }
  EXPECT_EQ(total, 38);
  EXPECT_TRUE(round_of(report, 3).stop.stop);
  EXPECT_FALSE(round_of(report, 2).stop.stop);
}

TEST(ExampleFigures, HospitalActivities) {
  const Report report = evaluate_example("hospital-activities").report;
  const RoundResult& round = round_of(report, 1);
  EXPECT_EQ(count_of(round, "endorsed"), 0);
  EXPECT_EQ(count_of(round, "not_endorsed"), 29);
  // A01 has the highest share judged useful: 73 of 98.
  const auto& a01 = round.statements.at(0);
  ASSERT_EQ(a01.item, "A01");
  EXPECT_EQ(a01.text, "Sharing their own experience of illness and recovery");
  EXPECT_EQ(a01.measures[1].numerator * 98, 73 * a01.measures[1].denominator);
  for (const auto& s : round.statements)
    EXPECT_LE(s.measures[1].number, a01.measures[1].number);
}

TEST(ExampleFigures, CometCosAndTheExactSeventyPercentBoundary) {
  const Report report = evaluate_example("comet-cos").report;
  const RoundResult& round2 = round_of(report, 2);
  EXPECT_EQ(count_of(round2, "in"), 17);
  EXPECT_EQ(count_of(round2, "out"), 3);
  EXPECT_EQ(count_of(round2, "none"), 20);
  // O34 in round 1: exactly 70 of 100 valid ratings in 7..9, so `>= 70%` holds.
  for (const auto& s : round_of(report, 1).statements) {
    if (s.item != "O34") continue;
    EXPECT_EQ(s.measures[0].numerator, 7);
    EXPECT_EQ(s.measures[0].denominator, 10);
    EXPECT_EQ(s.verdict.status, "in");
  }
}

TEST(ExampleFigures, RandUcla) {
  const Report report = evaluate_example("rand-ucla").report;
  const RoundResult& round = round_of(report, 1);
  EXPECT_EQ(count_of(round, "appropriate"), 10);
  EXPECT_EQ(count_of(round, "inappropriate"), 8);
  EXPECT_EQ(count_of(round, "uncertain"), 12);
  std::vector<std::string> disagreement;
  for (const auto& s : round.statements) {
    if (s.measures[3].boolean) disagreement.push_back(s.item);
  }
  EXPECT_EQ(disagreement, (std::vector<std::string>{"I04", "I08", "I12", "I16", "I28"}));
}

}  // namespace
}  // namespace tholos
