// Compiling a checked program into a plan for one study (see plan.hpp).
//
// Each expression is lowered in a context: which plan it goes to (statement,
// round or panel), which panelists it looks at (a mask: all, one group, the
// panelists a `where` selects) and which round (previous() looks one back).
// `every group (e)` becomes one copy of e per group, each with that group's
// mask; a `where` on ratings narrows the mask of the rating vectors below it
// instead of copying elements. Every instruction is hash-consed, so the same
// computation in the same context is one slot.
#include <fmt/format.h>

#include <cstring>
#include <unordered_map>

#include "interpreter/plan_builder.hpp"

namespace tholos::interp {
namespace {

template <typename T>
void append(std::string& key, const T& value) {
  key.append(reinterpret_cast<const char*>(&value), sizeof value);
}

}  // namespace

std::uint32_t PlanBuilder::emit(Code& code, Instr instr, const std::vector<std::uint32_t>& list) {
  std::string key;
  append(key, instr.op);
  append(key, instr.sub);
  append(key, instr.offset);
  append(key, instr.a);
  append(key, instr.b);
  append(key, instr.c);
  append(key, instr.imm);
  append(key, instr.mask);
  append(key, instr.overload);
  for (std::uint32_t slot : list)
    append(key, slot);
  auto& memo = memo_[&code];
  if (auto it = memo.find(key); it != memo.end()) return it->second;
  instr.list_begin = static_cast<std::uint32_t>(code.lists.size());
  instr.list_size = static_cast<std::uint32_t>(list.size());
  code.lists.insert(code.lists.end(), list.begin(), list.end());
  const auto slot = static_cast<std::uint32_t>(code.instrs.size());
  code.instrs.push_back(instr);
  memo.emplace(std::move(key), slot);
  return slot;
}

std::uint32_t PlanBuilder::constant(Code& code, Scalar value) {
  // Constants are compared by content so equal literals share a slot.
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}|{}|{}", static_cast<int>(value.type),
                                value.is_missing, value.number.value(), value.number.is_exact(),
                                value.boolean, value.text, value.low.value(), value.high.value());
  auto [it, inserted] =
      constant_memo_.try_emplace(key, static_cast<std::uint32_t>(plan_.constants.size()));
  if (inserted) plan_.constants.push_back(std::move(value));
  Instr instr;
  instr.op = Opcode::constant;
  instr.imm = it->second;
  return emit(code, instr);
}

