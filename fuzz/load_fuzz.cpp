// Fuzz target: any bytes as the ratings.csv of a study folder (with a fixed
// panel.csv and items.csv), loaded as `tholos eval` loads it
// (study/load_study.hpp): once one row at a time, and once with the rows
// after the first few checked on two threads in small chunks
// (study/parallel_answers.hpp), as a large file is read.
//
// The first input byte chooses the chunk size (1 to 64 bytes, so that chunk
// ends fall everywhere in rows, line ends and quoted fields), how many rows
// are read one at a time first (1 to 4) and whether the bytes follow a
// valid header; the rest is the file.
//
// Checks, besides "no crash, hang, leak or undefined behaviour": both loads
// give the same diagnostics, as rendered, and the same study, answer by
// answer with its position.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "study/load_study.hpp"

namespace {

using namespace tholos;

// A folder with the panel and the items, made once per process. The ids
// are those of tests/data/csv and of the seeds (P1.., S1..).
const std::filesystem::path& folder() {
  static const std::filesystem::path dir = [] {
    const auto path =
        std::filesystem::temp_directory_path() / ("tholos_load_fuzz_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
    std::ofstream panel(path / "panel.csv", std::ios::binary);
    panel << "panelist,group\n";
    for (int p = 1; p <= 40; ++p)
      panel << "P" << p << (p % 3 == 0 ? ",clinician\n" : ",patient\n");
    std::ofstream items(path / "items.csv", std::ios::binary);
    items << "item,text\n";
    for (int i = 1; i <= 40; ++i)
      items << "S" << i << ",Statement " << i << "\n";
    return path;
  }();
  return dir;
}

// The diagnostics and everything in the study, as text.
std::string snapshot(const study::LoadOptions& options) {
  DiagnosticList diagnostics;
  const std::optional<study::StudyData> loaded =
      study::load_study_directory(folder().string(), diagnostics, options);
  std::string out;
  for (const Diagnostic& d : diagnostics.items())
    out += d.rendered + "\n";
  if (!loaded) return out + "no study\n";
  return out + study::describe_answers(*loaded);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t control = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  {
    std::ofstream ratings(folder() / "ratings.csv", std::ios::binary | std::ios::trunc);
    if ((control & 0x80) != 0) ratings << "round,panelist,item,rating\n";
    ratings << bytes;
  }

  study::LoadOptions one_row_at_a_time;
  one_row_at_a_time.threads = 1;
  one_row_at_a_time.parallel_min_bytes = SIZE_MAX;
  study::LoadOptions in_chunks;
  in_chunks.threads = 2;
  in_chunks.parallel_min_bytes = 0;
  in_chunks.chunk_bytes = 1 + (control & 0x3F) % 64;
  in_chunks.sequential_rows = 1 + ((control >> 6) & 0x01) * 3;
  const std::string expected = snapshot(one_row_at_a_time);
  const std::string got = snapshot(in_chunks);
  if (got != expected) {
    std::fprintf(stderr, "one row at a time:\n%s\nin chunks of %zu bytes:\n%s\n", expected.c_str(),
                 in_chunks.chunk_bytes, got.c_str());
    __builtin_trap();
  }
  return 0;
}
