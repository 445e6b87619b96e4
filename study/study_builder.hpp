// Building a StudyData from its parts: the panel, the items, the invitations
// and one answer row at a time. The CSV loader uses it, and so can a host
// application that holds a study in memory: nothing here knows about files
// beyond the names and positions it is given for its messages.
//
// Order of calls: begin_panel/add_panelist, begin_items/add_item (either
// first), then optionally begin_invitations/add_invitation, then
// begin_answers/add_answer, then finish(). Each add_ reports what is wrong
// with its row to the DiagnosticList and returns false when the row is not
// kept; finish() checks what needs every row (duplicates, rounds without
// gaps) and returns the study, or nothing when any error was found.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/diagnostics.hpp"
#include "study/answer_value.hpp"
#include "study/study_data.hpp"

namespace tholos::study {

// Rounds are numbered 1..kMaxRounds. A Delphi study has two to four rounds;
// the bound keeps a mistyped round (2024 for 2) from sizing per-round tables.
inline constexpr int kMaxRounds = 1000;

// Cells (rounds x items x criteria) get an entry each in
// StudyData::cell_begin, and rounds x panelists one each in
// StudyData::invited; 2^26 of either is far beyond any study and keeps a
// file with thousands of rounds, items, criteria or panelists from
// exhausting memory.
inline constexpr std::size_t kMaxCells = std::size_t{1} << 26;

// One row of answers. The Origins say where each part came from (line 0
// when there is no file); diagnostics point there.
struct AnswerRow {
  // Empty when the round could not be read (already reported): the row is
  // then checked for everything else and not kept.
  std::optional<int> round;
  std::string_view panelist;
  std::string_view item;
  std::string_view criterion;  // used only with begin_answers(true, ...)
  AnswerValue value;
  Origin round_at, panelist_at, item_at, criterion_at, value_at;
};

class StudyBuilder {
  struct Table;

 public:
  explicit StudyBuilder(DiagnosticList& diagnostics) : diagnostics_(diagnostics) {}

  // No row: what the lookups of ids give for an id they do not find (a
  // sentinel rather than an optional, which costs a store and a stalled
  // load per call in the loop over the answers).
  static constexpr std::uint32_t kNoRow = std::numeric_limits<std::uint32_t>::max();

  // A file that Origin::file can refer to; returns its index. `path` is what
  // diagnostics show, `name` what messages call it ("panel.csv").
  std::uint32_t add_file(std::string path, std::string name, FileKind kind);
  // The number of data rows read from `file`, for StudyData::files.
  void set_row_count(std::uint32_t file, std::uint32_t rows);
  // Gives diagnostics the text of a source line to show under the message.
  using LineText = std::function<std::string_view(std::uint32_t file, int line)>;
  void set_line_text(LineText line_text) { line_text_ = std::move(line_text); }

  // The panel: its attribute columns, then one call per panelist with one
  // value per attribute column. `file` names the source in messages. Ids
  // are compared exactly, so an id with spaces or tabs around it ("P1 ")
  // is an error here, and so is one in an invitation or an answer.
  void begin_panel(std::vector<std::string> attribute_columns,
                   std::optional<std::uint32_t> file = {});
  bool add_panelist(std::string_view id, std::span<const std::string_view> attributes,
                    Origin origin = {});
  void begin_items(std::vector<std::string> attribute_columns,
                   std::optional<std::uint32_t> file = {});
  bool add_item(std::string_view id, std::span<const std::string_view> attributes,
                Origin origin = {});
  // When the panel or the items could not be read, or not all of their rows
  // (and that was reported), the other rows are still checked for
  // everything else, but their ids are not looked up: a missing one would
  // only repeat that error.
  void panel_unavailable();
  void items_unavailable();

