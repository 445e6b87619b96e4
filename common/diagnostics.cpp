#include "common/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "common/limits.hpp"

namespace tholos {
namespace {

// The whitespace that puts a caret under column `column` of `line`: tabs are
// kept so the caret lines up whatever the terminal's tab width.
std::string caret_indent(std::string_view line, int column) {
  std::string indent;
  int seen = 1;
  for (std::size_t i = 0; i < line.size() && seen < column; ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    if ((c & 0xC0) == 0x80) continue;  // continuation byte: same character
    indent += (c == '\t') ? '\t' : ' ';
    ++seen;
  }
  return indent;
}

// Control characters (NUL, escape...) would corrupt a terminal.
std::string printable(std::string_view line) {
  std::string out;
  out.reserve(line.size());
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7F ? '?' : c;
  }
  return out;
}

}  // namespace

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string render_diagnostic(const Diagnostic& d, std::string_view line_text) {
  std::string out;
  if (!d.file.empty()) {
    out += d.file;
    if (d.line > 0) out += fmt::format(":{}:{}", d.line, d.column);
    out += ": ";
  }
  out += fmt::format("{}: {}", severity_name(d.severity), d.message);
  if (d.line > 0 && !line_text.empty()) {
    const std::string number = std::to_string(d.line);
    const std::string gutter(number.size(), ' ');
    int width = 1;
    if (d.end_line == d.line && d.end_column > d.column) width = d.end_column - d.column;
    if (d.end_line > d.line) width = std::max(1, count_code_points(line_text) + 1 - d.column);
    out += fmt::format("\n {} | {}\n {} | {}^{}", number, printable(line_text), gutter,
                       caret_indent(line_text, d.column),
                       std::string(static_cast<std::size_t>(width - 1), '~'));
  }
  return out;
}

bool DiagnosticList::full() const {
  return error_count_ >= limits::kMaxDiagnostics;
}

bool DiagnosticList::admit(Severity severity) {
  if (severity == Severity::error) {
    if (error_count_ >= limits::kMaxDiagnostics) {
      if (!truncated_) {
        truncated_ = true;
        Diagnostic note;
        note.severity = Severity::note;
        note.message =
            fmt::format("too many errors; stopped after the first {}", limits::kMaxDiagnostics);
        note.rendered = render_diagnostic(note);
        items_.push_back(std::move(note));
      }
      return false;
    }
    ++error_count_;
    return true;
  }
  if (severity == Severity::warning) {
    if (warning_count_ >= limits::kMaxWarnings) return false;
    ++warning_count_;
  }
  return true;
}

void DiagnosticList::add(Severity severity, const SourceFile& source, std::size_t begin,
                         std::size_t end, std::string message) {
  if (!admit(severity)) return;
  Diagnostic d;
  d.severity = severity;
  d.file = source.name();
  const TextPosition from = source.position(begin);
  const TextPosition to = source.position(std::max(begin + 1, end));
  d.line = from.line;
  d.column = from.column;
  d.end_line = to.line;
  d.end_column = to.column;
  d.message = std::move(message);
  d.rendered = render_diagnostic(d, source.line_text(from.line));
  items_.push_back(std::move(d));
}

void DiagnosticList::add_at(Severity severity, std::string file, int line, int column, int length,
                            std::string message, std::string_view line_text) {
  if (!admit(severity)) return;
  Diagnostic d;
  d.severity = severity;
  d.file = std::move(file);
  d.line = line;
  d.column = column;
  d.end_line = line;
  d.end_column = column + std::max(1, length);
  d.message = std::move(message);
  d.rendered = render_diagnostic(d, line_text);
  items_.push_back(std::move(d));
}

void DiagnosticList::add_plain(Severity severity, std::string file, std::string message) {
  if (!admit(severity)) return;
  Diagnostic d;
  d.severity = severity;
  d.file = std::move(file);
  d.message = std::move(message);
  d.rendered = render_diagnostic(d);
  items_.push_back(std::move(d));
}

void DiagnosticList::append(const std::vector<Diagnostic>& others) {
  for (const Diagnostic& d : others) {
    if (admit(d.severity)) items_.push_back(d);
  }
}

}  // namespace tholos
