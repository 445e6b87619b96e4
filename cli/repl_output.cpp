#include "cli/repl_output.hpp"

#include <algorithm>
#include <cstdlib>
#include <ostream>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"

namespace tholos::cli::repl {
namespace {

constexpr std::string_view kDim = "2";
constexpr std::string_view kBold = "1";
constexpr std::string_view kRed = "1;31";
constexpr std::string_view kYellow = "1;33";

}  // namespace

bool colour_wanted(bool terminal) {
  if (!terminal) return false;
  if (std::getenv("NO_COLOR") != nullptr) return false;
  const char* term = std::getenv("TERM");
  return term != nullptr && *term != '\0' && std::string_view(term) != "dumb";
}

Diagnostic repl_error(std::string message) {
  return unplaced_diagnostic(Severity::error, std::move(message));
}

Diagnostic relocated(const Diagnostic& d, std::string file, int line, std::string_view line_text) {
  Diagnostic out = d;
  if (out.end_line > 0) out.end_line += line - d.line;
  out.file = std::move(file);
  out.line = line;
  out.rendered = render_diagnostic(out, line_text);
  return out;
}

std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(count_code_points(text));
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