  // Invitations: who was invited to which round. Without any, every
  // panelist counts as invited to every round.
  void begin_invitations(std::optional<std::uint32_t> file = {});
  bool add_invitation(std::optional<int> round, std::string_view panelist, Origin round_at = {},
                      Origin panelist_at = {});
  // Some invitations could not be read (reported): answers are then not
  // checked against them, since each such check would repeat that error.
  void invitations_incomplete() { invitations_complete_ = false; }

  // Answers. With criteria, every row names its criterion.
  void begin_answers(bool with_criteria, std::optional<std::uint32_t> file = {});
  // Room for `rows` answers, when their number is known or bounded (a
  // file's line count): growing the arrays row by row costs more than
  // reading a large file.
  void reserve_answers(std::size_t rows);
  bool add_answer(const AnswerRow& row);
  // Checking answer rows apart from the builder, on other threads while it
  // keeps rows (parallel_answers.cpp): a view of the panel, the items and
  // the invitations, which do not change once the answers begin. Each call
  // says whether add_answer would take that part of a row without a word;
  // a row with any part it does not take goes to add_answer, which reports
  // what is wrong. Copies are independent; the builder must outlive them.
  class RowChecker {
   public:
    // The row of a panelist or item id; kNoRow when add_answer would
    // report it (spaces around it, not in the table).
    std::uint32_t panelist(std::string_view id) { return find(*panel_, id, last_panelist_); }
    std::uint32_t item(std::string_view id) { return find(*items_, id, last_item_); }
    // (Inline, as lookup: they are called twice a row.)
    // Whether the invitations let `panelist` answer in `round` (1..kMaxRounds).
    bool invited(int round, std::uint32_t panelist) const;

   private:
    friend class StudyBuilder;
    explicit RowChecker(const StudyBuilder& builder)
        : builder_(&builder), panel_(&builder.panel_), items_(&builder.items_) {}
    static std::uint32_t find(const Table& table, std::string_view id, std::uint32_t& last) {
      if (trim_spaces(id).size() != id.size()) return kNoRow;  // reported by add_answer
      return lookup(table, id, last);
    }

    const StudyBuilder* builder_;
    const Table* panel_;
    const Table* items_;
    std::uint32_t last_panelist_ = 0, last_item_ = 0;
  };
  // Nothing when rows cannot be checked apart: the panel or the items
  // could not be read, or begin_answers was not called.
  std::optional<RowChecker> row_checker() const;
  // How many more answers add_answer can keep before it reports a limit.
  std::size_t answer_room() const;
  // An answer row whose round, ids, criterion and value a RowChecker took.
  struct CheckedAnswer {
    std::uint32_t panelist = 0, item = 0;
    std::uint32_t criterion = 0;     // as criterion_index gives it
    std::uint32_t text = 0;          // kind text: as text_index gives it
    double number = 0;               // kind number
    std::uint16_t round = 0;         // 1..kMaxRounds
    std::uint16_t round_column = 0;  // where the round is written
    AnswerKind kind = AnswerKind::blank;
  };
  // Keeps checked rows, one a line from line `first_line` of file `file`
  // on, as add_answer would; at most answer_room() of them.
  void keep_checked_answers(std::span<const CheckedAnswer> answers, std::uint32_t file,
                            std::uint32_t first_line);
  std::uint32_t criterion_index(std::string_view name) { return intern_criterion(name); }
  std::uint32_t text_index(std::string_view text) { return intern_text(text); }
  bool with_criteria() const { return with_criteria_; }

  // Hands every answer row to `row`, in the order they were added (the
  // loader reads its file again); false when they cannot be read again.
  using AnswerRows = std::function<bool(const std::function<void(const AnswerRow&)>& row)>;
  // With a way to read the rows again, the builder keeps no position per
  // answer (a third of a study's memory): it reads them again to find the
  // rows of a duplicate answer, and so does the study when a diagnostic
  // first asks where an answer was written.
  void reread_answers_with(AnswerRows rows) { reread_ = std::move(rows); }

