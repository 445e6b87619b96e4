#include "common/huge_pages.hpp"

#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace tholos {

void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kBlock = std::uintptr_t{2} << 20;
  if (bytes < 2 * kBlock) return;
  const auto begin = reinterpret_cast<std::uintptr_t>(data);
  const std::uintptr_t first = (begin + kBlock - 1) & ~(kBlock - 1);
  const std::uintptr_t last = (begin + bytes) & ~(kBlock - 1);
  // Only advice: where it is refused, the memory works the same.
  if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

}  // namespace tholos
