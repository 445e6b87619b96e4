// Fuzz target: any bytes through the CSV reader (grammar/csv_reader.hpp),
// which reads every data file of a study. Study loading itself reads files
// only (study/load_study.hpp has no in-memory entry point), so it is left
// to eval_fuzz, which builds studies through the same checks in memory.
//
// Checks, besides "no crash, hang, leak or undefined behaviour":
//   - every record has at least one field, and records and fields lie inside
//     the text, in order, each field inside its record;
//   - an unquoted field's text is its bytes; a quoted one is shorter;
//   - reading succeeds exactly when there is no error, and a failure says
//     where (line and column inside the file);
//   - a handler that stops early stops the reader;
//   - reading the bytes as a file in chunks (of 1 to 64 bytes, so that
//     records, quoted fields and line ends straddle chunk boundaries) gives
//     the same records, fields and diagnostics as reading them whole;
//   - the reader's fast path for plain lines agrees with the grammar: after
//     a first line with a quoted field (which sends the rest of the text to
//     the grammar), the records and errors are the same, one line later.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"
#include "grammar/csv_reader.hpp"

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// Touches every byte of a view, so that ASan sees a dangling one.
volatile unsigned sink = 0;
void touch(std::string_view text) {
  unsigned sum = 0;
  for (const char c : text)
    sum += static_cast<unsigned char>(c);
  sink = sink + sum;
}

// What a read hands on and reports, to compare two reads.
struct Trace {
  std::vector<std::string> records;
  std::vector<std::string> diagnostics;  // as rendered
  std::vector<std::string> errors;       // line:column: message
  bool ok = false;
};

std::string describe(const tholos::csv::Record& record) {
  std::string out = std::to_string(record.line) + ":" + std::to_string(record.begin) + "-" +
                    std::to_string(record.end);
  for (const auto& field : record.fields) {
    out += "|" + std::to_string(field.line) + ":" + std::to_string(field.column) + ":" +
           std::to_string(field.begin) + "-" + std::to_string(field.end) +
           (field.quoted ? "q" : "") + "=" + std::string(field.text);
  }
  return out;
}

// `line_shift` lines before the text were not its own.
Trace trace_of(const tholos::DiagnosticList& diagnostics, std::vector<std::string> records, bool ok,
               int line_shift = 0) {
  Trace trace{std::move(records), {}, {}, ok};
  for (const auto& d : diagnostics.items()) {
    trace.diagnostics.push_back(d.rendered);
    trace.errors.push_back(std::to_string(d.line > 0 ? d.line - line_shift : 0) + ":" +
                           std::to_string(d.column) + ": " + d.message);
  }
  return trace;
}

// The text read whole, without a leading byte order mark (the chunked
// reader skips it and counts offsets from after it, as the study loader
// does for the whole text).
Trace read_whole(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  const tholos::SourceFile source("fuzz.csv", std::string(text));
  tholos::DiagnosticList diagnostics;
  std::vector<std::string> records;
  const bool ok = tholos::csv::read_records(source, diagnostics, [&](const auto& record) {
    records.push_back(describe(record));
    return true;
  });
  return trace_of(diagnostics, std::move(records), ok);
}

// The text read whole after a first line `"q"` that only the grammar
// reads: the records after it and every error, moved back by that line.
// (Rendered diagnostics show the line, so only `errors` compare.)
Trace read_after_quoted_line(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  constexpr std::string_view kFirst = "\"q\"\n";
  const tholos::SourceFile source("fuzz.csv", std::string(kFirst) + std::string(text));
  tholos::DiagnosticList diagnostics;
  std::vector<std::string> records;
  bool first = true;
  const bool ok = tholos::csv::read_records(source, diagnostics, [&](auto record) {
    if (first) {
      first = false;
      return true;
    }
    std::vector<tholos::csv::Field> fields(record.fields.begin(), record.fields.end());
    for (auto& f : fields) {
      --f.line;
      f.begin -= kFirst.size();
      f.end -= kFirst.size();
    }
    --record.line;
    record.begin -= kFirst.size();
    record.end -= kFirst.size();
    record.fields = fields;
    records.push_back(describe(record));
    return true;
  });
  return trace_of(diagnostics, std::move(records), ok, 1);
}