  // Sorts the answers into cell order, checks what needs all of them, and
  // returns the study; nothing when this builder reported any error. Call
  // it once: the builder hands its data over.
  std::optional<StudyData> finish();

  bool failed() const { return failed_; }

  // The most answer rows the builder accepts (a host's limit); one more is
  // an error that names the limit.
  void set_max_answers(std::size_t max_answers) { max_answers_ = max_answers; }

 private:
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Index = std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>>;

  // A panel or the items while they are built.
  struct Table {
    AttributeTable table;
    Index index;
    std::vector<Origin> origins;
    std::optional<std::uint32_t> file;
    bool available = false;
    std::uint32_t last_row = 0;  // the row of the last id looked up
  };

  void begin_table(Table& table, const char* id_column, std::vector<std::string> columns,
                   std::optional<std::uint32_t> file);
  bool add_row(Table& table, const char* what, std::string_view id,
               std::span<const std::string_view> attributes, Origin origin);
  // The row of `id` in `table`, kNoRow if none; `last_row` is the row last
  // found, tried first with the one after it (files list ids in runs).
  static std::uint32_t lookup(const Table& table, std::string_view id, std::uint32_t& last_row) {
    const std::vector<std::string>& ids = table.table.ids;
    const std::uint32_t last = last_row;
    // Ids are short: comparing them here costs less than a call to memcmp.
    // From the end, where ids that follow one another differ (P0001, P0002).
    const auto is = [id](const std::string& candidate) {
      if (candidate.size() != id.size()) return false;
      for (std::size_t i = id.size(); i-- > 0;) {
        if (candidate[i] != id[i]) return false;
      }
      return true;
    };
    if (last < ids.size() && is(ids[last])) return last;
    if (last + 1 < ids.size() && is(ids[last + 1])) return last_row = last + 1;
    const auto found = table.index.find(id);
    if (found == table.index.end()) return kNoRow;
    return last_row = found->second;
  }
  // The row of an id another file names (ratings, invitations). kNoRow,
  // reported, when it has spaces around it or is not an id of `table`;
  // kNoRow, unreported, for any other id when the table could not be read.
  std::uint32_t find_id(Table& table, const char* what, std::string_view id, Origin at);
  void report_unknown(const Table& table, const char* what, std::string_view id, Origin at);
  std::string suggestion(const Table& table, std::string_view id) const;

  std::uint32_t intern_criterion(std::string_view name);
  std::uint32_t intern_text(std::string_view text);

  // Where an answer goes before the number of criteria is known: its
  // round and item as one number ((round - 1) * items + item, saturated,
  // and then the study is too large) and its criterion.
  struct CellKey {
    std::uint32_t round_item = 0;
    std::uint32_t criterion = 0;
    auto operator<=>(const CellKey&) const = default;
  };
  // A run of answers added one after another for the same cell.
  struct Run {
    CellKey key;
    std::uint32_t begin = 0;
  };
  static CellKey cell_key(int round, std::uint32_t item, std::uint32_t criterion,
                          std::size_t items);
  // The cell's index once the number of criteria is known.
  static std::uint32_t cell_of(CellKey key, std::size_t criteria) {
    return static_cast<std::uint32_t>(key.round_item * criteria + key.criterion);
  }
  void note_cell(CellKey key);
  // Whether an answer row was kept, and if so its cell key and panelist.
  struct RowKeys;
  // (The items are counted by the caller: finish() has handed them over.)
  std::shared_ptr<const RowKeys> row_keys(std::size_t items) const;

