// The report stage's entry points (the public tholos::render and
// tholos::format_value in api/ call these).
#pragma once

#include <string>

#include "tholos/tholos.hpp"

namespace tholos::report {

std::string render_report(const Report& report, Format format);
std::string render_expression(const ExpressionResult& result, Format format);
// A value as a person reads it (see tholos::format_value).
std::string format_value(const Value& value);

}  // namespace tholos::report
