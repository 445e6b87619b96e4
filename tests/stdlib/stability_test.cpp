// The stability statistics (stdlib/stability.hpp) and their catalogue
// entries: hand-worked and published examples, the edge cases, and every
// row of tests/data/reference/stability.csv (R's values for many generated
// pairs of rounds, written by tests/reference/make_stability_fixtures.R,
// whose header documents the columns).
#include "stdlib/stability.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "stdlib/catalogue.hpp"
#include "stdlib/samples.hpp"

namespace tholos::stdlib {
namespace {

using ByPanelist = std::vector<std::pair<std::uint32_t, std::int32_t>>;

// One round's ratings of a statement by panelist, owning its storage:
// viewed as a RatingVector (for paired methods) or as a Histogram of all
// its ratings (for unpaired ones).
class Round {
 public:
  // Panelist p rated r, for each (p, r).
  static Round by_panelist(Scale scale, ByPanelist ratings) {
    return Round(scale, std::move(ratings));
  }
  // Panelists 1, 2, ..., n.
  Round(Scale scale, const std::vector<std::int32_t>& values) : Round(scale, numbered(values)) {}

  RatingVector vector() const { return RatingVector{who_, values_, scale_}; }
  Histogram histogram() const { return Histogram{scale_.low, counts_, total_}; }

 private:
  Round(Scale scale, ByPanelist ratings)
      : scale_(scale), counts_(static_cast<std::size_t>(scale.points()), 0) {
    std::sort(ratings.begin(), ratings.end());
    for (const auto& [who, value] : ratings) {
      who_.push_back(who);
      values_.push_back(value);
      if (value >= scale.low && value <= scale.high) {
        ++counts_[static_cast<std::size_t>(value - scale.low)];
        ++total_;
      }
    }
  }
  static ByPanelist numbered(const std::vector<std::int32_t>& values) {
    ByPanelist result;
    for (std::size_t i = 0; i < values.size(); ++i)
      result.emplace_back(static_cast<std::uint32_t>(i + 1), values[i]);
    return result;
  }

