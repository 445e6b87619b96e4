// The one translation unit that instantiates the rule grammar: it drives the
// parser one declaration at a time and turns PEGTL's parse tree into the AST.
#include "grammar/parse_rules.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include <tao/pegtl/contrib/parse_tree.hpp>

#include "common/limits.hpp"
#include "common/spelling.hpp"
#include "grammar/rule_errors.hpp"
#include "grammar/rule_grammar.hpp"

namespace tholos::grammar {
namespace {

namespace pt = pegtl::parse_tree;
using ast::Expr;
using ast::ExprKind;
using ast::ExprPtr;
using ast::Op;
using Node = pt::node;

// Which rules become parse tree nodes. Expression levels fold away when they
// hold a single operand, so `a` is a name node, not sum(product(a)).
template <typename Rule>
struct selector
    : pt::selector<
          Rule,
          pt::store_content::on<
              // literals and names
              number_literal, percent_literal, range_literal, range_low, range_high, signed_number,
              string_literal, true_literal, false_literal, name, qualified_name,
              // expression forms
              call, parenthesized, quantifier, quantifier_word, conditional, negation, logical_not,
              compare_op, multiply_op, add_op, and_op, or_op, compare_tail, in_tail, is_tail,
              is_not,
              // declarations
              study_decl, study_title, import_decl, import_target, scale_decl, scale_name,
              scale_range, codes_clause, code, band_clause, band_name, band_range, quantiles_decl,
              quantile_type_number, denominator_decl, denominator_choice, groups_decl,
              criteria_decl, criterion_name, criteria_scale, param_decl, param_name, measure_decl,
              measure_name, description, classify_decl, classify_case, otherwise_case, label,
              otherwise_label, rerate_decl, require_decl, each_scope, panel_scope, severity,
              message, stop_decl>,
          pt::fold_one::on<expression, param_value, measure_value, case_condition, rule_condition,
                           disjunction, where_condition, conjunction, disjunction_operand,
                           comparison, sum, compare_operand, in_target, product, sum_operand>> {};

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

class Converter {
 public:
  Converter(const SourceFile& source, DiagnosticList& diagnostics, ast::NodeId next_id)
      : source_(source), diagnostics_(diagnostics), next_id_(next_id) {}

  ast::NodeId next_id() const { return next_id_; }

  ExprPtr expression(const Node& n) {
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
    diagnostics_.error(source_, n.begin().byte, n.end().byte,
                       fmt::format("internal error: unexpected syntax node {}", n.type));
    return make(ExprKind::boolean, n);
  }

  ast::Decl declaration(const Node& n);

 private:
  ExprPtr make(ExprKind kind, const Node& n) {
    auto e = std::make_unique<Expr>();
    e->kind = kind;
    e->id = next_id_++;
    e->span = span(n);
    return e;
  }

  static ast::Span span(const Node& n) {
    return {static_cast<std::uint32_t>(n.begin().byte), static_cast<std::uint32_t>(n.end().byte)};
  }

  ExprPtr binary(ExprKind kind, Op op, const Node& n, ExprPtr lhs, ExprPtr rhs) {
    auto e = make(kind, n);
    e->op = op;
    e->span = {lhs->span.begin, rhs->span.end};
    e->args.push_back(std::move(lhs));
    e->args.push_back(std::move(rhs));
    return e;
  }

  static Op operator_of(const Node& op) {
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

  // operand (op operand)*, folded to the left: a - b - c is (a - b) - c.
  ExprPtr chain(const Node& n) {
    ExprPtr result = expression(*n.children.at(0));
    for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
      result = binary(ExprKind::binary, operator_of(*n.children[i]), n, std::move(result),
                      expression(*n.children[i + 1]));
    }
    return result;
  }

  ExprPtr comparison_expr(const Node& n) {
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
    e->span = {lhs->span.begin, static_cast<std::uint32_t>(tail.end().byte)};
    e->args.push_back(std::move(lhs));
    return e;
  }