std::uint32_t PlanBuilder::lower(const ast::Expr& e, const Ctx& ctx) {
  using K = ast::ExprKind;
  const ExprInfo& i = info(e);
  if (is_vector(i.type)) return lower_vector(e, ctx, 0);
  // A set of statements on its own (`statements`, `statements where C`, an
  // expression to evaluate): its tally, whose column says which are in it.
  if (i.type == Type::statements) return lower_tally(e, ctx);
  Code& code = *ctx.code;
  Instr instr;
  instr.node = e.id;
  switch (e.kind) {
    case K::number:
    case K::percent: {
      Scalar v;
      v.type = e.kind == K::number ? Type::number : Type::percentage;
      v.number = e.number;
      return constant(code, v);
    }
    case K::string: {
      Scalar v;
      v.type = Type::text;
      v.text = e.text;
      return constant(code, v);
    }
    case K::boolean: {
      Scalar v;
      v.type = Type::boolean;
      v.boolean = e.boolean;
      return constant(code, v);
    }
    case K::range: {
      Scalar v;
      v.type = Type::range;
      v.low = e.number;
      v.high = e.high;
      return constant(code, v);
    }
    case K::name:
      return lower_name(e, ctx);
    case K::unary:
      instr.op = e.op == ast::Op::negate ? Opcode::negate : Opcode::logical_not;
      instr.a = lower(*e.args[0], ctx);
      return emit(code, instr);
    case K::binary: {
      switch (e.op) {
        case ast::Op::add:
          instr.op = Opcode::add;
          break;
        case ast::Op::subtract:
          instr.op = Opcode::subtract;
          break;
        case ast::Op::multiply:
          instr.op = Opcode::multiply;
          break;
        case ast::Op::divide:
          instr.op = Opcode::divide;
          break;
        case ast::Op::logical_and:
          instr.op = Opcode::logical_and;
          break;
        default:
          instr.op = Opcode::logical_or;
          break;
      }
      instr.a = lower(*e.args[0], ctx);
      instr.b = lower(*e.args[1], ctx);
      return emit(code, instr);
    }
    case K::compare:
      instr.op = Opcode::compare;
      instr.sub = static_cast<std::uint8_t>(e.op);
      instr.a = lower(*e.args[0], ctx);
      instr.b = lower(*e.args[1], ctx);
      return emit(code, instr);
    case K::in: {
      const ast::Expr& set = *e.args[1];
      instr.a = lower(*e.args[0], ctx);
      if (info(set).type == Type::range) {
        instr.op = Opcode::in_range;
        instr.b = lower(set, ctx);
        return emit(code, instr);
      }
      std::vector<std::uint32_t> candidates;
      if (set.kind == K::list) {
        for (const auto& c : set.args)
          candidates.push_back(lower(*c, ctx));
      } else {
        candidates.push_back(lower(set, ctx));
      }
      instr.op = Opcode::in_list;
      return emit(code, instr, candidates);
    }
    case K::is_missing:
      instr.op = Opcode::is_missing;
      instr.sub = e.op == ast::Op::is_not_missing ? 1 : 0;
      instr.a = lower(*e.args[0], ctx);
      return emit(code, instr);
    case K::call:
      return lower_call(e, ctx);
    case K::quantifier: {
      std::vector<std::uint32_t> parts;
      for (std::uint32_t g = 0; g < s_.groups.size(); ++g) {
        Ctx inner = ctx;
        inner.mask = combine(ctx.mask, group_mask(g));
        parts.push_back(lower(*e.args[0], inner));
      }
      instr.op = e.op == ast::Op::every ? Opcode::all_of : Opcode::any_of;
      return emit(code, instr, parts);
    }
    case K::conditional:
      instr.op = Opcode::select;
      instr.a = lower(*e.args[0], ctx);
      instr.b = lower(*e.args[1], ctx);
      instr.c = lower(*e.args[2], ctx);
      return emit(code, instr);
    case K::list:
    case K::where:
      break;  // lists only appear after `in`; `where` only on vectors and statements
  }
  return constant(code, invalid());
}

std::uint32_t PlanBuilder::lower_name(const ast::Expr& e, const Ctx& ctx) {
  const ExprInfo& i = info(e);
  Code& code = *ctx.code;
  Instr instr;
  instr.node = e.id;
  instr.offset = ctx.offset;
  instr.mask = ctx.mask;
  switch (i.ref.kind) {
    case Reference::Kind::band: {
      Scalar v;
      v.type = Type::range;
      v.low = p_.bands[i.ref.index].low;
      v.high = p_.bands[i.ref.index].high;
      return constant(code, v);
    }
    case Reference::Kind::label: {
      Scalar v;
      v.type = Type::label;
      v.number = Number::integer(i.ref.index);
      v.text = p_.labels[i.ref.index];
      return constant(code, v);
    }
    case Reference::Kind::param:
      instr.op = Opcode::param;
      instr.imm = i.ref.index;
      instr.offset = 0;
      instr.mask = 0;
      return emit(code, instr);
    case Reference::Kind::measure:
      return lower(*p_.measures[i.ref.index].expr, ctx);
    default:
      break;
  }
  const bool per_statement = i.level == Level::statement;
  switch (i.ref.builtin) {
    case Builtin::round:
      instr.op = Opcode::round_number;
      instr.mask = 0;
      return emit(code, instr);
    case Builtin::respondents:
      instr.op = Opcode::respondents;
      instr.sub = per_statement ? 0 : 1;
      return emit(code, instr);
    case Builtin::invited:
      instr.op = Opcode::invited;
      return emit(code, instr);
    case Builtin::response_rate: {
      Instr respondents = instr;
      respondents.op = Opcode::respondents;
      respondents.sub = per_statement ? 0 : 1;
      Instr invited = instr;
      invited.op = Opcode::invited;
      instr.op = Opcode::divide;
      instr.a = emit(code, respondents);
      instr.b = emit(code, invited);
      instr.mask = 0;
      return emit(code, instr);
    }
    case Builtin::attrition:
      instr.op = Opcode::attrition;
      return emit(code, instr);
    case Builtin::panelists:
      instr.op = Opcode::panelists;
      instr.offset = 0;
      return emit(code, instr);
    case Builtin::status:
      return lower_classify(ctx);
    case Builtin::item:
      instr.op = Opcode::item_id;
      instr.mask = 0;
      instr.offset = 0;
      return emit(code, instr);
    case Builtin::item_attribute:
      instr.op = Opcode::item_attribute;
      instr.imm = s_.item_column[i.ref.index];
      instr.mask = 0;
      instr.offset = 0;
      return emit(code, instr);
    default:
      break;
  }
  return constant(code, invalid());
}

