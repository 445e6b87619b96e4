// Writes a large synthetic Delphi study in Tholos' CSV layout (see
// study_generator.hpp for what is in it):
//
//   tholos_bench_generate --size 1000x300x3 --out DIR [--seed N]
//
// ITEMS x PANELISTS x ROUNDS; the same arguments always write the same bytes.
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "bench/study_generator.hpp"

int main(int argc, char** argv) {
  std::optional<tholos::bench::StudySize> size = tholos::bench::StudySize{};
  std::uint64_t seed = tholos::bench::kDefaultSeed;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--size") {
      size = tholos::bench::parse_size(value);
    } else if (flag == "--seed") {
      seed = std::strtoull(value, nullptr, 10);
    } else if (flag == "--out") {
      out = value;
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (out.empty() || !size) {
    std::fprintf(stderr,
                 "usage: %s --size ITEMSxPANELISTSxROUNDS --out DIR [--seed N]\n"
                 "  e.g. --size 1000x300x3 (rounds 1 to 9)\n",
                 argv[0]);
    return 2;
  }
  try {
    tholos::bench::write_study(out, *size, seed);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "tholos_bench_generate: %s\n", e.what());
    return 1;
  }
  return 0;
}
