// The agreement family (stdlib/agreement.hpp): published values, exactness,
// the RAND/UCLA boundaries, the APMO worked example, the catalogue entries,
// and every row of tests/data/reference/agreement.csv (base R's values from
// tests/reference/make_agreement_fixtures.R, whose header documents the
// columns).
#include "stdlib/agreement.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stdlib/catalogue.hpp"
#include "stdlib/descriptive.hpp"
#include "tests/stdlib/ratings.hpp"

namespace tholos::stdlib {
namespace {

using testing::Ratings;

const Number kTrue = Number::integer(1);
const Number kFalse = Number::integer(0);

// Ratings on 1..9 with counts[i] ratings equal to i + 1.
Ratings nine_point(std::vector<std::uint32_t> counts) {
  return Ratings(1, std::move(counts));
}

// A panel of n on 1..9: `low` ratings in 1..3, `high` in 7..9, the rest 5.
Ratings panel(std::uint32_t n, std::uint32_t low, std::uint32_t high) {
  Ratings r(1, 9, {});
  for (std::uint32_t i = 0; i < low; ++i)
    r.add(static_cast<std::int32_t>(1 + i % 3));
  for (std::uint32_t i = 0; i < high; ++i)
    r.add(static_cast<std::int32_t>(7 + i % 3));
  r.add(5, n - low - high);
  return r;
}

// --- Tastle & Wierman -------------------------------------------------------

TEST(TastleWierman, NoRatingsIsMissing) {
  EXPECT_TRUE(tastle_wierman(Ratings(1, 5, {})).is_missing());
}

TEST(TastleWierman, UnanimityIsExactlyOne) {
  for (const Number n : {tastle_wierman(Ratings(1, 5, {4})), tastle_wierman(Ratings(1, 5, {3, 3})),
                         tastle_wierman(Ratings(0, 10, {10, 10, 10, 10})),
                         tastle_wierman(Ratings(3, 3, {3, 3, 3}))}) {  // a one-point scale
    EXPECT_TRUE(n.is_exact());
    EXPECT_TRUE(n == Number::integer(1));
  }
}

TEST(TastleWierman, EvenSplitBetweenTheEndsIsExactlyZero) {
  // mu is the middle, every |X - mu| / d is 1/2, log2(1/2) = -1.
  const Number n = tastle_wierman(Ratings(1, 5, {1, 1, 5, 5}));
  EXPECT_TRUE(n.is_exact());
  EXPECT_TRUE(n == Number::integer(0));
  EXPECT_TRUE(tastle_wierman(Ratings(1, 9, {1, 9})) == Number::integer(0));
}

TEST(TastleWierman, WholeLogarithmsStayExact) {
  // 1..5, ratings 1 1 1 5: mu = 2, |1 - 2| / 4 = 1/4 (log2 3/4 is not whole)
  EXPECT_FALSE(tastle_wierman(Ratings(1, 5, {1, 1, 1, 5})).is_exact());
  // 1..5, ratings 3 3 1 5: mu = 3; 1 - 1/2 for the ends, 1 for the middle:
  // 1 + (2/4)(0) + (2/4)(-1) = 1/2.
  const Number half = tastle_wierman(Ratings(1, 5, {3, 3, 1, 5}));
  EXPECT_TRUE(half.is_exact());
  EXPECT_TRUE(half == Number::ratio(1, 2));
}

TEST(TastleWierman, MatchesTheFormulaOnAUniformFivePointScale) {
  // One rating on each point of 1..5: mu = 3, d = 4.
  const double expected =
      1 + 0.2 * (2 * std::log2(1 - 2.0 / 4) + 2 * std::log2(1 - 1.0 / 4) + std::log2(1.0));
  EXPECT_NEAR(tastle_wierman(Ratings(1, 5, {1, 2, 3, 4, 5})).value(), expected, 1e-15);
}

// --- van der Eijk -------------------------------------------------------------

TEST(VanDerEijk, PublishedExample) {
  // agrmt's documented example (van der Eijk 2001's measure): the frequencies
  // 30 40 210 130 530 50 10 over 7 points give A = 0.6113333, exactly
  // 917/1500 (layers: 0 + 1/50 + 1/60 + 1/50 + 4/25 + 28/375 + 8/25).
  const Ratings r(1, {30, 40, 210, 130, 530, 50, 10});
  const Number a = van_der_eijk(r);
  EXPECT_TRUE(a.is_exact());
  EXPECT_TRUE(a == Number::ratio(917, 1500));
  EXPECT_NEAR(a.value(), 0.6113333, 5e-8);
}

TEST(VanDerEijk, PatternsOfThePaper) {
  // Unimodal: 1. Uniform: 0. Split between the two ends: -1.
  EXPECT_TRUE(van_der_eijk(Ratings(1, {0, 0, 5, 0, 0})) == Number::integer(1));
  EXPECT_TRUE(van_der_eijk(Ratings(1, {4, 4, 4, 4, 4})) == Number::integer(0));
  EXPECT_TRUE(van_der_eijk(Ratings(1, {6, 0, 0, 0, 6})) == Number::integer(-1));
  EXPECT_TRUE(van_der_eijk(Ratings(1, {6, 0, 0, 0, 0, 0, 6})) == Number::integer(-1));
  // Two adjacent points on 7: U = 1, A = 1 - 1/6.
  EXPECT_TRUE(van_der_eijk(Ratings(1, {0, 3, 3, 0, 0, 0, 0})) == Number::ratio(5, 6));
  // The paper's pattern 1 0 1 0 0 0 0 (K = 7, S = 2), by hand: triples
  // 1 1 0: (1, 3, m) for m = 4..7: TU = 4; 0 1 1: none; 1 0 1: (1, 2, 3):
  // TDU = 1.
  // U = (5 * 4 - 6 * 1) / (5 * 5) = 14/25; A = U * (1 - 1/6) = 7/15.
  EXPECT_TRUE(van_der_eijk(Ratings(1, {2, 0, 2, 0, 0, 0, 0})) == Number::ratio(7, 15));
}

TEST(VanDerEijk, EmptyAndSmallScales) {
  EXPECT_TRUE(van_der_eijk(Ratings(1, 5, {})).is_missing());
  EXPECT_TRUE(van_der_eijk(Ratings(1, 5, {2})) == Number::integer(1));
  // Two points: 1 for unanimity, else the share of the second layer (the
  // first covers both points and has A = 0).
  EXPECT_TRUE(van_der_eijk(Ratings(0, 1, {1, 1})) == Number::integer(1));
  EXPECT_TRUE(van_der_eijk(Ratings(0, 1, {0, 1})) == Number::integer(0));
  EXPECT_TRUE(van_der_eijk(Ratings(0, 1, {0, 1, 1})) == Number::ratio(1, 3));
  EXPECT_TRUE(van_der_eijk(Ratings(4, 4, {4, 4})) == Number::integer(1));
}

// --- RAND/UCLA classification by the median ---------------------------------------

TEST(RandClassification, MedianBands) {
  struct Case {
    Ratings ratings;
    Number median;
    bool appropriate, uncertain, inappropriate;
  };
  const std::vector<Case> cases = {
      {Ratings(1, 9, {9}), Number::integer(9), true, false, false},
      {Ratings(1, 9, {7, 7, 8}), Number::integer(7), true, false, false},
      {Ratings(1, 9, {6, 7}), Number::ratio(13, 2), false, true, false},  // 6.5
      {Ratings(1, 9, {2, 6, 7, 9}), Number::ratio(13, 2), false, true, false},
      {Ratings(1, 9, {4, 5, 6}), Number::integer(5), false, true, false},
      {Ratings(1, 9, {3, 4}), Number::ratio(7, 2), false, true, false},  // 3.5
      {Ratings(1, 9, {1, 3, 4, 9}), Number::ratio(7, 2), false, true, false},
      {Ratings(1, 9, {3, 3}), Number::integer(3), false, false, true},
      {Ratings(1, 9, {1}), Number::integer(1), false, false, true},
  };
  for (const Case& c : cases) {
    ASSERT_TRUE(median(c.ratings) == c.median) << c.median.to_string();
    EXPECT_TRUE(rand_appropriate(c.ratings) == (c.appropriate ? kTrue : kFalse))
        << c.median.to_string();
    EXPECT_TRUE(rand_uncertain(c.ratings) == (c.uncertain ? kTrue : kFalse))
        << c.median.to_string();
    EXPECT_TRUE(rand_inappropriate(c.ratings) == (c.inappropriate ? kTrue : kFalse))
        << c.median.to_string();
  }
}

TEST(RandClassification, MissingWithoutRatingsOrOffTheNinePointScale) {
  for (const Ratings& r : {Ratings(1, 9, {}), Ratings(1, 5, {5, 5}), Ratings(0, 9, {8}),
                           Ratings(0, 10, {8}), Ratings(1, 10, {8})}) {
    EXPECT_TRUE(rand_appropriate(r).is_missing());
    EXPECT_TRUE(rand_uncertain(r).is_missing());
    EXPECT_TRUE(rand_inappropriate(r).is_missing());
  }
}

// --- RAND/UCLA counts rule ----------------------------------------------------------

TEST(RandDisagreement, ThresholdByPanelSize) {
  const std::map<std::uint32_t, std::uint32_t> expected = {{7, 0},  {8, 3},  {9, 3},  {10, 3},
                                                           {11, 4}, {12, 4}, {13, 4}, {14, 5},
                                                           {15, 5}, {16, 5}, {17, 0}, {0, 0}};
  for (const auto& [n, t] : expected)
    EXPECT_EQ(rand_disagreement_threshold(n), t) << n;
}

TEST(RandDisagreement, BoundariesOfTheCountsTable) {
  // Panel sizes at the edges of each row of the table, with k ratings in each
  // extreme third for k = 2..5 (and the asymmetric k, k - 1).
  for (const std::uint32_t n : {8u, 10u, 11u, 13u, 14u, 16u}) {
    const std::uint32_t needed = n <= 10 ? 3 : n <= 13 ? 4 : 5;
    for (std::uint32_t k = 2; k <= 5 && 2 * k <= n; ++k) {
      EXPECT_TRUE(rand_disagreement(panel(n, k, k)) == (k >= needed ? kTrue : kFalse))
          << "n = " << n << ", " << k << " in each extreme";
      if (2 * k - 1 <= n && k >= 1) {
        EXPECT_TRUE(rand_disagreement(panel(n, k, k - 1)) == (k - 1 >= needed ? kTrue : kFalse))
            << "n = " << n << ", " << k << " low and " << k - 1 << " high";
        EXPECT_TRUE(rand_disagreement(panel(n, k - 1, k)) == (k - 1 >= needed ? kTrue : kFalse))
            << "n = " << n << ", " << k - 1 << " low and " << k << " high";
      }
    }
  }
  // Exactly at the threshold, and one short, at each row's edges.
  EXPECT_TRUE(rand_disagreement(panel(8, 3, 3)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(10, 3, 3)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(10, 2, 8)) == kFalse);
  EXPECT_TRUE(rand_disagreement(panel(11, 3, 3)) == kFalse);
  EXPECT_TRUE(rand_disagreement(panel(11, 4, 4)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(13, 4, 4)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(14, 4, 4)) == kFalse);
  EXPECT_TRUE(rand_disagreement(panel(14, 5, 5)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(16, 5, 5)) == kTrue);
  EXPECT_TRUE(rand_disagreement(panel(16, 4, 12)) == kFalse);
}

TEST(RandDisagreement, MissingOutsidePanelsOfEightToSixteen) {
  EXPECT_TRUE(rand_disagreement(panel(7, 3, 3)).is_missing());
  EXPECT_TRUE(rand_disagreement(panel(17, 5, 5)).is_missing());
  EXPECT_TRUE(rand_disagreement(panel(17, 8, 8)).is_missing());
  EXPECT_TRUE(rand_disagreement(Ratings(1, 9, {})).is_missing());
  Ratings five_point(1, 5, {});
  five_point.add(1, 5);
  five_point.add(5, 5);
  EXPECT_TRUE(rand_disagreement(five_point).is_missing());
}

// --- IPRAS ------------------------------------------------------------------------

TEST(Ipras, PublishedExample) {
  // BMJ Open 2012;2:e001431, Table 1 (reference/VECTORS.md): 15 panelists,
  // 4, 5, 6, then 7 five times, 8 five times, 9 twice.
  const Ratings r = nine_point({0, 0, 0, 1, 1, 1, 5, 5, 2});
  EXPECT_TRUE(median(r) == Number::integer(7));
  EXPECT_TRUE(rand_appropriate(r) == kTrue);
  for (const int type : {2, 6, 7}) {  // the types VECTORS.md lists as agreeing here
    const IprasAnalysis a = ipras_analysis(r, type);
    EXPECT_TRUE(a.p30 == Number::integer(7)) << type;
    EXPECT_TRUE(a.p70 == Number::integer(8)) << type;
    EXPECT_TRUE(a.ipr == Number::integer(1)) << type;
    EXPECT_TRUE(a.iprcp == Number::ratio(15, 2)) << type;
    EXPECT_TRUE(a.asymmetry_index == Number::ratio(5, 2)) << type;
    EXPECT_TRUE(a.ipras.is_exact()) << type;
    EXPECT_TRUE(a.ipras == Number::ratio(61, 10)) << type;
    EXPECT_TRUE(a.index == Number::ratio(10, 61)) << type;
    EXPECT_TRUE(a.disagreement == kFalse) << type;
    EXPECT_TRUE(ipr(r, type) == Number::integer(1));
    EXPECT_TRUE(iprcp(r, type) == Number::ratio(15, 2));
    EXPECT_TRUE(ipras(r, type) == Number::ratio(61, 10));
    EXPECT_TRUE(ipras_index(r, type) == Number::ratio(10, 61));
    EXPECT_TRUE(ipras_disagreement(r, type) == kFalse);
  }
  EXPECT_TRUE(ipras_symmetric_range() == Number::ratio(235, 100));
  EXPECT_TRUE(ipras_asymmetry_factor() == Number::ratio(3, 2));
}

TEST(Ipras, PolarisedRatingsDisagree) {
  // 1 1 1 1 1 9 9 9 9 9: P30 = 1, P70 = 9 (type 7), symmetric: IPR 8 > 2.35.
  const Ratings r = nine_point({5, 0, 0, 0, 0, 0, 0, 0, 5});
  const IprasAnalysis a = ipras_analysis(r, 7);
  EXPECT_TRUE(a.ipr == Number::integer(8));
  EXPECT_TRUE(a.iprcp == Number::integer(5));
  EXPECT_TRUE(a.asymmetry_index == Number::integer(0));
  EXPECT_TRUE(a.ipras == Number::ratio(47, 20));
  EXPECT_TRUE(a.disagreement == kTrue);
  EXPECT_TRUE(a.index == Number::ratio(160, 47));
}

TEST(Ipras, EqualityIsExactlyTheBoundary) {
  // 1 2 3 4 4 4 4 6 7 8 8 8 8 (n = 13), type 7: P30 at 1 + 12 (0.3) = 4.6 is
  // x(4) + 0.6 (x(5) - x(4)) = 4; P70 at 9.4 is x(9) + 0.4 (x(10) - x(9)) =
  // 7.4. IPR = 3.4, IPRCP = 5.7, AI = 0.7, IPRAS = 2.35 + 1.05 = 3.4: equal,
  // so no disagreement, and an index of exactly 1. (In R's floating point
  // IPR is 3.3999999999999986 and IPRAS 3.399999999999999: the verdict is
  // right only because the rounding errors happen to fall that way round.)
  const Ratings r = nine_point({1, 1, 1, 4, 0, 1, 1, 4, 0});
  const IprasAnalysis a = ipras_analysis(r, 7);
  EXPECT_TRUE(a.p30 == Number::integer(4));
  EXPECT_TRUE(a.p70 == Number::ratio(37, 5));
  EXPECT_TRUE(a.ipr == Number::ratio(17, 5));
  EXPECT_TRUE(a.ipras == Number::ratio(17, 5));
  EXPECT_TRUE(a.index == Number::integer(1));
  EXPECT_TRUE(a.disagreement == kFalse);
  // The 7 raised to 8: P70 = 8, IPR = 4 > IPRAS = 2.35 + 1.5 = 3.85.
  const IprasAnalysis wider = ipras_analysis(nine_point({1, 1, 1, 4, 0, 1, 0, 5, 0}), 7);
  EXPECT_TRUE(wider.ipras == Number::ratio(77, 20));
  EXPECT_TRUE(wider.ipr > wider.ipras);
  EXPECT_TRUE(wider.disagreement == kTrue);
}

TEST(Ipras, MissingWithoutRatingsOffTheScaleOrWithABadType) {
  EXPECT_TRUE(ipr(Ratings(1, 9, {}), 7).is_missing());
  EXPECT_TRUE(ipras(Ratings(1, 5, {3, 4}), 7).is_missing());
  EXPECT_TRUE(ipras_disagreement(Ratings(0, 10, {3, 4}), 7).is_missing());
  EXPECT_TRUE(ipras_index(Ratings(1, 9, {3, 4}), 0).is_missing());
  EXPECT_TRUE(iprcp(Ratings(1, 9, {3, 4}), 10).is_missing());
}

TEST(Ipras, OneRatingAndAllEqual) {
  const IprasAnalysis one = ipras_analysis(Ratings(1, 9, {8}), 7);
  EXPECT_TRUE(one.ipr == Number::integer(0));
  EXPECT_TRUE(one.iprcp == Number::integer(8));
  EXPECT_TRUE(one.ipras == Number::ratio(47, 20) + Number::ratio(9, 2));  // 6.85
  EXPECT_TRUE(one.index == Number::integer(0));
  EXPECT_TRUE(one.disagreement == kFalse);
  for (int type = 1; type <= 9; ++type) {
    const IprasAnalysis equal = ipras_analysis(Ratings(1, 9, {5, 5, 5, 5}), type);
    EXPECT_TRUE(equal.ipr == Number::integer(0));
    EXPECT_TRUE(equal.iprcp == Number::integer(5));
    EXPECT_TRUE(equal.ipras == Number::ratio(47, 20));
    EXPECT_TRUE(equal.disagreement == kFalse);
  }
}

TEST(Ipras, EveryTypeIsExact) {
  const Ratings r = nine_point({1, 0, 2, 1, 0, 3, 2, 0, 4});
  for (int type = 1; type <= 9; ++type) {
    const IprasAnalysis a = ipras_analysis(r, type);
    for (const Number* n : {&a.p30, &a.p70, &a.ipr, &a.iprcp, &a.asymmetry_index, &a.ipras,
                            &a.index, &a.disagreement}) {
      EXPECT_TRUE(n->is_exact()) << "type " << type;
    }
  }
}

// --- APMO ---------------------------------------------------------------------------

// Statements x panelists, '.' for no rating.
struct Matrix {
  std::vector<std::int32_t> values;
  RatingMatrix matrix;
  Matrix(std::int32_t low, std::int32_t high, const std::vector<std::string>& rows) {
    for (const std::string& row : rows) {
      for (const char c : row)
        values.push_back(c == '.' ? kNoRating : c - '0');
    }
    matrix.units = static_cast<std::uint32_t>(rows.size());
    matrix.raters = rows.empty() ? 0 : static_cast<std::uint32_t>(rows.front().size());
    matrix.values = values;
    matrix.scale = Scale{low, high};
  }
};

RatingBand band(std::int64_t low, std::int64_t high) {
  return RatingBand{Number::integer(low), Number::integer(high)};
}

TEST(Apmo, WorkedExample) {
  // docs/stdlib.md's example: 4 statements, 10 panelists, 1..5, agree 4..5,
  // disagree 1..2.
  //   S1: 8 agree, 1 neutral, 1 disagree   -> majority agree, contributes 8
  //   S2: 2 agree, 1 neutral, 7 disagree   -> majority disagree, 7
  //   S3: 5 agree, 2 neutral, 3 disagree   -> 5 of 10 is no majority
  //   S4: 6 agree, 3 neutral, 1 no rating  -> 6 of 9, majority agree, 6
  // APMO = (8 + 6 + 7) / (10 + 10 + 10 + 9) = 21/39 = 53.85%.
  const Matrix m(1, 5,
                 {"5554445431",  //
                  "4531211212",  //
                  "5454533211",  //
                  "545.453343"});
  const ApmoTerms t = apmo_terms(m.matrix, band(4, 5), band(1, 2));
  EXPECT_EQ(t.majority_agreements, 14u);
  EXPECT_EQ(t.majority_disagreements, 7u);
  EXPECT_EQ(t.opinions, 39u);
  EXPECT_EQ(t.statements_with_majority, 3u);
  const Number cut_off = apmo(m.matrix, band(4, 5), band(1, 2));
  EXPECT_TRUE(cut_off == Number::ratio(21, 39));
  // Consensus under APMO: agreement above the cut-off (S1 80%, S4 66.7%).
  EXPECT_TRUE(Number::ratio(8, 10) > cut_off);
  EXPECT_TRUE(Number::ratio(6, 9) > cut_off);
  EXPECT_FALSE(Number::ratio(5, 10) > cut_off);
}

TEST(Apmo, ExactlyHalfIsNoMajority) {
  const Matrix m(1, 5, {"5511", "5533"});
  // Statement 1: 2 of 4 agree, 2 of 4 disagree; statement 2: 2 of 4 agree.
  EXPECT_TRUE(apmo(m.matrix, band(4, 5), band(1, 2)) == Number::integer(0));
  const Matrix n(1, 5, {"5551", "5533"});
  EXPECT_TRUE(apmo(n.matrix, band(4, 5), band(1, 2)) == Number::ratio(3, 8));
}

TEST(Apmo, MissingWithoutOpinionsOrWithOverlappingBands) {
  const Matrix none(1, 5, {"...", "..."});
  EXPECT_TRUE(apmo(none.matrix, band(4, 5), band(1, 2)).is_missing());
  const Matrix empty(1, 5, {});
  EXPECT_TRUE(apmo(empty.matrix, band(4, 5), band(1, 2)).is_missing());
  const Matrix m(1, 5, {"555", "111"});
  EXPECT_TRUE(apmo(m.matrix, band(3, 5), band(1, 3)).is_missing());
  EXPECT_TRUE(apmo(m.matrix, band(1, 5), band(2, 2)).is_missing());
  EXPECT_TRUE(apmo(m.matrix, RatingBand{}, band(1, 2)).is_missing());
  // Bands that touch without sharing a whole number are fine.
  EXPECT_TRUE(apmo(m.matrix, RatingBand{Number::ratio(5, 2), Number::integer(5)},
                   RatingBand{Number::integer(1), Number::ratio(12, 5)}) == Number::integer(1));
  EXPECT_TRUE(apmo(m.matrix, band(4, 5), band(1, 2)) == Number::integer(1));
}

// --- The examples of docs/stdlib.md ---------------------------------------------------

TEST(AgreementDocs, Examples) {
  const Ratings five(1, 5, {2, 4, 4, 4, 5, 5});
  EXPECT_NEAR(tastle_wierman(five).value(), 0.69498750024038536, 1e-15);
  EXPECT_NEAR(tastle_wierman(Ratings(1, 5, {1, 2, 3, 4, 5})).value(), 0.43398500028846243, 1e-15);
  EXPECT_TRUE(van_der_eijk(five) == Number::ratio(17, 36));

  EXPECT_TRUE(rand_uncertain(Ratings(1, 9, {6, 7})) == kTrue);
  EXPECT_TRUE(rand_appropriate(Ratings(1, 9, {4, 5, 6, 7, 7, 7, 7, 7, 8, 8, 8, 8, 8, 9, 9})) ==
              kTrue);
  EXPECT_TRUE(rand_disagreement(Ratings(1, 9, {1, 2, 2, 3, 5, 7, 7, 8, 9, 9, 9})) == kTrue);
  EXPECT_TRUE(rand_disagreement(Ratings(1, 9, {3, 3, 3, 5, 5, 5, 5, 7, 7, 7, 7})) == kFalse);

  // The quantile type flips the IPRAS verdict.
  const Ratings r(1, 9, {2, 2, 3, 3, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8});
  const IprasAnalysis r7 = ipras_analysis(r, 7);
  EXPECT_TRUE(r7.p30 == Number::ratio(21, 5));
  EXPECT_TRUE(r7.p70 == Number::ratio(34, 5));
  EXPECT_TRUE(r7.ipr == Number::ratio(13, 5));
  EXPECT_TRUE(r7.ipras == Number::ratio(31, 10));
  EXPECT_TRUE(r7.index == Number::ratio(26, 31));
  EXPECT_TRUE(r7.disagreement == kFalse);
  const IprasAnalysis r6 = ipras_analysis(r, 6);
  EXPECT_TRUE(r6.p30 == Number::ratio(19, 5));
  EXPECT_TRUE(r6.p70 == Number::integer(7));
  EXPECT_TRUE(r6.ipr == Number::ratio(16, 5));
  EXPECT_TRUE(r6.ipras == Number::ratio(59, 20));
  EXPECT_TRUE(r6.index == Number::ratio(64, 59));
  EXPECT_TRUE(r6.disagreement == kTrue);
}

// --- The catalogue ------------------------------------------------------------------

TEST(AgreementCatalogue, Signatures) {
  struct Expected {
    const char* name;
    std::vector<ParamKind> kinds;
    ResultKind result;
    bool quantile_type;
    bool other_reason;
    std::uint32_t min_count;
  };
  const ParamKind r = ParamKind::ratings;
  const ParamKind t = ParamKind::quantile_type;
  const std::vector<Expected> expected = {
      {"tastle_wierman", {r}, ResultKind::number, false, false, 1},
      {"van_der_eijk", {r}, ResultKind::number, false, false, 1},
      {"rand_appropriate", {r}, ResultKind::boolean, false, true, 1},
      {"rand_uncertain", {r}, ResultKind::boolean, false, true, 1},
      {"rand_inappropriate", {r}, ResultKind::boolean, false, true, 1},
      {"rand_disagreement", {r}, ResultKind::boolean, false, true, 8},
      {"ipr", {r, t}, ResultKind::number, true, true, 1},
      {"iprcp", {r, t}, ResultKind::number, true, true, 1},
      {"ipras", {r, t}, ResultKind::number, true, true, 1},
      {"ipras_index", {r, t}, ResultKind::number, true, true, 1},
      {"ipras_disagreement", {r, t}, ResultKind::boolean, true, true, 1},
      {"apmo",
       {ParamKind::matrix, ParamKind::range, ParamKind::range},
       ResultKind::percentage,
       false,
       true,
       0},
  };
  for (const Expected& e : expected) {
    const FunctionInfo* f = find_function(e.name);
    ASSERT_NE(f, nullptr) << e.name;
    ASSERT_EQ(f->overloads.size(), 1u) << e.name;
    const Overload& o = f->overloads.front();
    std::vector<ParamKind> kinds;
    for (const Param& p : o.params)
      kinds.push_back(p.kind);
    EXPECT_EQ(kinds, e.kinds) << e.name;
    for (const Param& p : o.params)
      EXPECT_EQ(p.optional, p.kind == ParamKind::quantile_type) << e.name;
    EXPECT_EQ(o.result, e.result) << e.name;
    EXPECT_EQ(o.min_count, e.min_count) << e.name;
    EXPECT_EQ(f->depends_on_quantile_type, e.quantile_type) << e.name;
    EXPECT_EQ(!f->other_missing_reason.empty(), e.other_reason) << e.name;
    EXPECT_FALSE(f->summary.empty()) << e.name;
  }
}

TEST(AgreementCatalogue, AdaptersCallTheFunctions) {
  const Ratings r = nine_point({0, 0, 0, 1, 1, 1, 5, 5, 2});
  Argument ratings;
  ratings.ratings = r;
  Argument type;
  type.quantile_type = 6;
  const std::vector<Argument> args = {ratings, type};
  EXPECT_TRUE(find_function("ipras")->overloads[0].implementation(args) == Number::ratio(61, 10));
  EXPECT_TRUE(find_function("rand_appropriate")->overloads[0].implementation(args) == kTrue);
  EXPECT_TRUE(find_function("van_der_eijk")->overloads[0].implementation(args) == van_der_eijk(r));

  const Matrix m(1, 5, {"5554445431", "4531211212", "5454533211", "545.453343"});
  Argument statements;
  statements.matrix = m.matrix;
  Argument agree;
  agree.low = Number::integer(4);
  agree.high = Number::integer(5);
  Argument disagree;
  disagree.low = Number::integer(1);
  disagree.high = Number::integer(2);
  const std::vector<Argument> apmo_args = {statements, agree, disagree};
  EXPECT_TRUE(find_function("apmo")->overloads[0].implementation(apmo_args) ==
              Number::ratio(21, 39));
}

// --- The R fixture ------------------------------------------------------------------

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator))
    parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

