// What an explanation shows beside a condition: its comparisons, the values
// of their operands, and for a quantifier each group's values.
#include <fmt/format.h>

#include "interpreter/plan_builder.hpp"

namespace tholos::interp {

void PlanBuilder::add_operands(const ast::Expr& e, const Ctx& ctx, AtomPlan& atom,
                               const std::string& suffix) {
  for (const auto& side : e.args) {
    const ExprInfo& i = info(*side);
    if (i.constant && i.ref.kind != Reference::Kind::param) continue;  // 70%, 4..5, a band
    if (i.type == Type::label || i.type == Type::list || is_vector(i.type)) continue;
    atom.operands.push_back({text(*side) + suffix, lower(*side, ctx), i.type});
  }
}

void PlanBuilder::collect_atoms(const ast::Expr& e, const Ctx& ctx, std::vector<AtomPlan>& atoms,
                                const std::string& suffix, bool negated) {
  using K = ast::ExprKind;
  const bool logic =
      (e.kind == K::binary && (e.op == ast::Op::logical_and || e.op == ast::Op::logical_or)) ||
      (e.kind == K::unary && e.op == ast::Op::logical_not);
  if (logic) {
    const bool flip = e.kind == K::unary;
    for (const auto& arg : e.args)
      collect_atoms(*arg, ctx, atoms, suffix, negated != flip);
    return;
  }
  AtomPlan atom;
  atom.text = text(e) + suffix;
  atom.negated = negated;
  atom.slot = lower(e, ctx);
  if (e.kind == K::compare || e.kind == K::in || e.kind == K::is_missing) {
    add_operands(e, ctx, atom, suffix);
  } else if (e.kind == K::quantifier) {
    // Each group's value of what the quantifier tests.
    for (std::uint32_t g = 0; g < s_.groups.size(); ++g) {
      Ctx inner = ctx;
      inner.mask = combine(ctx.mask, group_mask(g));
      std::vector<AtomPlan> parts;
      collect_atoms(*e.args[0], inner, parts, " [" + s_.groups[g] + "]");
      for (const auto& part : parts) {
        if (part.operands.empty()) atom.operands.push_back({part.text, part.slot, Type::boolean});
        for (const auto& operand : part.operands)
          atom.operands.push_back(operand);
      }
    }
  } else if (e.kind == K::name && info(e).ref.kind == Reference::Kind::measure) {
    // A boolean measure: show what it is made of.
    std::vector<AtomPlan> parts;
    collect_atoms(*p_.measures[info(e).ref.index].expr, ctx, parts, suffix);
    for (const auto& part : parts) {
      for (const auto& operand : part.operands)
        atom.operands.push_back(operand);
    }
  }
  atoms.push_back(std::move(atom));
}

ConditionPlan PlanBuilder::condition(std::string label, const ast::Expr* cond, const Ctx& ctx) {
  ConditionPlan plan;
  plan.label = std::move(label);
  if (cond == nullptr) {
    plan.text = "otherwise";
    return plan;
  }
  plan.text = text(*cond);
  plan.slot = lower(*cond, ctx);
  collect_atoms(*cond, ctx, plan.atoms, "");
  return plan;
}

}  // namespace tholos::interp