  Scale scale_;
  std::vector<std::uint32_t> who_;
  std::vector<std::int32_t> values_;
  std::vector<std::uint32_t> counts_;
  std::uint32_t total_ = 0;
};

PairedRatings pairs(Scale scale, std::vector<std::int32_t> first,
                    std::vector<std::int32_t> second) {
  PairedRatings p;
  p.scale = scale;
  p.first = std::move(first);
  p.second = std::move(second);
  return p;
}

// The panelists of a cross-tabulation: counts[i][j] panelists rated point
// low + i in the first round and low + j in the second.
PairedRatings from_table(Scale scale, const std::vector<std::vector<int>>& counts) {
  PairedRatings p;
  p.scale = scale;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    for (std::size_t j = 0; j < counts[i].size(); ++j) {
      for (int c = 0; c < counts[i][j]; ++c) {
        p.first.push_back(scale.low + static_cast<std::int32_t>(i));
        p.second.push_back(scale.low + static_cast<std::int32_t>(j));
      }
    }
  }
  return p;
}

bool is_ratio(const Number& x, std::int64_t num, std::int64_t den) {
  return x.is_exact() && x == Number::ratio(num, den);
}

void expect_near_relative(const Number& x, double expected, double tolerance = 1e-12) {
  ASSERT_FALSE(x.is_missing());
  EXPECT_NEAR(x.value(), expected, tolerance * std::max(1.0, std::abs(expected)));
}

constexpr Scale kFive{1, 5};
constexpr Scale kNine{1, 9};
constexpr Scale kBinary{0, 1};
constexpr Scale kThree{1, 3};
constexpr Scale kHundred{0, 100};

// Chaffin & Talley (1980), Table 3a, as reproduced by the contentvalidR
// package's release checks: 122 panelists' ratings in rounds 2 (rows) and 3
// (columns) on a 3-point scale. Published: individual chi-square 3.70,
// group chi-square 1.516.
const std::vector<std::vector<int>> kTable3a = {{8, 13, 5}, {20, 38, 13}, {5, 11, 9}};

// ------------------------------------------------------------- net change

TEST(NetChange, ScheibeDefinitionByHand) {
  // Ten panelists in both rounds; panelist 11 rated only this round and
  // panelist 12 only the previous one: neither is compared.
  const Round previous = Round::by_panelist(
      kFive,
      {{1, 3}, {2, 4}, {3, 4}, {4, 5}, {5, 2}, {6, 3}, {7, 4}, {8, 5}, {9, 1}, {10, 4}, {12, 5}});
  const Round current = Round::by_panelist(
      kFive,
      {{1, 4}, {2, 4}, {3, 4}, {4, 5}, {5, 3}, {6, 3}, {7, 4}, {8, 4}, {9, 2}, {10, 4}, {11, 1}});
  const PairedRatings p = pair_by_panelist(current.vector(), previous.vector());
  ASSERT_EQ(p.size(), 10u);
  // f_previous = 1 1 2 4 2 and f_this = 0 1 2 6 1 over the points 1..5:
  // |differences| 1 0 0 2 1, sum 4, halved 2, of 10 panelists: 20%.
  const Number change = net_change(p);
  EXPECT_TRUE(is_ratio(change, 1, 5));
  EXPECT_FALSE(change < Number::ratio(15, 100));  // not stable
}

TEST(NetChange, FifteenPercentIsExact) {
  // 20 panelists, three of whom moved from 4 to 5: 3/20 is exactly 15%, so
  // "net_change < 15%" is false and "<= 15%" true.
  std::vector<std::int32_t> before(20, 4), after(20, 4);
  after[0] = after[1] = after[2] = 5;
  const Number change = net_change(pairs(kFive, after, before));
  EXPECT_TRUE(is_ratio(change, 3, 20));
  EXPECT_FALSE(change < Number::ratio(15, 100));
  EXPECT_TRUE(change <= Number::ratio(15, 100));
}

TEST(NetChange, SwapsCancel) {
  // Everyone changed, but the distribution did not: net change 0.
  EXPECT_TRUE(is_ratio(net_change(pairs(kFive, {1, 5, 2, 4}, {5, 1, 4, 2})), 0, 1));
}

TEST(NetChange, IdenticalRoundsAreZero) {
  EXPECT_TRUE(is_ratio(net_change(pairs(kNine, {7, 8, 9, 9, 3}, {7, 8, 9, 9, 3})), 0, 1));
}

TEST(NetChange, ChaffinTalleyTable3a) {
  EXPECT_TRUE(is_ratio(net_change(from_table(kThree, kTable3a)), 9, 122));
}

TEST(NetChange, EmptyOrOffTheScaleIsMissing) {
  EXPECT_TRUE(net_change(pairs(kFive, {}, {})).is_missing());
  EXPECT_TRUE(net_change(pairs(kFive, {6}, {5})).is_missing());
}

// ---------------------------------------------------------------- CV change

TEST(CvChange, ExactWhenBothVariancesAreSquares) {
  // 1 3 5: mean 3, variance 4, cv 2/3; 2 2 2 2: cv 0. Unpaired: the rounds
  // need not have the same panelists or the same number of ratings.
  const Round current(kFive, {1, 3, 5});
  const Round previous(kFive, {2, 2, 2, 2});
  EXPECT_TRUE(is_ratio(cv_change(current.histogram(), previous.histogram()), 2, 3));
  EXPECT_TRUE(is_ratio(cv_change(previous.histogram(), current.histogram()), -2, 3));
}

TEST(CvChange, MissingWithTooFewRatingsOrAZeroMean) {
  const Round two(kBinary, {0, 1});
  const Round zeros(kBinary, {0, 0, 0});
  const Round one(kFive, std::vector<std::int32_t>{3});
  EXPECT_TRUE(cv_change(two.histogram(), zeros.histogram()).is_missing());
  EXPECT_TRUE(cv_change(one.histogram(), Round(kFive, {1, 2}).histogram()).is_missing());
  EXPECT_TRUE(cv_change(Round(kFive, std::vector<std::int32_t>{}).histogram(), one.histogram())
                  .is_missing());
}

// --------------------------------------------------------- Wilcoxon signed rank

TEST(SignedRankCounts, SmallTablesAndTotals) {
  // Subsets of {1, 2, 3}: sums 0 1 2 3 3 4 5 6.
  EXPECT_EQ(signed_rank_counts(3), (std::vector<std::uint64_t>{1, 1, 1, 2, 1, 1, 1}));
  EXPECT_EQ(signed_rank_counts(0), (std::vector<std::uint64_t>{1}));
  // R: dsignrank(c(0, 10, 27, 55), 10) * 2^10 = 1 10 40 1.
  const std::vector<std::uint64_t> ten = signed_rank_counts(10);
  EXPECT_EQ(ten[0], 1u);
  EXPECT_EQ(ten[10], 10u);
  EXPECT_EQ(ten[27], 40u);
  EXPECT_EQ(ten[55], 1u);
  for (std::uint32_t n = 0; n <= 62; ++n) {
    const std::vector<std::uint64_t> c = signed_rank_counts(n);
    ASSERT_EQ(c.size(), std::size_t{n} * (n + 1) / 2 + 1);
    std::uint64_t total = 0;
    for (std::size_t s = 0; s < c.size(); ++s) {
      total += c[s];
      ASSERT_EQ(c[s], c[c.size() - 1 - s]) << "symmetric, n = " << n;
    }
    EXPECT_EQ(total, std::uint64_t{1} << n) << n;
  }
}

TEST(Wilcoxon, ExactAllPositive) {
  // Differences 1..6, all positive: V = 21, the largest value; P(V >= 21) =
  // 1/64 and p = 2/64 = 1/32, exactly.
  const SignedRankTest t =
      wilcoxon_signed_rank(pairs(kHundred, {11, 22, 33, 44, 55, 66}, {10, 20, 30, 40, 50, 60}));
  EXPECT_TRUE(t.exact);
  EXPECT_EQ(t.nonzero, 6u);
  EXPECT_TRUE(is_ratio(t.v, 21, 1));
  EXPECT_TRUE(is_ratio(t.p, 1, 32));
}

TEST(Wilcoxon, ExactAtTheMeanIsOne) {
  // Differences 1 -2 -3 4: V = 5 = n(n+1)/4; P(V <= 5) = 9/16; p = min(1, 18/16).
  const SignedRankTest t =
      wilcoxon_signed_rank(pairs(kHundred, {51, 48, 47, 54}, {50, 50, 50, 50}));
  EXPECT_TRUE(t.exact);
  EXPECT_TRUE(is_ratio(t.v, 5, 1));
  EXPECT_TRUE(is_ratio(t.p, 1, 1));
}

// Differences +1 -2 +3 -4 ... (+-n) on 0..100 around 50.
PairedRatings alternating(int n) {
  PairedRatings p = pairs(kHundred, {}, {});
  for (int i = 1; i <= n; ++i) {
    p.first.push_back(50 + (i % 2 == 1 ? i : -i));
    p.second.push_back(50);
  }
  return p;
}

TEST(Wilcoxon, ExactBelowFiftyNormalFromFifty) {
  // R 4.2.2: wilcox.test(50 + d, rep(50, n), paired = TRUE) for the
  // alternating differences; n = 49 is "exact test", n = 50 "with continuity
  // correction".
  const SignedRankTest below = wilcoxon_signed_rank(alternating(49));
  EXPECT_TRUE(below.exact);
  EXPECT_EQ(below.nonzero, 49u);
  EXPECT_TRUE(is_ratio(below.v, 625, 1));
  ASSERT_TRUE(below.p.is_exact());
  EXPECT_EQ(below.p.denominator() % 2, 0);  // k / 2^48, in lowest terms
  expect_near_relative(below.p, 0.90584355719515142);

  const SignedRankTest at = wilcoxon_signed_rank(alternating(50));
  EXPECT_FALSE(at.exact);
  EXPECT_TRUE(is_ratio(at.v, 625, 1));
  EXPECT_FALSE(at.p.is_exact());
  expect_near_relative(at.p, 0.90777986831615265);
}

TEST(Wilcoxon, TiesUseTheNormalApproximation) {
  // Differences 1 1 2 3 -4: |d| 1 and 1 tie (mid-rank 1.5); V = 1.5 + 1.5 +
  // 3 + 4 = 10. R: V = 10, p = 0.58793674617356628 (normal, tie-corrected).
  const SignedRankTest t = wilcoxon_signed_rank(pairs(kNine, {2, 2, 3, 4, 1}, {1, 1, 1, 1, 5}));
  EXPECT_FALSE(t.exact);
  EXPECT_TRUE(is_ratio(t.v, 10, 1));
  expect_near_relative(t.p, 0.58793674617356628);
}

TEST(Wilcoxon, AZeroDifferenceUsesTheNormalApproximation) {
  // Differences 0 1 2 3 -4 5: the zero is dropped (n = 5, untied) but still
  // rules out the exact p, as in R: V = 11, p = 0.41849223344681974.
  const SignedRankTest t =
      wilcoxon_signed_rank(pairs(kHundred, {10, 11, 12, 13, 6, 15}, {10, 10, 10, 10, 10, 10}));
  EXPECT_FALSE(t.exact);
  EXPECT_EQ(t.nonzero, 5u);
  EXPECT_TRUE(is_ratio(t.v, 11, 1));
  expect_near_relative(t.p, 0.41849223344681974);
}

TEST(Wilcoxon, HalfRanksAreExact) {
  // |d| 1 1 2: mid-ranks 1.5 1.5 3; only the first is positive: V = 3/2.
  const SignedRankTest t = wilcoxon_signed_rank(pairs(kFive, {3, 2, 1}, {2, 3, 3}));
  EXPECT_TRUE(is_ratio(t.v, 3, 2));
}

TEST(Wilcoxon, NoChangeAndNoPairs) {
  const SignedRankTest unchanged = wilcoxon_signed_rank(pairs(kFive, {3, 4, 5}, {3, 4, 5}));
  EXPECT_TRUE(is_ratio(unchanged.v, 0, 1));  // R: V = 0
  EXPECT_TRUE(unchanged.p.is_missing());     // R: NaN
  const SignedRankTest none = wilcoxon_signed_rank(pairs(kFive, {}, {}));
  EXPECT_TRUE(none.v.is_missing());  // R: an error
  EXPECT_TRUE(none.p.is_missing());
}

// ------------------------------------------------------------------ McNemar

TEST(McNemar, NoDiscordantPairsIsMissing) {
  const ChiSquareTest t = mcnemar(pairs(kBinary, {1, 1, 0, 0}, {1, 1, 0, 0}));
  EXPECT_TRUE(t.statistic.is_missing());
  EXPECT_TRUE(t.p.is_missing());
}

TEST(McNemar, ContinuityCorrected) {
  // n10 = 5, n01 = 0: (|5 - 0| - 1)^2 / 5 = 16/5; R: p = 0.073638270120302773.
  const ChiSquareTest t = mcnemar(pairs(kBinary, {1, 1, 1, 1, 1, 1, 0}, {0, 0, 0, 0, 0, 1, 0}));
  EXPECT_EQ(t.df, 1u);
  EXPECT_TRUE(is_ratio(t.statistic, 16, 5));
  expect_near_relative(t.p, 0.073638270120302773);
}

TEST(McNemar, SymmetricTableIsNotCorrected) {
  // n10 = n01 = 2: R's mcnemar.test corrects only an asymmetric table, so 0
  // (not (0 - 1)^2 / 4), and p = 1.
  const ChiSquareTest t = mcnemar(pairs(kBinary, {1, 1, 0, 0, 1}, {0, 0, 1, 1, 1}));
  EXPECT_TRUE(is_ratio(t.statistic, 0, 1));
  EXPECT_TRUE(is_ratio(t.p, 1, 1));
}

TEST(McNemar, RatingsThatAreNotConditionsAreMissing) {
  EXPECT_TRUE(mcnemar(pairs(kFive, {1, 2}, {2, 1})).statistic.is_missing());
}

// ------------------------------------------------------------------- Dajani

TEST(Dajani, ChaffinTalleyTable3aMargins) {
  // The two rounds' distributions: 33 62 27 (round 3) and 26 71 25 (round 2).
  // Published 1.516; R: chisq.test(correct = FALSE) 1.5164541078903255, df 2,
  // p = 0.46849630980798923.
  const PairedRatings p = from_table(kThree, kTable3a);
  const Round current(kThree, p.first), previous(kThree, p.second);
  const ChiSquareTest t = dajani(current.histogram(), previous.histogram());
  EXPECT_EQ(t.df, 2u);
  EXPECT_TRUE(t.statistic.is_exact());
  expect_near_relative(t.statistic, 1.5164541078903255);
  expect_near_relative(t.p, 0.46849630980798923);
}

TEST(Dajani, NoContinuityCorrectionOnTwoByTwo) {
  // 5 1 against 1 5: 12 (25 - 1)^2 / 6^4 = 16/3 (Yates would give 3).
  const ChiSquareTest t = dajani(Round(kBinary, {0, 0, 0, 0, 0, 1}).histogram(),
                                 Round(kBinary, {0, 1, 1, 1, 1, 1}).histogram());
  EXPECT_EQ(t.df, 1u);
  EXPECT_TRUE(is_ratio(t.statistic, 16, 3));
}

TEST(Dajani, PointsEmptyInBothRoundsAreDropped) {
  // Only 7, 8 and 9 of 1..9 are used: df = 2, not 8.
  const ChiSquareTest t =
      dajani(Round(kNine, {7, 8, 8, 9, 9, 9}).histogram(), Round(kNine, {7, 7, 8, 9}).histogram());
  EXPECT_EQ(t.df, 2u);
  EXPECT_FALSE(t.statistic.is_missing());
}

TEST(Dajani, OnePointInBothRoundsIsIdentical) {
  const ChiSquareTest t =
      dajani(Round(kNine, {9, 9, 9}).histogram(), Round(kNine, {9, 9}).histogram());
  EXPECT_EQ(t.df, 0u);
  EXPECT_TRUE(is_ratio(t.statistic, 0, 1));
  EXPECT_TRUE(is_ratio(t.p, 1, 1));
}

TEST(Dajani, AnEmptyRoundIsMissing) {
  const ChiSquareTest t = dajani(Round(kNine, {9, 8}).histogram(),
                                 Round(kNine, std::vector<std::int32_t>{}).histogram());
  EXPECT_TRUE(t.statistic.is_missing());
  EXPECT_TRUE(t.p.is_missing());
}

// ---------------------------------------------------------- Chaffin & Talley

TEST(ChaffinTalley, Table3a) {
  // Published 3.70; R: 3.6994617925194944 on 4 df, p = 0.44820420808576317.
  const ChiSquareTest t = chaffin_talley(from_table(kThree, kTable3a));
  EXPECT_EQ(t.df, 4u);
  EXPECT_TRUE(t.statistic.is_exact());
  expect_near_relative(t.statistic, 3.6994617925194944);
  expect_near_relative(t.p, 0.44820420808576317);
}

TEST(ChaffinTalley, OnlyTheRatingsThatOccur) {
  // Ratings 1 and 9 only, on 1..9: the 2 x 2 table 2 0 / 0 2, df 1, and
  // X^2 = n (ad - bc)^2 / (r1 r2 c1 c2) = 4 * 16 / 16 = 4.
  const ChiSquareTest t = chaffin_talley(pairs(kNine, {1, 1, 9, 9}, {1, 1, 9, 9}));
  EXPECT_EQ(t.df, 1u);
  EXPECT_TRUE(is_ratio(t.statistic, 4, 1));
}

TEST(ChaffinTalley, AUnanimousRoundIsMissing) {
  EXPECT_TRUE(chaffin_talley(pairs(kFive, {5, 5, 5}, {3, 4, 5})).statistic.is_missing());
  EXPECT_TRUE(chaffin_talley(pairs(kFive, {3, 4, 5}, {4, 4, 4})).p.is_missing());
  EXPECT_TRUE(chaffin_talley(pairs(kFive, {}, {})).p.is_missing());
}

// ----------------------------------------------------------- weighted kappa

TEST(WeightedKappa, ByHand) {
  // Pairs (1,1) (2,3) (3,2) (3,3) on 1..3: r = c = 1 1 2. Linear: sum v o =
  // 2, sum v r c = 14, kappa = 1 - 4 * 2 / 14 = 3/7. Quadratic: 2 and 22,
  // kappa = 1 - 8/22 = 7/11.
  const PairedRatings p = pairs(kThree, {1, 2, 3, 3}, {1, 3, 2, 3});
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::linear), 3, 7));
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::quadratic), 7, 11));
}

