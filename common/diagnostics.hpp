// Collecting diagnostics while a stage runs, and rendering them the way a
// compiler does: "FILE:LINE:COL: error: message", the source line, a caret.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/source_file.hpp"
#include "tholos/tholos.hpp"

namespace tholos {

// "error", "warning" or "note".
const char* severity_name(Severity severity);

// Renders `d` with its source line and a caret (^~~~) under the span when
// `line_text` is given; without it, only the first line.
std::string render_diagnostic(const Diagnostic& d, std::string_view line_text = {});
// A diagnostic with no position (a note, an error about the whole input),
// rendered.
Diagnostic unplaced_diagnostic(Severity severity, std::string message);

// Collects diagnostics for one stage. Every stage reports all the problems it
// finds, not only the first. It keeps the first `limits::kMaxDiagnostics`
// errors; the next one is replaced by a single "too many errors" note, and
// the rest are ignored. Warnings past `limits::kMaxWarnings` likewise give
// one "too many warnings" note.
class DiagnosticList {
 public:
  // A diagnostic over the bytes [begin, end) of `source`.
  void add(Severity severity, const SourceFile& source, std::size_t begin, std::size_t end,
           std::string message);
  // A diagnostic from `from` to `to` (an end on a later line underlines the
  // rest of the first), rendered with `line_text`, the text of from's line.
  void add_span(Severity severity, std::string file, TextPosition from, TextPosition to,
                std::string_view line_text, std::string message);
  // A diagnostic at a known line and column (1-based), rendered with
  // `line_text` when given.
  void add_at(Severity severity, std::string file, int line, int column, int length,
              std::string message, std::string_view line_text = {});
  // A diagnostic that has no position in any file.
  void add_plain(Severity severity, std::string file, std::string message);

  void error(const SourceFile& source, std::size_t begin, std::size_t end, std::string message) {
    add(Severity::error, source, begin, end, std::move(message));
  }
  void warning(const SourceFile& source, std::size_t begin, std::size_t end, std::string message) {
    add(Severity::warning, source, begin, end, std::move(message));
  }

  void append(const std::vector<Diagnostic>& others);

  bool has_errors() const { return error_count_ > 0; }
  int error_count() const { return error_count_; }
  // An error has been left out (the "too many errors" note is in the list):
  // nothing more will be shown, so a stage may stop looking.
  bool full() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic> take() { return std::move(items_); }

 private:
  bool admit(Severity severity);
  std::vector<Diagnostic> items_;
  int error_count_ = 0;
  int warning_count_ = 0;
  bool errors_truncated_ = false;
  bool warnings_truncated_ = false;
};

}  // namespace tholos
