// Types and levels of expressions: what each name refers to, which
// operators apply to which types (calls are in check_calls.cpp).
#include <fmt/format.h>

#include <algorithm>

#include "common/spelling.hpp"
#include "interpreter/checker.hpp"

namespace tholos::interp {
namespace {

bool is_literal_name(const ast::Expr& e) {
  return (e.kind == ast::ExprKind::name && e.qualifier.empty()) || e.kind == ast::ExprKind::string;
}

}  // namespace

std::string_view describe(Type t) {
  switch (t) {
    case Type::ratings:
      return "a rating vector";
    case Type::flags:
      return "a condition per respondent";
    case Type::statements:
      return "a set of statements";
    case Type::list:
      return "a list";
    case Type::range:
      return "a range";
    case Type::number:
      return "a number";
    case Type::percentage:
      return "a percentage";
    case Type::boolean:
      return "a condition (true or false)";
    case Type::text:
      return "a text";
    case Type::label:
      return "a status label";
    case Type::error:
      return "invalid";
  }
  return "invalid";
}

const std::unordered_map<std::string, Builtin>& builtin_names() {
  static const std::unordered_map<std::string, Builtin> names = {
      {"rating", Builtin::rating},
      {"round", Builtin::round},
      {"respondents", Builtin::respondents},
      {"invited", Builtin::invited},
      {"response_rate", Builtin::response_rate},
      {"attrition", Builtin::attrition},
      {"panelists", Builtin::panelists},
      {"statements", Builtin::statements},
      {"status", Builtin::status},
      {"item", Builtin::item},
      {"group", Builtin::group},
      {"panelist", Builtin::panelist},
  };
  return names;
}

ExprInfo& Checker::set(const ast::Expr& e, Type type, Level level, bool constant) {
  ExprInfo& info = p_.info[e.id];
  info.type = type;
  info.level = level;
  info.constant = constant;
  return info;
}

ExprInfo& Checker::fail(const ast::Expr& e) {
  return set(e, Type::error, Level::constant);
}

std::vector<std::string> Checker::known_names() const {
  std::vector<std::string> names;
  for (const auto& [name, ref] : symbols_)
    names.push_back(name);
  for (const auto& [name, builtin] : builtin_names())
    names.push_back(name);
  for (std::string& f : p_.function_names())
    names.push_back(std::move(f));
  std::sort(names.begin(), names.end());
  return names;
}

const ExprInfo& Checker::check(const ast::Expr& e, const CheckContext& ctx) {
  using K = ast::ExprKind;
  switch (e.kind) {
    case K::number:
      return set(e, Type::number, Level::constant, true);
    case K::percent:
      return set(e, Type::percentage, Level::constant, true);
    case K::string:
      return set(e, Type::text, Level::constant, true);
    case K::boolean:
      return set(e, Type::boolean, Level::constant, true);
    case K::range:
      if (e.high < e.number) {
        error(e, fmt::format("the range {} is empty: write the lower bound first, as in {}..{}",
                             text(e), e.high.to_string(), e.number.to_string()));
        return fail(e);
      }
      return set(e, Type::range, Level::constant, true);
    case K::list:
      return check_list(e, ctx, false);
    case K::name:
      return e.qualifier.empty() ? check_name(e, ctx, false) : check_qualified(e, ctx);
    case K::unary:
      return check_unary(e, ctx);
    case K::binary:
      return check_binary(e, ctx);
    case K::compare:
      return check_compare(e, ctx);
    case K::in:
      return check_in(e, ctx);
    case K::is_missing: {
      const ExprInfo& operand = check(*e.args[0], ctx);
      if (operand.type != Type::error && !is_scalar(operand.type)) {
        error(e, fmt::format("'is missing' tests a single value, and {} is {}", text(*e.args[0]),
                             describe(operand.type)));
        return fail(e);
      }
      return set(e, Type::boolean, operand.level);
    }
    case K::where:
      return check_where(e, ctx);
    case K::call:
      return check_call(e, ctx);
    case K::quantifier:
      return check_quantifier(e, ctx);
    case K::conditional:
      return check_conditional(e, ctx);
  }
  return fail(e);
}

void Checker::check_condition(const ast::Expr& e, const CheckContext& ctx, std::string_view what) {
  const ExprInfo& info = check(e, ctx);
  if (info.type == Type::error || info.type == Type::boolean) return;
  if (info.type == Type::flags) {
    error(e, fmt::format("{} must be one true/false value, but {} is a condition per respondent; "
                         "summarise it, as in share({}) >= 70%",
                         what, text(e), text(e)));
  } else {
    error(e, fmt::format("{} must be a condition (true or false), but {} is {}", what, text(e),
                         describe(info.type)));
  }
}

// ---------------------------------------------------------------------------
// Names

ExprInfo& Checker::check_name(const ast::Expr& e, const CheckContext& ctx, bool want_label) {
  ExprInfo& info = p_.info[e.id];
  if (want_label) {
    if (auto it = labels_.find(e.text); it != labels_.end()) {
      info.ref = {Reference::Kind::label, Builtin::rating, it->second};
      return set(e, Type::label, Level::constant, true);
    }
  }
  if (auto it = builtin_names().find(e.text); it != builtin_names().end()) {
    info.ref = {Reference::Kind::builtin, it->second, 0};
    return check_builtin(e, it->second, ctx);
  }
  if (auto it = symbols_.find(e.text); it != symbols_.end()) {
    const Reference ref = it->second;
    info.ref = ref;
    switch (ref.kind) {
      case Reference::Kind::band:
        return set(e, Type::range, Level::constant, true);
      case Reference::Kind::param: {
        param_used_[ref.index] = true;
        return set(e, p_.params[ref.index].type, Level::constant, true);
      }
      case Reference::Kind::criterion:
        if (ctx.level != Level::statement || ctx.panelist) {
          error(e, fmt::format("'{}' holds one statement's ratings; it can only be used in a "
                               "rule about a statement",
                               e.text));
          return fail(e);
        }
        return set(e, Type::ratings, Level::statement);
      case Reference::Kind::measure: {
        ensure_measure(ref.index, e);
        const MeasureInfo& m = p_.measures[ref.index];
        // Where a measure may be used does not depend on its type, so these
        // errors are reported even when its definition has one.
        if (ctx.panelist) {
          error(e, fmt::format("a condition after 'where' can only use panel attributes "
                               "(group, panel.COLUMN); '{}' is a measure",
                               e.text));
          return fail(e);
        }
        if (m.level == Level::statement && ctx.level != Level::statement) {
          error(e, fmt::format("'{}' is computed per statement; a rule about a {} can count "
                               "statements instead, as in count(statements where {} >= 70%)",
                               e.text, level_name(ctx.level), e.text));
          return fail(e);
        }
        if (m.level == Level::round && ctx.level == Level::panel) {
          error(e, fmt::format("'{}' is computed per round; a rule about the panel cannot use it",
                               e.text));
          return fail(e);
        }
        if (m.level == Level::round && ctx.level == Level::statement) {
          error(e, fmt::format("'{}' is computed over all the statements of a round and cannot "
                               "be used in a rule about one statement",
                               e.text));
          return fail(e);
        }
        if (ctx.in_case && measure_slots_[ref.index].uses_status) {
          error(e, fmt::format("'{}' depends on the status, which this classification decides; "
                               "a case cannot use it",
                               e.text));
          return fail(e);
        }
        if (m.type == Type::error) return fail(e);
        if (ctx.in_group) p_.measures[ref.index].per_group = true;
        return set(e, m.type, m.level);
      }
      default:
        break;
    }
  }
  // A declaration in error (reported where it is) is not unknown.
  if (poisoned_names_.contains(e.text)) return fail(e);
  if (auto it = scales_.find(e.text); it != scales_.end()) {
    error(e, fmt::format("'{}' is a scale, not a value: use one of its bands, as in rating in "
                         "BAND, or a range such as 4..5",
                         e.text));
    return fail(e);
  }
  if (auto it = labels_.find(e.text); it != labels_.end()) {
    info.ref = {Reference::Kind::label, Builtin::rating, it->second};
    return set(e, Type::label, Level::constant, true);
  }
  if (p_.find_function(e.text) != nullptr || e.text == "previous") {
    error(e, fmt::format("'{}' is a function: call it with its arguments, as in {}(rating)", e.text,
                         e.text));
    return fail(e);
  }
  std::vector<std::string> candidates = known_names();
  for (const auto& [label, index] : labels_)
    candidates.push_back(label);
  error(e, fmt::format("unknown name '{}'{}", e.text, did_you_mean(e.text, candidates)));
  return fail(e);
}

ExprInfo& Checker::check_builtin(const ast::Expr& e, Builtin builtin, const CheckContext& ctx) {
  auto need = [&](Level level, std::string_view why) -> bool {
    if (ctx.panelist) {
      error(e, fmt::format("a condition after 'where' can only use panel attributes (group, "
                           "panel.COLUMN, panelist); '{}' {}",
                           e.text, why));
      return false;
    }
    if (ctx.level < level) {
      error(e, fmt::format("'{}' {}, so it cannot be used in a rule about {}", e.text, why,
                           ctx.level == Level::panel ? "the panel" : "a round"));
      return false;
    }
    return true;
  };
  switch (builtin) {
    case Builtin::rating:
      if (!p_.criteria.empty()) {
        std::vector<std::string> names;
        for (const auto& c : p_.criteria)
          names.push_back(c.name);
        error(e, fmt::format("statements are rated on several criteria here, so 'rating' is "
                             "ambiguous: write the criterion, {}",
                             fmt::join(names, " or ")));
        return fail(e);
      }
      if (!need(Level::statement, "holds one statement's ratings")) return fail(e);
      return set(e, Type::ratings, Level::statement);
    case Builtin::round:
      if (!need(Level::round_input, "is the round number")) return fail(e);
      return set(e, Type::number, Level::round_input);
    case Builtin::respondents:
    case Builtin::response_rate:
      if (!need(Level::round_input, "is counted per round")) return fail(e);
      return set(e, builtin == Builtin::respondents ? Type::number : Type::percentage,
                 ctx.level == Level::statement ? Level::statement : Level::round_input);
    case Builtin::invited:
      if (!need(Level::round_input, "is counted per round")) return fail(e);
      return set(e, Type::number, Level::round_input);
    case Builtin::attrition:
      if (!need(Level::round_input, "compares two rounds")) return fail(e);
      return set(e, Type::percentage, Level::round_input);
    case Builtin::panelists:
      if (ctx.panelist) {
        need(Level::panel, "counts the panel");
        return fail(e);
      }
      return set(e, Type::number, Level::panel);
    case Builtin::statements:
      if (!need(Level::round_input, "are the statements of a round")) return fail(e);
      if (ctx.level == Level::statement && !ctx.matrix_argument) {
        error(e,
              "'statements' are all the statements of a round; a rule about one statement "
              "cannot use them");
        return fail(e);
      }
      return set(e, Type::statements, Level::round);
    case Builtin::status:
      if (!need(Level::statement, "is a statement's status")) return fail(e);
      if (p_.cases.empty()) {
        error(e, "'status' needs a classification: add `classify statement` with its cases");
        return fail(e);
      }
      if (ctx.in_case) {
        error(e,
              "a classification case cannot use 'status': the classification is what "
              "decides it");
        return fail(e);
      }
      return set(e, Type::label, Level::statement);
    case Builtin::item:
      if (!need(Level::statement, "is a statement's id")) return fail(e);
      return set(e, Type::text, Level::statement);
    case Builtin::group:
    case Builtin::panelist:
      if (!ctx.panelist) {
        error(e, fmt::format("'{}' is an attribute of a panelist: use it after 'where', as in "
                             "rating where {} = \"...\"",
                             e.text, e.text));
        return fail(e);
      }
      if (builtin == Builtin::group && !p_.groups_column) {
        error(e, "'group' needs a groups declaration, such as: groups from panel.group");
        return fail(e);
      }
      return set(e, Type::text, Level::panelist);
    default:
      return fail(e);
  }
}

ExprInfo& Checker::check_qualified(const ast::Expr& e, const CheckContext& ctx) {
  ExprInfo& info = p_.info[e.id];
  auto column_index = [](std::vector<ColumnUse>& columns, const ast::Expr& use) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i].column == use.text) return static_cast<std::uint32_t>(i);
    }
    columns.push_back({use.text, use.span});
    return static_cast<std::uint32_t>(columns.size() - 1);
  };
  if (e.qualifier == "panel") {
    if (!ctx.panelist) {
      error(e, fmt::format("'{}' is an attribute of a panelist: use it after 'where', as in "
                           "rating where {} = \"...\"",
                           text(e), text(e)));
      return fail(e);
    }
    info.ref = {Reference::Kind::builtin, Builtin::panel_attribute,
                column_index(p_.panel_columns, e)};
    return set(e, Type::text, Level::panelist);
  }
  // item.X
  if (ctx.panelist || ctx.level != Level::statement) {
    error(e, fmt::format("'{}' is an attribute of a statement; use it in a rule about a "
                         "statement",
                         text(e)));
    return fail(e);
  }
  info.ref = {Reference::Kind::builtin, Builtin::item_attribute, column_index(p_.item_columns, e)};
  return set(e, Type::text, Level::statement);
}

