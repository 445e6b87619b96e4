// Turning PEGTL's parse tree of a declaration or an expression into the AST:
// literals are read (numbers exactly, strings unescaped), operator chains are
// folded to the left, and every expression gets its node id and span.
#pragma once

#include <string>
#include <string_view>

#include "common/diagnostics.hpp"
#include "common/source_file.hpp"
#include "grammar/ast.hpp"
#include "grammar/parse_node.hpp"

namespace tholos::grammar {

// Node ids are handed out in order from `next_id`, so that ids stay unique
// across the declarations of a file and its imports.
class TreeToAst {
 public:
  TreeToAst(const SourceFile& source, DiagnosticList& diagnostics, ast::NodeId next_id)
      : source_(source), diagnostics_(diagnostics), next_id_(next_id) {}

  ast::NodeId next_id() const { return next_id_; }

  ast::ExprPtr expression(const Node& n);

  ast::Decl declaration(const Node& n);

 private:
  ast::ExprPtr make(ast::ExprKind kind, const Node& n);

  static ast::Span span(const Node& n);

  ast::ExprPtr binary(ast::ExprKind kind, ast::Op op, const Node& n, ast::ExprPtr lhs,
                      ast::ExprPtr rhs);

  static ast::Op operator_of(const Node& op);

  // operand (op operand)*, folded to the left: a - b - c is (a - b) - c.
  ast::ExprPtr chain(const Node& n);

  ast::ExprPtr comparison_expr(const Node& n);

  ast::Number parse_number(const Node& n, std::string_view text);

  ast::ExprPtr number(const Node& n, std::string_view text);

  ast::ExprPtr percent(const Node& n);

  ast::Number signed_value(const Node& n);

  ast::ExprPtr range(const Node& n);

  // The text of string literal `n` without its quotes, escapes resolved.
  // A control character in it (U+0000 to U+001F but the tab, U+007F, and
  // U+0080 to U+009F) is an error at its place: an editor does not show
  // it, and a terminal would act on it when a report shows the string.
  // The string is kept, so that what uses it is checked as usual.
  std::string unquote(const Node& n);

  static std::string unquote(std::string_view quoted);

  ast::Name name_of(const Node& n);

  static const Node* child_of_type_impl(const Node& n, bool (*pred)(const Node&));

  template <typename Rule>
  static const Node* child(const Node& n) {
    return child_of_type_impl(n, [](const Node& c) { return c.is_type<Rule>(); });
  }

  ast::ScaleDecl scale(const Node& n);

  const SourceFile& source_;
  DiagnosticList& diagnostics_;
  ast::NodeId next_id_;
};

}  // namespace tholos::grammar
