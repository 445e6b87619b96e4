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

// True, false, or missing (as -1): Kleene's three values.
int truth(const RtValue& v) {
  return v.missing() ? -1 : v.boolean ? 1 : 0;
}

RtValue from_truth(int t) {
  return t < 0 ? missing(MissingWhy::operand) : boolean(t == 1);
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

// A rating (a whole number) against a number, exactly.
bool compare_rating(std::int32_t rating, const Number& bound, ast::Op op) {
  return compare_numbers(Number::integer(rating), bound, op);
}

}  // namespace

Executor::Executor(const Plan& plan, const BoundStudy& study) : plan_(plan), study_(study) {
  round_input_frame_.resize(plan.round_input.size());
  statement_frame_.resize(plan.statement.size());
  round_frame_.resize(plan.round.size());
  panel_frame_.resize(plan.panel.size());
  prepare(plan.round_input, round_input_scratch_);
  prepare(plan.statement, statement_scratch_);
  prepare(plan.round, round_scratch_);
  prepare(plan.panel, panel_scratch_);
  arguments_.reserve(8);
}

// Every instruction that builds a vector or a histogram gets its own place
// in the scratch arrays, so slots stay valid for the whole pass.
void Executor::prepare(const Code& code, Scratch& scratch) {
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
  for (std::size_t i = 0; i < code.size(); ++i)
    step(code, i, frame, scratch);
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
    out = RtValue{};
    out.kind = RtKind::vector;
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
    case Opcode::constant:
      out = from_scalar(plan_.constants[in.imm]);
      return;
    case Opcode::param:
      out = from_scalar(plan_.params[in.imm]);
      return;
    case Opcode::round_number:
      out = number(Number::integer(round));
      return;
    case Opcode::item_id:
      out = RtValue{};
      out.kind = RtKind::text;
      out.text = study_.item_id(item_);
      return;
    case Opcode::item_attribute:
      out = RtValue{};
      out.kind = RtKind::text;
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
        out = number(Number::integer(0));
        return;
      }
      if (in.sub == 1) {
        out = number(Number::integer(count(study_.responded[static_cast<std::size_t>(round - 1)])));
        return;
      }
      const std::size_t k = static_cast<std::size_t>(round - 1) * study_.item_count + item_;
      std::uint32_t n = 0;
      for (std::uint32_t r = study_.respondent_begin[k]; r < study_.respondent_begin[k + 1]; ++r) {
        n += in_mask(study_.respondent_panelist[r]) ? 1 : 0;
      }
      out = number(Number::integer(n));
      return;
    }
    case Opcode::invited:
      out = number(Number::integer(
          round_exists ? count(study_.invited[static_cast<std::size_t>(round - 1)]) : 0));
      return;
    case Opcode::attrition: {
      if (round < 2 || !round_exists) {
        out = missing(MissingWhy::no_previous_round);
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
      out = number(Number::ratio(lost, earlier), MissingWhy::division_by_zero);
      return;
    }
    case Opcode::panelists:
      out = number(Number::integer(mask == nullptr ? study_.panel_size : mask->count()));
      return;
    case Opcode::presented:
      out = boolean(study_.is_presented(round, item_));
      return;

    // ---- vectors
    case Opcode::filter:
    case Opcode::vector_compare:
    case Opcode::vector_in:
    case Opcode::flags_not: {
      const RtValue& source = arg(in.a);
      const RtValue* bound = in.b == kNone ? nullptr : &arg(in.b);
      if (source.missing() || (bound != nullptr && bound->missing())) {
        out = missing(MissingWhy::operand);
        return;
      }
      std::uint32_t n = 0;
      for (std::uint32_t k = 0; k < source.size; ++k) {
        const std::int32_t v = source.values[k];
        std::int32_t result = v;
        switch (in.op) {
          case Opcode::filter:
            if (!in_mask(source.who[k])) continue;
            break;
          case Opcode::vector_compare:
            result = compare_rating(v, bound->number, static_cast<ast::Op>(in.sub)) ? 1 : 0;
            break;
          case Opcode::vector_in:
            result = in_range(Number::integer(v), bound->low, bound->high) ? 1 : 0;
            break;
          default:  // flags_not
            result = v == 0 ? 1 : 0;
            break;
        }
        who[n] = source.who[k];
        values[n] = result;
        ++n;
      }
      vector_of(who, values, n, in.op == Opcode::filter ? source.scale : true_false);
      return;
    }
    case Opcode::flags_and:
    case Opcode::flags_or: {
      // Per respondent: only panelists in both vectors (those who rated
      // every criterion involved) are combined.
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        out = missing(MissingWhy::operand);
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
      const RtValue& source = arg(in.a);
      if (source.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      std::uint32_t* counts = scratch.counts.data() + scratch.histogram_offset[index];
      std::fill(counts, counts + in.scale_width, 0u);
      for (std::uint32_t k = 0; k < source.size; ++k) {
        ++counts[static_cast<std::uint32_t>(source.values[k] - in.scale_low)];
      }
      out = RtValue{};
      out.kind = RtKind::histogram;
      out.histogram.low = in.scale_low;
      out.histogram.counts = std::span<const std::uint32_t>(counts, in.scale_width);
      out.histogram.total = source.size;
      return;
    }
    case Opcode::tally: {
      const RtValue& source = arg(in.a);
      if (source.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      out = RtValue{};
      out.kind = RtKind::tally;
      out.tally.total = source.size;
      for (std::uint32_t k = 0; k < source.size; ++k)
        out.tally.trues += source.values[k] != 0;
      return;
    }
    case Opcode::band_tally: {
      const RtValue& h = arg(in.a);
      const RtValue& range = arg(in.b);
      if (h.missing() || range.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      out = RtValue{};
      out.kind = RtKind::tally;
      out.tally.total = h.histogram.total;
      for (std::size_t k = 0; k < h.histogram.counts.size(); ++k) {
        const Number point = Number::integer(h.histogram.low + static_cast<std::int32_t>(k));
        if (in_range(point, range.low, range.high)) out.tally.trues += h.histogram.counts[k];
      }
      return;
    }

    // ---- scalars
    case Opcode::negate: {
      const RtValue& a = arg(in.a);
      out = a.missing() ? missing(MissingWhy::operand) : number(-a.number);
      return;
    }
    case Opcode::add:
    case Opcode::subtract:
    case Opcode::multiply:
    case Opcode::divide: {
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      switch (in.op) {
        case Opcode::add:
          out = number(a.number + b.number);
          return;
        case Opcode::subtract:
          out = number(a.number - b.number);
          return;
        case Opcode::multiply:
          out = number(a.number * b.number);
          return;
        default:
          out = number(a.number / b.number, MissingWhy::division_by_zero);
          return;
      }
    }
    case Opcode::compare: {
      const RtValue& a = arg(in.a);
      const RtValue& b = arg(in.b);
      if (a.missing() || b.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      const auto op = static_cast<ast::Op>(in.sub);
      if (a.kind == RtKind::number && b.kind == RtKind::number) {
        out = boolean(compare_numbers(a.number, b.number, op));
      } else {
        out = boolean(same(a, b) == (op == ast::Op::equal));
      }
      return;
    }
    case Opcode::logical_not: {
      const int t = truth(arg(in.a));
      out = from_truth(t < 0 ? -1 : 1 - t);
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
      out = decided       ? boolean(decisive == 1)
            : any_missing ? missing(MissingWhy::operand)
                          : boolean(decisive == 0);
      return;
    }
    case Opcode::in_range: {
      const RtValue& x = arg(in.a);
      const RtValue& r = arg(in.b);
      out = x.missing() || r.missing() ? missing(MissingWhy::operand)
                                       : boolean(in_range(x.number, r.low, r.high));
      return;
    }
    case Opcode::in_list: {
      const RtValue& x = arg(in.a);
      if (x.missing()) {
        out = missing(MissingWhy::operand);
        return;
      }
      bool found = false;
      for (std::uint32_t k = 0; k < in.list_size && !found; ++k)
        found = same(x, list(k));
      out = boolean(found);
      return;
    }
    case Opcode::is_missing:
      out = boolean(arg(in.a).missing() == (in.sub == 0));
      return;
    case Opcode::select: {
      const int t = truth(arg(in.a));
      out = t < 0 ? missing(MissingWhy::operand) : arg(t == 1 ? in.b : in.c);
      return;
    }
    case Opcode::call: {
      arguments_.clear();
      const auto& params = in.overload->params;
      for (std::uint32_t k = 0; k < in.list_size; ++k) {
        stdlib::Argument a;
        a.quantile_type = static_cast<int>(in.imm);
        const std::uint32_t slot = code.lists[in.list_begin + k];
        if (slot != kNone) {
          const RtValue& v = frame[slot];
          if (v.missing()) {
            out = missing(MissingWhy::operand);
            return;
          }
          switch (params[k].kind) {
            case stdlib::ParamKind::ratings:
              a.ratings = v.histogram;
              if (v.histogram.total < in.overload->min_count) {
                out = missing(v.histogram.total == 0 ? MissingWhy::empty : MissingWhy::too_few);
                return;
              }
              break;
            case stdlib::ParamKind::tally:
              a.tally = v.tally;
              if (v.tally.total < in.overload->min_count) {
                out = missing(MissingWhy::empty);
                return;
              }
              break;
            case stdlib::ParamKind::vector:
            case stdlib::ParamKind::flags:
              a.vector = {std::span<const std::uint32_t>(v.who, v.size),
                          std::span<const std::int32_t>(v.values, v.size), v.scale};
              if (v.size < in.overload->min_count) {
                out = missing(v.size == 0 ? MissingWhy::empty : MissingWhy::too_few);
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
        arguments_.push_back(a);
      }
      const Number result = in.overload->call(arguments_);
      if (in.overload->result == stdlib::ResultKind::boolean) {
        out = result.is_missing() ? missing(MissingWhy::function) : boolean(result.value() != 0);
        return;
      }
      out = number(result, params.size() == 2 && params[1].kind == stdlib::ParamKind::number &&
                                   arguments_.size() == 2 && arguments_[1].number.value() == 0
                               ? MissingWhy::division_by_zero
                               : MissingWhy::function);
      return;
    }
    case Opcode::when_presented: {
      const RtValue& presented = arg(in.a);
      if (!presented.boolean) {
        const int looked_at = round_ + code.instrs[in.a].offset;
        out = missing(looked_at < 1 ? MissingWhy::no_previous_round : MissingWhy::not_presented);
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
          out = missing(MissingWhy::undecided_case);
          out.deciding_case = k;
          return;
        }
        out = RtValue{};
        out.kind = RtKind::label;
        out.label = plan_.case_labels[k];
        out.text = plan_.labels[out.label];
        out.deciding_case = k;
        return;
      }
      out = missing(MissingWhy::error);
      return;
    }
    case Opcode::statement_tally: {
      const std::vector<RtValue>* column = in.imm == kNone ? nullptr : &(*columns_)[in.imm];
      const std::size_t statements = study_.statements[static_cast<std::size_t>(round_ - 1)].size();
      out = RtValue{};
      out.kind = RtKind::tally;
      out.tally.total = static_cast<std::uint32_t>(statements);
      if (column == nullptr) {
        out.tally.trues = out.tally.total;
        return;
      }
      for (const RtValue& v : *column) {
        if (v.missing()) {
          out = missing(MissingWhy::undetermined);
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
        out = missing(MissingWhy::no_previous_round);
        return;
      }
      out = (*previous_round_)[in.a];
      return;
  }
}

}  // namespace tholos::interp
