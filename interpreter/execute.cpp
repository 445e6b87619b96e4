#include "interpreter/execute.hpp"

#include <algorithm>
#include <cmath>

#include "grammar/ast.hpp"

namespace tholos::interp {
namespace {

using stdlib::Number;

RtValue missing(MissingWhy why) {
  RtValue v;
  v.why = why;
  return v;
}

RtValue number(Number n, MissingWhy why = MissingWhy::operand) {
  if (n.is_missing()) return missing(why);
  RtValue v;
  v.kind = RtKind::number;
  v.number = n;
  return v;
}

RtValue boolean(bool b) {
  RtValue v;
  v.kind = RtKind::boolean;
  v.boolean = b;
  return v;
}

RtValue from_scalar(const Scalar& s) {
  if (s.is_missing) return missing(MissingWhy::error);
  RtValue v;
  switch (s.type) {
    case Type::number:
    case Type::percentage:
      return number(s.number);
    case Type::boolean:
      return boolean(s.boolean);
    case Type::text:
      v.kind = RtKind::text;
      v.text = s.text;
      return v;
    case Type::label:
      v.kind = RtKind::label;
      v.label = static_cast<std::uint32_t>(s.number.value());
      v.text = s.text;
      return v;
    case Type::range:
      v.kind = RtKind::range;
      v.low = s.low;
      v.high = s.high;
      return v;
    default:
      return missing(MissingWhy::error);
  }
}

// In-place writes of a slot: a slot is only ever read for the fields of its
// kind (and `why` when it is missing), so a write sets the kind, `why` and
// that kind's fields, without building and copying a whole RtValue.
void set_missing(RtValue& out, MissingWhy why) {
  out.kind = RtKind::missing;
  out.why = why;
}

void set_number(RtValue& out, const Number& n, MissingWhy why = MissingWhy::operand) {
  if (n.is_missing()) {
    set_missing(out, why);
    return;
  }
  out.kind = RtKind::number;
  out.why = MissingWhy::none;
  out.number = n;
}

void set_boolean(RtValue& out, bool b) {
  out.kind = RtKind::boolean;
  out.why = MissingWhy::none;
  out.boolean = b;
}

void set_kind(RtValue& out, RtKind kind) {
  out.kind = kind;
  out.why = MissingWhy::none;
}

// True, false, or missing (as -1): Kleene's three values.
int truth(const RtValue& v) {
  return v.missing() ? -1 : v.boolean ? 1 : 0;
}

void set_truth(RtValue& out, int t) {
  if (t < 0) {
    set_missing(out, MissingWhy::operand);
  } else {
    set_boolean(out, t == 1);
  }
}

bool compare_numbers(const Number& a, const Number& b, ast::Op op) {
  const auto order = a <=> b;
  switch (op) {
    case ast::Op::equal:
      return order == std::partial_ordering::equivalent;
    case ast::Op::not_equal:
      return order != std::partial_ordering::equivalent;
    case ast::Op::less:
      return order == std::partial_ordering::less;
    case ast::Op::less_equal:
      return order == std::partial_ordering::less || order == std::partial_ordering::equivalent;
    case ast::Op::greater:
      return order == std::partial_ordering::greater;
    default:
      return order == std::partial_ordering::greater || order == std::partial_ordering::equivalent;
  }
}

bool same(const RtValue& a, const RtValue& b) {
  if (a.kind == RtKind::number && b.kind == RtKind::number) return a.number == b.number;
  if (a.kind == RtKind::label && b.kind == RtKind::label) return a.label == b.label;
  if (a.kind == RtKind::boolean && b.kind == RtKind::boolean) return a.boolean == b.boolean;
  return a.text == b.text;
}

bool in_range(const Number& x, const Number& low, const Number& high) {
  return !(x < low) && !(high < x);
}

// Ratings are whole numbers, so a rating compared with a number, or tested
// against a range, is a rating in an interval of whole numbers: the bounds
// are worked out once, exactly (the least whole number >= x is the ceiling
// of the rational, or of the double), and each rating is then compared as
// an integer. Bounds far beyond any rating are clamped.
constexpr std::int64_t kFarAway = std::int64_t{1} << 40;

std::int64_t clamp_far(std::int64_t v) {
  return std::clamp(v, -kFarAway, kFarAway);
}

// The least whole number >= x, and the greatest <= x.
std::int64_t ceiling(const Number& x) {
  if (x.is_exact()) {
    const std::int64_t q = x.numerator() / x.denominator();  // denominator > 0
    return clamp_far(x.numerator() % x.denominator() != 0 && x.numerator() > 0 ? q + 1 : q);
  }
  const double c = std::ceil(x.value());
  return c >= static_cast<double>(kFarAway)    ? kFarAway
         : c <= -static_cast<double>(kFarAway) ? -kFarAway
                                               : static_cast<std::int64_t>(c);
}

std::int64_t floor_of(const Number& x) {
  if (x.is_exact()) {
    const std::int64_t q = x.numerator() / x.denominator();
    return clamp_far(x.numerator() % x.denominator() != 0 && x.numerator() < 0 ? q - 1 : q);
  }
  const double f = std::floor(x.value());
  return f >= static_cast<double>(kFarAway)    ? kFarAway
         : f <= -static_cast<double>(kFarAway) ? -kFarAway
                                               : static_cast<std::int64_t>(f);
}

// The whole numbers x with `x op bound` (or with x in [low, high]): those
// in [low, high], or, when `outside`, those not in it.
struct WholeInterval {
  std::int64_t low = 0, high = -1;  // empty when low > high
  bool outside = false;
  bool holds(std::int64_t x) const { return (x >= low && x <= high) != outside; }
};

WholeInterval whole_interval(const Number& bound, ast::Op op) {
  switch (op) {
    case ast::Op::equal:
    case ast::Op::not_equal: {
      const std::int64_t c = ceiling(bound);
      const bool whole = c == floor_of(bound) && c != kFarAway && c != -kFarAway;
      return {whole ? c : 0, whole ? c : -1, op == ast::Op::not_equal};
    }
    case ast::Op::less:
      return {-kFarAway, ceiling(bound) - 1};
    case ast::Op::less_equal:
      return {-kFarAway, floor_of(bound)};
    case ast::Op::greater:
      return {floor_of(bound) + 1, kFarAway};
    default:  // greater_equal
      return {ceiling(bound), kFarAway};
  }
}

// A bound without a value excludes nothing, as in in_range().
WholeInterval whole_interval(const Number& low, const Number& high) {
  return {low.is_missing() ? -kFarAway : ceiling(low),
          high.is_missing() ? kFarAway : floor_of(high)};
}

}  // namespace

namespace {

// The statement plan's slots that are read from outside the plan: measures,
// the status, conditions and what explanations show, the round's tally
// columns, the extra expression.
std::vector<std::uint8_t> statement_slots_read(const Plan& plan) {
  std::vector<std::uint8_t> read(plan.statement.size(), 0);
  auto mark = [&](std::uint32_t slot) {
    if (slot < read.size()) read[slot] = 1;
  };
  auto mark_condition = [&](const ConditionPlan& c) {
    mark(c.slot);
    for (const AtomPlan& atom : c.atoms) {
      mark(atom.slot);
      for (const OperandPlan& operand : atom.operands)
        mark(operand.slot);
    }
  };
  for (const MeasurePlan& m : plan.statement_measures) {
    mark(m.slot);
    for (std::uint32_t g : m.group_slots)
      mark(g);
  }
  mark(plan.status);
  mark(plan.rerate);
  for (const ConditionPlan& c : plan.cases)
    mark_condition(c);
  for (const RequirementPlan& r : plan.requirements) {
    if (r.level != Level::statement) continue;
    for (const ConditionPlan& c : r.places)
      mark_condition(c);
  }
  for (std::uint32_t slot : plan.tally_columns)
    mark(slot);
  if (plan.expression_level == Level::statement) mark(plan.expression);
  return read;
}

}  // namespace

Executor::Executor(const Plan& plan, const BoundStudy& study) : plan_(plan), study_(study) {
  round_input_frame_.resize(plan.round_input.size());
  statement_frame_.resize(plan.statement.size());
  round_frame_.resize(plan.round.size());
  panel_frame_.resize(plan.panel.size());
  const std::vector<std::uint8_t> statement_read = statement_slots_read(plan);
  prepare(plan.round_input, round_input_scratch_, nullptr);
  prepare(plan.statement, statement_scratch_, &statement_read);
  prepare(plan.round, round_scratch_, nullptr);
  prepare(plan.panel, panel_scratch_, nullptr);
  std::uint32_t longest_call = 0;
  for (const Code* code : {&plan.round_input, &plan.statement, &plan.round, &plan.panel}) {
    for (const Instr& in : code->instrs) {
      if (in.op == Opcode::call) longest_call = std::max(longest_call, in.list_size);
    }
  }
  arguments_.resize(longest_call);
  respondent_stamp_.assign(study.panel_size, 0);
}

// Histograms of rating vectors are counted straight from the cells, in
// batches (see HistogramBatch); a rating vector that only they read, and
// that nothing outside the plan reads, is not built at all.
void Executor::plan_batches(const Code& code, Scratch& scratch,
                            const std::vector<std::uint8_t>* read) {
  const std::size_t n = code.size();
  scratch.batch_of.assign(n, kNone);
  scratch.skip.assign(n, 0);
  scratch.batches.clear();
  constexpr std::uint32_t kMaxMasked = 64;  // masks per batch (bits of a signature)
  for (std::uint32_t i = 0; i < n; ++i) {
    const Instr& h = code.instrs[i];
    if (h.op != Opcode::histogram || h.a == kNone) continue;
    const Instr& source = code.instrs[h.a];
    if (source.op != Opcode::ratings) continue;
    HistogramBatch* batch = nullptr;
    for (HistogramBatch& b : scratch.batches) {
      std::uint32_t masked = 0;
      for (std::uint32_t m : b.member_mask)
        masked += m != 0 ? 1 : 0;
      if (b.offset == source.offset && b.criterion == source.imm && masked < kMaxMasked) {
        batch = &b;
      }
    }
    if (batch == nullptr) {
      batch = &scratch.batches.emplace_back();
      batch->offset = source.offset;
      batch->criterion = source.imm;
      batch->low = h.scale_low;
      batch->width = h.scale_width;
    }
    batch->members.push_back(i);
    batch->member_mask.push_back(source.mask);
    scratch.batch_of[i] = static_cast<std::uint32_t>(batch - scratch.batches.data());
  }
  // Cut the panel into parts: panelists with the same masks.
  for (HistogramBatch& b : scratch.batches) {
    std::vector<std::uint32_t> masked;  // member index of each signature bit
    for (std::uint32_t m = 0; m < b.members.size(); ++m) {
      if (b.member_mask[m] != 0) masked.push_back(m);
    }
    std::vector<std::uint64_t> signatures;  // of each part
    b.part_base.assign(study_.panel_size, 0);
    for (std::uint32_t p = 0; p < study_.panel_size; ++p) {
      std::uint64_t signature = 0;
      for (std::size_t bit = 0; bit < masked.size(); ++bit) {
        if (plan_.masks[b.member_mask[masked[bit]]].test(p)) signature |= std::uint64_t{1} << bit;
      }
      const auto found = std::find(signatures.begin(), signatures.end(), signature);
      const auto part = static_cast<std::uint32_t>(found - signatures.begin());
      if (found == signatures.end()) signatures.push_back(signature);
      b.part_base[p] = part * b.width;
    }
    if (signatures.empty()) signatures.push_back(0);  // no panelists: one empty part
    b.parts_begin.assign(1, 0);
    for (std::uint32_t m = 0; m < b.members.size(); ++m) {
      const auto bit =
          static_cast<std::size_t>(std::find(masked.begin(), masked.end(), m) - masked.begin());
      for (std::uint32_t part = 0; part < signatures.size(); ++part) {
        if (b.member_mask[m] == 0 || ((signatures[part] >> bit) & 1) != 0) b.parts.push_back(part);
      }
      b.parts_begin.push_back(static_cast<std::uint32_t>(b.parts.size()));
    }
    b.part_counts.assign(signatures.size() * b.width, 0);
  }
  // The first member of a batch counts for all; the others have nothing to do.
  for (const HistogramBatch& b : scratch.batches) {
    for (std::size_t m = 1; m < b.members.size(); ++m)
      scratch.skip[b.members[m]] = 1;
  }
  // Rating vectors read only by batched histograms.
  if (read == nullptr) return;
  std::vector<std::uint8_t> needed(n, 0);
  auto use = [&](std::uint32_t slot, bool by_batch) {
    if (slot < n && !by_batch) needed[slot] = 1;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const Instr& in = code.instrs[i];
    const bool batched = scratch.batch_of[i] != kNone;
    use(in.a, batched);
    use(in.b, false);
    use(in.c, false);
    for (std::uint32_t k = 0; k < in.list_size; ++k)
      use(code.lists[in.list_begin + k], false);
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    if (code.instrs[i].op == Opcode::ratings && needed[i] == 0 && (*read)[i] == 0) {
      scratch.skip[i] = 1;
    }
  }
}

void Executor::run_batch(HistogramBatch& b, std::vector<RtValue>& frame, Scratch& scratch) {
  std::uint32_t* const part_counts = b.part_counts.data();
  std::fill(b.part_counts.begin(), b.part_counts.end(), 0u);
  const int round = round_ + b.offset;
  if (round >= 1 && round <= study_.rounds) {
    const std::size_t cell = study_.cell(round, item_, b.criterion);
    const std::uint32_t begin = study_.rating_begin[cell], end = study_.rating_begin[cell + 1];
    const std::uint32_t* const who = study_.rating_panelist.data();
    const std::int32_t* const values = study_.rating_value.data();
    const std::uint32_t* const part_base = b.part_base.data();
    const std::int32_t low = b.low;
    for (std::uint32_t k = begin; k < end; ++k) {
      ++part_counts[part_base[who[k]] + static_cast<std::uint32_t>(values[k] - low)];
    }
  }
  for (std::size_t m = 0; m < b.members.size(); ++m) {
    const std::uint32_t index = b.members[m];
    std::uint32_t* counts = scratch.counts.data() + scratch.histogram_offset[index];
    const std::uint32_t* part = b.parts.data() + b.parts_begin[m];
    const std::uint32_t* const parts_end = b.parts.data() + b.parts_begin[m + 1];
    std::uint32_t total = 0;
    if (part == parts_end) {
      std::fill(counts, counts + b.width, 0u);
    } else {
      std::copy(part_counts + *part * b.width, part_counts + (*part + 1) * b.width, counts);
      for (++part; part != parts_end; ++part) {
        const std::uint32_t* from = part_counts + *part * b.width;
        for (std::uint32_t k = 0; k < b.width; ++k)
          counts[k] += from[k];
      }
    }
    for (std::uint32_t k = 0; k < b.width; ++k)
      total += counts[k];
    RtValue& out = frame[index];
    out.kind = RtKind::histogram;
    out.why = MissingWhy::none;
    out.histogram.low = b.low;
    out.histogram.counts = std::span<const std::uint32_t>(counts, b.width);
    out.histogram.total = total;
  }
}

// Every instruction that builds a vector or a histogram gets its own place
// in the scratch arrays, so slots stay valid for the whole pass.
void Executor::prepare(const Code& code, Scratch& scratch, const std::vector<std::uint8_t>* read) {
  scratch.vector_offset.assign(code.size(), 0);
  scratch.histogram_offset.assign(code.size(), 0);
  std::size_t vectors = 0, counts = 0;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const Instr& instr = code.instrs[i];
    switch (instr.op) {
      case Opcode::ratings:
      case Opcode::filter:
      case Opcode::vector_compare:
      case Opcode::vector_in:
      case Opcode::flags_and:
      case Opcode::flags_or:
      case Opcode::flags_not:
        scratch.vector_offset[i] = static_cast<std::uint32_t>(vectors);
        vectors += study_.panel_size;
        break;
      case Opcode::histogram:
        scratch.histogram_offset[i] = static_cast<std::uint32_t>(counts);
        counts += instr.scale_width;
        break;
      default:
        break;
    }
  }
  scratch.matrices.resize(code.size());
  scratch.who.assign(vectors, 0);
  scratch.values.assign(vectors, 0);
  scratch.counts.assign(counts, 0);
  plan_batches(code, scratch, read);
}

