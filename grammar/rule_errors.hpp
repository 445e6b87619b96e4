// What a person reads when a rule file does not parse: one message for each
// rule the grammar commits to with must<> (and for each raise<>). must_if
// turns a missing entry into a compile error, so every failure has a message
// written for it and no C++ type name ever reaches a user.
#pragma once

#include "grammar/rule_grammar.hpp"

namespace tholos::grammar {

template <typename>
inline constexpr const char* error_message = nullptr;

// clang-format off
template <> inline constexpr auto error_message<declaration> = "expected a declaration: study, import, scale, quantiles, denominator, groups, criteria, param, measure, classify, rerate, require or stop";
template <> inline constexpr auto error_message<import_target> = "expected what to import: a preset's name (import comet) or a rule file in quotes (import \"shared.tholos\")";

// Literals and names
template <> inline constexpr auto error_message<range_high> = "expected the upper bound of the range after '..', as in 4..5";
template <> inline constexpr auto error_message<escaped_char> = "unknown escape sequence: write \\\" for a quote, \\\\ for a backslash, \\n for a line break or \\t for a tab";
template <> inline constexpr auto error_message<string_rest> = "unterminated string: add a closing \" before the end of the line";
template <> inline constexpr auto error_message<name> = "expected a name (a letter or _, then letters, digits or _)";
template <> inline constexpr auto error_message<reserved_as_name> = "a reserved word cannot stand here: expected a name, a number or an expression in parentheses";

// Expressions
template <> inline constexpr auto error_message<nested_expression> = "expected an expression";
template <> inline constexpr auto error_message<call_arguments> = "expected the function's arguments, separated by commas";
template <> inline constexpr auto error_message<close_paren> = "expected ')' to close the '(' before it";
template <> inline constexpr auto error_message<quantifier_group> = "expected 'group' after 'every' or 'any', as in: every group (agreement >= 70%)";
template <> inline constexpr auto error_message<quantifier_open> = "expected '(' after 'every group', as in: every group (agreement >= 70%)";
template <> inline constexpr auto error_message<then_branch> = "expected 'then' after the condition, as in: if round = 1 then 50% else 70%";
template <> inline constexpr auto error_message<else_branch> = "expected 'else': an 'if' needs both branches, as in: if round = 1 then 50% else 70%";
template <> inline constexpr auto error_message<negation_operand> = "expected an expression after '-'";
template <> inline constexpr auto error_message<product_operand> = "expected an expression after '*' or '/'";
template <> inline constexpr auto error_message<sum_operand> = "expected an expression after '+' or '-'";
template <> inline constexpr auto error_message<double_equals> = "'==' is not an operator in Tholos: write '=' to compare";
template <> inline constexpr auto error_message<double_ampersand> = "'&&' is not an operator in Tholos: write 'and'";
template <> inline constexpr auto error_message<double_bar> = "'||' is not an operator in Tholos: write 'or'";
template <> inline constexpr auto error_message<compare_operand> = "expected an expression after the comparison operator";
template <> inline constexpr auto error_message<in_target> = "expected a band, a range such as 4..5 or a list such as (\"a\", \"b\") after 'in'";
template <> inline constexpr auto error_message<missing_word> = "expected 'missing' after 'is': write x is missing, or x is not missing";
template <> inline constexpr auto error_message<chained_comparison> = "comparisons do not chain: write a < b and b < c";
template <> inline constexpr auto error_message<not_operand> = "expected a condition after 'not'";
template <> inline constexpr auto error_message<conjunction_operand> = "expected a condition after 'and'";
template <> inline constexpr auto error_message<disjunction_operand> = "expected a condition after 'or'";
template <> inline constexpr auto error_message<where_condition> = "expected a condition after 'where', as in: rating where group = \"patient\"";

// Declarations
template <> inline constexpr auto error_message<study_title> = "expected the study's title in quotes, as in: study \"Peer support\"";
template <> inline constexpr auto error_message<code> = "expected a code in quotes, as in: not a rating: \"DK\"";
template <> inline constexpr auto error_message<band_name> = "expected the band's name, as in: band agree = 4..5";
template <> inline constexpr auto error_message<band_equals> = "expected '=' after the band's name, as in: band agree = 4..5";
template <> inline constexpr auto error_message<band_range> = "expected the band's range, as in: band agree = 4..5, or one point: band yes = 1";
template <> inline constexpr auto error_message<scale_name> = "expected the scale's name, as in: scale agreement 1..5";
template <> inline constexpr auto error_message<scale_range> = "expected the scale's range after its name, as in: scale agreement 1..5";
template <> inline constexpr auto error_message<quantile_type_word> = "expected 'type' after 'quantiles', as in: quantiles type 7";
template <> inline constexpr auto error_message<quantile_type_number> = "expected the quantile type, a whole number from 1 to 9, as in: quantiles type 7";
template <> inline constexpr auto error_message<denominator_choice> = "expected 'valid ratings', 'respondents' or 'invited' after 'denominator'";
template <> inline constexpr auto error_message<groups_source> = "expected the panel column that defines the groups, as in: groups from panel.group";
template <> inline constexpr auto error_message<criterion_name> = "expected a criterion's name, as in: criteria useful, acceptable";
template <> inline constexpr auto error_message<criteria_scale> = "expected the name of a scale after 'on'";
template <> inline constexpr auto error_message<param_name> = "expected the parameter's name, as in: param threshold = 70%";
template <> inline constexpr auto error_message<definition_equals> = "expected '=' after the name, as in: measure agreement = share(rating in agree)";
template <> inline constexpr auto error_message<param_value> = "expected the parameter's value, as in: param threshold = 70%";
template <> inline constexpr auto error_message<measure_name> = "expected the measure's name, as in: measure agreement = share(rating in agree)";
template <> inline constexpr auto error_message<measure_value> = "expected the measure's definition after '='";
template <> inline constexpr auto error_message<classify_subject> = "expected 'statement' after 'classify': write classify statement, then its cases";
template <> inline constexpr auto error_message<case_condition> = "expected a condition after 'when'";
template <> inline constexpr auto error_message<otherwise_case> = "expected another case (LABEL when CONDITION) or 'otherwise LABEL' to end the classification";
template <> inline constexpr auto error_message<quoted_label_needed> = "a reserved word cannot be a status label as it stands: put it in quotes, as in: \"in\" when ...";
template <> inline constexpr auto error_message<otherwise_label> = "expected a status label after 'otherwise'";
template <> inline constexpr auto error_message<rule_when> = "expected 'when', as in: stop when round = 3";
template <> inline constexpr auto error_message<rule_condition> = "expected a condition";
template <> inline constexpr auto error_message<scope_word> = "expected 'statement', 'round' or 'group' after 'each'";
template <> inline constexpr auto error_message<scope> = "expected a scope after ',': each statement, each round, each group or panel";
template <> inline constexpr auto error_message<scope_colon> = "expected ':' after the scope, as in: require each group: panelists >= 10";
template <> inline constexpr auto error_message<end_of_expression> = "unexpected text after the expression";
// clang-format on

struct error_table {
  template <typename Rule>
  static constexpr auto message = error_message<Rule>;
  // Only must<> and raise<> report errors; a rule that merely fails lets the
  // grammar try its alternatives.
  template <typename Rule>
  static constexpr bool raise_on_failure = false;
};

template <typename Rule>
using control = must_if<error_table>::control<Rule>;

}  // namespace tholos::grammar
