// The CSV reader: the grammar of csv_grammar.hpp with actions that collect
// each record's fields and hand the record on. This is the only translation
// unit that instantiates the grammar.
#include "grammar/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "common/limits.hpp"
#include "grammar/csv_grammar.hpp"

namespace tholos::csv {
namespace {

namespace pegtl = tao::pegtl;

// Syntax errors reported for one file before reading stops: a file that is
// not CSV in UTF-8 at all (a spreadsheet, UTF-16) has one on every line, and
// ten say as much as fifty while leaving room for the other files' errors.
constexpr int kMaxSyntaxErrors = 10;

// Thrown by an action when the handler asks to stop reading.
struct StopReading {};

// What the actions know while one run of the grammar goes over the text.
struct ReaderState {
  const char* text_begin = nullptr;
  const char* text_end = nullptr;
  const RecordHandler* handle = nullptr;

  // The line the parser is on. Columns are counted incrementally from the
  // start of that line: `column_base` is at column `column_at_base`.
  int line = 1;
  const char* column_base = nullptr;
  int column_at_base = 1;

  int record_line = 1;

  // The quoted field being read. `opening_quote` is also what the control
  // class points at when the field never closes.
  const char* opening_quote = nullptr;
  bool in_quotes = false;
  bool has_escaped_quote = false;
  int quote_line = 0;
  int quote_column = 0;
  std::string_view quoted_raw;

  // Where an error found by an action ends, so that reading resumes after it.
  const char* error_end = nullptr;

  std::vector<Field> fields;
  // Unescaped text of quoted fields with "" in them; the fields' views are
  // set when the record is complete, since the buffer may move as it grows.
  std::string unescaped;
  std::vector<std::pair<std::size_t, std::size_t>> unescaped_fields;  // field, offset

  std::size_t offset(const char* p) const { return static_cast<std::size_t>(p - text_begin); }

  void start_line(const char* p) {
    column_base = p;
    column_at_base = 1;
  }

  int column_of(const char* p) {
    column_at_base +=
        count_code_points(std::string_view(column_base, static_cast<std::size_t>(p - column_base)));
    column_base = p;
    return column_at_base;
  }

  void restart(const char* p, int at_line) {
    line = at_line;
    record_line = at_line;
    start_line(p);
    // An editor does not show a byte order mark, so columns start after it.
    if (p == text_begin && text_end - p >= 3 && std::string_view(p, 3) == "\xEF\xBB\xBF") {
      start_line(p + 3);
    }
    in_quotes = false;
    error_end = nullptr;
    fields.clear();
    unescaped.clear();
    unescaped_fields.clear();
  }
};

// Checked when a field is complete, so that the position is the field's.
template <typename ActionInput>
void check_field_size(const ActionInput& in, ReaderState& state, std::size_t size) {
  if (size <= limits::kMaxCsvFieldBytes) return;
  state.error_end = in.end();
  throw pegtl::parse_error(
      fmt::format("a field of {} bytes, more than the limit of {}; shorten it, or if it should "
                  "not be this long, look for a quote that is not closed where it should be",
                  size, limits::kMaxCsvFieldBytes),
      in.input().position(in.begin()));
}

template <typename Rule>
struct action : pegtl::nothing<Rule> {};

template <>
struct action<grammar::unquoted_field> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    check_field_size(in, state, in.size());
    Field& field = state.fields.emplace_back();
    field.text = std::string_view(in.begin(), in.size());
    field.line = state.line;
    field.column = state.column_of(in.begin());
    field.begin = state.offset(in.begin());
    field.end = state.offset(in.end());
  }
};

template <>
struct action<grammar::opening_quote> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    state.opening_quote = in.begin();
    state.in_quotes = true;
    state.has_escaped_quote = false;
    state.quote_line = state.line;
    state.quote_column = state.column_of(in.begin());
  }
};

template <>
struct action<grammar::escaped_quote> {
  static void apply0(ReaderState& state) { state.has_escaped_quote = true; }
};