TEST(WeightedKappa, IdenticalRoundsAreOne) {
  const PairedRatings p = pairs(kNine, {1, 5, 7, 7, 8, 9, 9}, {1, 5, 7, 7, 8, 9, 9});
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::linear), 1, 1));
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::quadratic), 1, 1));
}

TEST(WeightedKappa, UnanimousRounds) {
  // Both rounds all 8: chance agreement is 1, kappa undefined.
  EXPECT_TRUE(
      weighted_kappa(pairs(kNine, {8, 8, 8}, {8, 8, 8}), KappaWeights::linear).is_missing());
  // One round unanimous: kappa is 0 however many kept their rating.
  EXPECT_TRUE(
      is_ratio(weighted_kappa(pairs(kNine, {8, 8, 8}, {8, 7, 9}), KappaWeights::quadratic), 0, 1));
}

TEST(WeightedKappa, CohenTable1WithHisWeights) {
  // Cohen (1968), Table 1 as reproduced by contentvalidR's release checks:
  // disagreement weights 0 1 3 / 1 0 6 / 3 6 0; published kappa_w = .348;
  // exactly 8/23.
  const PairedRatings p = from_table(kThree, {{88, 14, 18}, {10, 40, 10}, {2, 6, 12}});
  const std::vector<std::int64_t> weights = {0, 1, 3, 1, 0, 6, 3, 6, 0};
  EXPECT_TRUE(is_ratio(weighted_kappa(p, weights), 8, 23));
  const std::vector<std::int64_t> wrong_size = {0, 1, 1, 0};
  EXPECT_TRUE(weighted_kappa(p, wrong_size).is_missing());
}

