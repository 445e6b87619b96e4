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

// More than `max_answers` answer rows is an error (a host's limit).
std::optional<StudyData> load_study_files(const StudyPaths& paths, DiagnosticList& diagnostics,
                                          std::size_t max_answers = SIZE_MAX);

// load_study_files(study_paths(dir), diagnostics, max_answers).
std::optional<StudyData> load_study_directory(const std::string& dir, DiagnosticList& diagnostics,
                                              std::size_t max_answers = SIZE_MAX);

}  // namespace tholos::study