// A rating vector or a per-respondent condition. `narrow` is the mask of the
// `where` conditions around it; scalar operands inside (a threshold, a mean)
// keep the enclosing context.
std::uint32_t PlanBuilder::lower_vector(const ast::Expr& e, const Ctx& ctx, std::uint32_t narrow) {
  using K = ast::ExprKind;
  Code& code = *ctx.code;
  const ExprInfo& i = info(e);
  Instr instr;
  instr.node = e.id;
  auto remember = [&](std::uint32_t slot, VectorInfo v) {
    vectors_[&code].try_emplace(slot, v);
    return slot;
  };
  auto joined = [&](std::uint32_t slot, std::uint32_t from) {
    return remember(slot, vectors_[&code][from]);
  };
  switch (e.kind) {
    case K::name: {
      if (i.ref.kind == Reference::Kind::measure) {
        return lower_vector(*p_.measures[i.ref.index].expr, ctx, narrow);
      }
      instr.op = Opcode::ratings;
      instr.imm = i.ref.kind == Reference::Kind::criterion ? i.ref.index : 0;
      instr.mask = combine(ctx.mask, narrow);
      instr.offset = ctx.offset;
      const ScaleInfo& scale = p_.scale_of(instr.imm);
      instr.scale_low = static_cast<std::int32_t>(scale.low.value());
      instr.scale_width = static_cast<std::uint32_t>(scale.high.value() - scale.low.value()) + 1;
      return remember(emit(code, instr), {instr.mask, instr.imm, ctx.offset});
    }
    case K::where:
      return lower_vector(*e.args[0], ctx, combine(narrow, mask_of(*e.args[1])));
    case K::compare: {
      // vector op scalar; `5 > rating` is `rating < 5`.
      const bool vector_left = is_vector(info(*e.args[0]).type);
      const ast::Expr& vec = vector_left ? *e.args[0] : *e.args[1];
      const ast::Expr& scalar = vector_left ? *e.args[1] : *e.args[0];
      ast::Op op = e.op;
      if (!vector_left) {
        if (op == ast::Op::less)
          op = ast::Op::greater;
        else if (op == ast::Op::greater)
          op = ast::Op::less;
        else if (op == ast::Op::less_equal)
          op = ast::Op::greater_equal;
        else if (op == ast::Op::greater_equal)
          op = ast::Op::less_equal;
      }
      instr.op = Opcode::vector_compare;
      instr.sub = static_cast<std::uint8_t>(op);
      instr.a = lower_vector(vec, ctx, narrow);
      instr.b = lower(scalar, ctx);
      return joined(emit(code, instr), instr.a);
    }
    case K::in:
      instr.op = Opcode::vector_in;
      instr.a = lower_vector(*e.args[0], ctx, narrow);
      instr.b = lower(*e.args[1], ctx);
      return joined(emit(code, instr), instr.a);
    case K::binary:
      instr.op = e.op == ast::Op::logical_and ? Opcode::flags_and : Opcode::flags_or;
      instr.a = lower_vector(*e.args[0], ctx, narrow);
      instr.b = lower_vector(*e.args[1], ctx, narrow);
      return joined(emit(code, instr), instr.a);
    case K::unary:
      instr.op = Opcode::flags_not;
      instr.a = lower_vector(*e.args[0], ctx, narrow);
      return joined(emit(code, instr), instr.a);
    case K::call: {  // previous(vector)
      Ctx before = ctx;
      before.offset = static_cast<std::int8_t>(ctx.offset - 1);
      return lower_vector(*e.args[0], before, narrow);
    }
    default:
      break;
  }
  return constant(code, invalid());
}

