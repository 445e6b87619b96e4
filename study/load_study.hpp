// Loading a study from its CSV files (see docs and DESIGN.md, "Data in"):
//
//   panel.csv        panelist, then any attribute columns (group, ...)
//   items.csv        item, then any attribute columns (text, domain, ...)
//   ratings.csv      round, panelist, item, rating, and optionally criterion
//   invitations.csv  round, panelist (optional: without it, every panelist
//                    counts as invited to every round)
//
// Columns are found by their header name, in any order; names match
// exactly. Every row is either used or reported: each problem is a
// diagnostic naming the file, line and column, and loading produces no
// study when there was any error (all of them are reported, up to the cap
// of the DiagnosticList).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/diagnostics.hpp"
#include "study/parallel_answers.hpp"
#include "study/study_data.hpp"

namespace tholos::study {

struct StudyPaths {
  std::string panel;
  std::string items;
  std::string ratings;
  std::optional<std::string> invitations;
};

// The files of the study in folder `dir`; invitations.csv only if it exists.
StudyPaths study_paths(const std::string& dir);

struct LoadOptions {
  // More answer rows than this is an error (a host's limit).
  std::size_t max_answers = SIZE_MAX;
  // Threads that read a large ratings.csv (parallel_answers.hpp); 1 reads
  // every file on the calling thread. The study and the diagnostics are
  // the same either way.
  unsigned threads = 2;
  // How large a ratings.csv is read in parallel, after how many rows read
  // one at a time (which size the answers' arrays), and in chunks of what
  // size. (Tests make them small to reach every case with small files.)
  std::size_t parallel_min_bytes = kParallelMinBytes;
  std::uint32_t sequential_rows = 4096;
  std::size_t chunk_bytes = ParallelOptions{}.chunk_bytes;
};

std::optional<StudyData> load_study_files(const StudyPaths& paths, DiagnosticList& diagnostics,
                                          const LoadOptions& options = {});
inline std::optional<StudyData> load_study_files(const StudyPaths& paths,
                                                 DiagnosticList& diagnostics,
                                                 std::size_t max_answers) {
  return load_study_files(paths, diagnostics, LoadOptions{.max_answers = max_answers});
}

// load_study_files(study_paths(dir), diagnostics, options).
std::optional<StudyData> load_study_directory(const std::string& dir, DiagnosticList& diagnostics,
                                              const LoadOptions& options = {});
inline std::optional<StudyData> load_study_directory(const std::string& dir,
                                                     DiagnosticList& diagnostics,
                                                     std::size_t max_answers) {
  return load_study_directory(dir, diagnostics, LoadOptions{.max_answers = max_answers});
}

}  // namespace tholos::study
