// Functions a host adds to the language, as entries of the function table.
#pragma once

#include <memory>
#include <vector>

#include "common/diagnostics.hpp"
#include "stdlib/catalogue.hpp"
#include "tholos/tholos.hpp"

namespace tholos::detail {

// The host's functions as catalogue entries, or null (with errors) when one
// is malformed: no name, a reserved word or a built-in function's name,
// added twice, no code to call.
std::shared_ptr<const std::vector<stdlib::FunctionInfo>> host_functions(
    const std::vector<HostFunction>& functions, DiagnosticList& diagnostics);

}  // namespace tholos::detail
