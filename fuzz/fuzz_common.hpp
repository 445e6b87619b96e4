// Helpers shared by the C++ fuzz targets: the checks every public entry
// point must pass whatever its input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "tholos/tholos.hpp"

namespace tholos_fuzz {

// A failed check: stop here, so that libFuzzer saves the input.
[[noreturn]] inline void fail() {
  __builtin_trap();
}

inline void require(bool condition) {
  if (!condition) fail();
}

// A caught exception or a bug reported as such is a finding, not an answer.
inline bool is_internal_error(const tholos::Diagnostic& d) {
  return std::string_view(d.message).starts_with("internal error");
}

inline void require_no_internal_error(const std::vector<tholos::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    require(!is_internal_error(d));
}

// A failed call must say why: at least one error.
template <typename T>
void require_reported(const tholos::Result<T>& result) {
  require_no_internal_error(result.diagnostics);
  if (!result.ok()) require(tholos::has_errors(result.diagnostics));
}

// The length in bytes of each line of `text` (lines end at \n, as in
// SourceFile). A column counts characters, so it is at most the line's
// byte count plus one (just past its end).
inline std::vector<int> line_lengths(std::string_view text) {
  std::vector<int> lengths{0};
  for (const char c : text) {
    if (c == '\n') {
      lengths.push_back(0);
    } else {
      ++lengths.back();
    }
  }
  return lengths;
}

// A diagnostic about `file`, whose text is `text`, points inside it: line 1
// to the last line, column 1 to one past the line's end, and its
// span ends at or after its start. A diagnostic without a position has line
// and column 0.
inline bool position_is_valid(const tholos::Diagnostic& d, const std::vector<int>& lengths) {
  if (d.line == 0) return d.column == 0;
  if (d.line < 1 || static_cast<std::size_t>(d.line) > lengths.size()) return false;
  if (d.column < 1 || d.column > lengths[d.line - 1] + 1) return false;
  if (d.end_line == 0 && d.end_column == 0) return true;  // no span
  if (d.end_line < d.line || static_cast<std::size_t>(d.end_line) > lengths.size()) return false;
  if (d.end_line == d.line && d.end_column < d.column) return false;
  return d.end_column >= 1 && d.end_column <= lengths[d.end_line - 1] + 1;
}

}  // namespace tholos_fuzz
