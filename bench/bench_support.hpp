// What the benchmark executables share: the study they run on, files of the
// source tree, and a failure flag their main() turns into the exit status.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "bench/study_generator.hpp"

namespace tholos::bench {

// The generated study the benchmarks read: THOLOS_BENCH_SIZE (default
// 1000x300x3, items x panelists x rounds), under THOLOS_BENCH_DATA (default
// the build tree's bench-data/), written there first if absent.
inline StudySize study_size() {
  const char* text = std::getenv("THOLOS_BENCH_SIZE");
  if (text == nullptr || *text == 0) return StudySize{};
  if (auto size = parse_size(text)) return *size;
  throw std::runtime_error(std::string("THOLOS_BENCH_SIZE: expected ITEMSxPANELISTSxROUNDS, got ") +
                           text);
}

inline std::filesystem::path study_dir() {
  const char* root = std::getenv("THOLOS_BENCH_DATA");
  return ensure_study(root != nullptr && *root != 0 ? root : THOLOS_BENCH_DATA_DIR, study_size());
}

inline std::string source_path(const std::string& relative) {
  return std::string(THOLOS_SOURCE_DIR) + "/" + relative;
}

inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Set when a benchmark finds something wrong (a failed compile, an
// allocation in steady state); main() then exits with 1, so that the smoke
// tests fail.
inline bool& failed() {
  static bool value = false;
  return value;
}

inline void fail(benchmark::State& state, const std::string& message) {
  failed() = true;
  state.SkipWithError(message.c_str());
}

}  // namespace tholos::bench

// main(): Google Benchmark's, returning 1 when a benchmark failed.
#define THOLOS_BENCHMARK_MAIN()                                       \
  int main(int argc, char** argv) {                                   \
    benchmark::Initialize(&argc, argv);                               \
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2; \
    benchmark::RunSpecifiedBenchmarks();                              \
    benchmark::Shutdown();                                            \
    return tholos::bench::failed() ? 1 : 0;                           \
  }
