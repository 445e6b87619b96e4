// Running a plan: Executor::step, one instruction at a time, and the entry
// points that run each plan. Setting up and the histogram batches are in
// execute_batches.cpp.
#include "interpreter/execute.hpp"

#include <algorithm>
#include <span>

#include "grammar/ast.hpp"
#include "interpreter/runtime_value.hpp"
#include "interpreter/whole_interval.hpp"

namespace tholos::interp {

using stdlib::Number;

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
