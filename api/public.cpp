// The public functions whose work is done by other stages: every symbol a
// host links against is defined in api/, so the library exports exactly the
// public API.
#include <algorithm>

#include "report/render.hpp"
#include "tholos/tholos.hpp"

namespace tholos {

bool has_errors(const std::vector<Diagnostic>& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::error; });
}

std::string format_value(const Value& value) {
  return report::format_value(value);
}

std::string render(const Report& report, Format format) {
  return report::render_report(report, format);
}

std::string render(const ExpressionResult& result, Format format) {
  return report::render_expression(result, format);
}

}  // namespace tholos
