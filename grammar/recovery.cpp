// Checks of a rule file's text before parsing, and where to resume and what
// to say after a syntax error (see recovery.hpp).
#include "grammar/recovery.hpp"

#include <fmt/format.h>

#include <cctype>
#include <string>
#include <vector>

#include "common/limits.hpp"
#include "common/spelling.hpp"
#include "grammar/rule_errors.hpp"

namespace tholos::grammar {

// Rule files are UTF-8 text of a bounded size, in lines of a bounded length.
// Before parsing: a file over the size limit is one error; a NUL byte and
// invalid UTF-8 are reported once each, and every line over the length
// limit, each at its position. Any of them stops the file from being parsed
// (what follows would only be a cascade of syntax errors).
bool check_text(const SourceFile& source, DiagnosticList& diagnostics, std::size_t begin,
                std::size_t end, std::size_t max_bytes) {
  const std::string& text = source.text();
  if (end > max_bytes) {
    diagnostics.add_plain(Severity::error, source.segment_name(source.segment_of(begin)),
                          fmt::format("the rule file{} comes to {} bytes; the limit is {} bytes "
                                      "(is this the right file?)",
                                      begin > 0 ? " with its imports" : "", end, max_bytes));
    return false;
  }
  if (const std::string_view start = std::string_view(text).substr(begin, 2);
      start == "\xFF\xFE" || start == "\xFE\xFF") {
    // Every other byte is NUL: one error says it all.
    diagnostics.error(source, begin, begin + 2,
                      "the rule file is saved as UTF-16 (it starts with a UTF-16 byte order "
                      "mark): save it as UTF-8");
    return false;
  }
  bool ok = true;
  bool reported_nul = false, reported_utf8 = false;
  for (std::size_t line_start = begin; line_start < end;) {
    const std::size_t found = text.find('\n', line_start);
    const std::size_t line_end = found == std::string::npos || found > end ? end : found;
    if (line_end - line_start > limits::kMaxLineLength) {
      // Point at the first byte past the limit (at the start of its
      // character), so that the column says where the limit is.
      std::size_t at = line_start + limits::kMaxLineLength;
      while (at > line_start && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
      diagnostics.error(source, at, line_end,
                        fmt::format("this line is {} bytes long; a line of a rule file has at "
                                    "most {} bytes: break it over several lines (a line break "
                                    "is white space anywhere between words), or give parts of "
                                    "a long expression a name with `measure`",
                                    line_end - line_start, limits::kMaxLineLength));
      ok = false;
    }
    line_start = line_end + 1;
  }
  for (std::size_t i = begin; i < end;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      if (!reported_nul) {
        diagnostics.error(source, i, i + 1,
                          "NUL byte in the rule file: is this a binary file? Save the rule file "
                          "as plain UTF-8 text");
      }
      reported_nul = true;
      ok = false;
      ++i;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_char_length(std::string_view(text).substr(i, end - i));
    if (length == 0) {
      if (!reported_utf8) {
        diagnostics.error(source, i, i + 1,
                          "invalid UTF-8 in the rule file: save it with UTF-8 encoding");
      }
      reported_utf8 = true;
      ok = false;
      ++i;
      continue;
    }
    i += length;
  }
  return ok;
}

namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

const std::vector<std::string>& declaration_keywords() {
  static const std::vector<std::string> words = {
      "study", "import",  "scale",    "quantiles", "denominator", "groups", "criteria",
      "param", "measure", "classify", "rerate",    "require",     "stop"};
  return words;
}

bool is_declaration_keyword(std::string_view word) {
  for (const auto& k : declaration_keywords()) {
    if (k == word) return true;
  }
  return false;
}

}  // namespace

std::string_view word_at(const std::string& text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && is_word_char(text[end]))
    ++end;
  return std::string_view(text).substr(offset, end - offset);
}

// The first byte at or after `offset` that is not white space or comment.
std::size_t skip_blank(const std::string& text, std::size_t offset) {
  while (offset < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[offset]))) {
      ++offset;
    } else if (text[offset] == '#') {
      const std::size_t eol = text.find('\n', offset);
      offset = eol == std::string::npos ? text.size() : eol;
    } else {
      break;
    }
  }
  return offset;
}

// Where to resume after an error in the declaration starting at `start`: the
// next line whose first word starts a declaration.
std::size_t resume_point(const std::string& text, std::size_t start) {
  std::size_t i = text.find('\n', start);
  while (i != std::string::npos) {
    std::size_t first = i + 1;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\t'))
      ++first;
    const std::string_view word = word_at(text, first);
    if (is_declaration_keyword(word)) return first;
    // A misspelt keyword at the start of a line (`mesure`) most likely starts
    // a declaration too: resume there so it gets its own message.
    if (first == i + 1 && word.size() >= 4 && closest_match(word, declaration_keywords()))
      return first;
    i = text.find('\n', first);
  }
  return text.size();
}

// When the parser expected more and found the start of the next line, the
// place to point at is just after the last token before it, where the
// missing part belongs (as compilers do for a missing ';').
std::size_t end_of_previous_token(const std::string& text, std::size_t at) {
  std::size_t line_start = at;
  while (line_start > 0 && text[line_start - 1] != '\n')
    --line_start;
  for (std::size_t k = line_start; k < at; ++k) {
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') return at;  // not first on its line
  }
  while (line_start > 0) {
    // The previous line, without its comment and trailing white space.
    const std::size_t end = line_start - 1;  // the '\n'
    std::size_t begin = end;
    while (begin > 0 && text[begin - 1] != '\n')
      --begin;
    std::size_t content_end = begin;
    bool in_string = false;
    for (std::size_t k = begin; k < end; ++k) {
      if (text[k] == '"') in_string = !in_string;
      if (!in_string && (text[k] == '#' || text.compare(k, 2, "//") == 0)) break;
      if (!std::isspace(static_cast<unsigned char>(text[k]))) content_end = k + 1;
    }
    if (content_end > begin) return content_end;
    line_start = begin;
  }
  return at;
}

// The message for text that does not start a declaration, with a suggestion
// where one helps.
std::string not_a_declaration(std::string_view word) {
  std::string base(error_message<declaration>);
  if (word.empty()) return base;
  if (word == "band" || word == "not") {
    return fmt::format("'{}' belongs to a scale: put it on the lines after `scale NAME LOW..HIGH`",
                       word);
  }
  if (word == "otherwise" || word == "when") {
    return fmt::format("'{}' belongs to a classification: start it with `classify statement`",
                       word);
  }
  if (auto match = closest_match(word, declaration_keywords())) {
    return fmt::format("unknown declaration '{}'; did you mean '{}'?", word, *match);
  }
  return fmt::format("{}; '{}' starts none of them (did the line before end too early?)", base,
                     word);
}

// The message for `//` or `/*` at `at`, which are not comments in Tholos.
std::string foreign_comment_message(const std::string& text, std::size_t at) {
  if (text.compare(at, 2, "//") == 0) {
    return "'//' does not start a comment: Tholos comments start with # and run to the end of "
           "the line; write # instead of //";
  }
  if (text.find("*/", at + 2) == std::string::npos) {
    return "'/*' does not start a comment, and there is no '*/' after it: Tholos comments "
           "start with # and run to the end of the line; start each line of the comment with #";
  }
  return "'/*' does not start a comment: Tholos comments start with # and run to the end of the "
         "line; start each line of the comment with # and remove /* and */";
}

}  // namespace tholos::grammar
