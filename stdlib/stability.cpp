#include "stdlib/stability.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

// Boost.Math supplies the normal and chi-square distributions (it has no
// signed-rank distribution: signed_rank_counts below counts it exactly).
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include "stdlib/descriptive.hpp"

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

// Distribution functions never throw: an argument outside their domain (which
// the callers rule out) would give NaN, which Number::real turns into missing.
using Quiet = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>;

// The position of a rating on the scale (0 for the lowest point), or -1
// when it lies outside.
std::int64_t point_index(const Scale& scale, std::int32_t rating) {
  if (rating < scale.low || rating > scale.high) return -1;
  return static_cast<std::int64_t>(rating) - scale.low;
}

std::size_t scale_points(const Scale& scale) {
  const std::int64_t points = static_cast<std::int64_t>(scale.high) - scale.low + 1;
  return points > 0 ? static_cast<std::size_t>(points) : 0;
}

// P(X >= statistic) for X chi-square with df degrees of freedom (Boost.Math).
// A statistic of 0 has p exactly 1, whatever the df (with df 0 the
// distribution is a point mass at 0).
Number chi_square_upper_tail(const Number& statistic, std::uint32_t df) {
  if (statistic.is_missing()) return Number::missing();
  if (df == 0 || statistic.value() <= 0) return Number::integer(1);
  const boost::math::chi_squared_distribution<double, Quiet> distribution(df);
  return Number::real(boost::math::cdf(boost::math::complement(distribution, statistic.value())));
}

// A contingency table of counts, row-major, whose every row and column has
// a positive total.
struct Table {
  std::size_t rows = 0;
  std::size_t columns = 0;
  std::vector<std::uint64_t> cells;
  std::uint64_t at(std::size_t r, std::size_t c) const { return cells[r * columns + c]; }
};

// Pearson's X^2 = sum (O - E)^2 / E with E = R C / N, each term taken as
// the exact rational (N O - R C)^2 / (N R C). The sum stays exact while it
// fits in 64-bit terms and continues in floating point after that; the
// terms are non-negative, so nothing cancels either way.
Number pearson_statistic(const Table& table) {
  std::vector<Wide> row_total(table.rows, 0), column_total(table.columns, 0);
  Wide total = 0;
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.columns; ++c) {
      const Wide o = table.at(r, c);
      row_total[r] += o;
      column_total[c] += o;
      total += o;
    }
  }
  Number sum = Number::integer(0);
  for (std::size_t r = 0; r < table.rows; ++r) {
    for (std::size_t c = 0; c < table.columns; ++c) {
      const Wide expected_times_total = row_total[r] * column_total[c];
      const Wide deviation = total * static_cast<Wide>(table.at(r, c)) - expected_times_total;
      sum = sum + Number::fraction(deviation * deviation, total * expected_times_total);
    }
  }
  return sum;
}

ChiSquareTest pearson_test(const Table& table) {
  ChiSquareTest test;
  test.df = static_cast<std::uint32_t>((table.rows - 1) * (table.columns - 1));
  test.statistic = pearson_statistic(table);
  test.p = chi_square_upper_tail(test.statistic, test.df);
  return test;
}

// Twice the mid-rank of each value among all of them (whole numbers: the
// mid-rank of a value is (less + 1 + less + equal) / 2, with `less` the
// values below it and `equal` the values equal to it).
std::vector<Wide> twice_midranks(const std::vector<std::int64_t>& values) {
  std::vector<std::int64_t> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Wide> ranks;
  ranks.reserve(values.size());
  for (const std::int64_t v : values) {
    const auto first = std::lower_bound(sorted.begin(), sorted.end(), v);
    const auto last = std::upper_bound(first, sorted.end(), v);
    ranks.push_back(2 * static_cast<Wide>(first - sorted.begin()) +
                    static_cast<Wide>(last - first) + 1);
  }
  return ranks;
}

// The distinct values of `values`, ascending.
std::vector<std::int32_t> distinct(std::vector<std::int32_t> values) {
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

std::size_t position(const std::vector<std::int32_t>& sorted_distinct, std::int32_t value) {
  return static_cast<std::size_t>(
      std::lower_bound(sorted_distinct.begin(), sorted_distinct.end(), value) -
      sorted_distinct.begin());
}

}  // namespace

Number net_change(const PairedRatings& pairs) {
  const std::size_t points = scale_points(pairs.scale);
  if (pairs.size() == 0 || points == 0) return Number::missing();
  // f_this(x) - f_other(x) for each scale point x.
  std::vector<std::int64_t> difference(points, 0);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::int64_t a = point_index(pairs.scale, pairs.first[i]);
    const std::int64_t b = point_index(pairs.scale, pairs.second[i]);
    if (a < 0 || b < 0) return Number::missing();
    ++difference[static_cast<std::size_t>(a)];
    --difference[static_cast<std::size_t>(b)];
  }
  std::int64_t sum = 0;
  for (const std::int64_t d : difference)
    sum += std::llabs(d);
  return Number::ratio(sum, 2 * static_cast<std::int64_t>(pairs.size()));
}