TEST(WeightedKappa, WholeScaleNotJustThePointsUsed) {
  // Ratings 1, 2 and 5 on 1..5: 5 is three points from 2, not one (irr's
  // kappa2 numbers the categories present 1, 2, 3 and gives 0.3103 linear).
  const PairedRatings p = pairs(kFive, {1, 2, 5, 5, 2, 1, 5, 2}, {2, 2, 5, 1, 1, 1, 5, 5});
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::linear), 23, 59));
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::quadratic), 43, 97));
}

TEST(WeightedKappa, MissingInputs) {
  EXPECT_TRUE(weighted_kappa(pairs(kFive, {}, {}), KappaWeights::linear).is_missing());
  EXPECT_TRUE(
      weighted_kappa(pairs(Scale{3, 3}, {3, 3}, {3, 3}), KappaWeights::linear).is_missing());
  EXPECT_TRUE(weighted_kappa(pairs(kFive, {1, 7}, {2, 3}), KappaWeights::linear).is_missing());
}

// ----------------------------------------------------------------- Spearman

TEST(Spearman, ExactWhereTheRootIsRational) {
  EXPECT_TRUE(is_ratio(spearman(pairs(kFive, {1, 2, 3, 4, 5}, {1, 2, 3, 4, 5})), 1, 1));
  EXPECT_TRUE(is_ratio(spearman(pairs(kFive, {1, 2, 3, 4, 5}, {5, 4, 3, 2, 1})), -1, 1));
  // 1 - 6 * 4 / (5 * 24) = 4/5.
  EXPECT_TRUE(is_ratio(spearman(pairs(kFive, {1, 2, 3, 4, 5}, {2, 1, 4, 3, 5})), 4, 5));
}

