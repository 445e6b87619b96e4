#include "cli/repl_commands.hpp"

#include <algorithm>
#include <charconv>
#include <ostream>

#include "cli/repl_explain.hpp"
#include "common/spelling.hpp"

namespace tholos::cli::repl {
namespace {

struct CommandHelp {
  const char* name;
  const char* usage;
  const char* summary;
};

constexpr CommandHelp kCommands[] = {
    {":item", ":item [ID]", "evaluate for this statement (no ID: for every statement)"},
    {":round", ":round [N]", "evaluate in this round (no N: the last round with data)"},
    {":group", ":group [NAME]",
     "evaluate within this group, as inside `every group` (no NAME: "
     "the whole panel)"},
    {":explain", ":explain [ID]", "how the statement's status was decided, with the values"},
    {":type", ":type EXPR", "the type of an expression"},
    {":load", ":load FILE", "use this rule file (the declarations typed so far are dropped)"},
    {":reload", ":reload", "read the rule file and the data again"},
    {":data", ":data DIR", "the study's data: ratings.csv, panel.csv, items.csv"},
    {":set", ":set NAME=VALUE",
     "override a param (:set NAME: back to the rules' value; :set: "
     "list the params)"},
    {":help", ":help [NAME]", "this help, or a function's forms"},
    {":quit", ":quit", "leave (also Ctrl-D)"},
};

// Words (statement ids, names), comma-separated, in lines of at most
// kListWidth characters.
constexpr std::size_t kListWidth = 78;

void print_list(Printer& printer, const std::vector<std::string>& items,
                const std::string& indent = "") {
  std::string line;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string word = items[i] + (i + 1 < items.size() ? "," : "");
    if (!line.empty() && line.size() + 1 + word.size() > kListWidth) {
      printer.info(line);
      line.clear();
    }
    line += (line.empty() ? indent : " ") + word;
  }
  if (!line.empty()) printer.info(line);
}

// A set of statements: its members, then those neither in it nor out of it.
void print_statement_set(Printer& printer, const ExpressionResult& result) {
  std::vector<std::string> members;
  for (const Value& member : result.values[0].value.elements)
    members.push_back(member.text);
  print_list(printer, members);
  std::string footer =
      std::to_string(members.size()) + " statements in round " + std::to_string(result.round);
  if (result.undetermined.empty()) {
    printer.note(footer + " : statements");
    return;
  }
  printer.note(footer + "; undetermined:");
  print_list(printer, result.undetermined);
}

void print_evaluation(Session& session, Printer& printer, const Evaluation& e) {
  printer.diagnostics(session.unseen(e.diagnostics));
  if (e.needs_data) {
    printer.with_dim_tail(e.type, "; its value needs the study's data (:data DIR)");
    return;
  }
  if (!e.result) return;
  const ExpressionResult& result = *e.result;
  const std::string round = "round " + std::to_string(result.round);
  const bool one_value =
      result.values.size() == 1 && (result.values[0].item.empty() || session.context().item);
  if (one_value && result.values[0].value.kind == ValueKind::vector &&
      result.type == "statements") {
    print_statement_set(printer, result);
    return;
  }
  if (result.values.empty()) {
    printer.info("no statement is rated in " + round);
    return;
  }
  if (one_value) {
    printer.value(result.values[0].value, result.type);
    return;
  }
  std::vector<std::pair<std::string, std::string>> rows;
  bool numeric = true;
  for (const ExpressionValue& v : result.values) {
    rows.emplace_back(v.item, format_value(v.value));
    numeric = numeric && is_numeric(v.value);
  }
  printer.table(rows, numeric);
  std::string footer = std::to_string(rows.size()) + " statements in " + round;
  if (session.context().group) footer += ", group " + *session.context().group;
  printer.note(footer + " : " + result.type);
}

void explain(Session& session, Printer& printer, const std::string& argument) {
  const std::optional<std::string> item =
      argument.empty() ? session.context().item : std::optional<std::string>(argument);
  const Result<Report> report = session.explained_report();
  printer.diagnostics(session.unseen(report.diagnostics));
  if (!report.ok()) return;
  const auto round = std::find_if(report.value->rounds.begin(), report.value->rounds.end(),
                                  [&](const RoundResult& r) { return r.round == session.round(); });
  if (round == report.value->rounds.end()) return;
  if (!item) {
    print_round_explanation(printer, *round);
    return;
  }
  for (const StatementResult& statement : round->statements) {
    if (statement.item != *item) continue;
    print_statement_explanation(printer, *report.value, *round, statement);
    return;
  }
  const std::vector<std::string> items = session.study()->items();
  if (std::find(items.begin(), items.end(), *item) == items.end()) {
    printer.error("there is no statement '" + *item + "'" + did_you_mean(*item, items));
  } else {
    printer.error("the statement '" + *item + "' is not rated in round " +
                  std::to_string(round->round));
  }
}

void show_type(Session& session, Printer& printer, const std::string& expression) {
  if (expression.empty()) {
    printer.error("write :type EXPR, as in :type share(rating in agree)");
    return;
  }
  const Result<std::string> type = session.type_of(expression);
  printer.diagnostics(session.unseen(type.diagnostics));
  if (type.ok()) printer.with_dim_tail(expression, " : " + *type.value);
}

void set(Session& session, Printer& printer, const std::string& argument) {
  if (argument.empty()) {
    if (!session.program() || session.program()->params().empty()) {
      printer.info("there are no params");
      return;
    }
    std::vector<std::pair<std::string, std::string>> rows;
    for (const ProgramParam& p : session.program()->params()) {
      std::string shown = format_value(p.value);
      if (session.overrides().contains(p.name)) {
        shown = format_value(session.param_value(p.name).value_or(Value{})) +
                "  (set; the rules say " + shown + ")";
      }
      rows.emplace_back(p.name, shown);
    }
    printer.table(rows, false);
    return;
  }
  const std::size_t equals = argument.find('=');
  if (equals == std::string::npos) {
    print_outcome(session, printer, session.reset_param(std::string(trim(argument))));
    return;
  }
  const std::string name(trim(std::string_view(argument).substr(0, equals)));
  print_outcome(session, printer, session.set_param(name, argument.substr(equals + 1)));
}

const char* kind_name(Symbol::Kind kind) {
  switch (kind) {
    case Symbol::Kind::builtin:
      return "built-in";
    case Symbol::Kind::measure:
      return "measure";
    case Symbol::Kind::param:
      return "param";
    case Symbol::Kind::band:
      return "band";
    case Symbol::Kind::criterion:
      return "criterion";
    case Symbol::Kind::label:
      return "label";
  }
  return "name";
}

// :help NAME: a function's forms, what a name is, or a command's use.
void help_on(Session& session, Printer& printer, const std::string& name) {
  const std::vector<FunctionDoc> functions = session.functions();
  for (const FunctionDoc& f : functions) {
    if (f.name != name) continue;
    printer.info(f.name + ": " + f.summary);
    for (const std::string& form : f.forms)
      printer.info("  " + form);
    return;
  }
  const std::vector<Symbol> symbols = session.symbols();
  for (const Symbol& s : symbols) {
    if (s.name != name) continue;
    const std::string what = s.name + " (" + kind_name(s.kind) + ", " + s.type + ")";
    printer.info(s.description.empty() ? what : what + ": " + s.description);
    return;
  }
  std::vector<std::string> names;
  for (const CommandHelp& c : kCommands) {
    if (name == c.name || ":" + name == c.name) {
      printer.info(std::string(c.usage) + "  " + c.summary);
      return;
    }
    names.emplace_back(c.name);
  }
  for (const FunctionDoc& f : functions)
    names.push_back(f.name);
  for (const Symbol& s : symbols)
    names.push_back(s.name);
  printer.error("there is no function, name or command '" + name + "'" + did_you_mean(name, names));
}

void help(Session& session, Printer& printer, const std::string& name) {
  if (!name.empty()) {
    help_on(session, printer, name);
    return;
  }
  const std::vector<FunctionDoc> functions = session.functions();
  printer.info("Type an expression to see its value and type, or a declaration (measure, param,");
  printer.info("classify...) to add it to the session. Commands:");
  std::vector<std::pair<std::string, std::string>> rows;
  for (const CommandHelp& c : kCommands)
    rows.emplace_back(std::string("  ") + c.usage, c.summary);
  printer.table(rows, false);
  printer.info("Functions (:help NAME for their forms):");
  rows.clear();
  for (const FunctionDoc& f : functions)
    rows.emplace_back("  " + f.name, f.summary);
  printer.table(rows, false);
  printer.info("Names (:help NAME says what one is):");
  std::vector<std::string> names;
  for (const Symbol& s : session.symbols())
    names.push_back(s.name);
  print_list(printer, names, "  ");
}

std::optional<int> parse_round(const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value);
  if (error != std::errc() || at != end) return std::nullopt;
  return value;
}

