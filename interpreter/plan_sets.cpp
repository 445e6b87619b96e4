// Which panelists a `where` or a group selects, and which statements a
// statement set chosen by attributes holds: decided once, when the plan is
// built, since panel and item attributes do not change during evaluation.
#include <fmt/format.h>

#include "interpreter/plan_builder.hpp"

namespace tholos::interp {

std::uint32_t PlanBuilder::intern_mask(PanelMask mask) {
  std::string key;
  for (std::uint32_t p = 0; p < mask.size(); ++p)
    key += mask.test(p) ? '1' : '0';
  auto [it, inserted] =
      mask_memo_.try_emplace("mask:" + key, static_cast<std::uint32_t>(plan_.masks.size()));
  if (inserted) plan_.masks.push_back(std::move(mask));
  return it->second;
}

std::uint32_t PlanBuilder::combine(std::uint32_t a, std::uint32_t b) {
  if (a == 0) return b;
  if (b == 0 || a == b) return a;
  return intern_mask(plan_.masks[a] & plan_.masks[b]);
}

std::uint32_t PlanBuilder::group_mask(std::uint32_t group) {
  return group_masks_[group];
}

// Panel conditions (`group = "patient"`) do not change while a study is
// evaluated, so each becomes a set of panelists once, here.
std::string PlanBuilder::panelist_text(const ast::Expr& e, std::uint32_t panelist) {
  const ExprInfo& i = info(e);
  if (e.kind == ast::ExprKind::string) return e.text;
  if (i.ref.kind == Reference::Kind::param) return plan_.params[i.ref.index].text;
  if (i.ref.kind == Reference::Kind::builtin) {
    const auto& panel = s_.data->panel;
    switch (i.ref.builtin) {
      case Builtin::group: {
        const std::uint32_t g = s_.group_of[panelist];
        return g == BoundStudy::kNoGroup ? std::string() : s_.groups[g];
      }
      case Builtin::panel_attribute:
        return panel.values[s_.panel_column[i.ref.index]][panelist];
      case Builtin::panelist:
        return panel.ids[panelist];
      default:
        break;
    }
  }
  return {};
}

bool PlanBuilder::panelist_matches(const ast::Expr& e, std::uint32_t panelist) {
  switch (e.kind) {
    case ast::ExprKind::boolean:
      return e.boolean;
    case ast::ExprKind::unary:
      return !panelist_matches(*e.args[0], panelist);
    case ast::ExprKind::binary:
      if (e.op == ast::Op::logical_and) {
        return panelist_matches(*e.args[0], panelist) && panelist_matches(*e.args[1], panelist);
      }
      return panelist_matches(*e.args[0], panelist) || panelist_matches(*e.args[1], panelist);
    case ast::ExprKind::compare: {
      const bool equal = panelist_text(*e.args[0], panelist) == panelist_text(*e.args[1], panelist);
      return e.op == ast::Op::equal ? equal : !equal;
    }
    case ast::ExprKind::in: {
      const std::string value = panelist_text(*e.args[0], panelist);
      const ast::Expr& set = *e.args[1];
      if (set.kind != ast::ExprKind::list) return value == panelist_text(set, panelist);
      for (const auto& candidate : set.args) {
        if (value == panelist_text(*candidate, panelist)) return true;
      }
      return false;
    }
    case ast::ExprKind::name:
      if (info(e).ref.kind == Reference::Kind::param) {
        return plan_.params[info(e).ref.index].boolean;
      }
      return false;
    default:
      return false;
  }
}

std::uint32_t PlanBuilder::mask_of(const ast::Expr& condition) {
  PanelMask mask(s_.panel_size);
  for (std::uint32_t p = 0; p < s_.panel_size; ++p) {
    if (panelist_matches(condition, p)) mask.set(p);
  }
  return intern_mask(std::move(mask));
}

// Statements chosen by their attributes (item, item.X, params) are the same
// in every round: each such condition becomes a set of items, once.
std::string PlanBuilder::item_text(const ast::Expr& e, std::uint32_t item) {
  const ExprInfo& i = info(e);
  if (e.kind == ast::ExprKind::string) return e.text;
  if (i.ref.kind == Reference::Kind::param) return plan_.params[i.ref.index].text;
  if (i.ref.kind == Reference::Kind::builtin && i.ref.builtin == Builtin::item) {
    return s_.item_id(item);
  }
  if (i.ref.kind == Reference::Kind::builtin && i.ref.builtin == Builtin::item_attribute) {
    return s_.data->items.values[s_.item_column[i.ref.index]][item];
  }
  return {};
}

bool PlanBuilder::item_matches(const ast::Expr& e, std::uint32_t item) {
  switch (e.kind) {
    case ast::ExprKind::boolean:
      return e.boolean;
    case ast::ExprKind::unary:
      return !item_matches(*e.args[0], item);
    case ast::ExprKind::binary:
      if (e.op == ast::Op::logical_and) {
        return item_matches(*e.args[0], item) && item_matches(*e.args[1], item);
      }
      return item_matches(*e.args[0], item) || item_matches(*e.args[1], item);
    case ast::ExprKind::compare: {
      const bool equal = item_text(*e.args[0], item) == item_text(*e.args[1], item);
      return e.op == ast::Op::equal ? equal : !equal;
    }
    case ast::ExprKind::in: {
      const std::string value = item_text(*e.args[0], item);
      const ast::Expr& set = *e.args[1];
      if (set.kind != ast::ExprKind::list) return value == item_text(set, item);
      for (const auto& candidate : set.args) {
        if (value == item_text(*candidate, item)) return true;
      }
      return false;
    }
    case ast::ExprKind::name:
      return info(e).ref.kind == Reference::Kind::param && plan_.params[info(e).ref.index].boolean;
    default:
      return false;
  }
}

std::uint32_t PlanBuilder::item_set(const ast::Expr& condition) {
  std::vector<std::uint8_t> members(s_.item_count, 0);
  for (std::uint32_t item = 0; item < s_.item_count; ++item) {
    members[item] = item_matches(condition, item) ? 1 : 0;
  }
  for (std::size_t k = 0; k < plan_.item_sets.size(); ++k) {
    if (plan_.item_sets[k] == members) return static_cast<std::uint32_t>(k);
  }
  plan_.item_sets.push_back(std::move(members));
  return static_cast<std::uint32_t>(plan_.item_sets.size() - 1);
}

}  // namespace tholos::interp
