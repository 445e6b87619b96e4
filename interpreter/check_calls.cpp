// Function calls: the overload a call selects, its quantile type and
// denominator, and previous(x).
#include <fmt/format.h>

#include <algorithm>

#include "common/spelling.hpp"
#include "interpreter/checker.hpp"

namespace tholos::interp {

ExprInfo& Checker::check_previous(const ast::Expr& e, const CheckContext& ctx) {
  if (e.args.size() != 1) {
    error(e,
          "previous takes one argument: the value whose previous-round value you want, as "
          "in previous(agreement)");
    return fail(e);
  }
  if (ctx.level == Level::panel || ctx.panelist) {
    error(e, "previous() needs a round: it cannot be used in a rule about the panel");
    return fail(e);
  }
  CheckContext inner = ctx;
  inner.in_previous = true;
  const ExprInfo arg = check(*e.args[0], inner);
  if (arg.type == Type::error) return fail(e);
  if (arg.type == Type::statements || arg.type == Type::list) {
    error(e, fmt::format("previous() gives a value or ratings from the round before; {} is {}",
                         text(*e.args[0]), describe(arg.type)));
    return fail(e);
  }
  p_.calls.push_back(CallInfo{true});
  p_.info[e.id].call = static_cast<int>(p_.calls.size() - 1);
  return set(e, arg.type, std::max(arg.level, Level::round));
}

ExprInfo& Checker::check_call(const ast::Expr& e, const CheckContext& ctx) {
  if (e.text == "previous") return check_previous(e, ctx);
  const stdlib::FunctionInfo* function = p_.find_function(e.text);
  if (function == nullptr) {
    const std::vector<std::string> names = p_.function_names();
    std::string message =
        fmt::format("unknown function '{}'{}", e.text, did_you_mean(e.text, names));
    if (symbols_.count(e.text) != 0 || builtin_names().count(e.text) != 0) {
      message =
          fmt::format("'{}' is a value, not a function: write it without parentheses", e.text);
    }
    diagnostics_.error(source_, e.name_span.begin, e.name_span.end, message);
    return fail(e);
  }
  std::vector<ExprInfo> args;
  for (std::size_t i = 0; i < e.args.size(); ++i) {
    CheckContext arg_ctx = ctx;
    arg_ctx.matrix_argument = takes_matrix(*function, i);
    args.push_back(check(*e.args[i], arg_ctx));
  }
  for (const auto& a : args) {
    if (a.type == Type::error) return fail(e);
  }
  auto accepts = [&](const stdlib::Param& param, const ExprInfo& arg, const ast::Expr& node) {
    switch (param.kind) {
      case stdlib::ParamKind::ratings:
        return arg.type == Type::ratings;
      case stdlib::ParamKind::tally:
        return arg.type == Type::flags || arg.type == Type::statements;
      case stdlib::ParamKind::number:
        return is_numeric(arg.type);
      case stdlib::ParamKind::quantile_type:
        return arg.type == Type::number;
      case stdlib::ParamKind::vector:
        return arg.type == Type::ratings || arg.type == Type::flags;
      case stdlib::ParamKind::flags:
        return arg.type == Type::flags;
      case stdlib::ParamKind::matrix:
        return arg.type == Type::statements;
      case stdlib::ParamKind::range:
        return arg.type == Type::range;
      case stdlib::ParamKind::choice:
        return node.kind == ast::ExprKind::string;
    }
    return false;
  };
  const stdlib::Overload* chosen = nullptr;
  for (const auto& overload : function->overloads) {
    std::size_t required = 0;
    for (const auto& param : overload.params)
      required += param.optional ? 0 : 1;
    if (args.size() < required || args.size() > overload.params.size()) continue;
    bool ok = true;
    for (std::size_t i = 0; i < args.size() && ok; ++i) {
      ok = accepts(overload.params[i], args[i], *e.args[i]);
    }
    if (ok) {
      chosen = &overload;
      break;
    }
  }
  if (chosen == nullptr) {
    std::vector<std::string> forms;
    for (const auto& overload : function->overloads) {
      std::vector<std::string> params;
      for (const auto& param : overload.params) {
        params.push_back(param.optional ? fmt::format("[{}]", param.name)
                                        : std::string(param.name));
      }
      forms.push_back(fmt::format("{}({})", function->name, fmt::join(params, ", ")));
    }
    std::vector<std::string> given;
    for (const auto& a : args)
      given.emplace_back(describe(a.type));
    std::string hint;
    if (function->name == "share" && !args.empty() && args[0].type == Type::ratings) {
      hint = "; share needs a condition, as in share(rating in agree)";
    }
    error(e, fmt::format(
                 "{} takes {}; here it is given {}{}", function->name, fmt::join(forms, " or "),
                 given.empty() ? "nothing" : fmt::format("{}", fmt::join(given, ", ")), hint));
    return fail(e);
  }
  if (function->required_scale) {
    // RAND/UCLA functions are defined on the 1..9 scale only.
    const stdlib::Scale want = *function->required_scale;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].type != Type::ratings) continue;
      const ScaleInfo* scale = scale_of_ratings(*e.args[i]);
      if (scale == nullptr ||
          (scale->low.value() == want.low && scale->high.value() == want.high)) {
        continue;
      }
      error(*e.args[i], fmt::format("{} is defined for the RAND/UCLA {}..{} scale; {} is on the "
                                    "scale {} ({}..{})",
                                    function->name, want.low, want.high, text(*e.args[i]),
                                    scale->name, scale->low.to_string(), scale->high.to_string()));
      return fail(e);
    }
  }
  CallInfo call;
  call.function = function;
  call.overload = chosen;
  call.quantile_type = p_.quantile_type.value_or(7);
  bool explicit_type = false;
  Level level = Level::constant;
  for (std::size_t i = 0; i < args.size(); ++i) {
    level = max_level(level, args[i].level);
    if (chosen->params[i].kind == stdlib::ParamKind::quantile_type) {
      const auto value = fold(*e.args[i]);
      if (!value && uses_poisoned_param(*e.args[i])) return fail(e);  // already reported
      if (!value || !value->number.is_integer() || value->number.value() < 1 ||
          value->number.value() > 9) {
        error(*e.args[i],
              "the quantile type must be a whole number from 1 to 9 written in "
              "the rule (Hyndman & Fan's types; R's default is 7)");
        return fail(e);
      }
      call.quantile_type = static_cast<int>(value->number.value());
      explicit_type = true;
    }
    const stdlib::ParamKind kind = chosen->params[i].kind;
    if (kind == stdlib::ParamKind::choice) {
      const auto& choices = chosen->params[i].choices;
      if (std::find(choices.begin(), choices.end(), e.args[i]->text) == choices.end()) {
        std::vector<std::string> names(choices.begin(), choices.end());
        error(*e.args[i], fmt::format("{} takes one of \"{}\" as its {}{}", function->name,
                                      fmt::join(names, "\", \""), chosen->params[i].name,
                                      did_you_mean(e.args[i]->text, names)));
        return fail(e);
      }
    }
    if (args[i].type != Type::statements) continue;
    // A fixed set of statements (chosen by their attributes) is known before
    // the round's statements are evaluated, so a statistic over its ratings
    // can be used in a rule about one statement; counting statements by
    // their results cannot.
    const bool fixed = kind == stdlib::ParamKind::matrix && is_fixed_statement_set(*e.args[i]);
    level = max_level(level, fixed ? Level::round_input : Level::round);
    if (ctx.level == Level::statement && !fixed) {
      error(
          *e.args[i],
          kind == stdlib::ParamKind::matrix
              ? fmt::format("in a rule about one statement, {} can only take statements chosen by "
                            "their attributes (statements where item.domain = \"...\"): the "
                            "statements' results are not known yet",
                            function->name)
              : fmt::format("'{}' counts the statements of a round; a rule about one statement "
                            "cannot use it",
                            text(e)));
      return fail(e);
    }
  }
  if (function->depends_on_quantile_type && !explicit_type && !p_.quantile_type) {
    if (quantile_uses++ == 0) first_quantile_use = &e;
  }
  const bool share_of_flags =
      function->name == "share" && args.size() == 1 && args[0].type == Type::flags;
  if (share_of_flags) {
    call.default_denominator = true;
    if (!p_.denominator && implicit_denominator_uses++ == 0) first_implicit_denominator = &e;
  }
  p_.calls.push_back(call);
  const Type result = chosen->result == stdlib::ResultKind::percentage ? Type::percentage
                      : chosen->result == stdlib::ResultKind::boolean  ? Type::boolean
                                                                       : Type::number;
  ExprInfo& info = set(e, result, level);
  info.call = static_cast<int>(p_.calls.size() - 1);
  return info;
}

const ScaleInfo* Checker::scale_of_ratings(const ast::Expr& e) const {
  switch (e.kind) {
    case ast::ExprKind::name: {
      const ExprInfo& info = p_.info[e.id];
      if (info.ref.kind == Reference::Kind::criterion) return &p_.scale_of(info.ref.index);
      if (info.ref.kind == Reference::Kind::measure) {
        return scale_of_ratings(*p_.measures[info.ref.index].expr);
      }
      if (info.ref.kind == Reference::Kind::builtin && info.ref.builtin == Builtin::rating &&
          !p_.scales.empty()) {
        return &p_.scales.front();
      }
      return nullptr;
    }
    case ast::ExprKind::where:
    case ast::ExprKind::call:  // previous(rating)
      return e.args.empty() ? nullptr : scale_of_ratings(*e.args[0]);
    default:
      return nullptr;
  }
}

}  // namespace tholos::interp
