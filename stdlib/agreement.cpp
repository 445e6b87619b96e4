#include "stdlib/agreement.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <vector>

#include "stdlib/descriptive.hpp"
#include "stdlib/quantile.hpp"

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

constexpr std::int32_t kRandLow = 1;
constexpr std::int32_t kRandHigh = 9;

Number truth_value(bool value) {
  return Number::integer(value ? 1 : 0);
}

Wide absolute(Wide v) {
  return v < 0 ? -v : v;
}

Wide greatest_common_divisor(Wide a, Wide b) {
  a = absolute(a);
  b = absolute(b);
  while (b != 0) {
    const Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// log2(num / den) for 0 < num <= den when it is a whole number (the ratio,
// in lowest terms, is 1 / 2^k); false otherwise.
bool whole_log2(Wide num, Wide den, std::int64_t& log) {
  const Wide g = greatest_common_divisor(num, den);
  num /= g;
  den /= g;
  if (num != 1) return false;
  std::int64_t k = 0;
  while (den % 2 == 0) {
    den /= 2;
    ++k;
  }
  if (den != 1) return false;
  log = -k;
  return true;
}

std::size_t occupied_points(const Histogram& ratings) {
  return static_cast<std::size_t>(std::count_if(ratings.counts.begin(), ratings.counts.end(),
                                                [](std::uint32_t c) { return c > 0; }));
}

// van der Eijk's agreement of one layer, given as its pattern vector (which
// of the K scale points the layer occupies):
//   A = U (1 - (S - 1) / (K - 1)),  S the number of occupied points,
//   U = ((K - 2) TU - (K - 1) TDU) / ((K - 2) (TU + TDU)),
// where, over all triples of scale points i < j < m, TU counts the triples
// whose pattern is 1 1 0 or 0 1 1 (consistent with one peak) and TDU those
// whose pattern is 1 0 1 (two peaks with a gap between them); the other
// patterns count for neither. A is 1 for one occupied point and 0 when every
// point is occupied (U is then undefined, but 1 - (S - 1) / (K - 1) is 0).
// With 1 < S < K there is an occupied pair and an empty point, so
// TU + TDU > 0 and K >= 3.
//
// TU and TDU are counted by the middle point j of each triple: an occupied j
// is the middle of (occupied before) x (empty after) triples 1 1 0 and
// (empty before) x (occupied after) triples 0 1 1; an empty j is the middle
// of (occupied before) x (occupied after) triples 1 0 1.
Number layer_agreement(const std::vector<bool>& occupied, Wide occupied_count) {
  const Wide k = static_cast<Wide>(occupied.size());
  const Wide s = occupied_count;
  if (s == 1) return Number::integer(1);
  if (s == k) return Number::integer(0);
  Wide tu = 0;
  Wide tdu = 0;
  Wide occupied_before = 0;
  for (std::size_t j = 0; j < occupied.size(); ++j) {
    const Wide before = static_cast<Wide>(j);
    const Wide after = k - before - 1;
    const Wide occupied_after = s - occupied_before - (occupied[j] ? 1 : 0);
    if (occupied[j]) {
      tu += occupied_before * (after - occupied_after);
      tu += (before - occupied_before) * occupied_after;
      ++occupied_before;
    } else {
      tdu += occupied_before * occupied_after;
    }
  }
  return Number::fraction(((k - 2) * tu - (k - 1) * tdu) * (k - s), (k - 2) * (tu + tdu) * (k - 1));
}

// The median on the RAND/UCLA scale, or missing.
Number rand_median(const Histogram& ratings) {
  if (!on_rand_scale(ratings) || ratings.empty()) return Number::missing();
  return median(ratings);
}

Number ceiling(const Number& x) {
  if (x.is_exact()) {
    std::int64_t q = x.numerator() / x.denominator();  // toward zero; the denominator is positive
    if (x.numerator() % x.denominator() != 0 && x.numerator() > 0) ++q;
    return Number::integer(q);
  }
  return Number::real(std::ceil(x.value()));
}

// Whether some whole number lies in both bands.
bool bands_share_a_point(const RatingBand& a, const RatingBand& b) {
  const Number low = a.low > b.low ? a.low : b.low;
  const Number high = a.high < b.high ? a.high : b.high;
  return ceiling(low) <= high;
}

}  // namespace

Number tastle_wierman(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  // Unanimity: every logarithm is log2(1) = 0 (and on a one-point scale the
  // width d is 0, where this is the only sensible value).
  if (occupied_points(ratings) == 1) return Number::integer(1);
  // With offsets i = X_i - low, S = sum of the offsets and n ratings, the
  // mean's offset is S / n and 1 - |X_i - mu| / d = (d n - |i n - S|) / (d n).
  const Wide n = ratings.total;
  Wide sum = 0;
  for (std::size_t i = 0; i < ratings.counts.size(); ++i) {
    sum += static_cast<Wide>(ratings.counts[i]) * static_cast<Wide>(i);
  }
  const Wide width = static_cast<Wide>(ratings.counts.size()) - 1;
  const Wide scale = width * n;
  bool exact = true;
  Wide whole_logs = 0;  // sum of count_i log2(ratio_i) while every log is whole
  double logs = 0;      // sum of count_i log2(ratio_i)
  for (std::size_t i = 0; i < ratings.counts.size(); ++i) {
    const std::uint32_t count = ratings.counts[i];
    if (count == 0) continue;
    const Wide distance = absolute(static_cast<Wide>(i) * n - sum);
    // distance < scale: it equals d n only at one end of the scale when
    // every rating is at the other, which this point's own ratings exclude.
    std::int64_t log = 0;
    if (exact && whole_log2(scale - distance, scale, log)) {
      whole_logs += static_cast<Wide>(count) * log;
    } else {
      exact = false;
    }
    // log2(1 - x) through log1p keeps the precision when x is small.
    logs += static_cast<double>(count) *
            std::log1p(-static_cast<double>(distance) / static_cast<double>(scale));
  }
  if (exact) return Number::integer(1) + Number::fraction(whole_logs, n);
  return Number::real(1.0 + logs / std::numbers::ln2 / static_cast<double>(n));
}

// van der Eijk (2001) decomposes the frequency distribution into layers: the
// first layer takes, from every occupied scale point, as many ratings as the
// least-occupied point has (its pattern: the occupied points); the next layer
// does the same with what remains, and so on until nothing remains (at most
// K layers, as each one empties at least one point). A layer of m ratings on
// each of its S points holds m S of the n ratings, and A is the average of
// the layers' agreements (layer_agreement) weighted by those shares:
//   A = sum over layers of (m S / n) A_layer.
Number van_der_eijk(const Histogram& ratings) {
  if (ratings.empty()) return Number::missing();
  std::vector<std::uint32_t> remaining(ratings.counts.begin(), ratings.counts.end());
  std::vector<bool> occupied(remaining.size());
  const Wide n = ratings.total;
  Number agreement = Number::integer(0);
  for (;;) {
    std::uint32_t least = 0;
    Wide points = 0;
    for (std::size_t i = 0; i < remaining.size(); ++i) {
      occupied[i] = remaining[i] > 0;
      if (!occupied[i]) continue;
      ++points;
      if (least == 0 || remaining[i] < least) least = remaining[i];
    }
    if (points == 0) break;
    agreement = agreement + Number::fraction(static_cast<Wide>(least) * points, n) *
                                layer_agreement(occupied, points);
    for (std::size_t i = 0; i < remaining.size(); ++i) {
      if (occupied[i]) remaining[i] -= least;
    }
  }
  return agreement;
}

bool on_rand_scale(const Histogram& ratings) {
  return ratings.low == kRandLow && ratings.high() == kRandHigh;
}

Number rand_appropriate(const Histogram& ratings) {
  const Number m = rand_median(ratings);
  return m.is_missing() ? m : truth_value(m >= Number::integer(7));
}

Number rand_inappropriate(const Histogram& ratings) {
  const Number m = rand_median(ratings);
  return m.is_missing() ? m : truth_value(m <= Number::integer(3));
}

Number rand_uncertain(const Histogram& ratings) {
  const Number m = rand_median(ratings);
  return m.is_missing() ? m : truth_value(m > Number::integer(3) && m < Number::integer(7));
}

std::uint32_t rand_disagreement_threshold(std::uint32_t panel_size) {
  if (panel_size < 8 || panel_size > 16) return 0;
  return 3 + (panel_size - 8) / 3;  // 8-10: 3, 11-13: 4, 14-16: 5
}

Number rand_disagreement(const Histogram& ratings) {
  const std::uint32_t needed = rand_disagreement_threshold(ratings.total);
  if (!on_rand_scale(ratings) || needed == 0) return Number::missing();
  const std::uint32_t lowest_third = ratings.counts[0] + ratings.counts[1] + ratings.counts[2];
  const std::uint32_t highest_third = ratings.counts[6] + ratings.counts[7] + ratings.counts[8];
  return truth_value(lowest_third >= needed && highest_third >= needed);
}

Number ipras_symmetric_range() {
  return Number::ratio(47, 20);
}

Number ipras_asymmetry_factor() {
  return Number::ratio(3, 2);
}

IprasAnalysis ipras_analysis(const Histogram& ratings, int quantile_type) {
  IprasAnalysis a;
  if (!on_rand_scale(ratings) || ratings.empty() || !is_quantile_type(quantile_type)) return a;
  a.p30 = quantile(ratings, Number::ratio(3, 10), quantile_type);
  a.p70 = quantile(ratings, Number::ratio(7, 10), quantile_type);
  a.ipr = a.p70 - a.p30;
  a.iprcp = (a.p30 + a.p70) / Number::integer(2);
  a.asymmetry_index = abs(Number::integer(5) - a.iprcp);
  a.ipras = ipras_symmetric_range() + ipras_asymmetry_factor() * a.asymmetry_index;
  a.index = a.ipr / a.ipras;  // IPRAS >= 2.35
  a.disagreement = truth_value(a.ipr > a.ipras);
  return a;
}

Number ipr(const Histogram& ratings, int quantile_type) {
  return ipras_analysis(ratings, quantile_type).ipr;
}

Number iprcp(const Histogram& ratings, int quantile_type) {
  return ipras_analysis(ratings, quantile_type).iprcp;
}

Number ipras(const Histogram& ratings, int quantile_type) {
  return ipras_analysis(ratings, quantile_type).ipras;
}

Number ipras_index(const Histogram& ratings, int quantile_type) {
  return ipras_analysis(ratings, quantile_type).index;
}

Number ipras_disagreement(const Histogram& ratings, int quantile_type) {
  return ipras_analysis(ratings, quantile_type).disagreement;
}

bool RatingBand::contains(std::int32_t rating) const {
  const Number r = Number::integer(rating);
  return r >= low && r <= high;
}

ApmoTerms apmo_terms(const RatingMatrix& statements, const RatingBand& agree,
                     const RatingBand& disagree) {
  // Band membership of each scale point, worked out once.
  const Scale& scale = statements.scale;
  const bool small_scale = scale.high >= scale.low && scale.points() <= 1024;
  std::vector<std::uint8_t> in_agree, in_disagree;
  if (small_scale) {
    for (std::int32_t r = scale.low; r <= scale.high; ++r) {
      in_agree.push_back(agree.contains(r) ? 1 : 0);
      in_disagree.push_back(disagree.contains(r) ? 1 : 0);
    }
  }
  auto member = [&](const std::vector<std::uint8_t>& table, const RatingBand& band,
                    std::int32_t r) {
    if (small_scale && r >= scale.low && r <= scale.high) {
      return table[static_cast<std::size_t>(r - scale.low)] != 0;
    }
    return band.contains(r);
  };
  ApmoTerms terms;
  for (std::uint32_t s = 0; s < statements.units; ++s) {
    std::uint64_t valid = 0, agreeing = 0, disagreeing = 0;
    for (std::uint32_t p = 0; p < statements.raters; ++p) {
      const std::int32_t r = statements.at(s, p);
      if (r == kNoRating) continue;
      ++valid;
      if (member(in_agree, agree, r)) ++agreeing;
      if (member(in_disagree, disagree, r)) ++disagreeing;
    }
    terms.opinions += valid;
    // A majority is more than half of the statement's valid ratings.
    if (2 * agreeing > valid) {
      terms.majority_agreements += agreeing;
      ++terms.statements_with_majority;
    } else if (2 * disagreeing > valid) {
      terms.majority_disagreements += disagreeing;
      ++terms.statements_with_majority;
    }
  }
  return terms;
}

Number apmo(const RatingMatrix& statements, const RatingBand& agree, const RatingBand& disagree) {
  for (const Number* bound : {&agree.low, &agree.high, &disagree.low, &disagree.high}) {
    if (bound->is_missing()) return Number::missing();
  }
  if (bands_share_a_point(agree, disagree)) return Number::missing();
  const ApmoTerms terms = apmo_terms(statements, agree, disagree);
  if (terms.opinions == 0) return Number::missing();
  return Number::fraction(static_cast<Wide>(terms.majority_agreements) +
                              static_cast<Wide>(terms.majority_disagreements),
                          static_cast<Wide>(terms.opinions));
}

}  // namespace tholos::stdlib
