// The terminal report: plain ASCII layout (the data's own text may be
// UTF-8), no colour, readable at 100 columns. A header, then for each round
// a summary, an aligned table of its statements, its requirements, the stop
// decision and what goes on; then final statuses, data use and warnings.
#include <fmt/format.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "report/render.hpp"
#include "report/renderers.hpp"
#include "report/text_layout.hpp"

namespace tholos::report {
namespace {

constexpr std::string_view kIndent = "  ";  // tables and notes inside a round
// A cell wider than this (a long text value) is cut short with "...".
constexpr int kMaxCellWidth = 40;
// Failures listed per requirement; the JSON report has them all.
constexpr std::size_t kMaxFailuresShown = 10;

// The statements of a round: item and status, then one column per measure.
// Measures that do not fit in the page width go to a further table, which
// repeats the item column.
std::string statement_tables(const Report& report, const RoundResult& round) {
  Column item{"item", false, {}};
  Column status{"status", false, {}};
  for (const StatementResult& s : round.statements) {
    item.cells.push_back(shorten(s.item, kMaxCellWidth));
    status.cells.push_back(std::string(shown_status(s.verdict)));
  }
  std::vector<Column> measures;
  for (std::size_t m = 0; m < report.statement_measures.size(); ++m) {
    Column column{report.statement_measures[m].name, false, {}};
    bool any_number = false, all_numbers = true;
    for (const StatementResult& s : round.statements) {
      const Value value = m < s.measures.size() ? s.measures[m] : Value{};
      column.cells.push_back(shorten(report::format_value(value), kMaxCellWidth));
      if (value.is_missing()) continue;
      any_number |= is_numeric(value);
      all_numbers &= is_numeric(value);
    }
    column.right = any_number && all_numbers;
    measures.push_back(std::move(column));
  }

  const int gap = width_of(kGap);
  std::string out;
  std::vector<Column> table = {item};
  int used = width_of(kIndent) + item.width();
  if (classifies(report)) {
    used += gap + status.width();
    table.push_back(status);
  }
  for (Column& column : measures) {
    const int needed = gap + column.width();
    if (used + needed > kPageWidth && table.size() > 1) {
      out += layout(table, kIndent) + "\n";
      table = {item};
      used = width_of(kIndent) + item.width();
    }
    used += needed;
    table.push_back(std::move(column));
  }
  return out + layout(table, kIndent);
}

std::string requirement_tag(const RequirementResult& requirement) {
  switch (outcome(requirement)) {
    case Outcome::pass:
      return "pass";
    case Outcome::undetermined:
      return "undetermined";
    case Outcome::fail:
      break;
  }
  switch (requirement.severity) {
    case Severity::error:
      return "FAIL";
    case Severity::warning:
      return "warn";
    case Severity::note:
      return "note";
  }
  return "FAIL";
}

std::string describe_quantities(const std::vector<Quantity>& quantities) {
  std::vector<std::string> parts;
  for (const Quantity& q : quantities) {
    parts.push_back(fmt::format("{} = {}", q.name, report::format_value(q.value)));
  }
  return join(parts, ", ");
}

// Where it failed: the statement and group, or else the panel or the round.
std::string describe_failure(const RequirementResult& requirement,
                             const RequirementFailure& failure) {
  std::vector<std::string> place;
  if (!failure.item.empty()) place.push_back(failure.item);
  if (!failure.group.empty()) place.push_back("group " + failure.group);
  const bool panel = requirement.scope.rfind("panel", 0) == 0;
  std::string text = !place.empty() ? join(place, ", ") : panel ? "the panel" : "the round";
  text += ": ";
  text += failure.operands.empty() ? report::format_value(failure.result)
                                   : describe_quantities(failure.operands);
  if (failure.result.is_missing()) {
    text += failure.reason.empty() ? " (undetermined)" : " (undetermined: " + failure.reason + ")";
  }
  return text;
}

// "  pass  message" and, under the message, what was checked and where it
// failed.
std::string requirements_section(std::string_view title,
                                 const std::vector<RequirementResult>& requirements) {
  if (requirements.empty()) return "";
  std::string out = fmt::format("{}:\n", title);
  const std::string detail_indent(4 + 12 + 2, ' ');
  for (const RequirementResult& r : requirements) {
    const std::string head = fmt::format("    {:<12}  ", requirement_tag(r));
    out += wrap(head, r.message.empty() ? r.condition : r.message, detail_indent);
    std::string checked = r.scope.empty() ? r.condition : r.scope + ": " + r.condition;
    checked += fmt::format(" ({} checked, {} passed", r.checked, r.passed);
    if (r.failed > 0) checked += fmt::format(", {} failed", r.failed);
    if (r.undetermined > 0) checked += fmt::format(", {} undetermined", r.undetermined);
    out += wrap(detail_indent, checked + ")", detail_indent);
    const std::size_t shown = std::min(r.failures.size(), kMaxFailuresShown);
    for (std::size_t f = 0; f < shown; ++f) {
      out += wrap(detail_indent + "  ", describe_failure(r, r.failures[f]), detail_indent + "    ");
    }
    if (r.failures.size() > shown) {
      out += fmt::format("{}  ... and {} more\n", detail_indent, r.failures.size() - shown);
    }
  }
  return out;
}

std::string header(const Report& report) {
  const std::string title = report.title.empty() ? "Tholos report" : report.title;
  std::string out =
      title + "\n" + std::string(static_cast<std::size_t>(width_of(title)), '=') + "\n";
  if (!report.rule_file.empty()) out += wrap("Rules:   ", report.rule_file, "         ");
  if (!report.data.empty()) out += wrap("Data:    ", report.data, "         ");
  if (!report.params.empty()) {
    std::vector<std::string> params;
    for (const ParamValue& p : report.params) {
      params.push_back(keep_together(fmt::format("{} = {}{}", p.name, report::format_value(p.value),
                                                 p.overridden ? " (overridden)" : "")));
    }
    out += wrap("Params:  ", join(params, ", "), "         ");
  }
  return out;
}

std::string round_summary(const Report& report, const RoundResult& round) {
  std::string summary = fmt::format("{} statement{} rated; {} of {} invited panelists responded",
                                    round.statements_rated, round.statements_rated == 1 ? "" : "s",
                                    round.respondents, round.invited);
  if (!round.response_rate.is_missing()) {
    summary += fmt::format(" ({})", report::format_value(round.response_rate));
  }
  std::vector<std::string> counts;
  for (const StatusCount& c : round.status_counts) {
    counts.push_back(keep_together(fmt::format("{} {}", c.status, c.count)));
  }
  if (classifies(report)) {
    counts.push_back(keep_together(fmt::format("undetermined {}", round.undetermined)));
  }
  if (counts.empty()) return wrap(fmt::format("Round {}: ", round.round), summary, "  ");
  return wrap(fmt::format("Round {}: ", round.round), summary + "; " + join(counts, ", "), "  ");
}

// The reason says what was decided ("the study goes on: ..."); without one,
// the decision alone.
std::string stop_line(const StopDecision& stop) {
  std::string reason = stop.reason;
  if (reason.empty() && stop.rule >= 0 && static_cast<std::size_t>(stop.rule) < stop.rules.size()) {
    reason = stop.rules[static_cast<std::size_t>(stop.rule)].label;
  }
  if (reason.empty()) {
    reason = !stop.determined ? "undetermined"
             : stop.stop      ? "the study stops"
                              : "the study goes on";
  }
  return wrap("  Stop decision: ", reason, "    ");
}

std::string round_section(const Report& report, const RoundResult& round) {
  std::string out = "\n" + round_summary(report, round);
  if (!round.measures.empty()) {
    out += wrap("  Round measures: ", describe_quantities(round.measures), "    ");
  }
  out += "\n" + statement_tables(report, round);

  std::vector<const StatementResult*> undetermined;
  for (const StatementResult& s : round.statements) {
    if (!s.verdict.determined && classifies(report)) undetermined.push_back(&s);
  }
  if (!undetermined.empty()) {
    out += fmt::format("\n  Undetermined ({}):\n", undetermined.size());
    for (const StatementResult* s : undetermined) {
      const std::string reason = s->verdict.reason.empty() ? "no reason given" : s->verdict.reason;
      out += wrap(fmt::format("    {}: ", s->item), reason, "      ");
    }
  }
  const std::vector<std::string> missing = missing_lines(round);
  if (!missing.empty()) {
    out += fmt::format("\n  Missing values ({}):\n", missing.size());
    const std::size_t shown = std::min(missing.size(), kMaxMissingShown);
    for (std::size_t m = 0; m < shown; ++m)
      out += wrap("    ", missing[m], "      ");
    if (missing.size() > shown) {
      out += fmt::format("    ... and {} more (--format json lists every one)\n",
                         missing.size() - shown);
    }
  }
  out += "\n" + requirements_section("  Requirements", round.requirements);
  out += stop_line(round.stop);
  const bool any_rerate_decided =
      std::any_of(round.statements.begin(), round.statements.end(),
                  [](const StatementResult& s) { return !s.rerate.is_missing(); });
  // Once the study stops nothing goes on, unless the rule still names some.
  if (!round.rerated.empty() || (any_rerate_decided && !round.stop.stop)) {
    const std::string list = round.rerated.empty() ? "none" : join(round.rerated, ", ");
    out += wrap(fmt::format("  Re-rated in round {} ({}): ", round.round + 1, round.rerated.size()),
                list, "    ");
  }
  return out;
}

std::string final_section(const Report& report) {
  if (report.final_statuses.empty() || !classifies(report)) return "";
  // Counts in declaration order of the labels, then any other label met.
  std::vector<std::string> order = report.labels;
  std::map<std::string, int> counts;
  int undetermined = 0;
  Column item{"item", false, {}}, status{"status", false, {}}, round{"last round", true, {}};
  for (const FinalStatus& f : report.final_statuses) {
    if (f.status.empty()) {
      ++undetermined;
    } else if (counts[f.status]++ == 0 &&
               std::find(order.begin(), order.end(), f.status) == order.end()) {
      order.push_back(f.status);
    }
    item.cells.push_back(shorten(f.item, kMaxCellWidth));
    status.cells.push_back(f.status.empty() ? "undetermined" : f.status);
    round.cells.push_back(std::to_string(f.round));
  }
  std::vector<std::string> parts;
  for (const std::string& label : order) {
    parts.push_back(keep_together(fmt::format("{} {}", label, counts[label])));
  }
  parts.push_back(keep_together(fmt::format("undetermined {}", undetermined)));
  std::string out =
      "\n" + wrap(fmt::format("Final statuses of {} statements: ", report.final_statuses.size()),
                  join(parts, ", "), "  ");
  return out + layout({item, status, round}, "  ");
}

std::string data_section(const Report& report) {
  if (report.files.empty()) return "";
  std::string out = "\nData files:\n";
  for (const FileUsage& file : report.files) {
    std::vector<std::string> uses;
    for (const auto& [use, rows] : file.uses) {
      uses.push_back(keep_together(fmt::format("{} {}", use, rows)));
    }
    std::string text = fmt::format("{} rows", file.rows);
    if (!uses.empty()) text += ": " + join(uses, ", ");
    out += wrap(fmt::format("  {}: ", file.file), text, "    ");
  }
  return out;
}

std::string warnings_section(const Report& report) {
  if (report.diagnostics.empty()) return "";
  std::string out = "\nWarnings:\n";
  for (const Diagnostic& d : report.diagnostics) {
    out += (d.rendered.empty() ? render_diagnostic(d) : d.rendered) + "\n";
  }
  return out;
}

}  // namespace

std::string render_table(const Report& report) {
  std::string out = header(report);
  if (!report.panel_requirements.empty()) {
    out += "\n" + requirements_section("Panel requirements", report.panel_requirements);
  }
  for (const RoundResult& round : report.rounds)
    out += round_section(report, round);
  out += final_section(report);
  out += data_section(report);
  out += warnings_section(report);
  return out;
}

// One line per statement, numbers right-aligned; a round-level value alone.
std::string render_table(const ExpressionResult& result) {
  int item_width = 0, value_width = 0;
  bool numbers = true;
  std::vector<std::string> values;
  for (const ExpressionValue& v : result.values) {
    values.push_back(report::format_value(v.value));
    item_width = std::max(item_width, width_of(v.item));
    value_width = std::max(value_width, width_of(values.back()));
    numbers &= v.value.is_missing() || is_numeric(v.value);
  }
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string& item = result.values[i].item;
    std::string line = item.empty() ? values[i]
                                    : pad(printable(item), item_width, false) + std::string(kGap) +
                                          pad(values[i], value_width, numbers);
    while (!line.empty() && line.back() == ' ')
      line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace tholos::report