std::uint32_t PlanBuilder::histogram_of(Code& code, std::uint32_t vector_slot) {
  Instr instr;
  instr.op = Opcode::histogram;
  instr.a = vector_slot;
  instr.imm = vectors_[&code][vector_slot].criterion;
  const ScaleInfo& scale = p_.scale_of(instr.imm);
  instr.scale_low = static_cast<std::int32_t>(scale.low.value());
  instr.scale_width = static_cast<std::uint32_t>(scale.high.value() - scale.low.value()) + 1;
  return emit(code, instr);
}

std::uint32_t PlanBuilder::lower_tally(const ast::Expr& e, const Ctx& ctx) {
  Code& code = *ctx.code;
  Instr instr;
  instr.node = e.id;
  if (info(e).type == Type::statements) {
    instr.op = Opcode::statement_tally;
    instr.imm = kNone;
    if (e.kind == ast::ExprKind::where) {
      const std::uint32_t slot = lower(*e.args[1], statement_ctx());
      instr.imm = static_cast<std::uint32_t>(plan_.tally_columns.size());
      for (std::size_t k = 0; k < plan_.tally_columns.size(); ++k) {
        if (plan_.tally_columns[k] == slot) instr.imm = static_cast<std::uint32_t>(k);
      }
      if (instr.imm == plan_.tally_columns.size()) plan_.tally_columns.push_back(slot);
    }
    return emit(code, instr);
  }
  // `rating in BAND` counts straight from the histogram, without building a
  // vector of flags.
  const ast::Expr* inner = &e;
  std::uint32_t narrow = 0;
  while (inner->kind == ast::ExprKind::where) {
    narrow = combine(narrow, mask_of(*inner->args[1]));
    inner = inner->args[0].get();
  }
  if (inner->kind == ast::ExprKind::in && info(*inner->args[0]).type == Type::ratings) {
    instr.op = Opcode::band_tally;
    instr.a = histogram_of(code, lower_vector(*inner->args[0], ctx, narrow));
    instr.b = lower(*inner->args[1], ctx);
    return emit(code, instr);
  }
  instr.op = Opcode::tally;
  instr.a = lower_vector(e, ctx, 0);
  return emit(code, instr);
}

