// The CSV reader: the grammar of csv_grammar.hpp with actions that collect
// each record's fields and hand the record on. This is the only translation
// unit that instantiates the grammar.
#include "grammar/csv_reader.hpp"

#include "common/bulk_allocator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "common/limits.hpp"
#include "grammar/csv_grammar.hpp"
#include "grammar/csv_plain_line.hpp"

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
  // The text read: `held_begin` is byte `held_offset` of the file; the run
  // of the grammar ends at `window_end`.
  const char* held_begin = nullptr;
  std::size_t held_offset = 0;
  const char* window_end = nullptr;
  const RecordHandler* handle = nullptr;
  int syntax_errors = 0;  // reported in the file so far

  // The line the parser is on. Columns are counted incrementally from the
  // start of that line: `column_base` is at column `column_at_base`.
  int line = 1;
  const char* column_base = nullptr;
  int column_at_base = 1;
  // The start of the last character of more than one byte read in this
  // window, if any.
  const char* last_multibyte = nullptr;

  int record_line = 1;
  const char* record_begin = nullptr;

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

  std::size_t offset(const char* p) const {
    return held_offset + static_cast<std::size_t>(p - held_begin);
  }

  void start_line(const char* p) {
    column_base = p;
    column_at_base = 1;
  }

  int column_of(const char* p) {
    const auto bytes = static_cast<std::size_t>(p - column_base);
    // Where no character of more than one byte was read from the base on,
    // the columns are the bytes (as in nearly every data file).
    if (last_multibyte == nullptr || last_multibyte < column_base) {
      column_at_base += static_cast<int>(bytes);
    } else {
      column_at_base += count_code_points(std::string_view(column_base, bytes));
    }
    column_base = p;
    return column_at_base;
  }

  void restart(const char* p, int at_line) {
    line = at_line;
    record_line = at_line;
    record_begin = p;
    start_line(p);
    // An editor does not show a byte order mark, so columns start after it.
    if (offset(p) == 0 && window_end - p >= 3 && std::string_view(p, 3) == "\xEF\xBB\xBF") {
      start_line(p + 3);
    }
    in_quotes = false;
    last_multibyte = nullptr;
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
struct action<grammar::multibyte_char> {
  template <typename ActionInput>
  static void apply(const ActionInput& in, ReaderState& state) {
    state.last_multibyte = in.begin();
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
    record.syntax_errors = state.syntax_errors;
    record.text =
        std::string_view(in.begin(), static_cast<std::size_t>(state.window_end - in.begin()));
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
    state.record_begin = in.end();
    state.start_line(in.end());
  }
};

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// The place of byte `at` of the file in `text`, which is bytes from
// `text_offset` on and starts a line, line `line` (or is the rest of line 1
// after a byte order mark). Mirrors SourceFile::locate.
RecordPlace place_in(std::string_view text, std::size_t text_offset, int line, std::size_t at) {
  std::size_t relative = std::min(at, text_offset + text.size()) - std::min(at, text_offset);
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < relative;) {
    const void* found = std::memchr(text.data() + k, '\n', relative - k);
    if (found == nullptr) break;
    k = static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) + 1;
    line_start = k;
    ++line;
  }
  std::size_t line_end = text.find('\n', line_start);
  if (line_end == std::string_view::npos) line_end = text.size();
  std::string_view line_text = text.substr(line_start, line_end - line_start);
  while (!line_text.empty() && (line_text.back() == '\n' || line_text.back() == '\r'))
    line_text.remove_suffix(1);
  // An editor does not show a file's byte order mark: columns on its first
  // line start after it, and the line is shown without it.
  if (text_offset + line_start == 0 && line_text.starts_with(kByteOrderMark) &&
      relative >= line_start + kByteOrderMark.size()) {
    line_start += kByteOrderMark.size();
    line_text.remove_prefix(kByteOrderMark.size());
  }
  const int column =
      count_code_points(text.substr(line_start, relative - std::min(relative, line_start))) + 1;
  return {{line, column}, line_text};
}

// How a run of the reader over a window of the text ended.
enum class WindowEnd {
  done,       // every record of the window was read (or reported)
  stopped,    // the handler asked to stop
  failed,     // an error after which reading stops
  need_more,  // a quoted field runs past the window: read more and try again
};

// Reads the records of windows of a file's text, one after another.
class RecordReader {
 public:
  // `errors` syntax errors were reported in the file before (they count
  // towards kMaxSyntaxErrors).
  RecordReader(const std::string& name, DiagnosticList& diagnostics, const RecordHandler& handle,
               int errors = 0)
      : name_(name), diagnostics_(diagnostics), errors_(errors) {
    state_.handle = &handle;
    state_.syntax_errors = errors;
  }

  bool clean() const { return errors_ == 0; }

