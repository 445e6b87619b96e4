#include "common/spelling.hpp"

#include <gtest/gtest.h>

namespace tholos {
namespace {

TEST(Spelling, EditDistanceCountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("share", "share"), 0);
  EXPECT_EQ(edit_distance("shar", "share"), 1);
  EXPECT_EQ(edit_distance("sahre", "share"), 1);  // adjacent swap
  EXPECT_EQ(edit_distance("mean", "median"), 2);
  EXPECT_EQ(edit_distance("Share", "share"), 0);  // case-insensitive
}

TEST(Spelling, SuggestsTheClosestPlausibleName) {
  const std::vector<std::string> names = {"share", "count", "median", "mean"};
  EXPECT_EQ(closest_match("shar", names), "share");
  EXPECT_EQ(closest_match("medain", names), "median");
  EXPECT_EQ(did_you_mean("cuont", names), "; did you mean 'count'?");
}

TEST(Spelling, DoesNotSuggestFarFetchedNames) {
  const std::vector<std::string> names = {"share", "count"};
  EXPECT_EQ(closest_match("xyz", names), std::nullopt);
  EXPECT_EQ(did_you_mean("agreement", names), "");
}

}  // namespace
}  // namespace tholos