const std::vector<RtValue>& Executor::run_round_input(int round) {
  round_ = round;
  run(plan_.round_input, round_input_frame_, round_input_scratch_);
  return round_input_frame_;
}

// The ratings of the round's statements in a set, by the panelists who
// rated at least one of them: statements x panelists, kNoRating for none.
void Executor::build_matrix(const Instr& in, std::size_t index, Scratch& scratch, RtValue& out) {
  out = RtValue{};
  out.kind = RtKind::matrix;
  out.matrix.scale = {in.scale_low, in.scale_low + static_cast<std::int32_t>(in.scale_width) - 1};
  const int round = round_ + in.offset;
  if (round < 1 || round > study_.rounds) return;
  const auto& items = study_.statements[static_cast<std::size_t>(round - 1)];
  std::vector<std::uint32_t> units;
  for (std::size_t k = 0; k < items.size(); ++k) {
    if (in.imm == kNone) {
      units.push_back(items[k]);
    } else if (in.sub == 0) {
      if (plan_.item_sets[in.imm][items[k]] != 0) units.push_back(items[k]);
    } else {
      const RtValue& chosen = (*columns_)[in.imm][k];
      if (chosen.missing()) {
        out = missing(MissingWhy::undetermined);
        return;
      }
      if (chosen.boolean) units.push_back(items[k]);
    }
  }
  // Panelists who rated at least one of the statements, in panel order.
  std::vector<std::uint32_t> column(study_.panel_size, kNone);
  std::uint32_t raters = 0;
  for (std::uint32_t p = 0; p < study_.panel_size; ++p) {
    for (std::uint32_t item : units) {
      const std::size_t cell = study_.cell(round, item, 0);
      const auto begin = study_.rating_panelist.begin() + study_.rating_begin[cell];
      const auto end = study_.rating_panelist.begin() + study_.rating_begin[cell + 1];
      if (std::binary_search(begin, end, p)) {
        column[p] = raters++;
        break;
      }
    }
  }
  std::vector<std::int32_t>& values = scratch.matrices[index];
  values.assign(units.size() * raters, stdlib::kNoRating);
  for (std::size_t u = 0; u < units.size(); ++u) {
    const std::size_t cell = study_.cell(round, units[u], 0);
    for (std::uint32_t r = study_.rating_begin[cell]; r < study_.rating_begin[cell + 1]; ++r) {
      values[u * raters + column[study_.rating_panelist[r]]] = study_.rating_value[r];
    }
  }
  out.matrix.units = static_cast<std::uint32_t>(units.size());
  out.matrix.raters = raters;
  out.matrix.values = values;
}

