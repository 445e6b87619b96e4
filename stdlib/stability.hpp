// Stability between two rounds: how a statement's ratings in one round
// (usually this one) compare with its ratings in another (usually the
// previous one). The first argument is always "this" round, the second the
// round it is compared with.
//
// Paired methods take PairedRatings (pair_by_panelist: only the panelists
// who rated in both rounds); unpaired methods take each round's histogram of
// all its valid ratings. Every result is a Number: exact wherever the
// mathematics is rational (net change, McNemar's and the chi-square
// statistics, weighted kappa, the signed-rank statistic and its exact
// p-value), missing when the input cannot give a value.
//
//   net_change        Scheibe, Skutsch & Schofer (1975)       paired    exact
//   cv_change         cv(this) - cv(other)                    unpaired
//   wilcoxon_*        signed-rank test, as R's                paired    V exact; p exact
//                     wilcox.test(paired = TRUE)                        in the exact branch
//   mcnemar           McNemar (1947), continuity-corrected,   paired    statistic exact
//                     as R's mcnemar.test
//   dajani            Dajani, Sincoff & Talley (1979) group   unpaired  statistic exact
//                     chi-square (2 x k homogeneity)                    when it fits
//   chaffin_talley    Chaffin & Talley (1980) individual      paired    statistic exact
//                     chi-square (r x c independence)                   when it fits
//   weighted_kappa    Cohen (1968), categories = the scale    paired    exact
//   spearman          rank correlation, mid-ranks, as R's     paired    exact when the
//                     cor(method = "spearman")                          root is rational
//
// docs/stdlib.md gives each one's formula, source, and small-sample
// behaviour. Distribution functions (normal, chi-square) are Boost.Math's;
// Boost.Math (1.74) has no signed-rank distribution, so the exact null
// distribution of the signed-rank statistic is counted here
// (signed_rank_counts), exactly, in integers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "stdlib/histogram.hpp"
#include "stdlib/number.hpp"
#include "stdlib/samples.hpp"

namespace tholos::stdlib {

// Scheibe, Skutsch & Schofer (1975): with f_this(x) and f_other(x) the
// number of paired panelists who gave rating x in each round,
//   net change = sum over the scale points x of |f_this(x) - f_other(x)| / (2 n),
// n the number of pairs: the smallest share of panelists who must have
// changed their rating to turn one distribution into the other. Exact.
// Missing when there are no pairs or a rating lies outside the scale.
Number net_change(const PairedRatings& pairs);

// cv(this) - cv(other), each round's coefficient of variation (sd / mean,
// descriptive.hpp) over all of that round's ratings. Missing when either is.
Number cv_change(const Histogram& this_round, const Histogram& other_round);

// The Wilcoxon signed-rank test of this - other, as R's
// wilcox.test(this, other, paired = TRUE) with its defaults (two-sided,
// exact = NULL, correct = TRUE).
struct SignedRankTest {
  Number v;                   // sum of the (mid-)ranks of |d| over the positive differences d
  Number p;                   // two-sided p-value
  std::uint32_t nonzero = 0;  // differences left once zero differences are dropped
  bool exact = false;         // p from the exact distribution (else the normal approximation)
};
// Zero differences are dropped and the remaining |d| ranked (mid-ranks for
// ties). With fewer than 50 remaining differences, no ties among them and
// no zero difference dropped, p is exact: min(1, 2 P), P the smaller tail of
// the exact null distribution at V (an exact rational k / 2^n). Otherwise p
// comes from the normal approximation with continuity correction:
//   z = (V - n(n+1)/4 - sign(.) / 2) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48),
//   p = 2 * (1 - Phi(|z|)),
// t the sizes of the groups of tied |d|. V is missing when there are no
// pairs (0 when every difference is zero); p is missing when no difference
// is non-zero.
SignedRankTest wilcoxon_signed_rank(const PairedRatings& pairs);

// counts[s] = the number of subsets of {1, ..., n} whose elements sum to s,
// s = 0 .. n(n+1)/2: 2^n times the null distribution of the signed-rank
// statistic without ties (R's csignrank). Exact for n <= 62.
std::vector<std::uint64_t> signed_rank_counts(std::uint32_t n);

// A chi-square test's statistic, degrees of freedom and upper-tail p-value.
struct ChiSquareTest {
  Number statistic;
  Number p;
  std::uint32_t df = 0;
};

// McNemar's test with continuity correction for two per-respondent
// conditions (values 1 = true, 0 = false), paired by panelist, as R's
// mcnemar.test(correct = TRUE) on the 2 x 2 table. With n10 the pairs true
// in this round and false in the other, n01 the reverse:
//   chi-square = (|n10 - n01| - 1)^2 / (n10 + n01)   when n10 != n01,
//                0                                   when n10 == n01
// (R applies the correction only when the table is not symmetric), df = 1.
// Missing when n10 + n01 = 0 or a value is neither 0 nor 1.
ChiSquareTest mcnemar(const PairedRatings& pairs);

// Dajani, Sincoff & Talley (1979) group stability: Pearson's chi-square
// test of homogeneity of the two rounds' distributions, the 2 x k table of
// each round's counts per scale point, with the points empty in both
// rounds dropped; df = (points kept - 1); no continuity correction (R's
// chisq.test(correct = FALSE)). When every rating in both rounds is the same
// point the two distributions are identical: statistic 0, df 0, p 1.
// Missing when either round has no ratings.
ChiSquareTest dajani(const Histogram& this_round, const Histogram& other_round);

// Chaffin & Talley (1980) individual stability: Pearson's chi-square test of
// independence on the cross-tabulation of each paired panelist's rating in
// this round (rows) by their rating in the other (columns), over the ratings
// that occur (rows and columns with no panelist are dropped); df =
// (rows - 1)(columns - 1); no continuity correction (R's
// chisq.test(table(this, other), correct = FALSE)). A small p-value (the
// later rating depends on the earlier) is their evidence of stability.
// Missing when fewer than two different ratings occur in either round.
ChiSquareTest chaffin_talley(const PairedRatings& pairs);

// Cohen's (1968) weighted kappa between the two rounds as two raters of the
// paired panelists, with the k points of the scale as the categories:
//   kappa_w = 1 - sum v_ij o_ij / sum v_ij e_ij,   e_ij = r_i c_j / n,
// v the disagreement weights (|i - j| linear, (i - j)^2 quadratic; the
// agreement weights 1 - |i - j|/(k - 1) and 1 - (i - j)^2/(k - 1)^2 give the
// same kappa). Exact. Missing when there are no pairs, the scale has one
// point, a rating lies outside the scale, or chance disagreement is 0 (every
// rating in both rounds is the same point).
enum class KappaWeights : std::uint8_t { linear, quadratic };
Number weighted_kappa(const PairedRatings& pairs, KappaWeights weights);
// The same with any disagreement weights: disagreement[i * k + j] for this
// round's i-th and the other round's j-th scale point (k = pairs.scale.points(),
// non-negative, 0 on the diagonal). Missing also when the matrix is not k x k.
Number weighted_kappa(const PairedRatings& pairs, std::span<const std::int64_t> disagreement);

// Spearman's rank correlation of the pairs, as R's cor(this, other,
// method = "spearman"): Pearson's correlation of the mid-ranks. Missing with
// fewer than 2 pairs or when either round's paired ratings are all equal.
Number spearman(const PairedRatings& pairs);

}  // namespace tholos::stdlib
