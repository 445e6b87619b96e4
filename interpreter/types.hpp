// The types of Tholos expressions and the level at which an expression is
// evaluated, both decided by the checker before anything runs.
#pragma once

#include <cstdint>
#include <string_view>

namespace tholos::interp {

enum class Type : std::uint8_t {
  error,       // an expression that already produced a diagnostic
  number,      // 4.5
  percentage,  // 75% (a number between 0 and 1, shown as a percentage)
  boolean,     // true / false (and missing, under Kleene logic)
  text,        // "patient", an item id, a panel attribute
  label,       // a status label: consensus, "in"
  range,       // 4..5, a band
  list,        // ("a", "b"): a set of values for `in`
  ratings,     // a rating vector: one statement's valid ratings, by panelist
  flags,       // a per-respondent condition: `rating in agree`, by panelist
  statements,  // the statements of a round, possibly narrowed by `where`
};

std::string_view type_name(Type type);

inline bool is_numeric(Type t) {
  return t == Type::number || t == Type::percentage;
}
inline bool is_vector(Type t) {
  return t == Type::ratings || t == Type::flags;
}
// Types a measure, param or condition can hold and a report can show.
inline bool is_scalar(Type t) {
  return is_numeric(t) || t == Type::boolean || t == Type::text || t == Type::label ||
         t == Type::range;
}

// Where an expression is evaluated. Each level can use what the levels
// before it compute.
enum class Level : std::uint8_t {
  constant,     // literals and params: the same everywhere
  panel,        // the panel: panelists
  round_input,  // one round, known from its data alone: round, invited,
                // response_rate, statistics over the round's ratings (apmo)
  round,        // one round, after its statements: counts of statements by
                // status, other aggregates of statement results
  statement,    // one statement in one round: rating, measures, status...
  panelist,     // one panelist, inside `where`: group, panel.X
};

std::string_view level_name(Level level);

}  // namespace tholos::interp
