// The inputs of statistics beyond one statement's histogram: ratings by
// panelist (to pair two rounds), pairs of ratings, and the statements x
// panelists ratings of a round (for reliability across statements).
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "stdlib/histogram.hpp"

namespace tholos::stdlib {

// A scale's first and last points (ratings are whole numbers in between).
struct Scale {
  std::int32_t low = 0;
  std::int32_t high = 0;
  std::int32_t points() const { return high - low + 1; }
};

// Ratings by panelist: panelist who[i] gave values[i]; sorted by panelist.
// For a per-respondent condition the values are 1 (true) and 0 (false).
struct RatingVector {
  std::span<const std::uint32_t> who;
  std::span<const std::int32_t> values;
  Scale scale;
  std::size_t size() const { return values.size(); }
};

// Ratings of the same panelists on two occasions (usually this round and
// the previous one): first[i] and second[i] are one panelist's.
struct PairedRatings {
  std::vector<std::int32_t> first;
  std::vector<std::int32_t> second;
  Scale scale;
  std::size_t size() const { return first.size(); }
};

// The panelists who rated in both vectors, with their two ratings, in
// panelist order.
PairedRatings pair_by_panelist(const RatingVector& first, const RatingVector& second);

// The ratings of a set of statements (units, rows) by the panel (raters,
// columns) in one round, row-major; kNoRating where a panelist gave no
// valid rating to a statement.
inline constexpr std::int32_t kNoRating = std::numeric_limits<std::int32_t>::min();

struct RatingMatrix {
  std::uint32_t units = 0;
  std::uint32_t raters = 0;
  std::span<const std::int32_t> values;
  Scale scale;
  std::int32_t at(std::uint32_t unit, std::uint32_t rater) const {
    return values[static_cast<std::size_t>(unit) * raters + rater];
  }
};

}  // namespace tholos::stdlib
