// Running a plan: one pass over its instructions, each writing its slot.
// Nothing is allocated while a statement is evaluated; vectors and
// histograms live in scratch space sized when the executor is made.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "interpreter/plan.hpp"
#include "stdlib/histogram.hpp"
#include "stdlib/samples.hpp"

namespace tholos::interp {

// Why a slot holds no value; explanations follow these back to a cause.
enum class MissingWhy : std::uint8_t {
  none,
  operand,            // an operand is missing
  empty,              // a statistic of no ratings
  too_few,            // fewer ratings than the statistic needs
  function,           // the function's own reason (a tied mode...)
  division_by_zero,   // x / 0, or a share of no one
  not_presented,      // previous(): the statement was not rated in the round before
  no_previous_round,  // previous() in the first round
  undetermined,       // some statements' conditions are missing
  undecided_case,     // a classification case's condition is missing
  error,              // a construct the plan could not lower (a bug)
};

enum class RtKind : std::uint8_t {
  missing,
  number,
  boolean,
  text,
  label,
  range,
  vector,
  histogram,
  tally,
  matrix,
};

// A slot's value at run time.
struct RtValue {
  RtKind kind = RtKind::missing;
  bool boolean = false;
  MissingWhy why = MissingWhy::none;
  std::uint32_t label = 0;          // label index
  std::uint32_t deciding_case = 0;  // classification: the case that decided (or was missing)
  stdlib::Number number;
  std::string_view text;
  stdlib::Number low, high;  // range
  // vector: by panelist, sorted; ratings or flags (0/1), on `scale`
  const std::uint32_t* who = nullptr;
  const std::int32_t* values = nullptr;
  std::uint32_t size = 0;
  stdlib::Scale scale;
  stdlib::RatingMatrix matrix;
  stdlib::Histogram histogram;
  stdlib::Tally tally;

  bool missing() const { return kind == RtKind::missing; }
};

// Per-statement values of the round's tally columns (statements where C).
using TallyColumns = std::vector<std::vector<RtValue>>;

class Executor {
 public:
  Executor(const Plan& plan, const BoundStudy& study);

  // The round-input plan, before the round's statements.
  const std::vector<RtValue>& run_round_input(int round);
  // The statement plan for one statement in one round.
  const std::vector<RtValue>& run_statement(int round, std::uint32_t item);
  // The round plan, after its statements.
  const std::vector<RtValue>& run_round(int round, const TallyColumns& columns,
                                        const std::vector<RtValue>* previous_round);
  const std::vector<RtValue>& run_panel();

 private:
  struct Scratch {
    std::vector<std::uint32_t> vector_offset;     // per instruction
    std::vector<std::uint32_t> histogram_offset;  // per instruction
    std::vector<std::uint32_t> who;
    std::vector<std::int32_t> values;
    std::vector<std::uint32_t> counts;
    std::vector<std::vector<std::int32_t>> matrices;  // per instruction, when it builds one
  };
  void build_matrix(const Instr& in, std::size_t index, Scratch& scratch, RtValue& out);
  void prepare(const Code& code, Scratch& scratch);
  void run(const Code& code, std::vector<RtValue>& frame, Scratch& scratch);
  void step(const Code& code, std::size_t index, std::vector<RtValue>& frame, Scratch& scratch);

  const Plan& plan_;
  const BoundStudy& study_;
  int round_ = 0;
  std::uint32_t item_ = 0;
  const TallyColumns* columns_ = nullptr;
  const std::vector<RtValue>* previous_round_ = nullptr;
  std::vector<RtValue> round_input_frame_, statement_frame_, round_frame_, panel_frame_;
  Scratch round_input_scratch_, statement_scratch_, round_scratch_, panel_scratch_;
  std::vector<stdlib::Argument> arguments_;
};

}  // namespace tholos::interp
