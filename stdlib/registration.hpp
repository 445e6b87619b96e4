// Helpers for the files that register a family of functions in the
// catalogue (register_*.cpp).
#pragma once

#include <string_view>
#include <vector>

#include "stdlib/catalogue.hpp"

namespace tholos::stdlib {

inline FunctionInfo function(std::string_view name, std::string_view summary,
                             std::vector<Overload> overloads, bool depends_on_quantile_type = false,
                             std::string_view other_missing_reason = {}) {
  return FunctionInfo{name, summary, std::move(overloads), depends_on_quantile_type,
                      other_missing_reason};
}

// A boolean result for an implementation: 1 or 0, or missing.
inline Number truth(bool value) {
  return Number::integer(value ? 1 : 0);
}

}  // namespace tholos::stdlib
