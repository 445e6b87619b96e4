// A checked program: the syntax tree of a rule file together with what the
// checker learnt about it. Every name is resolved, every expression has a
// type and a level, the declarations are in an order in which each can be
// computed from the ones before it. Immutable after checking; the compiler
// (lower.cpp) turns it into an executable plan for a given study.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/source_file.hpp"
#include "grammar/ast.hpp"
#include "interpreter/types.hpp"
#include "stdlib/catalogue.hpp"

namespace tholos::interp {

using stdlib::Number;

// A value known before any data is read: a literal, a param's value, a band.
struct Scalar {
  Type type = Type::error;
  bool is_missing = false;
  Number number;  // number, percentage
  bool boolean = false;
  std::string text;  // text, label
  Number low, high;  // range
};

// The names the language defines.
enum class Builtin : std::uint8_t {
  rating,           // the statement's valid ratings
  round,            // the round number
  respondents,      // panelists who answered (the statement, or the round)
  invited,          // panelists invited to the round
  response_rate,    // respondents / invited
  attrition,        // share of the previous round's respondents who did not answer
  panelists,        // panel size
  statements,       // the statements rated in the round
  status,           // the statement's status label
  item,             // the statement's id
  item_attribute,   // item.X
  group,            // the panelist's group (inside `where`)
  panel_attribute,  // panel.X (inside `where`)
  panelist,         // the panelist's id (inside `where`)
};

// What a name in an expression refers to.
struct Reference {
  enum class Kind : std::uint8_t { none, builtin, band, param, measure, criterion, label };
  Kind kind = Kind::none;
  Builtin builtin = Builtin::rating;
  std::uint32_t index = 0;  // band, param, measure, criterion, label, or attribute column
};

// What the checker learnt about one expression node (indexed by node id).
struct ExprInfo {
  Type type = Type::error;
  Level level = Level::constant;
  Reference ref;          // names
  int call = -1;          // calls: index into CheckedProgram::calls
  bool constant = false;  // its value is known without data (literals, params, bands)
};

// A resolved function call.
struct CallInfo {
  bool previous = false;  // previous(x): x in the previous round
  const stdlib::FunctionInfo* function = nullptr;
  const stdlib::Overload* overload = nullptr;
  int quantile_type = 7;  // the type argument, or the file's default
  // share(flags) without a denominator argument: the file's `denominator`
  // (valid ratings when none is declared) applies.
  bool default_denominator = false;
};

struct ScaleInfo {
  std::string name;
  Number low, high;
  std::vector<std::string> codes;  // answers that are not ratings
  ast::Span span;
};

struct BandInfo {
  std::string name;
  Number low, high;
  std::uint32_t scale = 0;
};

struct CriterionInfo {
  std::string name;
  std::uint32_t scale = 0;
  ast::Span span;
};

struct ParamInfo {
  std::string name;
  Type type = Type::error;
  Scalar value;  // the default
  std::string description;
  ast::Span span;
};

struct MeasureInfo {
  std::string name;
  Type type = Type::error;
  Level level = Level::statement;
  const ast::Expr* expr = nullptr;
  std::string description;
  ast::Span span;
  bool per_group = false;  // used inside every/any group: the report shows each group
};

struct CaseInfo {
  std::uint32_t label = 0;
  const ast::Expr* condition = nullptr;  // null for `otherwise`
  ast::Span label_span;
};

struct RequirementInfo {
  Level level = Level::round;  // panel, round or statement
  bool per_group = false;
  const ast::Expr* condition = nullptr;
  bool warn = false;
  std::string message;
  std::string scope;  // as the report names it: "each statement, each group"
  ast::Span span;
};

struct StopInfo {
  const ast::Expr* condition = nullptr;
  std::string message;
  ast::Span span;
};

// A column of panel.csv or items.csv the program reads, and where.
struct ColumnUse {
  std::string column;
  ast::Span span;
};

// A text literal compared with a panel attribute (`group = "patient"`), so
// binding can warn when no panelist has that value.
struct AttributeLiteral {
  std::uint32_t column = 0;  // index into panel_columns
  std::string value;
  ast::Span span;
  bool in_expression = false;  // the span is in expression_source, not the rule file
};

struct CheckedProgram {
  // Shared so that a program extended with one more expression (for
  // `tholos eval -e` and the REPL) is a cheap copy of the original.
  std::shared_ptr<const SourceFile> source;
  std::shared_ptr<const ast::Module> module;
  // An extra expression checked against the program, with its own source;
  // its node ids follow the module's.
  std::shared_ptr<const SourceFile> expression_source;
  std::shared_ptr<const ast::Expr> expression;
  Level expression_level = Level::statement;  // statement, or round for aggregates

  std::string title;
  std::vector<ScaleInfo> scales;
  std::vector<BandInfo> bands;
  std::vector<CriterionInfo> criteria;  // empty: one rating per statement
  std::optional<int> quantile_type;
  std::optional<ast::Denominator> denominator;
  std::optional<std::uint32_t> groups_column;  // index into panel_columns

  std::vector<ParamInfo> params;
  std::vector<MeasureInfo> measures;  // in an order where each uses only earlier ones
  std::vector<std::string> labels;    // in classification order
  std::vector<CaseInfo> cases;        // empty without `classify`
  const ast::Expr* rerate = nullptr;
  std::vector<RequirementInfo> requirements;
  std::vector<StopInfo> stops;

  std::vector<ColumnUse> panel_columns;
  std::vector<ColumnUse> item_columns;
  std::vector<AttributeLiteral> attribute_literals;

  std::vector<ExprInfo> info;  // indexed by ast::NodeId
  std::vector<CallInfo> calls;
  // Functions the host added, looked up after the built-in catalogue; shared
  // so that CallInfo's pointers stay valid in copies of the program.
  std::shared_ptr<const std::vector<stdlib::FunctionInfo>> host_functions;

  // A function by name: built-in, then the host's.
  const stdlib::FunctionInfo* find_function(std::string_view name) const;
  // Every function's name (for suggestions and completion), with previous.
  std::vector<std::string> function_names() const;

  const ExprInfo& operator[](const ast::Expr& e) const { return info[e.id]; }
  // The source text of an expression (from the rule file or the extra
  // expression) and of a span in the rule file.
  std::string_view text(const ast::Expr& e) const;
  std::string_view text(ast::Span span) const {
    return std::string_view(source->text()).substr(span.begin, span.end - span.begin);
  }
  // The scale of criterion c (or of the ratings, without criteria).
  const ScaleInfo& scale_of(std::uint32_t criterion) const {
    return scales[criteria.empty() ? 0 : criteria[criterion].scale];
  }
  std::optional<std::uint32_t> find_param(std::string_view name) const;
};

}  // namespace tholos::interp