struct Row {
  int line = 0;
  std::string case_name;
  std::int32_t low = 0;
  std::int32_t high = 0;
  std::string data;
  std::string statistic;
  int type = 0;
  std::string agree, disagree;
  std::string value;
  std::string exact;
};

std::vector<Row> read_fixture() {
  std::ifstream file(THOLOS_TEST_DATA "/reference/agreement.csv");
  EXPECT_TRUE(file.good()) << "cannot open agreement.csv";
  std::string line;
  std::getline(file, line);
  const std::vector<std::string> header = split(line, ',');
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i)
    column[header[i]] = i;
  std::vector<Row> rows;
  int line_number = 1;
  while (std::getline(file, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> f = split(line, ',');
    EXPECT_EQ(f.size(), header.size()) << "line " << line_number;
    if (f.size() != header.size()) continue;
    Row row;
    row.line = line_number;
    row.case_name = f[column.at("case")];
    row.low = std::stoi(f[column.at("low")]);
    row.high = std::stoi(f[column.at("high")]);
    row.data = f[column.at("data")];
    row.statistic = f[column.at("statistic")];
    const std::string& type = f[column.at("type")];
    row.type = type.empty() ? 0 : std::stoi(type);
    row.agree = f[column.at("agree")];
    row.disagree = f[column.at("disagree")];
    row.value = f[column.at("value")];
    row.exact = f[column.at("exact")];
    rows.push_back(std::move(row));
  }
  return rows;
}