TEST(Spearman, MidRanksAsR) {
  // R: cor(c(1,1,2,3,3,4,5,5), c(2,1,2,3,4,4,4,5), method = "spearman").
  expect_near_relative(spearman(pairs(kFive, {1, 1, 2, 3, 3, 4, 5, 5}, {2, 1, 2, 3, 4, 4, 4, 5})),
                       0.91882178575625273);
}

TEST(Spearman, MissingWithoutVarianceOrPairs) {
  EXPECT_TRUE(spearman(pairs(kFive, {4, 4, 4}, {1, 2, 3})).is_missing());
  EXPECT_TRUE(spearman(pairs(kFive, {1, 2, 3}, {2, 2, 2})).is_missing());
  EXPECT_TRUE(spearman(pairs(kFive, {3}, {4})).is_missing());
  EXPECT_TRUE(spearman(pairs(kFive, {}, {})).is_missing());
}

// ------------------------------------------------- the documentation's example

TEST(DocumentationExample, EveryValueInDocsStdlibStability) {
  // docs/stdlib-stability.md, "The worked example": panelists 1-10 in both
  // rounds, 11 only in round 2, 12 only in round 1. R's values in comments.
  const Round round1 = Round::by_panelist(
      kFive,
      {{1, 3}, {2, 4}, {3, 4}, {4, 5}, {5, 2}, {6, 3}, {7, 4}, {8, 5}, {9, 1}, {10, 4}, {12, 5}});
  const Round round2 = Round::by_panelist(
      kFive,
      {{1, 4}, {2, 4}, {3, 4}, {4, 5}, {5, 3}, {6, 3}, {7, 4}, {8, 4}, {9, 2}, {10, 4}, {11, 1}});
  const PairedRatings p = pair_by_panelist(round2.vector(), round1.vector());
  ASSERT_EQ(p.size(), 10u);
  EXPECT_TRUE(is_ratio(net_change(p), 1, 5));
  expect_near_relative(cv_change(round2.histogram(), round1.histogram()), -0.02715976401145731);
  const SignedRankTest w = wilcoxon_signed_rank(p);
  EXPECT_FALSE(w.exact);
  EXPECT_TRUE(is_ratio(w.v, 15, 2));
  expect_near_relative(w.p, 0.42371079716679333);
  // McNemar on "rating in 4..5".
  PairedRatings agree = pairs(kBinary, {}, {});
  for (std::size_t i = 0; i < p.size(); ++i) {
    agree.first.push_back(p.first[i] >= 4 ? 1 : 0);
    agree.second.push_back(p.second[i] >= 4 ? 1 : 0);
  }
  const ChiSquareTest m = mcnemar(agree);
  EXPECT_TRUE(is_ratio(m.statistic, 0, 1));
  EXPECT_TRUE(is_ratio(m.p, 1, 1));
  const ChiSquareTest d = dajani(round2.histogram(), round1.histogram());
  EXPECT_EQ(d.df, 4u);
  EXPECT_TRUE(is_ratio(d.statistic, 7, 5));
  expect_near_relative(d.p, 0.8441950164453963);
  const ChiSquareTest c = chaffin_talley(p);
  EXPECT_EQ(c.df, 12u);
  EXPECT_TRUE(is_ratio(c.statistic, 125, 6));
  expect_near_relative(c.p, 0.052874942049190354);
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::linear), 17, 27));
  EXPECT_TRUE(is_ratio(weighted_kappa(p, KappaWeights::quadratic), 17, 21));
  expect_near_relative(spearman(p), 0.86483987906193871);
}

