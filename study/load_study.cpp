// The CSV side of loading a study: reading each file, finding its columns
// by header name and checking the shape of every row. What the rows mean
// (known ids, duplicates, rounds) is checked by the StudyBuilder.
#include "study/load_study.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <span>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/spelling.hpp"
#include "grammar/csv_reader.hpp"
#include "study/parallel_answers.hpp"
#include "study/study_builder.hpp"

namespace tholos::study {
namespace {

namespace fs = std::filesystem;

// A column a file is read for.
struct ColumnSpec {
  const char* name;
  bool required;
};

// What happens to header columns not in the file's ColumnSpecs.
enum class OtherColumns {
  attributes,  // panel.csv, items.csv: each is an attribute
  unused,      // ratings.csv, invitations.csv: a warning each
};

struct Header {
  std::size_t width = 0;  // number of columns
  // For each ColumnSpec, its position in the record, if the header has it.
  std::vector<std::optional<std::size_t>> spec_column;
  // Attribute columns (OtherColumns::attributes): position and name.
  std::vector<std::size_t> attribute_column;
  std::vector<std::string> attribute_name;

  const csv::Field& field(const csv::Record& record, std::size_t spec) const {
    return record.fields[*spec_column[spec]];
  }
};

std::string join_names(std::span<const ColumnSpec> specs, bool required) {
  std::vector<std::string> names;
  for (const ColumnSpec& spec : specs) {
    if (spec.required == required) names.emplace_back(spec.name);
  }
  if (names.empty()) return {};
  if (names.size() == 1) return names.front();
  std::string out;
  for (std::size_t i = 0; i + 1 < names.size(); ++i)
    out += (i > 0 ? ", " : "") + names[i];
  return out + " and " + names.back();
}

// "round, panelist, item and rating (and optionally criterion)".
std::string describe_columns(std::span<const ColumnSpec> specs) {
  const std::string optional = join_names(specs, false);
  return join_names(specs, true) + (optional.empty() ? "" : " (and optionally " + optional + ")");
}

// The text of the files' lines for the builder's diagnostics: the lines
// of the record being read, or else the whole file read again (only for
// a diagnostic about an earlier row, which is rare).
class Lines {
 public:
  void add(std::uint32_t file, const std::string& path) {
    if (paths_.size() <= file) paths_.resize(file + 1);
    paths_[file] = path;
  }
  // The record being read from `file`, or none.
  void reading(std::uint32_t file, const csv::Record* record) {
    file_ = file;
    record_ = record;
  }
  std::string_view line(std::uint32_t file, int line);

 private:
  std::vector<std::string> paths_;
  std::uint32_t file_ = 0;
  const csv::Record* record_ = nullptr;
  std::unordered_map<std::uint32_t, std::unique_ptr<SourceFile>> whole_;
};

// One CSV file of the study while it is read.
class TableFile {
 public:
  TableFile(std::FILE* file, const std::string& path, std::string name, std::uint32_t index,
            DiagnosticList& diagnostics, Lines* lines = nullptr)
      : file_(file),
        path_(path),
        name_(std::move(name)),
        index_(index),
        diagnostics_(diagnostics),
        lines_(lines) {}

  const std::string& name() const { return name_; }
  bool failed() const { return failed_; }
  std::uint32_t rows() const { return rows_; }
  // Whether some records could not be read as rows (syntax errors, rows
  // with the wrong number of fields).
  bool rows_lost() const { return rows_lost_; }

  Origin origin(const csv::Field& field) const {
    return {index_, static_cast<std::uint32_t>(field.line),
            static_cast<std::uint32_t>(field.value_column())};
  }

  // Diagnostics over bytes [begin, end) of the record being read; at line
  // 1, column 1 without one.
  void error(std::size_t begin, std::size_t end, std::string message) {
    failed_ = true;
    report(Severity::error, begin, end, std::move(message));
  }
  void error(const csv::Field& field, std::string message) {
    error(field.begin, field.end, std::move(message));
  }
  void warning(std::size_t begin, std::size_t end, std::string message) {
    report(Severity::warning, begin, end, std::move(message));
  }

