// The `tholos` command line, run as a user runs it: exit codes, output
// formats, diagnostics on stderr.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/cli/run_tholos.hpp"

namespace {

using tholos::testing_support::CliRun;

CliRun tholos(const std::string& args) {
  return tholos::testing_support::run_tholos(args);
}

TEST(Cli, CheckOfTheExampleProtocolsIsClean) {
  const CliRun run = tholos(
      "check examples/peer-support/protocol.tholos examples/comet-cos/protocol.tholos "
      "examples/rand-ucla/protocol.tholos examples/hospital-activities/protocol.tholos");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
}

TEST(Cli, CheckReportsEveryErrorWithPositionAndExitsOne) {
  const std::string file = testing::TempDir() + "/bad_" + std::to_string(getpid()) + ".tholos";
  std::ofstream(file) << "scale s 1..5\nmeasure a = medain(rating)\nmeasure b = cuont(rating)\n";
  const CliRun run = tholos("check '" + file + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(".tholos:2:13: error: unknown function 'medain'; did you mean "
                         "'median'?"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find(".tholos:3:13: error: unknown function 'cuont'"), std::string::npos);
  EXPECT_NE(run.err.find(" 2 | measure a = medain(rating)\n   |             ^~~~~~"),
            std::string::npos)
      << run.err;
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(tholos("").exit_code, 2);
  EXPECT_EQ(tholos("frobnicate").exit_code, 2);
  EXPECT_EQ(tholos("eval examples/peer-support/protocol.tholos").exit_code, 2);  // no --data
  EXPECT_EQ(tholos("eval examples/peer-support/protocol.tholos --data examples/peer-support "
                   "--format xml")
                .exit_code,
            2);
  const CliRun set = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --set threshold");
  EXPECT_EQ(set.exit_code, 2);
  EXPECT_NE(set.err.find("NAME=VALUE"), std::string::npos);
  const CliRun unknown = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --set threshhold=80%");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("did you mean 'threshold'?"), std::string::npos) << unknown.err;
  EXPECT_EQ(tholos("check no/such/file.tholos").exit_code, 2);
}

TEST(Cli, HelpAndVersionExitZero) {
  EXPECT_EQ(tholos("--help").exit_code, 0);
  const CliRun version = tholos("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("tholos"), std::string::npos);
}

TEST(Cli, CsvReportStartsWithRoundItemStatusAndHasARowPerStatementPerRound) {
  const CliRun run = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --format csv");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_EQ(run.out.rfind("round,item,status,agreement,spread,median_rating,ratings\n", 0), 0u);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1 + 46 + 22 + 14);
}

TEST(Cli, RoundOptionReportsOneRound) {
  const CliRun run = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --format csv --round 2");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1 + 22);
  const CliRun none = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --round 9");
  EXPECT_EQ(none.exit_code, 1);
  EXPECT_NE(none.err.find("there is no round 9"), std::string::npos);
}

TEST(Cli, SetChangesTheVerdicts) {
  const CliRun run = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support --format json --round 1 --set threshold=90%");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto report = nlohmann::json::parse(run.out);
  const auto& round = report["rounds"][0];
  EXPECT_LT(round["status_counts"]["consensus"].get<int>(), 24);
  bool threshold_overridden = false;
  for (const auto& param : report["params"]) {
    if (param["name"] == "threshold") threshold_overridden = param["overridden"].get<bool>();
  }
  EXPECT_TRUE(threshold_overridden);
}

TEST(Cli, ExpressionForEveryStatementAsJsonAtFullPrecision) {
  const CliRun run = tholos(
      "eval examples/peer-support/protocol.tholos --data "
      "examples/peer-support -e 'share(rating in agree)' --round 1 "
      "--format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto values = nlohmann::json::parse(run.out);
  ASSERT_EQ(values.size(), 46u);
  // S01 round 1: 30 of 34 valid ratings in 4..5 (checked in R).
  EXPECT_DOUBLE_EQ(values["S01"].get<double>(), 30.0 / 34.0);
}

TEST(Cli, ExpressionForOneStatement) {
  const CliRun run = tholos(
      "eval examples/comet-cos/protocol.tholos --data examples/comet-cos "
      "-e 'quantile(rating, 0.3, 6)' --item O01 --round 1 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto values = nlohmann::json::parse(run.out);
  ASSERT_EQ(values.size(), 1u);
  EXPECT_TRUE(values["O01"].is_number());
  const CliRun missing = tholos(
      "eval examples/comet-cos/protocol.tholos --data "
      "examples/comet-cos -e 'median(rating)' --item O99");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("there is no statement 'O99'"), std::string::npos);
}

TEST(Cli, ExpressionErrorsPointIntoTheExpression) {
  const CliRun run = tholos(
      "eval examples/comet-cos/protocol.tholos --data examples/comet-cos "
      "-e 'medain(rating)'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("<expression>:1:1: error: unknown function 'medain'"), std::string::npos)
      << run.err;
}

TEST(Cli, OutputWritesTheReportToAFile) {
  const std::string path = testing::TempDir() + "/report_" + std::to_string(getpid()) + ".md";
  std::filesystem::remove(path);
  const CliRun run = tholos(
      "eval examples/rand-ucla/protocol.tholos --data examples/rand-ucla "
      "--format markdown --output '" +
      path + "'");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "");
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("RAND/UCLA"), std::string::npos);
}

TEST(Cli, DataErrorsExitOneWithFileLineAndColumn) {
  const std::string dir = testing::TempDir() + "/broken-study-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/panel.csv") << "panelist,group\nP1,a\nP2,a\n";
  std::ofstream(dir + "/items.csv") << "item\nS1\n";
  std::ofstream(dir + "/ratings.csv") << "round,panelist,item,rating\n1,P1,S1,4\n1,P3,S1,9\n";
  const CliRun run = tholos("eval examples/peer-support/protocol.tholos --data '" + dir + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("ratings.csv:3:3: error:"), std::string::npos) << run.err;
}

}  // namespace

namespace {

TEST(Cli, QuantileOfEveryStatementAtFullPrecisionMatchesR) {
  // The command a reader would use to compare with R.
  const CliRun run = tholos(
      "eval examples/peer-support/protocol.tholos --data examples/peer-support "
      "-e 'quantile(rating, 0.3, 6)' --round 1 --format json");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto values = nlohmann::json::parse(run.out);
  ASSERT_EQ(values.size(), 46u);
  // R 4.2: quantile(x, 0.3, type = 6) of each statement's valid round-1
  // ratings (blanks and "DK" left out).
  EXPECT_EQ(values["S01"].get<double>(), 4.0);
  EXPECT_EQ(values["S14"].get<double>(), 3.0);
  EXPECT_EQ(values["S38"].get<double>(), 2.0);
  EXPECT_NEAR(values["S21"].get<double>(), 3.1999999999999993, 1e-9);
  // Tholos computes it exactly: 16/5, printed as the shortest exact text.
  EXPECT_NE(run.out.find("\"S21\": 3.2"), std::string::npos) << run.out.substr(0, 400);
}

}  // namespace
