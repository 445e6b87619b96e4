// Placing answers straight into their cells while they are added. A file
// written panelist by panelist is out of cell order from its second
// statement on; sorting it afterwards moves every answer once more, in a
// random order. When the panel and the items are known and a grid of
// rounds x items x panelists slots is not much larger than the answers
// expected, each answer is written into its slot instead, and the grid is
// compacted into cell order, in place, at the end. A second answer for one
// slot (a duplicate), a grid that would grow too large, or a panelist or
// item added after the answers began turns the grid back into answers with
// a key each, and the sort of answer_cells.cpp takes over.
#include <algorithm>
#include <limits>
#include <utility>

#include "study/study_builder.hpp"

namespace tholos::study {

namespace {

// The most slots a grid may have, whatever the answers expected.
constexpr std::size_t kMaxGridSlots = std::size_t{1} << 31;

template <typename Vector>
void release(Vector& values) {
  Vector().swap(values);
}

}  // namespace

std::size_t StudyBuilder::kept_answers() const {
  return grid_ ? grid_->filled : answers_.size();
}

// Whether a grid with `rounds` rounds is worth its memory: at most half as
// many slots again as the answers expected (13 bytes a slot, against about
// 21 an answer takes with its key while it is sorted).
bool StudyBuilder::grid_fits(int rounds) const {
  // Positions kept per answer (a host's rows) and criteria stay with the sort.
  if (with_criteria_ || !reread_ || !panel_.available || !items_.available) return false;
  const std::size_t items = items_.table.size();
  const std::size_t panelists = panel_.table.size();
  if (items == 0 || panelists == 0 || panelists > kMaxGridSlots / items) return false;
  const std::size_t slice = items * panelists;
  const std::size_t answers = std::max(expected_rows_, kept_answers() + 1);
  const std::size_t budget = std::min(answers + answers / 2, kMaxGridSlots);
  return rounds > 0 && static_cast<std::size_t>(rounds) <= budget / slice;
}

void StudyBuilder::try_grid() {
  if (grid_ || in_cell_order_ || !grid_fits(max_round_)) return;
  Grid grid;
  grid.items = items_.table.size();
  grid.panelists = panel_.table.size();
  grid.rounds = max_round_;
  const std::size_t slice = grid.items * grid.panelists;
  // Room for the rounds the answers expected fill, so that the grid grows
  // without copies; only the slots written take memory.
  const std::size_t expected_rounds = (expected_rows_ + slice - 1) / slice;
  const std::size_t room = std::min(
      std::max<std::size_t>(expected_rounds, static_cast<std::size_t>(grid.rounds)) * slice,
      kMaxGridSlots);
  grid.kind.reserve(room);
  grid.number.reserve(room);
  grid.text.reserve(room);
  const std::size_t slots = static_cast<std::size_t>(grid.rounds) * slice;
  grid.kind.resize(slots);
  grid.number.resize(slots);
  grid.text.resize(slots);
  const std::size_t n = answers_.size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t slot =
        static_cast<std::size_t>(answer_round_item_[k]) * grid.panelists + answers_.panelist[k];
    if (grid.kind[slot] != 0) return;  // a duplicate: the sort handles it
    grid.kind[slot] = static_cast<std::uint8_t>(static_cast<std::uint8_t>(answers_.kind[k]) + 1);
    grid.number[slot] = answers_.number[k];
    grid.text[slot] = answers_.text[k];
  }
  grid.filled = n;
  grid_ = std::move(grid);
  release(answers_.panelist);
  release(answers_.kind);
  release(answers_.number);
  release(answers_.text);
  release(answer_round_item_);
}