  // Reads the header, then hands each data row with the right number of
  // fields to `on_row`. Returns the header, or nothing when the file has
  // none or it lacks a required column (both reported).
  template <typename OnRow>
  std::optional<Header> read(std::span<const ColumnSpec> specs, OtherColumns others, OnRow on_row) {
    std::optional<Header> header;
    read_records(
        {}, header,
        [&](const csv::Record& record) {
          header = read_header(record, specs, others);
          return header.has_value();
        },
        on_row);
    if (!header && !header_seen_ && !failed_) {
      // At line 1, column 1, where the header belongs.
      error(0, 0,
            fmt::format("{} is empty; its first line must name the columns: {}", name_,
                        join_names(specs, true)));
    }
    return header;
  }

  // Asks read to stop after the row being handled, if it is a line of its
  // own; then resume_point() says where the next row starts.
  void stop_after(const csv::Record& record) {
    // Reading stops at a row that took the errors past the limit; it must
    // not resume after it (the rows before may all have been too short to
    // reach here).
    if (diagnostics_.full()) return;
    const std::string_view after = record.text.substr(record.end - record.begin);
    const std::size_t line_end = after.starts_with("\r\n") ? 2 : after.starts_with('\n') ? 1 : 0;
    if (line_end == 0 ||
        record.text.substr(0, record.end - record.begin).find('"') != std::string_view::npos) {
      return;  // the end of the file, or a record that may span lines
    }
    resume_ = csv::ReadFrom{record.end + line_end, record.line + 1, record.syntax_errors};
  }
  const std::optional<csv::ReadFrom>& resume_point() const { return resume_; }

  // Reads the rows from `from` on, after the header (read already), as
  // read does. `bom` is the size of the file's byte order mark.
  template <typename OnRow>
  void read_rest(const Header& header, csv::ReadFrom from, std::size_t bom, OnRow on_row) {
    resume_.reset();
    if (std::fseek(file_, static_cast<long>(from.offset + bom), SEEK_SET) != 0) {
      error(0, 0, fmt::format("cannot read {} again from byte {}", name_, from.offset + bom));
      return;
    }
    std::optional<Header> known = header;
    read_records(
        from, known, [](const csv::Record&) { return true; }, on_row);
  }

  // Rows read by others (the threads of parallel_answers.cpp).
  void add_rows(std::uint32_t rows) { rows_ += rows; }

  // The round in `field`: a whole number from 1. Reports anything else.
  std::optional<int> round(const csv::Field& field) {
    const int value = round_or_zero(field);
    return value != 0 ? std::optional<int>(value) : std::nullopt;
  }

  // The same, 0 when it is not one. (Called for every answer: an int comes
  // back in a register, where an optional<int> built in memory and read
  // back whole stalls the store buffer.)
  int round_or_zero(const csv::Field& field) {
    const std::string_view text = field.text;
    if (text.size() == 1 && text[0] >= '1' && text[0] <= '9') return text[0] - '0';
    return round_slow(trim_spaces(text), field);
  }

 private:
  int round_slow(std::string_view text, const csv::Field& field) {
    if (text.empty()) {
      error(field, "empty round; write the round number (1, 2, ...)");
      return 0;
    }
    int value = 0;
    for (const char c : text) {
      if (c < '0' || c > '9') {
        error(field, fmt::format("bad round '{}': a round is a whole number from 1, such as 1, 2 "
                                 "or 3",
                                 field.text));
        return 0;
      }
      value = std::min(value * 10 + (c - '0'), kMaxRounds + 1);
    }
    if (value == 0) {
      error(field, fmt::format("bad round '{}': rounds are numbered from 1; write 1 for the "
                               "first round",
                               field.text));
      return 0;
    }
    if (value > kMaxRounds) {
      error(field, fmt::format("bad round '{}': a study has at most {} rounds; correct the round",
                               field.text, kMaxRounds));
      return 0;
    }
    return value;
  }

  // Reads records from `from` on: the header to `on_header` when `header`
  // is still empty, then each row to `on_row`.
  template <typename OnHeader, typename OnRow>
  void read_records(csv::ReadFrom from, std::optional<Header>& header, OnHeader on_header,
                    OnRow on_row) {
    const bool clean = csv::read_records(
        file_, path_, diagnostics_,
        [&](const csv::Record& record) {
          current_ = &record;
          if (lines_ != nullptr) lines_->reading(index_, &record);
          if (record.is_empty_line()) {
            warning(record.begin, record.end + 1,
                    "empty line, skipped; remove it (a row with empty fields is written as "
                    "commas: ,,,)");
            return true;
          }
          if (!header_seen_ && !header) {
            header_seen_ = true;
            return on_header(record);
          }
          header_seen_ = true;
          ++rows_;
          if (record.fields.size() != header->width) {
            report_ragged(record, header->width);
          } else {
            on_row(record, *header);
          }
          return !diagnostics_.full() && !resume_;
        },
        csv::kChunkBytes, from);
    current_ = nullptr;
    if (lines_ != nullptr) lines_->reading(index_, nullptr);
    if (!clean) failed_ = rows_lost_ = true;
  }

