// The subcommands of `tholos`, each registered on the CLI11 app and run
// when chosen. Exit codes: 0 ok, 1 rule or data errors, 2 usage errors.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>
#include <vector>

#include "tholos/tholos.hpp"

namespace tholos::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitErrors = 1;
inline constexpr int kExitUsage = 2;

// A registered subcommand and the code that runs it.
using Command = std::function<int()>;

Command add_check_command(CLI::App& app);
Command add_eval_command(CLI::App& app);
Command add_repl_command(CLI::App& app);

// Prints diagnostics (rendered) to `out`; returns whether any is an error.
bool print_diagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& out);

}  // namespace tholos::cli
