// The function table: names, signatures, and the adapters to the statistics.
#include "stdlib/catalogue.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "tests/stdlib/ratings.hpp"

namespace tholos::stdlib {
namespace {

using testing::Ratings;

const Overload& only_overload(std::string_view name) {
  const FunctionInfo* f = find_function(name);
  EXPECT_NE(f, nullptr) << name;
  EXPECT_EQ(f->overloads.size(), 1u) << name;
  return f->overloads.front();
}

std::vector<ParamKind> kinds(const Overload& o) {
  std::vector<ParamKind> result;
  for (const Param& p : o.params)
    result.push_back(p.kind);
  return result;
}

Argument ratings_argument(const Histogram& h) {
  Argument a;
  a.ratings = h;
  return a;
}

Argument number_argument(const Number& n) {
  Argument a;
  a.number = n;
  return a;
}

Argument type_argument(int type) {
  Argument a;
  a.quantile_type = type;
  return a;
}

Argument tally_argument(std::uint32_t trues, std::uint32_t total) {
  Argument a;
  a.tally = Tally{trues, total};
  return a;
}

TEST(Catalogue, EveryFunctionIsFoundByName) {
  const std::vector<std::string> names = {"count", "share",  "mean",  "sd",       "var",
                                          "cv",    "median", "mad",   "mad_raw",  "mode",
                                          "min",   "max",    "range", "quantile", "iqr"};
  for (const std::string& name : names) {
    const FunctionInfo* f = find_function(name);
    ASSERT_NE(f, nullptr) << name;
    EXPECT_EQ(f->name, name);
    EXPECT_FALSE(f->summary.empty()) << name;
    EXPECT_FALSE(f->overloads.empty()) << name;
    for (const Overload& o : f->overloads)
      EXPECT_NE(o.implementation, nullptr) << name;
  }
  EXPECT_EQ(find_function("average"), nullptr);
  EXPECT_EQ(find_function(""), nullptr);
  EXPECT_EQ(find_function("Mean"), nullptr);  // names are case-sensitive
}

TEST(Catalogue, NamesAreUnique) {
  std::set<std::string_view> seen;
  for (const FunctionInfo& f : catalogue())
    EXPECT_TRUE(seen.insert(f.name).second) << f.name;
}

TEST(Catalogue, SingleVectorFunctionsTakeRatingsAndGiveNumbers) {
  for (const char* name :
       {"mean", "sd", "var", "cv", "median", "mad", "mad_raw", "mode", "min", "max", "range"}) {
    const Overload& o = only_overload(name);
    EXPECT_EQ(kinds(o), std::vector<ParamKind>{ParamKind::ratings}) << name;
    EXPECT_FALSE(o.params.front().optional) << name;
    EXPECT_EQ(o.result, ResultKind::number) << name;
  }
}

TEST(Catalogue, MinCounts) {
  for (const char* name :
       {"mean", "median", "mad", "mad_raw", "mode", "min", "max", "range", "quantile", "iqr"}) {
    EXPECT_EQ(only_overload(name).min_count, 1u) << name;
  }
  for (const char* name : {"var", "sd", "cv"})
    EXPECT_EQ(only_overload(name).min_count, 2u) << name;
  for (const Overload& o : find_function("count")->overloads)
    EXPECT_EQ(o.min_count, 0u);
}

TEST(Catalogue, MinCountMatchesWhenImplementationsGiveAValue) {
  // Below min_count the result is missing; at min_count (on ratings that
  // are not degenerate) it is not.
  // On 1..9, the scale the RAND/UCLA functions need.
  const Ratings none(1, 9, {});
  const Ratings one(1, 9, {3});
  const Ratings two(1, 9, {3, 3});  // equal, so the mode is not tied
  const Ratings* by_size[] = {&none, &one, &two};
  for (const FunctionInfo& f : catalogue()) {
    for (const Overload& o : f.overloads) {
      if (o.params.front().kind != ParamKind::ratings) continue;
      for (std::uint32_t n = 0; n <= 2; ++n) {
        std::vector<Argument> args;
        for (const Param& p : o.params) {
          Argument a = ratings_argument(*by_size[n]);
          if (p.kind == ParamKind::number) a.number = Number::ratio(1, 2);
          args.push_back(a);
        }
        const Number result = o.implementation(args);
        EXPECT_EQ(result.is_missing(), n < o.min_count) << f.name << " with " << n << " ratings";
      }
    }
  }
}

TEST(Catalogue, CountOverloads) {
  const FunctionInfo* count = find_function("count");
  ASSERT_EQ(count->overloads.size(), 2u);
  const Overload& of_ratings = count->overloads[0];
  const Overload& of_tally = count->overloads[1];
  EXPECT_EQ(kinds(of_ratings), std::vector<ParamKind>{ParamKind::ratings});
  EXPECT_EQ(kinds(of_tally), std::vector<ParamKind>{ParamKind::tally});
  EXPECT_EQ(of_ratings.result, ResultKind::number);
  EXPECT_EQ(of_tally.result, ResultKind::number);

  const Ratings r(1, 5, {1, 4, 5});
  const std::vector<Argument> ratings_args = {ratings_argument(r)};
  EXPECT_TRUE(of_ratings.implementation(ratings_args) == Number::integer(3));
  const std::vector<Argument> tally_args = {tally_argument(2, 3)};
  EXPECT_TRUE(of_tally.implementation(tally_args) == Number::integer(2));
  const std::vector<Argument> empty_args = {ratings_argument(Ratings(1, 5, {}))};
  EXPECT_TRUE(of_ratings.implementation(empty_args) == Number::integer(0));
}

TEST(Catalogue, ShareOverloads) {
  const FunctionInfo* share = find_function("share");
  ASSERT_EQ(share->overloads.size(), 2u);
  const Overload& of_total = share->overloads[0];
  const Overload& of_denominator = share->overloads[1];
  EXPECT_EQ(kinds(of_total), std::vector<ParamKind>{ParamKind::tally});
  EXPECT_EQ(kinds(of_denominator), (std::vector<ParamKind>{ParamKind::tally, ParamKind::number}));
  EXPECT_EQ(of_total.result, ResultKind::percentage);
  EXPECT_EQ(of_denominator.result, ResultKind::percentage);
  EXPECT_EQ(of_total.min_count, 1u);
  EXPECT_EQ(of_denominator.min_count, 0u);

  std::vector<Argument> nine_of_twelve = {tally_argument(9, 12)};
  EXPECT_TRUE(of_total.implementation(nine_of_twelve) == Number::ratio(3, 4));
  std::vector<Argument> none = {tally_argument(0, 0)};
  EXPECT_TRUE(of_total.implementation(none).is_missing());

  std::vector<Argument> of_ten = {tally_argument(7, 9), number_argument(Number::integer(10))};
  EXPECT_TRUE(of_denominator.implementation(of_ten) == Number::ratio(7, 10));
  std::vector<Argument> of_zero = {tally_argument(7, 9), number_argument(Number::integer(0))};
  EXPECT_TRUE(of_denominator.implementation(of_zero).is_missing());
  std::vector<Argument> of_missing = {tally_argument(7, 9), number_argument(Number::missing())};
  EXPECT_TRUE(of_denominator.implementation(of_missing).is_missing());
}

TEST(Catalogue, QuantileFunctionsDependOnTheType) {
  const FunctionInfo* quantile = find_function("quantile");
  const FunctionInfo* iqr = find_function("iqr");
  EXPECT_TRUE(quantile->depends_on_quantile_type);
  EXPECT_TRUE(iqr->depends_on_quantile_type);
  // Exactly the functions with a quantile type parameter (median has none).
  for (const FunctionInfo& f : catalogue()) {
    bool takes_type = false;
    for (const Overload& o : f.overloads) {
      for (const Param& p : o.params)
        takes_type = takes_type || p.kind == ParamKind::quantile_type;
    }
    EXPECT_EQ(f.depends_on_quantile_type, takes_type) << f.name;
  }
  const Overload& q = quantile->overloads.front();
  EXPECT_EQ(kinds(q), (std::vector<ParamKind>{ParamKind::ratings, ParamKind::number,
                                              ParamKind::quantile_type}));
  EXPECT_FALSE(q.params[0].optional);
  EXPECT_FALSE(q.params[1].optional);
  EXPECT_TRUE(q.params[2].optional);
  const Overload& i = iqr->overloads.front();
  EXPECT_EQ(kinds(i), (std::vector<ParamKind>{ParamKind::ratings, ParamKind::quantile_type}));
  EXPECT_TRUE(i.params[1].optional);
}

TEST(Catalogue, QuantileReadsTheTypeArgument) {
  // VECTORS.md: 5 6 7 7 7 8 8 8 9 9 has IQR 1 by type 7 and 1.5 by type 6.
  const Ratings r(1, 9, {5, 6, 7, 7, 7, 8, 8, 8, 9, 9});
  const Overload& iqr = find_function("iqr")->overloads.front();
  std::vector<Argument> type7 = {ratings_argument(r), type_argument(7)};
  std::vector<Argument> type6 = {ratings_argument(r), type_argument(6)};
  EXPECT_TRUE(iqr.implementation(type7) == Number::integer(1));
  EXPECT_TRUE(iqr.implementation(type6) == Number::ratio(3, 2));

  const Overload& quantile = find_function("quantile")->overloads.front();
  std::vector<Argument> q = {ratings_argument(r), number_argument(Number::ratio(1, 4)),
                             type_argument(6)};
  EXPECT_TRUE(quantile.implementation(q) == Number::ratio(27, 4));
}

TEST(Catalogue, ModeExplainsItsOtherMissingReason) {
  EXPECT_EQ(find_function("mode")->other_missing_reason, "the most frequent ratings are tied");
  EXPECT_TRUE(find_function("mean")->other_missing_reason.empty());
  const Ratings tied(1, 5, {1, 1, 5, 5});
  std::vector<Argument> args = {ratings_argument(tied)};
  EXPECT_TRUE(find_function("mode")->overloads.front().implementation(args).is_missing());
}

TEST(Catalogue, MadIsTheScaledOne) {
  const Ratings r(1, 9, {1, 2, 2, 5, 9});
  std::vector<Argument> args = {ratings_argument(r)};
  EXPECT_TRUE(find_function("mad")->overloads.front().implementation(args) ==
              Number::ratio(7413, 5000));
  EXPECT_TRUE(find_function("mad_raw")->overloads.front().implementation(args) ==
              Number::integer(1));
}

}  // namespace
}  // namespace tholos::stdlib
