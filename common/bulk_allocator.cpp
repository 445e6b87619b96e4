#include "common/bulk_allocator.hpp"

#include <cstdint>

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

void* allocate(std::size_t bytes) {
  const std::size_t size = whole_pages(bytes);
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
  munmap(data, whole_pages(bytes));
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
