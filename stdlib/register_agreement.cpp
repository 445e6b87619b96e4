// The agreement functions in the catalogue: consensus and agreement measures
// of one statement's ratings, the RAND/UCLA classification and disagreement
// rules, and the APMO cut-off over the statements of a round.
#include <cstdint>
#include <string_view>
#include <vector>

#include "stdlib/agreement.hpp"
#include "stdlib/catalogue.hpp"
#include "stdlib/registration.hpp"

namespace tholos::stdlib {
namespace {

// Adapters from the evaluator's arguments to the plain functions. The
// checker has matched the arguments to an overload's parameters, so args[i]
// holds the i-th parameter's kind; an omitted quantile_type argument arrives
// filled with the file's declared type.

template <Number (*F)(const Histogram&)>
Number over_ratings(std::span<const Argument> args) {
  return F(args[0].ratings);
}

template <Number (*F)(const Histogram&, int)>
Number over_ratings_by_type(std::span<const Argument> args) {
  const int type = args.size() > 1 ? args[1].quantile_type : args[0].quantile_type;
  return F(args[0].ratings, type);
}

Number apmo_of(std::span<const Argument> args) {
  return apmo(args[0].matrix, RatingBand{args[1].low, args[1].high},
              RatingBand{args[2].low, args[2].high});
}

constexpr std::string_view kNotNinePoints =
    "the RAND/UCLA method is defined for ratings on the 1..9 scale, and these are not";

}  // namespace

void register_agreement(std::vector<FunctionInfo>& functions) {
  const Param ratings{"ratings", ParamKind::ratings};
  const Param type{"type", ParamKind::quantile_type, /*optional=*/true};
  auto number_of = [&](Implementation f) {
    return std::vector<Overload>{Overload{{ratings}, ResultKind::number, f, 1}};
  };
  auto verdict_of = [&](Implementation f, std::uint32_t min_count) {
    return std::vector<Overload>{Overload{{ratings}, ResultKind::boolean, f, min_count}};
  };
  auto by_type = [&](Implementation f, ResultKind result) {
    return std::vector<Overload>{Overload{{ratings, type}, result, f, 1}};
  };

  functions.push_back(
      function("tastle_wierman",
               "Tastle & Wierman's consensus, 1 + sum p log2(1 - |x - mean| / scale width), 0..1",
               number_of(over_ratings<tastle_wierman>)));
  functions.push_back(function(
      "van_der_eijk", "van der Eijk's agreement A over the whole scale's frequencies, -1..1",
      number_of(over_ratings<van_der_eijk>)));

  functions.push_back(function("rand_appropriate", "RAND/UCLA: the median is in 7..9",
                               verdict_of(over_ratings<rand_appropriate>, 1),
                               /*depends_on_quantile_type=*/false, kNotNinePoints));
  functions.push_back(function("rand_uncertain",
                               "RAND/UCLA: the median is in 4..6 (3.5 and 6.5 included)",
                               verdict_of(over_ratings<rand_uncertain>, 1),
                               /*depends_on_quantile_type=*/false, kNotNinePoints));
  functions.push_back(function("rand_inappropriate", "RAND/UCLA: the median is in 1..3",
                               verdict_of(over_ratings<rand_inappropriate>, 1),
                               /*depends_on_quantile_type=*/false, kNotNinePoints));
  functions.push_back(function(
      "rand_disagreement",
      "RAND/UCLA counts rule: at least 3, 4 or 5 ratings (panels of 8-10, 11-13, 14-16) in "
      "each of 1..3 and 7..9",
      verdict_of(over_ratings<rand_disagreement>, 8),
      /*depends_on_quantile_type=*/false,
      "the RAND/UCLA counts rule is defined only for panels of 8 to 16 ratings on the 1..9 "
      "scale (ipras_disagreement works for any panel size)"));

  functions.push_back(function("ipr", "RAND/UCLA interpercentile range, P70 - P30",
                               by_type(over_ratings_by_type<ipr>, ResultKind::number),
                               /*depends_on_quantile_type=*/true, kNotNinePoints));
  functions.push_back(function("iprcp", "RAND/UCLA central point of the IPR, (P30 + P70) / 2",
                               by_type(over_ratings_by_type<iprcp>, ResultKind::number),
                               /*depends_on_quantile_type=*/true, kNotNinePoints));
  functions.push_back(function("ipras",
                               "RAND/UCLA IPR adjusted for symmetry, 2.35 + 1.5 |5 - IPRCP|",
                               by_type(over_ratings_by_type<ipras>, ResultKind::number),
                               /*depends_on_quantile_type=*/true, kNotNinePoints));
  functions.push_back(function("ipras_index", "RAND/UCLA IPR / IPRAS (disagreement above 1)",
                               by_type(over_ratings_by_type<ipras_index>, ResultKind::number),
                               /*depends_on_quantile_type=*/true, kNotNinePoints));
  functions.push_back(
      function("ipras_disagreement", "RAND/UCLA disagreement by IPRAS: IPR > IPRAS",
               by_type(over_ratings_by_type<ipras_disagreement>, ResultKind::boolean),
               /*depends_on_quantile_type=*/true, kNotNinePoints));

  functions.push_back(function(
      "apmo",
      "average percent of majority opinions over a set of statements: the consensus cut-off",
      {Overload{{{"statements", ParamKind::matrix},
                 {"agree", ParamKind::range},
                 {"disagree", ParamKind::range}},
                ResultKind::percentage,
                apmo_of,
                0}},
      /*depends_on_quantile_type=*/false,
      "none of the statements has a rating, or the agree and disagree bands overlap"));
  // The RAND/UCLA definitions are for its 1..9 scale.
  for (FunctionInfo& f : functions) {
    if (f.name.starts_with("rand_") || f.name.starts_with("ipr")) f.required_scale = Scale{1, 9};
  }
}

}  // namespace tholos::stdlib
