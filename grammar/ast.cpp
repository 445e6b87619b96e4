#include "grammar/ast.hpp"

namespace tholos::ast {

const char* op_text(Op op) {
  switch (op) {
    case Op::none:
      return "";
    case Op::add:
      return "+";
    case Op::subtract:
    case Op::negate:
      return "-";
    case Op::multiply:
      return "*";
    case Op::divide:
      return "/";
    case Op::logical_not:
      return "not";
    case Op::logical_and:
      return "and";
    case Op::logical_or:
      return "or";
    case Op::equal:
      return "=";
    case Op::not_equal:
      return "!=";
    case Op::less:
      return "<";
    case Op::less_equal:
      return "<=";
    case Op::greater:
      return ">";
    case Op::greater_equal:
      return ">=";
    case Op::every:
      return "every";
    case Op::any:
      return "any";
    case Op::is_missing:
      return "is missing";
    case Op::is_not_missing:
      return "is not missing";
  }
  return "";
}

}  // namespace tholos::ast
