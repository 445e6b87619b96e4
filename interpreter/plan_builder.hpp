// The compiler's internals (build_plan.cpp: lowering; plan_sets.cpp: panel
// masks and statement sets; plan_explanations.cpp: what explanations show).
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "interpreter/plan.hpp"

namespace tholos::interp {

// The value of a construct that cannot be lowered: unreachable for a checked
// program, and missing (never a crash) if it happens.
inline Scalar invalid() {
  Scalar s;
  s.type = Type::error;
  s.is_missing = true;
  return s;
}

struct Ctx {
  Code* code = nullptr;
  Level level = Level::statement;
  std::uint32_t mask = 0;
  std::int8_t offset = 0;
};

class PlanBuilder {
 public:
  PlanBuilder(const CheckedProgram& program, const BoundStudy& study, Plan& plan,
              std::optional<std::uint32_t> expression_group)
      : p_(program), s_(study), plan_(plan), expression_group_(expression_group) {}

  void build();
  // Only the extra expression, in the panel plan (build_constant_plan).
  void build_constant();

 private:
  // ---- emitting
  std::uint32_t emit(Code& code, Instr instr, const std::vector<std::uint32_t>& list = {});
  std::uint32_t constant(Code& code, Scalar value);
  std::uint32_t intern_mask(PanelMask mask);
  std::uint32_t combine(std::uint32_t a, std::uint32_t b);
  std::uint32_t group_mask(std::uint32_t group);
  std::uint32_t mask_of(const ast::Expr& condition);
  bool panelist_matches(const ast::Expr& e, std::uint32_t panelist);
  std::string panelist_text(const ast::Expr& e, std::uint32_t panelist);

  // ---- lowering
  std::uint32_t lower(const ast::Expr& e, const Ctx& ctx);
  std::uint32_t lower_name(const ast::Expr& e, const Ctx& ctx);
  std::uint32_t lower_vector(const ast::Expr& e, const Ctx& ctx, std::uint32_t narrow);
  std::uint32_t lower_tally(const ast::Expr& e, const Ctx& ctx);
  std::uint32_t lower_call(const ast::Expr& e, const Ctx& ctx);
  std::uint32_t lower_matrix(const ast::Expr& e, const Ctx& ctx);
  std::uint32_t item_set(const ast::Expr& condition);
  bool item_matches(const ast::Expr& e, std::uint32_t item);
  std::string item_text(const ast::Expr& e, std::uint32_t item);
  std::uint32_t lower_classify(const Ctx& ctx);
  std::uint32_t histogram_of(Code& code, std::uint32_t vector_slot);

  // ---- explanations
  ConditionPlan condition(std::string label, const ast::Expr* cond, const Ctx& ctx);
  void collect_atoms(const ast::Expr& e, const Ctx& ctx, std::vector<AtomPlan>& atoms,
                     const std::string& suffix, bool negated = false);
  void add_operands(const ast::Expr& e, const Ctx& ctx, AtomPlan& atom, const std::string& suffix);

  const ExprInfo& info(const ast::Expr& e) const { return p_.info[e.id]; }
  std::string text(const ast::Expr& e) const { return std::string(p_.text(e)); }
  Ctx statement_ctx() { return {&plan_.statement, Level::statement, 0, 0}; }
  Ctx round_ctx() { return {&plan_.round, Level::round, 0, 0}; }
  Ctx panel_ctx() { return {&plan_.panel, Level::panel, 0, 0}; }

  struct VectorInfo {
    std::uint32_t mask = 0;
    std::uint32_t criterion = 0;
    std::int8_t offset = 0;
  };

  const CheckedProgram& p_;
  const BoundStudy& s_;
  Plan& plan_;
  std::unordered_map<const Code*, std::unordered_map<std::string, std::uint32_t>> memo_;
  std::unordered_map<const Code*, std::unordered_map<std::uint32_t, VectorInfo>> vectors_;
  std::unordered_map<std::string, std::uint32_t> mask_memo_;
  std::unordered_map<std::string, std::uint32_t> constant_memo_;
  std::vector<std::uint32_t> group_masks_;
  std::optional<std::uint32_t> expression_group_;
};

}  // namespace tholos::interp