const std::vector<RtValue>& Executor::run_statement(int round, std::uint32_t item) {
  round_ = round;
  item_ = item;
  run(plan_.statement, statement_frame_, statement_scratch_);
  return statement_frame_;
}

const std::vector<RtValue>& Executor::run_round(int round, const TallyColumns& columns,
                                                const std::vector<RtValue>* previous_round) {
  round_ = round;
  columns_ = &columns;
  previous_round_ = previous_round;
  run(plan_.round, round_frame_, round_scratch_);
  return round_frame_;
}

const std::vector<RtValue>& Executor::run_panel() {
  round_ = 0;
  run(plan_.panel, panel_frame_, panel_scratch_);
  return panel_frame_;
}

void Executor::run(const Code& code, std::vector<RtValue>& frame, Scratch& scratch) {
  const std::uint8_t* const skip = scratch.skip.data();
  for (std::size_t i = 0; i < code.size(); ++i) {
    if (skip[i] == 0) step(code, i, frame, scratch);
  }
  // Constants and params hold the same value on every run: their slots keep
  // it, so later runs pass them by.
  if (!scratch.constants_done) {
    scratch.constants_done = true;
    for (std::size_t i = 0; i < code.size(); ++i) {
      const Opcode op = code.instrs[i].op;
      if (op == Opcode::constant || op == Opcode::param) scratch.skip[i] = 1;
    }
  }
}

