// Reading the records of a CSV file (RFC 4180, UTF-8; see csv_grammar.hpp)
// and handing them one at a time to a callback, from a text in memory or
// from a file read in chunks (a large file is never held whole). Fields are
// views into the text read, so reading allocates nothing per field; only a
// quoted field with a doubled quote ("") is unescaped, into a buffer the
// record owns.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"

namespace tholos::csv {

struct Field {
  // The value: without the surrounding quotes, with "" turned into ".
  // Valid only while the record is being handled.
  std::string_view text;
  int line = 0;    // 1-based line where the field starts
  int column = 0;  // 1-based column (in characters) of its first character,
                   // which is the opening quote when the field is quoted
  // The field as written, quotes included: bytes [begin, end) of the source.
  std::size_t begin = 0;
  std::size_t end = 0;
  bool quoted = false;

  // The column of the value's first character (after an opening quote).
  int value_column() const { return quoted ? column + 1 : column; }
};

struct Record {
  int line = 0;  // 1-based line where the record starts
  // The record as written: bytes [begin, end) of the source, without the
  // line end.
  std::size_t begin = 0;
  std::size_t end = 0;
  std::span<const Field> fields;  // never empty
  int syntax_errors = 0;          // reported in the file before this record
  // The text read from `begin` on: the record, its line end, perhaps more.
  // Valid only while the record is being handled.
  std::string_view text;

  // A line with nothing on it (not even "").
  bool is_empty_line() const { return begin == end; }
};

// Where a byte of a record is, as a diagnostic shows it.
struct RecordPlace {
  TextPosition position;
  std::string_view line_text;  // the text of that line, without its line end
};

// The place of byte `at` of the source, from record.begin to one past the
// record's line end.
RecordPlace locate(const Record& record, std::size_t at);

// The text of line `line` (from record.line on) when the record's text
// holds all of it; nothing otherwise.
std::optional<std::string_view> line_of(const Record& record, int line);

// A diagnostic over the bytes [begin, end) of the record, as
// DiagnosticList::add would give it for the whole text.
void report(DiagnosticList& diagnostics, Severity severity, const std::string& file,
            const Record& record, std::size_t begin, std::size_t end, std::string message);

// Called once per record, in file order; returns false to stop reading.
using RecordHandler = std::function<bool(const Record&)>;

// Reads every record of `source` and hands it to `handle`. A record that
// breaks the grammar is not handed on: its error goes to `diagnostics`
// (FILE:LINE:COL, pointing at the offending byte, or at the opening quote of
// a field that never closes) and reading resumes on the next line, unless
// the error is inside quotes, where the next line is no record boundary.
// A field longer than limits::kMaxCsvFieldBytes is an error too. A final
// line end does not start an empty record; a lone empty line does.
// Returns true when the whole file was read without error.
bool read_records(const SourceFile& source, DiagnosticList& diagnostics,
                  const RecordHandler& handle);

// Where reading an open file starts: its position is byte `offset` (counted
// from after a byte order mark), the start of line `line`, after
// `syntax_errors` errors reported in the file (which count towards the
// most reported before reading stops).
struct ReadFrom {
  std::size_t offset = 0;
  int line = 1;
  int syntax_errors = 0;
};

// The size of the chunks read_records reads a file in.
inline constexpr std::size_t kChunkBytes = 256 * 1024;

// The same for the rest of an open file, read in chunks of `chunk_bytes`:
// only the records of one chunk (and a record longer than a chunk) are held
// at a time. A UTF-8 byte order mark at the start is skipped, and offsets
// count from after it. Diagnostics name the file `name`; a read error is one
// too. (Tests and the fuzz target use tiny chunks to reach every boundary.)
// From `from` past the start of the file, `file` is positioned there by the
// caller and the first byte starts a record.
bool read_records(std::FILE* file, const std::string& name, DiagnosticList& diagnostics,
                  const RecordHandler& handle, std::size_t chunk_bytes = kChunkBytes,
                  ReadFrom from = {});

}  // namespace tholos::csv
