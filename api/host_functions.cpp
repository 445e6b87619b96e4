#include "api/host_functions.hpp"

#include <fmt/format.h>

#include <cctype>
#include <set>

#include "grammar/parse_rules.hpp"

namespace tholos::detail {
namespace {

bool is_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
    return false;
  }
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The ratings of a histogram as a vector Value, smallest first.
Value ratings_value(const stdlib::Histogram& h) {
  Value v;
  v.kind = ValueKind::vector;
  for (std::size_t i = 0; i < h.counts.size(); ++i) {
    for (std::uint32_t k = 0; k < h.counts[i]; ++k) {
      Value element;
      element.kind = ValueKind::number;
      element.number = h.low + static_cast<double>(i);
      element.numerator = h.low + static_cast<std::int64_t>(i);
      element.denominator = 1;
      v.elements.push_back(std::move(element));
    }
  }
  return v;
}

Value number_value(const stdlib::Number& n) {
  Value v;
  if (n.is_missing()) return v;
  v.kind = ValueKind::number;
  v.number = n.value();
  if (n.is_exact()) {
    v.numerator = n.numerator();
    v.denominator = n.denominator();
  }
  return v;
}

// What the host returned, as a Number: exact when it gave a rational.
stdlib::Number result_number(const Value& v) {
  switch (v.kind) {
    case ValueKind::number:
    case ValueKind::percentage:
      if (v.denominator > 0) return stdlib::Number::ratio(v.numerator, v.denominator);
      return stdlib::Number::real(v.number);
    case ValueKind::boolean:
      return stdlib::Number::integer(v.boolean ? 1 : 0);
    default:
      return stdlib::Number::missing();
  }
}

}  // namespace

std::shared_ptr<const std::vector<stdlib::FunctionInfo>> host_functions(
    const std::vector<HostFunction>& functions, DiagnosticList& diagnostics) {
  if (functions.empty()) return nullptr;
  // The table keeps the names the entries' string_views point at.
  struct Table {
    std::vector<std::string> names, summaries;
    std::vector<stdlib::FunctionInfo> entries;
  };
  auto table = std::make_shared<Table>();
  table->names.reserve(functions.size());
  table->summaries.reserve(functions.size());
  std::set<std::string> seen;
  bool ok = true;
  for (const HostFunction& f : functions) {
    std::string problem;
    if (!is_name(f.name)) {
      problem =
          fmt::format("the host function name '{}' is not a name (letters, digits, _)", f.name);
    } else if (grammar::is_reserved_word(f.name)) {
      problem = fmt::format(
          "the host function name '{}' is a reserved word of the rule language; choose another "
          "name",
          f.name);
    } else if (stdlib::find_function(f.name) != nullptr || f.name == "previous") {
      problem = fmt::format("the host function '{}' has the name of a built-in function", f.name);
    } else if (!seen.insert(f.name).second) {
      problem = fmt::format("the host function '{}' is added twice", f.name);
    } else if (!f.call) {
      problem = fmt::format("the host function '{}' has nothing to call", f.name);
    }
    if (!problem.empty()) {
      diagnostics.add_plain(Severity::error, "", problem);
      ok = false;
      continue;
    }
    table->names.push_back(f.name);
    table->summaries.push_back(f.summary);
    stdlib::Overload overload;
    for (HostFunction::Parameter p : f.parameters) {
      overload.params.push_back({p == HostFunction::Parameter::ratings ? "ratings" : "x",
                                 p == HostFunction::Parameter::ratings
                                     ? stdlib::ParamKind::ratings
                                     : stdlib::ParamKind::number});
    }
    overload.result = f.result == HostFunction::Result::percentage ? stdlib::ResultKind::percentage
                      : f.result == HostFunction::Result::boolean  ? stdlib::ResultKind::boolean
                                                                   : stdlib::ResultKind::number;
    overload.min_count = static_cast<std::uint32_t>(f.min_ratings);
    const std::vector<HostFunction::Parameter> kinds = f.parameters;
    const auto call = f.call;
    overload.callable = [kinds, call](std::span<const stdlib::Argument> args) {
      std::vector<Value> values;
      for (std::size_t i = 0; i < kinds.size() && i < args.size(); ++i) {
        values.push_back(kinds[i] == HostFunction::Parameter::ratings
                             ? ratings_value(args[i].ratings)
                             : number_value(args[i].number));
      }
      try {
        return result_number(call(values));
      } catch (...) {
        return stdlib::Number::missing();  // nothing the host throws escapes into evaluation
      }
    };
    stdlib::FunctionInfo info;
    info.name = table->names.back();
    info.summary = table->summaries.back();
    info.overloads.push_back(std::move(overload));
    info.other_missing_reason = "the host's function gave no value";
    table->entries.push_back(std::move(info));
  }
  if (!ok) return nullptr;
  // Share ownership of the names with the entries that view them.
  return std::shared_ptr<const std::vector<stdlib::FunctionInfo>>(table, &table->entries);
}

}  // namespace tholos::detail
