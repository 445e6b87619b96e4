// The grammar of Tholos rule files, in PEGTL.
//
// A rule file is a sequence of declarations, each introduced by a keyword
// (study, scale, quantiles, denominator, groups, criteria, param, measure,
// classify, rerate, require, stop). Line breaks are ordinary white space: a
// declaration ends where its expression cannot continue, so a long condition
// may be split over lines. `#` starts a comment that runs to the end of the
// line.
//
// Expressions, from loosest to tightest binding:
//   v where c        a vector narrowed to the panelists satisfying c
//   a or b           Kleene logic: a missing operand never counts as false
//   a and b
//   not a
//   a >= b, a in r, a is missing     one comparison; comparisons do not chain
//   a + b, a - b
//   a * b, a / b
//   -a
//   literals, names, calls, (e), (a, b), every group (e), if c then a else b
//
// Only rules included in this header's grammar are parsed by parse_rules.cpp,
// the one translation unit that instantiates it. Error messages for rules
// that are must<>'d live in rule_errors.hpp.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include "common/limits.hpp"
#include "grammar/predict.hpp"

namespace tholos::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl;  // NOLINT: the grammar reads better with PEGTL's names unqualified

// ---------------------------------------------------------------------------
// White space and comments

// An error reported exactly where it is thrown. (The parser moves other
// errors, "expected ..." ones, to the end of the token before them when they
// are found at the start of a line, where a missing part belongs.)
struct located_error : parse_error {
  using parse_error::parse_error;
};

// `#` to the end of the line.
struct comment : seq<one<'#'>, until<eolf>> {};

// Where the parse found `//` or `/*`: the parser reports each as an error.
struct ForeignComments {
  std::vector<std::size_t> offsets;  // bytes of the source
};

inline void note_foreign_comment(std::size_t /*offset*/) {}
template <typename State, typename... States>
void note_foreign_comment(std::size_t offset, State& state, States&... states) {
  if constexpr (std::is_same_v<std::decay_t<State>, ForeignComments>) {
    state.offsets.push_back(offset);
  } else {
    note_foreign_comment(offset, states...);
  }
}

// `//` and `/*`, the comments of other languages. They are not comments in
// Tholos, and outside a string they can be nothing else (no operand starts
// with '/' or '*'), so each is skipped as a comment would be, `//` to the
// end of the line and `/*` through its `*/` (or to the end of the line when
// there is none), and noted for the parser to report: one error for each,
// and nothing after it is lost.
struct foreign_comment {
  using rule_t = foreign_comment;
  using subs_t = empty_list;

  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    if (in.size(2) < 2 || in.peek_char(0) != '/') return false;
    const char second = in.peek_char(1);
    if (second != '/' && second != '*') return false;
    const std::string_view rest(in.current(), in.size(in.size(0)));
    std::size_t length = std::min(rest.find('\n'), rest.size());
    if (second == '*') {
      if (const std::size_t close = rest.find("*/", 2); close != std::string_view::npos) {
        length = close + 2;
      }
    }
    note_foreign_comment(in.iterator().byte, st...);
    in.bump(length);
    return true;
  }
};

// Spaces, tabs, line breaks and comments between tokens.
struct skip : star<sor<plus<space>, comment, foreign_comment>> {};

// ---------------------------------------------------------------------------
// Words

// Rule wrapped so that what it matches may be at most `Max` bytes long;
// longer is an error at its start.
template <typename Rule, std::size_t Max>
struct length_limited {
  using rule_t = length_limited;
  using subs_t = type_list<Rule>;

  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const auto start = in.iterator();
    const char* const begin = in.current();
    if (!Control<Rule>::template match<A, M, Action, Control>(in, st...)) return false;
    const auto length = static_cast<std::size_t>(in.current() - begin);
    if (length > Max) {
      constexpr std::size_t kShown = 24;
      throw located_error(
          "the name '" + std::string(begin, kShown) + "...' is " + std::to_string(length) +
              " characters long; a name has at most " + std::to_string(Max) +
              " characters: use a shorter name (a description in quotes can be as long as "
              "needed)",
          in.position(start));
    }
    return true;
  }
};

// The characters of a name: a letter or underscore, then letters, digits and
// underscores, at most limits::kMaxIdentifierLength of them.
struct word : length_limited<identifier, limits::kMaxIdentifierLength> {};

