// Memory for the large arrays that hold a study's answers while it is
// loaded and bound (the answers, the grid they are placed in, the ratings
// laid out for a program). Such an array is written once, front to back,
// and its first writes are page faults: about 11 us each on the benchmark
// machine (a virtual machine), so 1,700 of them for a 7 MB array in 4 KiB
// pages, most of the time of loading a study. An array of at least
// kMinBulkBytes gets memory of its own, aligned to and sized in 2 MiB
// blocks and advised to use 2 MiB pages (Linux transparent huge pages, in
// the default "madvise" or in "always" mode): four faults for the same
// array. A freed block is kept for the next array of about its size (see
// bulk_allocator.cpp), so repeated evaluations reuse mapped pages. Smaller
// arrays, and every array in sanitizer builds (whose checks cover only the
// ordinary heap), use the ordinary allocator.
#pragma once

#include <cstddef>
#include <memory>
#include <new>
#include <type_traits>
#include <utility>
#include <vector>

namespace tholos {

// Large pages are 2 MiB on x86-64 and on most arm64 kernels.
inline constexpr std::size_t kLargePageBytes = std::size_t{2} << 20;
// Smaller arrays would leave most of a large page unused. (A study's
// answer kinds take a byte each: 512 KiB is half a million answers.)
inline constexpr std::size_t kMinBulkBytes = std::size_t{512} << 10;

// Whether large arrays get memory of their own in this build: not under
// AddressSanitizer, ThreadSanitizer or MemorySanitizer.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kBulkMemory = false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) || \
    __has_feature(memory_sanitizer)
inline constexpr bool kBulkMemory = false;
#else
inline constexpr bool kBulkMemory = true;
#endif
#else
inline constexpr bool kBulkMemory = true;
#endif

namespace bulk {
// `bytes` (at least kMinBulkBytes) rounded up to whole large pages, aligned
// to one; throws std::bad_alloc.
void* allocate(std::size_t bytes);
void deallocate(void* data, std::size_t bytes) noexcept;
}  // namespace bulk

// How a vector's resize() makes new trivial elements: zeroed (value), as
// std::allocator does, or left as they are (none), for arrays that are
// written right after they are sized.
enum class BulkInit { value, none };

template <typename T, BulkInit kInit = BulkInit::value>
struct BulkAllocator {
  using value_type = T;
  template <typename U>
  struct rebind {
    using other = BulkAllocator<U, kInit>;
  };

  BulkAllocator() = default;
  template <typename U>
  BulkAllocator(const BulkAllocator<U, kInit>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > std::size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    if (bulk_sized(n)) return static_cast<T*>(bulk::allocate(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* data, std::size_t n) noexcept {
    if (bulk_sized(n)) {
      bulk::deallocate(data, n * sizeof(T));
    } else {
      std::allocator<T>().deallocate(data, n);
    }
  }

  template <typename U>
  requires(kInit == BulkInit::none) void construct(U* p) noexcept(
      std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <typename U>
  bool operator==(const BulkAllocator<U, kInit>&) const noexcept {
    return true;
  }

 private:
  static bool bulk_sized(std::size_t n) { return kBulkMemory && n * sizeof(T) >= kMinBulkBytes; }
};

// A vector of large, write-once data (see above).
template <typename T, BulkInit kInit = BulkInit::value>
using BulkVector = std::vector<T, BulkAllocator<T, kInit>>;

}  // namespace tholos
