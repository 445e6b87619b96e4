#include "common/source_file.hpp"

#include <algorithm>
#include <cstring>

namespace tholos {

SourceFile::SourceFile(std::string name, std::string text) : text_(std::move(text)) {
  segments_.push_back({std::move(name), 0, 0});
  line_starts_.push_back(0);
  index_lines(0);
}

// memchr finds line ends many bytes at a time: the index of a large data
// file is built at memory speed.
void SourceFile::index_lines(std::size_t from) {
  const char* begin = text_.data();
  const char* end = begin + text_.size();
  for (const char* p = begin + from; p < end;) {
    const void* found = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (found == nullptr) break;
    p = static_cast<const char*>(found) + 1;
    line_starts_.push_back(static_cast<std::size_t>(p - begin));
  }
}

std::size_t SourceFile::append(std::string name, std::string_view text) {
  if (text_.empty() || text_.back() != '\n') {
    text_ += '\n';
    line_starts_.push_back(text_.size());
  }
  const std::size_t begin = text_.size();
  segments_.push_back({std::move(name), begin, line_starts_.size() - 1});
  text_.append(text);
  index_lines(begin);
  return begin;
}

std::size_t SourceFile::segment_of(std::size_t offset) const {
  std::size_t segment = 0;
  while (segment + 1 < segments_.size() && segments_[segment + 1].begin <= offset)
    ++segment;
  return segment;
}

std::size_t SourceFile::segment_end(std::size_t segment) const {
  return segment + 1 < segments_.size() ? segments_[segment + 1].begin : text_.size();
}

std::string_view SourceFile::global_line(std::size_t index) const {
  if (index >= line_starts_.size()) return {};
  const std::size_t start = line_starts_[index];
  const std::size_t end = index + 1 < line_starts_.size() ? line_starts_[index + 1] : text_.size();
  std::string_view view(text_.data() + start, end - start);
  while (!view.empty() && (view.back() == '\n' || view.back() == '\r'))
    view.remove_suffix(1);
  return view;
}

namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

}  // namespace

Location SourceFile::locate(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto index = static_cast<std::size_t>(it - line_starts_.begin()) - 1;
  const Segment& segment = segments_[segment_of(offset)];
  std::size_t start = line_starts_[index];
  std::string_view line = global_line(index);
  // An editor does not show a file's byte order mark: columns on its first
  // line start after it, and the line is shown without it.
  if (start == segment.begin && line.starts_with(kByteOrderMark) &&
      offset >= start + kByteOrderMark.size()) {
    start += kByteOrderMark.size();
    line.remove_prefix(kByteOrderMark.size());
  }
  const std::string_view before(text_.data() + start, offset - start);
  Location at;
  at.file = segment.name;
  at.position = {static_cast<int>(index - segment.first_line) + 1, count_code_points(before) + 1};
  at.line_text = line;
  return at;
}

std::string_view SourceFile::line_text(int line) const {
  if (line < 1) return {};
  return global_line(static_cast<std::size_t>(line - 1));
}

std::size_t utf8_char_length(std::string_view bytes) {
  if (bytes.empty()) return 0;
  const auto c = static_cast<unsigned char>(bytes[0]);
  if (c < 0x80) return 1;
  // The allowed range of the second byte depends on the first (Unicode
  // Table 3-7): this rules out overlong forms, surrogates and values past
  // U+10FFFF along with malformed sequences.
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) low = 0xA0;
    if (c == 0xED) high = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) low = 0x90;
    if (c == 0xF4) high = 0x8F;
  } else {
    return 0;
  }
  if (bytes.size() < length) return 0;
  const auto second = static_cast<unsigned char>(bytes[1]);
  if (second < low || second > high) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((static_cast<unsigned char>(bytes[k]) & 0xC0) != 0x80) return 0;
  }
  return length;
}

int count_code_points(std::string_view bytes) {
  int count = 0;
  for (std::size_t i = 0; i < bytes.size(); ++count) {
    if (static_cast<unsigned char>(bytes[i]) < 0x80) {
      ++i;
      continue;
    }
    i += std::max<std::size_t>(1, utf8_char_length(bytes.substr(i)));
  }
  return count;
}

}  // namespace tholos