Trace read_chunked(const std::uint8_t* data, std::size_t size, std::size_t chunk) {
  std::FILE* file = fmemopen(const_cast<std::uint8_t*>(data), size, "rb");
  if (file == nullptr) return read_whole({});  // fmemopen refuses size 0
  tholos::DiagnosticList diagnostics;
  std::vector<std::string> records;
  const bool ok = tholos::csv::read_records(
      file, "fuzz.csv", diagnostics,
      [&](const auto& record) {
        records.push_back(describe(record));
        return true;
      },
      chunk);
  std::fclose(file);
  return trace_of(diagnostics, std::move(records), ok);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const tholos::SourceFile source("fuzz.csv",
                                  std::string(reinterpret_cast<const char*>(data), size));
  const std::string& text = source.text();

  // The whole file.
  {
    tholos::DiagnosticList diagnostics;
    int records = 0;
    int last_line = 0;
    std::size_t last_end = 0;
    const bool ok =
        tholos::csv::read_records(source, diagnostics, [&](const tholos::csv::Record& record) {
          ++records;
          require(record.line >= 1 && record.line > last_line);
          require(record.begin <= record.end && record.end <= text.size());
          require(record.begin >= last_end);
          last_line = record.line;
          last_end = record.end;
          require(!record.fields.empty());
          if (record.is_empty_line()) {
            require(record.fields.size() == 1 && record.fields[0].text.empty());
          }
          std::size_t previous_end = record.begin;
          for (const auto& field : record.fields) {
            require(field.begin <= field.end && field.end <= record.end);
            require(field.begin >= previous_end);
            previous_end = field.end;
            require(field.line >= record.line && field.column >= 1);
            touch(field.text);
            const std::string_view raw(text.data() + field.begin, field.end - field.begin);
            if (field.quoted) {
              require(raw.size() >= 2 && raw.front() == '"' && raw.back() == '"');
              require(field.text.size() <= raw.size() - 2);
            } else {
              require(field.text == raw);
            }
          }
          return true;
        });
    require(ok == !diagnostics.has_errors());
    int lines = 1;
    for (const char c : text)
      lines += c == '\n';
    for (const auto& d : diagnostics.items()) {
      if (d.line == 0) continue;  // a note about the whole file
      require(d.line >= 1 && d.line <= lines);
      require(d.column >= 1);
    }
  }

  // A handler that stops after a few records.
  {
    tholos::DiagnosticList diagnostics;
    const int stop_after = static_cast<int>(size % 4);
    int records = 0;
    tholos::csv::read_records(source, diagnostics, [&](const tholos::csv::Record& record) {
      require(records < stop_after + 1);
      ++records;
      for (const auto& field : record.fields)
        touch(field.text);
      return records <= stop_after;
    });
  }

  // The same bytes read as a file in small chunks.
  const std::size_t chunk = size == 0 ? 1 : 1 + data[size - 1] % 64;
  const Trace whole = read_whole(text);
  const Trace chunked = read_chunked(data, size, chunk);
  require(chunked.ok == whole.ok && chunked.records == whole.records &&
          chunked.diagnostics == whole.diagnostics);

  // The plain-line fast path against the grammar alone. (Not for a text
  // with two byte order marks: at the start of a file the grammar takes
  // the second one for a mark too, after the quoted line it is data.)
  if (!std::string_view(text).starts_with("\xEF\xBB\xBF\xEF\xBB\xBF")) {
    const Trace grammar = read_after_quoted_line(text);
    require(grammar.ok == whole.ok && grammar.records == whole.records &&
            grammar.errors == whole.errors);
  }
  return 0;
}
