#include "study/study_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <utility>

#include "common/spelling.hpp"

namespace tholos::study {

namespace {

// The error for an id with spaces or tabs before or after it, which a
// person cannot see in a message, and which would otherwise make an id of
// its own ('P1 ' beside 'P1') or name no one.
std::string spaces_around_id(const char* what, std::string_view id) {
  const std::string_view trimmed = trim_spaces(id);
  const auto before = static_cast<std::size_t>(trimmed.data() - id.data());
  const std::size_t after = id.size() - before - trimmed.size();
  const auto blanks = static_cast<std::size_t>(before + after);
  const auto tabs = static_cast<std::size_t>(std::count(id.begin(), id.begin() + before, '\t') +
                                             std::count(id.end() - after, id.end(), '\t'));
  const char* where = before > 0 && after > 0 ? "around" : before > 0 ? "before" : "after";
  std::string which, remove = "remove them";
  if (blanks == 1) {
    which = tabs == 1 ? "a tab" : "a space";
    remove = tabs == 1 ? "remove the tab" : "remove the space";
  } else {
    which = tabs == blanks ? "tabs" : tabs == 0 ? "spaces" : "spaces and tabs";
  }
  return fmt::format("the {} id '{}' has {} {} it; {} (ids are compared exactly)", what, id, which,
                     where, remove);
}

// An invitation known to exist that has no line (added by a host).
constexpr std::uint32_t kNoLine = std::numeric_limits<std::uint32_t>::max();

}  // namespace

int StudyBuilder::length_of(std::string_view text) {
  return std::max(1, count_code_points(text));
}

std::uint32_t StudyBuilder::add_file(std::string path, std::string name, FileKind kind) {
  DataFile file;
  file.path = std::move(path);
  file.name = std::move(name);
  file.kind = kind;
  files_.push_back(std::move(file));
  return static_cast<std::uint32_t>(files_.size() - 1);
}

void StudyBuilder::set_row_count(std::uint32_t file, std::uint32_t rows) {
  if (file < files_.size()) files_[file].rows = rows;
}

// ---------------------------------------------------------------------------
// Diagnostics

void StudyBuilder::report(Severity severity, Origin at, int length, std::string message) {
  if (severity == Severity::error) failed_ = true;
  if (at.file >= files_.size()) {
    diagnostics_.add_plain(severity, "", std::move(message));
    return;
  }
  const DataFile& file = files_[at.file];
  if (at.line == 0) {
    diagnostics_.add_plain(severity, file.path, std::move(message));
    return;
  }
  const std::string_view line =
      line_text_ ? line_text_(at.file, static_cast<int>(at.line)) : std::string_view();
  diagnostics_.add_at(severity, file.path, static_cast<int>(at.line),
                      static_cast<int>(std::max<std::uint32_t>(1, at.column)), length,
                      std::move(message), line);
}

void StudyBuilder::report_row(Severity severity, Origin at, std::string message) {
  int length = 1;
  if (line_text_ && at.file < files_.size() && at.line > 0) {
    length = length_of(line_text_(at.file, static_cast<int>(at.line)));
  }
  at.column = 1;
  report(severity, at, length, std::move(message));
}

std::string StudyBuilder::file_label(std::optional<std::uint32_t> file,
                                     const char* fallback) const {
  if (file && *file < files_.size()) return files_[*file].name;
  return fallback;
}

std::string StudyBuilder::line_reference(Origin earlier) const {
  if (earlier.line == 0) return {};
  return fmt::format(" on line {}", earlier.line);
}

// ---------------------------------------------------------------------------
// Panel and items

void StudyBuilder::begin_table(Table& table, const char* id_column,
                               std::vector<std::string> columns,
                               std::optional<std::uint32_t> file) {
  table.table.id_column = id_column;
  table.table.values.assign(columns.size(), {});
  table.table.columns = std::move(columns);
  table.file = file;
  table.available = true;
}

void StudyBuilder::begin_panel(std::vector<std::string> attribute_columns,
                               std::optional<std::uint32_t> file) {
  begin_table(panel_, "panelist", std::move(attribute_columns), file);
}

void StudyBuilder::begin_items(std::vector<std::string> attribute_columns,
                               std::optional<std::uint32_t> file) {
  begin_table(items_, "item", std::move(attribute_columns), file);
}

void StudyBuilder::panel_unavailable() {
  panel_.available = false;
  failed_ = true;
}

void StudyBuilder::items_unavailable() {
  items_.available = false;
  failed_ = true;
}

bool StudyBuilder::add_row(Table& table, const char* what, std::string_view id,
                           std::span<const std::string_view> attributes, Origin origin) {
  const std::string label =
      file_label(table.file, what == std::string_view("panelist") ? "the panel" : "the items");
  const std::string_view trimmed = trim_spaces(id);
  if (trimmed.empty()) {
    report(Severity::error, origin, length_of(id),
           fmt::format("empty {0} id; every row of {1} needs an id in column '{2}'", what, label,
                       table.table.id_column));
    return false;
  }
  if (trimmed.size() != id.size()) {
    report(Severity::error, origin, length_of(id), spaces_around_id(what, id));
    // Kept under the id without its spaces (the study is not built), so
    // that rows naming that id are not reported as unknown as well; not
    // when the id is taken ('P1' and 'P1 '): this row is the one to mend.
    if (table.index.contains(trimmed)) return false;
    const auto row = static_cast<std::uint32_t>(table.table.ids.size());
    table.table.ids.emplace_back(trimmed);
    table.index.emplace(std::string(trimmed), row);
    table.origins.push_back(origin);
    for (std::size_t c = 0; c < table.table.columns.size(); ++c) {
      table.table.values[c].emplace_back(c < attributes.size() ? attributes[c]
                                                               : std::string_view());
    }
    return false;
  }
  if (attributes.size() != table.table.columns.size()) {
    report(Severity::error, origin, length_of(id),
           fmt::format("{} '{}' has {} attribute values, but {} has {} attribute columns", what, id,
                       attributes.size(), label, table.table.columns.size()));
    return false;
  }
  if (const auto found = table.index.find(id); found != table.index.end()) {
    const Origin earlier = table.origins[found->second];
    report(Severity::error, origin, length_of(id),
           fmt::format("duplicate {0} '{1}': already{2} in {3}; remove one of the two rows or "
                       "give one a different id",
                       what, id, line_reference(earlier), label));
    return false;
  }
  const auto row = static_cast<std::uint32_t>(table.table.ids.size());
  table.table.ids.emplace_back(id);
  table.index.emplace(std::string(id), row);
  table.origins.push_back(origin);
  for (std::size_t c = 0; c < attributes.size(); ++c) {
    table.table.values[c].emplace_back(attributes[c]);
  }
  return true;
}

bool StudyBuilder::add_panelist(std::string_view id, std::span<const std::string_view> attributes,
                                Origin origin) {
  if (!panel_.available) begin_panel({}, {});
  return add_row(panel_, "panelist", id, attributes, origin);
}

bool StudyBuilder::add_item(std::string_view id, std::span<const std::string_view> attributes,
                            Origin origin) {
  if (!items_.available) begin_items({}, {});
  return add_row(items_, "item", id, attributes, origin);
}

// Answer files are written row after row for the same item and for
// panelists in panel order, so the id is usually the one looked up last or
// the one after it; only otherwise is it hashed.
std::uint32_t StudyBuilder::find_id(Table& table, const char* what, std::string_view id,
                                    Origin at) {
  // An id with spaces around it is wrong whatever the table holds: no id
  // in it has any.
  const std::string_view trimmed = trim_spaces(id);
  if (!trimmed.empty() && trimmed.size() != id.size()) {
    report(Severity::error, at, length_of(id), spaces_around_id(what, id));
    return kNoRow;
  }
  if (!table.available) return kNoRow;
  // Spaces alone are an empty id.
  if (trimmed.empty()) id = trimmed;
  const std::uint32_t row = lookup(table, id, table.last_row);
  if (row == kNoRow) report_unknown(table, what, id, at);
  return row;
}

bool StudyBuilder::RowChecker::invited(int round, std::uint32_t panelist) const {
  const StudyBuilder& b = *builder_;
  if (!b.has_invitations_) return true;
  const auto r = static_cast<std::size_t>(round - 1);
  return r < b.invited_at_.size() && !b.invited_at_[r].empty() && b.invited_at_[r][panelist] != 0;
}

std::optional<StudyBuilder::RowChecker> StudyBuilder::row_checker() const {
  // Without a way to read rows again, add_answer keeps a position per row,
  // which a checked row does not have.
  if (!panel_.available || !items_.available || !answers_file_ || !reread_) return std::nullopt;
  if (has_invitations_ && !invitations_complete_) return std::nullopt;
  return RowChecker(*this);
}

std::size_t StudyBuilder::answer_room() const {
  if (answers_limit_reported_ || answer_count_ >= max_answers_) return 0;
  const std::size_t kept = kept_answers();
  const std::size_t most_kept = std::numeric_limits<std::uint32_t>::max() - 1;
  return std::min(max_answers_ - answer_count_, most_kept - std::min(kept, most_kept));
}

void StudyBuilder::report_unknown(const Table& table, const char* what, std::string_view id,
                                  Origin at) {
  if (diagnostics_.full()) {  // nothing more is shown: spare the search for a suggestion
    failed_ = true;
    return;
  }
  const std::string label =
      file_label(table.file, what == std::string_view("panelist") ? "the panel" : "the items");
  if (id.empty()) {
    report(Severity::error, at, 1,
           fmt::format("empty {} id; every row needs one of the ids in {}", what, label));
    return;
  }
  report(Severity::error, at, length_of(id),
         fmt::format("unknown {0} '{1}': not in {2}; add a row for {1} to {2} or correct the "
                     "id{3}",
                     what, id, label, suggestion(table, id)));
}

// "; did you mean 'PE09'?" when exactly one id is one edit away from `id`.
// With short ids such as P1..P9 every id is one edit from every other, and
// a guess would mislead.
std::string StudyBuilder::suggestion(const Table& table, std::string_view id) const {
  const std::string* match = nullptr;
  for (const std::string& candidate : table.table.ids) {
    const auto difference =
        candidate.size() > id.size() ? candidate.size() - id.size() : id.size() - candidate.size();
    if (difference > 1 || edit_distance(candidate, id) > 1) continue;
    if (match != nullptr) return {};
    match = &candidate;
  }
  if (match == nullptr) return {};
  return fmt::format("; did you mean '{}'?", *match);
}

// ---------------------------------------------------------------------------
// Invitations

void StudyBuilder::begin_invitations(std::optional<std::uint32_t> file) {
  has_invitations_ = true;
  invitations_file_ = file;
}

bool StudyBuilder::add_invitation(std::optional<int> round, std::string_view panelist,
                                  Origin round_at, Origin panelist_at) {
  if (!has_invitations_) begin_invitations({});
  bool ok = true;
  if (!round) {
    failed_ = true;
    invitations_complete_ = false;
    ok = false;
  } else if (*round < 1 || *round > kMaxRounds) {
    invitations_complete_ = false;
    report(
        Severity::error, round_at, 1,
        fmt::format("bad round {}: rounds are numbered from 1 to at most {}", *round, kMaxRounds));
    ok = false;
  }
  const std::uint32_t who = find_id(panel_, "panelist", panelist, panelist_at);
  if (who == kNoRow) {
    ok = false;
    // An invitation of 'P2 ' was meant for P2: checking P2's answers
    // against the invitations would only repeat this error.
    if (trim_spaces(panelist).size() != panelist.size()) invitations_complete_ = false;
  }
  if (!ok) {
    failed_ = true;
    return false;
  }
  const auto r = static_cast<std::size_t>(*round - 1);
  if (invited_at_.size() <= r) {
    invited_at_.resize(r + 1);
    first_invitation_of_round_.resize(r + 1);
  }
  auto& row = invited_at_[r];
  if (row.empty()) {
    // One entry per panelist for each round with invitations: bounded like
    // the cells, so that a large panel and many rounds cannot exhaust memory.
    invitation_entries_ += panel_.table.size();
    if (invitation_entries_ > kMaxCells) {
      report(Severity::error, round_at, 1,
             fmt::format("too many invitations: {} panelists in {} or more rounds are more "
                         "than the limit of {} invitations",
                         panel_.table.size(), *round, kMaxCells));
      invitations_complete_ = false;
      return false;
    }
    row.assign(panel_.table.size(), 0);
    first_invitation_of_round_[r] = round_at;
  }
  // The entry is the invitation's line, or kNoLine for a host's rows.
  if (row[who] != 0) {
    const std::string earlier =
        row[who] == kNoLine ? std::string() : fmt::format(" on line {}", row[who]);
    report_row(Severity::error, panelist_at,
               fmt::format("duplicate invitation: panelist {} is already invited to round {}{}; "
                           "remove one of the two rows",
                           panelist, *round, earlier));
    return false;
  }
  row[who] = panelist_at.line != 0 ? panelist_at.line : kNoLine;
  return true;
}

// ---------------------------------------------------------------------------
// Answers

void StudyBuilder::begin_answers(bool with_criteria, std::optional<std::uint32_t> file) {
  with_criteria_ = with_criteria;
  answers_file_ = file;
}

void StudyBuilder::reserve_answers(std::size_t rows) {
  expected_rows_ = rows;
  // Answers already out of cell order may go into a grid now that their
  // number is known (see answer_grid.cpp).
  try_grid();
  if (grid_) return;
  answers_.panelist.reserve(rows);
  answers_.kind.reserve(rows);
  answers_.number.reserve(rows);
  answers_.text.reserve(rows);
  if (!reread_) answer_origins_.reserve(rows);
}

std::uint32_t StudyBuilder::intern_criterion(std::string_view name) {
  if (const auto found = criterion_index_.find(name); found != criterion_index_.end()) {
    return found->second;
  }
  const auto index = static_cast<std::uint32_t>(criteria_.size());
  criteria_.emplace_back(name);
  criterion_index_.emplace(std::string(name), index);
  return index;
}

std::uint32_t StudyBuilder::intern_text(std::string_view text) {
  if (const auto found = text_index_.find(text); found != text_index_.end()) {
    return found->second;
  }
  const auto index = static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(text);
  text_index_.emplace(std::string(text), index);
  return index;
}

bool StudyBuilder::add_answer(const AnswerRow& row) {
  if (answer_count_ >= max_answers_) {
    if (!answers_limit_reported_) {
      answers_limit_reported_ = true;
      report(Severity::error, row.round_at, 1,
             fmt::format("the study has more than {} answers, the most this application "
                         "accepts (Limits::max_answers); raise the limit or load fewer rounds",
                         max_answers_));
    }
    failed_ = true;
    return false;
  }
  ++answer_count_;
  bool ok = true;
  if (!row.round) {
    failed_ = true;
    ok = false;
  } else if (*row.round < 1 || *row.round > kMaxRounds) {
    report(Severity::error, row.round_at, 1,
           fmt::format("bad round {}: rounds are numbered from 1 to at most {}", *row.round,
                       kMaxRounds));
    ok = false;
  }

  const std::uint32_t panelist = find_id(panel_, "panelist", row.panelist, row.panelist_at);
  const std::uint32_t item = find_id(items_, "item", row.item, row.item_at);
  if (panelist == kNoRow || item == kNoRow) ok = false;

  std::uint32_t criterion = 0;
  if (with_criteria_) {
    if (row.criterion.empty()) {
      const std::string label = file_label(answers_file_, "the answers");
      report(Severity::error, row.criterion_at, 1,
             fmt::format("empty criterion; {} has a 'criterion' column, so every row needs "
                         "one{}",
                         label,
                         criteria_.empty() ? std::string()
                                           : fmt::format(" (such as {})", criteria_.front())));
      ok = false;
    } else {
      criterion = intern_criterion(row.criterion);
    }
  }

  if (ok && has_invitations_ && invitations_complete_) {
    const auto r = static_cast<std::size_t>(*row.round - 1);
    if (r >= invited_at_.size() || invited_at_[r].empty() || invited_at_[r][panelist] == 0) {
      const std::string label = file_label(invitations_file_, "the invitations");
      report(Severity::error, row.panelist_at, length_of(row.panelist),
             fmt::format("panelist {0} answers in round {1} but was not invited to it: {2} has "
                         "no row for round {1} and {0}; add one to {2} or remove this row",
                         row.panelist, *row.round, label));
      ok = false;
    }
  }

  if (!ok) {
    failed_ = true;
    return false;
  }
  if (kept_answers() >= std::numeric_limits<std::uint32_t>::max() - 1) {
    report(Severity::error, row.value_at, 1,
           "too many answers: a study holds at most 4294967294 answer rows");
    return false;
  }

  keep_answer(*row.round, panelist, item, criterion, row.value, row.round_at, row.value_at);
  return true;
}

void StudyBuilder::keep_answer(int round, std::uint32_t panelist, std::uint32_t item,
                               std::uint32_t criterion, const AnswerValue& value, Origin round_at,
                               Origin value_at) {
  const std::uint32_t text = value.kind == AnswerKind::text ? intern_text(value.text) : 0;
  place_answer(round, panelist, item, criterion, value.kind, value.number, text, round_at);
  if (!reread_) answer_origins_.push_back(value_at);
}

void StudyBuilder::place_answer(int round, std::uint32_t panelist, std::uint32_t item,
                                std::uint32_t criterion, AnswerKind kind, double number,
                                std::uint32_t text, Origin round_at) {
  const auto r = static_cast<std::size_t>(round - 1);
  if (first_answer_of_round_.size() <= r) first_answer_of_round_.resize(r + 1);
  if (first_answer_of_round_[r].line == 0 && first_answer_of_round_[r].column == 0) {
    // Mark the round as seen even for a host's rows, which have no line.
    first_answer_of_round_[r] = round_at;
    if (first_answer_of_round_[r].column == 0) first_answer_of_round_[r].column = 1;
  }
  max_round_ = std::max(max_round_, round);

  if (grid_ && place_in_grid(round, item, panelist, kind, number, text)) return;
  answers_.panelist.push_back(panelist);
  answers_.kind.push_back(kind);
  answers_.number.push_back(kind == AnswerKind::number ? number : 0);
  answers_.text.push_back(kind == AnswerKind::text ? text : 0);
  note_cell(cell_key(round, item, criterion, items_.table.size()));
}

StudyBuilder::CellKey StudyBuilder::cell_key(int round, std::uint32_t item, std::uint32_t criterion,
                                             std::size_t items) {
  const std::uint64_t round_item = static_cast<std::uint64_t>(round - 1) * items + item;
  return {static_cast<std::uint32_t>(std::min<std::uint64_t>(round_item, UINT32_MAX)), criterion};
}

// Called after the answer is added.
void StudyBuilder::note_cell(CellKey key) {
  const auto answer = static_cast<std::uint32_t>(answers_.size() - 1);
  if (in_cell_order_) {
    if (!runs_.empty() && runs_.back().key == key) return;
    if (runs_.empty() || runs_.back().key < key) {
      runs_.push_back({key, answer});
      return;
    }
    // The first answer out of cell order: the runs become a key per answer.
    in_cell_order_ = false;
    answer_round_item_.reserve(answers_.panelist.capacity());
    if (with_criteria_) answer_criterion_.reserve(answers_.panelist.capacity());
    for (std::size_t r = 0; r < runs_.size(); ++r) {
      const std::uint32_t end = r + 1 < runs_.size() ? runs_[r + 1].begin : answer;
      answer_round_item_.insert(answer_round_item_.end(), end - runs_[r].begin,
                                runs_[r].key.round_item);
      if (with_criteria_) {
        answer_criterion_.insert(answer_criterion_.end(), end - runs_[r].begin,
                                 runs_[r].key.criterion);
      }
    }
    std::vector<Run>().swap(runs_);
    answer_round_item_.push_back(key.round_item);
    if (with_criteria_) answer_criterion_.push_back(key.criterion);
    try_grid();
    return;
  }
  answer_round_item_.push_back(key.round_item);
  if (with_criteria_) answer_criterion_.push_back(key.criterion);
}

}  // namespace tholos::study
