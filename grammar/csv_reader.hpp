// Reading the records of a CSV file (RFC 4180, UTF-8; see csv_grammar.hpp)
// and handing them one at a time to a callback. Fields are views into the
// file's text, so reading allocates nothing per field; only a quoted field
// with a doubled quote ("") is unescaped, into a buffer the record owns.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
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

  // A line with nothing on it (not even "").
  bool is_empty_line() const { return begin == end; }
};

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

}  // namespace tholos::csv
