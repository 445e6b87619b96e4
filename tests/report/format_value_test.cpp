// format_value: how a value looks to a person, in the table, in Markdown
// and in the REPL.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/report/sample_report.hpp"
#include "tholos/tholos.hpp"

namespace tholos {
namespace {

using namespace sample;

TEST(FormatValue, PercentagesHaveOneDecimal) {
  EXPECT_EQ(format_value(share(17, 23)), "73.9%");  // 73.913...
  EXPECT_EQ(format_value(share(1, 8)), "12.5%");
  EXPECT_EQ(format_value(percent(0.125)), "12.5%");
}

TEST(FormatValue, WholePercentagesHaveNoDecimals) {
  EXPECT_EQ(format_value(share(7, 10)), "70%");
  EXPECT_EQ(format_value(share(9, 12)), "75%");
  EXPECT_EQ(format_value(share(1, 1)), "100%");
  EXPECT_EQ(format_value(share(0, 1)), "0%");
  // Without the rational: 0.57 * 100 is 56.99999999999999 in floating point,
  // but 0.57 is the double that "57%" denotes.
  EXPECT_EQ(format_value(percent(0.57)), "57%");
  EXPECT_EQ(format_value(percent(0.7)), "70%");
}

TEST(FormatValue, RoundingNeverMakesAPercentageLookWhole) {
  // 69.96% is below a 70% threshold; "70.0%" would hide that.
  EXPECT_EQ(format_value(percent(0.6996)), "69.96%");
  EXPECT_EQ(format_value(share(6996, 10000)), "69.96%");
  EXPECT_EQ(format_value(percent(0.7496)), "74.96%");
  EXPECT_EQ(format_value(percent(0.70004)), "70.004%");
  EXPECT_EQ(format_value(share(69999, 100000)), "69.999%");
  // Near a whole percent but not rounding onto one: one decimal as usual.
  EXPECT_EQ(format_value(percent(0.7066)), "70.7%");
  EXPECT_EQ(format_value(percent(-0.0004)), "-0.04%");
  // Floating-point noise is shown rather than rounded away: compared with a
  // 30% threshold, this value is above it.
  EXPECT_EQ(format_value(percent(0.1 + 0.2)), "30.000000000000004%");
}

TEST(FormatValue, NumbersArePlainIntegersOrUpToFourDecimals) {
  EXPECT_EQ(format_value(whole(4)), "4");
  EXPECT_EQ(format_value(whole(-2)), "-2");
  EXPECT_EQ(format_value(number(1.5)), "1.5");
  EXPECT_EQ(format_value(number(43.0 / 6)), "7.1667");
  EXPECT_EQ(format_value(number(0.25)), "0.25");
  EXPECT_EQ(format_value(number(-0.0)), "0");
  EXPECT_EQ(format_value(number(123456789)), "123456789");
}

TEST(FormatValue, RoundingNeverMakesANumberLookWhole) {
  // An IQR of 1.00001 does not satisfy "spread <= 1"; "1" would say it does.
  EXPECT_EQ(format_value(number(1.00001)), "1.00001");
  EXPECT_EQ(format_value(number(0.99999)), "0.99999");
  EXPECT_EQ(format_value(number(0.00001)), "0.00001");
  EXPECT_EQ(format_value(number(-0.00002)), "-0.00002");
}

TEST(FormatValue, BooleansTextLabelsRangesAndMissing) {
  EXPECT_EQ(format_value(boolean(true)), "true");
  EXPECT_EQ(format_value(boolean(false)), "false");
  EXPECT_EQ(format_value(text("patient")), "\"patient\"");
  EXPECT_EQ(format_value(text("say \"hi\"\\\n")), "\"say \\\"hi\\\"\\\\\\n\"");
  EXPECT_EQ(format_value(label("consensus")), "consensus");
  EXPECT_EQ(format_value(range(4, 5)), "4..5");
  EXPECT_EQ(format_value(range(3.5, 6.5)), "3.5..6.5");
  EXPECT_EQ(format_value(missing()), "missing");
}

TEST(FormatValue, ShortVectorsAreShownWhole) {
  EXPECT_EQ(format_value(vector({4, 5, 5})), "[4, 5, 5]");
  EXPECT_EQ(format_value(vector({})), "[]");
  EXPECT_EQ(format_value(vector({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]");
  Value flags;
  flags.kind = ValueKind::vector;
  flags.elements = {boolean(true), boolean(false)};
  EXPECT_EQ(format_value(flags), "[true, false]");
}

TEST(FormatValue, LongVectorsAreAbbreviatedWithTheirLength) {
  std::vector<double> ratings;
  for (int i = 0; i < 34; ++i)
    ratings.push_back(i % 5 + 1);
  ratings.back() = 3;
  EXPECT_EQ(format_value(vector(ratings)), "[1, 2, 3, 4, 5, 1, 2, 3, 4, 5, ..., 3] (34 values)");
  EXPECT_EQ(format_value(vector({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13})),
            "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ..., 13] (13 values)");
}

}  // namespace
}  // namespace tholos
