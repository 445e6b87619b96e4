// Turning what a plan computed into what a report shows: values as the
// public Value type, the parts of a condition with the values behind them,
// and a sentence saying why a value is missing.
#pragma once

#include <string>
#include <vector>

#include "interpreter/execute.hpp"
#include "interpreter/plan.hpp"
#include "tholos/tholos.hpp"

namespace tholos::interp {

Value to_value(const RtValue& v, Type type);
// A value known before any data is read (a param's, a constant's).
Value scalar_value(const Scalar& s);

class Explainer {
 public:
  explicit Explainer(const CheckedProgram& program);

  // The condition, its result and (when `detail`) its atoms with operands.
  ConditionTrace trace(const ConditionPlan& condition, const std::vector<RtValue>& frame,
                       bool detail) const;
  // Why the value in `slot` is missing, as a clause: "iqr(rating) has no
  // ratings to summarise".
  std::string why_missing(const Code& code, const std::vector<RtValue>& frame,
                          std::uint32_t slot) const;
  // The operands of a condition's atoms, for a requirement that failed.
  std::vector<Quantity> operands(const ConditionPlan& condition,
                                 const std::vector<RtValue>& frame) const;
  // One sentence: why a condition is false ("spread <= max_iqr is false:
  // spread = 1.5, max_iqr = 1").
  std::string why_false(const ConditionTrace& trace) const;

 private:
  std::string node_text(std::uint32_t node) const;
  const CheckedProgram& program_;
  std::vector<const ast::Expr*> nodes_;  // by node id
};

// "agreement = 82.6%, threshold = 70%"
std::string describe_operands(const std::vector<Quantity>& operands);

}  // namespace tholos::interp
