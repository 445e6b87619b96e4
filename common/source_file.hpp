// A named text held in memory with a line index, so that byte offsets from
// the parsers can be turned into the line and column a person sees.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tholos {

// A 1-based line and a 1-based column counted in characters (UTF-8 code
// points), which is what an editor shows and what a caret must line up with.
struct TextPosition {
  int line = 0;
  int column = 0;
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }

  TextPosition position(std::size_t offset) const;
  // The line's text without its line terminator; empty past the end.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  std::string name_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

// Number of UTF-8 code points in `bytes` (invalid bytes count as one each).
int count_code_points(std::string_view bytes);

}  // namespace tholos
