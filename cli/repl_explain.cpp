#include "cli/repl_explain.hpp"

#include <ostream>

namespace tholos::cli::repl {
namespace {

// Statements listed in a line before it is abbreviated.
constexpr std::size_t kListed = 12;

std::string quantities(const std::vector<Quantity>& list) {
  std::string out;
  for (const Quantity& q : list)
    out += (out.empty() ? "" : ", ") + q.name + " = " + format_value(q.value);
  return out;
}

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t shown = display_width(text);
  return shown >= width ? text : text + std::string(width - shown, ' ');
}

void print_case(Printer& printer, const Verdict& verdict, std::size_t index) {
  const ConditionTrace& trace = verdict.cases[index];
  const bool otherwise = trace.condition == "otherwise";
  const bool deciding = static_cast<int>(index) == verdict.deciding_case;
  std::string head = "  case " + std::to_string(index + 1) + ": ";
  head += otherwise ? "otherwise " + trace.label : trace.label + " when " + trace.condition;
  std::string tail;
  if (!otherwise) tail = " -> " + format_value(trace.result);
  if (deciding && verdict.determined) tail += otherwise ? " -> decides" : ", decides";
  if (deciding && !verdict.determined) tail += ": the status is undetermined";
  printer.stream() << head << (deciding ? printer.bold(tail) : tail) << '\n';
  std::size_t width = 0;
  for (const Atom& atom : trace.atoms)
    width = std::max(width, display_width(atom.text));
  for (const Atom& atom : trace.atoms) {
    std::string line = "      " + pad(atom.text, width) + "  " + pad(format_value(atom.value), 7);
    if (atom.negated) line += "  (under `not`: needs false)";
    printer.stream() << line << printer.dim("  " + quantities(atom.operands)) << '\n';
  }
}

}  // namespace

void print_statement_explanation(Printer& printer, const Report& report, const RoundResult& round,
                                 const StatementResult& statement) {
  const Verdict& verdict = statement.verdict;
  const std::string status = report.labels.empty() ? "not classified"
                             : verdict.determined  ? verdict.status
                                                   : "undetermined";
  printer.stream() << statement.item << ", round " << round.round << ": " << printer.bold(status)
                   << '\n';
  if (!statement.text.empty()) printer.note("  \"" + statement.text + "\"");
  for (std::size_t i = 0; i < verdict.cases.size(); ++i)
    print_case(printer, verdict, i);
  if (!verdict.determined && !verdict.reason.empty()) printer.info("  " + verdict.reason);
  std::vector<Quantity> measures;
  for (std::size_t i = 0; i < report.statement_measures.size() && i < statement.measures.size();
       ++i) {
    measures.push_back({report.statement_measures[i].name, statement.measures[i]});
  }
  if (!measures.empty()) printer.info("  measures: " + quantities(measures));
  for (const GroupValues& by_group : statement.by_group)
    printer.info("  " + by_group.measure + " by group: " + quantities(by_group.groups));
  if (statement.rerate.kind == ValueKind::boolean) {
    printer.info(std::string("  rated again in the next round: ") +
                 (statement.rerate.boolean ? "yes" : "no"));
  }
}

void print_round_explanation(Printer& printer, const RoundResult& round) {
  std::string counts;
  for (const StatusCount& count : round.status_counts)
    counts += ", " + count.status + " " + std::to_string(count.count);
  if (!round.status_counts.empty())
    counts += ", undetermined " + std::to_string(round.undetermined);
  printer.info("round " + std::to_string(round.round) + ": " +
               std::to_string(round.statements_rated) + " statements rated" + counts);
  std::vector<std::string> undetermined;
  for (const StatementResult& s : round.statements) {
    if (!s.verdict.determined && !s.verdict.cases.empty()) undetermined.push_back(s.item);
  }
  if (!undetermined.empty()) {
    std::string list;
    for (std::size_t i = 0; i < undetermined.size() && i < kListed; ++i)
      list += " " + undetermined[i];
    if (undetermined.size() > kListed) {
      list += " ... (" + std::to_string(undetermined.size()) + " in all)";
    }
    printer.info("  undetermined:" + list);
  }
  if (!round.stop.reason.empty()) printer.info("  stop: " + round.stop.reason);
  printer.note(
      "  :explain ID (or :item ID, then :explain) shows how a statement's status was "
      "decided");
}

}  // namespace tholos::cli::repl
