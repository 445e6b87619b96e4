// Every row of tests/data/reference/descriptive.csv, R's values for many
// generated rating vectors (written by tests/reference/make_descriptive_fixtures.R,
// whose header documents the columns and where Tholos deliberately differs).
//
// `value` is checked against Tholos with p the exact rational the rule file's
// literal denotes, `r_value` (quantile and iqr rows) against Tholos with p as
// R's double. Agreement: exact for counts, extremes, the mode, medians and the
// step quantile types (1-3); otherwise 1e-9 relative (with an absolute floor of
// 1e-12 where the reference is 0).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stdlib/catalogue.hpp"
#include "stdlib/descriptive.hpp"
#include "stdlib/quantile.hpp"
#include "tests/stdlib/ratings.hpp"

namespace tholos::stdlib {
namespace {

using testing::Ratings;

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator))
    parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

struct Row {
  int line = 0;
  std::string case_name;
  std::int32_t low = 0;
  std::vector<std::uint32_t> counts;
  std::string statistic;
  int type = 0;
  std::string p;
  std::string value;
  std::string r_value;
};

std::vector<Row> read_fixture() {
  std::ifstream file(THOLOS_TEST_DATA "/reference/descriptive.csv");
  EXPECT_TRUE(file.good()) << "cannot open descriptive.csv";
  std::string line;
  std::getline(file, line);
  const std::vector<std::string> header = split(line, ',');
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i)
    column[header[i]] = i;
  std::vector<Row> rows;
  int line_number = 1;
  while (std::getline(file, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> f = split(line, ',');
    EXPECT_EQ(f.size(), header.size()) << "line " << line_number;
    if (f.size() != header.size()) continue;
    Row row;
    row.line = line_number;
    row.case_name = f[column.at("case")];
    row.low = std::stoi(f[column.at("low")]);
    for (const std::string& c : split(f[column.at("counts")], ';')) {
      row.counts.push_back(static_cast<std::uint32_t>(std::stoul(c)));
    }
    row.statistic = f[column.at("statistic")];
    const std::string& type = f[column.at("type")];
    row.type = type.empty() ? 0 : std::stoi(type);
    row.p = f[column.at("p")];
    row.value = f[column.at("value")];
    row.r_value = f[column.at("r_value")];
    rows.push_back(std::move(row));
  }
  return rows;
}

// "0.3" or "1/3": the exact rational and R's double.
Number exact_probability(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return Number::parse_decimal(text).value_or(Number::missing());
  return Number::ratio(std::stoll(text.substr(0, slash)), std::stoll(text.substr(slash + 1)));
}
double double_probability(const std::string& text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return std::stod(text);
  return std::stod(text.substr(0, slash)) / std::stod(text.substr(slash + 1));
}

// R's NA, NaN and +-Inf all mean "missing" to Tholos.
bool is_missing_text(const std::string& text) {
  return text == "NA" || text == "NaN" || text == "Inf" || text == "-Inf";
}

Number compute(const Row& row, const Histogram& h, const Number& p) {
  const std::string& s = row.statistic;
  if (s == "count") return count(h);
  if (s == "mean") return mean(h);
  if (s == "var") return var(h);
  if (s == "sd") return sd(h);
  if (s == "cv") return cv(h);
  if (s == "median") return median(h);
  if (s == "mad") return mad(h);
  if (s == "mad_raw") return mad_raw(h);
  if (s == "mode") return mode(h);
  if (s == "min") return min(h);
  if (s == "max") return max(h);
  if (s == "range") return range(h);
  if (s == "quantile") return quantile(h, p, row.type);
  if (s == "iqr") {
    if (p.is_exact() || p.is_missing()) return iqr(h, row.type);
    // R's IQR(): its quartiles with the doubles 0.75 and 0.25.
    return quantile(h, Number::real(0.75), row.type) - quantile(h, Number::real(0.25), row.type);
  }
  ADD_FAILURE() << "unknown statistic " << s;
  return Number::missing();
}

// The same through the catalogue, as the evaluator will call it.
Number through_catalogue(const Row& row, const Histogram& h, const Number& p) {
  const FunctionInfo* f = find_function(row.statistic);
  if (f == nullptr) return Number::missing();
  std::vector<Argument> args;
  for (const Param& param : f->overloads.front().params) {
    Argument a;
    a.ratings = h;
    a.number = p;
    a.quantile_type = row.type;
    (void)param;
    args.push_back(a);
  }
  return f->overloads.front().implementation(args);
}

bool exact_statistic(const Row& row) {
  static const std::vector<std::string> discrete = {"count", "min",    "max",    "range",
                                                    "mode",  "median", "mad_raw"};
  if (std::find(discrete.begin(), discrete.end(), row.statistic) != discrete.end()) return true;
  return (row.statistic == "quantile" || row.statistic == "iqr") && row.type <= 3;
}

// Empty when `got` agrees with the reference `text`, else what is wrong.
std::string disagreement(const Row& row, const Number& got, const std::string& text) {
  if (is_missing_text(text)) return got.is_missing() ? "" : "expected missing";
  if (got.is_missing()) return "got missing";
  const double want = std::stod(text);
  if (exact_statistic(row)) return got.value() == want ? "" : "not exactly equal";
  const double tolerance = std::max(1e-9 * std::fabs(want), 1e-12);
  return std::fabs(got.value() - want) <= tolerance ? "" : "outside 1e-9 relative";
}

TEST(DescriptiveFixture, EveryRowAgreesWithR) {
  const std::vector<Row> rows = read_fixture();
  ASSERT_GT(rows.size(), 15000u);
  int checked = 0;
  int failed = 0;
  for (const Row& row : rows) {
    const Ratings ratings(row.low, row.counts);
    const Histogram h = ratings.histogram();
    const bool has_p = !row.p.empty();
    const Number exact_p = has_p ? exact_probability(row.p) : Number::missing();
    const Number got = compute(row, h, exact_p);
    std::string problem = disagreement(row, got, row.value);
    if (problem.empty() && row.statistic != "sd" && row.statistic != "cv" && !got.is_missing() &&
        !got.is_exact()) {
      problem = "not exact";
    }
    if (problem.empty() && row.statistic == "sd" && !got.is_missing() &&
        got.is_exact() != sqrt(var(h)).is_exact()) {
      problem = "sd exactness differs from sqrt(var)";
    }
    if (problem.empty()) {
      const Number via = through_catalogue(row, h, exact_p);
      if (!(via == got) && !(via.is_missing() && got.is_missing())) problem = "catalogue differs";
    }
    if (problem.empty() && (row.statistic == "quantile" || row.statistic == "iqr")) {
      // The floating-point path against R's own output.
      const Number double_p = Number::real(has_p ? double_probability(row.p) : 0.5);
      const Number r_got = compute(row, h, double_p);
      const std::string r_problem = disagreement(row, r_got, row.r_value);
      if (!r_problem.empty()) problem = "with p as a double: " + r_problem;
    }
    ++checked;
    if (!problem.empty()) {
      ++failed;
      ADD_FAILURE() << "descriptive.csv line " << row.line << " (" << row.case_name << ", "
                    << row.statistic << " type " << row.type << " p " << row.p << "): " << problem
                    << "; got " << got.to_string() << ", R " << row.value;
    }
  }
  std::cout << "descriptive.csv: " << checked << " rows checked, " << checked - failed
            << " agree\n";
}

}  // namespace
}  // namespace tholos::stdlib
