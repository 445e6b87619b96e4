// Golden files: rendered reports and diagnostics compared byte for byte with
// files under tests/golden/. They pin what people read; the numbers in them
// are checked independently by the example tests (against R).
//
// To regenerate after an intended change:
//   THOLOS_UPDATE_GOLDEN=1 ctest --test-dir build -R golden_tests
// then review every changed file with `git diff tests/golden` before
// committing, and say in the commit message why it changed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

const std::string kGolden = std::string(THOLOS_SOURCE_DIR) + "/tests/golden/";

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = kGolden + name;
  if (std::getenv("THOLOS_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  const std::string expected = read(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing; see golden_test.cpp to create it";
  EXPECT_EQ(actual, expected) << "differs from " << path
                              << " (if intended, regenerate: see golden_test.cpp)";
}

std::string diagnostics_text(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics)
    out += d.rendered + "\n";
  return out;
}

Report example_report(const std::string& name, std::optional<int> round = {}) {
  Result<Program> program = compile_file("examples/" + name + "/protocol.tholos");
  Result<Study> study = load_study("examples/" + name);
  EvalOptions options;
  options.round = round;
  return *evaluate(*program.value, *study.value, options).value;
}

TEST(Golden, RandUclaInEveryFormat) {
  const Report report = example_report("rand-ucla");
  expect_golden("rand-ucla.table.txt", render(report, Format::table));
  expect_golden("rand-ucla.json", render(report, Format::json));
  expect_golden("rand-ucla.md", render(report, Format::markdown));
  expect_golden("rand-ucla.csv", render(report, Format::csv));
}

TEST(Golden, PeerSupportRoundTwoTable) {
  expect_golden("peer-support.round2.table.txt",
                render(example_report("peer-support", 2), Format::table));
}

TEST(Golden, DiagnosticsOfAMalformedRuleFile) {
  CompileOptions options;
  options.file_name = "malformed.tholos";
  const Result<Program> program = compile(read(kGolden + "malformed.tholos"), options);
  EXPECT_FALSE(program.ok());
  expect_golden("malformed.diagnostics.txt", diagnostics_text(program.diagnostics));
}

TEST(Golden, DiagnosticsOfAWellFormedFileWithTypeErrors) {
  CompileOptions options;
  options.file_name = "type-errors.tholos";
  const Result<Program> program = compile(read(kGolden + "type-errors.tholos"), options);
  EXPECT_FALSE(program.ok());
  expect_golden("type-errors.diagnostics.txt", diagnostics_text(program.diagnostics));
}

TEST(Golden, DiagnosticsOfAMalformedStudy) {
  const Result<Study> study = load_study("tests/golden/malformed-study");
  EXPECT_FALSE(study.ok());
  expect_golden("malformed-study.diagnostics.txt", diagnostics_text(study.diagnostics));
}

}  // namespace
}  // namespace tholos
