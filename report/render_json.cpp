// The JSON report (docs/report-schema.md): every part of the report model,
// with keys in a fixed, documented order (ordered_json keeps insertion
// order), so the same report always gives the same bytes.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "report/renderers.hpp"

namespace tholos::report {
namespace {

using Json = nlohmann::ordered_json;

// Whole numbers up to 2^53 are written without a fraction ("34", not
// "34.0"); every double in that range is exact, so nothing is lost.
constexpr double kLargestExactInteger = 9007199254740992.0;

Json json_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  if (x == std::trunc(x) && std::fabs(x) <= kLargestExactInteger) {
    return static_cast<std::int64_t>(x);
  }
  return x;  // nlohmann writes the shortest text that reads back the same
}

Json json_value(const Value& value) {
  switch (value.kind) {
    case ValueKind::missing:
      return nullptr;
    case ValueKind::number:
    case ValueKind::percentage:
      return json_number(value.number);
    case ValueKind::boolean:
      return value.boolean;
    case ValueKind::text:
    case ValueKind::label:
      return value.text;
    case ValueKind::range:
      return Json::array({json_number(value.low), json_number(value.high)});
    case ValueKind::vector: {
      Json out = Json::array();
      for (const Value& element : value.elements)
        out.push_back(json_value(element));
      return out;
    }
  }
  return nullptr;
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::missing:
      return "missing";
    case ValueKind::number:
      return "number";
    case ValueKind::percentage:
      return "percentage";
    case ValueKind::boolean:
      return "boolean";
    case ValueKind::text:
      return "text";
    case ValueKind::label:
      return "label";
    case ValueKind::range:
      return "range";
    case ValueKind::vector:
      return "vector";
  }
  return "missing";
}

// An empty string where the model means "none" becomes null.
Json text_or_null(const std::string& text) {
  return text.empty() ? Json(nullptr) : Json(text);
}

Json index_or_null(int index) {
  return index < 0 ? Json(nullptr) : Json(index);
}

Json named_values(const std::vector<Quantity>& quantities) {
  Json out = Json::object();
  for (const Quantity& q : quantities)
    out[q.name] = json_value(q.value);
  return out;
}

Json json_trace(const ConditionTrace& trace) {
  Json atoms = Json::array();
  for (const Atom& atom : trace.atoms) {
    atoms.push_back({{"text", atom.text},
                     {"value", json_value(atom.value)},
                     {"negated", atom.negated},
                     {"operands", named_values(atom.operands)}});
  }
  return {{"label", trace.label},
          {"condition", trace.condition},
          {"result", json_value(trace.result)},
          {"atoms", std::move(atoms)}};
}

Json json_traces(const std::vector<ConditionTrace>& traces) {
  Json out = Json::array();
  for (const ConditionTrace& trace : traces)
    out.push_back(json_trace(trace));
  return out;
}

Json json_requirement(const RequirementResult& requirement) {
  Json failures = Json::array();
  for (const RequirementFailure& failure : requirement.failures) {
    failures.push_back({{"item", text_or_null(failure.item)},
                        {"group", text_or_null(failure.group)},
                        {"result", json_value(failure.result)},
                        {"operands", named_values(failure.operands)},
                        {"reason", text_or_null(failure.reason)}});
  }
  return {{"condition", requirement.condition},
          {"message", requirement.message},
          {"severity", severity_name(requirement.severity)},
          {"scope", requirement.scope},
          {"outcome", outcome_name(outcome(requirement))},
          {"checked", requirement.checked},
          {"passed", requirement.passed},
          {"failed", requirement.failed},
          {"undetermined", requirement.undetermined},
          {"failures", std::move(failures)}};
}

Json json_missing(const std::vector<MissingValue>& missing) {
  Json out = Json::array();
  for (const MissingValue& m : missing) {
    out.push_back({{"measure", m.measure}, {"group", text_or_null(m.group)}, {"reason", m.reason}});
  }
  return out;
}

Json json_requirements(const std::vector<RequirementResult>& requirements) {
  Json out = Json::array();
  for (const RequirementResult& requirement : requirements) {
    out.push_back(json_requirement(requirement));
  }
  return out;
}

Json json_statement(const Report& report, const StatementResult& statement) {
  Json out = Json::object();
  out["item"] = statement.item;
  if (!statement.text.empty()) out["text"] = statement.text;
  const Verdict& verdict = statement.verdict;
  out["status"] = verdict.determined ? text_or_null(verdict.status) : Json(nullptr);
  out["determined"] = verdict.determined;
  out["reason"] = verdict.reason;
  out["deciding_case"] = index_or_null(verdict.deciding_case);
  Json measures = Json::object();
  for (std::size_t m = 0; m < report.statement_measures.size(); ++m) {
    measures[report.statement_measures[m].name] =
        m < statement.measures.size() ? json_value(statement.measures[m]) : Json(nullptr);
  }
  out["measures"] = std::move(measures);
  Json by_group = Json::object();
  for (const GroupValues& values : statement.by_group) {
    by_group[values.measure] = named_values(values.groups);
  }
  out["by_group"] = std::move(by_group);
  out["missing"] = json_missing(statement.missing);
  out["rerate"] = json_value(statement.rerate);
  out["cases"] = json_traces(verdict.cases);
  return out;
}

