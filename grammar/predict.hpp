// Choices and repetitions that look at the next bytes before they try a rule.
//
// PEGTL's parse tree makes a node for every attempt at a rule that may hold
// selected nodes, and throws most of them away: trying the twelve kinds of
// operand in turn, or an operator after every operand, was most of the parse
// time of a rule file. These combinators try a rule only when the input
// starts with something that rule can start with. Each `Start` test accepts
// at least every input on which the rule could match (or raise an error), so
// a grammar parses exactly as with sor/star/opt, only with fewer attempts.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string_view>

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

namespace tholos::grammar {

// The input not yet consumed.
template <typename ParseInput>
std::string_view ahead(const ParseInput& in) {
  return {in.current(), in.size(0)};
}

inline bool is_identifier_first(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
inline bool is_identifier_other(char c) {
  return is_identifier_first(c) || (c >= '0' && c <= '9');
}
inline bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The identifier the text starts with (empty when none).
inline std::string_view leading_identifier(std::string_view text) {
  if (text.empty() || !is_identifier_first(text[0])) return {};
  std::size_t n = 1;
  while (n < text.size() && is_identifier_other(text[n]))
    ++n;
  return text.substr(0, n);
}

// The length of the decimal number the text starts with, as number_literal
// reads it (12, 3.5, 1e3; a dot needs a digit after it), or 0.
inline std::size_t leading_number_length(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_digit(text[n]))
    ++n;
  if (n == 0) return 0;
  if (n + 1 < text.size() && text[n] == '.' && is_digit(text[n + 1])) {
    n += 2;
    while (n < text.size() && is_digit(text[n]))
      ++n;
  }
  if (n < text.size() && (text[n] == 'e' || text[n] == 'E')) {
    std::size_t k = n + 1;
    if (k < text.size() && (text[k] == '+' || text[k] == '-')) ++k;
    if (k < text.size() && is_digit(text[k])) {
      n = k;
      while (n < text.size() && is_digit(text[n]))
        ++n;
    }
  }
  return n;
}

// A string literal usable as a template argument: keyword<"if">.
template <std::size_t N>
struct fixed_string {
  char text[N]{};
  constexpr fixed_string(const char (&s)[N]) { std::copy_n(s, N, text); }
  constexpr std::string_view view() const { return {text, N - 1}; }
};

// --- Start tests: static bool test(std::string_view ahead) ---------------------------

// Starts with one of the characters.
template <char... Cs>
struct starts_with_one {
  static bool test(std::string_view s) { return !s.empty() && ((s[0] == Cs) || ...); }
};

// Starts with a digit.
struct starts_with_digit {
  static bool test(std::string_view s) { return !s.empty() && is_digit(s[0]); }
};

// Starts with an identifier (a name or a keyword).
struct starts_with_identifier {
  static bool test(std::string_view s) { return !s.empty() && is_identifier_first(s[0]); }
};

// Starts with one of the words as a whole identifier (`if`, not `iffy`).
template <fixed_string... Words>
struct starts_with_word {
  static bool test(std::string_view s) {
    const std::string_view word = leading_identifier(s);
    return ((word == Words.view()) || ...);
  }
};

// Starts with a number (optionally after a minus sign) followed directly by
// `Suffix`: "4..5", "-3..3" for a range, "70%" for a percentage.
template <fixed_string Suffix, bool Signed>
struct starts_with_number_then {
  static bool test(std::string_view s) {
    if (Signed && !s.empty() && s[0] == '-') s.remove_prefix(1);
    const std::size_t n = leading_number_length(s);
    return n > 0 && s.substr(n).starts_with(Suffix.view());
  }
};

// Any input.
struct anything {
  static bool test(std::string_view) { return true; }
};

// Either test accepts.
template <typename... Tests>
struct starts_with_either {
  static bool test(std::string_view s) { return (Tests::test(s) || ...); }
};

// After blank space (what plus<space> skips), Test accepts; or a comment
// comes first ('#', or '/' for the `//` and `/*` the grammar reports), in
// which case the rule is tried, since only it knows what follows.
template <typename Test>
struct after_blank {
  static bool test(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' || s[n] == '\r' ||
                            s[n] == '\v' || s[n] == '\f'))
      ++n;
    if (n < s.size() && (s[n] == '#' || s[n] == '/')) return true;
    return Test::test(s.substr(n));
  }
};

// --- Rules -------------------------------------------------------------------------

// An alternative of `predicted`: Rule, tried only when Start accepts.
template <typename Start, typename Rule>
struct when {};

// Like sor<Rules...>, but each alternative is tried only when its Start
// test accepts the input.
template <typename... Alternatives>
struct predicted;

template <typename... Starts, typename... Rules>
struct predicted<when<Starts, Rules>...> {
  using rule_t = predicted;
  using subs_t = tao::pegtl::type_list<Rules...>;

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    return ((Starts::test(ahead(in)) &&
             Control<Rules>::template match<A, tao::pegtl::rewind_mode::required, Action, Control>(
                 in, st...)) ||
            ...);
  }
};

// Like star<Rules...>, but each repetition is tried only when Start accepts.
// (Repetitions match seq<Rules...> through PEGTL's internal seq, as star
// does, so that no parse tree node is made for each.)
template <typename Start, typename... Rules>
struct star_when {
  using rule_t = star_when;
  using subs_t = tao::pegtl::type_list<tao::pegtl::internal::seq<Rules...>>;

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    while (Start::test(ahead(in)) &&
           Control<tao::pegtl::internal::seq<Rules...>>::template match<
               A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...)) {
    }
    return true;
  }
};

// Like opt<Rules...>, but tried only when Start accepts.
template <typename Start, typename... Rules>
struct opt_when {
  using rule_t = opt_when;
  using subs_t = tao::pegtl::type_list<tao::pegtl::internal::seq<Rules...>>;

  template <tao::pegtl::apply_mode A, tao::pegtl::rewind_mode M,
            template <typename...> class Action, template <typename...> class Control,
            typename ParseInput, typename... States>
  static bool match(ParseInput& in, States&&... st) {
    if (Start::test(ahead(in))) {
      (void)Control<tao::pegtl::internal::seq<Rules...>>::template match<
          A, tao::pegtl::rewind_mode::required, Action, Control>(in, st...);
    }
    return true;
  }
};

}  // namespace tholos::grammar

// For analyze<>: each analyses like the PEGTL rule it narrows.
template <typename Name, typename... Starts, typename... Rules>
struct tao::pegtl::analyze_traits<
    Name, tholos::grammar::predicted<tholos::grammar::when<Starts, Rules>...>>
    : tao::pegtl::analyze_traits<Name, typename tao::pegtl::sor<Rules...>::rule_t> {};
template <typename Name, typename Start, typename... Rules>
struct tao::pegtl::analyze_traits<Name, tholos::grammar::star_when<Start, Rules...>>
    : tao::pegtl::analyze_traits<Name, typename tao::pegtl::star<Rules...>::rule_t> {};
template <typename Name, typename Start, typename... Rules>
struct tao::pegtl::analyze_traits<Name, tholos::grammar::opt_when<Start, Rules...>>
    : tao::pegtl::analyze_traits<Name, typename tao::pegtl::opt<Rules...>::rule_t> {};