  ast::Number parse_number(const Node& n, std::string_view text) {
    auto value = ast::Number::parse_decimal(std::string(text));
    // A literal of thousands of digits is shown by its start and length.
    const std::string shown =
        text.size() <= 24 ? std::string(text)
                          : fmt::format("{}... ({} characters)", text.substr(0, 16), text.size());
    if (!value) {
      diagnostics_.error(
          source_, n.begin().byte, n.end().byte,
          fmt::format("the number {} is too large: numbers in Tholos are at most about 1.8e308 "
                      "(the largest double); write a smaller number (is there an extra digit, "
                      "or a wrong exponent?)",
                      shown));
      return ast::Number::integer(0);
    }
    if (value->value() == 0 &&
        text.substr(0, text.find_first_of("eE")).find_first_of("123456789") !=
            std::string_view::npos) {
      diagnostics_.error(
          source_, n.begin().byte, n.end().byte,
          fmt::format("the number {} is too small to be told from 0: numbers in Tholos are at "
                      "least about 2.2e-308 apart from 0; write 0 if 0 is meant",
                      shown));
      return ast::Number::integer(0);
    }
    return *value;
  }

  ExprPtr number(const Node& n, std::string_view text) {
    auto e = make(ExprKind::number, n);
    e->number = parse_number(n, text);
    return e;
  }

  ExprPtr percent(const Node& n) {
    auto e = make(ExprKind::percent, n);
    std::string_view text = n.string_view();
    text.remove_suffix(1);  // the '%'
    e->number = parse_number(n, text) / ast::Number::integer(100);
    return e;
  }

  ast::Number signed_value(const Node& n) {
    std::string_view text = n.string_view();
    const bool negative = !text.empty() && text.front() == '-';
    if (negative) text.remove_prefix(1);
    const ast::Number magnitude = parse_number(n, text);
    return negative ? -magnitude : magnitude;
  }

  ExprPtr range(const Node& n) {
    auto e = make(ExprKind::range, n);
    e->number = signed_value(*n.children.at(0));
    e->high = signed_value(*n.children.at(1));
    return e;
  }