Json json_round(const Report& report, const RoundResult& round) {
  Json counts = Json::object();
  for (const StatusCount& count : round.status_counts)
    counts[count.status] = count.count;
  Json statements = Json::array();
  for (const StatementResult& statement : round.statements) {
    statements.push_back(json_statement(report, statement));
  }
  const StopDecision& stop = round.stop;
  return {{"round", round.round},
          {"invited", round.invited},
          {"respondents", round.respondents},
          {"response_rate", json_value(round.response_rate)},
          {"statements_rated", round.statements_rated},
          {"status_counts", std::move(counts)},
          {"undetermined", round.undetermined},
          {"measures", named_values(round.measures)},
          {"missing", json_missing(round.missing)},
          {"requirements", json_requirements(round.requirements)},
          {"stop",
           {{"stop", stop.determined ? Json(stop.stop) : Json(nullptr)},
            {"determined", stop.determined},
            {"rule", index_or_null(stop.rule)},
            {"reason", stop.reason},
            {"rules", json_traces(stop.rules)}}},
          {"rerated", round.rerated},
          {"statements", std::move(statements)}};
}

Json json_measures(const std::vector<MeasureInfo>& measures) {
  Json out = Json::array();
  for (const MeasureInfo& m : measures) {
    out.push_back({{"name", m.name},
                   {"type", m.type},
                   {"definition", m.definition},
                   {"description", m.description}});
  }
  return out;
}

Json json_params(const std::vector<ParamValue>& params) {
  Json out = Json::array();
  for (const ParamValue& p : params) {
    out.push_back({{"name", p.name},
                   {"type", kind_name(p.value.kind)},
                   {"value", json_value(p.value)},
                   {"overridden", p.overridden}});
  }
  return out;
}

Json json_files(const std::vector<FileUsage>& files) {
  Json out = Json::array();
  for (const FileUsage& file : files) {
    Json uses = Json::object();
    for (const auto& [use, rows] : file.uses)
      uses[use] = rows;
    out.push_back({{"file", file.file}, {"rows", file.rows}, {"uses", std::move(uses)}});
  }
  return out;
}

Json json_final(const std::vector<FinalStatus>& statuses) {
  Json out = Json::array();
  for (const FinalStatus& s : statuses) {
    out.push_back({{"item", s.item},
                   {"status", s.determined ? Json(s.status) : Json(nullptr)},
                   {"determined", s.determined},
                   {"round", s.round}});
  }
  return out;
}

Json json_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  Json out = Json::array();
  for (const Diagnostic& d : diagnostics) {
    const bool placed = d.line > 0;
    out.push_back({{"severity", severity_name(d.severity)},
                   {"file", text_or_null(d.file)},
                   {"line", placed ? Json(d.line) : Json(nullptr)},
                   {"column", placed ? Json(d.column) : Json(nullptr)},
                   {"end_line", placed ? Json(d.end_line) : Json(nullptr)},
                   {"end_column", placed ? Json(d.end_column) : Json(nullptr)},
                   {"message", d.message},
                   {"rendered", d.rendered}});
  }
  return out;
}

}  // namespace

std::string render_json(const Report& report) {
  Json rounds = Json::array();
  for (const RoundResult& round : report.rounds)
    rounds.push_back(json_round(report, round));
  const Json document = {
      {"schema", "tholos-report"},
      {"schema_version", kReportSchemaVersion},
      {"study", {{"title", report.title}, {"rule_file", report.rule_file}, {"data", report.data}}},
      {"params", json_params(report.params)},
      {"measures",
       {{"statement", json_measures(report.statement_measures)},
        {"round", json_measures(report.round_measures)}}},
      {"labels", report.labels},
      {"groups", report.groups},
      {"data", json_files(report.files)},
      {"panel_requirements", json_requirements(report.panel_requirements)},
      {"rounds", std::move(rounds)},
      {"final", json_final(report.final_statuses)},
      {"diagnostics", json_diagnostics(report.diagnostics)},
  };
  // Text from data files need not be valid UTF-8; a bad byte becomes U+FFFD
  // instead of an exception.
  return document.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

// One object: statement id -> value, or {"round": value} for a value of the
// round as a whole.
std::string render_json(const ExpressionResult& result) {
  Json out = Json::object();
  for (const ExpressionValue& v : result.values) {
    out[v.item.empty() ? std::string("round") : v.item] = json_value(v.value);
  }
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace tholos::report
