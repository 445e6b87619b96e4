// Name resolution and type checking: from a parsed rule file to a checked
// program, with every problem reported (not only the first).
#pragma once

#include <memory>

#include "common/diagnostics.hpp"
#include "interpreter/program.hpp"

namespace tholos::interp {

// Checks a parsed rule file. Null when there are errors (all of them are in
// `diagnostics`, with warnings about choices left to defaults).
// `host_functions` are functions a host adds to the built-in ones.
std::shared_ptr<const CheckedProgram> check_program(
    std::shared_ptr<const SourceFile> source, std::shared_ptr<const ast::Module> module,
    DiagnosticList& diagnostics,
    std::shared_ptr<const std::vector<stdlib::FunctionInfo>> host_functions = nullptr);

// Checks one more expression against a checked program (`tholos eval -e`,
// the REPL). The expression's node ids must follow the module's. Returns the
// program extended with the expression, or null on errors. Without a level,
// it is a round's when it counts statements (`statements`, a round-level
// measure), else a statement's.
std::shared_ptr<const CheckedProgram> check_expression(const CheckedProgram& program,
                                                       std::shared_ptr<const SourceFile> source,
                                                       std::shared_ptr<const ast::Expr> expression,
                                                       DiagnosticList& diagnostics,
                                                       std::optional<Level> level = {});

// Parses `text` as a constant of the given param's type (for --set NAME=VALUE
// and host overrides). Empty with a message in `error` when it is not one.
std::optional<Scalar> parse_param_value(const ParamInfo& param, std::string_view text,
                                        std::string& error);

}  // namespace tholos::interp
