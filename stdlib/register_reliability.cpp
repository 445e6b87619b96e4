// The reliability functions in the catalogue: agreement across the
// statements of a round (Kendall's W, Fleiss' kappa, Krippendorff's alpha),
// each over a set of statements passed as their statements x panelists
// rating matrix.
#include "stdlib/catalogue.hpp"
#include "stdlib/registration.hpp"
#include "stdlib/reliability.hpp"

namespace tholos::stdlib {
namespace {

// Adapters from the evaluator's arguments to the plain functions: args[0] is
// the matrix; args[1] the category or the level.

template <Number (*F)(const RatingMatrix&)>
Number over_matrix(std::span<const Argument> args) {
  return F(args[0].matrix);
}

Number category_kappa(std::span<const Argument> args) {
  return fleiss_category_kappa(args[0].matrix, args[1].number);
}

Number alpha_at_level(std::span<const Argument> args) {
  const std::optional<AlphaLevel> level = alpha_level(args[1].choice);
  if (!level) return Number::missing();
  return krippendorff_alpha(args[0].matrix, *level);
}

constexpr std::string_view kNeedsCompletePanelists =
    "fewer than 2 statements, or fewer than 2 panelists who rated every statement";

}  // namespace

void register_reliability(std::vector<FunctionInfo>& functions) {
  const Param statements{"statements", ParamKind::matrix};
  // The checks are the implementations' own (min_count 0): a matrix has no
  // single number of ratings.
  auto of_matrix = [&](Implementation implementation) {
    return std::vector<Overload>{Overload{{statements}, ResultKind::number, implementation, 0}};
  };
  functions.push_back(function(
      "kendall_w", "Kendall's coefficient of concordance W across statements, corrected for ties",
      of_matrix(over_matrix<kendall_w>), /*depends_on_quantile_type=*/false,
      "fewer than 2 statements, or fewer than 2 panelists who rated every statement, or each "
      "of them gave every statement the same rating"));
  functions.push_back(function("kendall_w_uncorrected",
                               "Kendall's coefficient of concordance W, without the tie correction",
                               of_matrix(over_matrix<kendall_w_uncorrected>),
                               /*depends_on_quantile_type=*/false, kNeedsCompletePanelists));
  functions.push_back(function(
      "kendall_chisq", "Kendall's chi-square m (n - 1) W, on n - 1 degrees of freedom",
      of_matrix(over_matrix<kendall_chisq>), /*depends_on_quantile_type=*/false,
      "fewer than 2 statements, or fewer than 2 panelists who rated every statement, or each "
      "of them gave every statement the same rating"));
  functions.push_back(function(
      "kendall_p", "the p-value of Kendall's W, from the chi-square's upper tail",
      of_matrix(over_matrix<kendall_p>), /*depends_on_quantile_type=*/false,
      "fewer than 2 statements, or fewer than 2 panelists who rated every statement, or each "
      "of them gave every statement the same rating"));
  constexpr std::string_view kFleissMissing =
      "fewer than 2 statements, or fewer than 2 panelists who rated every statement, or all "
      "their ratings are the same";
  functions.push_back(function("fleiss_kappa",
                               "Fleiss' kappa: agreement of the panel beyond chance, across "
                               "statements, with the ratings as categories",
                               of_matrix(over_matrix<fleiss_kappa>),
                               /*depends_on_quantile_type=*/false, kFleissMissing));
  functions.push_back(function("fleiss_se",
                               "the standard error of Fleiss' kappa under no agreement "
                               "(Fleiss, Nee & Landis 1979)",
                               of_matrix(over_matrix<fleiss_se>),
                               /*depends_on_quantile_type=*/false, kFleissMissing));
  functions.push_back(function("fleiss_z", "Fleiss' kappa divided by its standard error",
                               of_matrix(over_matrix<fleiss_z>),
                               /*depends_on_quantile_type=*/false, kFleissMissing));
  functions.push_back(function("fleiss_p",
                               "the two-sided p-value of Fleiss' z, from the normal distribution",
                               of_matrix(over_matrix<fleiss_p>),
                               /*depends_on_quantile_type=*/false, kFleissMissing));
  functions.push_back(function(
      "fleiss_category_kappa", "Fleiss' kappa for one rating (category) of the scale",
      {Overload{
          {statements, {"category", ParamKind::number}}, ResultKind::number, category_kappa, 0}},
      /*depends_on_quantile_type=*/false,
      "fewer than 2 statements, or fewer than 2 panelists who rated every statement, or none "
      "or all of their ratings are the category"));
  functions.push_back(function(
      "krippendorff_alpha",
      "Krippendorff's alpha across statements at a level of measurement (nominal, ordinal, "
      "interval or ratio); statements with fewer than 2 ratings are left out",
      {Overload{{statements,
                 {"level", ParamKind::choice, false, {"nominal", "ordinal", "interval", "ratio"}}},
                ResultKind::number,
                alpha_at_level,
                0}},
      /*depends_on_quantile_type=*/false,
      "no statement has 2 ratings, or all the ratings of statements with 2 or more are the "
      "same (or, at the ratio level, some are negative)"));
}

}  // namespace tholos::stdlib