// "4..5"
RatingBand parse_band(const std::string& text) {
  const std::size_t dots = text.find("..");
  return band(std::stoll(text.substr(0, dots)), std::stoll(text.substr(dots + 2)));
}

// Rows joined by '|', ratings by ';', '.' for no rating.
struct ParsedMatrix {
  std::vector<std::int32_t> values;
  RatingMatrix matrix;
};
ParsedMatrix parse_matrix(const std::string& text, std::int32_t low, std::int32_t high) {
  ParsedMatrix m;
  m.matrix.scale = Scale{low, high};
  if (text.empty()) return m;
  for (const std::string& row : split(text, '|')) {
    const std::vector<std::string> cells = split(row, ';');
    if (m.matrix.units == 0) m.matrix.raters = static_cast<std::uint32_t>(cells.size());
    EXPECT_EQ(cells.size(), m.matrix.raters);
    for (const std::string& c : cells)
      m.values.push_back(c == "." ? kNoRating : std::stoi(c));
    ++m.matrix.units;
  }
  m.matrix.values = m.values;
  return m;
}

Number compute(const Row& row, const Histogram& h) {
  const std::string& s = row.statistic;
  if (s == "tastle_wierman") return tastle_wierman(h);
  if (s == "van_der_eijk") return van_der_eijk(h);
  if (s == "rand_appropriate") return rand_appropriate(h);
  if (s == "rand_uncertain") return rand_uncertain(h);
  if (s == "rand_inappropriate") return rand_inappropriate(h);
  if (s == "rand_disagreement") return rand_disagreement(h);
  if (s == "ipr") return ipr(h, row.type);
  if (s == "iprcp") return iprcp(h, row.type);
  if (s == "ipras") return ipras(h, row.type);
  if (s == "ipras_index") return ipras_index(h, row.type);
  if (s == "ipras_disagreement") return ipras_disagreement(h, row.type);
  ADD_FAILURE() << "unknown statistic " << s;
  return Number::missing();
}

