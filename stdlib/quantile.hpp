// Sample quantiles by the nine definitions of Hyndman & Fan (1996), "Sample
// quantiles in statistical packages", The American Statistician 50(4),
// 361-365, exactly as R's quantile(x, p, type = t) computes them (R 4.2,
// stats:::quantile.default).
//
// With x(1) <= ... <= x(n) the sorted ratings, x(k) for k < 1 read as x(1)
// and for k > n as x(n), each type finds j (whole) and g (in [0, 1]) from the
// probability p and returns (1 - g) x(j) + g x(j+1), with g chosen as below:
//
//   type  family          n*p + m, or index                   g
//   1     inverse ECDF    j = floor(n p)                      1 if n p > j, else 0
//   2     ECDF, averaged  j = floor(n p)                      1 if n p > j, else 1/2
//   3     nearest even    j = floor(n p - 1/2)                1 if n p - 1/2 > j or j
//         order statistic                                       is odd, else 0
//   4     linear          j = floor(n p)                      n p - j
//   5     linear          j = floor(n p + 1/2)                n p + 1/2 - j
//   6     linear (SPSS)   j = floor((n + 1) p)                (n + 1) p - j
//   7     linear (R, S,   j = floor(1 + (n - 1) p),           1 + (n - 1) p - j
//         Excel default)  read as x(j), x(j+1)
//   8     median-unbiased j = floor(1/3 + (n + 1/3) p)        1/3 + (n + 1/3) p - j
//   9     normal-unbiased j = floor(3/8 + (n + 1/4) p)        3/8 + (n + 1/4) p - j
//
// Types 4-9 are a + p (n + 1 - a - b) with (a, b) = (0, 1), (1/2, 1/2),
// (0, 0), (1, 1), (1/3, 1/3), (3/8, 3/8) in R's notation. At p = 0 every
// type gives x(1) and at p = 1 every type gives x(n).
//
// When p is an exact rational (a literal such as 0.3 or 1/3) j and g are
// computed exactly and the result is exact: it is where each definition
// actually puts its discontinuities. R computes n p in floating point, and
// for types 1-3 that can land on the other side of a step: with n = 45 and
// p = 0.7, 45 * 0.7 is 31.499999999999996 in R, whose type 3 returns x(31)
// where the definition's n p = 31.5 gives x(32); with n = 90, p = 0.7,
// R's type 2 returns x(63) where the definition gives (x(63) + x(64)) / 2.
// When p is itself inexact (a double) R's floating-point algorithm is
// followed step for step, including its 4 * DBL_EPSILON fuzz for types 4-9
// and its tolerance of 100 * DBL_EPSILON outside [0, 1] (p is clamped there,
// where R would stop with an error further out, Tholos gives missing); the
// result is then inexact unless it is one of the ratings.
#pragma once

#include "stdlib/histogram.hpp"
#include "stdlib/number.hpp"

namespace tholos::stdlib {

inline constexpr int kFirstQuantileType = 1;
inline constexpr int kLastQuantileType = 9;
// R's default, and the one Tholos uses when a file declares none.
inline constexpr int kDefaultQuantileType = 7;

constexpr bool is_quantile_type(int type) {
  return type >= kFirstQuantileType && type <= kLastQuantileType;
}

// The p-quantile of the ratings under Hyndman & Fan's `type`. Missing when
// there are no ratings, p is missing or outside [0, 1], or the type is not
// 1..9.
Number quantile(const Histogram& ratings, const Number& p, int type);

// Interquartile range, quantile(0.75) - quantile(0.25) (R's IQR(x, type=)).
Number iqr(const Histogram& ratings, int type);

}  // namespace tholos::stdlib
