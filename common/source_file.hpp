// A named text held in memory with a line index, so that byte offsets from
// the parsers can be turned into the line and column a person sees. A rule
// file and the files it imports are one text made of segments, one per
// file, so that every offset still names its own file and line.
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

// Where an offset is: the file of its segment, the line and column there,
// and that line's text.
struct Location {
  std::string_view file;
  TextPosition position;
  std::string_view line_text;
};

class SourceFile {
 public:
  SourceFile(std::string name, std::string text);

  // The first segment's file name (the rule file itself) and the whole text.
  const std::string& name() const { return segments_.front().name; }
  const std::string& text() const { return text_; }

  // Appends a file's text as a new segment (after a line break); returns
  // the offset where it begins.
  std::size_t append(std::string name, std::string_view text);
  // The segment an offset belongs to: 0 for the rule file, then imports.
  std::size_t segment_of(std::size_t offset) const;
  std::size_t segment_begin(std::size_t segment) const { return segments_[segment].begin; }
  std::size_t segment_end(std::size_t segment) const;
  const std::string& segment_name(std::size_t segment) const { return segments_[segment].name; }

  // (Columns on the first line of a segment that starts with a UTF-8 byte
  // order mark count from after it, as an editor shows them.)
  Location locate(std::size_t offset) const;
  // Line and column within the offset's own segment.
  TextPosition position(std::size_t offset) const { return locate(offset).position; }
  // The text of a line of the first segment, without its line terminator;
  // empty past the end.
  std::string_view line_text(int line) const;
  int line_count() const { return static_cast<int>(line_starts_.size()); }

 private:
  struct Segment {
    std::string name;
    std::size_t begin = 0;       // first byte
    std::size_t first_line = 0;  // index into line_starts_
  };
  void index_lines(std::size_t from);
  std::string_view global_line(std::size_t index) const;

  std::string text_;
  std::vector<std::size_t> line_starts_;
  std::vector<Segment> segments_;
};

// The length in bytes (1 to 4) of the UTF-8 character that `bytes` starts
// with, or 0 when it does not start with a correctly encoded one: a stray
// continuation byte, a truncated sequence, an overlong form, a surrogate or
// a code point past U+10FFFF. Also 0 for empty `bytes`.
std::size_t utf8_char_length(std::string_view bytes);

// Number of characters in `bytes`: each correctly encoded UTF-8 character
// counts one, and so does each byte that is not part of one (which is how
// a diagnostic shows it), so columns and carets agree on any input.
int count_code_points(std::string_view bytes);

}  // namespace tholos