// Reserved words: they can never be names.
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
struct kw_any : TAO_PEGTL_KEYWORD("any") {};
struct kw_classify : TAO_PEGTL_KEYWORD("classify") {};
struct kw_criteria : TAO_PEGTL_KEYWORD("criteria") {};
struct kw_denominator : TAO_PEGTL_KEYWORD("denominator") {};
struct kw_else : TAO_PEGTL_KEYWORD("else") {};
struct kw_every : TAO_PEGTL_KEYWORD("every") {};
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
struct kw_groups : TAO_PEGTL_KEYWORD("groups") {};
struct kw_import : TAO_PEGTL_KEYWORD("import") {};
struct kw_if : TAO_PEGTL_KEYWORD("if") {};
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
struct kw_is : TAO_PEGTL_KEYWORD("is") {};
struct kw_measure : TAO_PEGTL_KEYWORD("measure") {};
struct kw_missing : TAO_PEGTL_KEYWORD("missing") {};
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
struct kw_otherwise : TAO_PEGTL_KEYWORD("otherwise") {};
struct kw_param : TAO_PEGTL_KEYWORD("param") {};
struct kw_quantiles : TAO_PEGTL_KEYWORD("quantiles") {};
struct kw_rerate : TAO_PEGTL_KEYWORD("rerate") {};
struct kw_require : TAO_PEGTL_KEYWORD("require") {};
struct kw_scale : TAO_PEGTL_KEYWORD("scale") {};
struct kw_stop : TAO_PEGTL_KEYWORD("stop") {};
struct kw_study : TAO_PEGTL_KEYWORD("study") {};
struct kw_then : TAO_PEGTL_KEYWORD("then") {};
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
struct kw_where : TAO_PEGTL_KEYWORD("where") {};

// Words with a meaning only in one place (`band` inside a scale, `each`
// before a requirement's scope); elsewhere they are ordinary names.
struct kw_a : TAO_PEGTL_KEYWORD("a") {};
struct kw_band : TAO_PEGTL_KEYWORD("band") {};
struct kw_each : TAO_PEGTL_KEYWORD("each") {};
struct kw_error : TAO_PEGTL_KEYWORD("error") {};
struct kw_from : TAO_PEGTL_KEYWORD("from") {};
struct kw_group : TAO_PEGTL_KEYWORD("group") {};
struct kw_invited : TAO_PEGTL_KEYWORD("invited") {};
struct kw_on : TAO_PEGTL_KEYWORD("on") {};
struct kw_panel : TAO_PEGTL_KEYWORD("panel") {};
struct kw_rating : TAO_PEGTL_KEYWORD("rating") {};
struct kw_ratings : TAO_PEGTL_KEYWORD("ratings") {};
struct kw_respondents : TAO_PEGTL_KEYWORD("respondents") {};
struct kw_round : TAO_PEGTL_KEYWORD("round") {};
struct kw_statement : TAO_PEGTL_KEYWORD("statement") {};
struct kw_type : TAO_PEGTL_KEYWORD("type") {};
struct kw_valid : TAO_PEGTL_KEYWORD("valid") {};
struct kw_warn : TAO_PEGTL_KEYWORD("warn") {};

// The words that start a declaration; after an error, parsing resumes at the
// next line that starts with one.
struct declaration_keyword
    : sor<kw_study, kw_import, kw_scale, kw_quantiles, kw_denominator, kw_groups, kw_criteria,
          kw_param, kw_measure, kw_classify, kw_rerate, kw_require, kw_stop> {};

// Any reserved word.
struct reserved_word
    : sor<declaration_keyword, kw_and, kw_any, kw_else, kw_every, kw_false, kw_if, kw_in, kw_is,
          kw_missing, kw_not, kw_or, kw_otherwise, kw_then, kw_true, kw_when, kw_where> {};

// A name that is not a reserved word.
struct name : seq<not_at<reserved_word>, word> {};

// A reserved word where a name belongs: always an error, with a message that
// says so (rather than "expected a name").
struct reserved_as_name : seq<at<reserved_word>, pegtl::raise<reserved_as_name>> {};

// ---------------------------------------------------------------------------
// Literals