  void report(Severity severity, std::size_t begin, std::size_t end, std::string message) {
    if (current_ != nullptr) {
      csv::report(diagnostics_, severity, path_, *current_, begin, end, std::move(message));
    } else {
      diagnostics_.add_span(severity, path_, {1, 1}, {1, 1}, {}, std::move(message));
    }
  }

  std::optional<Header> read_header(const csv::Record& record, std::span<const ColumnSpec> specs,
                                    OtherColumns others) {
    Header header;
    header.width = record.fields.size();
    header.spec_column.resize(specs.size());
    std::vector<std::string> names;
    std::unordered_map<std::string_view, std::size_t> seen;  // name -> first column
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      const csv::Field& field = record.fields[i];
      const std::string_view name = field.text;
      names.emplace_back(name);
      if (!name.empty()) {
        const auto [first, inserted] = seen.emplace(name, i);
        if (!inserted) {
          error(field, fmt::format("duplicate column '{}': column {} has the same name; rename or "
                                   "remove one of them",
                                   name, first->second + 1));
          continue;
        }
      }
      bool known = false;
      for (std::size_t s = 0; s < specs.size(); ++s) {
        if (name == specs[s].name) {
          header.spec_column[s] = i;
          known = true;
        }
      }
      if (known) continue;
      if (name.empty()) {
        warning(field.begin, field.end,
                fmt::format("column {} has no name, so it is not used; name it in the header "
                            "or remove it",
                            i + 1));
      } else if (others == OtherColumns::attributes) {
        header.attribute_column.push_back(i);
        header.attribute_name.emplace_back(name);
      } else {
        warning(field.begin, field.end,
                fmt::format("column '{}' is not used; only the columns {} of {} are read", name,
                            describe_columns(specs), name_));
      }
    }
    bool complete = true;
    for (std::size_t s = 0; s < specs.size(); ++s) {
      if (!specs[s].required || header.spec_column[s]) continue;
      complete = false;
      std::string hint;
      if (const auto near = closest_match(specs[s].name, names)) {
        hint = fmt::format("; the header has '{}': names are matched exactly, so write '{}'", *near,
                           specs[s].name);
      }
      error(record.begin, record.end,
            fmt::format("missing column '{}': the header (the first line) of {} must name the "
                        "columns {}, in any order{}",
                        specs[s].name, name_, describe_columns(specs), hint));
    }
    if (!complete) return std::nullopt;
    return header;
  }

  void report_ragged(const csv::Record& record, std::size_t width) {
    rows_lost_ = true;
    const std::size_t found = record.fields.size();
    if (found > width) {
      error(record.fields[width].begin, record.end,
            fmt::format("this row has {} fields, but the header has {} columns; remove the extra "
                        "fields, or put a field that contains a comma in quotes",
                        found, width));
    } else {
      error(record.end, record.end + 1,
            fmt::format("this row has {} field{}, but the header has {} columns; add the missing "
                        "fields (an empty one is written as nothing between two commas)",
                        found, found == 1 ? "" : "s", width));
    }
  }

  std::FILE* file_;
  const std::string& path_;
  std::string name_;
  std::uint32_t index_;
  DiagnosticList& diagnostics_;
  Lines* lines_;
  const csv::Record* current_ = nullptr;
  bool failed_ = false;
  bool rows_lost_ = false;
  bool header_seen_ = false;
  std::uint32_t rows_ = 0;
  std::optional<csv::ReadFrom> resume_;
};

// Whether `path` names a file; reported when it does not.
bool is_a_file(const std::string& path, DiagnosticList& diagnostics) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (!fs::exists(status)) {
    diagnostics.add_plain(Severity::error, path,
                          "file not found; a study needs panel.csv, items.csv and ratings.csv "
                          "(invitations.csv is optional)");
    return false;
  }
  if (fs::is_directory(status)) {
    diagnostics.add_plain(Severity::error, path, "this is a folder; a CSV file was expected");
    return false;
  }
  return true;
}