std::uint32_t PlanBuilder::lower_call(const ast::Expr& e, const Ctx& ctx) {
  Code& code = *ctx.code;
  const CallInfo& call = p_.calls[static_cast<std::size_t>(info(e).call)];
  Instr instr;
  instr.node = e.id;
  if (call.previous) {
    if (ctx.level != Level::statement) {
      instr.op = Opcode::round_previous;
      instr.a = lower(*e.args[0], ctx);
      return emit(code, instr);
    }
    Ctx before = ctx;
    before.offset = static_cast<std::int8_t>(ctx.offset - 1);
    Instr presented;
    presented.op = Opcode::presented;
    presented.offset = before.offset;
    instr.op = Opcode::when_presented;
    instr.a = emit(code, presented);
    instr.b = lower(*e.args[0], before);
    return emit(code, instr);
  }
  // A statistic over a fixed set of the round's statements is computed once
  // per round, before the statements, and read from there.
  bool over_statements = false;
  for (const auto& param : call.overload->params) {
    over_statements |= param.kind == stdlib::ParamKind::matrix;
  }
  if (over_statements && info(e).level == Level::round_input && ctx.code != &plan_.round_input) {
    Instr read;
    read.op = Opcode::round_input;
    read.node = e.id;
    read.imm = lower_call(e, Ctx{&plan_.round_input, Level::round, 0, ctx.offset});
    return emit(code, read);
  }
  instr.op = Opcode::call;
  instr.function = call.function;
  instr.overload = call.overload;
  instr.imm = static_cast<std::uint32_t>(call.quantile_type);
  std::vector<std::uint32_t> args;
  std::uint32_t flags_mask = ctx.mask;
  std::int8_t flags_offset = ctx.offset;
  for (std::size_t k = 0; k < e.args.size(); ++k) {
    const ast::Expr& arg = *e.args[k];
    switch (call.overload->params[k].kind) {
      case stdlib::ParamKind::ratings:
        args.push_back(histogram_of(code, lower_vector(arg, ctx, 0)));
        break;
      case stdlib::ParamKind::tally: {
        const std::uint32_t slot = lower_tally(arg, ctx);
        args.push_back(slot);
        // The panelists a default denominator counts: those of the ratings.
        if (info(arg).type == Type::flags) {
          const Instr& t = code.instrs[slot];
          std::uint32_t source = t.a;
          if (t.op == Opcode::band_tally) source = code.instrs[t.a].a;
          const VectorInfo v = vectors_[&code][source];
          flags_mask = v.mask;
          flags_offset = v.offset;
        }
        break;
      }
      case stdlib::ParamKind::number:
        args.push_back(lower(arg, ctx));
        break;
      case stdlib::ParamKind::quantile_type:
        args.push_back(kNone);
        break;
      case stdlib::ParamKind::vector:
      case stdlib::ParamKind::flags:
        args.push_back(lower_vector(arg, ctx, 0));
        break;
      case stdlib::ParamKind::matrix:
        args.push_back(lower_matrix(arg, ctx));
        break;
      case stdlib::ParamKind::range:
      case stdlib::ParamKind::choice:
        args.push_back(lower(arg, ctx));
        break;
    }
  }
  // Optional parameters not given.
  for (std::size_t k = e.args.size(); k < call.overload->params.size(); ++k)
    args.push_back(kNone);
  const auto denominator = p_.denominator.value_or(ast::Denominator::valid_ratings);
  if (call.default_denominator && denominator != ast::Denominator::valid_ratings) {
    // share(condition) with `denominator respondents` (or invited) is
    // share(condition, respondents) over the same panelists.
    for (const auto& overload : call.function->overloads) {
      if (overload.params.size() == 2) instr.overload = &overload;
    }
    Instr count;
    count.op = denominator == ast::Denominator::respondents ? Opcode::respondents : Opcode::invited;
    count.mask = flags_mask;
    count.offset = flags_offset;
    count.sub = 0;
    args.resize(1);
    args.push_back(emit(code, count));
  }
  return emit(code, instr, args);
}

// The ratings of a set of statements: a fixed set (chosen by attributes) is
// built before the round's statements are evaluated; a set chosen by their
// results (statements where status = open) after.
std::uint32_t PlanBuilder::lower_matrix(const ast::Expr& e, const Ctx& ctx) {
  Instr instr;
  instr.op = Opcode::rating_matrix;
  instr.node = e.id;
  instr.offset = ctx.offset;
  const ScaleInfo& scale = p_.scale_of(0);
  instr.scale_low = static_cast<std::int32_t>(scale.low.value());
  instr.scale_width = static_cast<std::uint32_t>(scale.high.value() - scale.low.value()) + 1;
  instr.imm = kNone;
  if (e.kind == ast::ExprKind::where) {
    // Only the round's code sees every statement's results; anywhere else
    // the checker admits only sets chosen by attributes (a statement rule
    // may use one too).
    if (ctx.code != &plan_.round) {
      instr.imm = item_set(*e.args[1]);
    } else {
      instr.sub = 1;
      const std::uint32_t slot = lower(*e.args[1], statement_ctx());
      instr.imm = static_cast<std::uint32_t>(plan_.tally_columns.size());
      for (std::size_t k = 0; k < plan_.tally_columns.size(); ++k) {
        if (plan_.tally_columns[k] == slot) instr.imm = static_cast<std::uint32_t>(k);
      }
      if (instr.imm == plan_.tally_columns.size()) plan_.tally_columns.push_back(slot);
    }
  }
  return emit(*ctx.code, instr);
}

std::uint32_t PlanBuilder::lower_classify(const Ctx& ctx) {
  Ctx statement = ctx;
  statement.mask = 0;  // a status is the statement's, whatever group is being looked at
  std::vector<std::uint32_t> conditions;
  for (const CaseInfo& c : p_.cases) {
    conditions.push_back(c.condition ? lower(*c.condition, statement) : kNone);
  }
  Instr instr;
  instr.op = Opcode::classify;
  instr.offset = ctx.offset;
  return emit(*ctx.code, instr, conditions);
}

