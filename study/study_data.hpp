// The data of one study, as loaded from its CSV files or built by a host:
// panel, items, invitations and answers. Knows nothing of rule files: whether
// an answer is a valid rating on a scale, a declared code or an error is
// decided when a program is bound to the study (interpreter/), which is why
// answers keep their kind and can say where they came from.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/bulk_allocator.hpp"

namespace tholos::study {

// Panelists or items: an id column plus any attribute columns.
struct AttributeTable {
  std::string id_column;                         // "panelist" or "item"
  std::vector<std::string> ids;                  // in file order; index = panelist/item index
  std::vector<std::string> columns;              // attribute names, without the id column
  std::vector<std::vector<std::string>> values;  // values[column][row]
  std::unordered_map<std::string, std::uint32_t> index;  // id -> row

  std::optional<std::uint32_t> find(std::string_view id) const;
  std::optional<std::size_t> column(std::string_view name) const;
  std::size_t size() const { return ids.size(); }
};

enum class AnswerKind : std::uint8_t {
  number,  // the field parsed as a decimal number
  text,    // any other non-empty text: a code such as "DK", or an error
  blank,   // an empty field: shown to the panelist and not answered
};

// Where a value came from, so that a later stage can point at it.
struct Origin {
  std::uint32_t file = 0;    // index into StudyData::files
  std::uint32_t line = 0;    // 1-based line where the record starts
  std::uint32_t column = 0;  // 1-based character column of the field
};

// What a data file holds; decides how the report counts its rows.
enum class FileKind { panel, items, invitations, answers };

struct DataFile {
  std::string path;  // as given, for diagnostics
  std::string name;  // "ratings.csv", "the answers"...
  FileKind kind = FileKind::answers;
  std::uint32_t rows = 0;  // data records, header excluded
};

// Where each answer's value was written. A study loaded from files keeps
// no position per answer (that would be a third of its memory): the
// positions are found again, all at once, by re-reading the answers file
// when a diagnostic first asks for one. A study built from a host's rows
// keeps the positions it was given.
class AnswerOrigins {
 public:
  using Find = std::function<std::vector<Origin>()>;

  // Where answer `answer` was written; line 0 (no position, in `file`)
  // when that cannot be found, as when the file has changed since.
  Origin operator[](std::size_t answer) const;

  // One position per answer, in answer order.
  void keep(std::vector<Origin> origins) { kept_ = std::move(origins); }
  // `find` gives every answer's position, in answer order, or nothing. It
  // runs once, on first use, whichever thread asks.
  void find_with(std::uint32_t file, Find find);

 private:
  struct Found {
    std::once_flag once;
    Find find;
    std::vector<Origin> origins;
  };
  std::vector<Origin> kept_;
  std::uint32_t file_ = 0;
  std::shared_ptr<Found> found_;  // shared by copies: the answers are the same
};

// Answers in cell order: sorted by (round, item, criterion, panelist). A cell
// is one statement's answers on one criterion in one round.
struct Answers {
  BulkVector<std::uint32_t> panelist;
  BulkVector<AnswerKind> kind;
  // (Each element is written where its answer is added, so growing these
  // does not clear them first.)
  BulkVector<double, BulkInit::none> number;       // for AnswerKind::number, else 0
  BulkVector<std::uint32_t, BulkInit::none> text;  // for AnswerKind::text: index into texts
  AnswerOrigins origin;
  std::size_t size() const { return panelist.size(); }
};

struct StudyData {
  std::vector<DataFile> files;
  AttributeTable panel;  // id column "panelist"
  AttributeTable items;  // id column "item"
  // Criteria in order of first appearance; empty when the ratings have no
  // criterion column (then every cell uses criterion index 0).
  std::vector<std::string> criteria;
  int rounds = 0;  // rounds are numbered 1..rounds, without gaps
  bool has_invitations = false;
  // invited[round - 1][panelist]: 1 when invited (all 1 without invitations.csv)
  std::vector<std::vector<std::uint8_t>> invited;
  Answers answers;
  std::vector<std::string> texts;  // distinct non-numeric answers

  // Cells are numbered ((round - 1) * items + item) * criteria + criterion;
  // the answers of cell c are [cell_begin[c], cell_begin[c + 1]).
  std::vector<std::uint32_t> cell_begin;

  std::size_t criterion_count() const { return criteria.empty() ? 1 : criteria.size(); }
  std::size_t cell_index(int round, std::uint32_t item, std::uint32_t criterion) const {
    return (static_cast<std::size_t>(round - 1) * items.size() + item) * criterion_count() +
           criterion;
  }
  // Whether item was presented (has any answer row, blank or not) in round.
  bool presented(int round, std::uint32_t item) const;
};

// Everything a study holds from its ratings, as text, answer by answer with
// where it was written: two loads that should agree (tests, fuzz targets)
// compare these.
std::string describe_answers(const StudyData& study);

}  // namespace tholos::study