void Executor::step(const Code& code, std::size_t index, std::vector<RtValue>& frame,
                    Scratch& scratch) {
  const Instr& in = code.instrs[index];
  RtValue& out = frame[index];
  const int round = round_ + in.offset;
  const bool round_exists = round >= 1 && round <= study_.rounds;
  auto arg = [&](std::uint32_t slot) -> const RtValue& { return frame[slot]; };
  auto list = [&](std::size_t k) -> const RtValue& { return frame[code.lists[in.list_begin + k]]; };
  // This instruction's place in the scratch arrays, and the vector value
  // that views its first n elements.
  std::uint32_t* const who = scratch.who.data() + scratch.vector_offset[index];
  std::int32_t* const values = scratch.values.data() + scratch.vector_offset[index];
  auto vector_of = [&](const std::uint32_t* panelists, const std::int32_t* elements,
                       std::uint32_t n, stdlib::Scale scale) {
    set_kind(out, RtKind::vector);
    out.who = panelists;
    out.values = elements;
    out.size = n;
    out.scale = scale;
  };
  const stdlib::Scale own_scale{in.scale_low,
                                in.scale_low + static_cast<std::int32_t>(in.scale_width) - 1};
  const stdlib::Scale true_false{0, 1};
  const PanelMask* mask = in.mask == 0 ? nullptr : &plan_.masks[in.mask];
  auto in_mask = [&](std::uint32_t panelist) { return mask == nullptr || mask->test(panelist); };
  auto count = [&](const PanelMask& set) {
    return mask == nullptr ? set.count() : (set & *mask).count();
  };

  switch (in.op) {
    case Opcode::constant:  // the same for every statement: run once (see run())
      out = from_scalar(plan_.constants[in.imm]);
      return;
    case Opcode::param:
      out = from_scalar(plan_.params[in.imm]);
      return;
    case Opcode::round_number:
      set_number(out, Number::integer(round));
      return;
    case Opcode::item_id:
      set_kind(out, RtKind::text);
      out.text = study_.item_id(item_);
      return;
    case Opcode::item_attribute:
      set_kind(out, RtKind::text);
      out.text = study_.data->items.values[in.imm][item_];
      return;
    case Opcode::ratings: {
      if (!round_exists) {  // no ratings before the first round
        vector_of(nullptr, nullptr, 0, own_scale);
        return;
      }
      const std::size_t cell = study_.cell(round, item_, in.imm);
      const std::uint32_t begin = study_.rating_begin[cell], end = study_.rating_begin[cell + 1];
      if (mask == nullptr) {
        vector_of(study_.rating_panelist.data() + begin, study_.rating_value.data() + begin,
                  end - begin, own_scale);
        return;
      }
      std::uint32_t n = 0;
      for (std::uint32_t k = begin; k < end; ++k) {
        const std::uint32_t p = study_.rating_panelist[k];
        if (!mask->test(p)) continue;
        who[n] = p;
        values[n] = study_.rating_value[k];
        ++n;
      }
      vector_of(who, values, n, own_scale);
      return;
    }
    case Opcode::respondents: {
      if (!round_exists) {
        set_number(out, Number::integer(0));
        return;
      }
      if (in.sub == 1) {
        set_number(out,
                   Number::integer(count(study_.responded[static_cast<std::size_t>(round - 1)])));
        return;
      }
      // Panelists with a non-blank answer to the statement on any
      // criterion, counted from the study's answers (in cell order, each
      // cell sorted by panelist); with several criteria each panelist is
      // counted once, by a stamp.
      const study::StudyData& data = *study_.data;
      const std::size_t criteria = data.criterion_count();
      const std::size_t first = data.cell_index(round, item_, 0);
      const study::Answers& answers = data.answers;
      std::uint32_t n = 0;
      if (criteria == 1) {
        for (std::uint32_t a = data.cell_begin[first]; a < data.cell_begin[first + 1]; ++a) {
          n += answers.kind[a] != study::AnswerKind::blank && in_mask(answers.panelist[a]) ? 1 : 0;
        }
      } else {
        if (++respondent_stamp_value_ == 0) {  // wrapped: start the stamps afresh
          std::fill(respondent_stamp_.begin(), respondent_stamp_.end(), 0u);
          respondent_stamp_value_ = 1;
        }
        for (std::size_t c = first; c < first + criteria; ++c) {
          for (std::uint32_t a = data.cell_begin[c]; a < data.cell_begin[c + 1]; ++a) {
            const std::uint32_t p = answers.panelist[a];
            if (answers.kind[a] == study::AnswerKind::blank || !in_mask(p) ||
                respondent_stamp_[p] == respondent_stamp_value_) {
              continue;
            }
            respondent_stamp_[p] = respondent_stamp_value_;
            ++n;
          }
        }
      }
      set_number(out, Number::integer(n));
      return;
    }
    case Opcode::invited:
      set_number(
          out, Number::integer(
                   round_exists ? count(study_.invited[static_cast<std::size_t>(round - 1)]) : 0));
      return;
    case Opcode::attrition: {
      if (round < 2 || !round_exists) {
        set_missing(out, MissingWhy::no_previous_round);
        return;
      }
      const PanelMask& before = study_.responded[static_cast<std::size_t>(round - 2)];
      const PanelMask& now = study_.responded[static_cast<std::size_t>(round - 1)];
      std::uint32_t earlier = 0, lost = 0;
      for (std::uint32_t p = 0; p < study_.panel_size; ++p) {
        if (!before.test(p) || !in_mask(p)) continue;
        ++earlier;
        lost += now.test(p) ? 0 : 1;
      }
      set_number(out, Number::ratio(lost, earlier), MissingWhy::division_by_zero);
      return;
    }
    case Opcode::panelists:
      set_number(out, Number::integer(mask == nullptr ? study_.panel_size : mask->count()));
      return;
    case Opcode::presented:
      set_boolean(out, study_.is_presented(round, item_));
      return;

    // ---- vectors
    case Opcode::filter:
    case Opcode::vector_compare:
    case Opcode::vector_in:
    case Opcode::flags_not: {
      const RtValue& source = arg(in.a);
      const RtValue* bound = in.b == kNone ? nullptr : &arg(in.b);
      if (source.missing() || (bound != nullptr && bound->missing())) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      std::uint32_t n = 0;
      if (in.op == Opcode::filter) {
        for (std::uint32_t k = 0; k < source.size; ++k) {
          if (!in_mask(source.who[k])) continue;
          who[n] = source.who[k];
          values[n] = source.values[k];
          ++n;
        }
        vector_of(who, values, n, source.scale);
        return;
      }
      WholeInterval flagged{0, 0, false};  // flags_not: the zeros
      if (in.op == Opcode::vector_compare) {
        flagged = whole_interval(bound->number, static_cast<ast::Op>(in.sub));
      } else if (in.op == Opcode::vector_in) {
        flagged = whole_interval(bound->low, bound->high);
      }
      for (std::uint32_t k = 0; k < source.size; ++k) {
        who[k] = source.who[k];
        values[k] = flagged.holds(source.values[k]) ? 1 : 0;
      }
      vector_of(who, values, source.size, true_false);
      return;
    }
    case Opcode::flags_and:
    case Opcode::flags_or: {
      // Per respondent: only panelists in both vectors (those who rated
      // every criterion involved) are combined.
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      std::uint32_t n = 0, i = 0, j = 0;
      while (i < a.size && j < b.size) {
        if (a.who[i] < b.who[j]) {
          ++i;
        } else if (b.who[j] < a.who[i]) {
          ++j;
        } else {
          const bool x = a.values[i] != 0, y = b.values[j] != 0;
          who[n] = a.who[i];
          values[n] = (in.op == Opcode::flags_and ? (x && y) : (x || y)) ? 1 : 0;
          ++n;
          ++i;
          ++j;
        }
      }
      vector_of(who, values, n, true_false);
      return;
    }
    case Opcode::histogram: {
      if (scratch.batch_of[index] != kNone) {
        run_batch(scratch.batches[scratch.batch_of[index]], frame, scratch);
        return;
      }
      const RtValue& source = arg(in.a);
      if (source.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      std::uint32_t* counts = scratch.counts.data() + scratch.histogram_offset[index];
      std::fill(counts, counts + in.scale_width, 0u);
      for (std::uint32_t k = 0; k < source.size; ++k) {
        ++counts[static_cast<std::uint32_t>(source.values[k] - in.scale_low)];
      }
      set_kind(out, RtKind::histogram);
      out.histogram.low = in.scale_low;
      out.histogram.counts = std::span<const std::uint32_t>(counts, in.scale_width);
      out.histogram.total = source.size;
      return;
    }
    case Opcode::tally: {
      const RtValue& source = arg(in.a);
      if (source.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      set_kind(out, RtKind::tally);
      out.tally.total = source.size;
      out.tally.trues = 0;
      for (std::uint32_t k = 0; k < source.size; ++k)
        out.tally.trues += source.values[k] != 0;
      return;
    }
    case Opcode::band_tally: {
      const RtValue& h = arg(in.a);
      const RtValue& range = arg(in.b);
      if (h.missing() || range.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      set_kind(out, RtKind::tally);
      out.tally.total = h.histogram.total;
      out.tally.trues = 0;
      const WholeInterval band = whole_interval(range.low, range.high);
      for (std::size_t k = 0; k < h.histogram.counts.size(); ++k) {
        if (band.holds(h.histogram.low + static_cast<std::int64_t>(k))) {
          out.tally.trues += h.histogram.counts[k];
        }
      }
      return;
    }

    // ---- scalars
    case Opcode::negate: {
      const RtValue& a = arg(in.a);
      if (a.missing()) {
        set_missing(out, MissingWhy::operand);
      } else {
        set_number(out, -a.number);
      }
      return;
    }
    case Opcode::add:
    case Opcode::subtract:
    case Opcode::multiply:
    case Opcode::divide: {
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      switch (in.op) {
        case Opcode::add:
          set_number(out, a.number + b.number);
          return;
        case Opcode::subtract:
          set_number(out, a.number - b.number);
          return;
        case Opcode::multiply:
          set_number(out, a.number * b.number);
          return;
        default:
          set_number(out, a.number / b.number, MissingWhy::division_by_zero);
          return;
      }
    }
    case Opcode::compare: {
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      const auto op = static_cast<ast::Op>(in.sub);
      if (a.kind == RtKind::number && b.kind == RtKind::number) {
        set_boolean(out, compare_numbers(a.number, b.number, op));
      } else {
        set_boolean(out, same(a, b) == (op == ast::Op::equal));
      }
      return;
    }
    case Opcode::logical_not: {
      const int t = truth(arg(in.a));
      set_truth(out, t < 0 ? -1 : 1 - t);
      return;
    }
    case Opcode::logical_and:
    case Opcode::all_of:
    case Opcode::logical_or:
    case Opcode::any_of: {
      // Kleene: false decides `and`, true decides `or`; otherwise a
      // missing operand makes the result missing.
      const bool conjunction = in.op == Opcode::logical_and || in.op == Opcode::all_of;
      const int decisive = conjunction ? 0 : 1;
      bool any_missing = false, decided = false;
      auto visit = [&](const RtValue& v) {
        const int t = truth(v);
        if (t == decisive) decided = true;
        if (t < 0) any_missing = true;
      };
      if (in.op == Opcode::logical_and || in.op == Opcode::logical_or) {
        visit(arg(in.a));
        visit(arg(in.b));
      } else {
        for (std::uint32_t k = 0; k < in.list_size; ++k)
          visit(list(k));
      }
      set_truth(out, decided ? decisive : any_missing ? -1 : 1 - decisive);
      return;
    }
    case Opcode::in_range: {
      const RtValue& x = arg(in.a);
      const RtValue& r = arg(in.b);
      if (x.missing() || r.missing()) {
        set_missing(out, MissingWhy::operand);
      } else {
        set_boolean(out, in_range(x.number, r.low, r.high));
      }
      return;
    }
    case Opcode::in_list: {
      const RtValue& x = arg(in.a);
      if (x.missing()) {
        set_missing(out, MissingWhy::operand);
        return;
      }
      bool found = false;
      for (std::uint32_t k = 0; k < in.list_size && !found; ++k)
        found = same(x, list(k));
      set_boolean(out, found);
      return;
    }
    case Opcode::is_missing:
      set_boolean(out, arg(in.a).missing() == (in.sub == 0));
      return;
    case Opcode::select: {
      const int t = truth(arg(in.a));
      if (t < 0) {
        set_missing(out, MissingWhy::operand);
      } else {
        out = arg(t == 1 ? in.b : in.c);
      }
      return;
    }
    case Opcode::call: {
      // The arguments are written over those of the previous call (the
      // array is sized for the longest call when the executor is made):
      // a function reads only the fields of its parameters' kinds, and an
      // argument left out starts afresh.
      const auto& params = in.overload->params;
      if (arguments_.size() < in.list_size) arguments_.resize(in.list_size);
      for (std::uint32_t k = 0; k < in.list_size; ++k) {
        stdlib::Argument& a = arguments_[k];
        const std::uint32_t slot = code.lists[in.list_begin + k];
        if (slot == kNone) a = stdlib::Argument{};
        a.quantile_type = static_cast<int>(in.imm);
        if (slot != kNone) {
          const RtValue& v = frame[slot];
          if (v.missing()) {
            set_missing(out, MissingWhy::operand);
            return;
          }
          switch (params[k].kind) {
            case stdlib::ParamKind::ratings:
              a.ratings = v.histogram;
              if (v.histogram.total < in.overload->min_count) {
                set_missing(out, v.histogram.total == 0 ? MissingWhy::empty : MissingWhy::too_few);
                return;
              }
              break;
            case stdlib::ParamKind::tally:
              a.tally = v.tally;
              if (v.tally.total < in.overload->min_count) {
                set_missing(out, MissingWhy::empty);
                return;
              }
              break;
            case stdlib::ParamKind::vector:
            case stdlib::ParamKind::flags:
              a.vector = {std::span<const std::uint32_t>(v.who, v.size),
                          std::span<const std::int32_t>(v.values, v.size), v.scale};
              if (v.size < in.overload->min_count) {
                set_missing(out, v.size == 0 ? MissingWhy::empty : MissingWhy::too_few);
                return;
              }
              break;
            case stdlib::ParamKind::matrix:
              a.matrix = v.matrix;
              break;
            case stdlib::ParamKind::range:
              a.low = v.low;
              a.high = v.high;
              break;
            case stdlib::ParamKind::choice:
              a.choice = v.text;
              break;
            default:
              a.number = v.number;
              break;
          }
        }
      }
      const Number result =
          in.overload->call(std::span<const stdlib::Argument>(arguments_.data(), in.list_size));
      if (in.overload->result == stdlib::ResultKind::boolean) {
        if (result.is_missing()) {
          set_missing(out, MissingWhy::function);
        } else {
          set_boolean(out, result.value() != 0);
        }
        return;
      }
      set_number(out, result,
                 params.size() == 2 && params[1].kind == stdlib::ParamKind::number &&
                         in.list_size == 2 && arguments_[1].number.value() == 0
                     ? MissingWhy::division_by_zero
                     : MissingWhy::function);
      return;
    }
    case Opcode::when_presented: {
      const RtValue& presented = arg(in.a);
      if (!presented.boolean) {
        const int looked_at = round_ + code.instrs[in.a].offset;
        set_missing(out, looked_at < 1 ? MissingWhy::no_previous_round : MissingWhy::not_presented);
        return;
      }
      out = arg(in.b);
      return;
    }
    case Opcode::classify: {
      for (std::uint32_t k = 0; k < in.list_size; ++k) {
        const std::uint32_t slot = code.lists[in.list_begin + k];
        const int t = slot == kNone ? 1 : truth(frame[slot]);
        if (t == 0) continue;
        if (t < 0) {
          set_missing(out, MissingWhy::undecided_case);
          out.deciding_case = k;
          return;
        }
        set_kind(out, RtKind::label);
        out.label = plan_.case_labels[k];
        out.text = plan_.labels[out.label];
        out.deciding_case = k;
        return;
      }
      set_missing(out, MissingWhy::error);
      out.deciding_case = 0;
      return;
    }
    case Opcode::statement_tally: {
      const std::vector<RtValue>* column = in.imm == kNone ? nullptr : &(*columns_)[in.imm];
      const std::size_t statements = study_.statements[static_cast<std::size_t>(round_ - 1)].size();
      set_kind(out, RtKind::tally);
      out.tally.trues = 0;
      out.tally.total = static_cast<std::uint32_t>(statements);
      if (column == nullptr) {
        out.tally.trues = out.tally.total;
        return;
      }
      for (const RtValue& v : *column) {
        if (v.missing()) {
          set_missing(out, MissingWhy::undetermined);
          return;
        }
        out.tally.trues += v.boolean ? 1 : 0;
      }
      return;
    }
    case Opcode::rating_matrix:
      build_matrix(in, index, scratch, out);
      return;
    case Opcode::round_input:
      out = round_input_frame_[in.imm];
      return;
    case Opcode::round_previous:
      if (previous_round_ == nullptr) {
        set_missing(out, MissingWhy::no_previous_round);
        return;
      }
      out = (*previous_round_)[in.a];
      return;
  }
}

}  // namespace tholos::interp
