// Descriptive statistics on small vectors worked by hand.
#include "stdlib/descriptive.hpp"

#include <gtest/gtest.h>

#include "tests/stdlib/ratings.hpp"

namespace tholos::stdlib {
namespace {

using testing::Ratings;

TEST(Descriptive, EmptyRatingsGiveMissingExceptCount) {
  const Ratings none(1, 5, {});
  EXPECT_TRUE(count(none) == Number::integer(0));
  for (const Number n : {mean(none), var(none), sd(none), cv(none), median(none), mad(none),
                         mad_raw(none), mode(none), min(none), max(none), range(none)}) {
    EXPECT_TRUE(n.is_missing());
  }
}

TEST(Descriptive, OneRatingHasNoSpread) {
  const Ratings one(1, 9, {7});
  EXPECT_TRUE(mean(one) == Number::integer(7));
  EXPECT_TRUE(median(one) == Number::integer(7));
  EXPECT_TRUE(mad(one) == Number::integer(0));
  EXPECT_TRUE(mode(one) == Number::integer(7));
  EXPECT_TRUE(range(one) == Number::integer(0));
  // The sample variance needs two ratings (n - 1 in the denominator).
  EXPECT_TRUE(var(one).is_missing());
  EXPECT_TRUE(sd(one).is_missing());
  EXPECT_TRUE(cv(one).is_missing());
}

TEST(Descriptive, MeanAndVarianceAreExact) {
  const Ratings r(1, 5, {1, 2, 2, 5});
  // mean 10/4 = 5/2; deviations -3/2, -1/2, -1/2, 5/2; squares sum 9/4+1/4+1/4+25/4 = 9
  EXPECT_TRUE(mean(r).is_exact());
  EXPECT_TRUE(mean(r) == Number::ratio(5, 2));
  EXPECT_TRUE(var(r).is_exact());
  EXPECT_TRUE(var(r) == Number::integer(3));
  EXPECT_FALSE(sd(r).is_exact());
  EXPECT_DOUBLE_EQ(sd(r).value(), 1.7320508075688772);
  EXPECT_DOUBLE_EQ(cv(r).value(), 1.7320508075688772 / 2.5);
}

TEST(Descriptive, StandardDeviationIsExactForPerfectSquares) {
  const Ratings r(1, 9, {1, 3});  // var = 2, not a square
  EXPECT_FALSE(sd(r).is_exact());
  const Ratings s(1, 9, {2, 4, 4, 4, 5, 5, 7, 9});  // var = 32/7
  EXPECT_TRUE(var(s) == Number::ratio(32, 7));
  const Ratings t(1, 9, {1, 2});  // var = 1/2, sd = sqrt(1/2): not a square
  EXPECT_FALSE(sd(t).is_exact());
  const Ratings q(0, 10, {0, 0, 3, 3});  // var = 3
  EXPECT_TRUE(var(q) == Number::integer(3));
  const Ratings twenty_ninths(0, 10, {1, 1, 2, 2, 3, 3, 4, 4, 5, 5});  // var = 20/9
  EXPECT_TRUE(var(twenty_ninths) == Number::ratio(20, 9));
  const Ratings u(0, 10, {0, 4, 8});  // mean 4, var (16 + 0 + 16) / 2 = 16, sd 4
  EXPECT_TRUE(sd(u).is_exact());
  EXPECT_TRUE(sd(u) == Number::integer(4));
  EXPECT_TRUE(cv(u) == Number::integer(1));
  EXPECT_TRUE(cv(u).is_exact());
}

TEST(Descriptive, VarianceOnNegativeScale) {
  const Ratings r(-3, 3, {-3, -1, 0, 2});
  // mean -1/2; n sum(x^2) - sum(x)^2 = 4 * 14 - 4 = 52; / (4 * 3) = 13/3
  EXPECT_TRUE(mean(r) == Number::ratio(-1, 2));
  EXPECT_TRUE(var(r) == Number::ratio(13, 3));
  EXPECT_TRUE(cv(r) < Number::integer(0));  // keeps the sign of the mean
}

TEST(Descriptive, CvIsMissingWhenTheMeanIsZero) {
  const Ratings r(-3, 3, {-2, -1, 0, 1, 2});
  EXPECT_TRUE(mean(r) == Number::integer(0));
  EXPECT_FALSE(sd(r).is_missing());
  EXPECT_TRUE(cv(r).is_missing());
}

TEST(Descriptive, MedianIsTheMidpointOfTheMiddlePair) {
  EXPECT_TRUE(median(Ratings(1, 9, {1, 2, 9})) == Number::integer(2));
  const Number m = median(Ratings(1, 9, {1, 2, 3, 9}));
  EXPECT_TRUE(m.is_exact());
  EXPECT_TRUE(m == Number::ratio(5, 2));
  EXPECT_TRUE(median(Ratings(-3, 3, {-3, -2})) == Number::ratio(-5, 2));
  // RAND/UCLA bands: a median of 6.5 is "uncertain" and must be exactly 6.5.
  EXPECT_TRUE(median(Ratings(1, 9, {3, 4, 6, 6, 7, 7, 8, 9})) == Number::ratio(13, 2));
  EXPECT_TRUE(median(Ratings(1, 9, {3, 4, 6, 6, 7, 7, 8, 9})) > Number::integer(6));
}

TEST(Descriptive, MadIsScaledByR_sConstant) {
  // 1 2 2 5 9: median 2, |x - 2| = 1 0 0 3 7, their median 1.
  const Ratings r(1, 9, {1, 2, 2, 5, 9});
  EXPECT_TRUE(mad_raw(r) == Number::integer(1));
  EXPECT_TRUE(mad(r).is_exact());
  EXPECT_TRUE(mad(r) == Number::ratio(14826, 10000));
  EXPECT_TRUE(mad(r, Number::integer(1)) == Number::integer(1));
  EXPECT_TRUE(mad(r, Number::integer(2)) == Number::integer(2));
}

TEST(Descriptive, MadWithAHalfWayMedian) {
  // 1 2 4 9: median 3, |x - 3| = 2 1 1 6 -> sorted 1 1 2 6, median 3/2.
  const Ratings r(1, 9, {1, 2, 4, 9});
  EXPECT_TRUE(mad_raw(r) == Number::ratio(3, 2));
  // 1 2 3 4: median 5/2, deviations 3/2 1/2 1/2 3/2, median 1.
  EXPECT_TRUE(mad_raw(Ratings(1, 5, {1, 2, 3, 4})) == Number::integer(1));
  // 1 2 4 5: median 3, deviations 2 1 1 2, median 3/2.
  EXPECT_TRUE(mad_raw(Ratings(1, 5, {1, 2, 4, 5})) == Number::ratio(3, 2));
  // -3 -2: median -5/2, deviations 1/2 1/2.
  EXPECT_TRUE(mad_raw(Ratings(-3, 3, {-3, -2})) == Number::ratio(1, 2));
  // All equal: no deviation.
  EXPECT_TRUE(mad(Ratings(1, 5, {4, 4, 4})) == Number::integer(0));
}

TEST(Descriptive, ModeIsMissingWhenTied) {
  const Ratings single(1, 5, {1, 4, 4, 5});
  EXPECT_TRUE(mode(single) == Number::integer(4));

  const Ratings tied(1, 9, {1, 1, 5, 9, 9});
  EXPECT_TRUE(mode(tied).is_missing());

  const Ratings all_once(-3, 3, {-3, 0, 3});
  EXPECT_TRUE(mode(all_once).is_missing());
}

TEST(Descriptive, MinMaxRange) {
  const Ratings r(0, 10, {3, 7, 7, 10});
  EXPECT_TRUE(min(r) == Number::integer(3));
  EXPECT_TRUE(max(r) == Number::integer(10));
  EXPECT_TRUE(range(r) == Number::integer(7));
  EXPECT_TRUE(range(Ratings(-3, 3, {-3, -1})) == Number::integer(2));
}

TEST(Descriptive, CountAndShareOfATally) {
  const Tally nine_of_twelve{9, 12};
  EXPECT_TRUE(count(nine_of_twelve) == Number::integer(9));
  const Number s = share(nine_of_twelve);
  EXPECT_TRUE(s.is_exact());
  EXPECT_TRUE(s == Number::ratio(3, 4));
  EXPECT_TRUE(s >= *Number::parse_decimal("0.75"));
  EXPECT_FALSE(s > *Number::parse_decimal("0.75"));
}

TEST(Descriptive, ShareOfNothingIsMissing) {
  EXPECT_TRUE(share(Tally{0, 0}).is_missing());
  EXPECT_TRUE(share(Tally{0, 5}) == Number::integer(0));
  EXPECT_TRUE(count(Tally{0, 0}) == Number::integer(0));
}

TEST(Descriptive, ShareWithAnExplicitDenominator) {
  // 7 agree among 9 valid ratings, of 10 invited panelists.
  const Tally agree{7, 9};
  EXPECT_TRUE(share(agree, Number::integer(10)) == Number::ratio(7, 10));
  EXPECT_TRUE(share(agree, Number::integer(0)).is_missing());
  EXPECT_TRUE(share(agree, Number::missing()).is_missing());
  EXPECT_TRUE(share(Tally{0, 0}, Number::integer(10)) == Number::integer(0));
}

}  // namespace
}  // namespace tholos::stdlib
