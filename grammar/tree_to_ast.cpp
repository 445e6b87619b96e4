// Turning the parse tree into the AST (see tree_to_ast.hpp).
#include "grammar/tree_to_ast.hpp"

#include <fmt/format.h>

#include "grammar/rule_grammar.hpp"

namespace tholos::grammar {

using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;

namespace {

template <typename... Rules>
bool is_one_of(const Node& n) {
  return (n.is_type<Rules>() || ...);
}

// Expression forms that share a shape: the rule's own type and every rule
// that inherits it under another name (for its own error message).
bool is_filtered(const Node& n) {
  return is_one_of<expression, param_value, measure_value, case_condition, rule_condition>(n);
}
bool is_chain(const Node& n) {
  return is_one_of<disjunction, where_condition, conjunction, disjunction_operand, sum,
                   compare_operand, in_target, product, sum_operand>(n);
}

}  // namespace

ExprPtr TreeToAst::expression(const Node& n) {
  if (is_filtered(n)) {
    // lhs where condition (fold_one leaves two children only for `where`)
    return binary(ExprKind::where, Op::none, n, expression(*n.children[0]),
                  expression(*n.children[1]));
  }
  if (is_chain(n)) return chain(n);
  if (n.is_type<comparison>()) return comparison_expr(n);
  if (n.is_type<number_literal>()) return number(n, n.string());
  if (n.is_type<percent_literal>()) return percent(n);
  if (n.is_type<range_literal>()) return range(n);
  if (n.is_type<string_literal>()) {
    auto e = make(ExprKind::string, n);
    e->text = unquote(n);
    return e;
  }
  if (n.is_type<true_literal>() || n.is_type<false_literal>()) {
    auto e = make(ExprKind::boolean, n);
    e->boolean = n.is_type<true_literal>();
    return e;
  }
  if (n.is_type<name>()) {
    auto e = make(ExprKind::name, n);
    e->text = n.string();
    e->name_span = span(n);
    return e;
  }
  if (n.is_type<qualified_name>()) {
    auto e = make(ExprKind::name, n);
    const std::string_view whole = n.string_view();
    e->qualifier = std::string(whole.substr(0, whole.find('.')));
    e->text = n.children.at(0)->string();
    e->name_span = span(*n.children.at(0));
    return e;
  }
  if (n.is_type<call>()) {
    auto e = make(ExprKind::call, n);
    e->text = n.children.at(0)->string();
    e->name_span = span(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
      e->args.push_back(expression(*n.children[i]));
    }
    return e;
  }
  if (n.is_type<parenthesized>()) {
    if (n.children.size() == 1) {
      // The parentheses belong to the expression's text: `a / (b - c)`
      // must quote as written, closing parenthesis included.
      ExprPtr inner = expression(*n.children[0]);
      inner->span = span(n);
      return inner;
    }
    auto e = make(ExprKind::list, n);
    for (const auto& child : n.children)
      e->args.push_back(expression(*child));
    return e;
  }
  if (n.is_type<quantifier>()) {
    auto e = make(ExprKind::quantifier, n);
    e->op = n.children.at(0)->string_view() == "every" ? Op::every : Op::any;
    e->args.push_back(expression(*n.children.at(1)));
    return e;
  }
  if (n.is_type<conditional>()) {
    auto e = make(ExprKind::conditional, n);
    for (const auto& child : n.children)
      e->args.push_back(expression(*child));
    return e;
  }
  if (n.is_type<negation>() || n.is_type<logical_not>()) {
    auto e = make(ExprKind::unary, n);
    e->op = n.is_type<negation>() ? Op::negate : Op::logical_not;
    e->args.push_back(expression(*n.children.at(0)));
    return e;
  }
  // Unreachable for a tree the selector built; kept so a grammar change
  // that forgets the converter fails loudly in tests rather than silently.
  diagnostics_.error(source_, n.m_begin.byte, n.m_end.byte,
                     fmt::format("internal error: unexpected syntax node {}", n.type));
  return make(ExprKind::boolean, n);
}

ExprPtr TreeToAst::make(ExprKind kind, const Node& n) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->id = next_id_++;
  e->span = span(n);
  return e;
}

