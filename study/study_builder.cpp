#include "study/study_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <system_error>
#include <type_traits>
#include <utility>

#include "common/spelling.hpp"

namespace tholos::study {

std::string_view trim_spaces(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
    text.remove_suffix(1);
  return text;
}

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// [+-]? (digits ["." digits*] | "." digits) [(e|E) [+-]? digits]
bool is_decimal_number(std::string_view text) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  std::size_t digits = 0;
  while (i < n && is_digit(text[i]))
    ++i, ++digits;
  if (i < n && text[i] == '.') {
    ++i;
    while (i < n && is_digit(text[i]))
      ++i, ++digits;
  }
  if (digits == 0) return false;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    std::size_t exponent_digits = 0;
    while (i < n && is_digit(text[i]))
      ++i, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  return i == n;
}

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

// A decimal number as written: sign, digits without the decimal point, and
// where the point falls among them once the exponent has moved it.
struct DecimalDigits {
  bool negative = false;
  std::string_view text;         // the number, for its digits
  std::size_t digits_begin = 0;  // [digits_begin, digits_end): digits and point
  std::size_t digits_end = 0;
  std::size_t point = std::string_view::npos;  // the '.', if any
  long long whole_digits = 0;                  // digits before the point, after the exponent

  // The digits in order, without the point.
  template <typename F>
  void for_each_digit(F f) const {
    long long index = 0;
    for (std::size_t k = digits_begin; k < digits_end; ++k) {
      if (k != point) f(index++, text[k]);
    }
  }
};

// `text` is one is_decimal_number accepts.
DecimalDigits read_decimal(std::string_view text) {
  DecimalDigits d;
  d.text = text;
  std::size_t i = 0;
  const std::size_t n = text.size();
  d.negative = i < n && text[i] == '-';
  if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
  d.digits_begin = i;
  while (i < n && is_digit(text[i]))
    ++i;
  const long long integer_digits = static_cast<long long>(i - d.digits_begin);
  if (i < n && text[i] == '.') d.point = i++;
  while (i < n && is_digit(text[i]))
    ++i;
  d.digits_end = i;
  // The exponent, saturated far beyond any field's length (64 KiB).
  long long exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative = i < n && text[i] == '-';
    if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
    for (; i < n && is_digit(text[i]); ++i)
      exponent = std::min(exponent * 10 + (text[i] - '0'), 1'000'000'000LL);
    if (negative) exponent = -exponent;
  }
  d.whole_digits = integer_digits + exponent;
  return d;
}

// Whether a decimal number is a whole number, decided from its digits
// rather than from the nearest double (4.9999999999999999 is not whole,
// though its double is 5): no nonzero digit falls after the decimal point
// once the exponent has moved it ("4.0" and "0.5e1" are whole, "45e-1" is
// not).
bool is_whole(const DecimalDigits& d) {
  bool whole = true;
  d.for_each_digit([&](long long index, char c) {
    if (index >= d.whole_digits && c != '0') whole = false;
  });
  return whole;
}

// The integral double `rounded` that a decimal number which is not whole
// was read as, moved to the next double on the side the number lies, so
// that no one takes it for a whole rating: 4.9999999999999999 (read as 5)
// gives the double just below 5, 4.0000000000000001 the one just above 4.
double off_the_whole_number(const DecimalDigits& d, double rounded) {
  constexpr double kInfinity = std::numeric_limits<double>::infinity();
  if (rounded == 0) return std::nextafter(0.0, d.negative ? -kInfinity : kInfinity);
  // From 2^53 on every double is whole: such a number is far outside any
  // scale, and binding rejects it whatever its digits.
  if (std::abs(rounded) >= 9007199254740992.0) return rounded;
  // Below 2^53 the number is closer to `rounded` than to any other whole
  // number, so its magnitude is the larger exactly when its whole part is
  // |rounded|.
  std::string whole;
  d.for_each_digit([&](long long index, char c) {
    if (index < d.whole_digits && (c != '0' || !whole.empty())) whole += c;
  });
  if (d.whole_digits > 0) {
    long long written = 0;
    d.for_each_digit([&](long long index, char) { written = index + 1; });
    if (!whole.empty() && written < d.whole_digits) {
      whole.append(static_cast<std::size_t>(d.whole_digits - written), '0');
    }
  }
  if (whole.empty()) whole = "0";
  const bool larger = whole == fmt::format("{:.0f}", std::abs(rounded));
  return std::nextafter(rounded, larger ? std::copysign(kInfinity, rounded) : 0.0);
}

int length_of(std::string_view text) {
  return std::max(1, count_code_points(text));
}

// An invitation known to exist that has no line (added by a host).
constexpr std::uint32_t kNoLine = std::numeric_limits<std::uint32_t>::max();

// An Origin in no file: its diagnostic has no position.
constexpr Origin kNowhere{std::numeric_limits<std::uint32_t>::max(), 0, 0};

}  // namespace

