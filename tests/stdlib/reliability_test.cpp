// Reliability across statements (stdlib/reliability.hpp): Kendall's W,
// Fleiss' kappa and Krippendorff's alpha. The published examples of
// ../shared/reference/VECTORS.md, small cases worked by hand, the catalogue
// entries, and every row of tests/data/reference/reliability.csv (R's values
// for many generated matrices, written by
// tests/reference/make_reliability_fixtures.R, whose header documents the
// columns). Fixture agreement: exact for counts, for S and wherever R gives
// the exact rational; otherwise 1e-9 relative (with an absolute floor of
// 1e-12 where the reference is 0).
#include "stdlib/reliability.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <initializer_list>
#include <iostream>
#include <map>
#include <optional>
#include <span>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stdlib/catalogue.hpp"

namespace tholos::stdlib {
namespace {

constexpr std::int32_t X = kNoRating;

// A statements x panelists matrix that owns its ratings.
class Matrix {
 public:
  Matrix(std::int32_t low, std::int32_t high,
         std::initializer_list<std::initializer_list<std::int32_t>> rows)
      : scale_{low, high} {
    for (const auto& row : rows) {
      if (units_ == 0) raters_ = static_cast<std::uint32_t>(row.size());
      EXPECT_EQ(row.size(), raters_);
      values_.insert(values_.end(), row.begin(), row.end());
      ++units_;
    }
  }
  Matrix(Scale scale, std::uint32_t units, std::uint32_t raters, std::vector<std::int32_t> values)
      : scale_(scale), units_(units), raters_(raters), values_(std::move(values)) {}

  RatingMatrix view() const { return RatingMatrix{units_, raters_, values_, scale_}; }
  operator RatingMatrix() const { return view(); }  // NOLINT: reads well in tests

  // The same matrix without the panelist `rater`, or without the statement `unit`.
  Matrix without_rater(std::uint32_t rater) const {
    std::vector<std::int32_t> values;
    for (std::uint32_t u = 0; u < units_; ++u) {
      for (std::uint32_t r = 0; r < raters_; ++r) {
        if (r != rater) values.push_back(values_[u * raters_ + r]);
      }
    }
    return Matrix(scale_, units_, raters_ - 1, std::move(values));
  }
  Matrix without_unit(std::uint32_t unit) const {
    std::vector<std::int32_t> values;
    for (std::uint32_t u = 0; u < units_; ++u) {
      if (u == unit) continue;
      for (std::uint32_t r = 0; r < raters_; ++r)
        values.push_back(values_[u * raters_ + r]);
    }
    return Matrix(scale_, units_ - 1, raters_, std::move(values));
  }

