// A generator of large synthetic Delphi studies in Tholos' CSV layout, for
// the benchmarks (see generate_study.cpp for the command-line tool).
//
// ratings.csv (round,panelist,item,rating), panel.csv (panelist,group) and
// items.csv (item,text). Every statement is rated by every panelist in every
// round on the GRADE 1..9 scale; 3% of the answers are the code "UTS" (unable
// to score) and 2% are blank (shown, not answered). Panelists are in three
// groups (patient 40%, clinician 35%, researcher 25%). Each statement has a
// centre that drifts towards its nearer end from round to round, and each
// group its own offset, so the 70/15 rule gives a mix of "in", "out" and
// "none", and some statements pass pooled but fail in one group.
//
// The output depends only on the size and the seed: random numbers come from
// SplitMix64 and integer arithmetic, so the same call writes the same bytes
// on every machine.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tholos::bench {

struct StudySize {
  std::uint32_t items = 1000;
  std::uint32_t panelists = 300;
  std::uint32_t rounds = 3;

  // "1000x300x3" (items x panelists x rounds).
  std::string name() const;
  std::uint64_t answers() const { return std::uint64_t{items} * panelists * rounds; }
};

inline constexpr std::uint64_t kDefaultSeed = 20240601;

// Parses "ITEMSxPANELISTSxROUNDS"; empty when malformed (rounds 1..9).
std::optional<StudySize> parse_size(std::string_view text);

// Writes the study's three files into `dir` (created if needed).
void write_study(const std::filesystem::path& dir, const StudySize& size,
                 std::uint64_t seed = kDefaultSeed);

// The folder of a generated study of this size under `root` (root/NAME),
// written first unless its ratings.csv exists.
std::filesystem::path ensure_study(const std::filesystem::path& root, const StudySize& size);

}  // namespace tholos::bench