// One or more decimal digits.
struct digits : plus<digit> {};
// An exponent: e3, E-2.
struct exponent : seq<one<'e', 'E'>, opt<one<'+', '-'>>, digits> {};
// A decimal number: 12, 3.5, 1e3. A dot must be followed by a digit, so
// "4..5" is the range from 4 to 5.
struct number_literal : seq<digits, opt<one<'.'>, digits>, opt<exponent>> {};
// A percentage: 75%, 62.5%.
struct percent_literal : seq<number_literal, one<'%'>> {};
// A number with an optional minus sign, as a range bound.
struct signed_number : seq<opt<one<'-'>>, number_literal> {};
// The bounds of a closed range: 4..5, -3..3.
struct range_low : signed_number {};
// (range_low and range_high are the bounds, named apart for the tree.)
struct range_high : signed_number {};
// A closed range written low..high.
struct range_literal : seq<range_low, string<'.', '.'>, must<range_high>> {};

// An escape inside a string: \" \\ \n \t.
struct escaped_char : one<'"', '\\', 'n', 't'> {};
// A backslash and the character it escapes.
struct escape : seq<one<'\\'>, must<escaped_char>> {};
// Any character of a string but a quote, a backslash or a line break.
// (Control characters parse here, so that the declaration is kept, and are
// reported at their place by TreeToAst::unquote in tree_to_ast.cpp.)
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
// The rest of a string after its opening quote, through the closing quote.
struct string_rest : until<one<'"'>, string_char> {};
// A string in double quotes, on one line.
struct string_literal : seq<one<'"'>, must<string_rest>> {};

struct true_literal : kw_true {};
struct false_literal : kw_false {};

// ---------------------------------------------------------------------------
// Expressions

struct expression;

// How deep expressions may nest; the parser is given one as a state.
struct NestingLimit {
  std::size_t max_depth = limits::kMaxNestingDepth;
};

// The nesting limit among a parse's states (the default when none is one).
inline std::size_t nesting_limit() {
  return limits::kMaxNestingDepth;
}
template <typename State, typename... States>
std::size_t nesting_limit(const State& state, const States&... states) {
  if constexpr (std::is_same_v<std::decay_t<State>, NestingLimit>) {
    return state.max_depth;
  } else {
    return nesting_limit(states...);
  }
}

// Rule wrapped so that each use nests one level deeper. Expressions nest
// through parentheses, calls, `not`, minus and `if`; the parser recurses at
// each, so the depth is bounded to bound stack use. PEGTL's limit_depth
// counts every rule; this counts only expression nesting, on the same input
// counter, so the limit means something to the person writing the rule and
// the message can say what to do instead.
template <typename Rule>
struct nested {
  using rule_t = nested;
  using subs_t = type_list<Rule>;

  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    const std::size_t limit = nesting_limit(st...);
    if (in.private_depth >= limit) {
      throw located_error("expression nested too deeply (more than " + std::to_string(limit) +
                              " levels); give parts of it a name with `measure` and use the names",
                          in);
    }
    ++in.private_depth;
    struct restore {
      std::size_t& depth;
      ~restore() { --depth; }
    } guard{in.private_depth};
    return Control<Rule>::template match<A, M, Action, Control>(in, st...);
  }
};

// An expression nested inside another.
struct nested_expression : nested<expression> {};

// panel.group, item.domain: an attribute of the panelist or the statement.
struct qualified_name : seq<sor<kw_panel, TAO_PEGTL_KEYWORD("item")>, one<'.'>, must<name>> {};

// The ')' that closes a call, a parenthesis or a quantifier.
struct close_paren : one<')'> {};
// Arguments of a call, separated by commas.
struct call_arguments
    : opt<nested_expression, skip, star<one<','>, skip, must<nested_expression>, skip>> {};
// f(a, b): a function applied to its arguments.
struct call : seq<name, skip, one<'('>, skip, must<call_arguments>, must<close_paren>> {};

// (e) or a list (a, b, c).
struct parenthesized : seq<one<'('>, skip, must<nested_expression>, skip,
                           star<one<','>, skip, must<nested_expression>, skip>, must<close_paren>> {
};

// every group (e): e holds in every group; any group (e): in at least one.
struct quantifier_word : sor<kw_every, kw_any> {};
// `group` after every/any.
struct quantifier_group : kw_group {};
// The '(' after `every group`.
struct quantifier_open : one<'('> {};
// every group (e) / any group (e)
struct quantifier : seq<quantifier_word, skip, must<quantifier_group>, skip, must<quantifier_open>,
                        skip, must<nested_expression>, skip, must<close_paren>> {};

// if c then a else b
// then a
struct then_branch : seq<kw_then, skip, must<nested_expression>> {};
// else b
struct else_branch : seq<kw_else, skip, must<nested_expression>> {};
// if c then a else b
struct conditional
    : seq<kw_if, skip, must<nested_expression>, skip, must<then_branch>, skip, must<else_branch>> {
};