  // Reads held[start, end). `held` is the text from byte `held_offset` of
  // the file; `start` is the start of line `line`; `end` is the end of the
  // file when `at_eof`, otherwise just after a line end. Moves `start` and
  // `line` to where reading goes on.
  WindowEnd read(std::string_view held, std::size_t held_offset, std::size_t& start, int& line,
                 std::size_t end, bool at_eof) {
    const char* const base = held.data();
    const std::size_t window_start = start;
    const int window_line = line;
    state_.held_begin = base;
    state_.held_offset = held_offset;
    state_.window_end = base + end;
    switch (read_plain_lines(base, start, line, end)) {
      case Plain::done:
        return WindowEnd::done;
      case Plain::stopped:
        return WindowEnd::stopped;
      case Plain::other:
        break;
    }
    for (;;) {
      // Lazy tracking: the reader counts lines itself, and PEGTL works out
      // a position only for an error.
      pegtl::memory_input<pegtl::tracking_mode::lazy, pegtl::eol::lf_crlf, const char*> in(
          base + start, base + end, name_.c_str());
      state_.restart(base + start, line);
      try {
        // Only the file's first byte may start a byte order mark; later
        // windows, and reading after an error, start where a record does
        // (U+FEFF there is data).
        if (held_offset + start == 0) {
          pegtl::parse<grammar::file, action, grammar::control>(in, state_);
        } else {
          pegtl::parse<grammar::records, action, grammar::control>(in, state_);
        }
        start = end;
        line = state_.line;
        return WindowEnd::done;
      } catch (const StopReading&) {
        return WindowEnd::stopped;
      } catch (const pegtl::parse_error& error) {
        const std::size_t at = start + error.positions().front().byte;
        // A quoted field that does not close before the end of the window
        // may close in the text after it.
        if (state_.in_quotes && !at_eof && base + at == state_.opening_quote) {
          start = static_cast<std::size_t>(state_.record_begin - base);
          line = state_.record_line;
          return WindowEnd::need_more;
        }
        const std::string_view window = held.substr(window_start, end - window_start);
        const std::size_t window_offset = held_offset + window_start;
        const RecordPlace from = place_in(window, window_offset, window_line, held_offset + at);
        const RecordPlace to = place_in(window, window_offset, window_line, held_offset + at + 1);
        diagnostics_.add_span(Severity::error, name_, from.position, to.position, from.line_text,
                              std::string(error.message()));
        // Inside quotes the next line is part of the same field: stop.
        if (state_.in_quotes || diagnostics_.full()) return WindowEnd::failed;
        state_.syntax_errors = ++errors_;
        if (errors_ == kMaxSyntaxErrors) {
          diagnostics_.add_plain(
              Severity::note, name_,
              fmt::format("stopped reading after {} errors; is this a CSV file saved in UTF-8?",
                          kMaxSyntaxErrors));
          return WindowEnd::failed;
        }
        std::size_t resume = at;
        if (state_.error_end != nullptr) {
          resume = std::max(resume, static_cast<std::size_t>(state_.error_end - base));
        }
        const std::size_t next_line_end = held.substr(0, end).find('\n', resume);
        if (next_line_end == std::string_view::npos) return WindowEnd::failed;
        start = next_line_end + 1;
        line = place_in(window, window_offset, window_line, held_offset + start).position.line;
      }
    }
  }

 private:
  enum class Plain {
    done,     // the whole window was read
    stopped,  // the handler asked to stop
    other,    // a line from `start` on needs the grammar
  };

  // Reads the plain lines (csv_plain_line.hpp) from held[start] on without
  // the grammar, which accepts each and gives the same fields at the same
  // places. Stops before any other line, which the grammar reads (and
  // reports, when it breaks it).
  Plain read_plain_lines(const char* base, std::size_t& start, int& line, std::size_t end) {
    // Lines are read up to the last LF of the window, which stops every
    // scan below; a last line without one (at the end of the file) is
    // left to the grammar.
    const char* p = base + start;
    const char* stop = base + end;
    while (stop != p && stop[-1] != '\n')
      --stop;
    std::vector<Field>& fields = state_.fields;
    while (p != stop) {
      fields.clear();
      const char* const line_start = p;
      const char* next = nullptr;
      const char* const line_end = split_plain_line(p, next, [&](std::string_view text) {
        Field& f = fields.emplace_back();
        f.text = text;
        f.line = line;
        f.column = static_cast<int>(text.data() - line_start) + 1;
        f.begin = state_.offset(text.data());
        f.end = f.begin + text.size();
      });
      if (line_end == nullptr) break;
      Record record;
      record.line = line;
      record.begin = state_.offset(line_start);
      record.end = state_.offset(line_end);
      record.fields = fields;
      record.syntax_errors = errors_;
      record.text = std::string_view(line_start, static_cast<std::size_t>(base + end - line_start));
      const bool go_on = (*state_.handle)(record);
      fields.clear();
      p = next;
      ++line;
      start = static_cast<std::size_t>(p - base);
      if (!go_on) return Plain::stopped;
    }
    fields.clear();
    return start == end ? Plain::done : Plain::other;
  }

  const std::string& name_;
  DiagnosticList& diagnostics_;
  ReaderState state_;
  int errors_ = 0;
};