// ---------------------------------------------------------------- catalogue

Argument vector_argument(const Round& r) {
  Argument a;
  a.vector = r.vector();
  return a;
}
Argument ratings_argument(const Round& r) {
  Argument a;
  a.ratings = r.histogram();
  return a;
}
Argument choice_argument(std::string_view choice) {
  Argument a;
  a.choice = choice;
  return a;
}

const std::vector<std::string> kFunctions = {
    "net_change",           "cv_change",        "wilcoxon_v",     "wilcoxon_p",
    "mcnemar_chisq",        "mcnemar_p",        "dajani_chisq",   "dajani_p",
    "chaffin_talley_chisq", "chaffin_talley_p", "weighted_kappa", "spearman"};

TEST(StabilityCatalogue, Signatures) {
  for (const std::string& name : kFunctions) {
    const FunctionInfo* f = find_function(name);
    ASSERT_NE(f, nullptr) << name;
    ASSERT_EQ(f->overloads.size(), 1u) << name;
    EXPECT_FALSE(f->summary.empty()) << name;
    EXPECT_FALSE(f->depends_on_quantile_type) << name;
    const Overload& o = f->overloads.front();
    const bool unpaired = name == "cv_change" || name.starts_with("dajani");
    const std::size_t arity = name == "weighted_kappa" ? 3 : 2;
    ASSERT_EQ(o.params.size(), arity) << name;
    // McNemar compares a condition per respondent (rating in agree) in two
    // rounds, so it takes conditions, not ratings.
    const ParamKind paired = name.starts_with("mcnemar") ? ParamKind::flags : ParamKind::vector;
    for (std::size_t i = 0; i < 2; ++i) {
      EXPECT_EQ(o.params[i].kind, unpaired ? ParamKind::ratings : paired) << name;
      EXPECT_FALSE(o.params[i].optional) << name;
    }
    const bool probability = name.ends_with("_p") || name == "net_change";
    EXPECT_EQ(o.result, probability ? ResultKind::percentage : ResultKind::number) << name;
    EXPECT_GE(o.min_count, 1u) << name;
  }
  const Param& weights = find_function("weighted_kappa")->overloads.front().params[2];
  EXPECT_EQ(weights.kind, ParamKind::choice);
  EXPECT_FALSE(weights.optional);
  EXPECT_EQ(weights.choices, (std::vector<std::string_view>{"linear", "quadratic"}));
}

