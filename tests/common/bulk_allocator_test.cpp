// BulkAllocator: large arrays in memory of their own, aligned to 2 MiB
// (so that transparent huge pages can back them), small ones on the heap,
// and the same vector behaviour either way.
#include "common/bulk_allocator.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>

namespace tholos {
namespace {

bool aligned_to_large_page(const void* data) {
  return reinterpret_cast<std::uintptr_t>(data) % kLargePageBytes == 0;
}

TEST(BulkAllocator, LargeArraysStartOnALargePageBoundary) {
  if (!kBulkMemory) GTEST_SKIP() << "sanitizer build: every array uses the ordinary heap";
  // Just at the threshold, and well past it (not a whole number of pages).
  BulkVector<std::uint8_t> at(kMinBulkBytes);
  BulkVector<double> past(3 * kLargePageBytes / sizeof(double) + 17);
  EXPECT_TRUE(aligned_to_large_page(at.data()));
  EXPECT_TRUE(aligned_to_large_page(past.data()));
}

TEST(BulkAllocator, FreedMemoryIsReusedForTheNextArrayOfAboutItsSize) {
  if (!kBulkMemory) GTEST_SKIP() << "sanitizer build: every array uses the ordinary heap";
  // Evaluating a study again binds arrays of the same sizes: they should
  // land in the memory the last evaluation freed, already mapped.
  const void* first = nullptr;
  {
    BulkVector<std::uint32_t> values(3 * kLargePageBytes / sizeof(std::uint32_t), 5);
    first = values.data();
  }
  BulkVector<std::uint32_t> again(3 * kLargePageBytes / sizeof(std::uint32_t));
  EXPECT_EQ(again.data(), first);
  EXPECT_EQ(again.front(), 0u);  // value-initialized, not what was there
  EXPECT_EQ(again.back(), 0u);
  // A block twice as large as asked for serves too (its tail is returned).
  const void* larger = nullptr;
  {
    BulkVector<std::uint8_t> values(4 * kLargePageBytes);
    larger = values.data();
  }
  BulkVector<std::uint8_t> half(2 * kLargePageBytes);
  EXPECT_EQ(half.data(), larger);
  half.back() = 1;  // the kept part is still mapped
  EXPECT_EQ(half.back(), 1);
}

TEST(BulkAllocator, SmallArraysUseTheHeap) {
  // A small array in memory of its own would take a whole large page. The
  // heap hands out 16-byte aligned blocks; of several, at most one could
  // land on a 2 MiB boundary by chance.
  int aligned = 0;
  std::vector<BulkVector<std::uint32_t>> small;
  for (int i = 0; i < 4; ++i) {
    small.emplace_back(1000);
    aligned += aligned_to_large_page(small.back().data()) ? 1 : 0;
  }
  EXPECT_LE(aligned, 1);
}

TEST(BulkAllocator, ValueInitializedElementsAreZeroEvenInReusedCapacity) {
  BulkVector<std::uint32_t> values(kMinBulkBytes);  // 2 MiB of elements
  std::iota(values.begin(), values.end(), 1u);
  values.resize(10);
  values.resize(kMinBulkBytes);  // the capacity is reused, not fresh memory
  EXPECT_EQ(values[9], 10u);
  EXPECT_EQ(values[10], 0u);
  EXPECT_EQ(values.back(), 0u);
}

TEST(BulkAllocator, GrowingAcrossTheThresholdKeepsTheElements) {
  BulkVector<std::uint64_t> values;
  const std::size_t count = 4 * kMinBulkBytes / sizeof(std::uint64_t);
  for (std::uint64_t i = 0; i < count; ++i)
    values.push_back(i * 3);
  for (std::uint64_t i = 0; i < count; i += 4099)
    ASSERT_EQ(values[i], i * 3);
  EXPECT_EQ(values.back(), (count - 1) * 3);
  // Moving and copying work across allocator instances.
  BulkVector<std::uint64_t> copy = values;
  BulkVector<std::uint64_t> moved = std::move(values);
  EXPECT_EQ(copy, moved);
  copy.clear();
  copy.shrink_to_fit();
  EXPECT_EQ(copy.capacity(), 0u);
}

TEST(BulkAllocator, UninitializedVariantKeepsWhatIsWritten) {
  // BulkInit::none only skips clearing new elements on resize(); elements
  // written, copied or given a value behave as in any vector.
  BulkVector<std::int32_t, BulkInit::none> values(kMinBulkBytes);
  for (std::size_t i = 0; i < values.size(); ++i)
    values[i] = -static_cast<std::int32_t>(i);
  values.resize(values.size() + 1, 7);
  EXPECT_EQ(values[1000], -1000);
  EXPECT_EQ(values.back(), 7);
  const BulkVector<std::int32_t, BulkInit::none> copy = values;
  EXPECT_EQ(copy, values);
}

TEST(BulkAllocator, ImpossibleSizesThrowBadAlloc) {
  BulkAllocator<double> allocator;
  EXPECT_THROW((void)allocator.allocate(std::size_t(-1) / 4), std::bad_alloc);
  EXPECT_THROW((void)bulk::allocate(std::size_t(-1) - 100), std::bad_alloc);
}

}  // namespace
}  // namespace tholos