ast::Span TreeToAst::span(const Node& n) {
  return {static_cast<std::uint32_t>(n.m_begin.byte), static_cast<std::uint32_t>(n.m_end.byte)};
}

ExprPtr TreeToAst::binary(ExprKind kind, Op op, const Node& n, ExprPtr lhs, ExprPtr rhs) {
  auto e = make(kind, n);
  e->op = op;
  e->span = {lhs->span.begin, rhs->span.end};
  e->args.push_back(std::move(lhs));
  e->args.push_back(std::move(rhs));
  return e;
}

Op TreeToAst::operator_of(const Node& op) {
  const std::string_view t = op.string_view();
  if (t == "+") return Op::add;
  if (t == "-") return Op::subtract;
  if (t == "*") return Op::multiply;
  if (t == "/") return Op::divide;
  if (t == "and") return Op::logical_and;
  if (t == "or") return Op::logical_or;
  if (t == "=") return Op::equal;
  if (t == "!=" || t == "\u2260") return Op::not_equal;
  if (t == "<") return Op::less;
  if (t == "<=" || t == "\u2264") return Op::less_equal;
  if (t == ">") return Op::greater;
  return Op::greater_equal;  // ">=" or "≥"
}

ExprPtr TreeToAst::chain(const Node& n) {
  ExprPtr result = expression(*n.children.at(0));
  for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
    result = binary(ExprKind::binary, operator_of(*n.children[i]), n, std::move(result),
                    expression(*n.children[i + 1]));
  }
  return result;
}

ExprPtr TreeToAst::comparison_expr(const Node& n) {
  ExprPtr lhs = expression(*n.children.at(0));
  const Node& tail = *n.children.at(1);
  if (tail.is_type<compare_tail>()) {
    return binary(ExprKind::compare, operator_of(*tail.children.at(0)), n, std::move(lhs),
                  expression(*tail.children.at(1)));
  }
  if (tail.is_type<in_tail>()) {
    return binary(ExprKind::in, Op::none, n, std::move(lhs), expression(*tail.children.at(0)));
  }
  // is_tail: `is [not] missing`
  auto e = make(ExprKind::is_missing, n);
  e->op = tail.children.empty() ? Op::is_missing : Op::is_not_missing;
  e->span = {lhs->span.begin, static_cast<std::uint32_t>(tail.m_end.byte)};
  e->args.push_back(std::move(lhs));
  return e;
}

ast::Number TreeToAst::parse_number(const Node& n, std::string_view text) {
  auto value = ast::Number::parse_decimal(std::string(text));
  // A literal of thousands of digits is shown by its start and length.
  const std::string shown =
      text.size() <= 24 ? std::string(text)
                        : fmt::format("{}... ({} characters)", text.substr(0, 16), text.size());
  if (!value) {
    diagnostics_.error(
        source_, n.m_begin.byte, n.m_end.byte,
        fmt::format("the number {} is too large: numbers in Tholos are at most about 1.8e308 "
                    "(the largest double); write a smaller number (is there an extra digit, "
                    "or a wrong exponent?)",
                    shown));
    return ast::Number::integer(0);
  }
  if (value->value() == 0 && text.substr(0, text.find_first_of("eE")).find_first_of("123456789") !=
                                 std::string_view::npos) {
    diagnostics_.error(
        source_, n.m_begin.byte, n.m_end.byte,
        fmt::format("the number {} is too small to be told from 0: numbers in Tholos are at "
                    "least about 2.2e-308 apart from 0; write 0 if 0 is meant",
                    shown));
    return ast::Number::integer(0);
  }
  return *value;
}

ExprPtr TreeToAst::number(const Node& n, std::string_view text) {
  auto e = make(ExprKind::number, n);
  e->number = parse_number(n, text);
  return e;
}

ExprPtr TreeToAst::percent(const Node& n) {
  auto e = make(ExprKind::percent, n);
  std::string_view text = n.string_view();
  text.remove_suffix(1);  // the '%'
  e->number = parse_number(n, text) / ast::Number::integer(100);
  return e;
}