template <>
struct action<grammar::quoted_text> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    state.quoted_raw = std::string_view(in.begin(), in.size());
    // Line ends inside quotes are data, but they move the line count on.
    const char* last_line_end = nullptr;
    for (const char* p = in.begin(); p != in.end(); ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(in.end() - p)));
      if (p == nullptr) break;
      ++state.line;
      last_line_end = p;
    }
    if (last_line_end != nullptr) state.start_line(last_line_end + 1);
  }
};

template <>
struct action<grammar::closing_quote> {
  static void apply0(ReaderState& state) { state.in_quotes = false; }
};

template <>
struct action<grammar::quoted_field> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    std::string_view text = state.quoted_raw;
    std::size_t size = text.size();
    if (state.has_escaped_quote) {
      const std::size_t at = state.unescaped.size();
      for (std::size_t i = 0; i < text.size(); ++i) {
        state.unescaped += text[i];
        if (text[i] == '"') ++i;  // the second quote of a pair
      }
      size = state.unescaped.size() - at;
      state.unescaped_fields.emplace_back(state.fields.size(), at);
    }
    check_field_size(in, state, size);
    Field& field = state.fields.emplace_back();
    field.text = std::string_view(text.data(), size);
    field.line = state.quote_line;
    field.column = state.quote_column;
    field.begin = state.offset(in.begin());
    field.end = state.offset(in.end());
    field.quoted = true;
  }
};

template <>
struct action<grammar::record> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    // After a final line end the grammar sees one empty record at the end
    // of the file; that is no record.
    if (in.empty() && in.end() == in.input().end()) {
      state.fields.clear();
      return;
    }
    for (const auto& [index, at] : state.unescaped_fields) {
      state.fields[index].text =
          std::string_view(state.unescaped.data() + at, state.fields[index].text.size());
    }
    Record record;
    record.line = state.record_line;
    record.begin = state.offset(in.begin());
    record.end = state.offset(in.end());
    record.fields = state.fields;
    const bool go_on = (*state.handle)(record);
    state.fields.clear();
    state.unescaped.clear();
    state.unescaped_fields.clear();
    if (!go_on) throw StopReading{};
  }
};

template <>
struct action<grammar::line_end> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    ++state.line;
    state.record_line = state.line;
    state.start_line(in.end());
  }
};

}  // namespace

bool read_records(const SourceFile& source, DiagnosticList& diagnostics,
                  const RecordHandler& handle) {
  const std::string& text = source.text();
  const char* const text_end = text.data() + text.size();
  ReaderState state;
  state.text_begin = text.data();
  state.text_end = text_end;
  state.handle = &handle;

  int errors = 0;
  std::size_t start = 0;
  int line = 1;
  for (;;) {
    // Lazy tracking: the reader counts lines itself, and PEGTL works out a
    // position only for an error (scanning from `start`, so that the cost
    // of many errors stays linear in the size of the file).
    pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
        text.data() + start, text_end, source.name().c_str());
    state.restart(text.data() + start, line);
    try {
      pegtl::parse<grammar::file, action, grammar::control>(in, state);
      return errors == 0;
    } catch (const StopReading&) {
      return errors == 0;
    } catch (const pegtl::parse_error& error) {
      const std::size_t at = start + error.positions().front().byte;
      diagnostics.error(source, at, at + 1, std::string(error.message()));
      // Inside quotes the next line is part of the same field: stop.
      if (state.in_quotes || diagnostics.full()) return false;
      if (++errors == kMaxSyntaxErrors) {
        diagnostics.add_plain(
            Severity::note, source.name(),
            fmt::format("stopped reading after {} errors; is this a CSV file saved in UTF-8?",
                        kMaxSyntaxErrors));
        return false;
      }
      std::size_t resume = at;
      if (state.error_end != nullptr) resume = std::max(resume, state.offset(state.error_end));
      const std::size_t next_line_end = text.find('\n', resume);
      if (next_line_end == std::string::npos) return false;
      start = next_line_end + 1;
      line = source.position(start).line;
    }
  }
}

}  // namespace tholos::csv
