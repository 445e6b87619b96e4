// Checking a rule file as a whole: the declarations it may hold and how
// often, the names it declares, the order in which measures can be computed,
// and the choices it leaves to defaults that can change verdicts.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/spelling.hpp"
#include "grammar/parse_rules.hpp"
#include "interpreter/check.hpp"
#include "interpreter/checker.hpp"

namespace tholos::interp {
namespace {

template <typename T>
std::vector<const T*> all_of(const std::vector<const ast::Decl*>& decls) {
  std::vector<const T*> found;
  for (const ast::Decl* decl : decls) {
    if (const auto* d = std::get_if<T>(&decl->body)) found.push_back(d);
  }
  return found;
}

// Declarations of which a rule file has at most one.
bool is_single(const ast::Decl& decl) {
  return std::holds_alternative<ast::StudyDecl>(decl.body) ||
         std::holds_alternative<ast::QuantilesDecl>(decl.body) ||
         std::holds_alternative<ast::DenominatorDecl>(decl.body) ||
         std::holds_alternative<ast::GroupsDecl>(decl.body) ||
         std::holds_alternative<ast::ClassifyDecl>(decl.body) ||
         std::holds_alternative<ast::RerateDecl>(decl.body);
}

const std::string* declared_name(const ast::Decl& decl) {
  if (const auto* p = std::get_if<ast::ParamDecl>(&decl.body)) return &p->name.text;
  if (const auto* m = std::get_if<ast::MeasureDecl>(&decl.body)) return &m->name.text;
  return nullptr;
}

std::string scope_text(const std::vector<ast::ScopeRef>& scopes) {
  std::vector<std::string> parts;
  for (const auto& s : scopes) {
    switch (s.scope) {
      case ast::Scope::statement:
        parts.emplace_back("each statement");
        break;
      case ast::Scope::round:
        parts.emplace_back("each round");
        break;
      case ast::Scope::group:
        parts.emplace_back("each group");
        break;
      case ast::Scope::panel:
        parts.emplace_back("panel");
        break;
    }
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

std::string_view type_name(Type type) {
  switch (type) {
    case Type::error:
      return "error";
    case Type::number:
      return "number";
    case Type::percentage:
      return "percentage";
    case Type::boolean:
      return "boolean";
    case Type::text:
      return "text";
    case Type::label:
      return "status label";
    case Type::range:
      return "range";
    case Type::list:
      return "list";
    case Type::ratings:
      return "ratings";
    case Type::flags:
      return "per-respondent condition";
    case Type::statements:
      return "statements";
  }
  return "error";
}

std::string_view level_name(Level level) {
  switch (level) {
    case Level::constant:
      return "constant";
    case Level::panel:
      return "panel";
    case Level::round_input:
    case Level::round:
      return "round";
    case Level::statement:
      return "statement";
    case Level::panelist:
      return "panelist";
  }
  return "constant";
}

const stdlib::FunctionInfo* CheckedProgram::find_function(std::string_view name) const {
  if (const stdlib::FunctionInfo* f = stdlib::find_function(name)) return f;
  if (host_functions) {
    for (const stdlib::FunctionInfo& f : *host_functions) {
      if (f.name == name) return &f;
    }
  }
  return nullptr;
}

std::vector<std::string> CheckedProgram::function_names() const {
  std::vector<std::string> names;
  for (const stdlib::FunctionInfo& f : stdlib::catalogue())
    names.emplace_back(f.name);
  if (host_functions) {
    for (const stdlib::FunctionInfo& f : *host_functions)
      names.emplace_back(f.name);
  }
  names.emplace_back("previous");
  return names;
}

std::optional<std::uint32_t> CheckedProgram::find_param(std::string_view name) const {
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i].name == name) return static_cast<std::uint32_t>(i);
  }
  return std::nullopt;
}

std::string_view CheckedProgram::text(const ast::Expr& e) const {
  const bool extra = expression && e.id >= module->node_count;
  const std::string& all = extra ? expression_source->text() : source->text();
  return std::string_view(all).substr(e.span.begin, e.span.end - e.span.begin);
}

bool Checker::declare(const ast::Name& name, Reference ref) {
  if (builtin_names().count(name.text) != 0) {
    error(name.span,
          fmt::format("'{}' is a built-in name of the language; choose another name", name.text));
    return false;
  }
  if (p_.find_function(name.text) != nullptr || name.text == "previous") {
    error(name.span,
          fmt::format("'{}' is a {} function; choose another name", name.text,
                      stdlib::find_function(name.text) != nullptr || name.text == "previous"
                          ? "built-in"
                          : "host's"));
    return false;
  }
  if (auto it = declared_at_.find(name.text); it != declared_at_.end()) {
    const Location first = p_.source->locate(it->second.begin);
    const Location here = p_.source->locate(name.span.begin);
    const std::string where =
        first.file == here.file ? std::string() : fmt::format(" of {}", first.file);
    error(name.span, fmt::format("'{}' is already declared at line {}, column {}{}", name.text,
                                 first.position.line, first.position.column, where));
    return false;
  }
  declared_at_[name.text] = name.span;
  if (ref.kind != Reference::Kind::none) symbols_[name.text] = ref;
  return true;
}

void Checker::poison(const ast::Name& name) {
  if (!declared_at_.try_emplace(name.text, name.span).second) return;
  poisoned_names_.insert(name.text);
}

void Checker::ensure_measure(std::uint32_t index, const ast::Expr& use) {
  MeasureSlot& slot = measure_slots_[index];
  if (slot.state == MeasureState::done) return;
  if (slot.state == MeasureState::checking) {
    if (slot.in_cycle) return;  // reported once
    slot.in_cycle = true;
    std::vector<std::string> chain;
    bool in_cycle = false;
    for (std::uint32_t m : measure_stack_) {
      in_cycle |= m == index;
      if (in_cycle) chain.push_back(p_.measures[m].name);
    }
    chain.push_back(p_.measures[index].name);
    error(use, fmt::format("'{}' is defined in terms of itself: {}", p_.measures[index].name,
                           fmt::join(chain, " -> ")));
    p_.measures[index].type = Type::error;
    return;
  }
  check_measure(index);
}

void Checker::check_measure(std::uint32_t index) {
  MeasureSlot& slot = measure_slots_[index];
  slot.state = MeasureState::checking;
  measure_stack_.push_back(index);
  const ast::Expr& value = *slot.decl->value;
  MeasureInfo& m = p_.measures[index];
  m.level = uses_round_aggregates(value) ? Level::round : Level::statement;
  CheckContext ctx;
  ctx.level = p_.measures[index].level;
  const Type type = check(value, ctx).type;
  measure_slots_[index].uses_status = uses_status(value);
  p_.measures[index].type = measure_slots_[index].in_cycle ? Type::error : type;
  const ExprInfo info = p_.info[value.id];
  if (info.type == Type::statements || info.type == Type::list) {
    error(value, fmt::format("a measure is a value per statement or per round; {} is {}",
                             text(value), type_name(info.type)));
    p_.measures[index].type = Type::error;
  }
  measure_slots_[index].state = MeasureState::done;
  measure_stack_.pop_back();
}

void Checker::restore_symbols() {
  for (std::size_t i = 0; i < p_.bands.size(); ++i) {
    symbols_[p_.bands[i].name] = {Reference::Kind::band, Builtin::rating,
                                  static_cast<std::uint32_t>(i)};
  }
  for (std::size_t i = 0; i < p_.params.size(); ++i) {
    symbols_[p_.params[i].name] = {Reference::Kind::param, Builtin::rating,
                                   static_cast<std::uint32_t>(i)};
  }
  for (std::size_t i = 0; i < p_.criteria.size(); ++i) {
    symbols_[p_.criteria[i].name] = {Reference::Kind::criterion, Builtin::rating,
                                     static_cast<std::uint32_t>(i)};
  }
  measure_slots_.resize(p_.measures.size());
  for (std::size_t i = 0; i < p_.measures.size(); ++i) {
    symbols_[p_.measures[i].name] = {Reference::Kind::measure, Builtin::rating,
                                     static_cast<std::uint32_t>(i)};
    measure_slots_[i].state = MeasureState::done;
  }
  for (std::size_t i = 0; i < p_.measures.size(); ++i) {
    measure_slots_[i].uses_status = uses_status(*p_.measures[i].expr);
  }
  for (std::size_t i = 0; i < p_.scales.size(); ++i) {
    scales_[p_.scales[i].name] = static_cast<std::uint32_t>(i);
  }
  for (std::size_t i = 0; i < p_.labels.size(); ++i) {
    labels_[p_.labels[i]] = static_cast<std::uint32_t>(i);
  }
  param_used_.assign(p_.params.size(), true);
  param_poisoned_.assign(p_.params.size(), false);
}

// The declarations in force: an imported file's declarations, except those
// the rule file itself replaces (a param or measure of the same name, or
// its own study title, quantile type, denominator, groups, classification or
// rerate rule). Scales of the same name are merged later.
std::vector<const ast::Decl*> Checker::effective_declarations() {
  const ast::Module& module = *p_.module;
  auto segment = [&](const ast::Decl& d) { return p_.source->segment_of(d.span.begin); };
  // Whether another declaration of the same param, measure or single
  // setting comes from a file that imports this one's.
  auto replaced = [&](const ast::Decl& decl) {
    const std::string* name = declared_name(decl);
    if (name == nullptr && !is_single(decl)) return false;
    for (const ast::Decl& other : module.decls) {
      if (&other == &decl || other.body.index() != decl.body.index()) continue;
      if (name != nullptr && *declared_name(other) != *name) continue;
      if (module.imports(segment(other), segment(decl))) return true;
    }
    return false;
  };
  std::vector<const ast::Decl*> effective;
  for (const ast::Decl& decl : module.decls) {
    if (replaced(decl)) {
      if (const auto* param = std::get_if<ast::ParamDecl>(&decl.body)) {
        replaced_params_.push_back(param);
      }
      continue;
    }
    effective.push_back(&decl);
  }
  return effective;
}

void Checker::check_module() {
  const ast::Module& module = *p_.module;
  p_.info.assign(module.node_count, ExprInfo{});
  const std::vector<const ast::Decl*> effective = effective_declarations();

  // At most one of each of these.
  auto at_most_one = [&](auto tag, std::string_view what) {
    using T = decltype(tag);
    const ast::Decl* first = nullptr;
    for (const ast::Decl* decl_ptr : effective) {
      const ast::Decl& decl = *decl_ptr;
      if (!std::holds_alternative<T>(decl.body)) continue;
      if (first == nullptr) {
        first = &decl;
        continue;
      }
      const TextPosition at = p_.source->position(first->span.begin);
      error(decl.keyword,
            fmt::format("a rule file has one {}; the first is at line {}", what, at.line));
    }
  };
  at_most_one(ast::StudyDecl{}, "study title");
  at_most_one(ast::QuantilesDecl{}, "quantile type");
  at_most_one(ast::DenominatorDecl{}, "denominator declaration");
  at_most_one(ast::GroupsDecl{}, "groups declaration");
  at_most_one(ast::ClassifyDecl{}, "classification");
  at_most_one(ast::RerateDecl{}, "rerate rule");

  if (auto studies = all_of<ast::StudyDecl>(effective); !studies.empty())
    p_.title = studies[0]->title;
  if (auto q = all_of<ast::QuantilesDecl>(effective); !q.empty()) {
    if (q[0]->type < 1 || q[0]->type > 9) {
      error(q[0]->type_span,
            "the quantile type is a whole number from 1 to 9 (Hyndman & Fan "
            "1996; R's default is 7, SPSS uses 6)");
    } else {
      p_.quantile_type = q[0]->type;
    }
  }
  if (auto d = all_of<ast::DenominatorDecl>(effective); !d.empty())
    p_.denominator = d[0]->denominator;
  if (auto g = all_of<ast::GroupsDecl>(effective); !g.empty()) {
    p_.panel_columns.push_back({g[0]->column.text, g[0]->column.span});
    p_.groups_column = 0;
  }

  // Scales and their bands.
  // Scales have their own namespace: a scale and a measure may share a name
  // (`scale agreement 1..5`, `measure agreement = ...`).
  // A rule file may re-declare a scale it imports, with the same range, to
  // add codes and bands (`scale grade 1..9` + `not a rating: "UTS"`).
  for (const ast::ScaleDecl* scale : all_of<ast::ScaleDecl>(effective)) {
    std::optional<std::uint32_t> reopened;
    if (auto it = scales_.find(scale->name.text); it != scales_.end()) {
      const ScaleInfo& existing = p_.scales[it->second];
      const bool adjusts = p_.module->imports(p_.source->segment_of(scale->name.span.begin),
                                              p_.source->segment_of(existing.span.begin));
      const Location at = p_.source->locate(existing.span.begin);
      if (!adjusts) {
        error(scale->name.span, fmt::format("the scale '{}' is already declared at line {}",
                                            scale->name.text, at.position.line));
        for (const auto& band : scale->bands)
          poison(band.name);
        continue;
      }
      if (!(existing.low == scale->low) || !(existing.high == scale->high)) {
        error(scale->range_span,
              fmt::format("{} declares the scale '{}' as {}..{}; a rule file that adds codes or "
                          "bands to it must give the same range",
                          at.file, scale->name.text, existing.low.to_string(),
                          existing.high.to_string()));
        for (const auto& band : scale->bands)
          poison(band.name);
        continue;
      }
      reopened = it->second;
    }
    ScaleInfo info =
        reopened ? p_.scales[*reopened]
                 : ScaleInfo{scale->name.text, scale->low, scale->high, {}, scale->name.span};
    if (!scale->low.is_integer() || !scale->high.is_integer()) {
      error(scale->range_span, "a scale runs between whole numbers, as in 1..5 or 1..9");
    } else if (!(scale->low < scale->high)) {
      error(scale->range_span,
            "a scale needs at least two points: write the lowest first, as "
            "in 1..5");
    } else if (scale->high.value() - scale->low.value() > 1000) {
      error(scale->range_span, "a scale has at most 1001 points");
    }
    for (const auto& code : scale->codes) {
      if (code.text.empty()) {
        error(code.span,
              "an empty code would match blank answers, which are non-responses; "
              "remove it");
        continue;
      }
      if (std::find(info.codes.begin(), info.codes.end(), code.text) != info.codes.end()) {
        error(code.span, fmt::format("the code \"{}\" is listed twice", code.text));
        continue;
      }
      if (auto n = stdlib::Number::parse_decimal(code.text);
          n && !(*n < scale->low) && !(scale->high < *n)) {
        error(code.span, fmt::format("\"{}\" is a point of the scale {}..{}, so it cannot also "
                                     "mean 'not a rating'",
                                     code.text, scale->low.to_string(), scale->high.to_string()));
        continue;
      }
      info.codes.push_back(code.text);
    }
    const auto scale_index = reopened ? *reopened : static_cast<std::uint32_t>(p_.scales.size());
    scales_[info.name] = scale_index;
    if (reopened) {
      p_.scales[scale_index] = std::move(info);
    } else {
      p_.scales.push_back(std::move(info));
    }
    for (const auto& band : scale->bands) {
      if (band.high < band.low) {
        error(band.range_span, "the band is empty: write the lower bound first, as in 4..5");
        poison(band.name);
        continue;
      }
      if (band.low < scale->low || scale->high < band.high) {
        error(band.range_span,
              fmt::format("the band {} lies outside the scale {}..{}", p_.text(band.range_span),
                          scale->low.to_string(), scale->high.to_string()));
        poison(band.name);
        continue;
      }
      if (!declare(band.name, {Reference::Kind::band, Builtin::rating,
                               static_cast<std::uint32_t>(p_.bands.size())})) {
        continue;
      }
      p_.bands.push_back({band.name.text, band.low, band.high, scale_index});
    }
  }
  const auto scale_decls = all_of<ast::ScaleDecl>(effective);
  if (scale_decls.empty()) {
    error(ast::Span{0, 0}, "no scale is declared: add one, as in `scale agreement 1..5`");
  }

  // Criteria.
  for (const ast::CriteriaDecl* criteria : all_of<ast::CriteriaDecl>(effective)) {
    std::uint32_t scale = 0;
    if (criteria->scale) {
      auto it = scales_.find(criteria->scale->text);
      if (it == scales_.end()) {
        std::vector<std::string> names;
        for (const auto& s : p_.scales)
          names.push_back(s.name);
        error(criteria->scale->span, fmt::format("unknown scale '{}'{}", criteria->scale->text,
                                                 did_you_mean(criteria->scale->text, names)));
        for (const auto& name : criteria->names)
          poison(name);
        continue;
      }
      scale = it->second;
    } else if (p_.scales.size() > 1) {
      error(criteria->names.front().span,
            "several scales are declared: say which one these criteria use, as in `criteria "
            "useful, acceptable on yes_no`");
    }
    for (const auto& name : criteria->names) {
      if (!declare(name, {Reference::Kind::criterion, Builtin::rating,
                          static_cast<std::uint32_t>(p_.criteria.size())})) {
        continue;
      }
      p_.criteria.push_back({name.text, scale, name.span});
    }
  }
  // (Criteria on an unknown scale are reported already.)
  if (p_.criteria.empty() && p_.scales.size() > 1 && all_of<ast::CriteriaDecl>(effective).empty()) {
    error(scale_decls[1]->name.span,
          "ratings without criteria are on one scale, but this file declares several: declare "
          "the criteria and their scales, as in `criteria useful on yes_no`");
  }

  // Labels come before any expression so that `status = consensus` resolves.
  std::vector<const ast::ClassifyDecl*> classify = all_of<ast::ClassifyDecl>(effective);
  if (!classify.empty()) {
    for (const ast::Case& c : classify[0]->cases) {
      auto [it, inserted] =
          labels_.try_emplace(c.label.text, static_cast<std::uint32_t>(p_.labels.size()));
      if (inserted) p_.labels.push_back(c.label.text);
      if (!inserted && c.condition != nullptr) {
        error(c.label.span, fmt::format("the label '{}' is used by an earlier case; each case "
                                        "decides its own label",
                                        c.label.text));
      }
      p_.cases.push_back({it->second, c.condition.get(), c.label.span});
    }
  }

  // Params: constants, foldable now. A param whose value is in error is
  // still declared, poisoned: its uses are checked with its type when that
  // is known (a division by zero) and add no error of their own, which
  // would only repeat this one ("unknown name").
  for (const ast::ParamDecl* param : all_of<ast::ParamDecl>(effective)) {
    const auto declare_param = [&](Type type, Scalar value, bool in_error) {
      if (!declare(param->name, {Reference::Kind::param, Builtin::rating,
                                 static_cast<std::uint32_t>(p_.params.size())})) {
        return;
      }
      value.type = type;
      p_.params.push_back(
          {param->name.text, type, std::move(value), param->description, param->name.span});
      param_poisoned_.push_back(in_error);
    };
    const auto declare_poisoned = [&](Type type = Type::error) {
      declare_param(type, Scalar{}, true);
    };
    // A param is set on its own (--set): one defined from another would
    // silently keep the other's default when only the other is set.
    const ast::Expr* other_param = nullptr;
    ast::visit(*param->value, [&](const ast::Expr& x) {
      const auto it = symbols_.find(x.text);
      if (x.kind == ast::ExprKind::name && x.qualifier.empty() && it != symbols_.end() &&
          it->second.kind == Reference::Kind::param && other_param == nullptr) {
        other_param = &x;
      }
    });
    if (other_param != nullptr) {
      error(*other_param,
            fmt::format("a param's value cannot use another param ('{}'), because each param "
                        "can be set on its own; write the value itself, as in: param {} = 70%",
                        other_param->text, param->name.text));
      declare_poisoned();
      continue;
    }
    CheckContext ctx;
    ctx.level = Level::panel;
    const ExprInfo& info = check(*param->value, ctx);
    if (info.type == Type::error) {
      declare_poisoned();
      continue;
    }
    auto value = fold(*param->value);
    if (!value || !is_scalar(value->type) || value->type == Type::label) {
      error(*param->value,
            "a param's value is a fixed number, percentage, range, text or "
            "true/false, as in: param threshold = 70%");
      declare_poisoned();
      continue;
    }
    if (value->is_missing) {
      error(*param->value, fmt::format("the value of '{}' has no value (a division by zero); "
                                       "write a number, as in: param {} = 1",
                                       param->name.text, param->name.text));
      declare_poisoned(value->type);
      continue;
    }
    declare_param(value->type, *value, false);
  }
  param_used_.assign(p_.params.size(), false);
  for (const ast::ParamDecl* replaced : replaced_params_) {
    // A param the rule file redeclares keeps the imported one's type.
    const auto index = p_.find_param(replaced->name.text);
    if (!index) continue;
    std::optional<Scalar> imported = fold(*replaced->value);
    CheckContext ctx;
    ctx.level = Level::panel;
    if (!imported) {
      check(*replaced->value, ctx);
      imported = fold(*replaced->value);
    }
    const Type was = imported ? imported->type : Type::error;
    const Type now = p_.params[*index].type;
    if (param_poisoned_[*index]) continue;  // its own error said what is wrong
    if (was != Type::error && was != now && !(is_numeric(was) && is_numeric(now) && was == now)) {
      error(p_.params[*index].span,
            fmt::format("'{}' is a {} in {}; give it a {} here too", replaced->name.text,
                        type_name(was), p_.source->locate(replaced->name.span.begin).file,
                        type_name(was)));
    }
  }

  // Measures: declared first, checked in dependency order.
  std::vector<const ast::MeasureDecl*> measure_decls = all_of<ast::MeasureDecl>(effective);
  for (const ast::MeasureDecl* measure : measure_decls) {
    if (!declare(measure->name, {Reference::Kind::measure, Builtin::rating,
                                 static_cast<std::uint32_t>(p_.measures.size())})) {
      continue;
    }
    MeasureInfo info;
    info.name = measure->name.text;
    info.expr = measure->value.get();
    info.description = measure->description;
    info.span = measure->name.span;
    p_.measures.push_back(std::move(info));
    measure_slots_.push_back({measure, MeasureState::unchecked, false});
  }
  for (std::uint32_t i = 0; i < p_.measures.size(); ++i) {
    if (measure_slots_[i].state == MeasureState::unchecked) check_measure(i);
  }

  // Classification, flow, requirements, stop rules.
  for (CaseInfo& c : p_.cases) {
    if (c.condition == nullptr) continue;
    CheckContext ctx;
    ctx.level = Level::statement;
    ctx.in_case = true;
    check_condition(*c.condition, ctx, "a case's condition");
  }
  if (!classify.empty() && classify[0]->cases.back().condition != nullptr) {
    error(classify[0]->cases.back().label.span,
          "a classification ends with `otherwise LABEL` so that every statement gets a status");
  }
  if (auto rerate = all_of<ast::RerateDecl>(effective); !rerate.empty()) {
    p_.rerate = rerate[0]->condition.get();
    CheckContext ctx;
    ctx.level = Level::statement;
    check_condition(*p_.rerate, ctx, "the rerate condition");
  }
  for (const ast::Decl* decl_ptr : effective) {
    const ast::Decl& decl = *decl_ptr;
    const auto* require = std::get_if<ast::RequireDecl>(&decl.body);
    if (require == nullptr) continue;
    RequirementInfo r;
    r.condition = require->condition.get();
    r.warn = require->warn;
    r.message = require->message;
    r.span = decl.span;
    std::optional<Level> level;
    for (const auto& s : require->scopes) {
      std::optional<Level> this_level;
      if (s.scope == ast::Scope::group) {
        if (r.per_group) error(s.span, "'each group' is given twice");
        r.per_group = true;
        if (!p_.groups_column) {
          error(s.span, "'each group' needs the panel's groups: add `groups from panel.group`");
        }
        continue;
      }
      this_level = s.scope == ast::Scope::statement ? Level::statement
                   : s.scope == ast::Scope::round   ? Level::round
                                                    : Level::panel;
      if (level) {
        error(s.span,
              "a requirement has one level: each statement, each round or panel "
              "(add each group to any of them)");
      }
      level = this_level;
    }
    if (!level) {
      // The level its names need: a statement's ratings, a round's counts,
      // or the panel alone.
      bool needs_statement = false, needs_round = false;
      ast::visit(*r.condition, [&](const ast::Expr& e) {
        if (e.kind != ast::ExprKind::name) return;
        if (!e.qualifier.empty()) {
          needs_statement |= e.qualifier == "item";
          return;
        }
        static const std::vector<std::string> statement_names = {"rating", "status", "item"};
        static const std::vector<std::string> round_names = {
            "round", "respondents", "invited", "response_rate", "attrition", "statements"};
        if (std::find(statement_names.begin(), statement_names.end(), e.text) !=
            statement_names.end()) {
          needs_statement = true;
        }
        if (std::find(round_names.begin(), round_names.end(), e.text) != round_names.end()) {
          needs_round = true;
        }
        if (auto it = symbols_.find(e.text); it != symbols_.end()) {
          if (it->second.kind == Reference::Kind::criterion) needs_statement = true;
          if (it->second.kind == Reference::Kind::measure) {
            const Level l = p_.measures[it->second.index].level;
            needs_statement |= l == Level::statement;
            needs_round |= l == Level::round;
          }
        }
      });
      level = needs_statement ? Level::statement : needs_round ? Level::round : Level::panel;
    }
    r.level = *level;
    std::vector<ast::ScopeRef> scopes = require->scopes;
    if (require->scopes.empty() || std::none_of(scopes.begin(), scopes.end(), [](auto s) {
          return s.scope != ast::Scope::group;
        })) {
      const ast::Scope implied = r.level == Level::statement ? ast::Scope::statement
                                 : r.level == Level::round   ? ast::Scope::round
                                                             : ast::Scope::panel;
      scopes.insert(scopes.begin(), {implied, {}});
    }
    r.scope = scope_text(scopes);
    CheckContext ctx;
    ctx.level = r.level;
    check_condition(*r.condition, ctx, "a requirement");
    p_.requirements.push_back(std::move(r));
  }
  for (const ast::Decl* decl_ptr : effective) {
    const ast::Decl& decl = *decl_ptr;
    const auto* stop = std::get_if<ast::StopDecl>(&decl.body);
    if (stop == nullptr) continue;
    CheckContext ctx;
    ctx.level = Level::round;
    check_condition(*stop->condition, ctx, "a stop rule");
    p_.stops.push_back({stop->condition.get(), stop->message, decl.span});
  }

  // Choices left to defaults that can change verdicts.
  if (first_quantile_use != nullptr) {
    const std::string others =
        quantile_uses > 1 ? fmt::format(" (and {} more uses)", quantile_uses - 1) : "";
    diagnostics_.warning(
        *p_.source, first_quantile_use->span.begin, first_quantile_use->span.end,
        fmt::format("{}{} depends on the quantile definition, and the file declares none: type 7 "
                    "(R's default) is used; SPSS and Excel's QUARTILE.EXC use type 6, which can "
                    "change verdicts. Declare it, as in `quantiles type 7`",
                    text(*first_quantile_use), others));
  }
  if (first_implicit_denominator != nullptr) {
    const std::string others =
        implicit_denominator_uses > 1
            ? fmt::format(" (and {} more uses)", implicit_denominator_uses - 1)
            : "";
    diagnostics_.warning(
        *p_.source, first_implicit_denominator->span.begin, first_implicit_denominator->span.end,
        fmt::format("{}{} divides by the number of valid ratings, leaving out answers that are "
                    "not ratings and blanks; other studies divide by all respondents or all "
                    "invited panelists. Say which, as in `denominator valid ratings` (or "
                    "`respondents`, `invited`)",
                    text(*first_implicit_denominator), others));
  }
  for (std::size_t i = 0; i < p_.params.size(); ++i) {
    if (!param_used_[i] && !param_poisoned_[i]) {
      warning(p_.params[i].span, fmt::format("the param '{}' is never used", p_.params[i].name));
    }
  }
}

std::shared_ptr<const CheckedProgram> check_program(
    std::shared_ptr<const SourceFile> source, std::shared_ptr<const ast::Module> module,
    DiagnosticList& diagnostics,
    std::shared_ptr<const std::vector<stdlib::FunctionInfo>> host_functions) {
  auto program = std::make_shared<CheckedProgram>();
  program->source = source;
  program->module = module;
  program->host_functions = std::move(host_functions);
  const int errors_before = diagnostics.error_count();
  Checker checker(*program, *source, diagnostics);
  checker.check_module();
  if (diagnostics.error_count() > errors_before) return nullptr;
  return program;
}

std::shared_ptr<const CheckedProgram> check_expression(const CheckedProgram& program,
                                                       std::shared_ptr<const SourceFile> source,
                                                       std::shared_ptr<const ast::Expr> expression,
                                                       DiagnosticList& diagnostics,
                                                       std::optional<Level> level) {
  auto extended = std::make_shared<CheckedProgram>(program);
  extended->expression_source = source;
  extended->expression = expression;
  ast::NodeId last = 0;
  ast::visit(*expression, [&](const ast::Expr& e) { last = std::max(last, e.id); });
  extended->info.resize(std::max<std::size_t>(extended->info.size(), last + 1));
  const int errors_before = diagnostics.error_count();
  Checker checker(*extended, *source, diagnostics);
  checker.restore_symbols();
  CheckContext ctx;
  ctx.level =
      level.value_or(checker.uses_round_aggregates(*expression) ? Level::round : Level::statement);
  extended->expression_level = ctx.level;
  checker.check(*expression, ctx);
  if (diagnostics.error_count() > errors_before) return nullptr;
  return extended;
}

std::optional<Scalar> parse_param_value(const ParamInfo& param, std::string_view text,
                                        std::string& error) {
  DiagnosticList diagnostics;
  SourceFile source("--set " + param.name, std::string(text));
  ast::NodeId next = 0;
  ast::ExprPtr e = grammar::parse_expression(source, next, diagnostics);
  if (!e) {
    error = fmt::format("the value '{}' for {} is not a literal: {}", text, param.name,
                        diagnostics.items().empty() ? "" : diagnostics.items()[0].message);
    return std::nullopt;
  }
  CheckedProgram scratch;
  scratch.info.resize(next);
  Checker checker(scratch, source, diagnostics);
  CheckContext ctx;
  ctx.level = Level::panel;
  checker.check(*e, ctx);
  auto value = checker.fold(*e);
  if (!value || value->is_missing || diagnostics.has_errors()) {
    error = fmt::format("the value '{}' for {} must be a fixed value, as in {}", text, param.name,
                        param.type == Type::percentage ? "80%" : "1");
    return std::nullopt;
  }
  const bool numeric_ok = is_numeric(param.type) && is_numeric(value->type);
  if (!numeric_ok && value->type != param.type) {
    error = fmt::format("{} is a {}, and '{}' is a {}", param.name, type_name(param.type), text,
                        type_name(value->type));
    return std::nullopt;
  }
  if (param.type == Type::percentage && value->type == Type::number &&
      (value->number.value() > 1 || value->number.value() < 0)) {
    error = fmt::format("{} is a percentage: write {}%", param.name, text);
    return std::nullopt;
  }
  value->type = param.type;
  return value;
}

}  // namespace tholos::interp