// ---------------------------------------------------------------------------
// Operators

const ExprInfo& Checker::check_operand(const ast::Expr& e, const CheckContext& ctx,
                                       bool want_label) {
  if (!want_label) return check(e, ctx);
  if (e.kind == ast::ExprKind::name && e.qualifier.empty()) return check_name(e, ctx, true);
  if (e.kind == ast::ExprKind::string) {
    // "in" compared with a status names a label.
    if (auto it = labels_.find(e.text); it != labels_.end()) {
      p_.info[e.id].ref = {Reference::Kind::label, Builtin::rating, it->second};
      return set(e, Type::label, Level::constant, true);
    }
    std::vector<std::string> labels;
    for (const auto& l : p_.labels)
      labels.push_back(l);
    error(e, fmt::format("\"{}\" is not a status label of this file (labels: {}){}", e.text,
                         fmt::join(labels, ", "), did_you_mean(e.text, labels)));
    return fail(e);
  }
  if (e.kind == ast::ExprKind::list) return check_list(e, ctx, true);
  return check(e, ctx);
}

ExprInfo& Checker::check_list(const ast::Expr& e, const CheckContext& ctx, bool want_label) {
  Type element = Type::error;
  for (const auto& arg : e.args) {
    const ExprInfo& info = check_operand(*arg, ctx, want_label);
    if (info.type == Type::error) return fail(e);
    if (!info.constant) {
      error(*arg, "a list holds fixed values (numbers, texts or labels), not expressions");
      return fail(e);
    }
    Type t = info.type == Type::percentage ? Type::number : info.type;
    if (element == Type::error) element = t;
    if (t != element) {
      error(*arg, fmt::format("a list's values must have one type: {} is {}, the first is {}",
                              text(*arg), describe(info.type), describe(element)));
      return fail(e);
    }
  }
  return set(e, Type::list, Level::constant, true);
}

