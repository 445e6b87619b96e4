#include "stdlib/reliability.hpp"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <map>

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

// Boost.Math reports errors by its return value here, never by throwing: the
// callers pass finite, in-range arguments, and a result that underflows is 0.
using Quiet = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

// P(X > x) for X chi-square with `df` degrees of freedom.
Number chi_square_upper_tail(const Number& x, std::uint32_t df) {
  if (x.is_missing() || df == 0 || !std::isfinite(x.value())) return Number::missing();
  const boost::math::chi_squared_distribution<double, Quiet> distribution(df);
  return Number::real(boost::math::cdf(boost::math::complement(distribution, x.value())));
}

// P(|Z| > |z|) for Z standard normal.
Number normal_two_sided(const Number& z) {
  if (z.is_missing() || !std::isfinite(z.value())) return Number::missing();
  const boost::math::normal_distribution<double, Quiet> distribution;
  return Number::real(
      2 * boost::math::cdf(boost::math::complement(distribution, std::fabs(z.value()))));
}

Number whole(Wide value) {
  return Number::fraction(value, 1);
}

// The counts n_ij of the complete raters' ratings of each statement, by
// distinct rating, for Fleiss' kappa.
struct CategoryCounts {
  std::vector<std::int32_t> categories;  // the distinct ratings, ascending
  std::vector<std::uint32_t> counts;     // subjects x categories, row-major
  std::vector<Wide> totals;              // c_j = sum_i n_ij
};

CategoryCounts count_categories(const RatingMatrix& ratings,
                                const std::vector<std::uint32_t>& raters) {
  CategoryCounts c;
  for (std::uint32_t unit = 0; unit < ratings.units; ++unit) {
    for (const std::uint32_t rater : raters)
      c.categories.push_back(ratings.at(unit, rater));
  }
  std::sort(c.categories.begin(), c.categories.end());
  c.categories.erase(std::unique(c.categories.begin(), c.categories.end()), c.categories.end());
  const std::size_t k = c.categories.size();
  c.counts.assign(static_cast<std::size_t>(ratings.units) * k, 0);
  c.totals.assign(k, 0);
  for (std::uint32_t unit = 0; unit < ratings.units; ++unit) {
    for (const std::uint32_t rater : raters) {
      const auto found =
          std::lower_bound(c.categories.begin(), c.categories.end(), ratings.at(unit, rater));
      const auto j = static_cast<std::size_t>(found - c.categories.begin());
      ++c.counts[unit * k + j];
      ++c.totals[j];
    }
  }
  return c;
}

}  // namespace

std::vector<std::uint32_t> complete_raters(const RatingMatrix& ratings) {
  std::vector<std::uint32_t> raters;
  for (std::uint32_t rater = 0; rater < ratings.raters; ++rater) {
    bool complete = true;
    for (std::uint32_t unit = 0; unit < ratings.units && complete; ++unit)
      complete = ratings.at(unit, rater) != kNoRating;
    if (complete) raters.push_back(rater);
  }
  return raters;
}

// ---------------------------------------------------------------------------
// Kendall's W

Kendall kendall(const RatingMatrix& ratings) {
  Kendall result;
  const std::vector<std::uint32_t> judges = complete_raters(ratings);
  const std::uint32_t n = ratings.units;
  const auto m = static_cast<std::uint32_t>(judges.size());
  result.objects = n;
  result.judges = m;
  if (n < 2 || m < 2) return result;

  // Twice the mid-ranks are whole numbers: a run of tied ratings at sorted
  // positions a + 1 .. b (1-based) has mid-rank (a + 1 + b) / 2.
  std::vector<Wide> twice_rank_sums(n, 0);
  Wide ties = 0;
  std::vector<std::uint32_t> order(n);
  for (const std::uint32_t judge : judges) {
    for (std::uint32_t i = 0; i < n; ++i)
      order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      return ratings.at(x, judge) < ratings.at(y, judge);
    });
    std::uint32_t a = 0;
    while (a < n) {
      std::uint32_t b = a + 1;
      while (b < n && ratings.at(order[b], judge) == ratings.at(order[a], judge))
        ++b;
      const Wide twice_mid_rank = static_cast<Wide>(a) + 1 + b;
      for (std::uint32_t k = a; k < b; ++k)
        twice_rank_sums[order[k]] += twice_mid_rank;
      const Wide t = b - a;
      ties += t * t * t - t;
      a = b;
    }
  }
  // 4 S = sum_i (2 R_i - m (n + 1))^2.
  const Wide twice_mean = static_cast<Wide>(m) * (static_cast<Wide>(n) + 1);
  Wide four_s = 0;
  for (const Wide r : twice_rank_sums)
    four_s += (r - twice_mean) * (r - twice_mean);
  const Wide wn = n, wm = m;
  const Wide full = wm * wm * (wn * wn * wn - wn);
  const Wide corrected = full - wm * ties;

  result.s = Number::fraction(four_s, 4);
  result.ties = whole(ties);
  // 12 S / D = 3 (4 S) / D.
  result.w_uncorrected = Number::fraction(3 * four_s, full);
  if (corrected > 0) {
    result.w = Number::fraction(3 * four_s, corrected);
    result.chisq = whole(wm * (wn - 1)) * result.w;
    result.p = chi_square_upper_tail(result.chisq, n - 1);
  }
  return result;
}