// The text of a file, or nothing (reported) when it cannot be read.
std::unique_ptr<SourceFile> read_source(const std::string& path, DiagnosticList& diagnostics) {
  if (!is_a_file(path, diagnostics)) return nullptr;
  std::ifstream in(path, std::ios::binary);
  std::string text;
  if (in) {
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) {
      text.resize(static_cast<std::size_t>(size));
      in.read(text.data(), size);
    }
  }
  if (!in) {
    diagnostics.add_plain(Severity::error, path,
                          fmt::format("cannot read the file: {}", std::strerror(errno)));
    return nullptr;
  }
  // Without its byte order mark, so that columns on line 1 are the ones an
  // editor shows (the CSV grammar would accept the mark too).
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);
  return std::make_unique<SourceFile>(path, std::move(text));
}

std::string_view Lines::line(std::uint32_t file, int line) {
  if (record_ != nullptr && file == file_) {
    if (const auto text = csv::line_of(*record_, line)) return *text;
  }
  if (file >= paths_.size()) return {};
  std::unique_ptr<SourceFile>& whole = whole_[file];
  if (!whole) {
    DiagnosticList ignored;
    whole = read_source(paths_[file], ignored);
    if (!whole) return {};
  }
  return whole->line_text(line);
}

struct CloseFile {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<std::FILE, CloseFile>;

// The file opened for reading, or nothing (reported) when it cannot be.
File open_file(const std::string& path, DiagnosticList& diagnostics) {
  if (!is_a_file(path, diagnostics)) return nullptr;
  File file(std::fopen(path.c_str(), "rb"));
  if (!file) {
    diagnostics.add_plain(Severity::error, path,
                          fmt::format("cannot read the file: {}", std::strerror(errno)));
  }
  return file;
}

FileKind kind_of(std::string_view csv_name) {
  if (csv_name == "panel.csv") return FileKind::panel;
  if (csv_name == "items.csv") return FileKind::items;
  if (csv_name == "invitations.csv") return FileKind::invitations;
  return FileKind::answers;
}

// The files of one load: each is open while it is read.
struct Sources {
  Lines lines;

