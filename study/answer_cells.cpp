// Finishing a study: the checks that need every answer, the answers put
// into cell order, and the positions of answers found again by reading
// their file once more when a diagnostic needs them.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <numeric>
#include <type_traits>
#include <unordered_map>
#include <utility>

#include "study/study_builder.hpp"

namespace tholos::study {

// Which answer row read again was kept, and in which cell: what
// add_answer decides from the ids, the round and the criterion. It owns
// copies of the builder's indexes, so that a finished study can use it.
struct StudyBuilder::RowKeys {
  Index panel, items, criteria;
  std::size_t item_count = 0;
  bool with_criteria = false;
  int rounds = 0;

  struct Key {
    CellKey cell;
    std::uint32_t panelist = 0;
  };
  std::optional<Key> key(const AnswerRow& row) const {
    if (!row.round || *row.round < 1 || *row.round > rounds) return std::nullopt;
    const auto panelist = panel.find(row.panelist);
    const auto item = items.find(row.item);
    if (panelist == panel.end() || item == items.end()) return std::nullopt;
    std::uint32_t criterion = 0;
    if (with_criteria) {
      const auto found = criteria.find(row.criterion);
      if (found == criteria.end()) return std::nullopt;
      criterion = found->second;
    }
    return Key{cell_key(*row.round, item->second, criterion, item_count), panelist->second};
  }
};

std::shared_ptr<const StudyBuilder::RowKeys> StudyBuilder::row_keys(std::size_t items) const {
  auto keys = std::make_shared<RowKeys>();
  keys->panel = panel_.index;
  keys->items = items_.index;
  keys->criteria = criterion_index_;
  keys->item_count = items;
  keys->with_criteria = with_criteria_;
  keys->rounds = max_round_;
  return keys;
}

bool StudyBuilder::check_rounds() {
  bool ok = true;
  int missing_from = 0;  // first round of the current gap, 0 outside a gap
  for (int round = 1; round <= max_round_; ++round) {
    const Origin& first = first_answer_of_round_[static_cast<std::size_t>(round - 1)];
    const bool present = first.column != 0;
    if (!present) {
      if (missing_from == 0) missing_from = round;
      continue;
    }
    if (missing_from != 0) {
      const std::string gap = missing_from == round - 1
                                  ? fmt::format("round {}", missing_from)
                                  : fmt::format("rounds {} to {}", missing_from, round - 1);
      report(Severity::error, first, length_of(std::to_string(round)),
             fmt::format("round {0} follows a gap: no answers have {1}; number the rounds 1, 2, "
                         "3... without gaps, or add the answers of {1}",
                         round, gap));
      ok = false;
      missing_from = 0;
    }
  }
  return ok;
}

namespace {

// Moves element i of every array to position destination[i], in place,
// one cycle of the permutation after another (a copy of the arrays would
// cost as much memory again, and a page fault per 4 KiB of it).
template <typename Destination, typename... Arrays>
void permute(Destination& destination, Arrays&... arrays) {
  for (std::uint32_t i = 0; i < destination.size(); ++i) {
    while (destination[i] != i) {
      const std::uint32_t j = destination[i];
      (std::swap(arrays[i], arrays[j]), ...);
      std::swap(destination[i], destination[j]);
    }
  }
}

// The answers [first, last) of one cell, put in panelist order (stably, so
// that of two answers by one panelist the earlier row stays first).
void sort_cell_by_panelist(Answers& answers, std::vector<Origin>& origins, std::uint32_t first,
                           std::uint32_t last) {
  std::vector<std::uint32_t> order(last - first);
  std::iota(order.begin(), order.end(), first);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return answers.panelist[a] < answers.panelist[b];
  });
  const auto gather = [&](auto& values) {
    if (values.empty()) return;
    using T = typename std::remove_reference_t<decltype(values)>::value_type;
    std::vector<T> cell;
    cell.reserve(order.size());
    for (const std::uint32_t k : order)
      cell.push_back(values[k]);
    std::copy(cell.begin(), cell.end(), values.begin() + first);
  };
  gather(answers.panelist);
  gather(answers.kind);
  gather(answers.number);
  gather(answers.text);
  gather(origins);
}

}  // namespace

