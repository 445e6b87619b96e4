// The syntax tree of a rule file. Every node has an id (dense, from 0) and a
// span of source bytes; later stages keep what they learn about a node (its
// type, what a name refers to) in side tables indexed by id, so the tree
// itself stays exactly what was written.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "stdlib/number.hpp"

namespace tholos::ast {

using stdlib::Number;
using NodeId = std::uint32_t;

// Bytes [begin, end) of the rule file.
struct Span {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class ExprKind : std::uint8_t {
  number,       // 12, 3.5
  percent,      // 75% (number holds 0.75)
  string,       // "patient"
  boolean,      // true, false
  range,        // 4..5 (low, high)
  list,         // ("a", "b"): args
  name,         // agreement, rating, panel.group (qualifier "panel")
  unary,        // -x, not x: args[0]
  binary,       // + - * / and or: args[0], args[1]
  compare,      // = != < <= > >=: args[0], args[1]
  in,           // x in band, x in 4..5, x in ("a", "b"): args[0], args[1]
  is_missing,   // x is missing, x is not missing (op): args[0]
  where,        // vector where condition: args[0], args[1]
  call,         // f(args...): text holds the function name
  quantifier,   // every group (e), any group (e) (op): args[0]
  conditional,  // if c then a else b: args[0..2]
};

enum class Op : std::uint8_t {
  none,
  add,
  subtract,
  multiply,
  divide,
  negate,
  logical_not,
  logical_and,
  logical_or,
  equal,
  not_equal,
  less,
  less_equal,
  greater,
  greater_equal,
  every,
  any,
  is_missing,
  is_not_missing,
};

const char* op_text(Op op);

struct Expr {
  ExprKind kind = ExprKind::number;
  Op op = Op::none;
  NodeId id = 0;
  Span span;
  std::string text;       // name, function name, string value
  std::string qualifier;  // "panel" or "item" in panel.group, item.domain
  Span name_span;         // the function name of a call, the name of a name
  Number number;          // number and percent literals; range low
  Number high;            // range high
  bool boolean = false;
  std::vector<std::unique_ptr<Expr>> args;
};

using ExprPtr = std::unique_ptr<Expr>;

struct Name {
  std::string text;
  Span span;
};

// study "title"
struct StudyDecl {
  std::string title;
};

// import comet, import "shared.tholos"
struct ImportDecl {
  std::string target;
  bool is_path = false;  // quoted: a file; bare: a preset
  Span target_span;
};

// band agree = 4..5
struct Band {
  Name name;
  Number low, high;
  Span range_span;
};

// scale agreement 1..5, followed by `not a rating: "DK"` and `band` clauses
struct ScaleDecl {
  Name name;
  Number low, high;
  Span range_span;
  std::vector<Name> codes;  // the codes' texts, with the spans of their strings
  std::vector<Band> bands;
};

// quantiles type 7
struct QuantilesDecl {
  int type = 7;
  Span type_span;
};

enum class Denominator : std::uint8_t { valid_ratings, respondents, invited };

// denominator valid ratings | respondents | invited
struct DenominatorDecl {
  Denominator denominator = Denominator::valid_ratings;
};

// groups from panel.group
struct GroupsDecl {
  Name column;
};

// criteria useful, acceptable [on scale]
struct CriteriaDecl {
  std::vector<Name> names;
  std::optional<Name> scale;
};

// param threshold = 70% "description"
struct ParamDecl {
  Name name;
  ExprPtr value;
  std::string description;
};

// measure agreement = share(rating in agree) "description"
struct MeasureDecl {
  Name name;
  ExprPtr value;
  std::string description;
};

// consensus when agreement >= threshold
struct Case {
  Name label;
  ExprPtr condition;  // null for `otherwise`
};

// classify statement ... otherwise label
struct ClassifyDecl {
  std::vector<Case> cases;  // the last one is `otherwise`
};

// rerate when condition
struct RerateDecl {
  ExprPtr condition;
};

enum class Scope : std::uint8_t { statement, round, group, panel };

struct ScopeRef {
  Scope scope;
  Span span;
};

// require [each statement, each group:] condition [warn|error] ["message"]
struct RequireDecl {
  std::vector<ScopeRef> scopes;
  ExprPtr condition;
  bool warn = false;
  std::string message;
};

// stop when condition ["message"]
struct StopDecl {
  ExprPtr condition;
  std::string message;
};

using DeclBody = std::variant<StudyDecl, ImportDecl, ScaleDecl, QuantilesDecl, DenominatorDecl,
                              GroupsDecl, CriteriaDecl, ParamDecl, MeasureDecl, ClassifyDecl,
                              RerateDecl, RequireDecl, StopDecl>;

struct Decl {
  Span span;     // the whole declaration
  Span keyword;  // its leading keyword
  DeclBody body;
};

struct Module {
  std::vector<Decl> decls;
  NodeId node_count = 0;  // expression ids are 0 .. node_count - 1
  // The file each segment of the source was imported by (the rule file,
  // segment 0, has none: itself).
  std::vector<std::size_t> importer = {0};

  // Whether segment `outer` imports segment `inner`, directly or through
  // other imports (a file's own declarations can adjust what it imports).
  bool imports(std::size_t outer, std::size_t inner) const {
    while (inner != 0 && inner < importer.size()) {
      inner = importer[inner];
      if (inner == outer) return true;
    }
    return false;
  }
};

// Calls f(expr) for every expression in the tree rooted at e, parents first.
template <typename F>
void visit(const Expr& e, F&& f) {
  f(e);
  for (const auto& arg : e.args)
    visit(*arg, f);
}

}  // namespace tholos::ast
