// The compiled form of a program for one study: a plan of operations.
//
// Why a plan and not a tree walk: each statement in each round runs the same
// straight-line list of operations, in an order where every operand comes
// before its use. Identical subexpressions are merged when the plan is built
// (hash-consing), so a rating vector, a histogram or a measure is computed
// once per statement and round however often the rules mention it; there is
// no lookup, no allocation and no recursion while a statement is evaluated,
// and every intermediate value stays in its slot afterwards, which is what
// explanations read ("agreement = 82.6%, threshold = 70%"). The language has
// no loops or recursion, so a plan is finite and its length is fixed by the
// rule file and the number of groups: evaluation is linear in the data.
//
// There are four plans: one run per round before its statements (values
// known from the round's data alone, such as a statistic over all its
// ratings), one per statement and round, one per round after its statements
// (aggregates over statements, round requirements, stop rules) and one for
// the panel (panel requirements).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interpreter/bound_study.hpp"
#include "interpreter/program.hpp"
#include "stdlib/catalogue.hpp"

namespace tholos::interp {

inline constexpr std::uint32_t kNone = UINT32_MAX;

enum class Opcode : std::uint8_t {
  // Inputs
  constant,        // imm: index into Plan::constants
  param,           // imm: param index
  round_number,    // the round (+ offset)
  item_id,         // the statement's id
  item_attribute,  // imm: items.csv column
  ratings,         // imm: criterion; mask; offset -> a rating vector
  respondents,     // mask; offset; sub: 0 per statement, 1 per round -> number
  invited,         // mask; offset -> number
  attrition,       // mask; offset -> percentage
  panelists,       // mask -> number
  presented,       // offset -> whether the statement was rated in that round
  // Vectors
  filter,          // a: vector; mask -> the elements of panelists in mask
  vector_compare,  // a: ratings, b: number; sub: ast::Op -> flags
  vector_in,       // a: ratings, b: range -> flags
  flags_and,       // a, b: flags -> flags for panelists in both
  flags_or,
  flags_not,
  histogram,   // a: ratings -> histogram (scale from imm: criterion)
  tally,       // a: flags -> tally
  band_tally,  // a: histogram, b: range -> tally (ratings in the range)
  // Scalars
  negate,
  add,
  subtract,
  multiply,
  divide,
  compare,  // a, b; sub: ast::Op
  logical_not,
  logical_and,
  logical_or,
  in_range,        // a: number, b: range
  in_list,         // a: value; list: candidate slots
  is_missing,      // sub: 1 for `is not missing`
  select,          // a: condition, b: then, c: else
  all_of,          // list: conditions (every group)
  any_of,          // list: conditions (any group)
  call,            // list: arguments; overload; imm: quantile type
  when_presented,  // a: presented, b: value -> b, or missing when not presented
  classify,        // list: case conditions ("otherwise" is kNone) -> label
  // Round plans only
  statement_tally,  // imm: column of Plan::tally_columns, or kNone for all statements
  round_previous,   // a: slot of this plan in the previous round
  rating_matrix,    // the statements x panelists ratings of the round: sub 0: the
                    // statements of Plan::item_sets[imm] (kNone: all); sub 1: those
                    // whose tally column imm is true
  // Any plan but the round-input plan
  round_input,  // imm: a slot of the round-input plan
};

struct Instr {
  Opcode op = Opcode::constant;
  std::uint8_t sub = 0;
  std::int8_t offset = 0;  // round offset (previous() is -1)
  std::uint32_t a = kNone, b = kNone, c = kNone;
  std::uint32_t imm = 0;
  std::uint32_t mask = 0;                       // index into Plan::masks
  std::uint32_t list_begin = 0, list_size = 0;  // into Code::lists
  const stdlib::Overload* overload = nullptr;
  const stdlib::FunctionInfo* function = nullptr;
  std::int32_t scale_low = 0;     // ratings, histogram: the scale's first point
  std::uint32_t scale_width = 0;  // ratings, histogram: the scale's number of points
  // Where in the rule file this operation comes from (for explanations):
  // node id of the expression, or kNone.
  std::uint32_t node = kNone;
};

// One straight-line plan; the result of instruction i is slot i.
struct Code {
  std::vector<Instr> instrs;
  std::vector<std::uint32_t> lists;  // operand lists of n-ary instructions
  std::size_t size() const { return instrs.size(); }
};

// A value shown beside a comparison: `agreement = 82.6%`.
struct OperandPlan {
  std::string name;
  std::uint32_t slot = kNone;
  Type type = Type::number;
};

// A comparison inside a condition and the values to show beside it.
struct AtomPlan {
  std::string text;
  std::uint32_t slot = kNone;
  bool negated = false;  // under an odd number of `not`s
  std::vector<OperandPlan> operands;
};

// A condition whose parts an explanation shows.
struct ConditionPlan {
  std::string label;
  std::string text;
  std::uint32_t slot = kNone;  // kNone for `otherwise`
  std::vector<AtomPlan> atoms;
};

struct RequirementPlan {
  std::uint32_t requirement = 0;  // index into CheckedProgram::requirements
  Level level = Level::round;
  // One condition per group (per_group), or one.
  std::vector<ConditionPlan> places;
};

struct MeasurePlan {
  std::uint32_t measure = 0;  // index into CheckedProgram::measures
  std::uint32_t slot = kNone;
  std::vector<std::uint32_t> group_slots;  // per group, when per_group
};

struct Plan {
  Code round_input, statement, round, panel;
  std::vector<PanelMask> masks;  // masks[0] is the whole panel
  // Sets of statements chosen by their attributes (statements where
  // item.domain = ...): per set, 1 for each item in it.
  std::vector<std::vector<std::uint8_t>> item_sets;
  std::vector<Scalar> constants;
  std::vector<Scalar> params;  // the values in force (defaults or overrides)

  std::vector<MeasurePlan> statement_measures;
  std::vector<MeasurePlan> round_measures;
  std::uint32_t status = kNone;  // statement slot of the classification
  std::vector<ConditionPlan> cases;
  std::vector<std::uint32_t> case_labels;  // label index of each case
  std::vector<std::string> labels;
  std::uint32_t rerate = kNone;
  std::vector<RequirementPlan> requirements;
  std::vector<ConditionPlan> stops;
  // Statement slots whose values the round plan counts (statements where C).
  std::vector<std::uint32_t> tally_columns;
  // The extra expression, when the program has one: a slot of the statement
  // or the round plan.
  std::uint32_t expression = kNone;
  Level expression_level = Level::statement;
};

// Builds the plan of `program` for `study` with the given param values.
// The program's extra expression, if any, is evaluated for `expression_group`
// (as inside every group) when one is given.
Plan build_plan(const CheckedProgram& program, const BoundStudy& study,
                const std::vector<Scalar>& params,
                std::optional<std::uint32_t> expression_group = std::nullopt);

// The plan of the program's extra expression alone, as the panel plan, for
// an expression whose value needs no data (ExprInfo::constant): literals,
// params, bands and what is computed from them.
Plan build_constant_plan(const CheckedProgram& program, const BoundStudy& empty_study,
                         const std::vector<Scalar>& params);

}  // namespace tholos::interp