ast::Number TreeToAst::signed_value(const Node& n) {
  std::string_view text = n.string_view();
  const bool negative = !text.empty() && text.front() == '-';
  if (negative) text.remove_prefix(1);
  const ast::Number magnitude = parse_number(n, text);
  return negative ? -magnitude : magnitude;
}

ExprPtr TreeToAst::range(const Node& n) {
  auto e = make(ExprKind::range, n);
  e->number = signed_value(*n.children.at(0));
  e->high = signed_value(*n.children.at(1));
  return e;
}

std::string TreeToAst::unquote(const Node& n) {
  const std::string_view quoted = n.string_view();
  const std::size_t begin = n.m_begin.byte;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    const auto c = static_cast<unsigned char>(quoted[i]);
    unsigned code = c;
    std::size_t length = 1;
    if (c == 0xC2 && i + 1 < quoted.size() && static_cast<unsigned char>(quoted[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(quoted[i + 1]) <= 0x9F) {
      code = static_cast<unsigned char>(quoted[i + 1]);
      length = 2;
    } else if (!((c < 0x20 && c != '\t') || c == 0x7F)) {
      continue;
    }
    diagnostics_.error(source_, begin + i, begin + i + length,
                       fmt::format("a control character (U+{:04X}) in a string: remove it (an "
                                   "editor does not show it; for a line break or a tab, write "
                                   "\\n or \\t)",
                                   code));
    i += length - 1;
  }
  return unquote(quoted);
}

std::string TreeToAst::unquote(std::string_view quoted) {
  std::string out;
  for (std::size_t i = 1; i + 1 < quoted.size(); ++i) {
    char c = quoted[i];
    if (c == '\\' && i + 2 < quoted.size()) {
      c = quoted[++i];
      if (c == 'n') c = '\n';
      if (c == 't') c = '\t';
    }
    out += c;
  }
  return out;
}

ast::Name TreeToAst::name_of(const Node& n) {
  if (n.is_type<label>() || n.is_type<otherwise_label>()) {
    const Node& inner = *n.children.at(0);
    if (inner.is_type<string_literal>()) return {unquote(inner), span(inner)};
    return {inner.string(), span(inner)};
  }
  if (!n.children.empty() && n.children[0]->is_type<name>()) return name_of(*n.children[0]);
  return {n.string(), span(n)};
}

const Node* TreeToAst::child_of_type_impl(const Node& n, bool (*pred)(const Node&)) {
  for (const auto& c : n.children) {
    if (pred(*c)) return c.get();
  }
  return nullptr;
}

ast::ScaleDecl TreeToAst::scale(const Node& n) {
  ast::ScaleDecl d;
  d.name = name_of(*child<scale_name>(n));
  const Node& range_node = *child<scale_range>(n);
  d.low = signed_value(*range_node.children.at(0));
  d.high = signed_value(*range_node.children.at(1));
  d.range_span = span(range_node);
  for (const auto& clause : n.children) {
    if (clause->is_type<codes_clause>()) {
      for (const auto& c : clause->children) {
        d.codes.push_back({unquote(*c), span(*c)});
      }
    } else if (clause->is_type<band_clause>()) {
      ast::Band band;
      band.name = name_of(*child<band_name>(*clause));
      const Node& value = *child<band_range>(*clause);
      band.range_span = span(value);
      const Node& inner = *value.children.at(0);
      if (inner.is_type<range_literal>()) {
        band.low = signed_value(*inner.children.at(0));
        band.high = signed_value(*inner.children.at(1));
      } else {
        band.low = band.high = signed_value(inner);
      }
      d.bands.push_back(std::move(band));
    }
  }
  return d;
}

ast::Decl TreeToAst::declaration(const Node& n) {
  ast::Decl decl;
  decl.span = span(n);
  const std::string_view text = n.string_view();
  const std::size_t keyword_length = text.find_first_of(" \t\r\n#\"");
  decl.keyword = {decl.span.begin,
                  decl.span.begin +
                      static_cast<std::uint32_t>(
                          keyword_length == std::string_view::npos ? text.size() : keyword_length)};
  auto description_of = [&](const Node& parent) {
    const Node* d = child<description>(parent);
    return d ? unquote(*d) : std::string();
  };
  auto message_of = [&](const Node& parent) {
    const Node* m = child<message>(parent);
    return m ? unquote(*m) : std::string();
  };
  // The condition of rerate, require and stop: the only expression child.
  auto condition_of = [&](const Node& parent) -> ExprPtr {
    for (const auto& c : parent.children) {
      if (!is_one_of<each_scope, panel_scope, severity, message>(*c)) return expression(*c);
    }
    return nullptr;
  };

  if (n.is_type<study_decl>()) {
    decl.body = ast::StudyDecl{unquote(*n.children.at(0))};
  } else if (n.is_type<import_decl>()) {
    const Node& target = *n.children.at(0);
    const Node& inner = *target.children.at(0);
    const bool path = inner.is_type<string_literal>();
    decl.body = ast::ImportDecl{path ? unquote(inner) : inner.string(), path, span(inner)};
  } else if (n.is_type<scale_decl>()) {
    decl.body = scale(n);
  } else if (n.is_type<quantiles_decl>()) {
    ast::QuantilesDecl d;
    const Node& number_node = *child<quantile_type_number>(n);
    d.type_span = span(number_node);
    const std::string digits_text = number_node.string();
    d.type = digits_text.size() > 3 ? 1000 : std::stoi(digits_text);
    decl.body = d;
  } else if (n.is_type<denominator_decl>()) {
    ast::DenominatorDecl d;
    const std::string_view choice = child<denominator_choice>(n)->string_view();
    d.denominator = choice.starts_with("valid")         ? ast::Denominator::valid_ratings
                    : choice.starts_with("respondents") ? ast::Denominator::respondents
                                                        : ast::Denominator::invited;
    decl.body = d;
  } else if (n.is_type<groups_decl>()) {
    decl.body = ast::GroupsDecl{name_of(*n.children.at(0))};
  } else if (n.is_type<criteria_decl>()) {
    ast::CriteriaDecl d;
    for (const auto& c : n.children) {
      if (c->is_type<criterion_name>()) d.names.push_back(name_of(*c));
      if (c->is_type<criteria_scale>()) d.scale = name_of(*c);
    }
    decl.body = std::move(d);
  } else if (n.is_type<param_decl>() || n.is_type<measure_decl>()) {
    const bool is_param = n.is_type<param_decl>();
    ast::Name declared = name_of(*n.children.at(0));
    ExprPtr value = expression(*n.children.at(1));
    std::string description_text = description_of(n);
    if (is_param) {
      decl.body =
          ast::ParamDecl{std::move(declared), std::move(value), std::move(description_text)};
    } else {
      decl.body =
          ast::MeasureDecl{std::move(declared), std::move(value), std::move(description_text)};
    }
  } else if (n.is_type<classify_decl>()) {
    ast::ClassifyDecl d;
    for (const auto& c : n.children) {
      if (c->is_type<classify_case>()) {
        d.cases.push_back({name_of(*c->children.at(0)), expression(*c->children.at(1))});
      } else if (c->is_type<otherwise_case>()) {
        d.cases.push_back({name_of(*c->children.at(0)), nullptr});
      }
    }
    decl.body = std::move(d);
  } else if (n.is_type<rerate_decl>()) {
    decl.body = ast::RerateDecl{condition_of(n)};
  } else if (n.is_type<require_decl>()) {
    ast::RequireDecl d;
    for (const auto& c : n.children) {
      if (c->is_type<panel_scope>()) d.scopes.push_back({ast::Scope::panel, span(*c)});
      if (c->is_type<each_scope>()) {
        const std::string_view t = c->string_view();
        const ast::Scope s = t.ends_with("statement") ? ast::Scope::statement
                             : t.ends_with("round")   ? ast::Scope::round
                                                      : ast::Scope::group;
        d.scopes.push_back({s, span(*c)});
      }
      if (c->is_type<severity>()) d.warn = c->string_view() == "warn";
    }
    d.condition = condition_of(n);
    d.message = message_of(n);
    decl.body = std::move(d);
  } else {  // stop_decl
    decl.body = ast::StopDecl{condition_of(n), message_of(n)};
  }
  return decl;
}

}  // namespace tholos::grammar
