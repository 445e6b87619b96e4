// What a program declares and what a study holds, for tools: completion,
// help, documentation.
#include <fmt/format.h>

#include <algorithm>

#include "api/impl.hpp"
#include "interpreter/checker.hpp"
#include "interpreter/explain.hpp"

namespace tholos {
namespace {

std::string form(const stdlib::FunctionInfo& f, const stdlib::Overload& o) {
  std::vector<std::string> params;
  for (const auto& p : o.params) {
    params.push_back(p.optional ? fmt::format("[{}]", p.name) : std::string(p.name));
  }
  return fmt::format("{}({})", f.name, fmt::join(params, ", "));
}

}  // namespace

std::string Program::title() const {
  return impl_->program->title;
}

std::vector<std::string> Program::param_names() const {
  std::vector<std::string> names;
  for (const auto& p : impl_->program->params)
    names.push_back(p.name);
  return names;
}

std::vector<ProgramParam> Program::params() const {
  std::vector<ProgramParam> out;
  for (const auto& p : impl_->program->params) {
    out.push_back({p.name, std::string(interp::type_name(p.type)), interp::scalar_value(p.value),
                   p.description});
  }
  return out;
}

std::vector<MeasureInfo> Program::measures() const {
  const interp::CheckedProgram& program = *impl_->program;
  std::vector<MeasureInfo> out;
  for (const auto& m : program.measures) {
    out.push_back({m.name, std::string(interp::type_name(m.type)),
                   std::string(program.text(*m.expr)), m.description});
  }
  return out;
}

std::vector<std::string> Program::labels() const {
  return impl_->program->labels;
}

std::vector<FunctionDoc> Program::functions() const {
  const interp::CheckedProgram& program = *impl_->program;
  std::vector<FunctionDoc> out;
  auto add = [&](const stdlib::FunctionInfo& f) {
    FunctionDoc doc{std::string(f.name), std::string(f.summary), {}};
    for (const auto& o : f.overloads)
      doc.forms.push_back(form(f, o));
    out.push_back(std::move(doc));
  };
  for (const auto& f : stdlib::catalogue())
    add(f);
  if (program.host_functions) {
    for (const auto& f : *program.host_functions)
      add(f);
  }
  out.push_back({"previous", "the value of an expression in the previous round", {"previous(x)"}});
  return out;
}

std::vector<std::string> Program::names() const {
  const interp::CheckedProgram& program = *impl_->program;
  std::vector<std::string> out;
  for (const auto& [name, builtin] : interp::builtin_names())
    out.push_back(name);
  for (const auto& m : program.measures)
    out.push_back(m.name);
  for (const auto& p : program.params)
    out.push_back(p.name);
  for (const auto& b : program.bands)
    out.push_back(b.name);
  for (const auto& c : program.criteria)
    out.push_back(c.name);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace {

// What each built-in name means, its type in a rule about a statement, in
// the order help lists them.
struct BuiltinDoc {
  const char* name;
  const char* type;
  const char* description;
};
constexpr BuiltinDoc kBuiltins[] = {
    {"rating", "ratings", "the statement's valid ratings, one per respondent"},
    {"status", "status label", "the statement's status (the classification's label)"},
    {"item", "text", "the statement's id"},
    {"round", "number", "the round's number"},
    {"respondents", "number",
     "panelists who answered the statement (in a rule about a round: the round)"},
    {"invited", "number", "panelists invited to the round"},
    {"response_rate", "percentage", "respondents / invited"},
    {"attrition", "percentage",
     "share of the previous round's respondents who did not answer this round"},
    {"panelists", "number", "the panel's size"},
    {"statements", "statements", "the statements rated in the round (statements where C)"},
    {"group", "text", "a panelist's group, inside where (rating where group = \"patient\")"},
    {"panelist", "text", "a panelist's id, inside where"},
};

}  // namespace

std::vector<Symbol> Program::symbols() const {
  const interp::CheckedProgram& program = *impl_->program;
  std::vector<Symbol> out;
  for (const BuiltinDoc& b : kBuiltins)
    out.push_back({b.name, Symbol::Kind::builtin, b.type, b.description});
  for (const auto& m : program.measures) {
    out.push_back({m.name, Symbol::Kind::measure, std::string(interp::type_name(m.type)),
                   m.description.empty() ? std::string(program.text(*m.expr)) : m.description});
  }
  for (const auto& p : program.params) {
    out.push_back(
        {p.name, Symbol::Kind::param, std::string(interp::type_name(p.type)), p.description});
  }
  for (const auto& b : program.bands) {
    out.push_back({b.name, Symbol::Kind::band, "range",
                   fmt::format("{}..{} on the scale {}", b.low.value(), b.high.value(),
                               program.scales[b.scale].name)});
  }
  for (const auto& c : program.criteria) {
    out.push_back({c.name, Symbol::Kind::criterion, "ratings",
                   fmt::format("the statement's valid ratings on the criterion {}", c.name)});
  }
  for (const auto& l : program.labels)
    out.push_back({l, Symbol::Kind::label, "status label", "a status label"});
  return out;
}

std::optional<std::string> Program::groups_column() const {
  const interp::CheckedProgram& program = *impl_->program;
  if (!program.groups_column) return std::nullopt;
  return program.panel_columns[*program.groups_column].column;
}

int Study::rounds() const {
  return impl_->data->rounds;
}

std::vector<std::string> Study::items() const {
  return impl_->data->items.ids;
}

std::vector<std::string> Study::panelists() const {
  return impl_->data->panel.ids;
}

std::vector<std::string> Study::panel_columns() const {
  return impl_->data->panel.columns;
}

std::vector<std::string> Study::panel_values(const std::string& column) const {
  const auto& panel = impl_->data->panel;
  const auto index = panel.column(column);
  std::vector<std::string> out;
  if (!index) return out;
  for (const std::string& value : panel.values[*index]) {
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) {
      out.push_back(value);
    }
  }
  return out;
}

}  // namespace tholos
