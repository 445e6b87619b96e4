// Agreement within a statement, and the APMO cut-off over the statements of a
// round: how far a panel's ratings agree, by the measures of published
// consensus practice. Plain functions over histograms and rating matrices;
// the catalogue entries are in register_agreement.cpp and the documentation,
// with each definition's source, in docs/stdlib.md ("Agreement").
//
//   tastle_wierman      Tastle & Wierman (2007) consensus Cns, in [0, 1]
//   van_der_eijk        van der Eijk (2001) agreement A, in [-1, 1]
//   rand_appropriate,   RAND/UCLA classification by the median band on the
//   rand_uncertain,       1..9 scale (Fitch et al. 2001): 7..9, 3.5..6.5, 1..3
//   rand_inappropriate
//   rand_disagreement   RAND/UCLA disagreement by the counts rule, panels of
//                         8 to 16
//   ipr, iprcp, ipras,  RAND/UCLA disagreement by the interpercentile range
//   ipras_index,          adjusted for symmetry (IPRAS), any panel size
//   ipras_disagreement
//   apmo                average percent of majority opinions, the cut-off
//                         above which a statement's agreement is consensus
//
// Every result is exact wherever the mathematics is rational (all of these
// except tastle_wierman, which takes logarithms and is exact only when every
// logarithm is a whole number, as for unanimity (1) and an even split between
// the two ends of the scale (0)). Boolean results are 1 (true) or 0 (false).
// A result is missing when there are no ratings, and for the RAND/UCLA
// functions also when the ratings are not on the 1..9 scale the method
// defines (and for rand_disagreement when the panel is outside 8..16).
#pragma once

#include <cstdint>

#include "stdlib/histogram.hpp"
#include "stdlib/number.hpp"
#include "stdlib/samples.hpp"

namespace tholos::stdlib {

// Tastle & Wierman (2007): Cns = 1 + sum_i p_i log2(1 - |X_i - mu| / d),
// over the scale points X_i with relative frequency p_i > 0, mu the mean
// rating and d the width of the scale (high - low). 1 when all ratings are
// equal (also on a one-point scale, where d = 0), 0 when they are split
// evenly between the two ends. Missing when there are no ratings.
Number tastle_wierman(const Histogram& ratings);

// van der Eijk (2001) agreement A over the frequencies of ALL K points of the
// scale (empty points included: they are what makes a distribution
// polarised). 1 when all ratings are equal, 0 when every point has the same
// frequency, -1 when the ratings are split evenly between the two ends.
// Missing when there are no ratings. Exact.
Number van_der_eijk(const Histogram& ratings);

// Whether the histogram is on the 1..9 scale the RAND/UCLA method defines.
bool on_rand_scale(const Histogram& ratings);

// RAND/UCLA classification by the panel median (stdlib::median: the midpoint
// of the two middle ratings for an even panel): appropriate when the median
// is in 7..9, inappropriate when in 1..3, uncertain otherwise (4..6, and the
// medians 3.5 and 6.5 between the bands). By the median alone: the manual's
// classification also makes any statement with disagreement uncertain, which
// a rule file writes with rand_disagreement or ipras_disagreement. 1 or 0;
// missing when there are no ratings or the scale is not 1..9.
Number rand_appropriate(const Histogram& ratings);
Number rand_uncertain(const Histogram& ratings);
Number rand_inappropriate(const Histogram& ratings);

// The RAND/UCLA counts rule: the number of ratings that must fall in each
// extreme third of the scale (1..3 and 7..9) for disagreement, by panel size
// (8-10: 3, 11-13: 4, 14-16: 5); 0 for panel sizes the rule does not define.
std::uint32_t rand_disagreement_threshold(std::uint32_t panel_size);
// Disagreement by the counts rule, the panel size being the number of valid
// ratings. 1 or 0; missing when the panel is outside 8..16 or the scale is
// not 1..9.
Number rand_disagreement(const Histogram& ratings);

// The interpercentile range adjusted for symmetry (RAND/UCLA manual; worked
// example in BMJ Open 2012;2:e001431), with P30 and P70 the 30th and 70th
// percentiles under Hyndman & Fan's `quantile_type`:
//   IPR   = P70 - P30                 interpercentile range
//   IPRCP = (P30 + P70) / 2           its central point
//   AI    = |5 - IPRCP|               asymmetry index
//   IPRAS = 2.35 + 1.5 AI             the IPR at which disagreement begins
//   index = IPR / IPRAS, disagreement when IPR > IPRAS (index > 1).
// Every member is missing when there are no ratings, the scale is not 1..9,
// or the type is not 1..9. All exact.
struct IprasAnalysis {
  Number p30, p70;
  Number ipr, iprcp, asymmetry_index, ipras, index;
  Number disagreement;  // 1 or 0
};
IprasAnalysis ipras_analysis(const Histogram& ratings, int quantile_type);

// 2.35 (47/20), the IPR required for disagreement when the ratings are
// symmetric about the middle of the scale, and 1.5, the correction factor for
// asymmetry.
Number ipras_symmetric_range();
Number ipras_asymmetry_factor();

Number ipr(const Histogram& ratings, int quantile_type);
Number iprcp(const Histogram& ratings, int quantile_type);
Number ipras(const Histogram& ratings, int quantile_type);
Number ipras_index(const Histogram& ratings, int quantile_type);
Number ipras_disagreement(const Histogram& ratings, int quantile_type);

// A band of the scale, low..high inclusive (a rule file's `band agree = 4..5`).
struct RatingBand {
  Number low;
  Number high;
  bool contains(std::int32_t rating) const;
};

// The terms of the APMO cut-off over the statements (rows) of a round.
struct ApmoTerms {
  std::uint64_t majority_agreements = 0;     // agree ratings of statements a majority agrees with
  std::uint64_t majority_disagreements = 0;  // disagree ratings of statements a majority rejects
  std::uint64_t opinions = 0;                // every valid rating of every statement
  std::uint32_t statements_with_majority = 0;
};
ApmoTerms apmo_terms(const RatingMatrix& statements, const RatingBand& agree,
                     const RatingBand& disagree);

// Average percent of majority opinions (Kapoor 1987; Islam 2010; reviewed by
// von der Gracht 2012):
//   APMO = (majority agreements + majority disagreements) / opinions expressed
// where a statement has a majority agreement when MORE than half of its valid
// ratings are in `agree` (exactly half is no majority), and then contributes
// its number of agree ratings; likewise for `disagree`; and the opinions
// expressed are all valid ratings of all statements, neutral ratings (in
// neither band) included, kNoRating excluded. A fraction (0.525 for 52.5%).
// Missing when no statement has a valid rating, when a band bound is
// missing, or when the two bands share a scale point.
Number apmo(const RatingMatrix& statements, const RatingBand& agree, const RatingBand& disagree);

}  // namespace tholos::stdlib
