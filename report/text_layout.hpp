// Plain-text layout for a terminal: character widths, wrapping at the page
// width, aligned columns, and keeping the data's control characters away
// from the terminal. Used by the table renderer.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace tholos::report {

inline constexpr int kPageWidth = 100;
inline constexpr std::string_view kGap = "  ";  // between table columns

// Characters on screen: UTF-8 code points.
int width_of(std::string_view text);

// Line breaks and tabs become spaces; other control characters (an escape
// sequence in a data file) would act on the terminal, so become '?'.
std::string printable(std::string_view text);

// The first `width` characters of `text`, ending in "..." when cut.
std::string shorten(const std::string& text, int width);

// `text` padded with spaces to `width`, on the left when `right`.
std::string pad(const std::string& text, int width, bool right);

// `text` with its spaces marked so that wrap() never breaks there, as in
// "consensus 24".
std::string keep_together(std::string text);

// The words of `text` in lines of at most kPageWidth characters, the first
// starting with `first`, the others with `indent`; ends with a line break.
std::string wrap(std::string_view first, std::string_view text, std::string_view indent);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

struct Column {
  std::string header;
  bool right = false;  // numbers are right-aligned
  std::vector<std::string> cells;

  int width() const;
};

// Columns side by side under their headers and a rule of dashes, each line
// starting with `indent`.
std::string layout(const std::vector<Column>& columns, std::string_view indent);

}  // namespace tholos::report
