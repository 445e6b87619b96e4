// What the REPL needs to know about an input before the library sees it:
// its words and symbols, whether it is complete, and what kind of input it
// is (a command, a declaration, an expression). This is a light scanner, not
// the language's parser: the library parses and checks every input.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tholos::cli::repl {

struct Token {
  enum class Kind { word, number, text, symbol };
  Kind kind = Kind::symbol;
  std::string text;        // as written (a text token with its quotes)
  std::size_t offset = 0;  // byte offset in the input
  bool terminated = true;  // a text token whose closing quote was found
};

// The tokens of `input`; comments (# to the end of the line) are skipped.
std::vector<Token> tokenize(std::string_view input);

// Whether `input` cannot end here and continues on the next line: an open
// parenthesis or string, a trailing operator or `and`/`or`/`not`..., an `if`
// without its `else`, a `classify statement` without `otherwise LABEL`.
bool is_incomplete(std::string_view input);

// Whether `line` can only be the start of an input: a command, or a
// declaration's keyword first.
bool starts_input(std::string_view line);

enum class InputKind {
  blank,         // nothing but white space and comments
  command,       // :item S12
  declaration,   // measure m = ..., classify statement ...
  scale_clause,  // band agree = 4..5, not a rating: "DK" (continues a scale)
  expression,
};

InputKind input_kind(std::string_view input);

// study, import, scale, quantiles, denominator, groups, criteria, param,
// measure, classify, rerate, require, stop.
const std::vector<std::string>& declaration_keywords();

// The other reserved words of the language (and, or, not, in, where...).
const std::vector<std::string>& expression_keywords();

// `text` without white space at either end.
std::string_view trim(std::string_view text);

}  // namespace tholos::cli::repl
