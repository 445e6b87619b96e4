// The rounds of a study in order: each statement's plan, then the round's,
// then what the report says about them (verdicts, requirements, the stop
// decision, which statements go on).
#include "interpreter/run.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "interpreter/execute.hpp"
#include "interpreter/explain.hpp"

namespace tholos::interp {
namespace {

tholos::MeasureInfo measure_info(const CheckedProgram& program, const MeasurePlan& plan) {
  const interp::MeasureInfo& m = program.measures[plan.measure];
  return {m.name, std::string(type_name(m.type)), std::string(program.text(*m.expr)),
          m.description};
}

bool is_true(const RtValue& v) {
  return v.kind == RtKind::boolean && v.boolean;
}

// A set of statements (`statements where C`) as the ids of its members, in
// items.csv order; a statement whose C has no value is neither in nor out,
// and is listed in `undetermined`.
Value statement_set(const Instr& tally, const std::vector<std::uint32_t>& items,
                    const TallyColumns& columns, const BoundStudy& study,
                    std::vector<std::string>& undetermined) {
  Value set;
  if (tally.op != Opcode::statement_tally) return set;
  set.kind = ValueKind::vector;
  for (std::size_t k = 0; k < items.size(); ++k) {
    const RtValue* condition = tally.imm == kNone ? nullptr : &columns[tally.imm][k];
    if (condition != nullptr && condition->missing()) {
      undetermined.push_back(study.item_id(items[k]));
      continue;
    }
    if (condition != nullptr && !condition->boolean) continue;
    Value member;
    member.kind = ValueKind::text;
    member.text = study.item_id(items[k]);
    set.elements.push_back(std::move(member));
  }
  return set;
}

class Runner {
 public:
  Runner(const CheckedProgram& program, const BoundStudy& study, const Plan& plan,
         const RunOptions& options, DiagnosticList& diagnostics)
      : program_(program),
        study_(study),
        plan_(plan),
        options_(options),
        diagnostics_(diagnostics),
        executor_(plan, study),
        explainer_(program) {}

  RunResult run();

 private:
  RequirementResult requirement_header(const RequirementPlan& rp) const;
  void record(RequirementResult& result, const RequirementPlan& rp, const Code& code,
              const std::vector<RtValue>& frame, const std::string& item) const;
  void note_missing(std::vector<MissingValue>& missing, const MeasurePlan& m, const Code& code,
                    const std::vector<RtValue>& frame,
                    const std::vector<std::string>& groups) const;
  Verdict verdict(const std::vector<RtValue>& frame) const;
  StopDecision stop_decision(int round, const std::vector<RtValue>& frame) const;
  void check_flow(int round, const std::vector<int>& rerate);