Number kendall_w(const RatingMatrix& ratings) {
  return kendall(ratings).w;
}
Number kendall_w_uncorrected(const RatingMatrix& ratings) {
  return kendall(ratings).w_uncorrected;
}
Number kendall_chisq(const RatingMatrix& ratings) {
  return kendall(ratings).chisq;
}
Number kendall_p(const RatingMatrix& ratings) {
  return kendall(ratings).p;
}

// ---------------------------------------------------------------------------
// Fleiss' kappa

Fleiss fleiss(const RatingMatrix& ratings) {
  Fleiss result;
  const std::vector<std::uint32_t> raters = complete_raters(ratings);
  const std::uint32_t subjects = ratings.units;
  const auto n = static_cast<std::uint32_t>(raters.size());
  result.subjects = subjects;
  result.raters = n;
  if (subjects < 2 || n < 2) return result;

  const CategoryCounts c = count_categories(ratings, raters);
  // With T = N n, A = sum_ij n_ij^2 and C = sum_j c_j^2:
  //   P = (A - T) / (T (n - 1)), P_e = C / T^2, so
  //   kappa = ((A - T) T - C (n - 1)) / ((n - 1) (T^2 - C)).
  const Wide total = static_cast<Wide>(subjects) * n;
  Wide a = 0;
  for (const std::uint32_t count : c.counts)
    a += static_cast<Wide>(count) * count;
  Wide sum_squares = 0;
  for (const Wide cj : c.totals)
    sum_squares += cj * cj;
  const Wide wn = n;
  result.categories = c.categories;
  for (const Wide cj : c.totals)
    result.proportions.push_back(Number::fraction(cj, total));
  result.agreement = Number::fraction(a - total, total * (wn - 1));
  result.chance = Number::fraction(sum_squares, total * total);
  if (sum_squares >= total * total) return result;  // one category only: P_e = 1
  result.kappa = Number::fraction((a - total) * total - sum_squares * (wn - 1),
                                  (wn - 1) * (total * total - sum_squares));

  // The standard error under H0, in Number arithmetic (exact while the terms
  // fit, else double).
  Number pq = Number::integer(0);
  Number pq_q_minus_p = Number::integer(0);
  const Number one = Number::integer(1);
  for (const Wide cj : c.totals) {
    const Number p = Number::fraction(cj, total);
    const Number q = one - p;
    pq = pq + p * q;
    pq_q_minus_p = pq_q_minus_p + p * q * (q - p);
  }
  const Number variance =
      Number::integer(2) * (pq * pq - pq_q_minus_p) / (pq * pq * whole(total * (wn - 1)));
  if (variance.is_missing() || variance <= Number::integer(0)) return result;
  result.se = sqrt(variance);
  result.z = result.kappa / result.se;
  result.p = normal_two_sided(result.z);
  return result;
}

Number fleiss_kappa(const RatingMatrix& ratings) {
  return fleiss(ratings).kappa;
}
Number fleiss_se(const RatingMatrix& ratings) {
  return fleiss(ratings).se;
}
Number fleiss_z(const RatingMatrix& ratings) {
  return fleiss(ratings).z;
}
Number fleiss_p(const RatingMatrix& ratings) {
  return fleiss(ratings).p;
}

Number fleiss_category_kappa(const RatingMatrix& ratings, const Number& category) {
  if (!category.is_integer()) return Number::missing();
  const std::vector<std::uint32_t> raters = complete_raters(ratings);
  const std::uint32_t subjects = ratings.units;
  const auto n = static_cast<std::uint32_t>(raters.size());
  if (subjects < 2 || n < 2) return Number::missing();
  const CategoryCounts c = count_categories(ratings, raters);
  const auto found = std::find(c.categories.begin(), c.categories.end(), category.numerator());
  if (found == c.categories.end()) return Number::missing();  // p_j = 0
  const auto j = static_cast<std::size_t>(found - c.categories.begin());
  const std::size_t k = c.categories.size();
  const Wide total = static_cast<Wide>(subjects) * n;
  const Wide cj = c.totals[j];
  if (cj == total) return Number::missing();  // p_j = 1
  // N n (n - 1) p_j q_j = (n - 1) c_j (T - c_j) / T, so
  // kappa_j = 1 - T sum_i n_ij (n - n_ij) / ((n - 1) c_j (T - c_j)).
  Wide disagreement = 0;
  for (std::uint32_t unit = 0; unit < subjects; ++unit) {
    const Wide nij = c.counts[unit * k + j];
    disagreement += nij * (n - nij);
  }
  const Wide denominator = (static_cast<Wide>(n) - 1) * cj * (total - cj);
  return Number::fraction(denominator - total * disagreement, denominator);
}

// ---------------------------------------------------------------------------
// Krippendorff's alpha

