// Descriptive statistics of one rating vector (as its histogram) or of a
// true/false tally. Every result is a Number: exact wherever the mathematics
// is rational (all of these except sd and cv, which are exact only when the
// variance is the square of a rational), missing when the input is too small.
//
// Definitions follow R 4.2 (stats::var, sd, median, mad) except where noted:
//   count   n                                    never missing
//   mean    sum(x) / n                           n >= 1
//   var     sum((x - mean)^2) / (n - 1)          n >= 2 (R: NA for n = 1)
//   sd      sqrt(var)                            n >= 2
//   cv      sd / mean                            n >= 2; missing when the mean is 0
//                                                (R gives Inf or NaN); not scaled
//                                                by 100 and keeps the mean's sign
//   median  middle value, or the midpoint of     n >= 1; independent of the
//           the two middle values                quantile type (as R's median())
//   mad     1.4826 * median(|x - median(x)|)     n >= 1 (R's default constant,
//   mad_raw median(|x - median(x)|)                taken as the exact 7413/5000)
//   mode    the most frequent rating             n >= 1; missing when tied
//   min, max, range = max - min                  n >= 1 (R's range() gives the pair)
// Quantiles and the IQR are in quantile.hpp.
#pragma once

#include "stdlib/histogram.hpp"
#include "stdlib/number.hpp"

namespace tholos::stdlib {

// The number of ratings.
Number count(const Histogram& ratings);
// The number of elements for which the condition holds.
Number count(const Tally& tally);

// trues / total; missing when total is 0.
Number share(const Tally& tally);
// trues / denominator (e.g. all invited panelists); missing when the
// denominator is 0 or missing.
Number share(const Tally& tally, const Number& denominator);

Number mean(const Histogram& ratings);
// Sample variance, denominator n - 1.
Number var(const Histogram& ratings);
// Sample standard deviation, sqrt(var).
Number sd(const Histogram& ratings);
// Coefficient of variation, sd / mean.
Number cv(const Histogram& ratings);

// R's median(): the same for every quantile type.
Number median(const Histogram& ratings);

// 1.4826, the constant that makes the MAD a consistent estimator of the
// normal standard deviation (R's mad() default), as the exact 7413/5000.
Number mad_normal_constant();
// constant * median(|x - median(x)|), as R's mad(x, constant = constant).
Number mad(const Histogram& ratings, const Number& constant);
// Scaled by mad_normal_constant(), as R's mad(x).
Number mad(const Histogram& ratings);
// Unscaled: median(|x - median(x)|), R's mad(x, constant = 1).
Number mad_raw(const Histogram& ratings);

// The most frequent rating; missing when several ratings tie for most
// frequent or when there are no ratings.
Number mode(const Histogram& ratings);

Number min(const Histogram& ratings);
Number max(const Histogram& ratings);
// max - min, a single number.
Number range(const Histogram& ratings);

}  // namespace tholos::stdlib