Number cv_change(const Histogram& this_round, const Histogram& other_round) {
  return cv(this_round) - cv(other_round);
}

std::vector<std::uint64_t> signed_rank_counts(std::uint32_t n) {
  const std::size_t max_sum = static_cast<std::size_t>(n) * (n + 1) / 2;
  std::vector<std::uint64_t> counts(max_sum + 1, 0);
  counts[0] = 1;
  // Adding k to the set {1, ..., k - 1}: a subset of {1, ..., k} with sum s
  // either leaves k out (sum s before) or takes it (sum s - k before).
  for (std::size_t k = 1; k <= n; ++k) {
    for (std::size_t s = k * (k + 1) / 2; s >= k; --s)
      counts[s] += counts[s - k];
  }
  return counts;
}

SignedRankTest wilcoxon_signed_rank(const PairedRatings& pairs) {
  SignedRankTest test;
  if (pairs.size() == 0) return test;
  std::vector<std::int64_t> differences;
  bool zeroes = false;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::int64_t d = static_cast<std::int64_t>(pairs.first[i]) - pairs.second[i];
    if (d == 0) {
      zeroes = true;
    } else {
      differences.push_back(d);
    }
  }
  const auto n = static_cast<std::uint32_t>(differences.size());
  test.nonzero = n;

  std::vector<std::int64_t> magnitudes;
  magnitudes.reserve(n);
  for (const std::int64_t d : differences)
    magnitudes.push_back(std::llabs(d));
  const std::vector<Wide> ranks = twice_midranks(magnitudes);
  Wide twice_v = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (differences[i] > 0) twice_v += ranks[i];
  }
  test.v = Number::fraction(twice_v, 2);
  if (n == 0) return test;  // every difference is zero: no test

  // Tied |d|: sum over groups of equal magnitudes of t^3 - t.
  std::sort(magnitudes.begin(), magnitudes.end());
  Wide tie_sum = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i;
    while (j < n && magnitudes[j] == magnitudes[i])
      ++j;
    const auto t = static_cast<Wide>(j - i);
    tie_sum += t * t * t - t;
    i = j;
  }
  const Wide nn = n;
  const Wide mean_times_4 = nn * (nn + 1);  // 4 E[V] = n(n + 1)

  if (n < 50 && tie_sum == 0 && !zeroes) {
    // Exact: V is a whole number; P = P(X <= V) below the mean, P(X >= V)
    // above it; p = min(1, 2P) = min(2^n, 2 * count) / 2^n.
    test.exact = true;
    const std::vector<std::uint64_t> counts = signed_rank_counts(n);
    const auto v = static_cast<std::size_t>(twice_v / 2);
    std::uint64_t tail = 0;
    if (4 * static_cast<Wide>(v) > mean_times_4) {
      for (std::size_t s = v; s < counts.size(); ++s)
        tail += counts[s];
    } else {
      for (std::size_t s = 0; s <= v; ++s)
        tail += counts[s];
    }
    const std::int64_t total = std::int64_t{1} << n;
    const std::int64_t twice_tail = 2 * static_cast<std::int64_t>(tail);
    test.p = Number::ratio(std::min(twice_tail, total), total);
    return test;
  }

  // Normal approximation with continuity correction:
  // 4 (V - E[V]) = 2 (2V) - n(n + 1); the correction sign(.) / 2 is 2 sign(.)
  // in these units; 48 Var[V] = 2 n(n + 1)(2n + 1) - sum(t^3 - t).
  const Wide centred_times_4 = 2 * twice_v - mean_times_4;
  const Wide sign = centred_times_4 > 0 ? 1 : (centred_times_4 < 0 ? -1 : 0);
  const Wide corrected_times_4 = centred_times_4 - 2 * sign;
  const Wide variance_times_48 = 2 * mean_times_4 * (2 * nn + 1) - tie_sum;
  const double z = (static_cast<double>(corrected_times_4) / 4) /
                   std::sqrt(static_cast<double>(variance_times_48) / 48);
  const boost::math::normal_distribution<double, Quiet> normal;
  test.p = Number::real(2 * boost::math::cdf(boost::math::complement(normal, std::abs(z))));
  return test;
}

ChiSquareTest mcnemar(const PairedRatings& pairs) {
  ChiSquareTest test;
  test.df = 1;
  std::int64_t true_false = 0, false_true = 0;  // n10, n01
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::int32_t a = pairs.first[i], b = pairs.second[i];
    if ((a != 0 && a != 1) || (b != 0 && b != 1)) return test;
    if (a == 1 && b == 0) ++true_false;
    if (a == 0 && b == 1) ++false_true;
  }
  const std::int64_t discordant = true_false + false_true;
  if (discordant == 0) return test;
  const std::int64_t gap = std::llabs(true_false - false_true);
  // R corrects only an asymmetric table: with n10 = n01 the statistic is 0.
  const std::int64_t corrected = gap == 0 ? 0 : gap - 1;
  test.statistic = Number::ratio(corrected * corrected, discordant);
  test.p = chi_square_upper_tail(test.statistic, test.df);
  return test;
}