ExprInfo& Checker::check_unary(const ast::Expr& e, const CheckContext& ctx) {
  const ExprInfo& operand = check(*e.args[0], ctx);
  if (operand.type == Type::error) return fail(e);
  if (e.op == ast::Op::negate) {
    if (!is_numeric(operand.type)) {
      error(e, fmt::format("'-' needs a number, and {} is {}", text(*e.args[0]),
                           describe(operand.type)));
      return fail(e);
    }
    return set(e, operand.type, operand.level, operand.constant);
  }
  if (operand.type != Type::boolean && operand.type != Type::flags) {
    error(e, fmt::format("'not' needs a condition, and {} is {}", text(*e.args[0]),
                         describe(operand.type)));
    return fail(e);
  }
  return set(e, operand.type, operand.level, operand.constant);
}

ExprInfo& Checker::check_binary(const ast::Expr& e, const CheckContext& ctx) {
  const ExprInfo left = check(*e.args[0], ctx);
  const ExprInfo right = check(*e.args[1], ctx);
  if (left.type == Type::error || right.type == Type::error) return fail(e);
  const Level level = max_level(left.level, right.level);
  if (e.op == ast::Op::logical_and || e.op == ast::Op::logical_or) {
    const char* op = ast::op_text(e.op);
    if (left.type == Type::boolean && right.type == Type::boolean) {
      return set(e, Type::boolean, level, left.constant && right.constant);
    }
    if (left.type == Type::flags && right.type == Type::flags) {
      return set(e, Type::flags, level);
    }
    if ((left.type == Type::flags && right.type == Type::boolean) ||
        (left.type == Type::boolean && right.type == Type::flags)) {
      error(e, fmt::format("'{}' joins a condition per respondent with a single condition; "
                           "summarise the per-respondent one first, as in share(...) >= 70%",
                           op));
      return fail(e);
    }
    const ast::Expr& bad =
        left.type != Type::boolean && left.type != Type::flags ? *e.args[0] : *e.args[1];
    error(bad, fmt::format("'{}' needs conditions on both sides, and {} is {}", op, text(bad),
                           describe(p_.info[bad.id].type)));
    return fail(e);
  }
  for (const ast::Expr* operand : {e.args[0].get(), e.args[1].get()}) {
    const Type t = p_.info[operand->id].type;
    if (!is_numeric(t)) {
      std::string hint;
      if (t == Type::ratings) hint = "; summarise the ratings first, as in mean(rating)";
      error(*operand, fmt::format("'{}' needs numbers, and {} is {}{}", ast::op_text(e.op),
                                  text(*operand), describe(t), hint));
      return fail(e);
    }
  }
  const bool left_pct = left.type == Type::percentage, right_pct = right.type == Type::percentage;
  Type result = Type::number;
  switch (e.op) {
    case ast::Op::add:
    case ast::Op::subtract:
      result = left_pct || right_pct ? Type::percentage : Type::number;
      break;
    case ast::Op::multiply:
      // A share of a share is a share (70% of 50%); a share times a count or
      // times 100 is a plain number (share * 100 gives percentage points).
      result = left_pct && right_pct ? Type::percentage : Type::number;
      break;
    default:  // divide: half a share is a share; a share of a share is a ratio
      result = left_pct && !right_pct ? Type::percentage : Type::number;
      break;
  }
  return set(e, result, level, left.constant && right.constant);
}

