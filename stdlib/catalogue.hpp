// The function catalogue: every function a rule file can call, registered in
// one table with its signature. The checker reads the signatures (argument
// kinds, optional arguments, result kind, the fewest ratings that give a
// value); the evaluator calls the implementations. Nothing here knows about
// syntax trees.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "stdlib/histogram.hpp"
#include "stdlib/number.hpp"
#include "stdlib/samples.hpp"

namespace tholos::stdlib {

enum class ParamKind : std::uint8_t {
  ratings,        // a rating vector, passed as its histogram
  tally,          // a per-respondent condition (`rating in agree`) or a
                  // condition over statements, passed as true/total counts
  number,         // a number or percentage
  quantile_type,  // a constant whole number 1..9 (Hyndman & Fan type); when
                  // omitted, the rule file's `quantiles type N`
  vector,         // a rating vector or per-respondent condition, by panelist
                  // (paired methods pair two of them with pair_by_panelist)
  flags,          // a per-respondent condition only (rating in agree), by panelist,
                  // passed as Argument::vector with values 1 and 0
  matrix,         // a set of statements, passed as their ratings by the panel
                  // in the round (statements x panelists)
  range,          // a range or band, passed as Argument::low..high
  choice,         // a constant text from Param::choices ("ordinal", ...)
};

enum class ResultKind : std::uint8_t {
  number,
  percentage,
  boolean,  // the implementation returns 1 (true) or 0 (false), or missing
};

struct Param {
  std::string_view name;
  ParamKind kind;
  bool optional = false;
  std::vector<std::string_view> choices = {};  // ParamKind::choice: the allowed texts
};

struct Argument {
  Histogram ratings;
  Tally tally;
  Number number;
  int quantile_type = 7;
  RatingVector vector;
  RatingMatrix matrix;
  Number low, high;         // range
  std::string_view choice;  // one of Param::choices
};

using Implementation = Number (*)(std::span<const Argument> args);
// A function a host adds (it may hold state, such as the host's own code).
using Callable = std::function<Number(std::span<const Argument> args)>;

struct Overload {
  std::vector<Param> params;
  ResultKind result = ResultKind::number;
  Implementation implementation = nullptr;
  // With fewer ratings (or tally elements) than this the result is missing;
  // 0 when any input, even an empty one, gives a value.
  std::uint32_t min_count = 0;
  // For host functions, which have no plain function pointer: called when
  // `implementation` is null.
  Callable callable = nullptr;

  Number call(std::span<const Argument> args) const {
    return implementation != nullptr ? implementation(args) : callable(args);
  }
};

struct FunctionInfo {
  std::string_view name;
  std::string_view summary;  // one line, for help and the docs
  std::vector<Overload> overloads;
  // Whether the result depends on the quantile definition; the checker warns
  // when such a function is used with neither an explicit type argument nor
  // a `quantiles type N` declaration.
  bool depends_on_quantile_type = false;
  // Another reason the result can be missing, for explanations (e.g. "the
  // most frequent ratings are tied"); empty when there is none.
  std::string_view other_missing_reason;
  // The only scale the function is defined on (the RAND/UCLA 1..9), if any:
  // the checker rejects ratings on another scale.
  std::optional<Scale> required_scale = std::nullopt;
};

// All functions, in the order the documentation lists them.
const std::vector<FunctionInfo>& catalogue();

// The families of the catalogue, each registered by its own file
// (catalogue.cpp assembles them into the one table, in this order).
void register_descriptive(std::vector<FunctionInfo>& table);
void register_agreement(std::vector<FunctionInfo>& table);
void register_reliability(std::vector<FunctionInfo>& table);
void register_stability(std::vector<FunctionInfo>& table);
const FunctionInfo* find_function(std::string_view name);

}  // namespace tholos::stdlib