bool is_boolean(const std::string& statistic) {
  return statistic.rfind("rand_", 0) == 0 || statistic == "ipras_disagreement";
}

// Exact rationals: everything but Tastle & Wierman.
bool must_be_exact(const std::string& statistic) {
  return statistic != "tastle_wierman";
}

// Empty when `got` agrees with the row, else what is wrong.
std::string disagreement(const Row& row, const Number& got) {
  if (row.value == "NA") return got.is_missing() ? "" : "expected missing";
  if (got.is_missing()) return "got missing";
  if (must_be_exact(row.statistic) && !got.is_exact()) return "not exact";
  if (!row.exact.empty()) {
    const std::size_t slash = row.exact.find('/');
    const Number want = Number::ratio(std::stoll(row.exact.substr(0, slash)),
                                      std::stoll(row.exact.substr(slash + 1)));
    if (!(got == want)) return "not exactly " + row.exact;
  }
  const double want = std::stod(row.value);
  if (is_boolean(row.statistic)) return got.value() == want ? "" : "wrong verdict";
  const double tolerance = std::max(1e-9 * std::fabs(want), 1e-12);
  return std::fabs(got.value() - want) <= tolerance ? "" : "outside 1e-9 relative";
}

TEST(AgreementFixture, EveryRowAgreesWithR) {
  const std::vector<Row> rows = read_fixture();
  ASSERT_GT(rows.size(), 5000u);
  std::map<std::string, int> checked;
  int failed = 0;
  for (const Row& row : rows) {
    Number got;
    Number via;
    const FunctionInfo* f = find_function(row.statistic);
    if (f == nullptr) {
      ADD_FAILURE() << "not in the catalogue: " << row.statistic;
      continue;
    }
    if (row.statistic == "apmo") {
      const ParsedMatrix m = parse_matrix(row.data, row.low, row.high);
      const RatingBand agree = parse_band(row.agree);
      const RatingBand disagree = parse_band(row.disagree);
      got = apmo(m.matrix, agree, disagree);
      std::vector<Argument> args(3);
      args[0].matrix = m.matrix;
      args[1].low = agree.low;
      args[1].high = agree.high;
      args[2].low = disagree.low;
      args[2].high = disagree.high;
      via = f->overloads.front().implementation(args);
    } else {
      std::vector<std::uint32_t> counts;
      for (const std::string& c : split(row.data, ';'))
        counts.push_back(static_cast<std::uint32_t>(std::stoul(c)));
      EXPECT_EQ(counts.size(), static_cast<std::size_t>(row.high - row.low + 1));
      const Ratings ratings(row.low, counts);
      const Histogram h = ratings.histogram();
      got = compute(row, h);
      std::vector<Argument> args(f->overloads.front().params.size());
      for (Argument& a : args) {
        a.ratings = h;
        a.quantile_type = row.type;
      }
      // Below min_count the evaluator gives missing without calling.
      via = h.total < f->overloads.front().min_count ? Number::missing()
                                                     : f->overloads.front().implementation(args);
    }
    std::string problem = disagreement(row, got);
    if (problem.empty() && !(via == got) && !(via.is_missing() && got.is_missing())) {
      problem = "the catalogue gives " + via.to_string();
    }
    ++checked[row.statistic];
    if (!problem.empty()) {
      ++failed;
      ADD_FAILURE() << "agreement.csv line " << row.line << " (" << row.case_name << ", "
                    << row.statistic << " type " << row.type << "): " << problem << "; got "
                    << got.to_string() << ", R " << row.value;
    }
  }
  int total = 0;
  for (const auto& [name, n] : checked) {
    std::cout << "  " << name << ": " << n << " rows\n";
    total += n;
  }
  std::cout << "agreement.csv: " << total << " rows checked, " << total - failed << " agree\n";
  // Every function has rows.
  EXPECT_EQ(checked.size(), 12u);
}

}  // namespace
}  // namespace tholos::stdlib
