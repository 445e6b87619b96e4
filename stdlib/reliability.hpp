// Reliability across the statements of a round: how far the panel agrees
// over a set of statements, from the statements x panelists rating matrix.
// Every result is a Number: exact wherever the mathematics is rational
// (W, its chi-square, kappa, per-category kappa, alpha), missing when the data
// does not allow the statistic; never a division by zero.
//
//   Kendall's W        Kendall & Babington Smith (1939); tie correction and
//                      chi-square as in Siegel & Castellan (1988)
//   Fleiss' kappa      Fleiss (1971); standard error under H0 as in Fleiss,
//                      Nee & Landis (1979) (as R's irr::kappam.fleiss)
//   Krippendorff's     Krippendorff (2011), "Computing Krippendorff's
//   alpha              Alpha-Reliability"
//
// Missing ratings (kNoRating):
//   * Kendall and Fleiss need every panelist to rate every statement. They use
//     the panelists who rated every statement of the set and leave the others
//     out (no statement is dropped); they need at least 2 statements and 2
//     such panelists.
//   * Krippendorff's alpha uses every rating: statements with fewer than 2
//     ratings are not pairable and are dropped, from the marginals too.
// The distribution functions are Boost.Math's.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "stdlib/number.hpp"
#include "stdlib/samples.hpp"

namespace tholos::stdlib {

// The panelists (columns) who rated every statement (row), in order.
std::vector<std::uint32_t> complete_raters(const RatingMatrix& ratings);

// Kendall's coefficient of concordance: the statements are the objects
// ranked, the panelists who rated every statement the judges. Each judge's
// ratings are ranked across the statements, tied ratings getting the mean of
// the ranks they span (mid-ranks). With n objects, m judges, R_i the sum of
// object i's ranks and S = sum_i (R_i - m (n + 1) / 2)^2:
//   W (uncorrected) = 12 S / (m^2 (n^3 - n))
//   W               = 12 S / (m^2 (n^3 - n) - m T),  T = sum over judges and
//                     their groups of t tied ratings of t^3 - t
//   chi-square      = m (n - 1) W, on n - 1 degrees of freedom
//   p               = the chi-square's upper tail
struct Kendall {
  std::uint32_t objects = 0;  // n: the statements
  std::uint32_t judges = 0;   // m: the panelists who rated every statement
  Number s;                   // S (a multiple of 1/4); missing when n < 2 or m < 2
  Number ties;                // T; missing when n < 2 or m < 2
  Number w_uncorrected;       // missing when n < 2 or m < 2
  // Missing also when m^2 (n^3 - n) = m T: every judge gave every statement
  // the same rating.
  Number w;
  Number chisq;
  Number p;
};
Kendall kendall(const RatingMatrix& ratings);

Number kendall_w(const RatingMatrix& ratings);
Number kendall_w_uncorrected(const RatingMatrix& ratings);
Number kendall_chisq(const RatingMatrix& ratings);
Number kendall_p(const RatingMatrix& ratings);

// Fleiss' kappa: the statements are the subjects, the panelists who rated
// every statement the raters, the ratings the categories. With N subjects,
// n raters, n_ij the raters who gave subject i rating j:
//   p_j = sum_i n_ij / (N n)             P_i = (sum_j n_ij^2 - n) / (n (n - 1))
//   P = mean_i P_i    P_e = sum_j p_j^2  kappa = (P - P_e) / (1 - P_e)
//   se (under H0) = sqrt(2) / (sum_j p_j q_j sqrt(N n (n - 1)))
//                   * sqrt((sum_j p_j q_j)^2 - sum_j p_j q_j (q_j - p_j))
//   z = kappa / se    p = 2 (1 - Phi(|z|))
//   kappa_j = 1 - sum_i n_ij (n - n_ij) / (N n (n - 1) p_j q_j)
// with q_j = 1 - p_j. A rating nobody gave has p_j = 0 and changes nothing.
struct Fleiss {
  std::uint32_t subjects = 0;  // N: the statements
  std::uint32_t raters = 0;    // n: the panelists who rated every statement
  // When N >= 2 and n >= 2: the ratings given (ascending), their shares p_j,
  // the mean agreement P and the agreement expected by chance P_e.
  std::vector<std::int32_t> categories;
  std::vector<Number> proportions;
  Number agreement;
  Number chance;
  // Missing when N < 2, n < 2 or every rating is the same (P_e = 1).
  Number kappa;
  Number se;
  Number z;
  Number p;
};
Fleiss fleiss(const RatingMatrix& ratings);

Number fleiss_kappa(const RatingMatrix& ratings);
Number fleiss_se(const RatingMatrix& ratings);
Number fleiss_z(const RatingMatrix& ratings);
Number fleiss_p(const RatingMatrix& ratings);
// kappa_j for the rating `category` (a whole number); missing when N < 2,
// n < 2, or no rating or every rating is `category` (p_j = 0 or 1).
Number fleiss_category_kappa(const RatingMatrix& ratings, const Number& category);

// Krippendorff's alpha. Units are the statements, coders the panelists,
// values the ratings. Statements with fewer than 2 ratings are dropped. With
// m_u the ratings of statement u, the coincidences
//   o_ck = sum_u (ordered pairs of ratings c, k of u by different panelists) / (m_u - 1),
// n_c = sum_k o_ck (the pairable ratings equal to c) and n = sum_c n_c:
//   alpha = 1 - (n - 1) sum_ck o_ck d_ck / sum_ck n_c n_k d_ck
// with the squared difference d_ck of the level of measurement:
//   nominal   0 when c = k, else 1
//   ordinal   (sum_{g = c..k} n_g - (n_c + n_k) / 2)^2, g over the values
//             between c and k (those no pairable rating took have n_g = 0)
//   interval  (c - k)^2
//   ratio     ((c - k) / (c + k))^2 (0 when c = k = 0)
enum class AlphaLevel : std::uint8_t { nominal, ordinal, interval, ratio };

// "nominal", "ordinal", "interval" or "ratio".
std::optional<AlphaLevel> alpha_level(std::string_view name);

struct Alpha {
  std::uint32_t units = 0;     // the pairable statements (2 or more ratings)
  std::uint32_t pairable = 0;  // n: their ratings
  // Missing when no statement has 2 ratings, when all pairable ratings are
  // equal (no expected disagreement), or, for the ratio level, when a
  // pairable rating is negative.
  Number alpha;
};
Alpha krippendorff(const RatingMatrix& ratings, AlphaLevel level);

Number krippendorff_alpha(const RatingMatrix& ratings, AlphaLevel level);

}  // namespace tholos::stdlib
