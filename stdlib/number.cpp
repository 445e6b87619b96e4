#include "stdlib/number.hpp"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <utility>

namespace tholos::stdlib {
namespace {

using Wide = WideInteger;

constexpr Wide kMax = std::numeric_limits<std::int64_t>::max();

// Binary GCD (Stein's algorithm), without branches in the loop: no
// division, which for 64-bit operands is the slow part of Euclid's.
std::uint64_t gcd64(std::uint64_t a, std::uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  const int shift = __builtin_ctzll(a | b);
  a >>= __builtin_ctzll(a);
  do {
    b >>= __builtin_ctzll(b);
    const std::uint64_t smaller = a < b ? a : b;
    b = a < b ? b - a : a - b;
    a = smaller;
  } while (b != 0);
  return a << shift;
}

// x / g for g dividing x, in 32 bits when both fit (a much cheaper division).
std::int64_t divide_exactly(std::int64_t x, std::uint64_t g) {
  if (x >= 0 && x <= INT32_MAX && g <= UINT32_MAX) {
    return static_cast<std::uint32_t>(x) / static_cast<std::uint32_t>(g);
  }
  return x / static_cast<std::int64_t>(g);
}

Wide wide_gcd(Wide a, Wide b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  constexpr Wide k64 = static_cast<Wide>(std::numeric_limits<std::uint64_t>::max());
  if (a <= k64 && b <= k64) {
    return gcd64(static_cast<std::uint64_t>(a), static_cast<std::uint64_t>(b));
  }
  while (b != 0) {
    const Wide t = a % b;
    a = b;
    b = t;
  }
  return a;
}

bool is_perfect_square(std::int64_t v, std::int64_t& root);

}  // namespace

Number Number::fraction(Wide num, Wide den) {
  if (den == 0) return Number::missing();
  if (num <= kMax && num >= -kMax && den <= kMax && den >= -kMax) {  // no 128-bit division
    return Number::ratio(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
  }
  if (den < 0) {
    num = -num;
    den = -den;
  }
  const Wide g = wide_gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  if (num > kMax || num < -kMax || den > kMax) {
    return Number::real(
        static_cast<double>(static_cast<long double>(num) / static_cast<long double>(den)));
  }
  return Number::ratio(static_cast<std::int64_t>(num), static_cast<std::int64_t>(den));
}

namespace {

bool is_perfect_square(std::int64_t v, std::int64_t& root) {
  if (v < 0) return false;
  auto r = static_cast<std::int64_t>(std::llround(std::sqrt(static_cast<double>(v))));
  for (std::int64_t c = std::max<std::int64_t>(0, r - 1); c <= r + 1; ++c) {
    if (static_cast<Wide>(c) * c == v) {
      root = c;
      return true;
    }
  }
  return false;
}

}  // namespace

Number Number::integer(std::int64_t value) {
  // INT64_MIN has no exact negation; like every other out-of-range result it
  // becomes a double.
  if (value < -kMax) return real(static_cast<double>(value));
  Number n;
  n.state_ = State::exact;
  n.num_ = value;
  n.den_ = 1;
  n.value_ = static_cast<double>(value);
  return n;
}

Number Number::ratio(std::int64_t num, std::int64_t den) {
  if (den == 0) return missing();
  constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();
  if (num != kMin && den != kMin) {  // the usual case, in 64-bit arithmetic
    if (den < 0) {
      num = -num;
      den = -den;
    }
    const std::uint64_t g =
        gcd64(static_cast<std::uint64_t>(num < 0 ? -num : num), static_cast<std::uint64_t>(den));
    Number r;
    r.state_ = State::exact;
    r.num_ = g > 1 ? divide_exactly(num, g) : num;
    r.den_ = g > 1 ? divide_exactly(den, g) : den;
    // IEEE division of two exactly representable integers is correctly
    // rounded, so equal rationals always give the same double.
    r.value_ = static_cast<double>(r.num_) / static_cast<double>(r.den_);
    return r;
  }
  Wide n = num, d = den;
  if (d < 0) {
    n = -n;
    d = -d;
  }
  const Wide g = wide_gcd(n, d);
  if (g > 1) {
    n /= g;
    d /= g;
  }
  // d can be 2^63 when den is INT64_MIN and nothing cancels.
  if (n > kMax || n < -kMax || d > kMax) {
    return real(static_cast<double>(num) / static_cast<double>(den));
  }
  Number r;
  r.state_ = State::exact;
  r.num_ = static_cast<std::int64_t>(n);
  r.den_ = static_cast<std::int64_t>(d);
  // IEEE division of two exactly representable integers is correctly
  // rounded, so equal rationals always give the same double.
  r.value_ = static_cast<double>(r.num_) / static_cast<double>(r.den_);
  return r;
}

Number Number::real(double value) {
  Number n;
  if (std::isnan(value)) return n;
  n.state_ = State::real;
  n.value_ = value;
  return n;
}

std::optional<Number> Number::parse_decimal(const std::string& text) {
  // digits [. digits] [e|E [+|-] digits]; value = mantissa * 10^(exponent - scale)
  auto digit = [&](std::size_t i) {
    return i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0;
  };
  std::size_t i = 0;
  Wide mantissa = 0;
  long scale = 0;
  bool overflow = false;
  bool any_digit = false;
  // Where the first significant digit stands (10^order), before the exponent:
  // all that is needed to tell a too-large number from a too-small one.
  long order = 0;
  bool seen_significant = false;
  auto take = [&](bool fraction) {
    any_digit = true;
    const int d = text[i] - '0';
    if (!seen_significant) {
      if (d != 0) seen_significant = true;
      if (fraction) --order;
    } else if (!fraction) {
      ++order;
    }
    if (mantissa > kMax / 10) {
      // Beyond 18 significant digits only a trailing zero after the point
      // keeps the value exact; anything else makes the double below the value.
      if (!(fraction && d == 0)) overflow = true;
    } else {
      mantissa = mantissa * 10 + d;
      if (fraction) ++scale;
    }
    ++i;
  };
  while (digit(i))
    take(false);
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (digit(i))
      take(true);
  }
  long exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
    if (!digit(i)) return std::nullopt;
    while (digit(i)) {
      if (exponent < 100000) exponent = exponent * 10 + (text[i] - '0');
      ++i;
    }
    if (negative) exponent = -exponent;
  }
  if (!any_digit || i != text.size()) return std::nullopt;
  // from_chars, unlike strtod, ignores the locale: a host that has set a
  // German locale must still read "0.5" as one half.
  double approximate = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), approximate);
  if (error == std::errc::result_out_of_range) {
    if (order + exponent > 0) return std::nullopt;  // overflows a double
    approximate = 0;                                // underflows to zero
  } else if (error != std::errc() || end != text.data() + text.size()) {
    return std::nullopt;
  }
  const long power = exponent - scale;
  if (overflow || power > 18 || power < -36) return real(approximate);
  Wide p10 = 1;
  for (long k = 0; k < (power < 0 ? -power : power); ++k)
    p10 *= 10;
  return power >= 0 ? Number::fraction(mantissa * p10, 1) : Number::fraction(mantissa, p10);
}

