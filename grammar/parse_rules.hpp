// Parsing rule files and lone expressions into syntax trees.
#pragma once

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"
#include "grammar/ast.hpp"

namespace tholos::grammar {

// Parses a whole rule file. Every declaration that parses is in the module;
// after an error the parser resumes at the next line that starts with a
// declaration keyword, so one run reports every broken declaration.
ast::Module parse_rule_file(const SourceFile& source, DiagnosticList& diagnostics);

// Parses `source` as one expression. Node ids start at `next_id`, which is
// advanced past the new nodes. Null when it does not parse.
ast::ExprPtr parse_expression(const SourceFile& source, ast::NodeId& next_id,
                              DiagnosticList& diagnostics);

}  // namespace tholos::grammar
