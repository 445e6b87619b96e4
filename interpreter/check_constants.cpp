// Constants and dependencies of checked expressions: folding constant
// expressions to values, and what an expression uses (params, round
// aggregates, status, a fixed set of statements).
#include <algorithm>

#include "interpreter/checker.hpp"

namespace tholos::interp {

std::optional<Scalar> Checker::fold(const ast::Expr& e) const {
  using K = ast::ExprKind;
  Scalar s;
  switch (e.kind) {
    case K::number:
    case K::percent:
      s.type = e.kind == K::number ? Type::number : Type::percentage;
      s.number = e.number;
      return s;
    case K::string:
      s.type = Type::text;
      s.text = e.text;
      return s;
    case K::boolean:
      s.type = Type::boolean;
      s.boolean = e.boolean;
      return s;
    case K::range:
      s.type = Type::range;
      s.low = e.number;
      s.high = e.high;
      return s;
    case K::name: {
      const ExprInfo& info = p_.info[e.id];
      if (info.ref.kind == Reference::Kind::param) {
        if (poisoned(info.ref.index)) return std::nullopt;
        return p_.params[info.ref.index].value;
      }
      if (info.ref.kind == Reference::Kind::band) {
        const BandInfo& band = p_.bands[info.ref.index];
        s.type = Type::range;
        s.low = band.low;
        s.high = band.high;
        return s;
      }
      return std::nullopt;
    }
    case K::unary: {
      if (e.op != ast::Op::negate) return std::nullopt;
      auto inner = fold(*e.args[0]);
      if (!inner || !is_numeric(inner->type)) return std::nullopt;
      inner->number = -inner->number;
      return inner;
    }
    case K::binary: {
      auto a = fold(*e.args[0]);
      auto b = fold(*e.args[1]);
      if (!a || !b || !is_numeric(a->type) || !is_numeric(b->type)) return std::nullopt;
      const ExprInfo& info = p_.info[e.id];
      s.type = info.type == Type::error ? Type::number : info.type;
      switch (e.op) {
        case ast::Op::add:
          s.number = a->number + b->number;
          break;
        case ast::Op::subtract:
          s.number = a->number - b->number;
          break;
        case ast::Op::multiply:
          s.number = a->number * b->number;
          break;
        case ast::Op::divide:
          s.number = a->number / b->number;
          break;
        default:
          return std::nullopt;
      }
      s.is_missing = s.number.is_missing();
      return s;
    }
    default:
      return std::nullopt;
  }
}

bool Checker::uses_poisoned_param(const ast::Expr& e) const {
  bool uses = false;
  ast::visit(e, [&](const ast::Expr& x) {
    const ExprInfo& info = p_.info[x.id];
    if (x.kind == ast::ExprKind::name && info.ref.kind == Reference::Kind::param &&
        poisoned(info.ref.index)) {
      uses = true;
    }
  });
  return uses;
}

bool Checker::uses_round_aggregates(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::name && e.qualifier.empty()) {
    if (e.text == "statements" && symbols_.count(e.text) == 0) return true;
    if (auto it = symbols_.find(e.text);
        it != symbols_.end() && it->second.kind == Reference::Kind::measure) {
      ensure_measure(it->second.index, e);
      return p_.measures[it->second.index].level == Level::round;
    }
    return false;
  }
  // The condition in `statements where C` is about one statement.
  const bool statements_where = e.kind == ast::ExprKind::where &&
                                e.args[0]->kind == ast::ExprKind::name &&
                                e.args[0]->text == "statements";
  const stdlib::FunctionInfo* function =
      e.kind == ast::ExprKind::call ? p_.find_function(e.text) : nullptr;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    if (statements_where && i == 1) continue;
    // A fixed set of statements given to apmo(), kendall_w()... is known
    // before the statements are evaluated: a round input, not an aggregate.
    if (function && takes_matrix(*function, i) && is_fixed_statement_set(*e.args[i])) continue;
    if (uses_round_aggregates(*e.args[i])) return true;
  }
  return false;
}

bool Checker::takes_matrix(const stdlib::FunctionInfo& function, std::size_t index) {
  for (const auto& overload : function.overloads) {
    if (index < overload.params.size() &&
        overload.params[index].kind == stdlib::ParamKind::matrix) {
      return true;
    }
  }
  return false;
}

bool Checker::is_fixed_statement_set(const ast::Expr& e) const {
  const auto is_statements = [&](const ast::Expr& x) {
    return x.kind == ast::ExprKind::name && x.qualifier.empty() && x.text == "statements" &&
           symbols_.count("statements") == 0;
  };
  if (is_statements(e)) return true;
  if (e.kind != ast::ExprKind::where || !is_statements(*e.args[0])) return false;
  bool fixed = true;
  ast::visit(*e.args[1], [&](const ast::Expr& x) {
    switch (x.kind) {
      case ast::ExprKind::name:
        if (x.qualifier == "item" || (x.qualifier.empty() && x.text == "item")) return;
        if (auto it = symbols_.find(x.text); x.qualifier.empty() && it != symbols_.end() &&
                                             (it->second.kind == Reference::Kind::param ||
                                              it->second.kind == Reference::Kind::band)) {
          return;
        }
        fixed = false;
        return;
      case ast::ExprKind::call:
      case ast::ExprKind::quantifier:
      case ast::ExprKind::where:
        fixed = false;
        return;
      default:
        return;
    }
  });
  return fixed;
}

bool Checker::uses_status(const ast::Expr& e) {
  if (e.kind == ast::ExprKind::name && e.qualifier.empty()) {
    if (e.text == "status") return true;
    if (auto it = symbols_.find(e.text);
        it != symbols_.end() && it->second.kind == Reference::Kind::measure) {
      ensure_measure(it->second.index, e);
      return measure_slots_[it->second.index].uses_status;
    }
    return false;
  }
  for (const auto& arg : e.args) {
    if (uses_status(*arg)) return true;
  }
  return false;
}

}  // namespace tholos::interp
