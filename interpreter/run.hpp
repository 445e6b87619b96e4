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
};

RunResult run_study(const CheckedProgram& program, const BoundStudy& study, const Plan& plan,
                    const RunOptions& options, DiagnosticList& diagnostics);

}  // namespace tholos::interp
