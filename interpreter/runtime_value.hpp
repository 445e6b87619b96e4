// Making, writing and comparing the executor's run-time values (RtValue,
// declared in execute.hpp). The executor's steps call most of these for
// every statement, so they are inline; from_scalar (constants, set once)
// and same() are not.
#pragma once

#include <compare>

#include "grammar/ast.hpp"
#include "interpreter/execute.hpp"
#include "interpreter/program.hpp"

namespace tholos::interp {

inline RtValue missing(MissingWhy why) {
  RtValue v;
  v.why = why;
  return v;
}

// A constant's or param's value in a slot.
RtValue from_scalar(const Scalar& s);

// In-place writes of a slot: a slot is only ever read for the fields of its
// kind (and `why` when it is missing), so a write sets the kind, `why` and
// that kind's fields, without building and copying a whole RtValue.
inline void set_missing(RtValue& out, MissingWhy why) {
  out.kind = RtKind::missing;
  out.why = why;
}

inline void set_number(RtValue& out, const stdlib::Number& n,
                       MissingWhy why = MissingWhy::operand) {
  if (n.is_missing()) {
    set_missing(out, why);
    return;
  }
  out.kind = RtKind::number;
  out.why = MissingWhy::none;
  out.number = n;
}

inline void set_boolean(RtValue& out, bool b) {
  out.kind = RtKind::boolean;
  out.why = MissingWhy::none;
  out.boolean = b;
}

inline void set_kind(RtValue& out, RtKind kind) {
  out.kind = kind;
  out.why = MissingWhy::none;
}

// True, false, or missing (as -1): Kleene's three values.
inline int truth(const RtValue& v) {
  return v.missing() ? -1 : v.boolean ? 1 : 0;
}

inline void set_truth(RtValue& out, int t) {
  if (t < 0) {
    set_missing(out, MissingWhy::operand);
  } else {
    set_boolean(out, t == 1);
  }
}

inline bool compare_numbers(const stdlib::Number& a, const stdlib::Number& b, ast::Op op) {
  const auto order = a <=> b;
  switch (op) {
    case ast::Op::equal:
      return order == std::partial_ordering::equivalent;
    case ast::Op::not_equal:
      return order != std::partial_ordering::equivalent;
    case ast::Op::less:
      return order == std::partial_ordering::less;
    case ast::Op::less_equal:
      return order == std::partial_ordering::less || order == std::partial_ordering::equivalent;
    case ast::Op::greater:
      return order == std::partial_ordering::greater;
    default:
      return order == std::partial_ordering::greater || order == std::partial_ordering::equivalent;
  }
}

// Equal values of one kind (numbers, labels, booleans, else texts). Out of
// line, as the compiler chose when the executor was one file.
bool same(const RtValue& a, const RtValue& b);

inline bool in_range(const stdlib::Number& x, const stdlib::Number& low,
                     const stdlib::Number& high) {
  return !(x < low) && !(high < x);
}

}  // namespace tholos::interp
