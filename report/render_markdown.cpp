// The Markdown report, for a paper's appendix: the rules and parameters in a
// sentence, then per round a paragraph and a GitHub-flavoured table of the
// statements, the requirements and the stop decision, and a final table.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "report/render.hpp"
#include "report/renderers.hpp"
#include "report/text_layout.hpp"  // join

namespace tholos::report {
namespace {

// A line break would end the paragraph or the table row it sits in.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text)
    out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

// A table cell: one line, and '|' escaped so it does not end the cell.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : one_line(text)) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

// Source text as inline code; a backtick inside needs a longer fence.
std::string code(std::string_view text) {
  const std::string line = one_line(text);
  if (line.find('`') == std::string::npos) return "`" + line + "`";
  return "`` " + line + " ``";
}

std::string row(const std::vector<std::string>& cells) {
  return "| " + join(cells, " | ") + " |\n";
}

// The header row and the delimiter row; right-aligned columns end in ':'.
std::string table_head(const std::vector<std::string>& headers, const std::vector<bool>& right) {
  std::vector<std::string> rules;
  for (bool r : right)
    rules.push_back(r ? "---:" : "---");
  return row(headers) + row(rules);
}

std::string describe_quantities(const std::vector<Quantity>& quantities) {
  std::vector<std::string> parts;
  for (const Quantity& q : quantities) {
    parts.push_back(fmt::format("{} = {}", q.name, report::format_value(q.value)));
  }
  return join(parts, ", ");
}

std::string opening(const Report& report) {
  const std::string title = report.title.empty() ? "Consensus report" : one_line(report.title);
  std::string out = fmt::format("# {}\n\n", title);
  std::string sentence = "Statuses were assigned by the rules in ";
  sentence += report.rule_file.empty() ? "the rule file" : code(report.rule_file);
  if (!report.data.empty()) sentence += " to the data in " + code(report.data);
  if (report.params.empty()) {
    sentence += ", which declare no parameters.";
  } else {
    std::vector<std::string> params;
    for (const ParamValue& p : report.params) {
      params.push_back(fmt::format("{} = {}{}", p.name, report::format_value(p.value),
                                   p.overridden ? " (set for this analysis)" : ""));
    }
    sentence += fmt::format(", with {} {}.", params.size() == 1 ? "parameter" : "parameters",
                            join(params, ", "));
  }
  return out + sentence + "\n";
}

std::string round_paragraph(const RoundResult& round) {
  std::string text =
      fmt::format("{} {} rated; {} of {} invited panelists responded", round.statements_rated,
                  round.statements_rated == 1 ? "statement was" : "statements were",
                  round.respondents, round.invited);
  if (!round.response_rate.is_missing()) {
    text += fmt::format(" ({})", report::format_value(round.response_rate));
  }
  std::vector<std::string> counts;
  for (const StatusCount& c : round.status_counts) {
    counts.push_back(fmt::format("{} {}", c.status, c.count));
  }
  if (round.undetermined > 0) counts.push_back(fmt::format("undetermined {}", round.undetermined));
  if (!counts.empty()) text += ". Statuses: " + join(counts, ", ");
  text += ".";
  if (!round.measures.empty()) text += " " + describe_quantities(round.measures) + ".";
  return text + "\n";
}

std::string statement_table(const Report& report, const RoundResult& round) {
  const bool with_text = std::any_of(round.statements.begin(), round.statements.end(),
                                     [](const StatementResult& s) { return !s.text.empty(); });
  std::vector<std::string> headers = {"Statement"};
  if (with_text) headers.push_back("Text");
  if (classifies(report)) headers.push_back("Status");
  std::vector<bool> right(headers.size(), false);
  for (std::size_t m = 0; m < report.statement_measures.size(); ++m) {
    headers.push_back(cell(report.statement_measures[m].name));
    bool any_number = false, all_numbers = true;
    for (const StatementResult& s : round.statements) {
      if (m >= s.measures.size() || s.measures[m].is_missing()) continue;
      any_number |= is_numeric(s.measures[m]);
      all_numbers &= is_numeric(s.measures[m]);
    }
    right.push_back(any_number && all_numbers);
  }
  std::string out = table_head(headers, right);
  for (const StatementResult& s : round.statements) {
    std::vector<std::string> cells = {cell(s.item)};
    if (with_text) cells.push_back(cell(s.text));
    if (classifies(report)) cells.push_back(cell(shown_status(s.verdict)));
    for (std::size_t m = 0; m < report.statement_measures.size(); ++m) {
      cells.push_back(cell(report::format_value(m < s.measures.size() ? s.measures[m] : Value{})));
    }
    out += row(cells);
  }
  return out;
}

std::string requirement_item(const RequirementResult& r) {
  const Outcome o = outcome(r);
  std::string verdict = o == Outcome::pass              ? "Passed"
                        : o == Outcome::undetermined    ? "Undetermined"
                        : r.severity == Severity::error ? "**Failed**"
                                                        : "Failed (warning)";
  std::string text =
      fmt::format("- {}: {} ({}", verdict, one_line(r.message.empty() ? r.condition : r.message),
                  code(r.condition));
  if (!r.scope.empty()) text += ", " + one_line(r.scope);
  text += fmt::format("; {} checked", r.checked);
  if (r.failed > 0) text += fmt::format(", {} failed", r.failed);
  if (r.undetermined > 0) text += fmt::format(", {} undetermined", r.undetermined);
  text += ")";
  std::vector<std::string> places;
  for (const RequirementFailure& f : r.failures) {
    std::vector<std::string> where;
    if (!f.item.empty()) where.push_back(f.item);
    if (!f.group.empty()) where.push_back("group " + f.group);
    const bool panel = r.scope.rfind("panel", 0) == 0;
    std::string place = !where.empty() ? join(where, ", ") : panel ? "the panel" : "the round";
    if (!f.operands.empty()) place += " (" + describe_quantities(f.operands) + ")";
    if (!f.reason.empty()) place += ", undetermined: " + f.reason;
    places.push_back(one_line(place));
  }
  if (!places.empty()) text += ": " + join(places, "; ");
  return text + ".\n";
}

std::string requirements(std::string_view title, const std::vector<RequirementResult>& list) {
  if (list.empty()) return "";
  std::string out = fmt::format("\n**{}.**\n\n", title);
  for (const RequirementResult& r : list)
    out += requirement_item(r);
  return out;
}

// The reason says what was decided ("the study goes on: ..."); without one,
// the decision alone. Capitalised and ended as a sentence.
std::string stop_sentence(const StopDecision& stop) {
  std::string text = one_line(stop.reason);
  if (text.empty()) {
    text = !stop.determined ? "Undetermined" : stop.stop ? "The study stops" : "The study goes on";
  }
  if (text.front() >= 'a' && text.front() <= 'z')
    text.front() = static_cast<char>(text.front() - 'a' + 'A');
  if (text.back() != '.') text += '.';
  return text;
}

std::string round_section(const Report& report, const RoundResult& round) {
  std::string out = fmt::format("\n## Round {}\n\n", round.round);
  out += round_paragraph(round) + "\n" + statement_table(report, round);
  std::string undetermined;
  for (const StatementResult& s : round.statements) {
    if (!s.verdict.determined && classifies(report)) {
      undetermined += fmt::format("- {}: {}\n", one_line(s.item), one_line(s.verdict.reason));
    }
  }
  if (!undetermined.empty()) out += "\nUndetermined statements:\n\n" + undetermined;
  const std::vector<std::string> missing = missing_lines(round);
  if (!missing.empty()) {
    out += "\nMissing values:\n\n";
    const std::size_t shown = std::min(missing.size(), kMaxMissingShown);
    for (std::size_t m = 0; m < shown; ++m)
      out += "- " + one_line(missing[m]) + "\n";
    if (missing.size() > shown) {
      out += fmt::format("- ... and {} more (the JSON report lists every one)\n",
                         missing.size() - shown);
    }
  }
  out += requirements("Requirements", round.requirements);
  out += "\n**Stop decision.** " + stop_sentence(round.stop) + "\n";
  if (!round.rerated.empty()) {
    out += fmt::format("\n**Re-rated in round {}:** {}.\n", round.round + 1,
                       one_line(join(round.rerated, ", ")));
  }
  return out;
}

std::string final_section(const Report& report) {
  if (report.final_statuses.empty() || !classifies(report)) return "";
  // The wording of each statement, from the last round that has it.
  std::map<std::string, std::string> texts;
  for (const RoundResult& round : report.rounds) {
    for (const StatementResult& s : round.statements) {
      if (!s.text.empty()) texts[s.item] = s.text;
    }
  }
  const bool with_text = !texts.empty();
  std::vector<std::string> headers = {"Statement"};
  if (with_text) headers.push_back("Text");
  headers.insert(headers.end(), {"Final status", "Round"});
  std::vector<bool> right(headers.size(), false);
  right.back() = true;
  std::string out = "\n## Final status\n\n" + table_head(headers, right);
  for (const FinalStatus& f : report.final_statuses) {
    std::vector<std::string> cells = {cell(f.item)};
    if (with_text) cells.push_back(cell(texts[f.item]));
    cells.push_back(cell(f.status.empty() ? "undetermined" : f.status));
    cells.push_back(std::to_string(f.round));
    out += row(cells);
  }
  return out;
}

}  // namespace

std::string render_markdown(const Report& report) {
  std::string out = opening(report);
  out += requirements("Panel requirements", report.panel_requirements);
  for (const RoundResult& round : report.rounds)
    out += round_section(report, round);
  return out + final_section(report);
}

// A two-column table: the statement (or the round) and the value.
std::string render_markdown(const ExpressionResult& result) {
  const bool round_level = std::all_of(result.values.begin(), result.values.end(),
                                       [](const ExpressionValue& v) { return v.item.empty(); });
  const bool numeric = std::all_of(
      result.values.begin(), result.values.end(),
      [](const ExpressionValue& v) { return v.value.is_missing() || is_numeric(v.value); });
  std::string out = table_head({round_level ? "Round" : "Statement", "Value"}, {false, numeric});
  for (const ExpressionValue& v : result.values) {
    out += row({v.item.empty() ? std::to_string(result.round) : cell(v.item),
                cell(report::format_value(v.value))});
  }
  return out;
}

}  // namespace tholos::report
