// How the REPL shows things: values with their types, aligned tables,
// diagnostics with the input and a caret, in colour on a terminal.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tholos/tholos.hpp"

namespace tholos::cli::repl {

// Whether to colour the output: on a terminal, unless NO_COLOR is set (to
// anything) or TERM is "dumb" or unset.
bool colour_wanted(bool terminal);

// An error of the REPL's own (an unknown command, a statement not in the
// study) as a diagnostic, so that every error is shown the same way.
Diagnostic repl_error(std::string message);

// `d` as it was written but for another file name and line: for a
// declaration typed at the prompt, whose position in the session's program
// means nothing to the person who typed it. `line_text` is the line shown
// under it.
Diagnostic relocated(const Diagnostic& d, std::string file, int line, std::string_view line_text);

class Printer {
 public:
  Printer(std::ostream& out, bool colour) : out_(out), colour_(colour) {}

  bool colour() const { return colour_; }
  std::ostream& stream() { return out_; }

  void diagnostics(const std::vector<Diagnostic>& diagnostics);
  void error(std::string_view message);
  // A line of plain information ("added", "round 2 of 3").
  void info(std::string_view text);
  // A remark that matters less (dim on a terminal).
  void note(std::string_view text);
  // One value and its type: "88.2% : percentage".
  void value(const Value& value, std::string_view type);
  // Rows of two columns, aligned; numbers are right-aligned.
  void table(const std::vector<std::pair<std::string, std::string>>& rows, bool right_align);
  // A line whose tail is dim: "5 statements : percentage".
  void with_dim_tail(std::string_view head, std::string_view tail);

  // Wraps `text` in the escape codes of a style when colour is on.
  std::string dim(std::string_view text) const;
  std::string bold(std::string_view text) const;
  std::string red(std::string_view text) const;
  std::string yellow(std::string_view text) const;

 private:
  std::string styled(std::string_view code, std::string_view text) const;
  std::ostream& out_;
  bool colour_;
};

// Whether format_value's text for `value` reads as a number (for alignment).
bool is_numeric(const Value& value);

// The number of characters (UTF-8 code points) in `text`.
std::size_t display_width(std::string_view text);

}  // namespace tholos::cli::repl
