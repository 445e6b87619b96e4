// Counting every heap allocation of the process: the benchmarks replace the
// global operator new (alloc_counter.cpp), so allocations made inside the
// library count too, and report how many a step makes in steady state.
#pragma once

#include <cstdint>

namespace tholos::bench {

// Allocations (calls of any operator new) on this thread since it started.
std::uint64_t allocation_count();

}  // namespace tholos::bench