// -a (a range such as -3..3 is tried first).
// The minus of a negation.
struct minus_sign : one<'-'> {};
struct negation;
// A name followed by '(' (perhaps after blank space or a comment).
struct starts_with_call {
  static bool test(std::string_view s) {
    const std::size_t n = leading_identifier(s).size();
    return n > 0 && after_blank<starts_with_one<'('>>::test(s.substr(n));
  }
};
// An operand: a range, a negated operand, a literal, a name, a call, a
// parenthesized expression or list, a quantifier or a conditional. In the
// order of sor: a range before a negation (-3..3), a percentage before a
// number, a call before a name.
struct unary
    : predicted<
          when<starts_with_number_then<"..", true>, range_literal>,
          when<starts_with_one<'-'>, negation>, when<starts_with_word<"if">, conditional>,
          when<starts_with_word<"every", "any">, quantifier>,
          when<starts_with_one<'('>, parenthesized>, when<starts_with_word<"true">, true_literal>,
          when<starts_with_word<"false">, false_literal>,
          when<starts_with_number_then<"%", false>, percent_literal>,
          when<starts_with_digit, number_literal>, when<starts_with_one<'"'>, string_literal>,
          when<starts_with_word<"panel", "item">, qualified_name>, when<starts_with_call, call>,
          when<starts_with_identifier, name>, when<starts_with_identifier, reserved_as_name>> {};
// What a minus sign applies to.
struct negation_operand : nested<unary> {};
// -a
struct negation : seq<minus_sign, skip, must<negation_operand>> {};

// An operand the operator before it needs.
struct product_operand : unary {};
// * or /
struct multiply_op : one<'*', '/'> {};
// a * b / c: operands and operators, folded to the left.
struct product : seq<unary, star_when<after_blank<starts_with_one<'*', '/'>>, skip, multiply_op,
                                      skip, must<product_operand>>> {};

// An operand after + or -.
struct sum_operand : product {};
// + or -
struct add_op : one<'+', '-'> {};
// a + b - c: operands and operators, folded to the left.
struct sum : seq<product, star_when<after_blank<starts_with_one<'+', '-'>>, skip, add_op, skip,
                                    must<sum_operand>>> {};

// ==, && and || from other languages get a message saying what to write.
struct double_equals : seq<string<'=', '='>, pegtl::raise<double_equals>> {};
// && (an error: `and`).
struct double_ampersand : seq<string<'&', '&'>, pegtl::raise<double_ampersand>> {};
// || (an error: `or`).
struct double_bar : seq<string<'|', '|'>, pegtl::raise<double_bar>> {};

// Comparison operators, including the symbols of typeset protocols.
struct compare_op : sor<double_equals, string<'<', '='>, string<'>', '='>, string<'!', '='>,
                        one<'<'>, one<'>'>, one<'='>, utf8::one<0x2264, 0x2265, 0x2260>> {};
// The right side of a comparison.
struct compare_operand : sum {};
// >= b: the operator and the right side of a comparison.
struct compare_tail : seq<compare_op, skip, must<compare_operand>> {};
// x in band, x in 4..5, x in ("a", "b")
struct in_target : sum {};
struct in_tail : seq<kw_in, skip, must<in_target>> {};
// x is missing, x is not missing
struct is_not : kw_not {};
struct missing_word : kw_missing {};
struct is_tail : seq<kw_is, skip, opt<is_not, skip>, must<missing_word>> {};
// A second comparison right after a first: a < b < c.
struct chained_comparison : seq<at<sor<compare_op, kw_in>>, pegtl::raise<chained_comparison>> {};
// A sum, optionally compared once: a >= b, a in r, a is missing.
// What a comparison's operator (or `in`, `is`) starts with: < > = ! and the
// first byte of the UTF-8 symbols ≤ ≥ ≠.
struct starts_with_comparison : starts_with_either<starts_with_one<'<', '>', '=', '!', '\xE2'>,
                                                   starts_with_word<"in", "is">> {};
struct comparison
    : seq<sum, opt_when<after_blank<starts_with_comparison>, skip,
                        sor<compare_tail, in_tail, is_tail>, opt<skip, chained_comparison>>> {};

// The `not` of a negation (`is not` is is_not).
struct not_keyword : kw_not {};
struct logical_not;
// A comparison, possibly under `not`.
struct negated : predicted<when<starts_with_word<"not">, logical_not>, when<anything, comparison>> {
};
// What `not` applies to.
struct not_operand : nested<negated> {};
// not a
struct logical_not : seq<not_keyword, skip, must<not_operand>> {};

