#include "interpreter/explain.hpp"

#include "report/render.hpp"

#include <fmt/format.h>

namespace tholos::interp {

Value scalar_value(const Scalar& s) {
  Value v;
  switch (s.type) {
    case Type::number:
    case Type::percentage:
      v.kind = s.type == Type::percentage ? ValueKind::percentage : ValueKind::number;
      v.number = s.number.value();
      if (s.number.is_exact()) {
        v.numerator = s.number.numerator();
        v.denominator = s.number.denominator();
      }
      break;
    case Type::boolean:
      v.kind = ValueKind::boolean;
      v.boolean = s.boolean;
      break;
    case Type::text:
      v.kind = ValueKind::text;
      v.text = s.text;
      break;
    case Type::range:
      v.kind = ValueKind::range;
      v.low = s.low.value();
      v.high = s.high.value();
      break;
    default:
      break;
  }
  return v;
}

Value to_value(const RtValue& v, Type type) {
  Value out;
  switch (v.kind) {
    case RtKind::missing:
    case RtKind::histogram:
    case RtKind::tally:
    case RtKind::matrix:
      return out;
    case RtKind::number:
      out.kind = type == Type::percentage ? ValueKind::percentage : ValueKind::number;
      out.number = v.number.value();
      if (v.number.is_exact()) {
        out.numerator = v.number.numerator();
        out.denominator = v.number.denominator();
      }
      return out;
    case RtKind::boolean:
      out.kind = ValueKind::boolean;
      out.boolean = v.boolean;
      return out;
    case RtKind::text:
    case RtKind::label:
      out.kind = v.kind == RtKind::text ? ValueKind::text : ValueKind::label;
      out.text = std::string(v.text);
      return out;
    case RtKind::range:
      out.kind = ValueKind::range;
      out.low = v.low.value();
      out.high = v.high.value();
      return out;
    case RtKind::vector:
      out.kind = ValueKind::vector;
      for (std::uint32_t k = 0; k < v.size; ++k) {
        Value element;
        if (type == Type::flags) {
          element.kind = ValueKind::boolean;
          element.boolean = v.values[k] != 0;
        } else {
          element.kind = ValueKind::number;
          element.number = v.values[k];
          element.numerator = v.values[k];
          element.denominator = 1;
        }
        out.elements.push_back(std::move(element));
      }
      return out;
  }
  return out;
}

std::string describe_operands(const std::vector<Quantity>& operands) {
  std::vector<std::string> parts;
  for (const auto& q : operands) {
    parts.push_back(fmt::format("{} = {}", q.name, report::format_value(q.value)));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

Explainer::Explainer(const CheckedProgram& program) : program_(program) {
  nodes_.assign(program.info.size(), nullptr);
  auto index = [&](const ast::Expr& root) {
    ast::visit(root, [&](const ast::Expr& e) {
      if (e.id < nodes_.size()) nodes_[e.id] = &e;
    });
  };
  for (const ast::Decl& decl : program.module->decls) {
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, ast::ParamDecl> || std::is_same_v<T, ast::MeasureDecl>) {
            index(*d.value);
          } else if constexpr (std::is_same_v<T, ast::ClassifyDecl>) {
            for (const auto& c : d.cases) {
              if (c.condition) index(*c.condition);
            }
          } else if constexpr (std::is_same_v<T, ast::RerateDecl> ||
                               std::is_same_v<T, ast::RequireDecl> ||
                               std::is_same_v<T, ast::StopDecl>) {
            index(*d.condition);
          }
        },
        decl.body);
  }
  if (program.expression) index(*program.expression);
}

std::string Explainer::node_text(std::uint32_t node) const {
  if (node == kNone || node >= nodes_.size() || nodes_[node] == nullptr) return "a value";
  return std::string(program_.text(*nodes_[node]));
}

