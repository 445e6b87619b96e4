// tholos: check rule files and evaluate them over a study's CSV files.
#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Tholos: the rules of a consensus study, checked and evaluated", "tholos"};
  app.set_version_flag("--version", "tholos 0.1.0 (report schema 1)");
  app.require_subcommand(1);
  app.failure_message(CLI::FailureMessage::help);
  const auto check = tholos::cli::add_check_command(app);
  const auto eval = tholos::cli::add_eval_command(app);
  const auto repl = tholos::cli::add_repl_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return tholos::cli::kExitUsage;
  }
  if (app.got_subcommand("check")) return check();
  if (app.got_subcommand("repl")) return repl();
  return eval();
}
