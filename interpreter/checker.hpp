// The checker's internals, shared by check_declarations.cpp (the file as a
// whole: symbols, ordering, declaration rules) and check_expressions.cpp
// (types and levels of expressions).
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/diagnostics.hpp"
#include "interpreter/program.hpp"

namespace tholos::interp {

// Where an expression appears, which decides what its names mean.
struct CheckContext {
  Level level = Level::statement;  // panel, round or statement
  bool panelist = false;           // inside `where` on a vector: panel attributes
  bool in_group = false;           // inside every/any group (...)
  bool in_previous = false;        // inside previous(...)
  bool in_case = false;            // a classification case: status is not known yet
  bool matrix_argument = false;    // an argument that may be the statements of a round
};

class Checker {
 public:
  Checker(CheckedProgram& program, const SourceFile& source, DiagnosticList& diagnostics)
      : p_(program), source_(source), diagnostics_(diagnostics) {}

  // ---- check_declarations.cpp
  void check_module();
  // Rebuilds the symbol tables of an already checked program (for an extra
  // expression).
  void restore_symbols();

  // ---- check_expressions.cpp
  const ExprInfo& check(const ast::Expr& e, const CheckContext& ctx);
  // Checks a condition: an expression that must be boolean.
  void check_condition(const ast::Expr& e, const CheckContext& ctx, std::string_view what);
  // The value of a constant expression (literals, params' defaults, bands).
  std::optional<Scalar> fold(const ast::Expr& e) const;
  // Whether evaluating e needs the statements of a round (`statements` or a
  // round-level measure), which makes a measure round-level.
  bool uses_round_aggregates(const ast::Expr& e);
  // Whether e depends on the status (directly or through measures).
  bool uses_status(const ast::Expr& e);
  // Whether `statements` or `statements where C`, with C about the
  // statements' attributes only (item, item.X, params), so that the set is
  // known before any statement is evaluated. Judged from the syntax.
  bool is_fixed_statement_set(const ast::Expr& e) const;
  // The scale of a rating vector expression (rating, a criterion, their
  // `where` and previous()), when it can be told.
  const ScaleInfo* scale_of_ratings(const ast::Expr& e) const;
  // Whether argument `index` of a call to `function` can be a matrix.
  static bool takes_matrix(const stdlib::FunctionInfo& function, std::size_t index);

  int quantile_uses = 0;
  int implicit_denominator_uses = 0;
  const ast::Expr* first_quantile_use = nullptr;
  const ast::Expr* first_implicit_denominator = nullptr;

 private:
  friend struct DeclarationChecker;

  // Symbols
  enum class MeasureState : std::uint8_t { unchecked, checking, done };
  struct MeasureSlot {
    const ast::MeasureDecl* decl = nullptr;
    MeasureState state = MeasureState::unchecked;
    bool uses_status = false;
    bool in_cycle = false;
  };

  void error(const ast::Expr& e, std::string message) {
    diagnostics_.error(source_, e.span.begin, e.span.end, std::move(message));
  }
  void error(ast::Span span, std::string message) {
    diagnostics_.error(*p_.source, span.begin, span.end, std::move(message));
  }
  void warning(ast::Span span, std::string message) {
    diagnostics_.warning(*p_.source, span.begin, span.end, std::move(message));
  }
  std::string_view text(const ast::Expr& e) const {
    return std::string_view(source_.text()).substr(e.span.begin, e.span.end - e.span.begin);
  }

  std::vector<const ast::Decl*> effective_declarations();
  // Declaring a user name; false (with an error) when it is taken.
  bool declare(const ast::Name& name, Reference ref);
  // Declaring the name of a declaration in error (reported), such as a band
  // outside its scale: its uses are errors already explained, and give no
  // "unknown name". Nothing happens when the name is declared already.
  void poison(const ast::Name& name);
  void ensure_measure(std::uint32_t index, const ast::Expr& use);
  void check_measure(std::uint32_t index);

  // Expression helpers (check_expressions.cpp)
  ExprInfo& set(const ast::Expr& e, Type type, Level level, bool constant = false);
  ExprInfo& fail(const ast::Expr& e);
  ExprInfo& check_name(const ast::Expr& e, const CheckContext& ctx, bool want_label);
  ExprInfo& check_builtin(const ast::Expr& e, Builtin builtin, const CheckContext& ctx);
  ExprInfo& check_qualified(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_call(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_previous(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_unary(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_binary(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_compare(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_in(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_where(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_quantifier(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_conditional(const ast::Expr& e, const CheckContext& ctx);
  ExprInfo& check_list(const ast::Expr& e, const CheckContext& ctx, bool want_label);
  // Checks an operand that may be a bare label (`status = consensus`).
  const ExprInfo& check_operand(const ast::Expr& e, const CheckContext& ctx, bool want_label);
  void check_percentage_against_number(const ast::Expr& pct, const ast::Expr& plain);
  std::vector<std::string> known_names() const;

  CheckedProgram& p_;
  const SourceFile& source_;
  DiagnosticList& diagnostics_;
  std::unordered_map<std::string, Reference> symbols_;
  std::unordered_map<std::string, ast::Span> declared_at_;
  std::unordered_map<std::string, std::uint32_t> scales_;
  std::unordered_map<std::string, std::uint32_t> labels_;
  std::vector<MeasureSlot> measure_slots_;
  std::vector<std::uint32_t> measure_stack_;  // measures being checked, for cycle messages
  std::vector<bool> param_used_;
  // Params whose value is in error (reported): declared, so that their uses
  // give no "unknown name", but without a value to fold.
  std::vector<bool> param_poisoned_;
  std::unordered_set<std::string> poisoned_names_;  // see poison()
  bool poisoned(std::uint32_t param) const {
    return param < param_poisoned_.size() && param_poisoned_[param];
  }
  // Whether e uses a poisoned param: an error about e would repeat that
  // param's.
  bool uses_poisoned_param(const ast::Expr& e) const;
  std::vector<const ast::ParamDecl*> replaced_params_;  // imported params the file redeclares
};

// The level of an expression combining operands of these levels.
inline Level max_level(Level a, Level b) {
  if (a == Level::panelist || b == Level::panelist) return Level::panelist;
  return std::max(a, b);
}

// A type as an error message names it: "a number", "a rating vector".
std::string_view describe(Type t);

// Names of the built-in values, with their meaning (for help and errors).
const std::unordered_map<std::string, Builtin>& builtin_names();

}  // namespace tholos::interp
