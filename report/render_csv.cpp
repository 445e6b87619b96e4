// The CSV report, for R and Excel: one row per statement per round,
// `round,item,status` and then one column per statement measure. Numbers are
// written at full precision (the shortest text that reads back as the same
// double), shares as fractions, missing values as empty fields.
#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <string>
#include <string_view>

#include "report/renderers.hpp"

namespace tholos::report {
namespace {

// RFC 4180: a field is quoted only when it holds a comma, a quote or a line
// break, and a quote inside it is doubled.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// NaN and infinities are not values Tholos produces; were one to appear it
// is written as missing rather than as a word R and Excel read differently.
std::string csv_number(double x) {
  if (!std::isfinite(x)) return "";
  if (x == 0) return "0";  // not "-0"
  return fmt::format("{}", x);
}

// The field's text before quoting.
std::string csv_text(const Value& value) {
  switch (value.kind) {
    case ValueKind::missing:
      return "";
    case ValueKind::number:
    case ValueKind::percentage:
      return csv_number(value.number);
    case ValueKind::boolean:
      return value.boolean ? "true" : "false";
    case ValueKind::text:
    case ValueKind::label:
      return value.text;
    case ValueKind::range:
      return csv_number(value.low) + ".." + csv_number(value.high);
    case ValueKind::vector: {
      // One field, elements separated by spaces: strsplit(x, " ") in R.
      std::string joined;
      for (std::size_t i = 0; i < value.elements.size(); ++i) {
        if (i > 0) joined += ' ';
        joined += csv_text(value.elements[i]);
      }
      return joined;
    }
  }
  return "";
}

}  // namespace

std::string render_csv(const Report& report) {
  std::string out = "round,item,status";
  for (const MeasureInfo& measure : report.statement_measures) {
    out += ',';
    out += csv_field(measure.name);
  }
  out += '\n';
  for (const RoundResult& round : report.rounds) {
    for (const StatementResult& statement : round.statements) {
      out += std::to_string(round.round);
      out += ',';
      out += csv_field(statement.item);
      out += ',';
      if (statement.verdict.determined) out += csv_field(statement.verdict.status);
      // A statement with fewer measures than the header gets empty fields, so
      // that every row has as many fields as the header.
      for (std::size_t m = 0; m < report.statement_measures.size(); ++m) {
        out += ',';
        if (m < statement.measures.size()) out += csv_field(csv_text(statement.measures[m]));
      }
      out += '\n';
    }
  }
  return out;
}

// `item,value`; a round-level value has an empty item.
std::string render_csv(const ExpressionResult& result) {
  std::string out = "item,value\n";
  for (const ExpressionValue& v : result.values) {
    out += csv_field(v.item) + "," + csv_field(csv_text(v.value)) + "\n";
  }
  return out;
}

}  // namespace tholos::report
