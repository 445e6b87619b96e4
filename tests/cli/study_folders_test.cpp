// Every study folder of tests/data/csv/ through the whole path a user takes:
// `tholos eval RULES --data FOLDER`, the CLI, the loader and the binding of
// the data to the rule file. A malformed folder must exit 1 with a
// diagnostic naming the folder's file, line and column (never a crash, a
// hang or a silently dropped row); a valid one, however unusual its shape,
// must evaluate. A folder added to tests/data/csv/ without an expectation
// here fails the test.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/cli/run_tholos.hpp"

namespace {

namespace fs = std::filesystem;

using tholos::testing_support::CliRun;

CliRun tholos(const std::string& args) {
  return tholos::testing_support::run_tholos(args);
}

// A temporary folder, removed with its contents at the end of the test.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name)
      : path(fs::path(::testing::TempDir()) / (name + "_" + std::to_string(getpid()))) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

// The fixed rule file every folder is evaluated with: a 1..5 scale where
// "DK" is an answer but not a rating, and one measure that counts the
// valid ratings, so that a dropped row would show in the report.
constexpr const char* kRules =
    "study \"robustness\"\n"
    "scale agreement 1..5\n"
    "  not a rating: \"DK\"\n"
    "quantiles type 7\n"
    "denominator valid ratings\n"
    "measure n = count(rating)\n"
    "measure agreement = share(rating >= 4)\n"
    "classify statement\n"
    "  consensus when agreement >= 70%\n"
    "  otherwise open\n";

// What a folder must give.
struct Expected {
  // Errors, each "FILE.csv:LINE:COL" relative to the folder (or "FILE.csv"
  // for one without a position); empty for a folder that evaluates.
  std::vector<std::string> errors;
  // For a valid folder: the valid ratings the report must count.
  int ratings = 0;
};

// The basic study's one fractional rating (1,P3,S2,4.5), where it stands in
// each valid folder: the folders are made to load, and a 1..5 scale rejects
// 4.5. The test checks that error, then evaluates a copy with 4 in its
// place (see below).
const std::map<std::string, std::string> kFractionalAt = {
    {"valid-basic", "ratings.csv:7:9"}, {"bom-crlf", "ratings.csv:7:9"},
    {"all-quoted", "ratings.csv:7:16"}, {"multiline-text", "ratings.csv:7:9"},
    {"reordered", "ratings.csv:7:1"},   {"no-final-newline", "ratings.csv:7:9"},
    {"empty-lines", "ratings.csv:8:9"}, {"invitation-beyond", "ratings.csv:7:9"},
};

const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> table = {
      // Valid, in unusual shapes. The basic study has 6 valid ratings once
      // its 4.5 is a 4 (4, 5 and DK; blank, 2 and 4; 5 and 4).
      {"valid-basic", {{}, 6}},
      {"bom-crlf", {{}, 6}},
      {"all-quoted", {{}, 6}},
      {"multiline-text", {{}, 6}},
      {"reordered", {{}, 6}},
      {"no-final-newline", {{}, 6}},
      {"header-only", {{}, 0}},
      {"empty-lines", {{}, 6}},
      {"unused-column", {{}, 2}},  // two rows, no fractional rating
      {"unnamed-column", {{}, 2}},
      {"invitation-beyond", {{}, 6}},
      // Its ratings are keys (1113, 2201...) on two criteria, not ratings
      // on a scale: the fixed rule file declares no criteria.
      {"shuffled", {{"ratings.csv"}, 0}},
      // Malformed files.
      {"missing-file", {{"items.csv"}}},
      {"missing-column", {{"ratings.csv:1:1"}}},
      {"duplicate-header", {{"ratings.csv:1:28"}}},
      {"ragged", {{"ratings.csv:3:11", "ratings.csv:4:8"}}},
      {"unknown-ids", {{"ratings.csv:3:3", "ratings.csv:4:6", "ratings.csv:5:4"}}},
      {"duplicate-answer", {{"ratings.csv:5:1"}}},
      {"bad-rounds",
       {{"ratings.csv:2:1", "ratings.csv:3:1", "ratings.csv:4:1", "ratings.csv:5:1",
         "ratings.csv:6:1", "ratings.csv:7:1"}}},
      {"round-gap", {{"ratings.csv:4:1"}}},
      {"empty-ids", {{"panel.csv:5:1", "ratings.csv:3:6"}}},
      {"duplicate-ids", {{"panel.csv:5:1", "items.csv:4:1"}}},
      {"not-invited", {{"ratings.csv:5:3"}}},
      {"invitation-errors",
       {{"invitations.csv:3:3", "invitations.csv:4:1", "invitations.csv:5:1"}}},
      {"empty-criterion", {{"ratings.csv:3:9"}}},
      {"unterminated-quote", {{"items.csv:3:4"}}},
      {"quote-in-field", {{"items.csv:3:11"}}},
      {"text-after-quote", {{"items.csv:3:12"}}},
      {"nul-byte", {{"ratings.csv:3:10"}}},
      {"invalid-utf8", {{"panel.csv:2:8"}}},
      {"empty-file", {{"ratings.csv:1:1"}}},
      {"lone-cr", {{"ratings.csv:1:27"}}},
      // One error a line (each line of random bytes has one), up to the
      // file's last line.
      {"binary",
       {{"ratings.csv:1:3", "ratings.csv:2:1", "ratings.csv:3:1", "ratings.csv:4:1",
         "ratings.csv:5:1", "ratings.csv:6:1", "ratings.csv:7:1", "ratings.csv:8:1"}}},
      // Well-formed CSV whose ratings the rule file's scale rejects.
      {"out-of-scale",
       {{"ratings.csv:3:9", "ratings.csv:4:9", "ratings.csv:5:9", "ratings.csv:9:9"}}},
      {"fractional-rating", {{"ratings.csv:3:9", "ratings.csv:5:9", "ratings.csv:7:9"}}},
      {"non-numeric-rating",
       {{"ratings.csv:3:9", "ratings.csv:5:9", "ratings.csv:7:9", "ratings.csv:8:9",
         "ratings.csv:9:9"}}},
  };
  return table;
}

