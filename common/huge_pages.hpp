// Asking the kernel for large (2 MiB) pages for a large array that is
// filled once. Each page fault costs microseconds (about 18 on a virtual
// machine), and an array of tens of megabytes takes thousands of them in
// 4 KiB pages; where transparent huge pages are enabled for memory that
// asks (Linux, "madvise"), it takes a few.
#pragma once

#include <cstddef>
#include <vector>

namespace tholos {

// Advises large pages for the whole 2 MiB blocks inside [data, data +
// bytes); does nothing for less than a few blocks, or where unsupported.
void advise_huge_pages(const void* data, std::size_t bytes);

// The same for a vector's reserved capacity.
template <typename T>
void advise_huge_pages(const std::vector<T>& values) {
  advise_huge_pages(values.data(), values.capacity() * sizeof(T));
}

}  // namespace tholos
