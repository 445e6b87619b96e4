// What the REPL does with an input: evaluates an expression, adds a
// declaration, or runs a command (:item, :explain, :set...), and shows the
// result.
#pragma once

#include <string>
#include <vector>

#include "cli/repl_output.hpp"
#include "cli/repl_session.hpp"

namespace tholos::cli::repl {

// Handles one whole input; returns false when it asks to leave (:quit).
bool handle_input(Session& session, Printer& printer, const std::string& input);

// Shows what a change to the session gave.
void print_outcome(Session& session, Printer& printer, const Outcome& outcome);

// ":item", ":round"... for completion.
std::vector<std::string> command_names();

}  // namespace tholos::cli::repl
