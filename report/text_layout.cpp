#include "report/text_layout.hpp"

#include <algorithm>
#include <cstddef>

#include "common/source_file.hpp"

namespace tholos::report {
namespace {

// Marks a space that wrap() must not break at.
constexpr char kUnbreakableSpace = '\x1f';

}  // namespace

int width_of(std::string_view text) {
  return count_code_points(text);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n' || c == '\r' || c == '\t') {
      out += ' ';
    } else {
      out += (u < 0x20 && c != kUnbreakableSpace) || u == 0x7f ? '?' : c;
    }
  }
  return out;
}

std::string shorten(const std::string& text, int width) {
  const std::string shown = printable(text);
  if (width_of(shown) <= width) return shown;
  std::string out;
  int kept = 0;
  for (char c : shown) {
    const bool starts_character = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_character && kept++ == width - 3) break;
    out += c;
  }
  return out + "...";
}

std::string pad(const std::string& text, int width, bool right) {
  const std::string fill(static_cast<std::size_t>(std::max(0, width - width_of(text))), ' ');
  return right ? fill + text : text + fill;
}

std::string keep_together(std::string text) {
  std::replace(text.begin(), text.end(), ' ', kUnbreakableSpace);
  return text;
}

std::string wrap(std::string_view first, std::string_view text, std::string_view indent) {
  const std::string shown = printable(text);
  const std::string_view words = shown;
  std::string out = printable(first);
  int line_width = width_of(out);
  bool line_has_words = false;
  std::size_t start = 0;
  while (start < words.size()) {
    std::size_t end = words.find(' ', start);
    if (end == std::string_view::npos) end = words.size();
    const std::string_view word = words.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (line_has_words && line_width + 1 + width_of(word) > kPageWidth) {
      out += '\n';
      out += indent;
      line_width = width_of(indent);
      line_has_words = false;
    }
    if (line_has_words) {
      out += ' ';
      ++line_width;
    }
    out += word;
    line_width += width_of(word);
    line_has_words = true;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  std::replace(out.begin(), out.end(), kUnbreakableSpace, ' ');
  return out + "\n";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

int Column::width() const {
  int w = width_of(header);
  for (const std::string& cell : cells)
    w = std::max(w, width_of(cell));
  return w;
}

std::string layout(const std::vector<Column>& columns, std::string_view indent) {
  std::vector<int> widths;
  for (const Column& column : columns)
    widths.push_back(column.width());
  const std::size_t rows = columns.empty() ? 0 : columns.front().cells.size();
  auto line = [&](auto cell_text) {
    std::string out(indent);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c > 0) out += kGap;
      out += pad(cell_text(c), widths[c], columns[c].right);
    }
    while (!out.empty() && out.back() == ' ')
      out.pop_back();
    return out + "\n";
  };
  std::string out = line([&](std::size_t c) { return columns[c].header; });
  out += line([&](std::size_t c) { return std::string(static_cast<std::size_t>(widths[c]), '-'); });
  for (std::size_t r = 0; r < rows; ++r) {
    out += line([&](std::size_t c) { return columns[c].cells[r]; });
  }
  return out;
}

}  // namespace tholos::report