ConditionTrace Explainer::trace(const ConditionPlan& condition, const std::vector<RtValue>& frame,
                                bool detail) const {
  ConditionTrace t;
  t.label = condition.label;
  t.condition = condition.text;
  if (condition.slot == kNone) {  // otherwise
    t.result.kind = ValueKind::boolean;
    t.result.boolean = true;
    return t;
  }
  t.result = to_value(frame[condition.slot], Type::boolean);
  if (!detail) return t;
  for (const AtomPlan& atom : condition.atoms) {
    Atom a;
    a.text = atom.text;
    a.negated = atom.negated;
    a.value = to_value(frame[atom.slot], Type::boolean);
    for (const OperandPlan& operand : atom.operands) {
      a.operands.push_back({operand.name, to_value(frame[operand.slot], operand.type)});
    }
    t.atoms.push_back(std::move(a));
  }
  return t;
}

std::vector<Quantity> Explainer::operands(const ConditionPlan& condition,
                                          const std::vector<RtValue>& frame) const {
  std::vector<Quantity> out;
  for (const AtomPlan& atom : condition.atoms) {
    for (const OperandPlan& operand : atom.operands) {
      bool seen = false;
      for (const auto& q : out)
        seen |= q.name == operand.name;
      if (!seen) out.push_back({operand.name, to_value(frame[operand.slot], operand.type)});
    }
  }
  return out;
}

std::string Explainer::why_false(const ConditionTrace& trace) const {
  // The atoms that pull the condition to false: false ones, or true ones
  // under `not`.
  std::vector<std::string> parts;
  for (const Atom& atom : trace.atoms) {
    if (atom.value.kind != ValueKind::boolean || atom.value.boolean == !atom.negated) continue;
    std::string part = fmt::format("{} is {}", atom.text, atom.negated ? "true" : "false");
    if (!atom.operands.empty()) part += fmt::format(" ({})", describe_operands(atom.operands));
    parts.push_back(std::move(part));
  }
  if (parts.empty()) return fmt::format("{} is false", trace.condition);
  return fmt::format("{}", fmt::join(parts, "; "));
}

std::string Explainer::why_missing(const Code& code, const std::vector<RtValue>& frame,
                                   std::uint32_t slot) const {
  // Follow missing operands down to the operation that produced the gap.
  for (int guard = 0; guard < 10000; ++guard) {
    const RtValue& v = frame[slot];
    const Instr& in = code.instrs[slot];
    const std::string what = node_text(in.node);
    switch (v.why) {
      case MissingWhy::operand: {
        std::uint32_t next = kNone;
        for (std::uint32_t s : {in.a, in.b, in.c}) {
          if (s != kNone && frame[s].missing() && next == kNone) next = s;
        }
        for (std::uint32_t k = 0; k < in.list_size && next == kNone; ++k) {
          const std::uint32_t s = code.lists[in.list_begin + k];
          if (s != kNone && frame[s].missing()) next = s;
        }
        if (next == kNone) return fmt::format("{} has no value", what);
        slot = next;
        continue;
      }
      case MissingWhy::empty:
        return fmt::format("{} has no ratings to work on", what);
      case MissingWhy::too_few: {
        std::uint32_t n = 0;
        for (std::uint32_t k = 0; k < in.list_size; ++k) {
          const std::uint32_t s = code.lists[in.list_begin + k];
          if (s != kNone && frame[s].kind == RtKind::histogram) n = frame[s].histogram.total;
        }
        return fmt::format("{} needs at least {} ratings and has {}", what,
                           in.overload ? in.overload->min_count : 0, n);
      }
      case MissingWhy::function:
        if (in.function && !in.function->other_missing_reason.empty()) {
          return fmt::format("{}: {}", what, in.function->other_missing_reason);
        }
        return fmt::format("{} has no value for these ratings", what);
      case MissingWhy::division_by_zero:
        return fmt::format("{} divides by zero", what);
      case MissingWhy::not_presented:
        return fmt::format(
            "{} refers to the previous round, in which the statement was not "
            "rated",
            what);
      case MissingWhy::no_previous_round:
        return fmt::format("{} refers to the round before, and there is none", what);
      case MissingWhy::undetermined:
        return fmt::format(
            "{} counts statements, and some statements' conditions are "
            "undetermined",
            what);
      case MissingWhy::undecided_case:
        return "the status is undetermined";
      case MissingWhy::error:
      case MissingWhy::none:
        return fmt::format("{} has no value", what);
    }
  }
  return "a value is missing";
}

}  // namespace tholos::interp