struct and_op : sor<kw_and, double_ampersand> {};
// An operand after `and`.
struct conjunction_operand : negated {};
// a and b and c
struct conjunction
    : seq<negated,
          star_when<after_blank<starts_with_either<starts_with_one<'&'>, starts_with_word<"and">>>,
                    skip, and_op, skip, must<conjunction_operand>>> {};

struct or_op : sor<kw_or, double_bar> {};
// An operand after `or`.
struct disjunction_operand : conjunction {};
// a or b or c
struct disjunction
    : seq<conjunction,
          star_when<after_blank<starts_with_either<starts_with_one<'|'>, starts_with_word<"or">>>,
                    skip, or_op, skip, must<disjunction_operand>>> {};

// rating where group = "patient"
struct where_condition : disjunction {};
struct filtered : seq<disjunction, opt_when<after_blank<starts_with_word<"where">>, skip, kw_where,
                                            skip, must<where_condition>>> {};

// Any expression.
struct expression : filtered {};

// ---------------------------------------------------------------------------
// Declarations

// study "Peer support outside the clinical setting"
struct study_title : string_literal {};
struct study_decl : seq<kw_study, skip, must<study_title>> {};

// not a rating: "DK", "NA"
struct code : string_literal {};
struct codes_clause : seq<kw_not, skip, kw_a, skip, kw_rating, skip, opt<one<':'>, skip>,
                          must<code>, star<skip, one<','>, skip, must<code>>> {};
// band agree = 4..5, band yes = 1
struct band_name : name {};
// The '=' of a band.
struct band_equals : one<'='> {};
// A band's range, or a single scale point.
struct band_range : sor<range_literal, signed_number> {};
struct band_clause
    : seq<kw_band, skip, must<band_name>, skip, must<band_equals>, skip, must<band_range>> {};
// scale agreement 1..5, with its codes and bands
struct scale_name : name {};
// The scale's range: its lowest and highest points.
struct scale_range : range_literal {};
struct scale_decl : seq<kw_scale, skip, must<scale_name>, skip, must<scale_range>,
                        star<skip, sor<codes_clause, band_clause>>> {};

// quantiles type 7
struct quantile_type_word : kw_type {};
// The quantile type's number.
struct quantile_type_number : digits {};
struct quantiles_decl
    : seq<kw_quantiles, skip, must<quantile_type_word>, skip, must<quantile_type_number>> {};

// denominator valid ratings | respondents | invited
struct valid_ratings : seq<kw_valid, skip, kw_ratings> {};
struct denominator_choice : sor<valid_ratings, kw_respondents, kw_invited> {};
struct denominator_decl : seq<kw_denominator, skip, must<denominator_choice>> {};

// groups from panel.group
struct groups_source : seq<kw_from, skip, kw_panel, one<'.'>, must<name>> {};
struct groups_decl : seq<kw_groups, skip, must<groups_source>> {};

// criteria useful, acceptable [on yes_no]
struct criterion_name : name {};
// The scale the criteria are rated on.
struct criteria_scale : name {};
struct criteria_decl
    : seq<kw_criteria, skip, must<criterion_name>, star<skip, one<','>, skip, must<criterion_name>>,
          opt<skip, kw_on, skip, must<criteria_scale>>> {};

// An optional description after a definition: "share of valid ratings in 4..5"
struct description : string_literal {};

// param threshold = 70% "agreement needed for consensus"
struct param_name : name {};
// The '=' of a param or a measure.
struct definition_equals : one<'='> {};
// A param's value.
struct param_value : expression {};
struct param_decl : seq<kw_param, skip, must<param_name>, skip, must<definition_equals>, skip,
                        must<param_value>, opt<skip, description>> {};

// measure agreement = share(rating in agree)
struct measure_name : name {};
// A measure's definition.
struct measure_value : expression {};
struct measure_decl : seq<kw_measure, skip, must<measure_name>, skip, must<definition_equals>, skip,
                          must<measure_value>, opt<skip, description>> {};

