#include "common/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "common/limits.hpp"

namespace tholos {
namespace {

// The characters of a source line as shown under a diagnostic: each is
// one code point, or '?' for a control character or a byte that is not valid
// UTF-8 (either would corrupt a terminal); tabs are kept.
std::vector<std::string> display_characters(std::string_view line) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < line.size();) {
    const auto c = static_cast<unsigned char>(line[i]);
    std::size_t length = c < 0x80           ? 1
                         : (c >> 5) == 0x6  ? 2
                         : (c >> 4) == 0xE  ? 3
                         : (c >> 3) == 0x1E ? 4
                                            : 0;
    bool valid = length > 0 && i + length <= line.size();
    for (std::size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(line[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) {
      out.emplace_back("?");
      ++i;
      continue;
    }
    if (length == 1 && ((c < 0x20 && c != '\t') || c == 0x7F)) {
      out.emplace_back("?");
    } else {
      out.emplace_back(line.substr(i, length));
    }
    i += length;
  }
  return out;
}

// Lines longer than this are shown as a window around the caret.
constexpr std::size_t kShownCharacters = 120;

// The source line and the caret line under it, for a span starting at
// `column` (1-based, in characters) and `width` characters wide.
std::pair<std::string, std::string> source_and_caret(std::string_view line_text, int column,
                                                     int width) {
  std::vector<std::string> chars = display_characters(line_text);
  std::size_t first = 0, last = chars.size();
  std::string before, after;
  const auto caret = static_cast<std::size_t>(std::max(1, column) - 1);
  if (chars.size() > kShownCharacters) {
    first = caret > kShownCharacters / 2 ? caret - kShownCharacters / 2 : 0;
    last = std::min(chars.size(), first + kShownCharacters);
    if (first > 0) before = "...";
    if (last < chars.size()) after = "...";
  }
  std::string source = before, indent(before.size(), ' ');
  for (std::size_t i = first; i < last; ++i) {
    source += chars[i];
    if (i < caret) indent += chars[i] == "\t" ? '\t' : ' ';
  }
  source += after;
  const auto shown_width = static_cast<std::size_t>(std::max(1, width));
  const std::size_t room = last > caret ? last - caret : 1;
  return {source, indent + "^" + std::string(std::min(shown_width, room) - 1, '~')};
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
    const auto [source, caret] = source_and_caret(line_text, d.column, width);
    out += fmt::format("\n {} | {}\n {} | {}", number, source, gutter, caret);
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
  const Location from = source.locate(begin);
  // A span ends in the same segment (file) it starts in.
  const std::size_t last = source.segment_end(source.segment_of(begin));
  const Location to = source.locate(std::min(std::max(begin + 1, end), last));
  d.file = std::string(from.file);
  d.line = from.position.line;
  d.column = from.position.column;
  d.end_line = to.position.line;
  d.end_column = to.position.column;
  if (d.end_line < d.line) d.end_line = d.line;
  d.message = std::move(message);
  d.rendered = render_diagnostic(d, from.line_text);
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