// Runs a command; returns false for :quit.
bool run_command(Session& session, Printer& printer, std::string_view input) {
  input = trim(input);
  const std::size_t space = std::min(input.find_first_of(" \t"), input.size());
  const std::string name(input.substr(0, space));
  const std::string argument(trim(input.substr(space)));
  auto optional_argument = [&]() {
    return argument.empty() ? std::nullopt : std::optional<std::string>(argument);
  };
  auto needs_argument = [&](const char* usage) {
    if (argument.empty()) printer.error(std::string("write ") + usage);
    return !argument.empty();
  };
  if (name == ":quit" || name == ":q" || name == ":exit") return false;
  if (name == ":item") {
    print_outcome(session, printer, session.set_item(optional_argument()));
  } else if (name == ":round") {
    const std::optional<int> round = parse_round(argument);
    if (!argument.empty() && !round) {
      printer.error("write :round N with a round number, as in :round 2");
    } else {
      print_outcome(session, printer, session.set_round(round));
    }
  } else if (name == ":group") {
    print_outcome(session, printer, session.set_group(optional_argument()));
  } else if (name == ":explain") {
    explain(session, printer, argument);
  } else if (name == ":type") {
    show_type(session, printer, argument);
  } else if (name == ":load") {
    if (needs_argument(":load FILE")) print_outcome(session, printer, session.load_rules(argument));
  } else if (name == ":reload") {
    print_outcome(session, printer, session.reload());
  } else if (name == ":data") {
    if (needs_argument(":data DIR")) print_outcome(session, printer, session.load_data(argument));
  } else if (name == ":set") {
    set(session, printer, argument);
  } else if (name == ":help" || name == ":h" || name == ":?") {
    help(session, printer, argument);
  } else {
    printer.error("there is no command '" + name + "'" + did_you_mean(name, command_names()) +
                  " (:help lists them)");
  }
  return true;
}

}  // namespace

std::vector<std::string> command_names() {
  std::vector<std::string> names;
  for (const CommandHelp& c : kCommands)
    names.emplace_back(c.name);
  return names;
}

void print_outcome(Session& session, Printer& printer, const Outcome& outcome) {
  printer.diagnostics(session.unseen(outcome.diagnostics));
  for (const std::string& note : outcome.notes)
    printer.note(note);
}

bool handle_input(Session& session, Printer& printer, const std::string& input) {
  switch (input_kind(input)) {
    case InputKind::blank:
      return true;
    case InputKind::command:
      return run_command(session, printer, input);
    case InputKind::declaration:
    case InputKind::scale_clause:
      print_outcome(session, printer, session.declare(input, input_kind(input)));
      return true;
    case InputKind::expression:
      print_evaluation(session, printer, session.evaluate(input));
      return true;
  }
  return true;
}

}  // namespace tholos::cli::repl
