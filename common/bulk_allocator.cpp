#include "common/bulk_allocator.hpp"

#include <array>
#include <cstdint>
#include <mutex>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define THOLOS_BULK_MMAP 1
#endif

namespace tholos::bulk {

namespace {

std::size_t whole_pages(std::size_t bytes) {
  if (bytes > std::size_t(-1) - kLargePageBytes) throw std::bad_alloc();
  return (bytes + kLargePageBytes - 1) & ~(kLargePageBytes - 1);
}

}  // namespace

#if defined(THOLOS_BULK_MMAP)

namespace {

// Freed blocks kept for the next array of about their size, so that
// evaluating a study again and again (a sensitivity analysis, a bootstrap)
// writes into memory that is already mapped instead of taking page faults
// and clearing fresh pages each time; loading a study hands the grid's
// memory on to the ratings bound to the rules the same way. At most
// kCachedBlocks blocks and kCachedBytes bytes are kept.
constexpr std::size_t kCachedBlocks = 8;
constexpr std::size_t kCachedBytes = std::size_t{64} << 20;

struct Block {
  void* data = nullptr;
  std::size_t size = 0;  // whole large pages
};

class BlockCache {
 public:
  // A kept block of at least `size` bytes and at most twice as many (the
  // smallest such), or none.
  Block take(std::size_t size) {
    const std::lock_guard lock(mutex_);
    std::size_t best = count_;
    for (std::size_t i = 0; i < count_; ++i) {
      if (blocks_[i].size >= size && blocks_[i].size / 2 <= size &&
          (best == count_ || blocks_[i].size < blocks_[best].size))
        best = i;
    }
    if (best == count_) return {};
    const Block block = blocks_[best];
    blocks_[best] = blocks_[--count_];
    bytes_ -= block.size;
    return block;
  }
  // Keeps `block`, or returns false when there is no room for it.
  bool keep(Block block) {
    const std::lock_guard lock(mutex_);
    if (count_ == kCachedBlocks || bytes_ + block.size > kCachedBytes) return false;
    blocks_[count_++] = block;
    bytes_ += block.size;
    return true;
  }

 private:
  std::mutex mutex_;
  std::array<Block, kCachedBlocks> blocks_{};
  std::size_t count_ = 0;
  std::size_t bytes_ = 0;
};

BlockCache& cache() {
  // Never destroyed: arrays may be freed by other objects' destructors at exit.
  static BlockCache* const blocks = new BlockCache;
  return *blocks;
}

}  // namespace

void* allocate(std::size_t bytes) {
  const std::size_t size = whole_pages(bytes);
  if (const Block kept = cache().take(size); kept.data != nullptr) {
    // Pages past the array go back; what is handed out is exactly `size`.
    if (kept.size > size) munmap(static_cast<char*>(kept.data) + size, kept.size - size);
    return kept.data;
  }
  // mmap aligns to 4 KiB only: map one large page more, then unmap what
  // lies before the first aligned address and after the array.
  const std::size_t mapped = size + kLargePageBytes;
  void* const area =
      mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED) throw std::bad_alloc();
  const auto begin = reinterpret_cast<std::uintptr_t>(area);
  const std::uintptr_t aligned = (begin + kLargePageBytes - 1) & ~(kLargePageBytes - 1);
  if (aligned > begin) munmap(area, aligned - begin);
  const std::uintptr_t end = begin + mapped;
  if (end > aligned + size) munmap(reinterpret_cast<void*>(aligned + size), end - (aligned + size));
#if defined(MADV_HUGEPAGE)
  // Only advice: where it is refused (huge pages "never"), the memory works
  // the same in 4 KiB pages.
  madvise(reinterpret_cast<void*>(aligned), size, MADV_HUGEPAGE);
#endif
  return reinterpret_cast<void*>(aligned);
}

void deallocate(void* data, std::size_t bytes) noexcept {
  const std::size_t size = whole_pages(bytes);
  if (!cache().keep({data, size})) munmap(data, size);
}

#else

void* allocate(std::size_t bytes) {
  return ::operator new (whole_pages(bytes), std::align_val_t{kLargePageBytes});
}

void deallocate(void* data, std::size_t) noexcept {
  ::operator delete (data, std::align_val_t{kLargePageBytes});
}

#endif

}  // namespace tholos::bulk
