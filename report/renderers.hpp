// The renderers behind tholos::render, one file per Format (each renders a
// Report and an ExpressionResult), and the few facts about a report that
// more than one of them needs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "tholos/tholos.hpp"

namespace tholos::report {

std::string render_table(const Report& report);
std::string render_json(const Report& report);
std::string render_csv(const Report& report);
std::string render_markdown(const Report& report);

// One expression's values (tholos eval -e), in the same four formats.
std::string render_table(const ExpressionResult& result);
std::string render_json(const ExpressionResult& result);
std::string render_csv(const ExpressionResult& result);
std::string render_markdown(const ExpressionResult& result);

// Whether a value reads as a quantity, so that a column of them is
// right-aligned.
inline bool is_numeric(const Value& value) {
  return value.kind == ValueKind::number || value.kind == ValueKind::percentage;
}

// A requirement's outcome over all the places it was checked: it fails when
// any place failed, is undetermined when none failed but some could not be
// decided, and passes otherwise (also when there was nothing to check).
enum class Outcome { pass, fail, undetermined };

inline Outcome outcome(const RequirementResult& requirement) {
  if (requirement.failed > 0) return Outcome::fail;
  if (requirement.undetermined > 0) return Outcome::undetermined;
  return Outcome::pass;
}

inline std::string_view outcome_name(Outcome o) {
  switch (o) {
    case Outcome::pass:
      return "pass";
    case Outcome::fail:
      return "fail";
    case Outcome::undetermined:
      return "undetermined";
  }
  return "undetermined";
}

// Whether the rule file classifies statements at all. Without a `classify`
// rule no statement has a status, and the table and Markdown leave the status
// out rather than call every statement undetermined.
inline bool classifies(const Report& report) {
  return !report.labels.empty();
}

// The status a person reads: the label, or "undetermined".
inline std::string_view shown_status(const Verdict& verdict) {
  return verdict.determined && !verdict.status.empty() ? std::string_view(verdict.status)
                                                       : std::string_view("undetermined");
}

// The missing values of a round, one line each, for people: "S2 ratio:
// mean(rating) / (n - n) divides by zero", "S4 agree, group c: ...", and
// the round's own measures by name alone.
inline std::vector<std::string> missing_lines(const RoundResult& round) {
  std::vector<std::string> lines;
  auto add = [&](const std::string& item, const MissingValue& m) {
    std::string place = item.empty() ? m.measure : item + " " + m.measure;
    if (!m.group.empty()) place += ", group " + m.group;
    lines.push_back(place + ": " + m.reason);
  };
  for (const MissingValue& m : round.missing)
    add("", m);
  for (const StatementResult& s : round.statements) {
    for (const MissingValue& m : s.missing)
      add(s.item, m);
  }
  return lines;
}

// Table and Markdown list this many missing values, then say how many more
// the JSON report holds.
inline constexpr std::size_t kMaxMissingShown = 20;

}  // namespace tholos::report
