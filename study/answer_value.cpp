// The value of an answer as written: a number, a code or a blank.
#include "study/answer_value.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <system_error>

namespace tholos::study {

std::string_view trim_spaces_slowly(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// [+-]? (digits ["." digits*] | "." digits) [(e|E) [+-]? digits]
bool is_decimal_number(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < n && is_digit(text[i]))
    ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && is_digit(text[i]))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < n && is_digit(text[i]))
      ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == n;
}

// A decimal number as written: sign, digits without the decimal point, and
// where the point falls among them once the exponent has moved it.
struct DecimalDigits {
  bool negative = false;
  std::string_view text;         // the number, for its digits
  std::size_t digits_begin = 0;  // [digits_begin, digits_end): digits and point
  std::size_t digits_end = 0;
  std::size_t point = std::string_view::npos;  // the '.', if any
  long long whole_digits = 0;                  // digits before the point, after the exponent

  // The digits in order, without the point.
  template <typename F>
  void for_each_digit(F f) const {
    long long index = 0;
    for (std::size_t k = digits_begin; k < digits_end; ++k) {
      if (k != point) f(index++, text[k]);
    }
  }
};

// `text` is one is_decimal_number accepts.
DecimalDigits read_decimal(std::string_view text) {
  DecimalDigits d;
  d.text = text;
  std::size_t i = 0;
  const std::size_t n = text.size();
  d.negative = i < n && text[i] == '-';
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  d.digits_begin = i;
  while (i < n && is_digit(text[i]))
    ++i;
  const long long integer_digits = static_cast<long long>(i - d.digits_begin);
  if (i < n && text[i] == '.') d.point = i++;
  while (i < n && is_digit(text[i]))
    ++i;
  d.digits_end = i;
  // The exponent, saturated far beyond any field's length (64 KiB).
  long long exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative = i < n && text[i] == '-';
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    for (; i < n && is_digit(text[i]); ++i)
      exponent = std::min(exponent * 10 + (text[i] - '0'), 1'000'000'000LL);
    if (negative) exponent = -exponent;
  }
  d.whole_digits = integer_digits + exponent;
  return d;
}

// Whether a decimal number is a whole number, decided from its digits
// rather than from the nearest double (4.9999999999999999 is not whole,
// though its double is 5): no nonzero digit falls after the decimal point
// once the exponent has moved it ("4.0" and "0.5e1" are whole, "45e-1" is
// not).
bool is_whole(const DecimalDigits& d) {
  bool whole = true;
  d.for_each_digit([&](long long index, char c) {
    if (index >= d.whole_digits && c != '0') whole = false;
  });
  return whole;
}

// The integral double `rounded` that a decimal number which is not whole
// was read as, moved to the next double on the side the number lies, so
// that no one takes it for a whole rating: 4.9999999999999999 (read as 5)
// gives the double just below 5, 4.0000000000000001 the one just above 4.
double off_the_whole_number(const DecimalDigits& d, double rounded) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (rounded == 0) return std::nextafter(0.0, d.negative ? -kInfinity : kInfinity);
  // From 2^53 on every double is whole: such a number is far outside any
  // scale, and binding rejects it whatever its digits.
  if (std::abs(rounded) >= 9007199254740992.0) return rounded;
  // Below 2^53 the number is closer to `rounded` than to any other whole
  // number, so its magnitude is the larger exactly when its whole part is
  // |rounded|.
  std::string whole;
  d.for_each_digit([&](long long index, char c) {
    if (index < d.whole_digits && (c != '0' || !whole.empty())) whole += c;
  });
  if (d.whole_digits > 0) {
    long long written = 0;
    d.for_each_digit([&](long long index, char) { written = index + 1; });
    if (!whole.empty() && written < d.whole_digits) {
      whole.append(static_cast<std::size_t>(d.whole_digits - written), '0');
    }
  }
  if (whole.empty()) whole.push_back('0');  // (not = "0": GCC 12 warns wrongly, bug 105329)
  const bool larger = whole == fmt::format("{:.0f}", std::abs(rounded));
  return std::nextafter(rounded, larger ? std::copysign(kInfinity, rounded) : 0.0);
}

}  // namespace

AnswerValue classify_answer(std::string_view text) {
  const std::string_view trimmed = trim_spaces(text);
  if (trimmed.empty()) return {AnswerKind::blank, 0, {}};
  // Most ratings are one digit.
  if (trimmed.size() == 1 && is_digit(trimmed[0])) {
    return {AnswerKind::number, static_cast<double>(trimmed[0] - '0'), {}};
  }
  if (is_decimal_number(trimmed)) {
    const char* first = trimmed.data();
    const char* last = trimmed.data() + trimmed.size();
    if (*first == '+') ++first;  // from_chars takes no plus sign
    double value = 0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc() && end == last) {
      // A number that is not whole must not pass for one because its
      // double is: 4.9999999999999999 is not the rating 5.
      if (std::trunc(value) == value) {
        const DecimalDigits digits = read_decimal(trimmed);
        if (!is_whole(digits)) value = off_the_whole_number(digits, value);
      }
      return {AnswerKind::number, value, {}};
    }
    // Out of the range of a double (1e999): kept as text, to be reported
    // as not a rating.
  }
  return {AnswerKind::text, 0, text};
}

}  // namespace tholos::study