  // Opens `path` and registers it with the builder; nothing when it cannot
  // be read (reported).
  File open(const std::string& path, const char* name, StudyBuilder& builder,
            DiagnosticList& diagnostics, std::uint32_t& index) {
    File file = open_file(path, diagnostics);
    if (!file) return nullptr;
    index = builder.add_file(path, name, kind_of(name));
    lines.add(index, path);
    return file;
  }
};

constexpr ColumnSpec kPanelColumns[] = {{"panelist", true}};
constexpr ColumnSpec kItemColumns[] = {{"item", true}};
constexpr ColumnSpec kInvitationColumns[] = {{"round", true}, {"panelist", true}};
constexpr ColumnSpec kRatingColumns[] = {
    {"round", true}, {"panelist", true}, {"item", true}, {"rating", true}, {"criterion", false}};
constexpr std::size_t kCriterionSpec = 4;

// Reads panel.csv or items.csv into the builder. Returns false on error.
bool load_attribute_table(const std::string& path, const char* name, bool is_panel,
                          StudyBuilder& builder, Sources& sources, DiagnosticList& diagnostics) {
  const auto unavailable = [&] {
    if (is_panel) builder.panel_unavailable();
    if (!is_panel) builder.items_unavailable();
  };
  const auto begin = [&](const Header& h, std::uint32_t index) {
    if (is_panel) builder.begin_panel(h.attribute_name, index);
    if (!is_panel) builder.begin_items(h.attribute_name, index);
  };
  std::uint32_t index = 0;
  const File source = sources.open(path, name, builder, diagnostics, index);
  if (!source) {
    unavailable();
    return false;
  }
  TableFile file(source.get(), path, name, index, diagnostics, &sources.lines);
  std::vector<std::string_view> attributes;
  bool begun = false;
  const auto header =
      file.read(is_panel ? std::span<const ColumnSpec>(kPanelColumns)
                         : std::span<const ColumnSpec>(kItemColumns),
                OtherColumns::attributes, [&](const csv::Record& record, const Header& h) {
                  if (!begun) begin(h, index);
                  begun = true;
                  attributes.clear();
                  for (const std::size_t column : h.attribute_column) {
                    attributes.push_back(record.fields[column].text);
                  }
                  const csv::Field& id = h.field(record, 0);
                  if (is_panel) builder.add_panelist(id.text, attributes, file.origin(id));
                  if (!is_panel) builder.add_item(id.text, attributes, file.origin(id));
                });
  if (header && !begun) begin(*header, index);  // a header and no rows
  // With rows that could not be read, ids that other files use may be
  // missing: saying they are unknown would only repeat the first error.
  if (!header || file.rows_lost()) unavailable();
  builder.set_row_count(index, file.rows());
  return !file.failed();
}

bool load_invitations(const std::string& path, StudyBuilder& builder, Sources& sources,
                      DiagnosticList& diagnostics) {
  std::uint32_t index = 0;
  const File source = sources.open(path, "invitations.csv", builder, diagnostics, index);
  if (!source) return false;
  builder.begin_invitations(index);
  TableFile file(source.get(), path, "invitations.csv", index, diagnostics, &sources.lines);
  const auto header = file.read(kInvitationColumns, OtherColumns::unused,
                                [&](const csv::Record& record, const Header& h) {
                                  const csv::Field& round = h.field(record, 0);
                                  const csv::Field& panelist = h.field(record, 1);
                                  builder.add_invitation(file.round(round), panelist.text,
                                                         file.origin(round), file.origin(panelist));
                                });
  if (!header || file.rows_lost()) builder.invitations_incomplete();
  builder.set_row_count(index, file.rows());
  return !file.failed();
}

// The answer in a row of ratings.csv (its round reported when bad).
AnswerRow answer_row(TableFile& file, const csv::Record& record, const Header& h) {
  const csv::Field& round = h.field(record, 0);
  const csv::Field& panelist = h.field(record, 1);
  const csv::Field& item = h.field(record, 2);
  const csv::Field& rating = h.field(record, 3);
  const csv::Field* criterion =
      h.spec_column[kCriterionSpec] ? &h.field(record, kCriterionSpec) : nullptr;
  const int round_number = file.round_or_zero(round);
  // Every member given, so that the row is written once rather than
  // cleared first (a block clear per answer is measurable).
  return AnswerRow{
      .round = round_number != 0 ? std::optional<int>(round_number) : std::nullopt,
      .panelist = panelist.text,
      .item = item.text,
      .criterion = criterion != nullptr ? criterion->text : std::string_view(),
      .value = classify_answer(rating.text),
      .round_at = file.origin(round),
      .panelist_at = file.origin(panelist),
      .item_at = file.origin(item),
      .criterion_at = criterion != nullptr ? file.origin(*criterion) : Origin{},
      .value_at = file.origin(rating),
  };
}

// Reads the rows of ratings.csv again, quietly, for the builder (see
// StudyBuilder::reread_answers_with).
bool reread_answers(const std::string& path, std::uint32_t index,
                    const std::function<void(const AnswerRow&)>& on_row) {
  DiagnosticList ignored;
  const File source = open_file(path, ignored);
  if (!source) return false;
  TableFile file(source.get(), path, "ratings.csv", index, ignored);
  const auto header = file.read(
      kRatingColumns, OtherColumns::unused,
      [&](const csv::Record& record, const Header& h) { on_row(answer_row(file, record, h)); });
  return header.has_value();
}

// Rows read before the answers' arrays are sized from the file's size (and
// before the rest of a large file is read in parallel).
constexpr std::uint32_t kSampleRows = 4096;

// The size of a byte order mark at the start of the open file `fd`, which
// the CSV reader skips and its offsets leave out.
std::size_t byte_order_mark(int fd) {
  char start[3] = {};
  return ::pread(fd, start, 3, 0) == 3 && std::string_view(start, 3) == "\xEF\xBB\xBF" ? 3 : 0;
}

AnswerColumns answer_columns(const Header& h) {
  AnswerColumns columns;
  columns.width = h.width;
  columns.round = *h.spec_column[0];
  columns.panelist = *h.spec_column[1];
  columns.item = *h.spec_column[2];
  columns.rating = *h.spec_column[3];
  columns.criterion = h.spec_column[kCriterionSpec];
  return columns;
}

bool load_ratings(const std::string& path, StudyBuilder& builder, Sources& sources,
                  DiagnosticList& diagnostics, const LoadOptions& options) {
  std::uint32_t index = 0;
  const File source = sources.open(path, "ratings.csv", builder, diagnostics, index);
  if (!source) return false;
  std::error_code size_error;
  const std::uintmax_t file_size = fs::file_size(path, size_error);
  // Whether to stop reading row by row, to read the rest in parallel.
  bool stop_for_parallel = !size_error && file_size >= options.parallel_min_bytes;
  TableFile file(source.get(), path, "ratings.csv", index, diagnostics, &sources.lines);
  bool begun = false;
  std::size_t first_row = 0;  // where the first row starts
  bool reserved = false;
  const auto add_row = [&](const csv::Record& record, const Header& h) {
    if (!begun) {
      begun = true;
      builder.begin_answers(h.spec_column[kCriterionSpec].has_value(), index);
      builder.reread_answers_with(
          [path, index](const auto& on_row) { return reread_answers(path, index, on_row); });
      first_row = record.begin;
    }
    const bool stopping = stop_for_parallel && file.rows() >= options.sequential_rows;
    // Room for as many rows as the file holds if they are as long as the
    // first ones (kSampleRows, or those before the rest is read in
    // parallel), and some.
    if (!reserved && (file.rows() == kSampleRows || stopping) && !size_error &&
        record.end > first_row) {
      reserved = true;
      const double per_row = static_cast<double>(record.end - first_row) / file.rows();
      builder.reserve_answers(
          static_cast<std::size_t>(static_cast<double>(file_size) / per_row * 1.125));
    }
    builder.add_answer(answer_row(file, record, h));
    if (stopping) file.stop_after(record);
  };
  const auto header = file.read(kRatingColumns, OtherColumns::unused, add_row);
  if (header && !begun)
    builder.begin_answers(header->spec_column[kCriterionSpec].has_value(), index);
  stop_for_parallel = false;
  if (header && file.resume_point()) {
    // The rest of a large file: on two threads while its rows are plain,
    // then row by row from the first that is not (parallel_answers.hpp).
    std::optional<csv::ReadFrom> rest = file.resume_point();
    const int fd = fileno(source.get());
    const std::size_t bom = byte_order_mark(fd);
    if (const std::optional<StudyBuilder::RowChecker> checker = builder.row_checker()) {
      ParallelOptions parallel;
      parallel.threads = options.threads;
      parallel.chunk_bytes = options.chunk_bytes;
      const ParallelResult read =
          read_answers_in_parallel(fd, bom, *rest, static_cast<std::size_t>(file_size) - bom,
                                   answer_columns(*header), builder, *checker, index, parallel);
      file.add_rows(read.rows);
      rest = read.rest;
    }
    if (rest) file.read_rest(*header, *rest, bom, add_row);
  }
  builder.set_row_count(index, file.rows());
  return !file.failed();
}

}  // namespace

