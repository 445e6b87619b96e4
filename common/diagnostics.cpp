#include "common/diagnostics.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "common/limits.hpp"

namespace tholos {
namespace {

// What stands on screen for a byte or character that must not be printed
// as it is: a control character would act on the terminal (ESC starts an
// escape sequence, CR moves the cursor) and a byte that is not valid UTF-8
// garbles the line. Each is replaced by one visible character, so a column
// (counted by count_code_points) is still one place on screen.
constexpr std::string_view kReplacement = "\uFFFD";  // the Unicode replacement character

// The Unicode "control picture" of a C0 control character or DEL: U+2400 +
// the code (NUL is \u2400, ESC \u241B, CR \u240D), U+2421 for DEL.
std::string control_picture(unsigned char c) {
  const unsigned code = c == 0x7F ? 0x2421 : 0x2400 + c;
  return {static_cast<char>(0xE0 | (code >> 12)), static_cast<char>(0x80 | ((code >> 6) & 0x3F)),
          static_cast<char>(0x80 | (code & 0x3F))};
}

// The characters of `text` as shown in a diagnostic: each is one character
// of `text`, or its visible substitute (above). Tabs are kept in source
// lines, so that a caret under them lines up at any tab width.
std::vector<std::string> display_characters(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_char_length(text.substr(i));
    if (length == 0) {
      out.emplace_back(kReplacement);
      ++i;
      continue;
    }
    if (length == 1 && ((c < 0x20 && c != '\t') || c == 0x7F)) {
      out.push_back(control_picture(c));
    } else if (length == 2 && c == 0xC2 && static_cast<unsigned char>(text[i + 1]) < 0xA0) {
      out.emplace_back(kReplacement);  // a C1 control character, U+0080..U+009F
    } else {
      out.emplace_back(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

// `text` with every character that must not be printed replaced (a message
// can quote an id or a code from a data file, which may hold anything).
std::string printable(std::string_view text) {
  bool clean = true;
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c >= 0x7F) clean = false;
  }
  if (clean) return std::string(text);
  std::string out;
  for (const std::string& shown : display_characters(text))
    out += shown;
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
  out += fmt::format("{}: {}", severity_name(d.severity), printable(d.message));
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
  return errors_truncated_;
}

Diagnostic unplaced_diagnostic(Severity severity, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.message = std::move(message);
  d.rendered = render_diagnostic(d);
  return d;
}

// The first error past the limit is not shown: a note says that errors were
// left out, and full() tells the stages that they may stop looking. (A
// stage that stopped as soon as the limit was reached could not tell 50
// errors from 51, and would leave out the note.)
bool DiagnosticList::admit(Severity severity) {
  if (severity == Severity::error) {
    if (error_count_ >= limits::kMaxDiagnostics) {
      if (!errors_truncated_) {
        errors_truncated_ = true;
        items_.push_back(unplaced_diagnostic(
            Severity::note,
            fmt::format("too many errors; stopped after the first {}: correct these and run again",
                        limits::kMaxDiagnostics)));
      }
      return false;
    }
    ++error_count_;
    return true;
  }
  if (severity == Severity::warning) {
    if (warning_count_ >= limits::kMaxWarnings) {
      if (!warnings_truncated_) {
        warnings_truncated_ = true;
        items_.push_back(unplaced_diagnostic(
            Severity::note,
            fmt::format("too many warnings; only the first {} are shown", limits::kMaxWarnings)));
      }
      return false;
    }
    ++warning_count_;
  }
  return true;
}

void DiagnosticList::add(Severity severity, const SourceFile& source, std::size_t begin,
                         std::size_t end, std::string message) {
  const Location from = source.locate(begin);
  // A span ends in the same segment (file) it starts in.
  const std::size_t last = source.segment_end(source.segment_of(begin));
  const Location to = source.locate(std::min(std::max(begin + 1, end), last));
  add_span(severity, std::string(from.file), from.position, to.position, from.line_text,
           std::move(message));
}

void DiagnosticList::add_span(Severity severity, std::string file, TextPosition from,
                              TextPosition to, std::string_view line_text, std::string message) {
  if (!admit(severity)) return;
  Diagnostic d;
  d.severity = severity;
  d.file = std::move(file);
  d.line = from.line;
  d.column = from.column;
  d.end_line = std::max(to.line, from.line);
  d.end_column = to.column;
  d.message = std::move(message);
  d.rendered = render_diagnostic(d, line_text);
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
