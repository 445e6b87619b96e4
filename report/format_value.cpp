// format_value: a value as a person reads it, in the table, in Markdown and
// in the REPL. Rounding is for reading only, and it must never make a value
// look as if it sat on a round number it does not equal: 69.96% is not
// shown as "70.0%", nor 1.00001 as "1".
#include <fmt/format.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <string>

#include "report/render.hpp"
#include "tholos/tholos.hpp"

namespace tholos::report {
namespace {

// Vectors longer than this are shown as their first elements, "..." and the
// last one, followed by the length.
constexpr std::size_t kMaxVectorShown = 12;
constexpr std::size_t kVectorHead = 10;

// Decimals for a number that is not whole, and for a percentage.
constexpr int kNumberDecimals = 4;
constexpr int kPercentDecimals = 1;
// Past this many decimals the shortest round-trip text is as good.
constexpr int kMostDecimals = 15;

// Beyond 1e16 fixed notation prints digits a double does not hold.
constexpr double kLargestFixed = 1e16;

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (text.back() == '0')
    text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

// "-0" reads as a different number from "0"; it is not.
std::string drop_negative_zero(std::string text) {
  if (text.find_first_not_of("-0.") == std::string::npos && text.front() == '-') text.erase(0, 1);
  return text;
}

bool looks_whole(const std::string& fixed) {
  const std::size_t dot = fixed.find('.');
  return dot == std::string::npos || fixed.find_first_not_of('0', dot + 1) == std::string::npos;
}

// `x` with `decimals` decimals, or with more when those would round a value
// that is not whole onto a whole number.
std::string fixed_without_false_whole(double x, int decimals) {
  for (int d = decimals; d <= kMostDecimals; ++d) {
    std::string text = fmt::format("{:.{}f}", x, d);
    if (!looks_whole(text)) return text;
  }
  return fmt::format("{}", x);
}

std::string format_number(double x) {
  if (!std::isfinite(x)) return std::isnan(x) ? "missing" : (x > 0 ? "inf" : "-inf");
  if (x == 0) return "0";
  if (std::fabs(x) >= kLargestFixed) return fmt::format("{}", x);
  if (x == std::trunc(x)) return fmt::format("{:.0f}", x);
  return drop_negative_zero(trim_zeros(fixed_without_false_whole(x, kNumberDecimals)));
}

// Whether the share is a whole percentage: exactly, when the rational is
// known (k/n is a whole percent when n divides 100), otherwise when it is
// the double that "k%" itself denotes.
bool is_whole_percent(const Value& value) {
  if (value.denominator > 0) {
    const std::int64_t g = std::gcd(value.numerator, value.denominator);
    return 100 % (value.denominator / g) == 0;
  }
  const double whole = std::round(value.number * 100);
  return whole / 100 == value.number;
}

std::string format_percentage(const Value& value) {
  const double x = value.number * 100;
  if (!std::isfinite(x)) return format_number(x);
  if (std::fabs(x) >= kLargestFixed) return fmt::format("{}%", x);
  if (is_whole_percent(value)) return fmt::format("{:.0f}%", std::round(x) + 0.0);
  return drop_negative_zero(fixed_without_false_whole(x, kPercentDecimals)) + "%";
}

// In double quotes with the rule language's escapes, so that the text reads
// back as the same string; other control characters would upset a terminal.
std::string quote_text(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += (static_cast<unsigned char>(c) < 0x20 || c == '\x7f') ? '?' : c;
    }
  }
  return out + "\"";
}

std::string format_vector(const std::vector<Value>& elements) {
  std::string out = "[";
  const bool abbreviate = elements.size() > kMaxVectorShown;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (abbreviate && i == kVectorHead) {
      out += "..., ";
      i = elements.size() - 1;
    }
    out += report::format_value(elements[i]);  // not tholos::, which ADL would find
    if (i + 1 < elements.size()) out += ", ";
  }
  out += "]";
  if (abbreviate) out += fmt::format(" ({} values)", elements.size());
  return out;
}

}  // namespace

std::string format_value(const Value& value) {
  switch (value.kind) {
    case ValueKind::missing:
      return "missing";
    case ValueKind::number:
      return format_number(value.number);
    case ValueKind::percentage:
      return format_percentage(value);
    case ValueKind::boolean:
      return value.boolean ? "true" : "false";
    case ValueKind::text:
      return quote_text(value.text);
    case ValueKind::label:
      return value.text;
    case ValueKind::range:
      return format_number(value.low) + ".." + format_number(value.high);
    case ValueKind::vector:
      return format_vector(value.elements);
  }
  return "missing";
}

}  // namespace tholos::report