std::optional<AlphaLevel> alpha_level(std::string_view name) {
  if (name == "nominal") return AlphaLevel::nominal;
  if (name == "ordinal") return AlphaLevel::ordinal;
  if (name == "interval") return AlphaLevel::interval;
  if (name == "ratio") return AlphaLevel::ratio;
  return std::nullopt;
}

Alpha krippendorff(const RatingMatrix& ratings, AlphaLevel level) {
  Alpha result;
  // The pairable statements' ratings, and the distinct values among them.
  std::vector<std::vector<std::int32_t>> units;
  std::vector<std::int32_t> values;
  for (std::uint32_t unit = 0; unit < ratings.units; ++unit) {
    std::vector<std::int32_t> unit_values;
    for (std::uint32_t rater = 0; rater < ratings.raters; ++rater) {
      const std::int32_t v = ratings.at(unit, rater);
      if (v != kNoRating) unit_values.push_back(v);
    }
    if (unit_values.size() < 2) continue;  // not pairable: dropped entirely
    values.insert(values.end(), unit_values.begin(), unit_values.end());
    units.push_back(std::move(unit_values));
  }
  result.units = static_cast<std::uint32_t>(units.size());
  result.pairable = static_cast<std::uint32_t>(values.size());
  if (units.empty()) return result;
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  const std::size_t k = values.size();
  if (level == AlphaLevel::ratio && values.front() < 0) return result;

  // Pair counts by m_u: pairs[m][c * k + d] = sum over the statements with m
  // ratings of the ordered pairs (c, d) by different panelists, so that
  // o_cd = sum_m pairs[m][c * k + d] / (m - 1). n_c counts the pairable
  // ratings equal to c.
  std::map<std::size_t, std::vector<Wide>> pairs;
  std::vector<Wide> n_c(k, 0);
  std::vector<Wide> tally(k);
  for (const std::vector<std::int32_t>& unit : units) {
    std::fill(tally.begin(), tally.end(), 0);
    for (const std::int32_t v : unit) {
      const auto c = static_cast<std::size_t>(std::lower_bound(values.begin(), values.end(), v) -
                                              values.begin());
      ++tally[c];
      ++n_c[c];
    }
    std::vector<Wide>& counts = pairs[unit.size()];
    counts.resize(k * k, 0);
    for (std::size_t c = 0; c < k; ++c) {
      if (tally[c] == 0) continue;
      for (std::size_t d = 0; d < k; ++d)
        counts[c * k + d] += tally[c] * (c == d ? tally[d] - 1 : tally[d]);
    }
  }

  // The squared differences.
  std::vector<Number> delta(k * k, Number::integer(0));
  std::vector<Wide> cumulative(k + 1, 0);  // cumulative[c] = n_0 + ... + n_{c-1}
  for (std::size_t c = 0; c < k; ++c)
    cumulative[c + 1] = cumulative[c] + n_c[c];
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t d = 0; d < k; ++d) {
      if (c == d) continue;
      const Wide vc = values[c], vd = values[d];
      switch (level) {
        case AlphaLevel::nominal:
          delta[c * k + d] = Number::integer(1);
          break;
        case AlphaLevel::ordinal: {
          // (sum_{g = c..d} n_g - (n_c + n_d) / 2)^2, times 4 a whole square.
          const std::size_t lo = std::min(c, d), hi = std::max(c, d);
          const Wide twice = 2 * (cumulative[hi + 1] - cumulative[lo]) - n_c[c] - n_c[d];
          delta[c * k + d] = Number::fraction(twice * twice, 4);
          break;
        }
        case AlphaLevel::interval:
          delta[c * k + d] = whole((vc - vd) * (vc - vd));
          break;
        case AlphaLevel::ratio:
          // Non-negative values, not both 0 since c != d.
          delta[c * k + d] = Number::fraction((vc - vd) * (vc - vd), (vc + vd) * (vc + vd));
          break;
      }
    }
  }

  // sum_cd o_cd delta_cd and sum_cd n_c n_d delta_cd.
  Number observed = Number::integer(0);
  for (const auto& [m, counts] : pairs) {
    Number by_size = Number::integer(0);
    for (std::size_t i = 0; i < k * k; ++i) {
      if (counts[i] != 0) by_size = by_size + whole(counts[i]) * delta[i];
    }
    observed = observed + by_size / whole(static_cast<Wide>(m) - 1);
  }
  Number expected = Number::integer(0);
  for (std::size_t c = 0; c < k; ++c) {
    for (std::size_t d = 0; d < k; ++d) {
      if (c != d) expected = expected + whole(n_c[c] * n_c[d]) * delta[c * k + d];
    }
  }
  if (expected.is_missing() || expected.value() == 0) return result;  // one value only
  result.alpha =
      Number::integer(1) - whole(static_cast<Wide>(result.pairable) - 1) * observed / expected;
  return result;
}

Number krippendorff_alpha(const RatingMatrix& ratings, AlphaLevel level) {
  return krippendorff(ratings, level).alpha;
}

}  // namespace tholos::stdlib