// The buffer a file is read into: allocated, never cleared or constructed
// byte by byte. (A vector's per-element construct and destroy loops are
// empty, but coverage instrumentation keeps them: with a 256 KiB buffer they
// were half of load_fuzz's time.) Only the bytes read are looked at.
class ReadBuffer {
 public:
  explicit ReadBuffer(std::size_t size)
      : data_(BulkAllocator<char>().allocate(size)), size_(size) {}
  ~ReadBuffer() { BulkAllocator<char>().deallocate(data_, size_); }
  ReadBuffer(const ReadBuffer&) = delete;
  ReadBuffer& operator=(const ReadBuffer&) = delete;

  char* data() { return data_; }
  std::size_t size() const { return size_; }

  // Twice the size, with the first `held` bytes kept.
  void grow(std::size_t held) {
    char* const bigger = BulkAllocator<char>().allocate(size_ * 2);
    std::memcpy(bigger, data_, held);
    BulkAllocator<char>().deallocate(data_, size_);
    data_ = bigger;
    size_ *= 2;
  }

 private:
  char* data_;
  std::size_t size_;
};

}  // namespace

RecordPlace locate(const Record& record, std::size_t at) {
  return place_in(record.text, record.begin, record.line, at);
}

std::optional<std::string_view> line_of(const Record& record, int line) {
  std::string_view text = record.text;
  for (int l = record.line; l < line; ++l) {
    const std::size_t line_end = text.find('\n');
    if (line_end == std::string_view::npos) return std::nullopt;
    text.remove_prefix(line_end + 1);
  }
  const std::size_t line_end = text.find('\n');
  if (line < record.line || line_end == std::string_view::npos) return std::nullopt;
  text = text.substr(0, line_end);
  while (!text.empty() && text.back() == '\r')
    text.remove_suffix(1);
  return text;
}

void report(DiagnosticList& diagnostics, Severity severity, const std::string& file,
            const Record& record, std::size_t begin, std::size_t end, std::string message) {
  const RecordPlace from = locate(record, begin);
  const RecordPlace to = locate(record, std::max(begin + 1, end));
  diagnostics.add_span(severity, file, from.position, to.position, from.line_text,
                       std::move(message));
}

bool read_records(const SourceFile& source, DiagnosticList& diagnostics,
                  const RecordHandler& handle) {
  const std::string& text = source.text();
  RecordReader reader(source.name(), diagnostics, handle);
  std::size_t start = 0;
  int line = 1;
  const WindowEnd end = reader.read(text, 0, start, line, text.size(), true);
  return end != WindowEnd::failed && reader.clean();
}

bool read_records(std::FILE* file, const std::string& name, DiagnosticList& diagnostics,
                  const RecordHandler& handle, std::size_t chunk_bytes, ReadFrom from) {
  RecordReader reader(name, diagnostics, handle, from.syntax_errors);
  // A record longer than a chunk is read in a buffer twice as large, and so on.
  // (Not cleared: a small file touches only the pages it fills.)
  ReadBuffer buffer(std::max<std::size_t>(chunk_bytes, 1));
  std::size_t held = 0;              // bytes of `buffer` read
  std::size_t offset = from.offset;  // the file offset of buffer[0]
  std::size_t start = 0;             // where the next window starts in `buffer`
  int line = from.line;
  bool at_eof = false;
  bool first = from.offset == 0;
  for (;;) {
    // Keep what is not read yet at the front of the buffer, and fill it.
    if (start > 0) {
      std::memmove(buffer.data(), buffer.data() + start, held - start);
      offset += start;
      held -= start;
      start = 0;
    }
    if (!at_eof) {
      if (held == buffer.size()) buffer.grow(held);
      const std::size_t room = buffer.size() - held;
      const std::size_t got = std::fread(buffer.data() + held, 1, room, file);
      held += got;
      if (got < room) {
        if (std::ferror(file) != 0) {
          diagnostics.add_plain(Severity::error, name,
                                fmt::format("cannot read the file: {}", std::strerror(errno)));
          return false;
        }
        at_eof = true;
      }
    }
    // The byte order mark: nothing is read before its three bytes (or the
    // whole file, if shorter) are in.
    if (first) {
      if (held < kByteOrderMark.size() && !at_eof) continue;
      if (std::string_view(buffer.data(), held).starts_with(kByteOrderMark)) {
        std::memmove(buffer.data(), buffer.data() + 3, held - 3);
        held -= 3;
      }
      first = false;
    }
    std::size_t end = held;
    if (!at_eof) {
      // A window ends after a line end, where a record may end.
      const std::size_t last_line_end = std::string_view(buffer.data(), held).rfind('\n');
      if (last_line_end == std::string_view::npos) continue;
      end = last_line_end + 1;
    }
    switch (reader.read(std::string_view(buffer.data(), held), offset, start, line, end, at_eof)) {
      case WindowEnd::done:
        if (at_eof) return reader.clean();
        break;
      case WindowEnd::stopped:
        return reader.clean();
      case WindowEnd::failed:
        return false;
      case WindowEnd::need_more:
        // The record from `start` on needs more text: when it fills the
        // buffer, the buffer grows before the next read.
        break;
    }
  }
}

}  // namespace tholos::csv
