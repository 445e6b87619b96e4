// :explain: how a statement's status was decided, case by case, with the
// values behind each comparison; or, for a round, its counts and stop rule.
#pragma once

#include "cli/repl_output.hpp"
#include "tholos/tholos.hpp"

namespace tholos::cli::repl {

void print_statement_explanation(Printer& printer, const Report& report, const RoundResult& round,
                                 const StatementResult& statement);

void print_round_explanation(Printer& printer, const RoundResult& round);

}  // namespace tholos::cli::repl