  const CheckedProgram& program_;
  const BoundStudy& study_;
  const Plan& plan_;
  const RunOptions& options_;
  DiagnosticList& diagnostics_;
  Executor executor_;
  Explainer explainer_;
};

// The measure's missing values at this place (itself, then its groups),
// each with the operation that left the gap.
void Runner::note_missing(std::vector<MissingValue>& missing, const MeasurePlan& m,
                          const Code& code, const std::vector<RtValue>& frame,
                          const std::vector<std::string>& groups) const {
  const std::string& name = program_.measures[m.measure].name;
  if (frame[m.slot].missing()) {
    missing.push_back({name, "", explainer_.why_missing(code, frame, m.slot)});
  }
  for (std::size_t g = 0; g < m.group_slots.size(); ++g) {
    if (frame[m.group_slots[g]].missing()) {
      missing.push_back({name, groups[g], explainer_.why_missing(code, frame, m.group_slots[g])});
    }
  }
}

RequirementResult Runner::requirement_header(const RequirementPlan& rp) const {
  const RequirementInfo& info = program_.requirements[rp.requirement];
  RequirementResult r;
  r.condition = std::string(program_.text(*info.condition));
  r.message = info.message.empty() ? r.condition : info.message;
  r.severity = info.warn ? Severity::warning : Severity::error;
  r.scope = info.scope;
  return r;
}

void Runner::record(RequirementResult& result, const RequirementPlan& rp, const Code& code,
                    const std::vector<RtValue>& frame, const std::string& item) const {
  const bool per_group = program_.requirements[rp.requirement].per_group;
  for (const ConditionPlan& place : rp.places) {
    const RtValue& v = frame[place.slot];
    ++result.checked;
    if (is_true(v)) {
      ++result.passed;
      continue;
    }
    (v.missing() ? result.undetermined : result.failed) += 1;
    RequirementFailure failure;
    failure.item = item;
    failure.group = per_group ? place.label : std::string();
    failure.result = to_value(v, Type::boolean);
    failure.operands = explainer_.operands(place, frame);
    if (v.missing()) failure.reason = explainer_.why_missing(code, frame, place.slot);
    result.failures.push_back(std::move(failure));
  }
}

Verdict Runner::verdict(const std::vector<RtValue>& frame) const {
  Verdict verdict;
  if (plan_.status == kNone) {
    verdict.reason = "the rule file has no classification";
    return verdict;
  }
  const RtValue& status = frame[plan_.status];
  const std::uint32_t deciding = status.deciding_case;
  verdict.deciding_case = static_cast<int>(deciding);
  verdict.determined = !status.missing();
  if (verdict.determined) verdict.status = plan_.labels[status.label];
  // Without explanations a determined status needs no more; an undetermined
  // one always gets its reason.
  if (!options_.explain && verdict.determined) return verdict;
  for (std::uint32_t k = 0; k <= deciding && k < plan_.cases.size(); ++k) {
    verdict.cases.push_back(explainer_.trace(plan_.cases[k], frame, true));
  }
  const ConditionTrace& decider = verdict.cases.back();
  if (!verdict.determined) {
    verdict.reason =
        fmt::format("undetermined: whether '{}' holds cannot be decided, because {}", decider.label,
                    explainer_.why_missing(plan_.statement, frame, plan_.cases[deciding].slot));
    return verdict;
  }
  if (plan_.cases[deciding].slot == kNone) {  // otherwise
    std::vector<std::string> parts;
    for (std::uint32_t k = 0; k < deciding; ++k) {
      parts.push_back(fmt::format("not {}: {}", verdict.cases[k].label,
                                  explainer_.why_false(verdict.cases[k])));
    }
    verdict.reason = parts.empty() ? fmt::format("{}: the only case", verdict.status)
                                   : fmt::format("{}, as no case holds ({})", verdict.status,
                                                 fmt::join(parts, "; "));
    return verdict;
  }
  const std::vector<Quantity> values = explainer_.operands(plan_.cases[deciding], frame);
  verdict.reason = fmt::format("{}: {} holds{}", verdict.status, decider.condition,
                               values.empty() ? "" : " (" + describe_operands(values) + ")");
  return verdict;
}

StopDecision Runner::stop_decision(int round, const std::vector<RtValue>& frame) const {
  StopDecision decision;
  if (plan_.stops.empty()) {
    decision.reason = "the rule file has no stop rule";
    return decision;
  }
  int undetermined = -1;
  for (std::size_t k = 0; k < plan_.stops.size(); ++k) {
    decision.rules.push_back(explainer_.trace(plan_.stops[k], frame, true));
    const RtValue& v = frame[plan_.stops[k].slot];
    if (is_true(v) && decision.rule < 0) decision.rule = static_cast<int>(k);
    if (v.missing() && undetermined < 0) undetermined = static_cast<int>(k);
  }
  if (decision.rule >= 0) {
    const ConditionTrace& rule = decision.rules[static_cast<std::size_t>(decision.rule)];
    decision.stop = true;
    const std::vector<Quantity> values =
        explainer_.operands(plan_.stops[static_cast<std::size_t>(decision.rule)], frame);
    decision.reason = fmt::format("the study stops after round {}: {}{}", round,
                                  rule.label.empty() ? rule.condition : rule.label,
                                  values.empty() ? "" : " (" + describe_operands(values) + ")");
  } else if (undetermined >= 0) {
    decision.determined = false;
    decision.reason = fmt::format(
        "undetermined: the stop rule '{}' cannot be decided, because {}",
        plan_.stops[static_cast<std::size_t>(undetermined)].text,
        explainer_.why_missing(plan_.round, frame,
                               plan_.stops[static_cast<std::size_t>(undetermined)].slot));
  } else {
    std::vector<std::string> parts;
    for (const auto& rule : decision.rules)
      parts.push_back(explainer_.why_false(rule));
    decision.reason =
        fmt::format("the study goes on: no stop rule holds ({})", fmt::join(parts, "; "));
  }
  return decision;
}

// Whether the next round's data rates the statements the rerate rule sends
// on: warnings, since the data is what it is.
void Runner::check_flow(int round, const std::vector<int>& rerate) {
  if (program_.rerate == nullptr || round + 1 > study_.rounds) return;
  const int last = options_.round.value_or(study_.rounds);
  if (round + 1 > last) return;
  std::vector<std::string> unexpected, absent, undecided;
  for (std::uint32_t item = 0; item < study_.item_count; ++item) {
    const bool now = study_.is_presented(round, item);
    const bool next = study_.is_presented(round + 1, item);
    if (!now) continue;
    const int r = rerate[item];
    if (r < 0 && next) undecided.push_back(study_.item_id(item));
    if (r == 0 && next) unexpected.push_back(study_.item_id(item));
    if (r == 1 && !next) absent.push_back(study_.item_id(item));
  }
  const ast::Span span = program_.rerate->span;
  if (!unexpected.empty()) {
    diagnostics_.warning(
        *program_.source, span.begin, span.end,
        fmt::format("{} statement(s) are rated in round {} although the rerate "
                    "rule does not send them on from round {}: {}",
                    unexpected.size(), round + 1, round, fmt::join(unexpected, ", ")));
  }
  if (!absent.empty()) {
    diagnostics_.warning(*program_.source, span.begin, span.end,
                         fmt::format("{} statement(s) should be rated again in round {} by the "
                                     "rerate rule, but have no ratings there: {}",
                                     absent.size(), round + 1, fmt::join(absent, ", ")));
  }
  if (!undecided.empty()) {
    diagnostics_.warning(*program_.source, span.begin, span.end,
                         fmt::format("the rerate rule cannot decide whether {} statement(s) go on "
                                     "from round {}: {}",
                                     undecided.size(), round, fmt::join(undecided, ", ")));
  }
}

RunResult Runner::run() {
  RunResult result;
  Report& report = result.report;
  report.title = program_.title;
  report.rule_file = program_.source->name();
  for (std::size_t i = 0; i < program_.params.size(); ++i) {
    report.params.push_back(
        {program_.params[i].name, scalar_value(plan_.params[i]),
         i < options_.params_overridden.size() && options_.params_overridden[i]});
  }
  for (const MeasurePlan& m : plan_.statement_measures) {
    report.statement_measures.push_back(measure_info(program_, m));
  }
  for (const MeasurePlan& m : plan_.round_measures) {
    report.round_measures.push_back(measure_info(program_, m));
  }
  report.labels = program_.labels;
  report.groups = study_.groups;
  report.files = study_.usage;

  // The panel.
  const std::vector<RtValue>& panel = executor_.run_panel();
  for (const RequirementPlan& rp : plan_.requirements) {
    if (rp.level != Level::panel) continue;
    RequirementResult r = requirement_header(rp);
    record(r, rp, plan_.panel, panel, "");
    report.panel_requirements.push_back(std::move(r));
  }

  const auto text_column = study_.data->items.column("text");
  const int last = options_.round.value_or(study_.rounds);
  std::vector<RtValue> previous_round;
  std::vector<int> final_round(study_.item_count, 0);
  std::vector<std::string> final_status(study_.item_count);
  std::vector<bool> final_determined(study_.item_count, false);
  const bool has_expression = plan_.expression != kNone;
  const Type expression_type =
      has_expression ? program_.info[program_.expression->id].type : Type::error;
  for (int round = 1; round <= last; ++round) {
    const bool reported = !options_.round || round == *options_.round;
    const auto& items = study_.statements[static_cast<std::size_t>(round - 1)];
    executor_.run_round_input(round);
    TallyColumns columns(plan_.tally_columns.size(), std::vector<RtValue>(items.size()));
    RoundResult rr;
    rr.round = round;
    rr.statements_rated = static_cast<int>(items.size());
    std::vector<int> status_counts(plan_.labels.size(), 0);
    std::vector<int> rerate(study_.item_count, -1);
    std::vector<RequirementResult> statement_requirements;
    for (const RequirementPlan& rp : plan_.requirements) {
      if (rp.level == Level::statement) statement_requirements.push_back(requirement_header(rp));
    }
    for (std::size_t k = 0; k < items.size(); ++k) {
      const std::uint32_t item = items[k];
      const std::vector<RtValue>& frame = executor_.run_statement(round, item);
      for (std::size_t c = 0; c < columns.size(); ++c)
        columns[c][k] = frame[plan_.tally_columns[c]];
      StatementResult sr;
      sr.item = study_.item_id(item);
      if (text_column) sr.text = study_.data->items.values[*text_column][item];
      for (const MeasurePlan& m : plan_.statement_measures) {
        const Type type = program_.measures[m.measure].type;
        sr.measures.push_back(to_value(frame[m.slot], type));
        if (m.group_slots.empty()) continue;
        GroupValues gv;
        gv.measure = program_.measures[m.measure].name;
        for (std::size_t g = 0; g < m.group_slots.size(); ++g) {
          gv.groups.push_back({study_.groups[g], to_value(frame[m.group_slots[g]], type)});
        }
        sr.by_group.push_back(std::move(gv));
      }
      for (const MeasurePlan& m : plan_.statement_measures) {
        note_missing(sr.missing, m, plan_.statement, frame, study_.groups);
      }
      sr.verdict = verdict(frame);
      if (plan_.status != kNone) {
        const RtValue& s = frame[plan_.status];
        if (s.missing()) {
          ++rr.undetermined;
        } else {
          ++status_counts[s.label];
        }
      }
      if (plan_.rerate != kNone) {
        const RtValue& v = frame[plan_.rerate];
        sr.rerate = to_value(v, Type::boolean);
        rerate[item] = v.missing() ? -1 : v.boolean ? 1 : 0;
        if (rerate[item] == 1) rr.rerated.push_back(sr.item);
      }
      std::size_t next_requirement = 0;
      for (const RequirementPlan& rp : plan_.requirements) {
        if (rp.level != Level::statement) continue;
        record(statement_requirements[next_requirement++], rp, plan_.statement, frame, sr.item);
      }
      if (has_expression && plan_.expression_level == Level::statement &&
          round == options_.expression_round &&
          (!options_.expression_item || *options_.expression_item == item)) {
        result.expression_values.push_back(
            {sr.item, to_value(frame[plan_.expression], expression_type)});
      }
      final_round[item] = round;
      final_status[item] = sr.verdict.status;
      final_determined[item] = sr.verdict.determined;
      if (reported) rr.statements.push_back(std::move(sr));
    }

    const std::vector<RtValue>& frame =
        executor_.run_round(round, columns, round > 1 ? &previous_round : nullptr);
    rr.invited = static_cast<int>(study_.invited[static_cast<std::size_t>(round - 1)].count());
    rr.respondents =
        static_cast<int>(study_.responded[static_cast<std::size_t>(round - 1)].count());
    {
      RtValue rate;
      rate.kind = RtKind::number;
      rate.number = stdlib::Number::ratio(rr.respondents, rr.invited);
      rr.response_rate = rr.invited == 0 ? Value{} : to_value(rate, Type::percentage);
    }
    for (std::size_t l = 0; l < plan_.labels.size(); ++l) {
      rr.status_counts.push_back({plan_.labels[l], status_counts[l]});
    }
    for (const MeasurePlan& m : plan_.round_measures) {
      rr.measures.push_back({program_.measures[m.measure].name,
                             to_value(frame[m.slot], program_.measures[m.measure].type)});
      note_missing(rr.missing, m, plan_.round, frame, study_.groups);
    }
    std::size_t next_requirement = 0;
    for (const RequirementPlan& rp : plan_.requirements) {
      if (rp.level == Level::statement) {
        rr.requirements.push_back(std::move(statement_requirements[next_requirement++]));
      } else if (rp.level == Level::round) {
        RequirementResult r = requirement_header(rp);
        record(r, rp, plan_.round, frame, "");
        rr.requirements.push_back(std::move(r));
      }
    }
    rr.stop = stop_decision(round, frame);
    if (rr.stop.stop && round < study_.rounds && round < last) {
      const ast::Span span = program_.stops[static_cast<std::size_t>(rr.stop.rule)].span;
      diagnostics_.warning(*program_.source, span.begin, span.end,
                           fmt::format("the study stops after round {} by this rule, but the "
                                       "data has {} rounds; the later rounds are evaluated too",
                                       round, study_.rounds));
    }
    if (has_expression && plan_.expression_level == Level::round &&
        round == options_.expression_round) {
      result.expression_values.push_back(
          {"", expression_type == Type::statements
                   ? statement_set(plan_.round.instrs[plan_.expression], items, columns, study_,
                                   result.expression_undetermined)
                   : to_value(frame[plan_.expression], expression_type)});
    }
    check_flow(round, rerate);
    previous_round = frame;
    if (reported) report.rounds.push_back(std::move(rr));
  }
  for (std::uint32_t item = 0; item < study_.item_count; ++item) {
    if (final_round[item] == 0) continue;
    report.final_statuses.push_back(
        {study_.item_id(item), final_determined[item], final_status[item], final_round[item]});
  }
  return result;
}

}  // namespace

RunResult run_study(const CheckedProgram& program, const BoundStudy& study, const Plan& plan,
                    const RunOptions& options, DiagnosticList& diagnostics) {
  return Runner(program, study, plan, options, diagnostics).run();
}

Value evaluate_constant(const CheckedProgram& program, const std::vector<Scalar>& params) {
  // No panelists, statements or rounds: a constant reads none of them.
  const BoundStudy empty;
  const Plan plan = build_constant_plan(program, empty, params);
  Executor executor(plan, empty);
  const std::vector<RtValue>& frame = executor.run_panel();
  return to_value(frame[plan.expression], program.info[program.expression->id].type);
}

}  // namespace tholos::interp