void PlanBuilder::build() {
  plan_.masks.push_back(PanelMask(s_.panel_size, true));
  mask_memo_.clear();
  {
    std::string all(s_.panel_size, '1');
    mask_memo_["mask:" + all] = 0;
  }
  for (std::uint32_t g = 0; g < s_.groups.size(); ++g) {
    PanelMask mask(s_.panel_size);
    for (std::uint32_t p = 0; p < s_.panel_size; ++p) {
      if (s_.group_of[p] == g) mask.set(p);
    }
    group_masks_.push_back(intern_mask(std::move(mask)));
  }

  // Measures, in the checker's dependency order.
  for (std::uint32_t m = 0; m < p_.measures.size(); ++m) {
    const MeasureInfo& measure = p_.measures[m];
    if (!is_scalar(measure.type)) continue;
    const Ctx ctx = measure.level == Level::round ? round_ctx() : statement_ctx();
    MeasurePlan mp;
    mp.measure = m;
    mp.slot = lower(*measure.expr, ctx);
    if (measure.per_group && measure.level == Level::statement) {
      for (std::uint32_t g = 0; g < s_.groups.size(); ++g) {
        Ctx inner = ctx;
        inner.mask = group_mask(g);
        mp.group_slots.push_back(lower(*measure.expr, inner));
      }
    }
    (measure.level == Level::round ? plan_.round_measures : plan_.statement_measures)
        .push_back(std::move(mp));
  }
  if (!p_.cases.empty()) {
    plan_.status = lower_classify(statement_ctx());
    for (const CaseInfo& c : p_.cases) {
      plan_.cases.push_back(condition(p_.labels[c.label], c.condition, statement_ctx()));
    }
  }
  if (p_.rerate != nullptr) plan_.rerate = lower(*p_.rerate, statement_ctx());
  for (std::uint32_t r = 0; r < p_.requirements.size(); ++r) {
    const RequirementInfo& req = p_.requirements[r];
    RequirementPlan rp;
    rp.requirement = r;
    rp.level = req.level;
    Ctx ctx = req.level == Level::statement ? statement_ctx()
              : req.level == Level::round   ? round_ctx()
                                            : panel_ctx();
    if (req.per_group) {
      for (std::uint32_t g = 0; g < s_.groups.size(); ++g) {
        Ctx inner = ctx;
        inner.mask = group_mask(g);
        rp.places.push_back(condition(s_.groups[g], req.condition, inner));
      }
    } else {
      rp.places.push_back(condition("", req.condition, ctx));
    }
    plan_.requirements.push_back(std::move(rp));
  }
  for (const StopInfo& stop : p_.stops) {
    plan_.stops.push_back(condition(stop.message, stop.condition, round_ctx()));
  }
  if (p_.expression) {
    const ast::Expr& e = *p_.expression;
    const bool round_level = p_.expression_level == Level::round;
    plan_.expression_level = p_.expression_level;
    Ctx ctx = round_level ? round_ctx() : statement_ctx();
    if (expression_group_) ctx.mask = group_mask(*expression_group_);
    plan_.expression = lower(e, ctx);
  }
}

void PlanBuilder::build_constant() {
  plan_.masks.push_back(PanelMask(s_.panel_size, true));
  plan_.expression_level = Level::panel;
  plan_.expression = lower(*p_.expression, panel_ctx());
}

Plan build_constant_plan(const CheckedProgram& program, const BoundStudy& empty_study,
                         const std::vector<Scalar>& params) {
  Plan plan;
  plan.params = params;
  plan.labels = program.labels;
  PlanBuilder(program, empty_study, plan, std::nullopt).build_constant();
  return plan;
}

Plan build_plan(const CheckedProgram& program, const BoundStudy& study,
                const std::vector<Scalar>& params, std::optional<std::uint32_t> expression_group) {
  Plan plan;
  plan.params = params;
  plan.labels = program.labels;
  for (const CaseInfo& c : program.cases)
    plan.case_labels.push_back(c.label);
  PlanBuilder(program, study, plan, expression_group).build();
  return plan;
}

}  // namespace tholos::interp
