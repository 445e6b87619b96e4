// The descriptive statistics in the catalogue: counts, shares, location and
// spread of one statement's ratings.
#include "stdlib/catalogue.hpp"

#include <algorithm>
#include <utility>

#include "stdlib/descriptive.hpp"
#include "stdlib/quantile.hpp"
#include "stdlib/registration.hpp"

namespace tholos::stdlib {
namespace {

// Adapters from the evaluator's arguments to the plain functions. The
// checker has matched the arguments to an overload's parameters, so
// args[i] holds the i-th parameter's kind; an omitted quantile_type argument
// arrives filled with the file's declared type.

template <Number (*F)(const Histogram&)>
Number over_ratings(std::span<const Argument> args) {
  return F(args[0].ratings);
}

Number count_ratings(std::span<const Argument> args) {
  return count(args[0].ratings);
}
Number count_tally(std::span<const Argument> args) {
  return count(args[0].tally);
}
Number share_of_total(std::span<const Argument> args) {
  return share(args[0].tally);
}
Number share_of_denominator(std::span<const Argument> args) {
  return share(args[0].tally, args[1].number);
}
Number mad_scaled(std::span<const Argument> args) {
  return mad(args[0].ratings);
}
Number quantile_at(std::span<const Argument> args) {
  return quantile(args[0].ratings, args[1].number, args[2].quantile_type);
}
Number absolute_value(std::span<const Argument> args) {
  return abs(args[0].number);
}

Number iqr_of(std::span<const Argument> args) {
  return iqr(args[0].ratings, args[1].quantile_type);
}

// One overload over a rating vector alone.
std::vector<Overload> of_ratings(Implementation implementation, std::uint32_t min_count) {
  return {
      Overload{{{"ratings", ParamKind::ratings}}, ResultKind::number, implementation, min_count}};
}

}  // namespace

void register_descriptive(std::vector<FunctionInfo>& functions) {
  const Param ratings{"ratings", ParamKind::ratings};
  const Param condition{"condition", ParamKind::tally};
  const Param type{"type", ParamKind::quantile_type, /*optional=*/true};
  functions.push_back(function("count",
                               "the number of ratings, or of elements for which a condition holds",
                               {Overload{{ratings}, ResultKind::number, count_ratings, 0},
                                Overload{{condition}, ResultKind::number, count_tally, 0}}));
  functions.push_back(function(
      "share", "the share of elements for which a condition holds, of all or of a denominator",
      {Overload{{condition}, ResultKind::percentage, share_of_total, 1},
       Overload{{condition, {"denominator", ParamKind::number}},
                ResultKind::percentage,
                share_of_denominator,
                0}}));
  functions.push_back(function("mean", "the arithmetic mean", of_ratings(over_ratings<mean>, 1)));
  functions.push_back(function("sd", "the sample standard deviation (denominator n - 1)",
                               of_ratings(over_ratings<sd>, 2)));
  functions.push_back(
      function("var", "the sample variance (denominator n - 1)", of_ratings(over_ratings<var>, 2)));
  functions.push_back(function("cv",
                               "the coefficient of variation, sd / mean (missing if mean = 0)",
                               of_ratings(over_ratings<cv>, 2)));
  functions.push_back(function(
      "median", "the middle rating, or the midpoint of the middle two (whatever the quantile type)",
      of_ratings(over_ratings<median>, 1)));
  functions.push_back(
      function("mad", "the median absolute deviation from the median, times 1.4826 (as R's mad())",
               of_ratings(mad_scaled, 1)));
  functions.push_back(function("mad_raw", "the median absolute deviation from the median, unscaled",
                               of_ratings(over_ratings<mad_raw>, 1)));
  functions.push_back(function("mode", "the most frequent rating (missing when several tie)",
                               of_ratings(over_ratings<mode>, 1),
                               /*depends_on_quantile_type=*/false,
                               "the most frequent ratings are tied"));
  functions.push_back(function("min", "the lowest rating", of_ratings(over_ratings<min>, 1)));
  functions.push_back(function("max", "the highest rating", of_ratings(over_ratings<max>, 1)));
  functions.push_back(
      function("range", "the highest rating minus the lowest", of_ratings(over_ratings<range>, 1)));
  functions.push_back(function(
      "quantile", "the p-quantile by Hyndman & Fan's type 1..9 (R's quantile(type = ))",
      {Overload{{ratings, {"p", ParamKind::number}, type}, ResultKind::number, quantile_at, 1}},
      /*depends_on_quantile_type=*/true));
  functions.push_back(function("iqr", "the interquartile range, quantile 0.75 - quantile 0.25",
                               {Overload{{ratings, type}, ResultKind::number, iqr_of, 1}},
                               /*depends_on_quantile_type=*/true));
  functions.push_back(
      function("abs", "the absolute value of a number",
               {Overload{{{"x", ParamKind::number}}, ResultKind::number, absolute_value, 0}}));
}

}  // namespace tholos::stdlib