void Checker::check_percentage_against_number(const ast::Expr& pct, const ast::Expr& plain) {
  const auto value = fold(plain);
  if (!value || value->type != Type::number || value->is_missing) return;
  const double v = value->number.value();
  if (v <= 1 && v >= 0) return;
  if (plain.kind == ast::ExprKind::number) {
    error(plain, fmt::format("{} is a percentage (between 0% and 100%) but {} is a plain number: "
                             "write {}%",
                             text(pct), text(plain), text(plain)));
  } else {
    error(plain, fmt::format("{} is a percentage (between 0% and 100%) but {} is the plain number "
                             "{}: declare it as a percentage, as in {}%",
                             text(pct), text(plain), value->number.to_string(),
                             value->number.to_string()));
  }
}

ExprInfo& Checker::check_compare(const ast::Expr& e, const CheckContext& ctx) {
  const ast::Expr& lhs = *e.args[0];
  const ast::Expr& rhs = *e.args[1];
  // A bare name or string beside a status is a label: check the other side
  // first to know; a name before a string (status = "in") is that side.
  const bool lhs_literal = is_literal_name(lhs) &&
                           !(lhs.kind == ast::ExprKind::name && rhs.kind == ast::ExprKind::string);
  const ExprInfo left = lhs_literal ? ExprInfo{} : check(lhs, ctx);
  const ExprInfo right = check_operand(rhs, ctx, left.type == Type::label);
  const ExprInfo final_left =
      lhs_literal ? check_operand(lhs, ctx, right.type == Type::label) : left;
  if (final_left.type == Type::error || right.type == Type::error) return fail(e);
  const Type l = final_left.type, r = right.type;
  const Level level = max_level(final_left.level, right.level);
  const bool equality = e.op == ast::Op::equal || e.op == ast::Op::not_equal;

  if (is_numeric(l) && is_numeric(r)) {
    if (l == Type::percentage && r == Type::number) check_percentage_against_number(lhs, rhs);
    if (r == Type::percentage && l == Type::number) check_percentage_against_number(rhs, lhs);
    return set(e, Type::boolean, level, final_left.constant && right.constant);
  }
  if ((l == Type::ratings && is_numeric(r)) || (is_numeric(l) && r == Type::ratings)) {
    return set(e, Type::flags, level);
  }
  if (equality && l == r && (l == Type::text || l == Type::label || l == Type::boolean)) {
    // group = "patient": remember the value so binding can check the data has it.
    for (auto [attr, literal] : {std::pair{&lhs, &rhs}, std::pair{&rhs, &lhs}}) {
      const ExprInfo& a = p_.info[attr->id];
      if (a.ref.kind == Reference::Kind::builtin && literal->kind == ast::ExprKind::string &&
          (a.ref.builtin == Builtin::group || a.ref.builtin == Builtin::panel_attribute)) {
        const std::uint32_t column =
            a.ref.builtin == Builtin::group ? *p_.groups_column : a.ref.index;
        p_.attribute_literals.push_back(
            {column, literal->text, literal->span, &source_ != p_.source.get()});
      }
    }
    return set(e, Type::boolean, level, final_left.constant && right.constant);
  }
  if (equality &&
      ((l == Type::label && r == Type::text) || (l == Type::text && r == Type::label))) {
    error(e, "a status is compared with a label, not with a text");
    return fail(e);
  }
  error(e, fmt::format("cannot compare {} ({}) with {} ({}) using '{}'", text(lhs), describe(l),
                       text(rhs), describe(r), ast::op_text(e.op)));
  return fail(e);
}