ChiSquareTest dajani(const Histogram& this_round, const Histogram& other_round) {
  if (this_round.empty() || other_round.empty()) return ChiSquareTest{};
  const std::int32_t low = std::min(this_round.low, other_round.low);
  const std::int32_t high = std::max(this_round.high(), other_round.high());
  auto count_at = [](const Histogram& h, std::int32_t x) -> std::uint64_t {
    if (x < h.low || x > h.high()) return 0;
    return h.counts[static_cast<std::size_t>(x - h.low)];
  };
  Table table;
  table.rows = 2;
  std::vector<std::uint64_t> first, second;
  for (std::int32_t x = low; x <= high; ++x) {
    const std::uint64_t a = count_at(this_round, x), b = count_at(other_round, x);
    if (a + b == 0) continue;  // a point empty in both rounds is dropped
    first.push_back(a);
    second.push_back(b);
  }
  table.columns = first.size();
  if (table.columns < 2) {
    // Every rating in both rounds is one point: identical distributions.
    ChiSquareTest test;
    test.statistic = Number::integer(0);
    test.p = Number::integer(1);
    return test;
  }
  table.cells = first;
  table.cells.insert(table.cells.end(), second.begin(), second.end());
  return pearson_test(table);
}

ChiSquareTest chaffin_talley(const PairedRatings& pairs) {
  const std::vector<std::int32_t> row_values = distinct(pairs.first);
  const std::vector<std::int32_t> column_values = distinct(pairs.second);
  if (row_values.size() < 2 || column_values.size() < 2) return ChiSquareTest{};
  Table table;
  table.rows = row_values.size();
  table.columns = column_values.size();
  table.cells.assign(table.rows * table.columns, 0);
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    ++table.cells[position(row_values, pairs.first[i]) * table.columns +
                  position(column_values, pairs.second[i])];
  }
  return pearson_test(table);
}

Number weighted_kappa(const PairedRatings& pairs, std::span<const std::int64_t> disagreement) {
  const std::size_t k = scale_points(pairs.scale);
  if (pairs.size() == 0 || k == 0 || disagreement.size() != k * k) return Number::missing();
  for (const std::int64_t v : disagreement) {
    if (v < 0) return Number::missing();
  }
  std::vector<Wide> row(k, 0), column(k, 0);
  Wide observed = 0;  // sum v_ij o_ij
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    const std::int64_t i = point_index(pairs.scale, pairs.first[p]);
    const std::int64_t j = point_index(pairs.scale, pairs.second[p]);
    if (i < 0 || j < 0) return Number::missing();
    ++row[static_cast<std::size_t>(i)];
    ++column[static_cast<std::size_t>(j)];
    observed += disagreement[static_cast<std::size_t>(i) * k + static_cast<std::size_t>(j)];
  }
  Wide chance = 0;  // n * sum v_ij e_ij = sum v_ij r_i c_j
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j)
      chance += disagreement[i * k + j] * row[i] * column[j];
  }
  if (chance == 0) return Number::missing();
  // 1 - sum v o / sum v e = 1 - n * observed / chance.
  const Wide n = static_cast<Wide>(pairs.size());
  return Number::fraction(chance - n * observed, chance);
}

Number weighted_kappa(const PairedRatings& pairs, KappaWeights weights) {
  const std::size_t k = scale_points(pairs.scale);
  if (k < 2) return Number::missing();
  std::vector<std::int64_t> disagreement(k * k);
  for (std::size_t i = 0; i < k; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      const auto d = static_cast<std::int64_t>(i > j ? i - j : j - i);
      disagreement[i * k + j] = weights == KappaWeights::linear ? d : d * d;
    }
  }
  return weighted_kappa(pairs, disagreement);
}

Number spearman(const PairedRatings& pairs) {
  const std::size_t n = pairs.size();
  if (n < 2) return Number::missing();
  const std::vector<Wide> x =
      twice_midranks(std::vector<std::int64_t>(pairs.first.begin(), pairs.first.end()));
  const std::vector<Wide> y =
      twice_midranks(std::vector<std::int64_t>(pairs.second.begin(), pairs.second.end()));
  Wide sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    syy += y[i] * y[i];
    sxy += x[i] * y[i];
  }
  // n^2 times the (co)variances of the doubled ranks; the scale cancels.
  const Wide nn = static_cast<Wide>(n);
  const Wide cxx = nn * sxx - sx * sx;
  const Wide cyy = nn * syy - sy * sy;
  const Wide cxy = nn * sxy - sx * sy;
  if (cxx == 0 || cyy == 0) return Number::missing();
  return Number::fraction(cxy, 1) / sqrt(Number::fraction(cxx, 1) * Number::fraction(cyy, 1));
}

}  // namespace tholos::stdlib
