// A study bound to a program: its answers judged against the program's
// scales and codes, and laid out for evaluation. Valid ratings of each cell
// (statement x criterion x round) are whole numbers sorted by panelist, so a
// statement's rating vector is a view into these arrays, never a copy.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "common/bulk_allocator.hpp"
#include "common/diagnostics.hpp"
#include "interpreter/program.hpp"
#include "study/study_data.hpp"
#include "tholos/tholos.hpp"

namespace tholos::interp {

// A set of panelists, one bit each.
class PanelMask {
 public:
  PanelMask() = default;
  explicit PanelMask(std::size_t size, bool all = false);
  bool test(std::uint32_t panelist) const { return (words_[panelist >> 6] >> (panelist & 63)) & 1; }
  void set(std::uint32_t panelist) { words_[panelist >> 6] |= std::uint64_t{1} << (panelist & 63); }
  std::uint32_t count() const;
  PanelMask operator&(const PanelMask& other) const;
  bool operator==(const PanelMask& other) const { return words_ == other.words_; }
  std::size_t size() const { return size_; }

 private:
  std::vector<std::uint64_t> words_;
  std::size_t size_ = 0;
};

struct BoundStudy {
  std::shared_ptr<const study::StudyData> data;
  int rounds = 0;
  std::uint32_t panel_size = 0;
  std::uint32_t item_count = 0;
  std::uint32_t criterion_count = 1;  // the program's criteria (1 without)

  // Valid ratings of cell c = ((round - 1) * items + item) * criteria + criterion,
  // with the program's criterion numbering: [rating_begin[c], rating_begin[c + 1]).
  std::vector<std::uint32_t> rating_begin;
  // (Sized to the answers and written in one pass when binding, so their
  // elements start uninitialized rather than zeroed.)
  BulkVector<std::uint32_t, BulkInit::none> rating_panelist;
  BulkVector<std::int32_t, BulkInit::none> rating_value;

  std::vector<std::uint8_t> presented;  // [(round - 1) * items + item]
  std::vector<std::vector<std::uint32_t>>
      statements;                    // per round: items presented, in items.csv order
  std::vector<PanelMask> invited;    // per round
  std::vector<PanelMask> responded;  // per round: gave at least one non-blank answer

  // Groups (from the program's `groups from panel.X`), in order of first
  // appearance in panel.csv; group_of[panelist] is an index or kNoGroup.
  static constexpr std::uint32_t kNoGroup = UINT32_MAX;
  std::vector<std::string> groups;
  std::vector<std::uint32_t> group_of;

  // Data columns behind the program's panel.X and item.X, by the program's
  // column numbering.
  std::vector<std::uint32_t> panel_column;
  std::vector<std::uint32_t> item_column;

  std::vector<FileUsage> usage;

  std::size_t cell(int round, std::uint32_t item, std::uint32_t criterion) const {
    return (static_cast<std::size_t>(round - 1) * item_count + item) * criterion_count + criterion;
  }
  bool is_presented(int round, std::uint32_t item) const {
    return round >= 1 && round <= rounds &&
           presented[static_cast<std::size_t>(round - 1) * item_count + item] != 0;
  }
  const std::string& item_id(std::uint32_t item) const { return data->items.ids[item]; }
};

// Judges every answer against the program (whole numbers on the scale, or
// a declared code, or blank), checks that the columns and criteria the
// program reads exist, and lays the study out for evaluation. Null when any
// error was found; every error names the file, line and column.
std::shared_ptr<const BoundStudy> bind_study(const CheckedProgram& program,
                                             std::shared_ptr<const study::StudyData> data,
                                             DiagnosticList& diagnostics);

}  // namespace tholos::interp
