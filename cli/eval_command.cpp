#include <fstream>
#include <iostream>
#include <map>

#include <algorithm>

#include "cli/commands.hpp"
#include "common/spelling.hpp"

namespace tholos::cli {
namespace {

struct EvalArguments {
  std::string file;
  std::string data;
  std::optional<int> round;
  std::vector<std::string> sets;
  std::string format = "table";
  std::string output;
  std::optional<std::string> expression;
  std::optional<std::string> item;
};

const std::map<std::string, Format> kFormats = {{"table", Format::table},
                                                {"json", Format::json},
                                                {"csv", Format::csv},
                                                {"markdown", Format::markdown}};

int write(const std::string& text, const std::string& output) {
  if (output.empty() || output == "-") {
    std::cout << text;
    return std::cout.flush() ? kExitOk : kExitErrors;
  }
  std::ofstream out(output, std::ios::binary);
  out << text;
  if (!out.flush()) {
    std::cerr << output << ": error: cannot write the report\n";
    return kExitErrors;
  }
  return kExitOk;
}

int run(const EvalArguments& args) {
  std::map<std::string, std::string> params;
  for (const std::string& set : args.sets) {
    const auto equals = set.find('=');
    if (equals == std::string::npos || equals == 0) {
      std::cerr << "tholos: --set expects NAME=VALUE, as in --set threshold=80%; got '" << set
                << "'\n";
      return kExitUsage;
    }
    params[set.substr(0, equals)] = set.substr(equals + 1);
  }
  const Result<Program> program = compile_file(args.file);
  if (print_diagnostics(program.diagnostics, std::cerr)) return kExitErrors;
  // A param the rule file does not declare is a mistake on the command line.
  const std::vector<std::string> names = program.value->param_names();
  for (const auto& [name, value] : params) {
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    std::cerr << "tholos: --set " << name << ": the rule file has no param '" << name << "'"
              << did_you_mean(name, names) << '\n';
    return kExitUsage;
  }
  const Result<Study> study = load_study(args.data);
  if (print_diagnostics(study.diagnostics, std::cerr)) return kExitErrors;
  const Format format = kFormats.at(args.format);

  if (args.expression) {
    ExpressionOptions options;
    options.params = params;
    options.item = args.item;
    options.round = args.round;
    const Result<ExpressionResult> result =
        evaluate_expression(*program.value, *study.value, *args.expression, options);
    if (print_diagnostics(result.diagnostics, std::cerr)) return kExitErrors;
    return write(render(*result.value, format), args.output);
  }
  EvalOptions options;
  options.params = params;
  options.round = args.round;
  options.explain = format != Format::csv;
  const Result<Report> report = evaluate(*program.value, *study.value, options);
  if (print_diagnostics(report.diagnostics, std::cerr)) return kExitErrors;
  return write(render(*report.value, format), args.output);
}

}  // namespace

Command add_eval_command(CLI::App& app) {
  auto args = std::make_shared<EvalArguments>();
  CLI::App* eval = app.add_subcommand("eval", "Evaluate a rule file over a study's data");
  eval->add_option("FILE", args->file, "Rule file")->required()->check(CLI::ExistingFile);
  eval->add_option("--data,-d", args->data,
                   "Folder with ratings.csv, panel.csv, items.csv [, invitations.csv]")
      ->required()
      ->check(CLI::ExistingDirectory);
  eval->add_option("--round,-r", args->round,
                   "Evaluate up to this round and report it (default: every round)")
      ->check(CLI::PositiveNumber);
  eval->add_option("--set", args->sets, "Override a param: NAME=VALUE, as in threshold=80%");
  eval->add_option("--format,-f", args->format, "Output: table, json, csv or markdown")
      ->check(CLI::IsMember({"table", "json", "csv", "markdown"}));
  eval->add_option("--output,-o", args->output, "Write the output to this file");
  auto* expression = eval->add_option(
      "-e,--expression", args->expression,
      "Evaluate one expression instead (for each statement of the round, or --item's)");
  eval->add_option("--item", args->item, "With -e: only this statement")->needs(expression);
  return [args]() { return run(*args); };
}

}  // namespace tholos::cli