  // Dense placement (answer_grid.cpp): each answer written straight into
  // its slot of a (round, item, panelist) grid, for files that are not in
  // cell order.
  struct Grid {
    // kind[slot]: 0 for no answer, else the AnswerKind plus 1. A round's
    // slots are items x panelists, ((round - 1) * items + item) * panelists
    // + panelist.
    BulkVector<std::uint8_t> kind;
    // Read only where kind is not 0, so not cleared when the grid grows.
    BulkVector<double, BulkInit::none> number;
    BulkVector<std::uint32_t, BulkInit::none> text;
    std::size_t items = 0, panelists = 0;
    int rounds = 0;
    std::size_t filled = 0;
  };
  // The part of add_answer after its checks.
  void keep_answer(int round, std::uint32_t panelist, std::uint32_t item, std::uint32_t criterion,
                   const AnswerValue& value, Origin round_at, Origin value_at);
  void place_answer(int round, std::uint32_t panelist, std::uint32_t item, std::uint32_t criterion,
                    AnswerKind kind, double number, std::uint32_t text, Origin round_at);
  bool grid_fits(int rounds) const;
  // Moves answers with a key each into a grid, when one fits.
  void try_grid();
  // Places an answer in the grid; false, after moving the grid's answers
  // back to answers_ (with keys), when it cannot take it.
  bool place_in_grid(int round, std::uint32_t item, std::uint32_t panelist, AnswerKind kind,
                     double number, std::uint32_t text);
  void leave_grid();
  void grid_compact(std::vector<std::uint32_t>* begin);
  std::size_t kept_answers() const;  // answers_ or the grid's

  bool check_rounds();
  void sort_into_cells(StudyData& study);
  void report_duplicates(const StudyData& study);
  void find_origins(StudyData& study);
  void build_invited(StudyData& study);

  // An Origin in no file: its diagnostic has no position.
  static constexpr Origin kNowhere{std::numeric_limits<std::uint32_t>::max(), 0, 0};
  static int length_of(std::string_view text);

  // Diagnostics at an Origin: the caret under `length` characters.
  void report(Severity severity, Origin at, int length, std::string message);
  // A diagnostic about a whole row: the whole line is underlined.
  void report_row(Severity severity, Origin at, std::string message);
  std::string file_label(std::optional<std::uint32_t> file, const char* fallback) const;
  std::string line_reference(Origin earlier) const;

  DiagnosticList& diagnostics_;
  LineText line_text_;
  bool failed_ = false;
  std::size_t max_answers_ = SIZE_MAX;
  std::size_t answer_count_ = 0;
  bool answers_limit_reported_ = false;

  std::vector<DataFile> files_;
  Table panel_;
  Table items_;

  bool has_invitations_ = false;
  bool invitations_complete_ = true;
  std::optional<std::uint32_t> invitations_file_;
  // invited_at_[round - 1][panelist]: the line of the invitation, 0 if none;
  // empty for a round without invitations.
  std::vector<std::vector<std::uint32_t>> invited_at_;
  std::vector<Origin> first_invitation_of_round_;
  std::size_t invitation_entries_ = 0;

  bool with_criteria_ = false;
  std::optional<std::uint32_t> answers_file_;
  std::vector<std::string> criteria_;
  Index criterion_index_;
  std::vector<std::string> texts_;
  Index text_index_;

  // Answers in the order they were added. While they come in cell order
  // (as a file written statement by statement does), the runs of each cell
  // say where they go; from the first that does not, a key per answer.
  Answers answers_;
  std::vector<Origin> answer_origins_;  // only without reread_
  AnswerRows reread_;
  std::vector<Run> runs_;
  bool in_cell_order_ = true;
  // When not in cell order: each answer's CellKey, in two arrays (the
  // criteria only with a criterion column).
  BulkVector<std::uint32_t> answer_round_item_;
  std::vector<std::uint32_t> answer_criterion_;
  // The answers when placed in a grid (in_cell_order_ is then false and
  // answers_ empty); the rows expected, from reserve_answers, decide whether
  // a grid is small enough.
  std::optional<Grid> grid_;
  std::size_t expected_rows_ = 0;
  std::vector<Origin> first_answer_of_round_;  // index round - 1; line 0 if none
  int max_round_ = 0;
};

}  // namespace tholos::study