TEST(StabilityCatalogue, PairsByPanelist) {
  // Panelists 2 and 9 rated only one round each; 1, 4 and 7 rated both, in
  // interleaved panelist order.
  const Round current = Round::by_panelist(kFive, {{1, 5}, {2, 1}, {4, 4}, {7, 2}});
  const Round previous = Round::by_panelist(kFive, {{1, 4}, {4, 4}, {7, 1}, {9, 5}});
  const std::vector<Argument> args = {vector_argument(current), vector_argument(previous)};
  // Pairs (5, 4), (4, 4), (2, 1): f = 0 1 0 1 1 against 1 0 0 2 0: net
  // change (1 + 1 + 1 + 1) / 6 = 2/3; V = 1.5 + 1.5 = 3.
  EXPECT_TRUE(is_ratio(find_function("net_change")->overloads[0].implementation(args), 2, 3));
  EXPECT_TRUE(is_ratio(find_function("wilcoxon_v")->overloads[0].implementation(args), 3, 1));
  // Unpaired: every rating of each round.
  const std::vector<Argument> rounds = {ratings_argument(current), ratings_argument(previous)};
  const ChiSquareTest direct = dajani(current.histogram(), previous.histogram());
  EXPECT_TRUE(find_function("dajani_chisq")->overloads[0].implementation(rounds) ==
              direct.statistic);
}

TEST(StabilityCatalogue, KappaReadsItsWeights) {
  const Round current(kThree, {1, 2, 3, 3}), previous(kThree, {1, 3, 2, 3});
  const Overload& kappa = find_function("weighted_kappa")->overloads.front();
  std::vector<Argument> args = {vector_argument(current), vector_argument(previous),
                                choice_argument("linear")};
  EXPECT_TRUE(is_ratio(kappa.implementation(args), 3, 7));
  args[2] = choice_argument("quadratic");
  EXPECT_TRUE(is_ratio(kappa.implementation(args), 7, 11));
  args[2] = choice_argument("cubic");
  EXPECT_TRUE(kappa.implementation(args).is_missing());
}

// ------------------------------------------------------------ R reference

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator))
    parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// "panelist:rating;panelist:rating;..." (empty: no ratings).