bool StudyBuilder::place_in_grid(int round, std::uint32_t item, std::uint32_t panelist,
                                 AnswerKind kind, double number, std::uint32_t text) {
  Grid& grid = *grid_;
  if (item >= grid.items || panelist >= grid.panelists) {
    leave_grid();
    return false;
  }
  if (round > grid.rounds) {
    if (!grid_fits(round)) {
      leave_grid();
      return false;
    }
    const std::size_t slots = static_cast<std::size_t>(round) * grid.items * grid.panelists;
    grid.kind.resize(slots);
    grid.number.resize(slots);
    grid.text.resize(slots);
    grid.rounds = round;
  }
  const std::size_t slot =
      (static_cast<std::size_t>(round - 1) * grid.items + item) * grid.panelists + panelist;
  if (grid.kind[slot] != 0) {
    leave_grid();
    return false;
  }
  grid.kind[slot] = static_cast<std::uint8_t>(static_cast<std::uint8_t>(kind) + 1);
  grid.number[slot] = kind == AnswerKind::number ? number : 0;
  grid.text[slot] = kind == AnswerKind::text ? text : 0;
  ++grid.filled;
  return true;
}

void StudyBuilder::keep_checked_answers(std::span<const CheckedAnswer> answers, std::uint32_t file,
                                        std::uint32_t first_line) {
  answer_count_ += answers.size();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    const CheckedAnswer& a = answers[i];
    const std::size_t r = a.round - 1u;
    if (r >= first_answer_of_round_.size() || first_answer_of_round_[r].column == 0 ||
        grid_ == std::nullopt) {
      // The general case: the first answer of a round, or no grid.
      place_answer(a.round, a.panelist, a.item, a.criterion, a.kind, a.number, a.text,
                   Origin{file, first_line + static_cast<std::uint32_t>(i), a.round_column});
      continue;
    }
    // The common one, inline: a free slot of the grid, in a round it has.
    Grid& grid = *grid_;
    if (a.round <= grid.rounds && a.item < grid.items && a.panelist < grid.panelists) {
      const std::size_t slot = (r * grid.items + a.item) * grid.panelists + a.panelist;
      if (grid.kind[slot] == 0) {
        grid.kind[slot] = static_cast<std::uint8_t>(static_cast<std::uint8_t>(a.kind) + 1);
        grid.number[slot] = a.kind == AnswerKind::number ? a.number : 0;
        grid.text[slot] = a.kind == AnswerKind::text ? a.text : 0;
        ++grid.filled;
        continue;
      }
    }
    place_answer(a.round, a.panelist, a.item, a.criterion, a.kind, a.number, a.text, kNowhere);
  }
}

// Moves the grid's answers into answers_, in cell order and by panelist
// within a cell. With `begin`, sets the cells' starts (it has one entry per
// cell and one more); without, gives each answer its key, for the sort.
void StudyBuilder::grid_compact(std::vector<std::uint32_t>* begin) {
  Grid grid = std::move(*grid_);
  grid_.reset();
  const std::size_t n = grid.filled;
  // What is added after a grid is left goes on at the end.
  const std::size_t room = begin != nullptr ? n : std::max(n, expected_rows_);
  answers_.panelist.reserve(room);
  answers_.kind.reserve(room);
  if (begin == nullptr) answer_round_item_.reserve(room);
  const std::size_t cells = static_cast<std::size_t>(grid.rounds) * grid.items;
  std::size_t k = 0;  // the next answer; never past the slot read
  for (std::size_t cell = 0; cell < cells; ++cell) {
    if (begin != nullptr && cell < begin->size()) (*begin)[cell] = static_cast<std::uint32_t>(k);
    const std::size_t first = cell * grid.panelists;
    for (std::size_t p = 0; p < grid.panelists; ++p) {
      const std::uint8_t kind = grid.kind[first + p];
      if (kind == 0) continue;
      answers_.panelist.push_back(static_cast<std::uint32_t>(p));
      answers_.kind.push_back(static_cast<AnswerKind>(kind - 1));
      grid.number[k] = grid.number[first + p];
      grid.text[k] = grid.text[first + p];
      if (begin == nullptr) answer_round_item_.push_back(static_cast<std::uint32_t>(cell));
      ++k;
    }
  }
  if (begin != nullptr) {
    for (std::size_t cell = cells; cell < begin->size(); ++cell)
      (*begin)[cell] = static_cast<std::uint32_t>(k);
  }
  release(grid.kind);
  grid.number.resize(k);
  grid.text.resize(k);
  answers_.number = std::move(grid.number);
  answers_.text = std::move(grid.text);
}

void StudyBuilder::leave_grid() {
  grid_compact(nullptr);
}

}  // namespace tholos::study
