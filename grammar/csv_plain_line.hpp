// Plain lines of a CSV file: printable ASCII and tabs, fields separated by
// commas, no quote, ending in LF or CRLF, no field over the size limit.
// Nearly every line of a data file is one, and the grammar of
// csv_grammar.hpp gives the same fields for it, so the reader splits such
// lines without the grammar (csv_reader.cpp), and so does the loader that
// reads a large ratings file on two threads (study/parallel_answers.cpp).
// Any other line is left to the grammar, which reads it or reports it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/limits.hpp"

namespace tholos::csv {

enum class ByteClass : std::uint8_t { plain, comma, line_feed, carriage_return, other };

// `plain` for printable ASCII but '"' and ',', and tab.
inline constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> classes{};
  for (int c = 0; c < 256; ++c) {
    const bool plain = (c >= 0x20 && c < 0x7F && c != '"' && c != ',') || c == '\t';
    classes[static_cast<std::size_t>(c)] = plain ? ByteClass::plain : ByteClass::other;
  }
  classes[','] = ByteClass::comma;
  classes['\n'] = ByteClass::line_feed;
  classes['\r'] = ByteClass::carriage_return;
  return classes;
}();

// Splits the line at `p` when it is plain: calls on_field(text) for each
// field, in order, and returns `end`, which is where the line's text ends
// (before its CR LF or LF), with `next` set to the start of the next line.
// Returns nullptr as soon as the line turns out not to be plain (fields
// already handed on are then to be discarded). The caller guarantees an LF
// at or after `p` in the text, which stops the scan.
template <typename OnField>
const char* split_plain_line(const char* p, const char*& next, OnField&& on_field) {
  const char* field = p;
  for (const char* q = p;; ++q) {
    const ByteClass c = kByteClass[static_cast<unsigned char>(*q)];
    if (c == ByteClass::plain) continue;
    const char* line_next = nullptr;
    if (c == ByteClass::line_feed) {
      line_next = q + 1;
    } else if (c == ByteClass::carriage_return && q[1] == '\n') {
      line_next = q + 2;
    } else if (c != ByteClass::comma) {
      return nullptr;
    }
    if (static_cast<std::size_t>(q - field) > limits::kMaxCsvFieldBytes) return nullptr;
    on_field(std::string_view(field, static_cast<std::size_t>(q - field)));
    if (line_next != nullptr) {
      next = line_next;
      return q;
    }
    field = q + 1;
  }
}

}  // namespace tholos::csv