StudyPaths study_paths(const std::string& dir) {
  const fs::path folder(dir);
  StudyPaths paths;
  paths.panel = (folder / "panel.csv").string();
  paths.items = (folder / "items.csv").string();
  paths.ratings = (folder / "ratings.csv").string();
  const fs::path invitations = folder / "invitations.csv";
  std::error_code error;
  if (fs::exists(invitations, error)) paths.invitations = invitations.string();
  return paths;
}

std::optional<StudyData> load_study_files(const StudyPaths& paths, DiagnosticList& diagnostics,
                                          const LoadOptions& options) {
  StudyBuilder builder(diagnostics);
  builder.set_max_answers(options.max_answers);
  Sources sources;
  builder.set_line_text([&sources](std::uint32_t file, int line) -> std::string_view {
    return sources.lines.line(file, line);
  });

  bool ok = load_attribute_table(paths.panel, "panel.csv", true, builder, sources, diagnostics);
  ok = load_attribute_table(paths.items, "items.csv", false, builder, sources, diagnostics) && ok;
  if (paths.invitations) {
    ok = load_invitations(*paths.invitations, builder, sources, diagnostics) && ok;
  }
  ok = load_ratings(paths.ratings, builder, sources, diagnostics, options) && ok;
  std::optional<StudyData> study = builder.finish();
  if (!ok) return std::nullopt;
  return study;
}

std::optional<StudyData> load_study_directory(const std::string& dir, DiagnosticList& diagnostics,
                                              const LoadOptions& options) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    diagnostics.add_plain(Severity::error, dir,
                          fs::exists(dir, error)
                              ? "not a folder; a study is a folder with panel.csv, items.csv and "
                                "ratings.csv"
                              : "folder not found; a study is a folder with panel.csv, items.csv "
                                "and ratings.csv");
    return std::nullopt;
  }
  return load_study_files(study_paths(dir), diagnostics, options);
}

}  // namespace tholos::study
