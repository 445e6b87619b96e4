// Setting an executor up, and its histogram batches: the scratch space of
// each plan (prepare), the batches that count several histograms of one
// cell in one pass (plan_batches), and running a batch (run_batch, from
// Executor::step in execute.cpp).
#include "interpreter/execute.hpp"

#include <algorithm>
#include <span>

namespace tholos::interp {
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

}  // namespace tholos::interp
