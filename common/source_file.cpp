#include "common/source_file.hpp"

#include <algorithm>
#include <cstring>

namespace tholos {

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  // memchr finds line ends many bytes at a time: the index of a large data
  // file is built at memory speed.
  line_starts_.push_back(0);
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* p = begin; p < end;) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (found == nullptr) break;
    p = static_cast<const char*>(found) + 1;
    line_starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

TextPosition SourceFile::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line_index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  const std::size_t start = line_starts_[line_index];
  std::string_view before(text_.data() + start, offset - start);
  return {static_cast<int>(line_index) + 1, count_code_points(before) + 1};
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1 || line > line_count()) return {};
  const std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  std::size_t end = static_cast<std::size_t>(line) < line_starts_.size()
                        ? line_starts_[static_cast<std::size_t>(line)]
                        : text_.size();
  std::string_view view(text_.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r'))
    view.remove_suffix(1);
  return view;
}

int count_code_points(std::string_view bytes) {
  int count = 0;
  for (unsigned char c : bytes) {
    // Continuation bytes (10xxxxxx) belong to the previous code point.
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace tholos