// The "FILE:LINE:COL" (or "FILE") of each error line on stderr, relative to
// `folder`; an error line that names no file of the folder is kept whole.
std::vector<std::string> error_places(const std::string& err, const std::string& folder) {
  static const std::regex error_line(R"(^(.*?): error: .*)");
  std::vector<std::string> places;
  std::istringstream lines(err);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (!std::regex_match(line, m, error_line)) continue;
    std::string place = m[1];
    if (place.starts_with(folder + "/")) place = place.substr(folder.size() + 1);
    places.push_back(place);
  }
  return places;
}

// The sum of the `n` column (valid ratings) of a CSV report.
int counted_ratings(const std::string& csv) {
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  std::vector<std::string> names;
  std::stringstream fields(header);
  for (std::string name; std::getline(fields, name, ',');)
    names.push_back(name);
  const auto column =
      static_cast<std::size_t>(std::find(names.begin(), names.end(), "n") - names.begin());
  int total = 0;
  for (std::string line; std::getline(lines, line);) {
    std::stringstream row(line);
    std::string field;
    for (std::size_t i = 0; std::getline(row, field, ','); ++i) {
      if (i == column && !field.empty() && field != "missing") total += std::stoi(field);
    }
  }
  return total;
}

class StudyFolders : public ::testing::Test {
 protected:
  void SetUp() override { std::ofstream(rules_.path / "rules.tholos") << kRules; }

  CliRun eval(const std::string& folder) const {
    return tholos("eval '" + (rules_.path / "rules.tholos").string() + "' --data '" + folder +
                  "' --format csv");
  }

  // Checks one malformed folder: exit 1, and exactly the expected errors,
  // each naming the folder's file, line and column.
  void expect_errors(const std::string& folder, const std::vector<std::string>& expected) const {
    SCOPED_TRACE(folder);
    const CliRun run = eval(folder);
    EXPECT_EQ(run.exit_code, 1) << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_EQ(error_places(run.err, folder), expected) << run.err;
    // Every error is about a file of the folder: FOLDER/FILE.csv:LINE:COL.
    const std::regex located(
        std::regex_replace(folder, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
        R"(/\w+\.csv(:\d+:\d+)?: error: .+)");
    std::istringstream lines(run.err);
    for (std::string line; std::getline(lines, line);) {
      if (line.find(": error: ") != std::string::npos) {
        EXPECT_TRUE(std::regex_match(line, located)) << line;
      }
    }
  }

  TempDir rules_{"tholos_folder_rules"};
};

TEST_F(StudyFolders, EveryFolderHasAnExpectation) {
  const fs::path root = fs::path(THOLOS_SOURCE_DIR) / "tests" / "data" / "csv";
  for (const auto& entry : fs::directory_iterator(root)) {
    if (!entry.is_directory()) continue;
    EXPECT_TRUE(expectations().contains(entry.path().filename().string()))
        << entry.path().filename().string()
        << ": add what it must give to tests/cli/study_folders_test.cpp";
  }
}

TEST_F(StudyFolders, MalformedFoldersExitOneWithTheFileLineAndColumnOfEachError) {
  for (const auto& [name, expected] : expectations()) {
    if (expected.errors.empty() || name == "shuffled") continue;
    expect_errors("tests/data/csv/" + name, expected.errors);
  }
}

TEST_F(StudyFolders, FoldersWithCriteriaNeedARuleFileThatDeclaresThem) {
  const CliRun run = eval("tests/data/csv/shuffled");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("tests/data/csv/shuffled/ratings.csv: error: the ratings have a "
                         "criterion column (acceptable, useful), but the rule file declares no "
                         "criteria: add `criteria acceptable, useful`"),
            std::string::npos)
      << run.err;
}

