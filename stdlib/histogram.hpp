// Histogram: the ratings of one statement (or one group, one criterion) as
// counts per scale point. Ratings are whole numbers on a short scale, so one
// pass over the ratings builds it and every descriptive statistic (shares,
// mean, variance, median, any quantile, mode) then follows in time
// proportional to the scale's length, exactly, with no sorting.
#pragma once

#include <cstdint>
#include <span>

namespace tholos::stdlib {

struct Histogram {
  std::int32_t low = 0;                   // the scale point counts[0] stands for
  std::span<const std::uint32_t> counts;  // counts[i]: ratings equal to low + i
  std::uint32_t total = 0;                // sum of counts

  std::int32_t high() const { return low + static_cast<std::int32_t>(counts.size()) - 1; }
  bool empty() const { return total == 0; }
  // The k-th smallest rating, k in [1, total].
  std::int32_t order_statistic(std::uint64_t k) const {
    std::uint64_t seen = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
      seen += counts[i];
      if (seen >= k) return low + static_cast<std::int32_t>(i);
    }
    return high();
  }
};

// The true/false tallies of a per-respondent condition (`rating in agree`),
// or of a condition over the statements of a round.
struct Tally {
  std::uint32_t trues = 0;
  std::uint32_t total = 0;  // elements, true or false
};

}  // namespace tholos::stdlib
