#include <iostream>

#include "cli/commands.hpp"

namespace tholos::cli {

bool print_diagnostics(const std::vector<Diagnostic>& diagnostics, std::ostream& out) {
  for (const Diagnostic& d : diagnostics)
    out << d.rendered << '\n';
  return has_errors(diagnostics);
}

Command add_check_command(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* check = app.add_subcommand("check", "Parse and check rule files (exit 0 when clean)");
  check->add_option("FILE", *files, "Rule files")->required()->check(CLI::ExistingFile);
  return [files]() {
    bool errors = false;
    for (const std::string& file : *files) {
      const Result<Program> program = compile_file(file);
      errors |= print_diagnostics(program.diagnostics, std::cerr);
    }
    return errors ? kExitErrors : kExitOk;
  };
}

}  // namespace tholos::cli