AnswerValue classify_answer(std::string_view text) {
  const std::string_view trimmed = trim_spaces(text);
  if (trimmed.empty()) return {AnswerKind::blank, 0, {}};
  // Most ratings are one digit.
  if (trimmed.size() == 1 && is_digit(trimmed[0])) {
    return {AnswerKind::number, static_cast<double>(trimmed[0] - '0'), {}};
  }
  if (is_decimal_number(trimmed)) {
    const char* first = trimmed.data();
    const char* last = trimmed.data() + trimmed.size();
    if (*first == '+') ++first;  // from_chars takes no plus sign
    double value = 0;
    const auto [end, error] = std::from_chars(first, last, value);
    if (error == std::errc() && end == last) {
      // A number that is not whole must not pass for one because its
      // double is: 4.9999999999999999 is not the rating 5.
      if (std::trunc(value) == value) {
        const DecimalDigits digits = read_decimal(trimmed);
        if (!is_whole(digits)) value = off_the_whole_number(digits, value);
      }
      return {AnswerKind::number, value, {}};
    }
    // Out of the range of a double (1e999): kept as text, to be reported
    // as not a rating.
  }
  return {AnswerKind::text, 0, text};
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
std::optional<std::uint32_t> StudyBuilder::lookup(Table& table, std::string_view id) {
  const std::vector<std::string>& ids = table.table.ids;
  const std::uint32_t last = table.last_row;
  if (last < ids.size() && ids[last] == id) return last;
  if (last + 1 < ids.size() && ids[last + 1] == id) return table.last_row = last + 1;
  const auto found = table.index.find(id);
  if (found == table.index.end()) return std::nullopt;
  return table.last_row = found->second;
}

std::optional<std::uint32_t> StudyBuilder::find_id(Table& table, const char* what,
                                                   std::string_view id, Origin at) {
  // An id with spaces around it is wrong whatever the table holds: no id
  // in it has any.
  const std::string_view trimmed = trim_spaces(id);
  if (!trimmed.empty() && trimmed.size() != id.size()) {
    report(Severity::error, at, length_of(id), spaces_around_id(what, id));
    return std::nullopt;
  }
  if (!table.available) return std::nullopt;
  // Spaces alone are an empty id.
  if (trimmed.empty()) id = trimmed;
  const std::optional<std::uint32_t> row = lookup(table, id);
  if (!row) report_unknown(table, what, id, at);
  return row;
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
  const std::optional<std::uint32_t> who = find_id(panel_, "panelist", panelist, panelist_at);
  if (!who) {
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
  if (row[*who] != 0) {
    const std::string earlier =
        row[*who] == kNoLine ? std::string() : fmt::format(" on line {}", row[*who]);
    report_row(Severity::error, panelist_at,
               fmt::format("duplicate invitation: panelist {} is already invited to round {}{}; "
                           "remove one of the two rows",
                           panelist, *round, earlier));
    return false;
  }
  row[*who] = panelist_at.line != 0 ? panelist_at.line : kNoLine;
  return true;
}

// ---------------------------------------------------------------------------
// Answers

void StudyBuilder::begin_answers(bool with_criteria, std::optional<std::uint32_t> file) {
  with_criteria_ = with_criteria;
  answers_file_ = file;
}

void StudyBuilder::reserve_answers(std::size_t rows) {
  answers_.panelist.reserve(rows);
  answers_.kind.reserve(rows);
  answers_.number.reserve(rows);
  answers_.text.reserve(rows);
  answers_.origin.reserve(rows);
  answer_round_.reserve(rows);
  answer_item_.reserve(rows);
  if (with_criteria_) answer_criterion_.reserve(rows);
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

  const std::optional<std::uint32_t> panelist =
      find_id(panel_, "panelist", row.panelist, row.panelist_at);
  const std::optional<std::uint32_t> item = find_id(items_, "item", row.item, row.item_at);
  if (!panelist || !item) ok = false;

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
    if (r >= invited_at_.size() || invited_at_[r].empty() || invited_at_[r][*panelist] == 0) {
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
  if (answers_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) {
    report(Severity::error, row.value_at, 1,
           "too many answers: a study holds at most 4294967294 answer rows");
    return false;
  }

  const int round = *row.round;
  const auto r = static_cast<std::size_t>(round - 1);
  if (first_answer_of_round_.size() <= r) first_answer_of_round_.resize(r + 1);
  if (first_answer_of_round_[r].line == 0 && first_answer_of_round_[r].column == 0) {
    // Mark the round as seen even for a host's rows, which have no line.
    first_answer_of_round_[r] = row.round_at;
    if (first_answer_of_round_[r].column == 0) first_answer_of_round_[r].column = 1;
  }
  max_round_ = std::max(max_round_, round);

  answers_.panelist.push_back(*panelist);
  answers_.kind.push_back(row.value.kind);
  answers_.number.push_back(row.value.kind == AnswerKind::number ? row.value.number : 0);
  answers_.text.push_back(row.value.kind == AnswerKind::text ? intern_text(row.value.text) : 0);
  answers_.origin.push_back(row.value_at);
  answer_round_.push_back(static_cast<std::uint16_t>(round));
  answer_item_.push_back(*item);
  if (with_criteria_) answer_criterion_.push_back(criterion);
  return true;
}

// ---------------------------------------------------------------------------
// Finishing

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

std::uint32_t StudyBuilder::cell_of(const StudyData& study, std::size_t row) const {
  const std::size_t criterion = answer_criterion_.empty() ? 0 : answer_criterion_[row];
  return static_cast<std::uint32_t>(study.cell_index(answer_round_[row], answer_item_[row], 0) +
                                    criterion);
}

namespace {

// values[i] moved to position destination[i]. Reading in order and writing
// into one run per cell keeps the caches busy with few lines at a time.
template <typename T>
void scatter(std::vector<T>& values, const std::vector<std::uint32_t>& destination) {
  std::vector<T> out(values.size());
  for (std::size_t i = 0; i < values.size(); ++i)
    out[destination[i]] = values[i];
  values.swap(out);
}

// The answers [first, last) of one cell, put in panelist order (stably, so
// that of two answers by one panelist the earlier row stays first).
void sort_cell_by_panelist(Answers& answers, std::uint32_t first, std::uint32_t last) {
  std::vector<std::uint32_t> order(last - first);
  std::iota(order.begin(), order.end(), first);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return answers.panelist[a] < answers.panelist[b];
  });
  const auto gather = [&](auto& values) {
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
  gather(answers.origin);
}

}  // namespace

// A counting sort by cell, which keeps file order within a cell, then a
// stable sort by panelist in the cells that need it. Files are usually
// written in cell order already, and then nothing moves at all; files
// written panelist by panelist need only the counting sort.
void StudyBuilder::sort_into_cells(StudyData& study) {
  const std::size_t n = answers_.size();
  const std::size_t cell_count =
      static_cast<std::size_t>(study.rounds) * study.items.size() * study.criterion_count();
  std::vector<std::uint32_t>& begin = study.cell_begin;
  begin.assign(cell_count + 1, 0);
  bool cells_in_order = true;  // then only panelists may need sorting
  std::uint32_t previous = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint32_t cell = cell_of(study, i);
    ++begin[cell + 1];
    cells_in_order = cells_in_order && previous <= cell;
    previous = cell;
  }
  std::partial_sum(begin.begin(), begin.end(), begin.begin());

  if (!cells_in_order) {
    std::vector<std::uint32_t> destination(n);
    std::vector<std::uint32_t> next(begin.begin(), begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
      destination[i] = next[cell_of(study, i)]++;
    std::vector<std::uint16_t>().swap(answer_round_);
    std::vector<std::uint32_t>().swap(answer_item_);
    std::vector<std::uint32_t>().swap(answer_criterion_);
    scatter(answers_.panelist, destination);
    scatter(answers_.kind, destination);
    scatter(answers_.number, destination);
    scatter(answers_.text, destination);
    scatter(answers_.origin, destination);
  }
  for (std::size_t c = 0; c < cell_count; ++c) {
    const auto first = answers_.panelist.begin() + begin[c];
    const auto last = answers_.panelist.begin() + begin[c + 1];
    if (!std::is_sorted(first, last)) sort_cell_by_panelist(answers_, begin[c], begin[c + 1]);
  }
  std::vector<std::uint16_t>().swap(answer_round_);
  std::vector<std::uint32_t>().swap(answer_item_);
  std::vector<std::uint32_t>().swap(answer_criterion_);
  study.answers = std::move(answers_);
}

void StudyBuilder::report_duplicates(const StudyData& study) {
  const std::size_t items = study.items.size();
  const std::size_t criteria = study.criterion_count();
  const Answers& answers = study.answers;
  for (std::size_t c = 0; c + 1 < study.cell_begin.size() && !diagnostics_.full(); ++c) {
    for (std::uint32_t k = study.cell_begin[c] + 1; k < study.cell_begin[c + 1]; ++k) {
      if (answers.panelist[k] != answers.panelist[k - 1]) continue;
      const std::size_t round = c / (items * criteria) + 1;
      const std::size_t item = (c / criteria) % items;
      const std::string criterion =
          study.criteria.empty() ? std::string()
                                 : fmt::format(", criterion {}", study.criteria[c % criteria]);
      report_row(Severity::error, answers.origin[k],
                 fmt::format("duplicate answer: round {}, panelist {}, item {}{} already has an "
                             "answer{}; remove one of the two rows",
                             round, study.panel.ids[answers.panelist[k]], study.items.ids[item],
                             criterion, line_reference(answers.origin[k - 1])));
    }
  }
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

  for (AttributeTable* table : {&study.panel, &study.items}) {
    table->index.reserve(table->ids.size());
    for (std::uint32_t i = 0; i < table->ids.size(); ++i)
      table->index.emplace(table->ids[i], i);
  }
  return study;
}

}  // namespace tholos::study
