// Evaluating a study round by round and writing the report.
#pragma once

#include <optional>
#include <vector>

#include "common/diagnostics.hpp"
#include "interpreter/plan.hpp"
#include "tholos/tholos.hpp"

namespace tholos::interp {

struct RunOptions {
  std::optional<int> round;  // evaluate up to this round and report only it
  bool explain = true;
  std::vector<bool> params_overridden;  // per param, for the report
  // The extra expression: which statement (all when empty) in which round.
  std::optional<std::uint32_t> expression_item;
  int expression_round = 0;
};

struct RunResult {
  Report report;
  std::vector<ExpressionValue> expression_values;
  // For a set of statements: those whose condition has no value.
  std::vector<std::string> expression_undetermined;
};

RunResult run_study(const CheckedProgram& program, const BoundStudy& study, const Plan& plan,
                    const RunOptions& options, DiagnosticList& diagnostics);

// The value of the program's extra expression when it needs no data
// (ExprInfo::constant), with the given param values; no study is read.
Value evaluate_constant(const CheckedProgram& program, const std::vector<Scalar>& params);

}  // namespace tholos::interp