// Files written statement by statement are in cell order already, and
// their answers stay where they are; files written panelist by panelist
// take a counting sort by cell (which keeps file order within a cell),
// done in place. Then the cells whose panelists are out of order are
// sorted by panelist, stably.
void StudyBuilder::sort_into_cells(StudyData& study) {
  const std::size_t n = answers_.size();
  const std::size_t criteria = study.criterion_count();
  const std::size_t cell_count =
      static_cast<std::size_t>(study.rounds) * study.items.size() * criteria;
  const auto cell = [criteria](std::uint32_t round_item, std::uint32_t criterion) {
    return cell_of({round_item, criterion}, criteria);
  };
  std::vector<std::uint32_t>& begin = study.cell_begin;
  begin.assign(cell_count + 1, 0);
  if (grid_) {
    // In cell and panelist order already, and without duplicates.
    grid_compact(&begin);
    study.answers = std::move(answers_);
    return;
  }
  if (in_cell_order_) {
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      const std::size_t end = r + 1 < runs_.size() ? runs_[r + 1].begin : n;
      begin[cell(runs_[r].key.round_item, runs_[r].key.criterion) + 1] =
          static_cast<std::uint32_t>(end - runs_[r].begin);
    }
    std::partial_sum(begin.begin(), begin.end(), begin.begin());
  } else {
    const auto criterion = [&](std::size_t i) {
      return answer_criterion_.empty() ? 0 : answer_criterion_[i];
    };
    for (std::size_t i = 0; i < n; ++i)
      ++begin[cell(answer_round_item_[i], criterion(i)) + 1];
    std::partial_sum(begin.begin(), begin.end(), begin.begin());
    // Each answer's place, written over its key.
    std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
    BulkVector<std::uint32_t>& destination = answer_round_item_;
    for (std::size_t i = 0; i < n; ++i)
      destination[i] = next[cell(answer_round_item_[i], criterion(i))]++;
    std::vector<std::uint32_t>().swap(answer_criterion_);
    std::vector<std::uint32_t>().swap(next);
    if (answer_origins_.empty()) {
      permute(destination, answers_.panelist, answers_.kind, answers_.number, answers_.text);
    } else {
      permute(destination, answers_.panelist, answers_.kind, answers_.number, answers_.text,
              answer_origins_);
    }
    BulkVector<std::uint32_t>().swap(answer_round_item_);
  }
  std::vector<Run>().swap(runs_);
  for (std::size_t c = 0; c < cell_count; ++c) {
    const auto first = answers_.panelist.begin() + begin[c];
    const auto last = answers_.panelist.begin() + begin[c + 1];
    if (!std::is_sorted(first, last)) {
      sort_cell_by_panelist(answers_, answer_origins_, begin[c], begin[c + 1]);
    }
  }
  study.answers = std::move(answers_);
  if (!reread_) study.answers.origin.keep(std::move(answer_origins_));
}

// Two answers in a row of a cell by one panelist. Their positions are the
// ones kept, or else those of the rows with the same round, panelist, item
// and criterion in the file read again: the n-th of them is the n-th answer
// of that panelist in the cell, since sorting kept the rows' order.
void StudyBuilder::report_duplicates(const StudyData& study) {
  const Answers& answers = study.answers;
  struct Duplicate {
    std::size_t cell;
    std::uint32_t answer;
  };
  std::vector<Duplicate> duplicates;
  for (std::size_t c = 0; c + 1 < study.cell_begin.size(); ++c) {
    for (std::uint32_t k = study.cell_begin[c] + 1; k < study.cell_begin[c + 1]; ++k) {
      if (answers.panelist[k] == answers.panelist[k - 1]) duplicates.push_back({c, k});
    }
  }
  if (duplicates.empty()) return;

  const std::size_t items = study.items.size();
  const std::size_t criteria = study.criterion_count();
  const auto key_of = [](std::size_t cell, std::uint32_t panelist) {
    return (static_cast<std::uint64_t>(cell) << 32) | panelist;
  };
  std::unordered_map<std::uint64_t, std::vector<Origin>> rows;  // in file order
  if (reread_) {
    for (const Duplicate& d : duplicates)
      rows[key_of(d.cell, answers.panelist[d.answer])];
    const std::shared_ptr<const RowKeys> keys = row_keys(items);
    std::size_t count = 0;
    reread_([&](const AnswerRow& row) {
      // The rows add_answer kept: within the limit, and invited.
      if (count++ >= max_answers_) return;
      const std::optional<RowKeys::Key> key = keys->key(row);
      if (!key) return;
      if (has_invitations_ && invitations_complete_) {
        const auto r = static_cast<std::size_t>(*row.round - 1);
        if (r >= invited_at_.size() || invited_at_[r].empty() ||
            invited_at_[r][key->panelist] == 0) {
          return;
        }
      }
      const auto found = rows.find(key_of(cell_of(key->cell, criteria), key->panelist));
      if (found != rows.end()) found->second.push_back(row.value_at);
    });
  }
  const Origin unknown{answers_file_.value_or(0), 0, 0};
  for (const Duplicate& d : duplicates) {
    if (diagnostics_.full()) break;
    const std::uint32_t k = d.answer;
    Origin at = unknown, earlier = unknown;
    if (!reread_) {
      at = answers.origin[k];
      earlier = answers.origin[k - 1];
    } else {
      std::uint32_t first = k - 1;  // the panelist's first answer in the cell
      while (first > study.cell_begin[d.cell] && answers.panelist[first - 1] == answers.panelist[k])
        --first;
      const std::vector<Origin>& found = rows[key_of(d.cell, answers.panelist[k])];
      const std::size_t n = k - first;
      if (n < found.size()) {
        at = found[n];
        earlier = found[n - 1];
      }
    }
    const std::size_t round = d.cell / (items * criteria) + 1;
    const std::size_t item = (d.cell / criteria) % items;
    const std::string criterion =
        study.criteria.empty() ? std::string()
                               : fmt::format(", criterion {}", study.criteria[d.cell % criteria]);
    report_row(Severity::error, at,
               fmt::format("duplicate answer: round {}, panelist {}, item {}{} already has an "
                           "answer{}; remove one of the two rows",
                           round, study.panel.ids[answers.panelist[k]], study.items.ids[item],
                           criterion, line_reference(earlier)));
  }
}