ExprInfo& Checker::check_in(const ast::Expr& e, const CheckContext& ctx) {
  const ast::Expr& lhs = *e.args[0];
  const ast::Expr& rhs = *e.args[1];
  const ExprInfo left = check(lhs, ctx);
  const ExprInfo right = check_operand(rhs, ctx, left.type == Type::label);
  if (left.type == Type::error || right.type == Type::error) return fail(e);
  const Level level = max_level(left.level, right.level);
  if (right.type == Type::range) {
    if (is_numeric(left.type)) return set(e, Type::boolean, level, left.constant && right.constant);
    if (left.type == Type::ratings) return set(e, Type::flags, level);
  } else if (right.type == Type::list) {
    if (left.type == Type::text || left.type == Type::label || is_numeric(left.type)) {
      return set(e, Type::boolean, level, left.constant && right.constant);
    }
  } else if (right.type == Type::text || right.type == Type::label) {
    // ("a") is a parenthesized single value: a list of one.
    if (left.type == right.type) {
      return set(e, Type::boolean, level, left.constant && right.constant);
    }
  }
  error(e, fmt::format("'in' tests a number against a range or band (x in 4..5), or a value "
                       "against a list (status in (a, b)); here {} is {} and {} is {}",
                       text(lhs), describe(left.type), text(rhs), describe(right.type)));
  return fail(e);
}

