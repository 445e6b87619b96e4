// Quantiles by Hyndman & Fan type: the published examples of
// ../shared/reference/VECTORS.md, exactness, and R's edge behaviour.
#include "stdlib/quantile.hpp"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>

#include "stdlib/descriptive.hpp"
#include "tests/stdlib/ratings.hpp"

namespace tholos::stdlib {
namespace {

using testing::Ratings;

Number p_of(std::int64_t num, std::int64_t den) {
  return Number::ratio(num, den);
}

// VECTORS.md, "Quantile definitions change verdicts".
const Ratings kTenPanelists(1, 9, {5, 6, 7, 7, 7, 8, 8, 8, 9, 9});

TEST(Quantile, IqrByTypeOfThePublishedVector) {
  const double expected[] = {1, 1, 2, 1.5, 1, 1.5, 1, 7.0 / 6.0, 1.125};
  for (int type = 1; type <= 9; ++type) {
    const Number iqr_value = iqr(kTenPanelists, type);
    EXPECT_TRUE(iqr_value.is_exact()) << "type " << type;
    EXPECT_DOUBLE_EQ(iqr_value.value(), expected[type - 1]) << "type " << type;
  }
  EXPECT_NEAR(iqr(kTenPanelists, 8).value(), 1.1667, 1e-4);  // as VECTORS.md prints it
}

TEST(Quantile, IqrOfThePublishedVectorIsExact) {
  EXPECT_TRUE(iqr(kTenPanelists, 7) == Number::integer(1));
  EXPECT_TRUE(iqr(kTenPanelists, 7).is_integer());
  const Number type8 = iqr(kTenPanelists, 8);
  EXPECT_TRUE(type8.is_exact());
  EXPECT_EQ(type8.numerator(), 7);
  EXPECT_EQ(type8.denominator(), 6);
  EXPECT_TRUE(iqr(kTenPanelists, 9) == Number::ratio(9, 8));
  EXPECT_TRUE(iqr(kTenPanelists, 6) == Number::ratio(3, 2));
  EXPECT_TRUE(iqr(kTenPanelists, 4) == Number::ratio(3, 2));
}

TEST(Quantile, TheQuantileTypeFlipsIqrAtMostOne) {
  const Number one = Number::integer(1);
  EXPECT_TRUE(iqr(kTenPanelists, 7) <= one);   // R's default: consensus
  EXPECT_FALSE(iqr(kTenPanelists, 6) <= one);  // SPSS: no consensus
}

TEST(Quantile, QuartilesOfThePublishedVector) {
  // Type 6: positions 11/4 and 33/4: x(2) + 3/4 (x(3) - x(2)) = 6.75, x(8) + 1/4 = 8.25.
  EXPECT_TRUE(quantile(kTenPanelists, p_of(1, 4), 6) == Number::ratio(27, 4));
  EXPECT_TRUE(quantile(kTenPanelists, p_of(3, 4), 6) == Number::ratio(33, 4));
  // Type 7: positions 13/4 and 31/4: 7 and 8.
  EXPECT_TRUE(quantile(kTenPanelists, p_of(1, 4), 7) == Number::integer(7));
  EXPECT_TRUE(quantile(kTenPanelists, p_of(3, 4), 7) == Number::integer(8));
}

// VECTORS.md, RAND/UCLA IPRAS (BMJ Open 2012;2:e001431, Table 1).
TEST(Quantile, IprasPercentiles) {
  Ratings fifteen(1, 9, {4, 5, 6});
  fifteen.add(7, 5);
  fifteen.add(8, 5);
  fifteen.add(9, 2);
  EXPECT_TRUE(median(fifteen) == Number::integer(7));
  const Number p30 = *Number::parse_decimal("0.3");
  const Number p70 = *Number::parse_decimal("0.7");
  for (const int type : {2, 6, 7}) {
    const Number lower = quantile(fifteen, p30, type);
    const Number upper = quantile(fifteen, p70, type);
    EXPECT_TRUE(lower == Number::integer(7)) << "type " << type;
    EXPECT_TRUE(upper == Number::integer(8)) << "type " << type;
    const Number ipr = upper - lower;
    const Number iprcp = (lower + upper) / Number::integer(2);
    const Number ai = abs(Number::integer(5) - iprcp);
    const Number ipras = *Number::parse_decimal("2.35") + *Number::parse_decimal("1.5") * ai;
    EXPECT_TRUE(ipr == Number::integer(1));
    EXPECT_TRUE(iprcp == Number::ratio(15, 2));
    EXPECT_TRUE(ipras == Number::ratio(61, 10));  // exactly 6.1
    EXPECT_TRUE(ipr < ipras);                     // no disagreement
  }
}

TEST(Quantile, ExactProbabilityGivesExactResult) {
  const Ratings r(1, 5, {1, 2, 4, 5, 5});
  for (int type = 1; type <= 9; ++type) {
    for (const Number p :
         {p_of(0, 1), p_of(1, 10), p_of(1, 3), p_of(1, 2), p_of(2, 3), p_of(9, 10), p_of(1, 1)}) {
      EXPECT_TRUE(quantile(r, p, type).is_exact()) << "type " << type << " p " << p.value();
    }
  }
  // Type 8 at p = 1/3 with n = 5: 1/3 + (16/3)(1/3) = 19/9, x(2) + 1/9 (x(3) - x(2)) = 20/9.
  EXPECT_TRUE(quantile(r, p_of(1, 3), 8) == Number::ratio(20, 9));
}

TEST(Quantile, EveryTypeGivesTheExtremesAtZeroAndOne) {
  const Ratings r(0, 10, {2, 3, 3, 6, 8, 10});
  for (int type = 1; type <= 9; ++type) {
    EXPECT_TRUE(quantile(r, p_of(0, 1), type) == Number::integer(2)) << type;
    EXPECT_TRUE(quantile(r, p_of(1, 1), type) == Number::integer(10)) << type;
    EXPECT_TRUE(quantile(r, Number::real(0.0), type) == Number::integer(2)) << type;
    EXPECT_TRUE(quantile(r, Number::real(1.0), type) == Number::integer(10)) << type;
  }
}

TEST(Quantile, StepTypesAtTheirDiscontinuities) {
  // 1 2 3 4 (n = 4): n p = 2 at p = 1/2.
  const Ratings r(1, 9, {1, 2, 3, 4});
  EXPECT_TRUE(quantile(r, p_of(1, 2), 1) == Number::integer(2));   // g = 0: x(2)
  EXPECT_TRUE(quantile(r, p_of(1, 2), 2) == Number::ratio(5, 2));  // averaged
  EXPECT_TRUE(quantile(r, p_of(1, 2), 3) == Number::integer(2));   // nearest even: x(2)
  // Just past the step every step type moves to x(3).
  const Number past = Number::ratio(50'001, 100'000);
  EXPECT_TRUE(quantile(r, past, 1) == Number::integer(3));
  EXPECT_TRUE(quantile(r, past, 2) == Number::integer(3));
  // Type 3 at n p - 1/2 = 1 (p = 3/8): j = 1 is odd, so x(2).
  EXPECT_TRUE(quantile(r, p_of(3, 8), 3) == Number::integer(2));
  // ... and at n p - 1/2 = 2 (p = 5/8): j = 2 is even, so x(2) again.
  EXPECT_TRUE(quantile(r, p_of(5, 8), 3) == Number::integer(2));
}

// Where R's floating-point n * p lands on the wrong side of a step, Tholos
// follows the definition for an exact p and R for an inexact one.
TEST(Quantile, ExactStepsWhereRoundingMisplacesThem) {
  // 90 ratings, nine each of 0..9: x(63) = 6, x(64) = 7. 90 * 0.7 is
  // 62.99999999999999 in floating point.
  std::vector<std::uint32_t> nines(11, 9);
  nines[10] = 0;
  const Ratings ninety(0, nines);
  const Number seven_tenths = *Number::parse_decimal("0.7");
  EXPECT_TRUE(quantile(ninety, seven_tenths, 2) == Number::ratio(13, 2));     // definition
  EXPECT_TRUE(quantile(ninety, Number::real(0.7), 2) == Number::integer(6));  // R
  EXPECT_TRUE(quantile(ninety, seven_tenths, 1) == Number::integer(6));
  // 45 ratings with x(31) = 3, x(32) = 4; 45 * 0.7 - 0.5 is 30.999999999999996.
  const Ratings forty_five(1, {10, 10, 11, 7, 7});
  EXPECT_TRUE(quantile(forty_five, seven_tenths, 3) == Number::integer(4));       // definition
  EXPECT_TRUE(quantile(forty_five, Number::real(0.7), 3) == Number::integer(3));  // R
}

TEST(Quantile, InexactProbabilityFollowsR) {
  // R: sprintf("%.17g", quantile(c(1, 2, 4, 5, 5), sqrt(0.5), type = t))
  const Ratings r(1, 5, {1, 2, 4, 5, 5});
  const Number p = Number::real(std::sqrt(0.5));
  const double expected[] = {5, 5, 5, 4.5355339059327378, 5, 5, 4.8284271247461898, 5, 5};
  for (int type = 1; type <= 9; ++type) {
    EXPECT_EQ(quantile(r, p, type).value(), expected[type - 1]) << "type " << type;
  }
  EXPECT_FALSE(quantile(r, p, 7).is_exact());
  EXPECT_TRUE(quantile(r, p, 1).is_integer());  // an order statistic is exact
  // Within R's tolerance of 100 * DBL_EPSILON outside [0, 1], p is clamped.
  EXPECT_TRUE(quantile(r, Number::real(1 + 50 * DBL_EPSILON), 7) == Number::integer(5));
  EXPECT_TRUE(quantile(r, Number::real(-50 * DBL_EPSILON), 7) == Number::integer(1));
  EXPECT_TRUE(quantile(r, Number::real(1 + 200 * DBL_EPSILON), 7).is_missing());
}

TEST(Quantile, FuzzAbsorbsRoundingInContinuousTypes) {
  // Type 6 with n = 9: (n + 1) p for p one ulp below 0.2 is
  // 1.9999999999999998; R's fuzz of 4 * DBL_EPSILON rounds j up to 2 and
  // gives x(2) = 2, not 1.9999999999999998 (R 4.2.2 prints "2").
  const Ratings r(1, 9, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Number below = Number::real(std::nextafter(0.2, 0.0));
  EXPECT_TRUE(quantile(r, below, 6) == Number::integer(2));
  EXPECT_TRUE(quantile(r, below, 6).is_integer());
  EXPECT_TRUE(quantile(r, p_of(1, 5), 6) == Number::integer(2));
}

TEST(Quantile, MissingInputs) {
  const Ratings none(1, 5, {});
  const Ratings some(1, 5, {2, 3});
  const Number half = p_of(1, 2);
  for (int type = 1; type <= 9; ++type) {
    EXPECT_TRUE(quantile(none, half, type).is_missing());
    EXPECT_TRUE(iqr(none, type).is_missing());
    EXPECT_TRUE(quantile(some, Number::missing(), type).is_missing());
    EXPECT_TRUE(quantile(some, p_of(-1, 10), type).is_missing());
    EXPECT_TRUE(quantile(some, p_of(11, 10), type).is_missing());
    EXPECT_TRUE(quantile(some, Number::real(1.5), type).is_missing());
  }
  EXPECT_TRUE(quantile(some, half, 0).is_missing());
  EXPECT_TRUE(quantile(some, half, 10).is_missing());
  EXPECT_TRUE(iqr(some, 10).is_missing());
}

TEST(Quantile, OneRating) {
  const Ratings one(1, 9, {6});
  for (int type = 1; type <= 9; ++type) {
    EXPECT_TRUE(quantile(one, p_of(3, 10), type) == Number::integer(6));
    EXPECT_TRUE(iqr(one, type) == Number::integer(0));
  }
}

TEST(Quantile, MedianAgreesWithTypes2And7) {
  const Ratings even(1, 9, {1, 2, 6, 9});
  EXPECT_TRUE(quantile(even, p_of(1, 2), 7) == median(even));
  EXPECT_TRUE(quantile(even, p_of(1, 2), 2) == median(even));
  // ... but not with every type: type 1 gives x(2).
  EXPECT_TRUE(quantile(even, p_of(1, 2), 1) == Number::integer(2));
}

}  // namespace
}  // namespace tholos::stdlib