  // The text of string literal `n` without its quotes, escapes resolved.
  // A control character in it (U+0000 to U+001F but the tab, U+007F, and
  // U+0080 to U+009F) is an error at its place: an editor does not show
  // it, and a terminal would act on it when a report shows the string.
  // The string is kept, so that what uses it is checked as usual.
  std::string unquote(const Node& n) {
    const std::string_view quoted = n.string_view();
    const std::size_t begin = n.begin().byte;
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

  static std::string unquote(std::string_view quoted) {
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

  ast::Name name_of(const Node& n) {
    if (n.is_type<label>() || n.is_type<otherwise_label>()) {
      const Node& inner = *n.children.at(0);
      if (inner.is_type<string_literal>()) return {unquote(inner), span(inner)};
      return {inner.string(), span(inner)};
    }
    if (!n.children.empty() && n.children[0]->is_type<name>()) return name_of(*n.children[0]);
    return {n.string(), span(n)};
  }

  static const Node* child_of_type_impl(const Node& n, bool (*pred)(const Node&)) {
    for (const auto& c : n.children) {
      if (pred(*c)) return c.get();
    }
    return nullptr;
  }

  template <typename Rule>
  static const Node* child(const Node& n) {
    return child_of_type_impl(n, [](const Node& c) { return c.is_type<Rule>(); });
  }

  ast::ScaleDecl scale(const Node& n);

  const SourceFile& source_;
  DiagnosticList& diagnostics_;
  ast::NodeId next_id_;
};

ast::ScaleDecl Converter::scale(const Node& n) {
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

ast::Decl Converter::declaration(const Node& n) {
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

// ---------------------------------------------------------------------------
// Input checks and error recovery

// Rule files are UTF-8 text of a bounded size, in lines of a bounded length.
// Before parsing: a file over the size limit is one error; a NUL byte and
// invalid UTF-8 are reported once each, and every line over the length
// limit, each at its position. Any of them stops the file from being parsed
// (what follows would only be a cascade of syntax errors).
bool check_text(const SourceFile& source, DiagnosticList& diagnostics, std::size_t begin,
                std::size_t end, std::size_t max_bytes) {
  const std::string& text = source.text();
  if (end > max_bytes) {
    diagnostics.add_plain(Severity::error, source.segment_name(source.segment_of(begin)),
                          fmt::format("the rule file{} comes to {} bytes; the limit is {} bytes "
                                      "(is this the right file?)",
                                      begin > 0 ? " with its imports" : "", end, max_bytes));
    return false;
  }
  if (const std::string_view start = std::string_view(text).substr(begin, 2);
      start == "\xFF\xFE" || start == "\xFE\xFF") {
    // Every other byte is NUL: one error says it all.
    diagnostics.error(source, begin, begin + 2,
                      "the rule file is saved as UTF-16 (it starts with a UTF-16 byte order "
                      "mark): save it as UTF-8");
    return false;
  }
  bool ok = true;
  bool reported_nul = false, reported_utf8 = false;
  for (std::size_t line_start = begin; line_start < end;) {
    const std::size_t found = text.find('\n', line_start);
    const std::size_t line_end = found == std::string::npos || found > end ? end : found;
    if (line_end - line_start > limits::kMaxLineLength) {
      // Point at the first byte past the limit (at the start of its
      // character), so that the column says where the limit is.
      std::size_t at = line_start + limits::kMaxLineLength;
      while (at > line_start && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
        --at;
      diagnostics.error(source, at, line_end,
                        fmt::format("this line is {} bytes long; a line of a rule file has at "
                                    "most {} bytes: break it over several lines (a line break "
                                    "is white space anywhere between words), or give parts of "
                                    "a long expression a name with `measure`",
                                    line_end - line_start, limits::kMaxLineLength));
      ok = false;
    }
    line_start = line_end + 1;
  }
  for (std::size_t i = begin; i < end;) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      if (!reported_nul) {
        diagnostics.error(source, i, i + 1,
                          "NUL byte in the rule file: is this a binary file? Save the rule file "
                          "as plain UTF-8 text");
      }
      reported_nul = true;
      ok = false;
      ++i;
      continue;
    }
    if (c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = utf8_char_length(std::string_view(text).substr(i, end - i));
    if (length == 0) {
      if (!reported_utf8) {
        diagnostics.error(source, i, i + 1,
                          "invalid UTF-8 in the rule file: save it with UTF-8 encoding");
      }
      reported_utf8 = true;
      ok = false;
      ++i;
      continue;
    }
    i += length;
  }
  return ok;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::string_view word_at(const std::string& text, std::size_t offset) {
  std::size_t end = offset;
  while (end < text.size() && is_word_char(text[end]))
    ++end;
  return std::string_view(text).substr(offset, end - offset);
}

const std::vector<std::string>& declaration_keywords() {
  static const std::vector<std::string> words = {"study",    "scale",    "quantiles", "denominator",
                                                 "groups",   "criteria", "param",     "measure",
                                                 "classify", "rerate",   "require",   "stop"};
  return words;
}

bool is_declaration_keyword(std::string_view word) {
  for (const auto& k : declaration_keywords()) {
    if (k == word) return true;
  }
  return false;
}

// The first byte at or after `offset` that is not white space or comment.
std::size_t skip_blank(const std::string& text, std::size_t offset) {
  while (offset < text.size()) {
    if (std::isspace(static_cast<unsigned char>(text[offset]))) {
      ++offset;
    } else if (text[offset] == '#') {
      const std::size_t eol = text.find('\n', offset);
      offset = eol == std::string::npos ? text.size() : eol;
    } else {
      break;
    }
  }
  return offset;
}

// Where to resume after an error in the declaration starting at `start`: the
// next line whose first word starts a declaration.
std::size_t resume_point(const std::string& text, std::size_t start) {
  std::size_t i = text.find('\n', start);
  while (i != std::string::npos) {
    std::size_t first = i + 1;
    while (first < text.size() && (text[first] == ' ' || text[first] == '\t'))
      ++first;
    const std::string_view word = word_at(text, first);
    if (is_declaration_keyword(word)) return first;
    // A misspelt keyword at the start of a line (`mesure`) most likely starts
    // a declaration too: resume there so it gets its own message.
    if (first == i + 1 && word.size() >= 4 && closest_match(word, declaration_keywords()))
      return first;
    i = text.find('\n', first);
  }
  return text.size();
}

// When the parser expected more and found the start of the next line, the
// place to point at is just after the last token before it, where the
// missing part belongs (as compilers do for a missing ';').
std::size_t end_of_previous_token(const std::string& text, std::size_t at) {
  std::size_t line_start = at;
  while (line_start > 0 && text[line_start - 1] != '\n')
    --line_start;
  for (std::size_t k = line_start; k < at; ++k) {
    if (text[k] != ' ' && text[k] != '\t' && text[k] != '\r') return at;  // not first on its line
  }
  while (line_start > 0) {
    // The previous line, without its comment and trailing white space.
    const std::size_t end = line_start - 1;  // the '\n'
    std::size_t begin = end;
    while (begin > 0 && text[begin - 1] != '\n')
      --begin;
    std::size_t content_end = begin;
    bool in_string = false;
    for (std::size_t k = begin; k < end; ++k) {
      if (text[k] == '"') in_string = !in_string;
      if (!in_string && (text[k] == '#' || text.compare(k, 2, "//") == 0)) break;
      if (!std::isspace(static_cast<unsigned char>(text[k]))) content_end = k + 1;
    }
    if (content_end > begin) return content_end;
    line_start = begin;
  }
  return at;
}

// The message for text that does not start a declaration, with a suggestion
// where one helps.
std::string not_a_declaration(std::string_view word) {
  std::string base(error_message<declaration>);
  if (word.empty()) return base;
  if (word == "band" || word == "not") {
    return fmt::format("'{}' belongs to a scale: put it on the lines after `scale NAME LOW..HIGH`",
                       word);
  }
  if (word == "otherwise" || word == "when") {
    return fmt::format("'{}' belongs to a classification: start it with `classify statement`",
                       word);
  }
  if (auto match = closest_match(word, declaration_keywords())) {
    return fmt::format("unknown declaration '{}'; did you mean '{}'?", word, *match);
  }
  return fmt::format("{}; '{}' starts none of them (did the line before end too early?)", base,
                     word);
}

// The message for `//` or `/*` at `at`, which are not comments in Tholos.
std::string foreign_comment_message(const std::string& text, std::size_t at) {
  if (text.compare(at, 2, "//") == 0) {
    return "'//' does not start a comment: Tholos comments start with # and run to the end of "
           "the line; write # instead of //";
  }
  if (text.find("*/", at + 2) == std::string::npos) {
    return "'/*' does not start a comment, and there is no '*/' after it: Tholos comments "
           "start with # and run to the end of the line; start each line of the comment with #";
  }
  return "'/*' does not start a comment: Tholos comments start with # and run to the end of the "
         "line; start each line of the comment with # and remove /* and */";
}

}  // namespace

namespace {

// Parses the declarations of the last segment of `source` (the file being
// read), then each file it imports, whose declarations take the place of
// the import.
class ModuleParser {
 public:
  ModuleParser(SourceFile& source, DiagnosticList& diagnostics, const ImportResolver& resolve,
               const ParseLimits& limits)
      : source_(source),
        diagnostics_(diagnostics),
        resolve_(resolve),
        limits_(limits),
        converter_(source, diagnostics, 0) {}

  std::vector<ast::Decl> segment(std::size_t index, std::vector<std::string>& chain) {
    std::vector<ast::Decl> decls = declarations(index);
    std::vector<ast::Decl> out;
    for (ast::Decl& decl : decls) {
      const auto* import = std::get_if<ast::ImportDecl>(&decl.body);
      if (import == nullptr) {
        out.push_back(std::move(decl));
        continue;
      }
      std::vector<ast::Decl> imported = resolve(*import, index, chain);
      out.push_back(std::move(decl));
      for (auto& d : imported)
        out.push_back(std::move(d));
    }
    return out;
  }

  ast::NodeId next_id() const { return converter_.next_id(); }
  std::vector<std::size_t> importers() const { return importer_; }

 private:
  std::vector<ast::Decl> declarations(std::size_t index) {
    std::vector<ast::Decl> decls;
    const std::size_t begin = source_.segment_begin(index);
    const std::string& text = source_.text();
    if (!check_text(source_, diagnostics_, begin, text.size(), limits_.max_source_bytes)) {
      return decls;
    }
    const NestingLimit nesting{limits_.max_nesting_depth};
    std::size_t offset = begin;
    // A UTF-8 byte order mark (Windows editors write one) is not text.
    if (std::string_view(text).substr(begin).starts_with("\xEF\xBB\xBF")) offset += 3;
    while (offset < text.size() && !diagnostics_.full()) {
      pegtl::memory_input in(text.data() + offset, text.data() + text.size(),
                             source_.segment_name(index), offset, 1, 1);
      ForeignComments comments;
      try {
        auto root =
            pt::parse<declaration_step, selector, pegtl::nothing, control>(in, nesting, comments);
        report_foreign_comments(comments, text.size());
        for (const auto& node : root->children)
          decls.push_back(converter_.declaration(*node));
        offset = static_cast<std::size_t>(in.current() - text.data());
        if (root->children.empty()) break;  // end of file
      } catch (const located_error& e) {
        const std::size_t at = e.positions().empty() ? offset : e.positions().front().byte;
        report_foreign_comments(comments, at);
        const std::size_t end = at + std::max<std::size_t>(1, word_at(text, at).size());
        diagnostics_.error(source_, at, std::min(end, text.size()), std::string(e.message()));
        offset = resume_point(text, skip_blank(text, offset));
      } catch (const pegtl::parse_error& e) {
        std::size_t at = e.positions().empty() ? offset : e.positions().front().byte;
        report_foreign_comments(comments, at);
        std::string why(e.message());
        std::size_t end = at + std::max<std::size_t>(1, word_at(text, at).size());
        if (why == error_message<declaration>) {
          why = not_a_declaration(word_at(text, at));
        } else if (const std::size_t moved = end_of_previous_token(text, at); moved != at) {
          at = moved;
          end = at + 1;
        }
        diagnostics_.error(source_, at, std::min(end, text.size()), std::move(why));
        // Resume after the first line of the broken declaration.
        offset = resume_point(text, skip_blank(text, offset));
      }
    }
    return decls;
  }

  // Reports each `//` or `/*` the parse skipped before `before` (once, even
  // when the parser went over it more than once).
  void report_foreign_comments(ForeignComments& comments, std::size_t before) {
    std::sort(comments.offsets.begin(), comments.offsets.end());
    for (const std::size_t at : comments.offsets) {
      if (at >= before || !reported_comments_.insert(at).second) continue;
      diagnostics_.error(source_, at, at + 2, foreign_comment_message(source_.text(), at));
    }
  }

  std::vector<ast::Decl> resolve(const ast::ImportDecl& import, std::size_t from,
                                 std::vector<std::string>& chain) {
    const ast::Span at = import.target_span;
    if (!resolve_) {
      diagnostics_.error(source_, at.begin, at.end, "imports are not available here");
      return {};
    }
    std::string error;
    std::optional<ImportedFile> file = resolve_(import, source_.segment_name(from), error);
    if (!file) {
      diagnostics_.error(source_, at.begin, at.end, error);
      return {};
    }
    if (std::find(chain.begin(), chain.end(), file->name) != chain.end()) {
      std::vector<std::string> names;
      for (const std::string& name : chain)
        names.push_back(file_name(name));
      names.push_back(file_name(file->name));
      diagnostics_.error(
          source_, at.begin, at.end,
          fmt::format("'{}' imports itself: {}", import.target, fmt::join(names, " -> ")));
      return {};
    }
    if (std::find(imported_.begin(), imported_.end(), file->name) != imported_.end()) {
      diagnostics_.error(source_, at.begin, at.end,
                         fmt::format("'{}' is already imported; import it once", import.target));
      return {};
    }
    imported_.push_back(file->name);
    const std::size_t begin = source_.append(file->name, file->text);
    importer_.push_back(from);
    chain.push_back(file->name);
    std::vector<ast::Decl> decls = segment(source_.segment_of(begin), chain);
    chain.pop_back();
    return decls;
  }

  // "shared/cycle_a.tholos" -> "cycle_a.tholos", for short messages.
  static std::string file_name(const std::string& path) {
    const auto slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
  }

  SourceFile& source_;
  DiagnosticList& diagnostics_;
  const ImportResolver& resolve_;
  const ParseLimits& limits_;
  Converter converter_;
  std::vector<std::string> imported_;
  std::vector<std::size_t> importer_ = {0};
  std::set<std::size_t> reported_comments_;
};

}  // namespace

ast::Module parse_rule_file(SourceFile& source, DiagnosticList& diagnostics,
                            const ImportResolver& resolve, const ParseLimits& limits) {
  ModuleParser parser(source, diagnostics, resolve, limits);
  std::vector<std::string> chain = {source.name()};
  ast::Module module;
  module.decls = parser.segment(0, chain);
  module.node_count = parser.next_id();
  module.importer = parser.importers();
  return module;
}

ast::ExprPtr parse_expression(const SourceFile& source, ast::NodeId& next_id,
                              DiagnosticList& diagnostics, const ParseLimits& limits) {
  if (!check_text(source, diagnostics, 0, source.text().size(), limits.max_source_bytes)) {
    return nullptr;
  }
  const NestingLimit nesting{limits.max_nesting_depth};
  const std::string& text = source.text();
  pegtl::memory_input in(text.data(), text.data() + text.size(), source.name(), 0, 1, 1);
  ForeignComments comments;
  // Each `//` or `/*` before `before`, once.
  const auto report_comments = [&](std::size_t before) {
    std::sort(comments.offsets.begin(), comments.offsets.end());
    comments.offsets.erase(std::unique(comments.offsets.begin(), comments.offsets.end()),
                           comments.offsets.end());
    for (const std::size_t at : comments.offsets) {
      if (at < before) diagnostics.error(source, at, at + 2, foreign_comment_message(text, at));
    }
  };
  try {
    auto root =
        pt::parse<lone_expression, selector, pegtl::nothing, control>(in, nesting, comments);
    report_comments(text.size());
    if (!comments.offsets.empty()) return nullptr;
    Converter converter(source, diagnostics, next_id);
    ast::ExprPtr e = converter.expression(*root->children.at(0));
    next_id = converter.next_id();
    return e;
  } catch (const pegtl::parse_error& e) {
    const std::size_t at = e.positions().empty() ? 0 : e.positions().front().byte;
    report_comments(at);
    diagnostics.error(source, at, std::min(at + 1, text.size()), std::string(e.message()));
    return nullptr;
  }
}

}  // namespace tholos::grammar
