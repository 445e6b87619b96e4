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
//   - a handler that stops early stops the reader.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

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
  return 0;
}
