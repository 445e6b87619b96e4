// Number: exact rationals while possible, doubles otherwise, and missing.
#include "stdlib/number.hpp"

#include <gtest/gtest.h>

#include <clocale>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>

namespace tholos::stdlib {
namespace {

Number decimal(const std::string& text) {
  const std::optional<Number> n = Number::parse_decimal(text);
  EXPECT_TRUE(n.has_value()) << text;
  return n.value_or(Number::missing());
}

TEST(Number, NineOfTwelveIsExactlySeventyFivePercent) {
  const Number share = Number::ratio(9, 12);
  EXPECT_TRUE(share.is_exact());
  EXPECT_EQ(share.numerator(), 3);
  EXPECT_EQ(share.denominator(), 4);
  EXPECT_TRUE(share == decimal("0.75"));
  EXPECT_TRUE(share >= decimal("0.75"));
  EXPECT_FALSE(share > decimal("0.75"));
}

TEST(Number, SevenOfTenIsExactlySeventyPercent) {
  const Number share = Number::ratio(7, 10);
  EXPECT_TRUE(share == decimal("0.7"));
  EXPECT_TRUE(share >= decimal("0.7"));
  EXPECT_FALSE(share > decimal("0.7"));
  // One rating fewer, or one more panelist, and the threshold is missed.
  EXPECT_TRUE(Number::ratio(6, 10) < decimal("0.7"));
  EXPECT_TRUE(Number::ratio(7, 11) < decimal("0.7"));
}

TEST(Number, ShareTimesHundredIsExact) {
  // 0.57 * 100 is 56.99999999999999 in floating point; exactly 57 here.
  const Number share = Number::ratio(57, 100);
  const Number percent = share * Number::integer(100);
  EXPECT_TRUE(percent.is_integer());
  EXPECT_TRUE(percent >= Number::integer(57));
  EXPECT_TRUE(percent == Number::integer(57));
  EXPECT_LT(0.57 * 100, 57.0);  // what doubles would have said
}

TEST(Number, RatioIsInLowestTermsWithPositiveDenominator) {
  const Number r = Number::ratio(6, -4);
  EXPECT_EQ(r.numerator(), -3);
  EXPECT_EQ(r.denominator(), 2);
  EXPECT_DOUBLE_EQ(r.value(), -1.5);
  EXPECT_TRUE(Number::ratio(0, 5).is_integer());
  EXPECT_EQ(Number::ratio(0, 5).numerator(), 0);
}

TEST(Number, ParseDecimalGivesTheExactRational) {
  const Number three_tenths = decimal("0.3");
  EXPECT_TRUE(three_tenths.is_exact());
  EXPECT_EQ(three_tenths.numerator(), 3);
  EXPECT_EQ(three_tenths.denominator(), 10);

  const Number thousandth = decimal("1e-3");
  EXPECT_TRUE(thousandth == Number::ratio(1, 1000));
  EXPECT_TRUE(thousandth.is_exact());

  const Number sixty_two_and_a_half = decimal("62.5");
  EXPECT_EQ(sixty_two_and_a_half.numerator(), 125);
  EXPECT_EQ(sixty_two_and_a_half.denominator(), 2);

  EXPECT_TRUE(decimal("75") == Number::integer(75));
  EXPECT_TRUE(decimal("2.5E2") == Number::integer(250));
  EXPECT_TRUE(decimal("1e+2") == Number::integer(100));
  EXPECT_TRUE(decimal(".5") == Number::ratio(1, 2));
  EXPECT_TRUE(decimal("5.") == Number::integer(5));
  EXPECT_TRUE(decimal("0007") == Number::integer(7));
  EXPECT_TRUE(decimal("0") == Number::integer(0));
}

TEST(Number, ParseDecimalKeepsTrailingZerosExact) {
  // More digits than 64 bits hold, but only zeros after the point.
  const Number n = decimal("0.300000000000000000000000");
  EXPECT_TRUE(n.is_exact());
  EXPECT_TRUE(n == Number::ratio(3, 10));
  EXPECT_TRUE(decimal("10e-19").is_exact());
  EXPECT_TRUE(decimal("10e-19") == Number::ratio(1, 1'000'000'000'000'000'000));
}

TEST(Number, ParseDecimalFallsBackToDoubleWhenTooLarge) {
  const Number big = decimal("123456789012345678901234567890");
  EXPECT_FALSE(big.is_exact());
  EXPECT_FALSE(big.is_missing());
  EXPECT_DOUBLE_EQ(big.value(), 1.2345678901234568e29);

  const Number precise = decimal("0.1234567890123456789012");
  EXPECT_FALSE(precise.is_exact());
  EXPECT_DOUBLE_EQ(precise.value(), 0.1234567890123456789012);

  const Number huge_power = decimal("1e300");
  EXPECT_FALSE(huge_power.is_exact());
  EXPECT_DOUBLE_EQ(huge_power.value(), 1e300);

  const Number tiny = decimal("1e-400");  // below the smallest double: zero
  EXPECT_FALSE(tiny.is_exact());
  EXPECT_EQ(tiny.value(), 0.0);
}

TEST(Number, ParseDecimalRejectsWhatIsNotADecimalNumber) {
  for (const char* text : {"", ".", "abc", "1.2.3", "1e", "1e+", "0x10", "1,5", " 1", "1 ", "-1",
                           "+1", "inf", "nan", "1%", "e5"}) {
    EXPECT_FALSE(Number::parse_decimal(text).has_value()) << text;
  }
  EXPECT_FALSE(Number::parse_decimal("1e400").has_value());  // overflows a double
  EXPECT_FALSE(Number::parse_decimal("1000000000000000000000e300").has_value());
}

TEST(Number, ParseDecimalIgnoresTheLocale) {
  // A host may have set a locale whose decimal separator is a comma.
  const char* previous = std::setlocale(LC_NUMERIC, nullptr);
  const std::string saved = previous != nullptr ? previous : "C";
  // The README's test command generates this locale (package `locales`).
  ASSERT_NE(std::setlocale(LC_NUMERIC, "de_DE.UTF-8"), nullptr)
      << "the de_DE.UTF-8 locale is missing: run the README's test command, or "
         "`locale-gen de_DE.UTF-8`";
  const Number n = decimal("0.12345678901234567890123");  // takes the double fallback
  std::setlocale(LC_NUMERIC, saved.c_str());
  EXPECT_DOUBLE_EQ(n.value(), 0.12345678901234567890123);
}

TEST(Number, DivisionByZeroIsMissing) {
  EXPECT_TRUE((Number::integer(3) / Number::integer(0)).is_missing());
  EXPECT_TRUE((Number::real(3.5) / Number::real(0.0)).is_missing());
  EXPECT_TRUE((Number::integer(3) / Number::real(-0.0)).is_missing());
  EXPECT_TRUE(Number::ratio(3, 0).is_missing());
}

TEST(Number, MissingPropagates) {
  const Number m = Number::missing();
  const Number one = Number::integer(1);
  EXPECT_TRUE(m.is_missing());
  EXPECT_TRUE(Number().is_missing());
  EXPECT_TRUE((m + one).is_missing());
  EXPECT_TRUE((one - m).is_missing());
  EXPECT_TRUE((m * one).is_missing());
  EXPECT_TRUE((one / m).is_missing());
  EXPECT_TRUE((-m).is_missing());
  EXPECT_TRUE(sqrt(m).is_missing());
  EXPECT_TRUE(abs(m).is_missing());
  EXPECT_TRUE(Number::real(std::numeric_limits<double>::quiet_NaN()).is_missing());
  EXPECT_EQ(m.to_string(), "missing");
}

TEST(Number, MissingComparesWithNothing) {
  const Number m = Number::missing();
  const Number one = Number::integer(1);
  EXPECT_EQ(m <=> one, std::partial_ordering::unordered);
  EXPECT_FALSE(m == m);
  EXPECT_FALSE(m == one);
  EXPECT_FALSE(m < one);
  EXPECT_FALSE(m >= one);
  EXPECT_TRUE(m != one);
}

TEST(Number, ExactComparisonsAreExact) {
  // 1/3 and the nearest double differ; two exact values are compared exactly.
  const Number third = Number::ratio(1, 3);
  EXPECT_TRUE(third < Number::ratio(333'333'333'333'333'334, 1'000'000'000'000'000'000));
  EXPECT_TRUE(third > Number::ratio(333'333'333'333'333'333, 1'000'000'000'000'000'000));
  EXPECT_TRUE(Number::ratio(2, 6) == third);
  EXPECT_TRUE(Number::ratio(-1, 2) < Number::ratio(-1, 3));
  // An exact and an inexact number compare as doubles.
  EXPECT_TRUE(Number::ratio(1, 10) == Number::real(0.1));
  EXPECT_TRUE(Number::integer(2) < Number::real(2.000001));
}

TEST(Number, ArithmeticStaysExact) {
  const Number a = Number::ratio(1, 10);
  const Number b = Number::ratio(2, 10);
  const Number sum = a + b;
  EXPECT_TRUE(sum.is_exact());
  EXPECT_TRUE(sum == Number::ratio(3, 10));  // 0.1 + 0.2 != 0.3 in doubles
  EXPECT_TRUE((b - a) == a);
  EXPECT_TRUE((a * b) == Number::ratio(1, 50));
  EXPECT_TRUE((a / b) == Number::ratio(1, 2));
  EXPECT_TRUE((-a) == Number::ratio(-1, 10));
  EXPECT_TRUE(abs(Number::ratio(-7, 6)) == Number::ratio(7, 6));
}

TEST(Number, InexactOperandMakesAnInexactResult) {
  const Number r = Number::ratio(1, 2) + Number::real(0.25);
  EXPECT_FALSE(r.is_exact());
  EXPECT_DOUBLE_EQ(r.value(), 0.75);
}

TEST(Number, OverflowFallsBackToDouble) {
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const Number product = Number::integer(big) * Number::integer(4);
  EXPECT_FALSE(product.is_exact());
  EXPECT_DOUBLE_EQ(product.value(), 4.0 * static_cast<double>(big));
  // A large intermediate that cancels stays exact.
  const Number back = (Number::integer(big) * Number::integer(4)) / Number::integer(4);
  EXPECT_FALSE(back.is_exact());  // the product already left the rationals
  const Number cancels = Number::ratio(big, 3) * Number::ratio(3, big);
  EXPECT_TRUE(cancels == Number::integer(1));
  EXPECT_TRUE(cancels.is_exact());
}

TEST(Number, ExtremeIntegersDoNotOverflow) {
  const std::int64_t lowest = std::numeric_limits<std::int64_t>::min();
  const Number n = Number::integer(lowest);
  EXPECT_FALSE(n.is_missing());
  EXPECT_DOUBLE_EQ((-n).value(), 9.2233720368547758e18);
  const Number r = Number::ratio(1, lowest);
  EXPECT_FALSE(r.is_missing());
  EXPECT_DOUBLE_EQ(r.value(), -1.0 / 9.2233720368547758e18);
  EXPECT_TRUE(Number::ratio(2, lowest) == Number::ratio(-1, std::int64_t{1} << 62));
}

TEST(Number, SqrtIsExactForPerfectSquares) {
  const Number root = sqrt(Number::ratio(9, 4));
  EXPECT_TRUE(root.is_exact());
  EXPECT_TRUE(root == Number::ratio(3, 2));
  EXPECT_TRUE(sqrt(Number::integer(0)) == Number::integer(0));
  const Number two = sqrt(Number::integer(2));
  EXPECT_FALSE(two.is_exact());
  EXPECT_DOUBLE_EQ(two.value(), 1.4142135623730951);
  EXPECT_TRUE(sqrt(Number::integer(-1)).is_missing());
  const Number large = sqrt(Number::integer(3'037'000'499LL * 3'037'000'499LL));
  EXPECT_TRUE(large.is_exact());
  EXPECT_EQ(large.numerator(), 3'037'000'499LL);
}

TEST(Number, ToStringIsTheShortestRoundTrip) {
  EXPECT_EQ(Number::ratio(1, 10).to_string(), "0.1");
  EXPECT_EQ(Number::integer(75).to_string(), "75");
  EXPECT_EQ(Number::ratio(17, 23).to_string(), "0.7391304347826086");
  EXPECT_EQ(Number::real(1.5).to_string(), "1.5");
}

}  // namespace
}  // namespace tholos::stdlib
