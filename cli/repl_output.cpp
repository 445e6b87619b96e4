#include "cli/repl_output.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>

namespace tholos::cli::repl {
namespace {

constexpr std::string_view kDim = "2";
constexpr std::string_view kBold = "1";
constexpr std::string_view kRed = "1;31";
constexpr std::string_view kYellow = "1;33";

const char* severity_word(Severity severity) {
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

bool is_continuation_byte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The first `count` characters of `line` as white space, keeping tabs so
// that the caret lines up under the character it points at.
std::string indent_for(std::string_view line, int count) {
  std::string out;
  int seen = 0;
  for (std::size_t i = 0; i < line.size() && seen < count; ++i) {
    if (is_continuation_byte(line[i])) continue;
    out += line[i] == '\t' ? '\t' : ' ';
    ++seen;
  }
  return out + std::string(static_cast<std::size_t>(std::max(0, count - seen)), ' ');
}

// Control characters would upset a terminal: each shows as '?'.
std::string printable(std::string_view line) {
  std::string out;
  for (char c : line) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 && c != '\t') || u == 0x7F ? '?' : c;
  }
  return out;
}

}  // namespace

bool colour_wanted(bool terminal) {
  if (!terminal) return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  return term != nullptr && *term != '\0' && std::string_view(term) != "dumb";
}

Diagnostic repl_error(std::string message) {
  Diagnostic d;
  d.severity = Severity::error;
  d.message = std::move(message);
  d.rendered = "error: " + d.message;
  return d;
}

Diagnostic relocated(const Diagnostic& d, std::string file, int line, std::string_view line_text) {
  Diagnostic out = d;
  const int shift = line - d.line;
  out.file = std::move(file);
  out.line = line;
  if (out.end_line > 0) out.end_line += shift;
  out.rendered = out.file + ":" + std::to_string(line) + ":" + std::to_string(d.column) + ": " +
                 severity_word(d.severity) + ": " + d.message;
  const std::string number = std::to_string(line);
  int width = 1;
  if (out.end_line == out.line && out.end_column > out.column) width = out.end_column - out.column;
  if (out.end_line > out.line) {
    width = std::max(1, static_cast<int>(display_width(line_text)) + 1 - out.column);
  }
  out.rendered += "\n " + number + " | " + printable(line_text);
  out.rendered += "\n " + std::string(number.size(), ' ') + " | " +
                  indent_for(line_text, std::max(0, d.column - 1)) + "^" +
                  std::string(static_cast<std::size_t>(width - 1), '~');
  return out;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return !is_continuation_byte(c); }));
}

bool is_numeric(const Value& value) {
  return value.kind == ValueKind::number || value.kind == ValueKind::percentage ||
         value.kind == ValueKind::missing;
}

std::string Printer::styled(std::string_view code, std::string_view text) const {
  if (!colour_ || text.empty()) return std::string(text);
  return "\x1b[" + std::string(code) + "m" + std::string(text) + "\x1b[0m";
}
std::string Printer::dim(std::string_view text) const {
  return styled(kDim, text);
}
std::string Printer::bold(std::string_view text) const {
  return styled(kBold, text);
}
std::string Printer::red(std::string_view text) const {
  return styled(kRed, text);
}
std::string Printer::yellow(std::string_view text) const {
  return styled(kYellow, text);
}

void Printer::diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const Diagnostic& d : diagnostics) {
    if (!colour_) {
      out_ << d.rendered << '\n';
      continue;
    }
    // The first line in the severity's colour, the caret line too.
    const std::string& text = d.rendered;
    const std::size_t first_end = std::min(text.find('\n'), text.size());
    const std::size_t caret_start = text.rfind('\n');
    const bool has_caret = caret_start != std::string::npos && caret_start > first_end;
    auto paint = [&](std::string_view part) {
      return d.severity == Severity::error     ? red(part)
             : d.severity == Severity::warning ? yellow(part)
                                               : bold(part);
    };
    out_ << paint(std::string_view(text).substr(0, first_end));
    if (has_caret) {
      out_ << text.substr(first_end, caret_start + 1 - first_end);
      const std::string caret_line = text.substr(caret_start + 1);
      const std::size_t bar = caret_line.find('|');
      const std::size_t split = bar == std::string::npos ? 0 : bar + 1;
      out_ << caret_line.substr(0, split) << paint(std::string_view(caret_line).substr(split));
    } else if (first_end < text.size()) {
      out_ << text.substr(first_end);
    }
    out_ << '\n';
  }
}

void Printer::error(std::string_view message) {
  diagnostics({repl_error(std::string(message))});
}

void Printer::info(std::string_view text) {
  out_ << text << '\n';
}

void Printer::note(std::string_view text) {
  out_ << dim(text) << '\n';
}

void Printer::value(const Value& value, std::string_view type) {
  with_dim_tail(format_value(value), " : " + std::string(type));
}

void Printer::with_dim_tail(std::string_view head, std::string_view tail) {
  out_ << head << dim(tail) << '\n';
}

void Printer::table(const std::vector<std::pair<std::string, std::string>>& rows,
                    bool right_align) {
  std::size_t key_width = 0, value_width = 0;
  for (const auto& [key, value] : rows) {
    key_width = std::max(key_width, display_width(key));
    value_width = std::max(value_width, display_width(value));
  }
  for (const auto& [key, value] : rows) {
    std::string line = key + std::string(key_width - display_width(key) + 2, ' ');
    const std::string pad(value_width - display_width(value), ' ');
    line += right_align ? pad + value : value;
    out_ << line << '\n';
  }
}

}  // namespace tholos::cli::repl
