// Parsing rule files and lone expressions into syntax trees.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "common/limits.hpp"
#include "common/source_file.hpp"
#include "grammar/ast.hpp"

namespace tholos::grammar {

// A file an `import` names: the name diagnostics show, and its text.
struct ImportedFile {
  std::string name;
  std::string text;
};

// Finds what `import target` names (a preset, or a file relative to the
// importing one); empty with the reason in `error` when there is none.
using ImportResolver = std::function<std::optional<ImportedFile>(
    const ast::ImportDecl& import, std::string_view importing_file, std::string& error)>;

// Parses a whole rule file. Every declaration that parses is in the module;
// after an error the parser resumes at the next line that starts with a
// declaration keyword, so one run reports every broken declaration. Each
// imported file is appended to `source` as a segment and its declarations
// take the place of the import, so an imported file's declarations come
// first and the importing file's after them (and can adjust them).
// Limits on the text parsed (a host can lower or raise them).
struct ParseLimits {
  std::size_t max_source_bytes = limits::kMaxSourceBytes;
  std::size_t max_nesting_depth = limits::kMaxNestingDepth;
};

ast::Module parse_rule_file(SourceFile& source, DiagnosticList& diagnostics,
                            const ImportResolver& resolve = {}, const ParseLimits& limits = {});

// Parses `source` as one expression. Node ids start at `next_id`, which is
// advanced past the new nodes. Null when it does not parse.
ast::ExprPtr parse_expression(const SourceFile& source, ast::NodeId& next_id,
                              DiagnosticList& diagnostics, const ParseLimits& limits = {});

// Whether `word` is one of the language's reserved words (and, if, measure,
// ...), which can never be a name.
bool is_reserved_word(std::string_view word);

}  // namespace tholos::grammar
