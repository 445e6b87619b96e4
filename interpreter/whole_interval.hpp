// Ratings are whole numbers, so a rating compared with a number, or tested
// against a range, is a rating in an interval of whole numbers: the bounds
// are worked out once, exactly (the least whole number >= x is the ceiling
// of the rational, or of the double), and each rating is then compared as
// an integer. Bounds far beyond any rating are clamped. Inline: the
// executor's steps work these out for every statement.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "grammar/ast.hpp"
#include "stdlib/number.hpp"

namespace tholos::interp {

inline constexpr std::int64_t kFarAway = std::int64_t{1} << 40;

inline std::int64_t clamp_far(std::int64_t v) {
  return std::clamp(v, -kFarAway, kFarAway);
}

// The least whole number >= x, and the greatest <= x.
inline std::int64_t ceiling(const stdlib::Number& x) {
  if (x.is_exact()) {
    const std::int64_t q = x.numerator() / x.denominator();  // denominator > 0
    return clamp_far(x.numerator() % x.denominator() != 0 && x.numerator() > 0 ? q + 1 : q);
  }
  const double c = std::ceil(x.value());
  return c >= static_cast<double>(kFarAway)    ? kFarAway
         : c <= -static_cast<double>(kFarAway) ? -kFarAway
                                               : static_cast<std::int64_t>(c);
}

inline std::int64_t floor_of(const stdlib::Number& x) {
  if (x.is_exact()) {
    const std::int64_t q = x.numerator() / x.denominator();
    return clamp_far(x.numerator() % x.denominator() != 0 && x.numerator() < 0 ? q - 1 : q);
  }
  const double f = std::floor(x.value());
  return f >= static_cast<double>(kFarAway)    ? kFarAway
         : f <= -static_cast<double>(kFarAway) ? -kFarAway
                                               : static_cast<std::int64_t>(f);
}

// The whole numbers x with `x op bound` (or with x in [low, high]): those
// in [low, high], or, when `outside`, those not in it.
struct WholeInterval {
  std::int64_t low = 0, high = -1;  // empty when low > high
  bool outside = false;
  bool holds(std::int64_t x) const { return (x >= low && x <= high) != outside; }
};

inline WholeInterval whole_interval(const stdlib::Number& bound, ast::Op op) {
  switch (op) {
    case ast::Op::equal:
    case ast::Op::not_equal: {
      const std::int64_t c = ceiling(bound);
      const bool whole = c == floor_of(bound) && c != kFarAway && c != -kFarAway;
      return {whole ? c : 0, whole ? c : -1, op == ast::Op::not_equal};
    }
    case ast::Op::less:
      return {-kFarAway, ceiling(bound) - 1};
    case ast::Op::less_equal:
      return {-kFarAway, floor_of(bound)};
    case ast::Op::greater:
      return {floor_of(bound) + 1, kFarAway};
    default:  // greater_equal
      return {ceiling(bound), kFarAway};
  }
}

// A bound without a value excludes nothing, as in in_range().
inline WholeInterval whole_interval(const stdlib::Number& low, const stdlib::Number& high) {
  return {low.is_missing() ? -kFarAway : ceiling(low),
          high.is_missing() ? kFarAway : floor_of(high)};
}

}  // namespace tholos::interp
