// Test helper: a rating vector held as the histogram the statistics take.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "stdlib/histogram.hpp"

namespace tholos::stdlib::testing {

class Ratings {
 public:
  // Ratings on the scale low..high.
  Ratings(std::int32_t low, std::int32_t high, std::initializer_list<std::int32_t> values)
      : low_(low), counts_(static_cast<std::size_t>(high - low + 1), 0) {
    for (const std::int32_t v : values)
      add(v);
  }
  // Counts per scale point from low.
  Ratings(std::int32_t low, std::vector<std::uint32_t> counts)
      : low_(low), counts_(std::move(counts)) {
    for (const std::uint32_t c : counts_)
      total_ += c;
  }

  void add(std::int32_t value, std::uint32_t times = 1) {
    counts_.at(static_cast<std::size_t>(value - low_)) += times;
    total_ += times;
  }
  Histogram histogram() const { return Histogram{low_, counts_, total_}; }
  operator Histogram() const { return histogram(); }  // NOLINT: reads well in tests

 private:
  std::int32_t low_;
  std::vector<std::uint32_t> counts_;
  std::uint32_t total_ = 0;
};

}  // namespace tholos::stdlib::testing
