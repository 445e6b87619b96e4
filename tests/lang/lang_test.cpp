// Language tests: every *.tholos file under tests/lang is one test, one
// behaviour, with its expectations in comments:
//
//   # data: basic                        evaluate over tests/lang/data/basic
//   # set: threshold=80%                 a param override for the evaluation
//   # expect error 3:14: unknown name    a diagnostic at line 3, column 14 whose
//   # expect warning 5:1: quantile       message contains the text (of the rule
//   # expect error ratings.csv:4:9: ...  file, or of a data file by name)
//   # expect S1: agreement = 75%         an expression for statement S1 in the
//   # expect S1 round 2: status = open   last round (or round 2) equals a value
//   # expect round 1: count(statements) = 4      a round-level expression
//   # expect round 2: stop = true        the round's stop decision
//
// Values: numbers (exact, or within 1e-12), percentages (75%), fractions
// (7/6), true, false, missing, "text", and bare words for labels. Every
// diagnostic must be expected: an unexpected error or warning fails the test.
//
// Run one file: ctest -R 'lang_tests.*name' ; see tests/README.md.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "stdlib/number.hpp"
#include "tholos/tholos.hpp"

namespace tholos {
namespace {

namespace fs = std::filesystem;

struct ExpectedDiagnostic {
  Severity severity;
  std::string file;  // empty for the rule file, else a data file's name
  int line, column;
  std::string text;
  int source_line;  // where the expectation is written
};

struct ExpectedValue {
  std::string item;  // empty for round level
  std::optional<int> round;
  std::string expression;
  std::string value;
  int source_line;
};

struct LangTest {
  std::string path;
  std::string source;
  std::optional<std::string> data;
  std::map<std::string, std::string> params;
  std::vector<ExpectedDiagnostic> diagnostics;
  std::vector<ExpectedValue> values;
};

std::string trim(std::string s) {
  const auto first = s.find_first_not_of(" \t\r");
  const auto last = s.find_last_not_of(" \t\r");
  return first == std::string::npos ? std::string() : s.substr(first, last - first + 1);
}

LangTest parse_test(const fs::path& path) {
  LangTest test;
  test.path = path.string();
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  test.source = buffer.str();
  static const std::regex data_re(R"(#\s*data:\s*(\S+))");
  static const std::regex set_re(R"(#\s*set:\s*([A-Za-z_]\w*)=(.*))");
  static const std::regex diag_re(R"(#\s*expect (error|warning) (?:([\w.-]+):)?(\d+):(\d+): (.*))");
  static const std::regex value_re(
      R"(#\s*expect(?: (?!round\b)(\S+))?(?: round (\d+))?: (.*) = (.*))");
  std::istringstream lines(test.source);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const auto hash = line.find('#');
    if (hash == std::string::npos) continue;
    const std::string comment = trim(line.substr(hash));
    std::smatch m;
    if (std::regex_match(comment, m, data_re)) {
      test.data = m[1];
    } else if (std::regex_match(comment, m, set_re)) {
      test.params[m[1]] = trim(m[2]);
    } else if (std::regex_match(comment, m, diag_re)) {
      test.diagnostics.push_back({m[1] == "error" ? Severity::error : Severity::warning, m[2],
                                  std::stoi(m[3]), std::stoi(m[4]), trim(m[5]), number});
    } else if (std::regex_match(comment, m, value_re)) {
      std::optional<int> round;
      if (m[2].matched) round = std::stoi(m[2]);
      test.values.push_back({m[1], round, trim(m[3]), trim(m[4]), number});
    } else if (comment.rfind("# expect", 0) == 0) {
      ADD_FAILURE() << path << ":" << number << ": cannot read this expectation: " << comment;
    }
  }
  return test;
}

// Whether `actual` is the value written as `expected` in a test file.
bool same_value(const Value& actual, const std::string& expected, std::string& shown) {
  shown = format_value(actual);
  if (actual.kind == ValueKind::missing) return expected == "missing";
  if (expected == "missing") return false;
  if (actual.kind == ValueKind::boolean) {
    return expected == (actual.boolean ? "true" : "false");
  }
  if (actual.kind == ValueKind::text) {
    return expected.size() >= 2 && expected.front() == '"' &&
           expected.substr(1, expected.size() - 2) == actual.text;
  }
  if (actual.kind == ValueKind::label) {
    return expected == actual.text || expected == "\"" + actual.text + "\"";
  }
  if (actual.kind == ValueKind::number || actual.kind == ValueKind::percentage) {
    if (actual.denominator > 0) {
      shown +=
          " (" + std::to_string(actual.numerator) + "/" + std::to_string(actual.denominator) + ")";
    }
    std::string text = expected;
    bool percent = false;
    if (!text.empty() && text.back() == '%') {
      percent = true;
      text.pop_back();
    }
    stdlib::Number want;
    const bool fraction = text.find('/') != std::string::npos;
    if (const auto slash = text.find('/'); slash != std::string::npos) {
      want = stdlib::Number::ratio(std::stoll(text.substr(0, slash)),
                                   std::stoll(text.substr(slash + 1)));
    } else {
      const bool negative = !text.empty() && text[0] == '-';
      auto parsed = stdlib::Number::parse_decimal(negative ? text.substr(1) : text);
      if (!parsed) return false;
      want = negative ? -*parsed : *parsed;
    }
    if (percent) want = want / stdlib::Number::integer(100);
    // 75% is a percentage and 4.5 a plain number; a fraction (9/12) matches
    // either by value.
    if (!fraction && percent != (actual.kind == ValueKind::percentage)) return false;
    if (actual.denominator > 0 && want.is_exact()) {
      return want == stdlib::Number::ratio(actual.numerator, actual.denominator);
    }
    return std::abs(actual.number - want.value()) <= 1e-12 * std::max(1.0, std::abs(want.value()));
  }
  return false;
}

class LangTests : public ::testing::TestWithParam<std::string> {};

TEST_P(LangTests, Behaves) {
  const fs::path root = fs::path(THOLOS_SOURCE_DIR) / "tests" / "lang";
  const LangTest test = parse_test(root / GetParam());
  std::vector<Diagnostic> seen;
  CompileOptions options;
  // The full path, so that `import "shared/x.tholos"` resolves beside the test.
  options.file_name = (root / GetParam()).string();
  Result<Program> program = compile(test.source, options);
  seen = program.diagnostics;

  std::optional<Study> study;
  std::optional<Report> report;
  if (program.ok() && test.data) {
    Result<Study> loaded = load_study((root / "data" / *test.data).string());
    ASSERT_TRUE(loaded.ok()) << "the test data " << *test.data << " does not load: "
                             << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].rendered);
    study = *loaded.value;
    EvalOptions eval;
    eval.params = test.params;
    Result<Report> evaluated = evaluate(*program.value, *study, eval);
    seen.insert(seen.end(), evaluated.diagnostics.begin(), evaluated.diagnostics.end());
    report = evaluated.value;
  }

  // Every diagnostic expected, and every expected diagnostic seen.
  std::vector<bool> matched(seen.size(), false);
  for (const ExpectedDiagnostic& want : test.diagnostics) {
    bool found = false;
    for (std::size_t i = 0; i < seen.size() && !found; ++i) {
      const Diagnostic& d = seen[i];
      const std::string file = fs::path(d.file).filename().string();
      const bool file_ok = want.file.empty() ? d.file == options.file_name : file == want.file;
      if (!matched[i] && d.severity == want.severity && file_ok && d.line == want.line &&
          d.column == want.column && d.message.find(want.text) != std::string::npos) {
        matched[i] = found = true;
      }
    }
    EXPECT_TRUE(found) << GetParam() << ":" << want.source_line << ": expected "
                       << (want.severity == Severity::error ? "error" : "warning") << " at "
                       << want.line << ":" << want.column << " containing \"" << want.text << "\"";
  }
  for (std::size_t i = 0; i < seen.size(); ++i) {
    if (!matched[i] && seen[i].severity != Severity::note) {
      ADD_FAILURE() << GetParam() << ": unexpected diagnostic:\n" << seen[i].rendered;
    }
  }

  for (const ExpectedValue& want : test.values) {
    SCOPED_TRACE(GetParam() + ":" + std::to_string(want.source_line));
    ASSERT_TRUE(program.ok() && study) << "value expectations need a program and `# data:`";
    if (want.expression == "stop") {
      ASSERT_TRUE(report);
      const auto round = want.round.value_or(report->rounds.back().round);
      const auto it = std::find_if(report->rounds.begin(), report->rounds.end(),
                                   [&](const RoundResult& r) { return r.round == round; });
      ASSERT_NE(it, report->rounds.end());
      EXPECT_EQ(it->stop.stop ? "true" : "false", want.value) << it->stop.reason;
      continue;
    }
    ExpressionOptions eo;
    eo.params = test.params;
    eo.round = want.round;
    if (!want.item.empty()) eo.item = want.item;
    eo.scope =
        want.item.empty() ? ExpressionOptions::Scope::round : ExpressionOptions::Scope::statement;
    Result<ExpressionResult> result =
        evaluate_expression(*program.value, *study, want.expression, eo);
    ASSERT_TRUE(result.ok()) << want.expression << ": "
                             << (result.diagnostics.empty() ? "" : result.diagnostics[0].rendered);
    ASSERT_EQ(result.value->values.size(), 1u)
        << want.expression << " gives " << result.value->values.size()
        << " values; name a statement (# expect S1: ...) or use a round-level expression";
    std::string shown;
    EXPECT_TRUE(same_value(result.value->values[0].value, want.value, shown))
        << want.expression << " is " << shown << ", expected " << want.value;
  }
}

std::vector<std::string> lang_files() {
  const fs::path root = fs::path(THOLOS_SOURCE_DIR) / "tests" / "lang";
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.path().extension() != ".tholos") continue;
    // Files under a `shared/` folder are imported by tests, not tests.
    if (entry.path().parent_path().filename() == "shared") continue;
    files.push_back(fs::relative(entry.path(), root).string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param.substr(0, info.param.size() - std::string(".tholos").size());
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, LangTests, ::testing::ValuesIn(lang_files()), test_name);

}  // namespace
}  // namespace tholos