ExprInfo& Checker::check_where(const ast::Expr& e, const CheckContext& ctx) {
  const ast::Expr& subject = *e.args[0];
  const ExprInfo left = check(subject, ctx);
  if (left.type == Type::error) return fail(e);
  if (is_vector(left.type)) {
    CheckContext inner = ctx;
    inner.panelist = true;
    check_condition(*e.args[1], inner, "the condition after 'where'");
    return set(e, left.type, left.level);
  }
  if (left.type == Type::statements) {
    CheckContext inner = ctx;
    inner.level = Level::statement;
    check_condition(*e.args[1], inner, "the condition after 'where'");
    return set(e, Type::statements, Level::round);
  }
  error(e, fmt::format("'where' narrows ratings (rating where group = \"patient\") or "
                       "statements (statements where status = consensus), and {} is {}",
                       text(subject), describe(left.type)));
  return fail(e);
}

ExprInfo& Checker::check_quantifier(const ast::Expr& e, const CheckContext& ctx) {
  if (!p_.groups_column) {
    error(e, fmt::format("'{} group' needs the panel's groups: add a declaration such as "
                         "`groups from panel.group`",
                         ast::op_text(e.op)));
    return fail(e);
  }
  if (ctx.in_group) {
    error(e, "every/any group cannot be nested inside another every/any group");
    return fail(e);
  }
  if (ctx.panelist) {
    error(e, "every/any group cannot be used after 'where'");
    return fail(e);
  }
  CheckContext inner = ctx;
  inner.in_group = true;
  check_condition(*e.args[0], inner, "the condition of every/any group");
  const ExprInfo& body = p_.info[e.args[0]->id];
  if (body.type == Type::error) return fail(e);
  return set(e, Type::boolean, body.level);
}

ExprInfo& Checker::check_conditional(const ast::Expr& e, const CheckContext& ctx) {
  check_condition(*e.args[0], ctx, "the condition of 'if'");
  const ExprInfo cond = p_.info[e.args[0]->id];
  const ExprInfo a = check(*e.args[1], ctx);
  const ExprInfo b = check(*e.args[2], ctx);
  if (cond.type == Type::error || a.type == Type::error || b.type == Type::error) return fail(e);
  const Level level = max_level(cond.level, max_level(a.level, b.level));
  if (is_numeric(a.type) && is_numeric(b.type)) {
    const bool constant = cond.constant && a.constant && b.constant;
    const Type t =
        a.type == Type::percentage && b.type == Type::percentage ? Type::percentage : Type::number;
    return set(e, t, level, constant);
  }
  if (a.type == b.type && is_scalar(a.type)) {
    return set(e, a.type, level, cond.constant && a.constant && b.constant);
  }
  error(e, fmt::format("both branches of 'if' must have the same type: {} is {}, {} is {}",
                       text(*e.args[1]), describe(a.type), text(*e.args[2]), describe(b.type)));
  return fail(e);
}

}  // namespace tholos::interp