Number Number::operator-() const {
  if (is_exact()) return ratio(-num_, den_);
  if (is_missing()) return missing();
  return real(-value_);
}

Number operator+(const Number& a, const Number& b) {
  if (a.is_missing() || b.is_missing()) return Number::missing();
  if (a.is_exact() && b.is_exact()) {
    return Number::fraction(static_cast<Wide>(a.num_) * b.den_ + static_cast<Wide>(b.num_) * a.den_,
                            static_cast<Wide>(a.den_) * b.den_);
  }
  return Number::real(a.value_ + b.value_);
}

Number operator-(const Number& a, const Number& b) {
  return a + (-b);
}

Number operator*(const Number& a, const Number& b) {
  if (a.is_missing() || b.is_missing()) return Number::missing();
  if (a.is_exact() && b.is_exact()) {
    return Number::fraction(static_cast<Wide>(a.num_) * b.num_, static_cast<Wide>(a.den_) * b.den_);
  }
  return Number::real(a.value_ * b.value_);
}

Number operator/(const Number& a, const Number& b) {
  if (a.is_missing() || b.is_missing()) return Number::missing();
  if (b.value_ == 0) return Number::missing();
  if (a.is_exact() && b.is_exact()) {
    return Number::fraction(static_cast<Wide>(a.num_) * b.den_, static_cast<Wide>(a.den_) * b.num_);
  }
  return Number::real(a.value_ / b.value_);
}

std::partial_ordering operator<=>(const Number& a, const Number& b) {
  if (a.is_missing() || b.is_missing()) return std::partial_ordering::unordered;
  if (a.is_exact() && b.is_exact()) {
    const Wide left = static_cast<Wide>(a.num_) * b.den_;
    const Wide right = static_cast<Wide>(b.num_) * a.den_;
    if (left < right) return std::partial_ordering::less;
    if (left > right) return std::partial_ordering::greater;
    return std::partial_ordering::equivalent;
  }
  return a.value_ <=> b.value_;
}

bool operator==(const Number& a, const Number& b) {
  return (a <=> b) == std::partial_ordering::equivalent;
}

std::string Number::to_string() const {
  if (is_missing()) return "missing";
  return fmt::format("{}", value_);
}

Number sqrt(const Number& x) {
  if (x.is_missing() || x.value() < 0) return Number::missing();
  if (x.is_exact()) {
    std::int64_t n = 0, d = 0;
    if (is_perfect_square(x.numerator(), n) && is_perfect_square(x.denominator(), d)) {
      return Number::ratio(n, d);
    }
  }
  return Number::real(std::sqrt(x.value()));
}

Number abs(const Number& x) {
  return x.value() < 0 ? -x : x;
}

}  // namespace tholos::stdlib
