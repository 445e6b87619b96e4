#include "stdlib/quantile.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <limits>

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

// x(k), the k-th smallest rating, with k < 1 read as 1 and k > n as n.
std::int64_t order_statistic(const Histogram& ratings, std::int64_t k) {
  const auto n = static_cast<std::int64_t>(ratings.total);
  return ratings.order_statistic(static_cast<std::uint64_t>(std::clamp<std::int64_t>(k, 1, n)));
}

Wide floor_div(Wide num, Wide den) {  // den > 0
  constexpr Wide kMax64 = std::numeric_limits<std::int64_t>::max();
  if (num <= kMax64 && num >= -kMax64 && den <= kMax64) {  // a 64-bit division
    const auto n = static_cast<std::int64_t>(num), d = static_cast<std::int64_t>(den);
    const std::int64_t q = n / d;
    return (n % d != 0 && n < 0) ? q - 1 : q;
  }
  const Wide q = num / den;
  return (num % den != 0 && num < 0) ? q - 1 : q;
}

// (1 - g) x(j) + g x(j+1), written so that g = 0 and g = 1 pick a rating.
// With g = p / q exact, this is (q x(j) + p (x(j+1) - x(j))) / q, reduced
// once.
Number interpolate(const Histogram& ratings, std::int64_t j, const Number& g) {
  const std::int64_t below = order_statistic(ratings, j);
  const std::int64_t above = order_statistic(ratings, j + 1);
  if (g.is_exact()) {
    if (g.numerator() == 0) return Number::integer(below);
    if (g.numerator() == g.denominator()) return Number::integer(above);
    return Number::fraction(static_cast<Wide>(g.denominator()) * below +
                                static_cast<Wide>(g.numerator()) * (above - below),
                            g.denominator());
  }
  if (g == Number::integer(0)) return Number::integer(below);
  if (g == Number::integer(1)) return Number::integer(above);
  return Number::integer(below) + g * (Number::integer(above) - Number::integer(below));
}

// Types 4-9 are a + p (n + 1 - a - b); a and b, times 24 so all are whole.
struct PlottingPosition {
  int a24;
  int b24;
};

PlottingPosition plotting_position(int type) {
  switch (type) {
    case 4:
      return {0, 24};  // a = 0, b = 1
    case 5:
      return {12, 12};  // a = b = 1/2
    case 6:
      return {0, 0};  // a = b = 0
    case 7:
      return {24, 24};  // a = b = 1
    case 8:
      return {8, 8};  // a = b = 1/3
    default:
      return {9, 9};  // type 9: a = b = 3/8
  }
}

// p = num / den exactly, 0 <= p <= 1: j and g in rational arithmetic.
Number exact_quantile(const Histogram& ratings, Wide num, Wide den, int type) {
  const Wide n = ratings.total;
  // The position as position_num / position_den (> 0).
  Wide position_num = 0;
  Wide position_den = 0;
  if (type <= 2) {
    position_num = n * num;  // n p
    position_den = den;
  } else if (type == 3) {
    position_num = 2 * n * num - den;  // n p - 1/2
    position_den = 2 * den;
  } else {
    const PlottingPosition ab = plotting_position(type);
    position_num = ab.a24 * den + num * (24 * (n + 1) - ab.a24 - ab.b24);
    position_den = 24 * den;
  }
  const Wide j = floor_div(position_num, position_den);
  const Wide remainder = position_num - j * position_den;  // in [0, den)
  const bool on_step = remainder == 0;
  Number g;
  switch (type) {
    case 1:
      g = Number::integer(on_step ? 0 : 1);
      break;
    case 2:
      g = on_step ? Number::ratio(1, 2) : Number::integer(1);
      break;
    case 3:
      g = Number::integer(on_step && j % 2 == 0 ? 0 : 1);
      break;
    default:
      g = Number::fraction(remainder, position_den);
      break;
  }
  return interpolate(ratings, static_cast<std::int64_t>(j), g);
}

// p inexact: R's floating-point algorithm, operation for operation.
Number floating_quantile(const Histogram& ratings, double p, int type) {
  constexpr double kOutside = 100 * DBL_EPSILON;  // R accepts p this far out
  constexpr double kFuzz = 4 * DBL_EPSILON;       // and rounds j up this close
  if (p < -kOutside || p > 1 + kOutside) return Number::missing();
  p = std::max(0.0, std::min(1.0, p));
  const auto n = static_cast<double>(ratings.total);
  double j = 0;
  double h = 0;
  if (type == 7) {
    const double index = 1 + (n - 1) * p;
    j = std::floor(index);
    h = index - j;
    // R reads x[floor(index)] and x[ceiling(index)] directly, without the
    // padding; for index in [1, n] that is the same x(j), x(j+1).
  } else if (type <= 3) {
    const double nppm = type == 3 ? n * p - 0.5 : n * p;
    j = std::floor(nppm);
    const bool above = nppm > j;
    if (type == 1) h = above ? 1 : 0;
    if (type == 2) h = above ? 1 : 0.5;
    if (type == 3) h = (nppm != j || j - 2 * std::floor(j / 2) == 1) ? 1 : 0;
  } else {
    const PlottingPosition ab = plotting_position(type);
    const double a = type == 8 ? 1.0 / 3 : ab.a24 / 24.0;
    const double b = type == 8 ? 1.0 / 3 : ab.b24 / 24.0;
    const double nppm = a + p * (n + 1 - a - b);
    j = std::floor(nppm + kFuzz);
    h = nppm - j;
    if (std::fabs(h) < kFuzz) h = 0;
  }
  const auto lower = static_cast<std::int64_t>(j);
  const auto below = static_cast<double>(order_statistic(ratings, lower));
  const auto above = static_cast<double>(order_statistic(ratings, lower + 1));
  if (h == 1) return Number::integer(static_cast<std::int64_t>(above));
  if (h > 0 && h < 1 && below != above) return Number::real((1 - h) * below + h * above);
  return Number::integer(static_cast<std::int64_t>(below));
}

}  // namespace

Number quantile(const Histogram& ratings, const Number& p, int type) {
  if (ratings.empty() || p.is_missing() || !is_quantile_type(type)) return Number::missing();
  if (!p.is_exact()) return floating_quantile(ratings, p.value(), type);
  if (p.numerator() < 0 || p.numerator() > p.denominator()) return Number::missing();
  return exact_quantile(ratings, p.numerator(), p.denominator(), type);
}

Number iqr(const Histogram& ratings, int type) {
  static const Number kThreeQuarters = Number::ratio(3, 4), kOneQuarter = Number::ratio(1, 4);
  return quantile(ratings, kThreeQuarters, type) - quantile(ratings, kOneQuarter, type);
}

}  // namespace tholos::stdlib
