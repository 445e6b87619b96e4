// Checks of a rule file's text before it is parsed, and the error recovery
// of the parser: where to resume after a broken declaration, where to point,
// and what to say.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"

namespace tholos::grammar {

// Rule files are UTF-8 text of a bounded size, in lines of a bounded length.
// Checks bytes [begin, end) of `source`: a file over `max_bytes` is one
// error; a NUL byte and invalid UTF-8 are reported once each, and every line
// over the length limit, each at its position. False when any was found: the
// text is then not parsed (what follows would be a cascade of syntax errors).
bool check_text(const SourceFile& source, DiagnosticList& diagnostics, std::size_t begin,
                std::size_t end, std::size_t max_bytes);

// The word (letters, digits, underscores) that starts at `offset`.
std::string_view word_at(const std::string& text, std::size_t offset);

// The first byte at or after `offset` that is not white space or comment.
std::size_t skip_blank(const std::string& text, std::size_t offset);

// Where to resume after an error in the declaration starting at `start`: the
// next line whose first word starts a declaration.
std::size_t resume_point(const std::string& text, std::size_t start);

// When the parser expected more and found the start of the next line, the
// place to point at is just after the last token before it, where the
// missing part belongs (as compilers do for a missing ';').
std::size_t end_of_previous_token(const std::string& text, std::size_t at);

// The message for text that does not start a declaration, with a suggestion
// where one helps.
std::string not_a_declaration(std::string_view word);

// The message for `//` or `/*` at `at`, which are not comments in Tholos.
std::string foreign_comment_message(const std::string& text, std::size_t at);

}  // namespace tholos::grammar
