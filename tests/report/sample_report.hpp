// Small reports built by hand, so the renderers are tested without the
// interpreter: two rounds of three statements with every kind of value the
// renderers treat differently.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "tholos/tholos.hpp"

namespace tholos::sample {

inline Value number(double x) {
  Value v;
  v.kind = ValueKind::number;
  v.number = x;
  return v;
}

inline Value whole(std::int64_t n) {
  Value v = number(static_cast<double>(n));
  v.numerator = n;
  v.denominator = 1;
  return v;
}

// An exact share k/n (in lowest terms) as a percentage.
inline Value share(std::int64_t k, std::int64_t n) {
  Value v;
  v.kind = ValueKind::percentage;
  v.number = static_cast<double>(k) / static_cast<double>(n);
  v.numerator = k;
  v.denominator = n;
  return v;
}

// A percentage known only as a double (no exact rational).
inline Value percent(double fraction) {
  Value v;
  v.kind = ValueKind::percentage;
  v.number = fraction;
  return v;
}

inline Value boolean(bool b) {
  Value v;
  v.kind = ValueKind::boolean;
  v.boolean = b;
  return v;
}

inline Value text(std::string s) {
  Value v;
  v.kind = ValueKind::text;
  v.text = std::move(s);
  return v;
}

inline Value label(std::string s) {
  Value v = text(std::move(s));
  v.kind = ValueKind::label;
  return v;
}

inline Value range(double low, double high) {
  Value v;
  v.kind = ValueKind::range;
  v.low = low;
  v.high = high;
  return v;
}

inline Value vector(const std::vector<double>& xs) {
  Value v;
  v.kind = ValueKind::vector;
  for (double x : xs)
    v.elements.push_back(number(x));
  return v;
}

inline Value missing() {
  return Value{};
}

inline StatementResult statement(std::string item, std::string status,
                                 std::vector<Value> measures) {
  StatementResult s;
  s.item = std::move(item);
  s.verdict.determined = !status.empty();
  s.verdict.status = std::move(status);
  s.measures = std::move(measures);
  return s;
}

// Measures: agreement (percentage), spread (number), ratings (number),
// domain (text). Labels are declared consensus, open, excluded (not in
// alphabetical order). Round 1: S01 consensus, S02 open, S03 undetermined;
// round 2: S02 consensus.
inline Report sample_report() {
  Report r;
  r.title = "Peer support outside the clinical setting";
  r.rule_file = "protocol.tholos";
  r.data = "examples/peer-support";
  r.params = {{"threshold", share(3, 4), true},
              {"max_iqr", whole(1), false},
              {"agree", range(4, 5), false}};
  r.statement_measures = {{"agreement", "percentage", "share(rating in agree)", "agreement"},
                          {"spread", "number", "iqr(rating)", ""},
                          {"ratings", "number", "count(rating)", "valid ratings"},
                          {"domain", "text", "item.domain", ""}};
  r.round_measures = {
      {"consensus_share", "percentage", "share(statements, status = consensus)", ""}};
  r.labels = {"consensus", "open", "excluded"};
  r.groups = {"patient", "professional"};
  r.files = {{"ratings.csv", 40, {{"rating", 36}, {"code DK", 2}, {"blank", 2}}},
             {"panel.csv", 12, {{"panelist", 12}}}};

  RequirementResult panel;
  panel.condition = "panelists >= 5";
  panel.message = "at least 5 panelists in each group";
  panel.scope = "each group";
  panel.checked = 2;
  panel.passed = 2;
  r.panel_requirements = {panel};

  RoundResult one;
  one.round = 1;
  one.invited = 12;
  one.respondents = 11;
  one.response_rate = share(11, 12);
  one.statements_rated = 3;
  one.status_counts = {{"consensus", 1}, {"open", 1}, {"excluded", 0}};
  one.undetermined = 1;
  one.measures = {{"consensus_share", share(1, 3)}};

  StatementResult s01 =
      statement("S01", "consensus", {share(3, 4), whole(1), whole(12), text("peers")});
  s01.text = "Peer supporters share their own experience";
  s01.verdict.deciding_case = 0;
  s01.verdict.reason = "agreement >= threshold and spread <= max_iqr is true";
  ConditionTrace consensus_case;
  consensus_case.label = "consensus";
  consensus_case.condition = "agreement >= threshold and spread <= max_iqr";
  consensus_case.result = boolean(true);
  consensus_case.atoms = {
      Atom{"agreement >= threshold",
           boolean(true),
           false,
           {Quantity{"agreement", share(3, 4)}, Quantity{"threshold", share(3, 4)}}},
      Atom{"spread <= max_iqr",
           boolean(true),
           false,
           {Quantity{"spread", whole(1)}, Quantity{"max_iqr", whole(1)}}}};
  s01.verdict.cases = {consensus_case};
  s01.by_group = {{"agreement", {{"patient", share(1, 2)}, {"professional", whole(1)}}}};
  s01.by_group[0].groups[1].value.kind = ValueKind::percentage;
  s01.rerate = boolean(false);

  StatementResult s02 = statement(
      "S02", "open", {percent(0.1 + 0.2), number(1.5), whole(10), text("say \"hi\", ok")});
  s02.text = "Pipe | in text";
  s02.rerate = boolean(true);

  StatementResult s03 = statement("S03", "", {missing(), missing(), whole(0), missing()});
  s03.verdict.reason = "agreement has no ratings to work on";
  s03.rerate = missing();

  one.statements = {s01, s02, s03};
  one.rerated = {"S02"};

  RequirementResult per_group;
  per_group.condition = "respondents >= 5";
  per_group.message = "fewer than 5 respondents in a stakeholder group";
  per_group.severity = Severity::warning;
  per_group.scope = "each statement, each group";
  per_group.checked = 6;
  per_group.passed = 5;
  per_group.failed = 1;
  per_group.failures = {{"S02", "patient", boolean(false), {{"respondents", whole(3)}}, ""}};
  one.requirements = {per_group};

  ConditionTrace round_rule;
  round_rule.label = "at most two rounds";
  round_rule.condition = "round = 2";
  round_rule.result = boolean(false);
  one.stop.stop = false;
  one.stop.reason = "the study goes on: no stop rule holds (round = 2 is false (round = 1))";
  one.stop.rules = {round_rule};

  RoundResult two;
  two.round = 2;
  two.invited = 12;
  two.respondents = 9;
  two.response_rate = share(3, 4);
  two.statements_rated = 1;
  two.status_counts = {{"consensus", 1}, {"open", 0}, {"excluded", 0}};
  two.measures = {{"consensus_share", whole(1)}};
  two.measures[0].value.kind = ValueKind::percentage;
  StatementResult s02b =
      statement("S02", "consensus", {percent(0.7), whole(1), whole(9), text("line one\nline two")});
  s02b.text = s02.text;
  s02b.rerate = boolean(false);
  two.statements = {s02b};
  round_rule.result = boolean(true);
  two.stop.stop = true;
  two.stop.rule = 0;
  two.stop.reason = "the study stops: at most two rounds";
  two.stop.rules = {round_rule};

  r.rounds = {one, two};
  r.final_statuses = {
      {"S01", true, "consensus", 1}, {"S02", true, "consensus", 2}, {"S03", false, "", 1}};

  Diagnostic warning;
  warning.severity = Severity::warning;
  warning.file = "protocol.tholos";
  warning.line = 14;
  warning.column = 3;
  warning.end_line = 14;
  warning.end_column = 9;
  warning.message = "the rerate rule cannot decide whether 1 statement(s) go on from round 1: S03";
  warning.rendered = "protocol.tholos:14:3: warning: " + warning.message;
  r.diagnostics = {warning};
  return r;
}

}  // namespace tholos::sample