 private:
  Scale scale_;
  std::uint32_t units_ = 0;
  std::uint32_t raters_ = 0;
  std::vector<std::int32_t> values_;
};

// Rounds to `digits` decimals as the published tables print.
double rounded(const Number& x, int digits) {
  const double scale = std::pow(10.0, digits);
  return std::round(x.value() * scale) / scale;
}

void expect_exact(const Number& x, std::int64_t num, std::int64_t den) {
  EXPECT_TRUE(x.is_exact()) << x.to_string();
  EXPECT_EQ(x, Number::ratio(num, den)) << x.to_string() << " vs " << num << "/" << den;
}

// ---------------------------------------------------------------------------
// VECTORS.md: Kendall's W on the anxiety data (20 subjects = the objects
// ranked, the units; 3 raters).

Matrix anxiety() {
  const std::int32_t r1[] = {3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3};
  const std::int32_t r2[] = {3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4};
  const std::int32_t r3[] = {2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2};
  std::vector<std::int32_t> values;
  for (int i = 0; i < 20; ++i) {
    values.push_back(r1[i]);
    values.push_back(r2[i]);
    values.push_back(r3[i]);
  }
  return Matrix(Scale{1, 6}, 20, 3, std::move(values));
}

TEST(KendallVectors, AnxietyData) {
  const Kendall k = kendall(anxiety());
  EXPECT_EQ(k.objects, 20u);
  EXPECT_EQ(k.judges, 3u);
  expect_exact(k.s, 3004, 1);
  expect_exact(k.ties, 1674, 1);
  // 12 S / (m^2 (n^3 - n)) = 36048 / 71820; with ties 36048 / (71820 - 3 * 1674).
  expect_exact(k.w_uncorrected, 36048, 71820);
  expect_exact(k.w, 36048, 66798);
  EXPECT_DOUBLE_EQ(rounded(k.w_uncorrected, 5), 0.50192);
  EXPECT_DOUBLE_EQ(rounded(k.w, 5), 0.53966);
  expect_exact(k.chisq, 3 * 19 * 36048, 66798);
  EXPECT_DOUBLE_EQ(rounded(k.chisq, 3), 30.760);
  EXPECT_FALSE(k.p.is_exact());
  EXPECT_DOUBLE_EQ(rounded(k.p, 5), 0.04288);
  EXPECT_EQ(kendall_w(anxiety()), k.w);
  EXPECT_EQ(kendall_w_uncorrected(anxiety()), k.w_uncorrected);
  EXPECT_EQ(kendall_chisq(anxiety()), k.chisq);
  EXPECT_EQ(kendall_p(anxiety()).value(), k.p.value());
}

// ---------------------------------------------------------------------------
// VECTORS.md: Fleiss (1971), Table 1. Each row gives how many of the 6 raters
// chose categories 1..5; the matrix gives subject i's raters those ratings in
// order (which rater gave which does not matter to kappa).

Matrix fleiss_table_1() {
  const int counts[30][5] = {
      {0, 0, 0, 6, 0}, {0, 3, 0, 0, 3}, {0, 1, 4, 0, 1}, {0, 0, 0, 0, 6}, {0, 3, 0, 3, 0},
      {2, 0, 4, 0, 0}, {0, 0, 4, 0, 2}, {2, 0, 3, 1, 0}, {2, 0, 0, 4, 0}, {0, 0, 0, 0, 6},
      {1, 0, 0, 5, 0}, {1, 1, 0, 4, 0}, {0, 3, 3, 0, 0}, {1, 0, 0, 5, 0}, {0, 2, 0, 3, 1},
      {0, 0, 5, 0, 1}, {3, 0, 0, 1, 2}, {5, 1, 0, 0, 0}, {0, 2, 0, 4, 0}, {1, 0, 2, 0, 3},
      {0, 0, 0, 0, 6}, {0, 1, 0, 5, 0}, {0, 2, 0, 1, 3}, {2, 0, 0, 4, 0}, {1, 0, 0, 4, 1},
      {0, 5, 0, 1, 0}, {4, 0, 0, 0, 2}, {0, 2, 0, 4, 0}, {1, 0, 5, 0, 0}, {0, 0, 0, 0, 6}};
  std::vector<std::int32_t> values;
  for (const auto& row : counts) {
    int given = 0;
    for (std::int32_t category = 1; category <= 5; ++category) {
      for (int k = 0; k < row[category - 1]; ++k, ++given)
        values.push_back(category);
    }
    EXPECT_EQ(given, 6);
  }
  return Matrix(Scale{1, 5}, 30, 6, std::move(values));
}

TEST(FleissVectors, Table1) {
  const Matrix table = fleiss_table_1();
  const Fleiss f = fleiss(table);
  EXPECT_EQ(f.subjects, 30u);
  EXPECT_EQ(f.raters, 6u);
  ASSERT_EQ(f.categories, (std::vector<std::int32_t>{1, 2, 3, 4, 5}));
  const double p_j[] = {0.1444, 0.1444, 0.1667, 0.3056, 0.2389};
  const std::int64_t column_totals[] = {26, 26, 30, 55, 43};  // of 180 ratings
  for (std::size_t j = 0; j < 5; ++j) {
    expect_exact(f.proportions[j], column_totals[j], 180);
    EXPECT_DOUBLE_EQ(rounded(f.proportions[j], 4), p_j[j]) << j;
  }
  EXPECT_DOUBLE_EQ(rounded(f.agreement, 4), 0.5556);
  EXPECT_DOUBLE_EQ(rounded(f.chance, 4), 0.2199);
  // P = 500 / 900 (sum of n_ij^2 = 680, minus 180, over 180 * 5); P_e = 7126 / 180^2
  // (the column totals squared).
  expect_exact(f.agreement, 5, 9);
  expect_exact(f.chance, 7126, 32400);
  // kappa = (5/9 - 7126/32400) / (1 - 7126/32400) = (500 * 180 - 7126 * 5) / (5 * 25274).
  expect_exact(f.kappa, 54370, 126370);
  EXPECT_DOUBLE_EQ(rounded(f.kappa, 4), 0.4302);
  EXPECT_FALSE(f.se.is_exact());
  EXPECT_DOUBLE_EQ(rounded(f.se, 6), 0.024374);
  EXPECT_DOUBLE_EQ(rounded(f.z, 2), 17.65);
  EXPECT_GT(f.p.value(), 0);
  EXPECT_LT(f.p.value(), 1e-60);
  const double kappa_j[] = {0.245, 0.245, 0.520, 0.471, 0.566};
  for (std::int32_t j = 1; j <= 5; ++j) {
    const Number kj = fleiss_category_kappa(table, Number::integer(j));
    EXPECT_TRUE(kj.is_exact()) << j;
    EXPECT_DOUBLE_EQ(rounded(kj, 3), kappa_j[j - 1]) << j;
  }
  EXPECT_EQ(fleiss_kappa(table), f.kappa);
  EXPECT_EQ(fleiss_se(table).value(), f.se.value());
  EXPECT_EQ(fleiss_z(table).value(), f.z.value());
  EXPECT_EQ(fleiss_p(table).value(), f.p.value());
}

// ---------------------------------------------------------------------------
// VECTORS.md: Krippendorff (2011), 4 observers x 12 units, as units (rows)
// x observers (columns).

Matrix krippendorff_2011() {
  return Matrix(1, 5,
                {{1, 1, X, 1},
                 {2, 2, 3, 2},
                 {3, 3, 3, 3},
                 {3, 3, 3, 3},
                 {2, 2, 2, 2},
                 {1, 2, 3, 4},
                 {4, 4, 4, 4},
                 {1, 1, 2, 1},
                 {2, 2, 2, 2},
                 {X, 5, 5, 5},
                 {X, X, 1, 1},
                 {X, 3, X, X}});
}

TEST(KrippendorffVectors, Example2011) {
  const Matrix data = krippendorff_2011();
  const std::pair<AlphaLevel, double> expected[] = {{AlphaLevel::nominal, 0.7434},
                                                    {AlphaLevel::ordinal, 0.8154},
                                                    {AlphaLevel::interval, 0.8491},
                                                    {AlphaLevel::ratio, 0.7974}};
  for (const auto& [level, value] : expected) {
    const Alpha a = krippendorff(data, level);
    EXPECT_EQ(a.units, 11u);
    EXPECT_EQ(a.pairable, 40u);
    EXPECT_TRUE(a.alpha.is_exact());
    EXPECT_DOUBLE_EQ(rounded(a.alpha, 4), value) << static_cast<int>(level);
    EXPECT_EQ(krippendorff_alpha(data, level), a.alpha);
  }
  // The exact values (R: tests/reference/make_reliability_fixtures.R).
  expect_exact(krippendorff_alpha(data, AlphaLevel::nominal), 21696, 29184);
  expect_exact(krippendorff_alpha(data, AlphaLevel::ordinal), 7817544, 9587520);
  expect_exact(krippendorff_alpha(data, AlphaLevel::interval), 91296, 107520);
}

TEST(KrippendorffVectors, UnitsWithOneValueAreDropped) {
  // Unit 12 has one value (3). Dropping it must change nothing, and in
  // particular not the ordinal metric's marginals (keeping it gives 0.789).
  const Matrix data = krippendorff_2011();
  const Matrix without = data.without_unit(11);
  for (const AlphaLevel level :
       {AlphaLevel::nominal, AlphaLevel::ordinal, AlphaLevel::interval, AlphaLevel::ratio}) {
    EXPECT_EQ(krippendorff_alpha(data, level), krippendorff_alpha(without, level));
  }
  EXPECT_NE(rounded(krippendorff_alpha(data, AlphaLevel::ordinal), 3), 0.789);
  // Adding more single-valued units changes nothing either.
  const Matrix more(1, 5,
                    {{1, 1, X, 1},
                     {2, 2, 3, 2},
                     {3, 3, 3, 3},
                     {3, 3, 3, 3},
                     {2, 2, 2, 2},
                     {1, 2, 3, 4},
                     {4, 4, 4, 4},
                     {1, 1, 2, 1},
                     {2, 2, 2, 2},
                     {X, 5, 5, 5},
                     {X, X, 1, 1},
                     {X, 3, X, X},
                     {5, X, X, X},
                     {X, X, X, X},
                     {X, X, 1, X}});
  const Alpha a = krippendorff(more, AlphaLevel::ordinal);
  EXPECT_EQ(a.units, 11u);
  EXPECT_EQ(a.pairable, 40u);
  EXPECT_EQ(a.alpha, krippendorff_alpha(data, AlphaLevel::ordinal));
}

// ---------------------------------------------------------------------------
// Small cases by hand.

TEST(Kendall, TwoJudgesByHand) {
  // Ranks 1 2 3 and 1 3 2: R = 2 5 5, mean 4, S = 6, W = 12 * 6 / (4 * 24) = 3/4.
  const Matrix m(1, 5, {{1, 2}, {3, 5}, {4, 4}});
  const Kendall k = kendall(m);
  expect_exact(k.s, 6, 1);
  expect_exact(k.ties, 0, 1);
  expect_exact(k.w, 3, 4);
  expect_exact(k.w_uncorrected, 3, 4);
  expect_exact(k.chisq, 3, 1);                      // 2 * 2 * 3/4
  EXPECT_NEAR(k.p.value(), std::exp(-1.5), 1e-15);  // chi-square 2 df: exp(-x / 2)
}

TEST(Kendall, TiesGetMidRanks) {
  // Judge 1: 2 2 5 -> ranks 1.5 1.5 3 (one tie of 2: T = 6); judge 2: 1 2 3.
  // R = 2.5 3.5 6, mean 4: S = 2.25 + 0.25 + 4 = 6.5.
  const Matrix m(1, 5, {{2, 1}, {2, 2}, {5, 3}});
  const Kendall k = kendall(m);
  expect_exact(k.s, 13, 2);
  expect_exact(k.ties, 6, 1);
  expect_exact(k.w_uncorrected, 12 * 13, 2 * 4 * 24);  // 78 / 96
  expect_exact(k.w, 12 * 13, 2 * (4 * 24 - 2 * 6));    // 78 / 84
  EXPECT_TRUE(k.w > k.w_uncorrected);
}

TEST(Kendall, PerfectAgreementIsOne) {
  const Matrix m(1, 9, {{1, 2, 1, 3}, {4, 5, 4, 4}, {9, 9, 8, 9}, {6, 7, 5, 6}});
  expect_exact(kendall_w(m), 1, 1);
  expect_exact(kendall_w_uncorrected(m), 1, 1);
  expect_exact(kendall_chisq(m), 4 * 3, 1);
}

TEST(Kendall, AllEqualRatings) {
  // Every judge rates every statement alike: no ranking, W is 0 / 0.
  const Matrix m(1, 5, {{3, 3, 3}, {3, 3, 3}, {3, 3, 3}});
  const Kendall k = kendall(m);
  expect_exact(k.w_uncorrected, 0, 1);
  EXPECT_TRUE(k.w.is_missing());
  EXPECT_TRUE(k.chisq.is_missing());
  EXPECT_TRUE(k.p.is_missing());
  // One judge with a ranking is enough for the tie-corrected W: R = 5 6 7,
  // S = 2, T = 2 * 24: W = 12 * 2 / (9 * 24 - 3 * 48) = 1/3 (uncorrected 1/9).
  const Matrix n(1, 5, {{3, 1, 3}, {3, 2, 3}, {3, 3, 3}});
  expect_exact(kendall_w(n), 1, 3);
  expect_exact(kendall_w_uncorrected(n), 1, 9);
}

TEST(Kendall, UsesThePanelistsWhoRatedEveryStatement) {
  const Matrix m(1, 5, {{1, 2, X, 4}, {3, 5, 2, 1}, {4, 4, 1, 2}, {2, 1, 5, 5}});
  const Kendall k = kendall(m);
  EXPECT_EQ(k.objects, 4u);
  EXPECT_EQ(k.judges, 3u);
  EXPECT_EQ(k.w, kendall_w(m.without_rater(2)));
  EXPECT_EQ(k.w_uncorrected, kendall_w_uncorrected(m.without_rater(2)));
}

TEST(Kendall, TooSmall) {
  EXPECT_TRUE(kendall_w(Matrix(1, 5, {{1, 2, 3}})).is_missing());               // one statement
  EXPECT_TRUE(kendall_w(Matrix(1, 5, {{1}, {2}, {3}})).is_missing());           // one panelist
  EXPECT_TRUE(kendall_w(Matrix(1, 5, {{1, X}, {2, 3}, {3, 4}})).is_missing());  // one complete
  EXPECT_TRUE(kendall_w_uncorrected(Matrix(1, 5, {{1, X}, {X, 3}})).is_missing());
  const Kendall none = kendall(Matrix(Scale{1, 5}, 0, 0, {}));
  EXPECT_EQ(none.objects, 0u);
  EXPECT_TRUE(none.s.is_missing());
  EXPECT_TRUE(none.w_uncorrected.is_missing());
}

TEST(Fleiss, TwoRatersByHand) {
  // n_ij: [2 0] [0 2] [1 1] [0 2]; p = 3/8, 5/8; P = 3/4; P_e = 17/32;
  // kappa = 7/15. se: sum p q = 15/32, sum p q (q - p) = 0, so
  // se^2 = 2 / (N n (n - 1)) = 1/4 and se = 1/2 exactly; z = 14/15.
  const Matrix m(1, 2, {{1, 1}, {2, 2}, {1, 2}, {2, 2}});
  const Fleiss f = fleiss(m);
  expect_exact(f.agreement, 3, 4);
  expect_exact(f.chance, 17, 32);
  expect_exact(f.kappa, 7, 15);
  expect_exact(f.se, 1, 2);
  expect_exact(f.z, 14, 15);
  EXPECT_NEAR(f.p.value(), std::erfc(14.0 / 15.0 / std::sqrt(2.0)), 1e-15);
  // With two categories each category's kappa is kappa.
  expect_exact(fleiss_category_kappa(m, Number::integer(1)), 7, 15);
  expect_exact(fleiss_category_kappa(m, Number::integer(2)), 7, 15);
}

TEST(Fleiss, PerfectAgreementIsOne) {
  const Matrix m(1, 5, {{1, 1, 1}, {4, 4, 4}, {5, 5, 5}, {4, 4, 4}});
  const Fleiss f = fleiss(m);
  expect_exact(f.kappa, 1, 1);
  for (const std::int32_t j : {1, 4, 5})
    expect_exact(fleiss_category_kappa(m, Number::integer(j)), 1, 1);
  EXPECT_FALSE(f.se.is_missing());
  EXPECT_GT(f.z.value(), 0);
}

TEST(Fleiss, AllEqualRatingsAndAbsentCategories) {
  const Matrix same(1, 5, {{3, 3}, {3, 3}, {3, 3}});
  const Fleiss f = fleiss(same);
  expect_exact(f.chance, 1, 1);
  EXPECT_TRUE(f.kappa.is_missing());
  EXPECT_TRUE(f.se.is_missing());
  EXPECT_TRUE(f.z.is_missing());
  EXPECT_TRUE(f.p.is_missing());
  EXPECT_TRUE(fleiss_category_kappa(same, Number::integer(3)).is_missing());  // p_j = 1
  const Matrix m(1, 5, {{1, 2}, {2, 2}, {1, 1}});
  EXPECT_TRUE(fleiss_category_kappa(m, Number::integer(5)).is_missing());   // p_j = 0
  EXPECT_TRUE(fleiss_category_kappa(m, Number::integer(9)).is_missing());   // off the scale
  EXPECT_TRUE(fleiss_category_kappa(m, Number::ratio(3, 2)).is_missing());  // not a rating
  EXPECT_TRUE(fleiss_category_kappa(m, Number::missing()).is_missing());
  EXPECT_FALSE(fleiss_category_kappa(m, Number::integer(1)).is_missing());
}

TEST(Fleiss, UsesThePanelistsWhoRatedEveryStatement) {
  const Matrix m(1, 5, {{1, 2, 1, X}, {3, 3, 3, 3}, {4, X, 4, 5}, {2, 2, 1, 2}});
  const Fleiss f = fleiss(m);
  EXPECT_EQ(f.subjects, 4u);
  EXPECT_EQ(f.raters, 2u);
  const Matrix complete(1, 5, {{1, 1}, {3, 3}, {4, 4}, {2, 1}});
  EXPECT_EQ(f.kappa, fleiss_kappa(complete));
  EXPECT_EQ(f.se, fleiss_se(complete));
}

TEST(Fleiss, TooSmall) {
  EXPECT_TRUE(fleiss_kappa(Matrix(1, 5, {{1, 2, 3}})).is_missing());
  EXPECT_TRUE(fleiss_kappa(Matrix(1, 5, {{1}, {2}, {3}})).is_missing());
  EXPECT_TRUE(fleiss_kappa(Matrix(1, 5, {{1, X, 2}, {2, 3, X}})).is_missing());
  EXPECT_TRUE(fleiss_category_kappa(Matrix(1, 5, {{1}, {2}}), Number::integer(1)).is_missing());
  EXPECT_TRUE(fleiss(Matrix(Scale{1, 5}, 0, 0, {})).kappa.is_missing());
}

TEST(Krippendorff, TwoCodersByHand) {
  // o_11 = 2, o_22 = 4, o_12 = o_21 = 1; n_1 = 3, n_2 = 5, n = 8.
  // Nominal: 1 - 7 * 2 / (2 * 3 * 5) = 8/15. With two values every metric
  // is a multiple of the nominal one, so alpha is the same at every level.
  const Matrix m(1, 2, {{1, 1}, {2, 2}, {1, 2}, {2, 2}});
  for (const AlphaLevel level :
       {AlphaLevel::nominal, AlphaLevel::ordinal, AlphaLevel::interval, AlphaLevel::ratio}) {
    expect_exact(krippendorff_alpha(m, level), 8, 15);
  }
}

TEST(Krippendorff, LevelsDifferByHand) {
  // Two coders, units (1,2), (2,3), (1,3): o_12 = o_21 = o_23 = o_32 =
  // o_13 = o_31 = 1, n_c = 2 each, n = 6.
  // Interval: observed sum 2 (1 + 1 + 4) = 12; expected sum 4 * 12 = 48;
  // alpha = 1 - 5 * 12 / 48 = -1/4. Nominal: 1 - 5 * 6 / (4 * 6) = -1/4.
  // Ordinal: d_12 = d_23 = (4 - 2)^2 = 4, d_13 = (6 - 2)^2 = 16:
  // observed 2 (4 + 4 + 16) = 48, expected 4 * 48 = 192: -1/4.
  // Ratio: d_12 = 1/9, d_23 = 1/25, d_13 = 1/4: observed 2 (1/9 + 1/25 + 1/4),
  // expected 4 times that: -1/4 again (all three pairs coincide once).
  const Matrix m(1, 3, {{1, 2}, {2, 3}, {1, 3}});
  for (const AlphaLevel level :
       {AlphaLevel::nominal, AlphaLevel::ordinal, AlphaLevel::interval, AlphaLevel::ratio}) {
    expect_exact(krippendorff_alpha(m, level), -1, 4);
  }
  // Agreement on (1,1), (3,3) and a near miss (1,2): the levels differ.
  // n_1 = 3, n_2 = 1, n_3 = 2, n = 6; o_11 = 2, o_33 = 2, o_12 = o_21 = 1.
  // Nominal: 1 - 5 * 2 / (2 (3 + 6 + 2)) = 6/11. Interval: observed 2,
  // expected 2 (3 * 1 * 1 + 3 * 2 * 4 + 1 * 2 * 1) = 58: 1 - 10 / 58 = 24/29.
  const Matrix near(1, 3, {{1, 1}, {3, 3}, {1, 2}});
  expect_exact(krippendorff_alpha(near, AlphaLevel::nominal), 6, 11);
  expect_exact(krippendorff_alpha(near, AlphaLevel::interval), 24, 29);
}

TEST(Krippendorff, PerfectAgreementAndAllEqual) {
  const Matrix perfect(1, 5, {{1, 1, X}, {4, 4, 4}, {X, 5, 5}, {2, X, X}});
  for (const AlphaLevel level :
       {AlphaLevel::nominal, AlphaLevel::ordinal, AlphaLevel::interval, AlphaLevel::ratio}) {
    expect_exact(krippendorff_alpha(perfect, level), 1, 1);
  }
  const Matrix same(1, 5, {{3, 3, X}, {3, 3, 3}, {1, X, X}});
  const Alpha a = krippendorff(same, AlphaLevel::interval);
  EXPECT_EQ(a.units, 2u);
  EXPECT_EQ(a.pairable, 5u);
  EXPECT_TRUE(a.alpha.is_missing());  // one value among the pairable ratings
}

TEST(Krippendorff, NothingPairable) {
  const Matrix m(1, 5, {{1, X, X}, {X, 2, X}, {X, X, X}});
  const Alpha a = krippendorff(m, AlphaLevel::nominal);
  EXPECT_EQ(a.units, 0u);
  EXPECT_EQ(a.pairable, 0u);
  EXPECT_TRUE(a.alpha.is_missing());
  EXPECT_TRUE(krippendorff_alpha(Matrix(Scale{1, 5}, 0, 0, {}), AlphaLevel::ordinal).is_missing());
  // One pairable statement: alpha is 0 by construction (observed = expected).
  expect_exact(krippendorff_alpha(Matrix(1, 5, {{1, 2, 4}, {3, X, X}}), AlphaLevel::interval), 0,
               1);
}

TEST(Krippendorff, RatioNeedsNonNegativeValues) {
  const Matrix negative(-2, 2, {{-2, -1}, {0, 1}, {2, 2}});
  EXPECT_TRUE(krippendorff_alpha(negative, AlphaLevel::ratio).is_missing());
  EXPECT_FALSE(krippendorff_alpha(negative, AlphaLevel::interval).is_missing());
  // Zeros are fine: d(0, 0) = 0, d(0, k) = 1.
  const Matrix zeros(0, 10, {{0, 0}, {0, 4}, {4, 4}});
  // n_0 = 3, n_4 = 3; o_00 = 2, o_44 = 2, o_04 = o_40 = 1: 1 - 5 * 2 / (2 * 9) = 4/9.
  expect_exact(krippendorff_alpha(zeros, AlphaLevel::ratio), 4, 9);
}

TEST(Krippendorff, LevelNames) {
  EXPECT_EQ(alpha_level("nominal"), AlphaLevel::nominal);
  EXPECT_EQ(alpha_level("ordinal"), AlphaLevel::ordinal);
  EXPECT_EQ(alpha_level("interval"), AlphaLevel::interval);
  EXPECT_EQ(alpha_level("ratio"), AlphaLevel::ratio);
  EXPECT_FALSE(alpha_level("Ordinal").has_value());
  EXPECT_FALSE(alpha_level("").has_value());
}

TEST(CompleteRaters, InOrder) {
  const Matrix m(1, 5, {{1, X, 3, 4}, {1, 2, 3, X}});
  EXPECT_EQ(complete_raters(m), (std::vector<std::uint32_t>{0, 2}));
}

// ---------------------------------------------------------------------------
// The catalogue entries.

Argument matrix_argument(const RatingMatrix& m) {
  Argument a;
  a.matrix = m;
  return a;
}

TEST(ReliabilityCatalogue, EveryFunctionIsRegistered) {
  const char* names[] = {"kendall_w",
                         "kendall_w_uncorrected",
                         "kendall_chisq",
                         "kendall_p",
                         "fleiss_kappa",
                         "fleiss_se",
                         "fleiss_z",
                         "fleiss_p",
                         "fleiss_category_kappa",
                         "krippendorff_alpha"};
  for (const char* name : names) {
    const FunctionInfo* f = find_function(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_FALSE(f->summary.empty()) << name;
    EXPECT_FALSE(f->other_missing_reason.empty()) << name;
    EXPECT_FALSE(f->depends_on_quantile_type) << name;
    ASSERT_EQ(f->overloads.size(), 1u) << name;
    const Overload& o = f->overloads.front();
    EXPECT_EQ(o.params.front().kind, ParamKind::matrix) << name;
    EXPECT_EQ(o.result, ResultKind::number) << name;
    EXPECT_NE(o.implementation, nullptr) << name;
    for (const Param& p : o.params)
      EXPECT_FALSE(p.optional) << name;
  }
}

TEST(ReliabilityCatalogue, ImplementationsMatchThePlainFunctions) {
  const Matrix data = anxiety();
  const std::vector<Argument> one = {matrix_argument(data)};
  auto call = [](std::string_view name, std::span<const Argument> args) {
    return find_function(name)->overloads.front().implementation(args);
  };
  EXPECT_EQ(call("kendall_w", one), kendall_w(data));
  EXPECT_EQ(call("kendall_w_uncorrected", one), kendall_w_uncorrected(data));
  EXPECT_EQ(call("kendall_chisq", one), kendall_chisq(data));
  EXPECT_EQ(call("kendall_p", one).value(), kendall_p(data).value());
  const Matrix table = fleiss_table_1();
  const std::vector<Argument> f = {matrix_argument(table)};
  EXPECT_EQ(call("fleiss_kappa", f), fleiss_kappa(table));
  EXPECT_EQ(call("fleiss_se", f).value(), fleiss_se(table).value());
  EXPECT_EQ(call("fleiss_z", f).value(), fleiss_z(table).value());
  EXPECT_EQ(call("fleiss_p", f).value(), fleiss_p(table).value());
  std::vector<Argument> category = {matrix_argument(table), Argument{}};
  category[1].number = Number::integer(3);
  EXPECT_EQ(find_function("fleiss_category_kappa")->overloads.front().params[1].kind,
            ParamKind::number);
  EXPECT_EQ(call("fleiss_category_kappa", category),
            fleiss_category_kappa(table, Number::integer(3)));

  const Overload& alpha = find_function("krippendorff_alpha")->overloads.front();
  ASSERT_EQ(alpha.params.size(), 2u);
  EXPECT_EQ(alpha.params[1].kind, ParamKind::choice);
  EXPECT_EQ(alpha.params[1].choices,
            (std::vector<std::string_view>{"nominal", "ordinal", "interval", "ratio"}));
  const Matrix k = krippendorff_2011();
  for (const std::string_view level : alpha.params[1].choices) {
    std::vector<Argument> args = {matrix_argument(k), Argument{}};
    args[1].choice = level;
    EXPECT_EQ(alpha.implementation(args), krippendorff_alpha(k, *alpha_level(level))) << level;
  }
  std::vector<Argument> unknown = {matrix_argument(k), Argument{}};
  unknown[1].choice = "cardinal";
  EXPECT_TRUE(alpha.implementation(unknown).is_missing());
}

// ---------------------------------------------------------------------------
// The fixture.

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator))
    parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

struct FixtureCase {
  std::string name;
  std::int32_t low = 0, high = 0;
  std::uint32_t units = 0, raters = 0;
  std::vector<std::int32_t> values;
};

struct FixtureRow {
  int line = 0;
  std::size_t case_index = 0;
  std::string statistic, argument, value, exact;
};

struct Fixture {
  std::vector<FixtureCase> cases;
  std::vector<FixtureRow> rows;
};

Fixture read_fixture() {
  Fixture fixture;
  std::ifstream file(THOLOS_TEST_DATA "/reference/reliability.csv");
  EXPECT_TRUE(file.good()) << "cannot open reliability.csv";
  std::string line;
  int line_number = 0;
  std::vector<std::string> header;
  std::map<std::string, std::size_t> column;
  while (std::getline(file, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const std::vector<std::string> f = split(line, ',');
    if (header.empty()) {
      header = f;
      for (std::size_t i = 0; i < header.size(); ++i)
        column[header[i]] = i;
      continue;
    }
    EXPECT_EQ(f.size(), header.size()) << "line " << line_number;
    if (f.size() != header.size()) continue;
    const std::string& matrix = f[column.at("matrix")];
    if (!matrix.empty()) {
      FixtureCase c;
      c.name = f[column.at("case")];
      c.low = std::stoi(f[column.at("low")]);
      c.high = std::stoi(f[column.at("high")]);
      c.units = static_cast<std::uint32_t>(std::stoul(f[column.at("units")]));
      c.raters = static_cast<std::uint32_t>(std::stoul(f[column.at("raters")]));
      const std::vector<std::string> rows = split(matrix, '|');
      EXPECT_EQ(rows.size(), c.units) << "line " << line_number;
      for (const std::string& row : rows) {
        const std::vector<std::string> ratings = split(row, ';');
        EXPECT_EQ(ratings.size(), c.raters) << "line " << line_number;
        for (const std::string& r : ratings)
          c.values.push_back(r == "." ? kNoRating : std::stoi(r));
      }
      fixture.cases.push_back(std::move(c));
    }
    EXPECT_FALSE(fixture.cases.empty()) << "line " << line_number;
    if (fixture.cases.empty()) continue;
    EXPECT_EQ(f[column.at("case")], fixture.cases.back().name) << "line " << line_number;
    FixtureRow row;
    row.line = line_number;
    row.case_index = fixture.cases.size() - 1;
    row.statistic = f[column.at("statistic")];
    row.argument = f[column.at("argument")];
    row.value = f[column.at("value")];
    row.exact = f[column.at("exact")];
    fixture.rows.push_back(std::move(row));
  }
  return fixture;
}

Number count(std::uint32_t n) {
  return Number::integer(n);
}

// Tholos's value for a fixture row; `is_count` is set for the rows that must
// agree exactly.
Number compute(const FixtureRow& row, const RatingMatrix& m, bool& is_count) {
  const std::string& s = row.statistic;
  is_count = false;
  if (s.rfind("kendall_", 0) == 0) {
    const Kendall k = kendall(m);
    is_count = true;
    if (s == "kendall_objects") return count(k.objects);
    if (s == "kendall_judges") return count(k.judges);
    if (s == "kendall_s") return k.s;
    if (s == "kendall_ties") return k.ties;
    is_count = false;
    if (s == "kendall_w") return k.w;
    if (s == "kendall_w_uncorrected") return k.w_uncorrected;
    if (s == "kendall_chisq") return k.chisq;
    if (s == "kendall_p") return k.p;
  } else if (s == "fleiss_category_kappa") {
    return fleiss_category_kappa(m, Number::integer(std::stoi(row.argument)));
  } else if (s.rfind("fleiss_", 0) == 0) {
    const Fleiss f = fleiss(m);
    is_count = true;
    if (s == "fleiss_subjects") return count(f.subjects);
    if (s == "fleiss_raters") return count(f.raters);
    is_count = false;
    if (s == "fleiss_kappa") return f.kappa;
    if (s == "fleiss_se") return f.se;
    if (s == "fleiss_z") return f.z;
    if (s == "fleiss_p") return f.p;
  } else if (s == "alpha_units" || s == "alpha_pairable") {
    const Alpha a = krippendorff(m, AlphaLevel::nominal);
    is_count = true;
    return count(s == "alpha_units" ? a.units : a.pairable);
  } else if (s == "krippendorff_alpha") {
    const std::optional<AlphaLevel> level = alpha_level(row.argument);
    EXPECT_TRUE(level.has_value()) << row.argument;
    if (level) return krippendorff_alpha(m, *level);
  }
  ADD_FAILURE() << "unknown statistic " << s << " on line " << row.line;
  return Number::missing();
}

TEST(ReliabilityFixture, AgreesWithR) {
  const Fixture fixture = read_fixture();
  ASSERT_GT(fixture.cases.size(), 200u);
  ASSERT_GT(fixture.rows.size(), 5000u);
  std::map<std::string, int> checked, exact_checked, missing;
  for (const FixtureRow& row : fixture.rows) {
    const FixtureCase& c = fixture.cases[row.case_index];
    const RatingMatrix m{c.units, c.raters, c.values, Scale{c.low, c.high}};
    bool is_count = false;
    const Number got = compute(row, m, is_count);
    const std::string where = "line " + std::to_string(row.line) + " (" + c.name + ", " +
                              row.statistic + " " + row.argument + ")";
    ++checked[row.statistic];
    if (row.value == "NA") {
      ++missing[row.statistic];
      EXPECT_TRUE(got.is_missing()) << where << ": Tholos gives " << got.to_string();
      continue;
    }
    ASSERT_FALSE(got.is_missing()) << where << ": R gives " << row.value;
    if (is_count) {
      const std::optional<Number> expected = Number::parse_decimal(row.value);
      ASSERT_TRUE(expected.has_value()) << where;
      EXPECT_TRUE(got.is_exact()) << where;
      EXPECT_EQ(got, *expected) << where << ": " << got.to_string() << " vs " << row.value;
      continue;
    }
    const double expected = std::stod(row.value);
    const double tolerance = expected == 0 ? 1e-12 : 1e-9 * std::fabs(expected);
    EXPECT_NEAR(got.value(), expected, tolerance) << where;
    if (!row.exact.empty()) {
      ++exact_checked[row.statistic];
      const std::size_t slash = row.exact.find('/');
      ASSERT_NE(slash, std::string::npos) << where;
      const Number rational = Number::fraction(std::stoll(row.exact.substr(0, slash)),
                                               std::stoll(row.exact.substr(slash + 1)));
      EXPECT_TRUE(got.is_exact()) << where << ": " << got.to_string();
      EXPECT_EQ(got, rational) << where << ": " << got.to_string() << " vs " << row.exact;
    }
  }
  for (const auto& [statistic, n] : checked) {
    std::cout << statistic << ": " << n << " rows, " << missing[statistic] << " missing, "
              << exact_checked[statistic] << " exact\n";
  }
}

}  // namespace
}  // namespace tholos::stdlib
