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
  // The histograms of one cell's ratings (one round offset, one criterion)
  // under several panel masks, counted in one pass over the cell: the panel
  // is cut into parts (panelists in the same masks), each rating is counted
  // in its panelist's part, and each histogram is the sum of its parts. The
  // rating vectors behind them are not built unless something else reads
  // them.
  struct HistogramBatch {
    std::int8_t offset = 0;
    std::uint32_t criterion = 0;
    std::int32_t low = 0;
    std::uint32_t width = 0;
    std::vector<std::uint32_t> members;      // histogram instructions, in plan order
    std::vector<std::uint32_t> member_mask;  // the mask of each member's ratings
    std::vector<std::uint32_t> part_base;    // per panelist: its part times width
    std::vector<std::uint32_t> parts_begin;  // per member, into parts
    std::vector<std::uint32_t> parts;        // the parts that make each member's histogram
    std::vector<std::uint32_t> part_counts;  // parts x width
  };
  struct Scratch {
    std::vector<std::uint32_t> vector_offset;     // per instruction
    std::vector<std::uint32_t> histogram_offset;  // per instruction
    std::vector<std::uint32_t> who;
    std::vector<std::int32_t> values;
    std::vector<std::uint32_t> counts;
    std::vector<std::vector<std::int32_t>> matrices;  // per instruction, when it builds one
    // Per instruction: its histogram batch (kNone if none), and whether the
    // step does nothing (a rating vector only batched histograms read, or a
    // batched histogram after the batch's first, which filled it).
    std::vector<std::uint32_t> batch_of;
    std::vector<std::uint8_t> skip;
    std::vector<HistogramBatch> batches;
    bool constants_done = false;  // constants and params are in their slots
  };
  void build_matrix(const Instr& in, std::size_t index, Scratch& scratch, RtValue& out);
  // `read` marks the slots something other than the plan's own operations
  // reads (measures, conditions, explanations); null when all may be.
  void prepare(const Code& code, Scratch& scratch, const std::vector<std::uint8_t>* read);
  void plan_batches(const Code& code, Scratch& scratch, const std::vector<std::uint8_t>* read);
  void run_batch(HistogramBatch& batch, std::vector<RtValue>& frame, Scratch& scratch);
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
  // Per panelist, the last statement whose respondents counted it.
  std::vector<std::uint32_t> respondent_stamp_;
  std::uint32_t respondent_stamp_value_ = 0;
};

}  // namespace tholos::interp