TEST_F(StudyFolders, ValidFoldersEvaluateWithEveryRatingCounted) {
  for (const auto& [name, expected] : expectations()) {
    if (!expected.errors.empty()) continue;
    SCOPED_TRACE(name);
    const std::string folder = "tests/data/csv/" + name;
    // As committed: the one fractional rating is the only error.
    if (const auto at = kFractionalAt.find(name); at != kFractionalAt.end()) {
      const CliRun run = eval(folder);
      EXPECT_EQ(run.exit_code, 1);
      EXPECT_EQ(error_places(run.err, folder), std::vector<std::string>{at->second}) << run.err;
      EXPECT_NE(run.err.find("error: the rating 4.5 is not a whole number; the scale agreement "
                             "runs over the whole numbers 1..5"),
                std::string::npos)
          << run.err;
    }
    // A copy with 4 in its place, the file's shape (byte order mark, line
    // ends, quotes, column order) otherwise untouched, evaluates.
    TempDir copy("tholos_folder_" + name);
    for (const auto& file : fs::directory_iterator(fs::path(THOLOS_SOURCE_DIR) / folder)) {
      std::ifstream in(file.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      std::string content = text.str();
      if (const auto at = content.find("4.5"); at != std::string::npos) content.replace(at, 3, "4");
      std::ofstream(copy.path / file.path().filename(), std::ios::binary) << content;
    }
    const CliRun run = eval(copy.path.string());
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.err.find("error:"), std::string::npos) << run.err;
    EXPECT_EQ(counted_ratings(run.out), expected.ratings) << run.out;
  }
}

TEST_F(StudyFolders, AFieldPastTheSizeLimitIsAnErrorAtItsFileLineAndColumn) {
  // Generated: 64 KiB + 1 bytes of item text, and exactly 64 KiB.
  for (const std::size_t size : {std::size_t{65536}, std::size_t{65537}}) {
    TempDir folder("tholos_large_field");
    std::ofstream(folder.path / "panel.csv") << "panelist\nP1\nP2\nP3\n";
    std::ofstream(folder.path / "items.csv")
        << "item,text\nS1,\"" << std::string(size, 'x') << "\"\n";
    std::ofstream(folder.path / "ratings.csv")
        << "round,panelist,item,rating\n1,P1,S1,4\n1,P2,S1,5\n1,P3,S1,4\n";
    if (size == 65536) {
      const CliRun run = eval(folder.path.string());
      EXPECT_EQ(run.exit_code, 0) << run.err;
      EXPECT_EQ(counted_ratings(run.out), 3) << run.out;
    } else {
      expect_errors(folder.path.string(), {"items.csv:2:4"});
    }
  }
}

TEST(RuleFiles, AnEmptyRuleFileIsAnErrorAtItsFirstLine) {
  TempDir dir("tholos_empty_rules");
  const std::string file = (dir.path / "empty.tholos").string();
  { std::ofstream create(file); }
  const CliRun run = tholos("check '" + file + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err,
            file + ":1:1: error: no scale is declared: add one, as in `scale agreement 1..5`\n");
}

TEST(RuleFiles, ARuleFilePastTheSizeLimitIsOneErrorAndNoCrash) {
  TempDir dir("tholos_large_rules");
  const std::string file = (dir.path / "large.tholos").string();
  {
    std::ofstream out(file);
    out << "scale s 1..5\n";
    for (int i = 0; i < 2000; ++i)
      out << "# " << std::string(998, 'x') << "\n";
  }
  const CliRun run = tholos("check '" + file + "'");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find(": error: the rule file comes to "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("bytes; the limit is 1048576 bytes"), std::string::npos) << run.err;
}

TEST(RuleFiles, TooManyErrorsEndWithOneNoteAndExitOne) {
  TempDir dir("tholos_many_errors");
  const std::string file = (dir.path / "broken.tholos").string();
  {
    std::ofstream out(file);
    for (int i = 0; i < 3000; ++i)
      out << "measure m" << i << " = (1\n";
  }
  const CliRun run = tholos("check '" + file + "'");
  EXPECT_EQ(run.exit_code, 1);
  int errors = 0;
  std::istringstream lines(run.err);
  for (std::string line; std::getline(lines, line);)
    errors += line.find(": error: ") != std::string::npos ? 1 : 0;
  EXPECT_EQ(errors, 50);
  EXPECT_TRUE(run.err.ends_with(
      "note: too many errors; stopped after the first 50: correct these and run again\n"))
      << run.err.substr(run.err.size() - 200);
}

}  // namespace
