// The one table of every function a rule file can call, assembled from the
// families' registrations.
#include "stdlib/catalogue.hpp"

#include <algorithm>

namespace tholos::stdlib {

const std::vector<FunctionInfo>& catalogue() {
  static const std::vector<FunctionInfo> functions = [] {
    std::vector<FunctionInfo> table;
    register_descriptive(table);
    register_agreement(table);
    register_reliability(table);
    register_stability(table);
    return table;
  }();
  return functions;
}

const FunctionInfo* find_function(std::string_view name) {
  const std::vector<FunctionInfo>& functions = catalogue();
  const auto found = std::find_if(functions.begin(), functions.end(),
                                  [&](const FunctionInfo& f) { return f.name == name; });
  return found == functions.end() ? nullptr : &*found;
}

}  // namespace tholos::stdlib