// Without positions kept, the study finds them by reading the answers
// again: in a study without errors every row is an answer, and the rows
// sorted by cell and panelist are the answers in order.
void StudyBuilder::find_origins(StudyData& study) {
  if (!reread_) return;
  const std::size_t count = study.answers.size();
  const std::size_t criteria = study.criterion_count();
  study.answers.origin.find_with(
      answers_file_.value_or(0),
      [rows = reread_, keys = row_keys(study.items.size()), count, criteria] {
        std::vector<std::pair<std::uint64_t, Origin>> found;
        found.reserve(count);
        const bool read = rows([&](const AnswerRow& row) {
          if (const std::optional<RowKeys::Key> key = keys->key(row)) {
            const std::uint64_t cell = cell_of(key->cell, criteria);
            found.emplace_back((cell << 32) | key->panelist, row.value_at);
          }
        });
        std::vector<Origin> origins;
        if (!read || found.size() != count) return origins;
        std::sort(found.begin(), found.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        origins.reserve(count);
        for (const auto& entry : found)
          origins.push_back(entry.second);
        return origins;
      });
}

void StudyBuilder::build_invited(StudyData& study) {
  const auto rounds = static_cast<std::size_t>(study.rounds);
  const std::size_t panelists = study.panel.size();
  study.has_invitations = has_invitations_;
  study.invited.assign(rounds, std::vector<std::uint8_t>(panelists, has_invitations_ ? 0 : 1));
  if (!has_invitations_) return;
  for (std::size_t r = 0; r < invited_at_.size(); ++r) {
    const auto& row = invited_at_[r];
    if (row.empty()) continue;
    if (r < rounds) {
      for (std::size_t p = 0; p < panelists; ++p)
        study.invited[r][p] = row[p] != 0 ? 1 : 0;
      continue;
    }
    const std::string last = rounds == 0 ? std::string("there are no answers")
                                         : fmt::format("the last round with answers is {}", rounds);
    report(Severity::warning, first_invitation_of_round_[r], length_of(std::to_string(r + 1)),
           fmt::format("invitations to round {}, but {}; these invitations are not used", r + 1,
                       last));
  }
}

std::optional<StudyData> StudyBuilder::finish() {
  if (!panel_.available && !failed_) {
    report(Severity::error, kNowhere, 1,
           "the study has no panel: add the panelists before the answers");
  }
  if (!items_.available && !failed_) {
    report(Severity::error, kNowhere, 1,
           "the study has no items: add the items before the answers");
  }
  check_rounds();

  StudyData study;
  study.files = files_;
  study.criteria = std::move(criteria_);
  study.rounds = max_round_;
  study.texts = std::move(texts_);
  study.panel = std::move(panel_.table);
  study.items = std::move(items_.table);
  const std::size_t cell_count =
      static_cast<std::size_t>(max_round_) * study.items.size() * study.criterion_count();
  // invited has one entry per round and panelist.
  if (cell_count > kMaxCells ||
      static_cast<std::size_t>(max_round_) * study.panel.size() > kMaxCells) {
    report(Severity::error, kNowhere, 1,
           fmt::format("the study is too large: {} rounds, {} panelists, {} items and {} "
                       "criteria; at most {} rounds x items x criteria, and as many rounds x "
                       "panelists, are allowed",
                       max_round_, study.panel.size(), study.items.size(), study.criterion_count(),
                       kMaxCells));
    return std::nullopt;
  }
  if (diagnostics_.full()) return std::nullopt;

  sort_into_cells(study);
  report_duplicates(study);
  build_invited(study);
  if (failed_) return std::nullopt;
  find_origins(study);

  for (AttributeTable* table : {&study.panel, &study.items}) {
    table->index.reserve(table->ids.size());
    for (std::uint32_t i = 0; i < table->ids.size(); ++i)
      table->index.emplace(table->ids[i], i);
  }
  return study;
}

}  // namespace tholos::study
