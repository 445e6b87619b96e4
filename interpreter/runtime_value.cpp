#include "interpreter/runtime_value.hpp"

namespace tholos::interp {
namespace {

using stdlib::Number;

RtValue number(Number n, MissingWhy why = MissingWhy::operand) {
  if (n.is_missing()) return missing(why);
  RtValue v;
  v.kind = RtKind::number;
  v.number = n;
  return v;
}

RtValue boolean(bool b) {
  RtValue v;
  v.kind = RtKind::boolean;
  v.boolean = b;
  return v;
}

}  // namespace

RtValue from_scalar(const Scalar& s) {
  if (s.is_missing) return missing(MissingWhy::error);
  RtValue v;
  switch (s.type) {
    case Type::number:
    case Type::percentage:
      return number(s.number);
    case Type::boolean:
      return boolean(s.boolean);
    case Type::text:
      v.kind = RtKind::text;
      v.text = s.text;
      return v;
    case Type::label:
      v.kind = RtKind::label;
      v.label = static_cast<std::uint32_t>(s.number.value());
      v.text = s.text;
      return v;
    case Type::range:
      v.kind = RtKind::range;
      v.low = s.low;
      v.high = s.high;
      return v;
    default:
      return missing(MissingWhy::error);
  }
}

bool same(const RtValue& a, const RtValue& b) {
  if (a.kind == RtKind::number && b.kind == RtKind::number) return a.number == b.number;
  if (a.kind == RtKind::label && b.kind == RtKind::label) return a.label == b.label;
  if (a.kind == RtKind::boolean && b.kind == RtKind::boolean) return a.boolean == b.boolean;
  return a.text == b.text;
}

}  // namespace tholos::interp
