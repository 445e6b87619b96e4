// Number: a value that stays an exact rational for as long as it can.
//
// Ratings are whole numbers, so counts, shares (k of n), means, medians,
// quantiles with a rational probability and variances are all rationals.
// Keeping them exact is what makes a threshold flip exactly where rational
// arithmetic says it should: 9 of 12 is exactly 75%, and `share * 100 >= 57`
// holds for 57 of 100 although 0.57 * 100 is 56.99999999999999 in floating
// point. A result that is not rational (a square root) or that would not fit
// in 64-bit numerator and denominator becomes an ordinary double; comparing
// two exact numbers is exact, anything else compares the doubles.
//
// A Number may also be missing (no value), which every operation propagates.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace tholos::stdlib {

// 128-bit integers for intermediate sums and products (a GCC/Clang
// extension, hence the keyword).
__extension__ typedef __int128 WideInteger;

class Number {
 public:
  // A missing number.
  constexpr Number() = default;

  static Number missing() { return Number(); }
  static Number integer(std::int64_t value);
  // num / den in lowest terms; missing when den is 0.
  static Number ratio(std::int64_t num, std::int64_t den);
  // num / den in lowest terms, exact when it fits in 64 bits once reduced
  // (intermediate sums may not), else the nearest double; missing when den
  // is 0.
  static Number fraction(WideInteger num, WideInteger den);
  // An inexact number; missing when `value` is NaN.
  static Number real(double value);
  // The exact rational a decimal literal denotes ("0.3" is 3/10, "1e-3" is
  // 1/1000), or a correctly rounded double when it does not fit. Empty when
  // `text` is not a decimal number or its magnitude overflows a double.
  static std::optional<Number> parse_decimal(const std::string& text);

  bool is_missing() const { return state_ == State::missing; }
  bool is_exact() const { return state_ == State::exact; }
  double value() const { return value_; }
  // Only meaningful when is_exact().
  std::int64_t numerator() const { return num_; }
  std::int64_t denominator() const { return den_; }
  bool is_integer() const { return is_exact() && den_ == 1; }

  Number operator-() const;
  friend Number operator+(const Number& a, const Number& b);
  friend Number operator-(const Number& a, const Number& b);
  friend Number operator*(const Number& a, const Number& b);
  // Division by zero gives a missing number.
  friend Number operator/(const Number& a, const Number& b);

  // Unordered when either side is missing.
  friend std::partial_ordering operator<=>(const Number& a, const Number& b);
  // Equal values (exact when both are exact); missing equals nothing.
  friend bool operator==(const Number& a, const Number& b);

  // Shortest text that reads back as the same double ("0.1", "73.91304347826087").
  std::string to_string() const;

 private:
  enum class State : std::uint8_t { missing, exact, real };
  double value_ = 0;
  std::int64_t num_ = 0;
  std::int64_t den_ = 1;
  State state_ = State::missing;
};

// Square root: exact when both terms of an exact rational are perfect squares.
Number sqrt(const Number& x);
// Absolute value.
Number abs(const Number& x);

}  // namespace tholos::stdlib
