// `tholos repl [FILE] [--data DIR]`: rules and data at an interactive
// prompt. On a terminal: prompts, line editing, history, completion and
// colour; from a pipe: the results alone, so that a script can drive it.
#include <unistd.h>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/repl_commands.hpp"
#include "cli/repl_input.hpp"
#include "cli/repl_output.hpp"
#include "cli/repl_session.hpp"

namespace tholos::cli {
namespace {

struct ReplArguments {
  std::string file;
  std::string data;
};

std::string prompt_for(const repl::Session& session) {
  const std::string context = session.context_label();
  return context.empty() ? "tholos> " : "tholos [" + context + "]> ";
}

repl::Vocabulary vocabulary_of(const repl::Session& session) {
  repl::Vocabulary v;
  v.commands = repl::command_names();
  for (const FunctionDoc& f : session.functions())
    v.functions.push_back(f.name);
  for (const Symbol& s : session.symbols()) {
    if (s.kind == Symbol::Kind::label) {
      v.labels.push_back(s.name);
    } else {
      v.names.push_back(s.name);
    }
    if (s.kind == Symbol::Kind::param) v.params.push_back(s.name);
  }
  if (session.study()) {
    v.items = session.study()->items();
    v.rounds = session.study()->rounds();
  }
  v.groups = session.groups();
  return v;
}

void banner(repl::Printer& printer) {
  printer.info(printer.bold("tholos 0.1.0") +
               ": type an expression or a declaration; :help for the commands, :quit or Ctrl-D "
               "to leave");
}

int run(const ReplArguments& args) {
  const bool terminal = isatty(STDIN_FILENO) == 1;
  repl::Printer printer(std::cout, repl::colour_wanted(terminal && isatty(STDOUT_FILENO) == 1));
  repl::Session session;
  std::vector<repl::Outcome> started;
  if (!args.file.empty()) started.push_back(session.load_rules(args.file, true));
  if (!args.data.empty()) started.push_back(session.load_data(args.data));
  // At the start: the banner and the summaries on a terminal, problems always.
  if (terminal) banner(printer);
  for (const repl::Outcome& outcome : started) {
    printer.diagnostics(session.unseen(outcome.diagnostics));
    if (!terminal) continue;
    for (const std::string& note : outcome.notes)
      printer.note(note);
  }
  std::cout.flush();

  std::unique_ptr<repl::LineReader> reader =
      terminal ? repl::terminal_reader([&session]() { return vocabulary_of(session); },
                                       repl::history_path())
               : repl::plain_reader(std::cin);
  repl::InputReader inputs(*reader);
  bool at_end = false;
  while (true) {
    std::string prompt, continuation;
    if (terminal) {
      prompt = prompt_for(session);
      continuation = std::string(prompt.size() > 5 ? prompt.size() - 5 : 0, ' ') + "...> ";
    }
    const std::optional<std::string> input = inputs.next(prompt, continuation);
    if (!input) {
      at_end = true;
      break;
    }
    bool go_on = true;
    try {
      go_on = repl::handle_input(session, printer, *input);
    } catch (const std::exception& e) {
      printer.error(std::string("internal error: ") + e.what());
    } catch (...) {
      printer.error("internal error");
    }
    std::cout.flush();
    if (!go_on) break;
  }
  if (terminal && at_end) std::cout << '\n';
  std::cout.flush();
  return kExitOk;
}

}  // namespace

Command add_repl_command(CLI::App& app) {
  auto args = std::make_shared<ReplArguments>();
  CLI::App* repl =
      app.add_subcommand("repl", "Explore rules and data at a prompt: expressions, declarations");
  repl->add_option("FILE", args->file, "Rule file to start with")->check(CLI::ExistingFile);
  repl->add_option("--data,-d", args->data,
                   "Folder with ratings.csv, panel.csv, items.csv [, invitations.csv]")
      ->check(CLI::ExistingDirectory);
  return [args]() { return run(*args); };
}

}  // namespace tholos::cli