// A status label: a name, or a string for a label that is a reserved word
// (COMET's "in").
struct label : sor<string_literal, name> {};
// A case's condition.
struct case_condition : expression {};
// consensus when agreement >= threshold
struct classify_case : seq<label, skip, kw_when, skip, must<case_condition>> {};
// otherwise no_consensus
struct otherwise_label : label {};
struct otherwise_case : seq<kw_otherwise, skip, must<otherwise_label>> {};
// A case whose label is a reserved word: `in when ...` must be `"in" when ...`.
// (`stop when ...` and `rerate when ...` start the next declaration.)
struct quoted_label_needed : seq<not_at<declaration_keyword>, not_at<kw_otherwise>, reserved_word,
                                 skip, at<kw_when>, pegtl::raise<quoted_label_needed>> {};
// `statement` after `classify`.
struct classify_subject : kw_statement {};
struct classify_decl
    : seq<kw_classify, skip, must<classify_subject>,
          star<skip, sor<classify_case, quoted_label_needed>>, skip, must<otherwise_case>> {};

// rerate when status = no_consensus
struct rule_when : kw_when {};
// The condition of rerate, require and stop.
struct rule_condition : expression {};
struct rerate_decl : seq<kw_rerate, skip, must<rule_when>, skip, must<rule_condition>> {};

// each statement, each round, each group, panel
struct scope_word : sor<kw_statement, kw_round, kw_group> {};
struct each_scope : seq<kw_each, skip, must<scope_word>> {};
struct panel_scope : kw_panel {};
// One scope of a requirement.
struct scope : sor<each_scope, panel_scope> {};
// The ':' after a requirement's scopes.
struct scope_colon : one<':'> {};
// each statement, each group:
struct scopes : seq<scope, star<skip, one<','>, skip, must<scope>>, skip, must<scope_colon>> {};
struct severity : sor<kw_warn, kw_error> {};
// A requirement's or stop rule's message.
struct message : string_literal {};
// require each group: panelists >= 10 warn "at least 10 per group"
struct require_decl : seq<kw_require, skip, opt<scopes, skip>, must<rule_condition>,
                          opt<skip, severity>, opt<skip, message>> {};

// stop when round = 3 "at most three rounds"
struct stop_decl
    : seq<kw_stop, skip, must<rule_when>, skip, must<rule_condition>, opt<skip, message>> {};

// import comet, import "our-rules.tholos": a preset shipped with Tholos, or
// another rule file (relative to this one).
struct import_target : sor<string_literal, name> {};
struct import_decl : seq<kw_import, skip, must<import_target>> {};

// Any declaration.
struct declaration : predicted<when<starts_with_word<"study">, study_decl>,
                               when<starts_with_word<"import">, import_decl>,
                               when<starts_with_word<"scale">, scale_decl>,
                               when<starts_with_word<"quantiles">, quantiles_decl>,
                               when<starts_with_word<"denominator">, denominator_decl>,
                               when<starts_with_word<"groups">, groups_decl>,
                               when<starts_with_word<"criteria">, criteria_decl>,
                               when<starts_with_word<"param">, param_decl>,
                               when<starts_with_word<"measure">, measure_decl>,
                               when<starts_with_word<"classify">, classify_decl>,
                               when<starts_with_word<"rerate">, rerate_decl>,
                               when<starts_with_word<"require">, require_decl>,
                               when<starts_with_word<"stop">, stop_decl>> {};

// One declaration with the white space around it, or the end of the file.
// The parser is driven one declaration at a time so that it can report an
// error and resume at the next declaration.
struct declaration_step : seq<skip, sor<eof, seq<must<declaration>, skip>>> {};

// The whole file, for analyze<> (the driver uses declaration_step, which
// also matches the empty rest of a file): every repetition consumes a
// declaration, so the loop always makes progress.
struct rule_file : seq<skip, until<eof, must<declaration>, skip>> {};

// A lone expression, as typed at the REPL or given to `tholos eval -e`.
struct end_of_expression : eof {};
// The whole input is one expression.
struct lone_expression : seq<skip, must<nested_expression>, skip, must<end_of_expression>> {};

}  // namespace tholos::grammar

// nested<R> and length_limited<R, N> analyse like seq<R>: each matches
// exactly what R matches (or throws).
template <typename Name, typename Rule>
struct tao::pegtl::analyze_traits<Name, tholos::grammar::nested<Rule>>
    : tao::pegtl::analyze_seq_traits<Rule> {};
template <typename Name, typename Rule, std::size_t Max>
struct tao::pegtl::analyze_traits<Name, tholos::grammar::length_limited<Rule, Max>>
    : tao::pegtl::analyze_seq_traits<Rule> {};
// foreign_comment consumes at least two bytes when it matches.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, tholos::grammar::foreign_comment>
    : tao::pegtl::analyze_any_traits<> {};
