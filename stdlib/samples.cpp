#include "stdlib/samples.hpp"

namespace tholos::stdlib {

PairedRatings pair_by_panelist(const RatingVector& first, const RatingVector& second) {
  PairedRatings pairs;
  pairs.scale = first.scale;
  std::size_t i = 0, j = 0;
  while (i < first.size() && j < second.size()) {
    if (first.who[i] < second.who[j]) {
      ++i;
    } else if (second.who[j] < first.who[i]) {
      ++j;
    } else {
      pairs.first.push_back(first.values[i++]);
      pairs.second.push_back(second.values[j++]);
    }
  }
  return pairs;
}

}  // namespace tholos::stdlib