ByPanelist parse_round(const std::string& text) {
  ByPanelist result;
  if (text.empty()) return result;
  for (const std::string& item : split(text, ';')) {
    const std::size_t colon = item.find(':');
    result.emplace_back(static_cast<std::uint32_t>(std::stoul(item.substr(0, colon))),
                        static_cast<std::int32_t>(std::stol(item.substr(colon + 1))));
  }
  return result;
}

struct FixtureRow {
  int line = 0;
  std::map<std::string, std::string> field;
  const std::string& operator[](const std::string& name) const { return field.at(name); }
};

std::vector<FixtureRow> read_fixture() {
  std::ifstream file(THOLOS_TEST_DATA "/reference/stability.csv");
  EXPECT_TRUE(file.good()) << "cannot open stability.csv";
  std::string line;
  std::getline(file, line);
  const std::vector<std::string> header = split(line, ',');
  std::vector<FixtureRow> rows;
  int line_number = 1;
  while (std::getline(file, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> fields = split(line, ',');
    EXPECT_EQ(fields.size(), header.size()) << "line " << line_number;
    if (fields.size() != header.size()) continue;
    FixtureRow row;
    row.line = line_number;
    for (std::size_t i = 0; i < header.size(); ++i)
      row.field[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

TEST(StabilityReference, EveryRowAgreesWithR) {
  const std::vector<FixtureRow> rows = read_fixture();
  ASSERT_GT(rows.size(), 800u);
  std::map<std::string, int> checked, exact_checked;
  for (const FixtureRow& row : rows) {
    const std::string where = "line " + std::to_string(row.line) + " (" + row["case"] + ", " +
                              row["statistic"] + " " + row["weights"] + ")";
    const Scale scale{std::stoi(row["low"]), std::stoi(row["high"])};
    const Round current = Round::by_panelist(scale, parse_round(row["a"]));
    const Round previous = Round::by_panelist(scale, parse_round(row["b"]));
    const FunctionInfo* f = find_function(row["statistic"]);
    ASSERT_NE(f, nullptr) << where;
    const Overload& o = f->overloads.front();
    std::vector<Argument> args;
    for (const Param& p : o.params) {
      const Round& round = args.empty() ? current : previous;
      if (p.kind == ParamKind::vector || p.kind == ParamKind::flags) {
        args.push_back(vector_argument(round));
      }
      if (p.kind == ParamKind::ratings) args.push_back(ratings_argument(round));
      if (p.kind == ParamKind::choice) args.push_back(choice_argument(row["weights"]));
    }
    const Number result = o.implementation(args);

    // min_count promises missing below it, whatever the other inputs.
    const std::size_t smaller = std::min(current.vector().size(), previous.vector().size());
    if (smaller < o.min_count) {
      EXPECT_TRUE(result.is_missing()) << where << ": below min_count";
    }

    if (row["value"] == "NA") {
      EXPECT_TRUE(result.is_missing()) << where << ": Tholos gives " << result.to_string();
      ++checked[row["statistic"]];
      continue;
    }
    ASSERT_FALSE(result.is_missing()) << where << ": R gives " << row["value"];
    const double expected = std::stod(row["value"]);
    // 1e-9 relative, with an absolute floor of 1e-12 where R's value is 0 or
    // suffers cancellation (p_e close to p_o in kappa; cv(a) close to cv(b)).
    EXPECT_NEAR(result.value(), expected, std::max(1e-9 * std::abs(expected), 1e-12)) << where;
    if (!row["exact"].empty()) {
      const std::vector<std::string> parts = split(row["exact"], '/');
      const std::int64_t num = std::stoll(parts[0]);
      const std::int64_t den = parts.size() > 1 ? std::stoll(parts[1]) : 1;
      EXPECT_TRUE(result.is_exact()) << where << ": not exact";
      EXPECT_TRUE(result == Number::ratio(num, den))
          << where << ": " << result.numerator() << "/" << result.denominator() << " against "
          << row["exact"];
      ++exact_checked[row["statistic"]];
    }
    if (row["statistic"] == "wilcoxon_p") {
      // The same branch as R: exact p or the normal approximation.
      const SignedRankTest t =
          wilcoxon_signed_rank(pair_by_panelist(current.vector(), previous.vector()));
      EXPECT_EQ(t.exact, row["note"] == "exact") << where;
      EXPECT_EQ(t.exact, !row["exact"].empty()) << where;
    }
    ++checked[row["statistic"]];
  }
  for (const std::string& name : kFunctions)
    EXPECT_GT(checked[name], 0) << name << " has no reference rows";
  std::ostringstream summary;
  for (const auto& [name, n] : checked)
    summary << name << " " << n << " (" << exact_checked[name] << " exact)  ";
  std::cout << "[ reference ] " << rows.size() << " rows: " << summary.str() << "\n";
}

}  // namespace
}  // namespace tholos::stdlib
