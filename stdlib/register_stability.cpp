// The stability functions in the catalogue: a statement's ratings in this
// round compared with another round's (rule files write e.g.
// `net_change(rating, previous(rating)) < 15%`). Paired methods take both
// rounds by panelist (ParamKind::vector) and pair them here; unpaired ones
// take each round's histogram (ParamKind::ratings).
#include <string_view>
#include <utility>

#include "stdlib/catalogue.hpp"
#include "stdlib/registration.hpp"
#include "stdlib/stability.hpp"

namespace tholos::stdlib {
namespace {

// args[0] is this round's vector, args[1] the other round's.
PairedRatings paired(std::span<const Argument> args) {
  return pair_by_panelist(args[0].vector, args[1].vector);
}

Number net_change_of(std::span<const Argument> args) {
  return net_change(paired(args));
}
Number cv_change_of(std::span<const Argument> args) {
  return cv_change(args[0].ratings, args[1].ratings);
}
Number wilcoxon_v_of(std::span<const Argument> args) {
  return wilcoxon_signed_rank(paired(args)).v;
}
Number wilcoxon_p_of(std::span<const Argument> args) {
  return wilcoxon_signed_rank(paired(args)).p;
}
Number mcnemar_chisq_of(std::span<const Argument> args) {
  return mcnemar(paired(args)).statistic;
}
Number mcnemar_p_of(std::span<const Argument> args) {
  return mcnemar(paired(args)).p;
}
Number dajani_chisq_of(std::span<const Argument> args) {
  return dajani(args[0].ratings, args[1].ratings).statistic;
}
Number dajani_p_of(std::span<const Argument> args) {
  return dajani(args[0].ratings, args[1].ratings).p;
}
Number chaffin_talley_chisq_of(std::span<const Argument> args) {
  return chaffin_talley(paired(args)).statistic;
}
Number chaffin_talley_p_of(std::span<const Argument> args) {
  return chaffin_talley(paired(args)).p;
}
Number weighted_kappa_of(std::span<const Argument> args) {
  const std::string_view weights = args[2].choice;
  if (weights == "linear") return weighted_kappa(paired(args), KappaWeights::linear);
  if (weights == "quadratic") return weighted_kappa(paired(args), KappaWeights::quadratic);
  return Number::missing();
}
Number spearman_of(std::span<const Argument> args) {
  return spearman(paired(args));
}

// One overload over two rounds' vectors or histograms.
std::vector<Overload> of_two(Param first, Param second, ResultKind result,
                             Implementation implementation, std::uint32_t min_count) {
  return {Overload{{std::move(first), std::move(second)}, result, implementation, min_count}};
}

constexpr std::string_view kNoPairs = "no panelist rated the statement in both rounds";

}  // namespace

void register_stability(std::vector<FunctionInfo>& functions) {
  // Paired: this round's and the other round's ratings (or conditions) by panelist.
  const Param ratings{"ratings", ParamKind::vector};
  const Param other{"other", ParamKind::vector};
  const Param condition{"condition", ParamKind::flags};
  const Param other_condition{"other_condition", ParamKind::flags};
  // Unpaired: each round's ratings.
  const Param round_ratings{"ratings", ParamKind::ratings};
  const Param other_round{"other", ParamKind::ratings};
  const Param weights{"weights", ParamKind::choice, /*optional=*/false, {"linear", "quadratic"}};

  functions.push_back(function(
      "net_change",
      "Scheibe's net change: sum over scale points of |f1 - f2| / 2n, over panelists in both "
      "rounds",
      of_two(ratings, other, ResultKind::percentage, net_change_of, 1),
      /*depends_on_quantile_type=*/false, kNoPairs));
  functions.push_back(
      function("cv_change", "the change in the coefficient of variation, cv(ratings) - cv(other)",
               of_two(round_ratings, other_round, ResultKind::number, cv_change_of, 2),
               /*depends_on_quantile_type=*/false, "the mean rating is 0 in one of the rounds"));
  functions.push_back(function(
      "wilcoxon_v", "the Wilcoxon signed-rank statistic V of ratings - other, paired by panelist",
      of_two(ratings, other, ResultKind::number, wilcoxon_v_of, 1),
      /*depends_on_quantile_type=*/false, kNoPairs));
  functions.push_back(function(
      "wilcoxon_p",
      "the two-sided p-value of the Wilcoxon signed-rank test, paired (as R's wilcox.test)",
      of_two(ratings, other, ResultKind::percentage, wilcoxon_p_of, 1),
      /*depends_on_quantile_type=*/false,
      "no panelist who rated the statement in both rounds changed their rating"));
  functions.push_back(function(
      "mcnemar_chisq",
      "McNemar's chi-square with continuity correction for a condition in two rounds, paired",
      of_two(condition, other_condition, ResultKind::number, mcnemar_chisq_of, 1),
      /*depends_on_quantile_type=*/false,
      "no panelist's condition changed between the rounds (n10 + n01 = 0)"));
  functions.push_back(function(
      "mcnemar_p", "the p-value of McNemar's test with continuity correction (as R's mcnemar.test)",
      of_two(condition, other_condition, ResultKind::percentage, mcnemar_p_of, 1),
      /*depends_on_quantile_type=*/false,
      "no panelist's condition changed between the rounds (n10 + n01 = 0)"));
  functions.push_back(function(
      "dajani_chisq",
      "Dajani's group stability: chi-square of the two rounds' distributions (2 x k, unpaired)",
      of_two(round_ratings, other_round, ResultKind::number, dajani_chisq_of, 1)));
  functions.push_back(function(
      "dajani_p", "the p-value of Dajani's group-stability chi-square (no continuity correction)",
      of_two(round_ratings, other_round, ResultKind::percentage, dajani_p_of, 1)));
  functions.push_back(function(
      "chaffin_talley_chisq",
      "Chaffin & Talley's individual stability: chi-square of each panelist's rating in both "
      "rounds",
      of_two(ratings, other, ResultKind::number, chaffin_talley_chisq_of, 2),
      /*depends_on_quantile_type=*/false,
      "the panelists who rated in both rounds gave fewer than two different ratings in a round"));
  functions.push_back(function(
      "chaffin_talley_p",
      "the p-value of Chaffin & Talley's individual-stability chi-square (small means stable)",
      of_two(ratings, other, ResultKind::percentage, chaffin_talley_p_of, 2),
      /*depends_on_quantile_type=*/false,
      "the panelists who rated in both rounds gave fewer than two different ratings in a round"));
  functions.push_back(function(
      "weighted_kappa",
      "Cohen's weighted kappa between the rounds, paired, over all scale points (linear or "
      "quadratic)",
      {Overload{{ratings, other, weights}, ResultKind::number, weighted_kappa_of, 1}},
      /*depends_on_quantile_type=*/false,
      "no panelist rated the statement in both rounds, or every rating in both rounds is the "
      "same point (chance agreement is 1)"));
  functions.push_back(function(
      "spearman", "Spearman's rank correlation between the rounds, paired (mid-ranks)",
      of_two(ratings, other, ResultKind::number, spearman_of, 2),
      /*depends_on_quantile_type=*/false,
      "fewer than 2 panelists rated the statement in both rounds, or one round's ratings are "
      "all equal"));
}

}  // namespace tholos::stdlib
