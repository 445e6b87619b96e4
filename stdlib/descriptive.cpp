#include "stdlib/descriptive.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <vector>

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

// Sums of the ratings and of their squares, measured from `low`: moments are
// shift-invariant, and small offsets keep the products far from overflow.
struct ShiftedSums {
  Wide n = 0;
  Wide sum = 0;
  Wide sum_of_squares = 0;
};

ShiftedSums shifted_sums(const Histogram& ratings) {
  ShiftedSums s;
  for (std::size_t i = 0; i < ratings.counts.size(); ++i) {
    const Wide c = ratings.counts[i];
    const Wide offset = static_cast<Wide>(i);
    s.n += c;
    s.sum += c * offset;
    s.sum_of_squares += c * offset * offset;
  }
  return s;
}

// The median of a histogram, doubled: a whole number even when the median
// falls between two ratings. Requires a non-empty histogram.
std::int64_t twice_median(const Histogram& ratings) {
  const std::uint64_t n = ratings.total;
  const std::uint64_t middle = (n + 1) / 2;
  const std::int64_t lower = ratings.order_statistic(middle);
  const std::int64_t upper = n % 2 == 1 ? lower : ratings.order_statistic(middle + 1);
  return lower + upper;
}

}  // namespace

Number count(const Histogram& ratings) {
  return Number::integer(ratings.total);
}

Number count(const Tally& tally) {
  return Number::integer(tally.trues);
}

Number share(const Tally& tally) {
  return Number::ratio(tally.trues, tally.total);
}

Number share(const Tally& tally, const Number& denominator) {
  return Number::integer(tally.trues) / denominator;  // 0 or missing: missing
}

Number mean(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  const ShiftedSums s = shifted_sums(ratings);
  return Number::integer(ratings.low) + Number::fraction(s.sum, s.n);
}

Number var(const Histogram& ratings) {
  if (ratings.total < 2) return Number::missing();
  // sum((x - mean)^2) / (n - 1) = (n * sum(x^2) - sum(x)^2) / (n (n - 1)),
  // exact in integers.
  const ShiftedSums s = shifted_sums(ratings);
  return Number::fraction(s.n * s.sum_of_squares - s.sum * s.sum, s.n * (s.n - 1));
}

Number sd(const Histogram& ratings) {
  return sqrt(var(ratings));
}

Number cv(const Histogram& ratings) {
  return sd(ratings) / mean(ratings);
}

Number median(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  return Number::ratio(twice_median(ratings), 2);
}

Number mad_normal_constant() {
  return Number::ratio(7413, 5000);
}

Number mad_raw(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  // With m = median, the doubled deviations |2x - 2m| are whole numbers from
  // 0 to twice the scale's length. Their median is twice the MAD, and
  // twice_median() doubles it once more: hence the 4.
  const std::int64_t m2 = twice_median(ratings);
  // On the stack for the usual short scales: evaluating a statement
  // allocates nothing.
  constexpr std::size_t kOnStack = 64;
  const std::size_t size = 2 * ratings.counts.size() + 1;
  std::array<std::uint32_t, kOnStack> small{};
  std::vector<std::uint32_t> large(size > kOnStack ? size : 0, 0);
  const std::span<std::uint32_t> deviations = size > kOnStack
                                                  ? std::span<std::uint32_t>(large)
                                                  : std::span<std::uint32_t>(small.data(), size);
  for (std::size_t i = 0; i < ratings.counts.size(); ++i) {
    const std::int64_t x2 =
        2 * (static_cast<std::int64_t>(ratings.low) + static_cast<std::int64_t>(i));
    const std::int64_t distance = x2 > m2 ? x2 - m2 : m2 - x2;
    deviations[static_cast<std::size_t>(distance)] += ratings.counts[i];
  }
  const Histogram doubled{0, deviations, ratings.total};
  return Number::ratio(twice_median(doubled), 4);
}

Number mad(const Histogram& ratings, const Number& constant) {
  return constant * mad_raw(ratings);
}

Number mad(const Histogram& ratings) {
  return mad(ratings, mad_normal_constant());
}

Number mode(const Histogram& ratings) {
  // The one most frequent rating, without listing the tied ones.
  std::uint32_t highest = 0;
  std::size_t at = 0, tied = 0;
  for (std::size_t i = 0; i < ratings.counts.size(); ++i) {
    const std::uint32_t c = ratings.counts[i];
    if (c == 0 || c < highest) continue;
    if (c > highest) {
      highest = c;
      at = i;
      tied = 0;
    }
    ++tied;
  }
  if (tied != 1) return Number::missing();
  return Number::integer(ratings.low + static_cast<std::int32_t>(at));
}

Number min(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  return Number::integer(ratings.order_statistic(1));
}

Number max(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  return Number::integer(ratings.order_statistic(ratings.total));
}

Number range(const Histogram& ratings) {
  return max(ratings) - min(ratings);
}

}  // namespace tholos::stdlib
