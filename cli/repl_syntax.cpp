#include "cli/repl_syntax.hpp"

#include <algorithm>
#include <array>

namespace tholos::cli::repl {
namespace {

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_word_char(char c) {
  return is_word_start(c) || is_digit(c);
}
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// The length of the UTF-8 sequence starting with `c` (1 for a stray byte).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

std::size_t scan_text(std::string_view s, std::size_t i, Token& token) {
  std::size_t j = i + 1;
  token.terminated = false;
  while (j < s.size()) {
    if (s[j] == '\\' && j + 1 < s.size()) {
      j += 2;
      continue;
    }
    if (s[j] == '"') {
      token.terminated = true;
      ++j;
      break;
    }
    ++j;
  }
  return j;
}

std::size_t scan_number(std::string_view s, std::size_t i) {
  std::size_t j = i;
  while (j < s.size() && is_digit(s[j]))
    ++j;
  // A decimal point, but not the `..` of a range.
  if (j + 1 < s.size() && s[j] == '.' && is_digit(s[j + 1])) {
    ++j;
    while (j < s.size() && is_digit(s[j]))
      ++j;
  }
  if (j < s.size() && s[j] == '%') ++j;
  return j;
}

std::size_t scan_symbol(std::string_view s, std::size_t i) {
  static constexpr std::array<std::string_view, 4> kPairs = {"..", "<=", ">=", "!="};
  for (std::string_view pair : kPairs) {
    if (s.substr(i, 2) == pair) return i + 2;
  }
  return std::min(s.size(), i + utf8_length(static_cast<unsigned char>(s[i])));
}

bool contains(const std::vector<std::string>& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

// Symbols after which an expression cannot end.
bool is_trailing_operator(const Token& token) {
  static const std::vector<std::string> kSymbols = {"+",
                                                    "-",
                                                    "*",
                                                    "/",
                                                    "=",
                                                    "!=",
                                                    "<",
                                                    "<=",
                                                    ">",
                                                    ">=",
                                                    ",",
                                                    "..",
                                                    ":",
                                                    "(",
                                                    "\xE2\x89\xA4",
                                                    "\xE2\x89\xA5",
                                                    "\xE2\x89\xA0"};  // ≤ ≥ ≠
  static const std::vector<std::string> kWords = {"and",   "or",    "not",  "in",   "is",
                                                  "where", "if",    "then", "else", "when",
                                                  "from",  "every", "any"};
  if (token.kind == Token::Kind::symbol) return contains(kSymbols, token.text);
  if (token.kind == Token::Kind::word) return contains(kWords, token.text);
  return false;
}

bool is_word(const Token& token, std::string_view word) {
  return token.kind == Token::Kind::word && token.text == word;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < s.size() && s[i] != '\n')
        ++i;
      continue;
    }
    Token token;
    token.offset = i;
    std::size_t end = 0;
    if (c == '"') {
      token.kind = Token::Kind::text;
      end = scan_text(s, i, token);
    } else if (is_digit(c)) {
      token.kind = Token::Kind::number;
      end = scan_number(s, i);
    } else if (is_word_start(c)) {
      token.kind = Token::Kind::word;
      end = i;
      while (end < s.size() && is_word_char(s[end]))
        ++end;
    } else {
      token.kind = Token::Kind::symbol;
      end = scan_symbol(s, i);
    }
    token.text = std::string(s.substr(i, end - i));
    tokens.push_back(std::move(token));
    i = end;
  }
  return tokens;
}

bool is_incomplete(std::string_view input) {
  const std::vector<Token> tokens = tokenize(input);
  if (tokens.empty()) return false;
  if (tokens.front().kind == Token::Kind::symbol && tokens.front().text == ":") return false;
  int depth = 0, ifs = 0, elses = 0;
  for (const Token& token : tokens) {
    if (token.kind == Token::Kind::text && !token.terminated) return true;
    if (token.kind == Token::Kind::symbol && token.text == "(") ++depth;
    if (token.kind == Token::Kind::symbol && token.text == ")") --depth;
    if (is_word(token, "if")) ++ifs;
    if (is_word(token, "else")) ++elses;
  }
  if (depth > 0 || ifs > elses) return true;
  if (is_trailing_operator(tokens.back())) return true;
  // A classification ends with `otherwise LABEL`.
  if (is_word(tokens.front(), "classify")) {
    for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
      if (is_word(tokens[i], "otherwise")) return false;
    }
    return true;
  }
  return false;
}

bool starts_input(std::string_view line) {
  const InputKind kind = input_kind(line);
  return kind == InputKind::command || kind == InputKind::declaration;
}

InputKind input_kind(std::string_view input) {
  const std::string_view trimmed = trim(input);
  if (!trimmed.empty() && trimmed.front() == ':') return InputKind::command;
  const std::vector<Token> tokens = tokenize(input);
  if (tokens.empty()) return InputKind::blank;
  const Token& first = tokens.front();
  if (first.kind == Token::Kind::word) {
    if (contains(declaration_keywords(), first.text)) return InputKind::declaration;
    if (first.text == "band") return InputKind::scale_clause;
    if (first.text == "not" && tokens.size() >= 3 && is_word(tokens[1], "a") &&
        is_word(tokens[2], "rating")) {
      return InputKind::scale_clause;
    }
  }
  return InputKind::expression;
}

const std::vector<std::string>& declaration_keywords() {
  static const std::vector<std::string> kWords = {
      "study", "import",  "scale",    "quantiles", "denominator", "groups", "criteria",
      "param", "measure", "classify", "rerate",    "require",     "stop"};
  return kWords;
}

const std::vector<std::string>& expression_keywords() {
  static const std::vector<std::string> kWords = {
      "and",     "any", "else", "every",     "false", "if",   "in",   "is",
      "missing", "not", "or",   "otherwise", "then",  "true", "when", "where"};
  return kWords;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front()))
    text.remove_prefix(1);
  while (!text.empty() && is_space(text.back()))
    text.remove_suffix(1);
  return text;
}

}  // namespace tholos::cli::repl
