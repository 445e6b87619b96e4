// The C interface (include/tholos/tholos.h) over the C++ one: each handle
// holds a C++ object; every entry point checks its arguments, turns a
// failed Result into a status and diagnostics, and catches everything, so
// that no exception crosses into C. Only the public C++ header is used, with
// the shared machinery of c_api_support.hpp.
#include "tholos/tholos.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/c_api_support.hpp"
#include "api/host_callback.h"
#include "tholos/tholos.hpp"

using namespace tholos::c_api;  // this file implements the C API with them

namespace {

using tholos::Diagnostic;
using tholos::Severity;

// ---------------------------------------------------------------------------
// Host functions

tholos_value c_value(const tholos::Value& value, std::vector<double>& ratings) {
  tholos_value out{};
  out.kind = THOLOS_VALUE_MISSING;
  switch (value.kind) {
    case tholos::ValueKind::number:
    case tholos::ValueKind::percentage:
      out.kind =
          value.kind == tholos::ValueKind::number ? THOLOS_VALUE_NUMBER : THOLOS_VALUE_PERCENTAGE;
      out.number = value.number;
      out.numerator = value.numerator;
      out.denominator = value.denominator;
      break;
    case tholos::ValueKind::boolean:
      out.kind = THOLOS_VALUE_BOOLEAN;
      out.boolean = value.boolean ? 1 : 0;
      break;
    case tholos::ValueKind::vector:
      ratings.reserve(value.elements.size());
      for (const tholos::Value& element : value.elements)
        ratings.push_back(element.number);
      out.kind = THOLOS_VALUE_RATINGS;
      out.ratings = ratings.data();
      out.rating_count = ratings.size();
      break;
    default:
      break;
  }
  return out;
}

// What the host's callback returned, as a Value; missing for an error
// status, a kind other than the function's result kind (a number and a
// percentage stand for each other), or a number that is not finite.
tholos::Value cpp_value(int status, const tholos_value& result,
                        tholos::HostFunction::Result declared) {
  tholos::Value out;
  if (status != THOLOS_OK) return out;
  const long long kind = raw(result.kind);
  const bool boolean = declared == tholos::HostFunction::Result::boolean;
  if (boolean != (kind == THOLOS_VALUE_BOOLEAN)) return out;
  switch (kind) {
    case THOLOS_VALUE_NUMBER:
    case THOLOS_VALUE_PERCENTAGE:
      if (result.denominator > 0) {
        out.numerator = result.numerator;
        out.denominator = result.denominator;
        out.number =
            static_cast<double>(result.numerator) / static_cast<double>(result.denominator);
      } else if (std::isfinite(result.number)) {
        out.number = result.number;
      } else {
        return out;
      }
      out.kind =
          kind == THOLOS_VALUE_NUMBER ? tholos::ValueKind::number : tholos::ValueKind::percentage;
      return out;
    case THOLOS_VALUE_BOOLEAN:
      out.kind = tholos::ValueKind::boolean;
      out.boolean = result.boolean != 0;
      return out;
    default:
      return out;
  }
}

// The host's C functions as C++ ones, or a problem with an argument.
std::string host_functions(const tholos_host_function* functions, std::size_t count,
                           std::vector<tholos::HostFunction>& out) {
  if (functions == nullptr && count > 0) {
    return "the argument 'functions' is NULL but its count is " + std::to_string(count);
  }
  for (std::size_t i = 0; i < count; ++i) {
    const tholos_host_function& f = functions[i];
    const std::string name = "functions[" + std::to_string(i) + "]";
    if (f.name == nullptr) return "the argument '" + name + ".name' is NULL";
    if (f.call == nullptr) return "the argument '" + name + ".call' is NULL";
    if (f.summary != nullptr && !is_utf8(f.summary)) {
      return "the argument '" + name + ".summary' is not valid UTF-8";
    }
    if (f.parameters == nullptr && f.parameter_count > 0) {
      return "the argument '" + name + ".parameters' is NULL but its count is " +
             std::to_string(f.parameter_count);
    }
    tholos::HostFunction host;
    host.name = f.name;
    host.summary = f.summary != nullptr ? f.summary : "";
    for (std::size_t p = 0; p < f.parameter_count; ++p) {
      switch (raw(f.parameters[p])) {
        case THOLOS_PARAMETER_NUMBER:
          host.parameters.push_back(tholos::HostFunction::Parameter::number);
          break;
        case THOLOS_PARAMETER_RATINGS:
          host.parameters.push_back(tholos::HostFunction::Parameter::ratings);
          break;
        default:
          return "the argument '" + name + ".parameters[" + std::to_string(p) +
                 "]' is not a tholos_parameter_kind";
      }
    }
    switch (raw(f.result)) {
      case THOLOS_RESULT_NUMBER:
        host.result = tholos::HostFunction::Result::number;
        break;
      case THOLOS_RESULT_PERCENTAGE:
        host.result = tholos::HostFunction::Result::percentage;
        break;
      case THOLOS_RESULT_BOOLEAN:
        host.result = tholos::HostFunction::Result::boolean;
        break;
      default:
        return "the argument '" + name + ".result' is not a tholos_result_kind";
    }
    host.min_ratings = f.min_ratings;
    host.call = [call = f.call, user_data = f.user_data,
                 declared = host.result](const std::vector<tholos::Value>& args) {
      std::vector<std::vector<double>> ratings(args.size());
      std::vector<tholos_value> c_args(args.size());
      for (std::size_t k = 0; k < args.size(); ++k)
        c_args[k] = c_value(args[k], ratings[k]);
      tholos_value result{};
      result.kind = THOLOS_VALUE_MISSING;
      // Any int the callback returns, through C (host_callback.h).
      const int status =
          tholos_call_host_callback(call, user_data, c_args.data(), c_args.size(), &result);
      return cpp_value(status, result, declared);
    };
    out.push_back(std::move(host));
  }
  return {};
}

// Compiles `source` (length bytes), or the file at `path` when from_file.
tholos_status compile_any(const char* function, const char* source, std::size_t length,
                          const char* file_name, bool from_file, const char* path,
                          const tholos_limits* limits, const tholos_host_function* functions,
                          std::size_t function_count, tholos_program** program,
                          tholos_diagnostics** diagnostics) {
  clear(diagnostics);
  clear(program);
  return guarded(diagnostics, [&]() -> tholos_status {
    const Arguments arguments(function, diagnostics);
    if (from_file && path == nullptr) return arguments.null("path");
    if (!from_file && source == nullptr && length > 0) {
      return arguments.invalid("the argument 'source' is NULL but its length is " +
                               std::to_string(length));
    }
    if (program == nullptr) return arguments.null("program");
    tholos::CompileOptions options;
    options.limits = limits_from(limits);
    if (std::string problem = host_functions(functions, function_count, options.functions);
        !problem.empty()) {
      return arguments.invalid(problem);
    }
    tholos::Result<tholos::Program> result;
    if (from_file) {
      result = tholos::compile_file(path, options);
    } else {
      if (file_name != nullptr) options.file_name = file_name;
      result = tholos::compile(std::string_view(source == nullptr ? "" : source, length), options);
    }
    if (!result.ok()) {
      return deliver(failure_status(result.diagnostics, THOLOS_ERROR_RULES),
                     std::move(result.diagnostics), diagnostics);
    }
    auto handle = std::make_unique<tholos_program>(tholos_program{std::move(*result.value)});
    const tholos_status status = deliver(THOLOS_OK, std::move(result.diagnostics), diagnostics);
    *program = handle.release();
    return status;
  });
}

// Hands a study over, or the diagnostics of a failure to make one.
tholos_status study_result(tholos::Result<tholos::Study> result, tholos_study** study,
                           tholos_diagnostics** diagnostics) {
  if (!result.ok()) {
    return deliver(failure_status(result.diagnostics, THOLOS_ERROR_DATA),
                   std::move(result.diagnostics), diagnostics);
  }
  auto handle = std::make_unique<tholos_study>(tholos_study{std::move(*result.value)});
  const tholos_status status = deliver(THOLOS_OK, std::move(result.diagnostics), diagnostics);
  *study = handle.release();
  return status;
}

enum class Answer { rating, code, blank };

tholos_status add_answer(const char* function, tholos_study_builder* builder, int round,
                         const char* panelist, const char* item, const char* criterion, Answer kind,
                         double rating, const char* code) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments(function, nullptr);
    if (builder == nullptr) return arguments.null("builder");
    if (round < 1) {
      return arguments.invalid("the argument 'round' is " + std::to_string(round) +
                               ": rounds are numbered from 1");
    }
    std::string problem = arguments.text_problem(panelist, "panelist");
    if (problem.empty()) problem = arguments.text_problem(item, "item");
    if (problem.empty() && criterion != nullptr) {
      problem = arguments.text_problem(criterion, "criterion");
    }
    if (problem.empty() && kind == Answer::code) problem = arguments.text_problem(code, "code");
    if (problem.empty() && kind == Answer::rating && !std::isfinite(rating)) {
      problem = "the argument 'rating' is not a finite number";
    }
    if (!problem.empty()) return arguments.invalid(problem);
    std::string criterion_text = criterion != nullptr ? criterion : "";
    switch (kind) {
      case Answer::rating:
        builder->builder.add_rating(round, panelist, item, rating, std::move(criterion_text));
        break;
      case Answer::code:
        builder->builder.add_code(round, panelist, item, code, std::move(criterion_text));
        break;
      case Answer::blank:
        builder->builder.add_blank(round, panelist, item, std::move(criterion_text));
        break;
    }
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status set_columns(const char* function, tholos_study_builder* builder,
                          const char* const* columns, std::size_t count, bool panel) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments(function, nullptr);
    if (builder == nullptr) return arguments.null("builder");
    if (std::string problem = arguments.array_problem(columns, count, "columns");
        !problem.empty()) {
      return arguments.invalid(problem);
    }
    if (panel) {
      builder->builder.panel_columns(strings(columns, count));
    } else {
      builder->builder.item_columns(strings(columns, count));
    }
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status add_record(const char* function, tholos_study_builder* builder, const char* id,
                         const char* const* attributes, std::size_t count, bool panelist) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments(function, nullptr);
    if (builder == nullptr) return arguments.null("builder");
    std::string problem = arguments.text_problem(id, "id");
    if (problem.empty()) problem = arguments.array_problem(attributes, count, "attributes");
    if (!problem.empty()) return arguments.invalid(problem);
    if (panelist) {
      builder->builder.add_panelist(id, strings(attributes, count));
    } else {
      builder->builder.add_item(id, strings(attributes, count));
    }
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

// The statement at (round_index, statement_index), or null.
const tholos::StatementResult* statement_at(const tholos_report* report, std::size_t round_index,
                                            std::size_t statement_index) {
  if (report == nullptr || round_index >= report->report.rounds.size()) return nullptr;
  const auto& statements = report->report.rounds[round_index].statements;
  return statement_index < statements.size() ? &statements[statement_index] : nullptr;
}

const tholos::Diagnostic* diagnostic_at(const tholos_diagnostics* diagnostics, std::size_t index) {
  if (diagnostics == nullptr || index >= diagnostics->items.size()) return nullptr;
  return &diagnostics->items[index];
}

}  // namespace

// ---------------------------------------------------------------------------
// General

const char* tholos_status_message(tholos_status status) {
  switch (raw(status)) {
    case THOLOS_OK:
      return "success";
    case THOLOS_ERROR_INVALID_ARGUMENT:
      return "an argument is invalid (a NULL handle or string, or a value out of range)";
    case THOLOS_ERROR_RULES:
      return "the rule file has errors";
    case THOLOS_ERROR_DATA:
      return "the study's data has errors";
    case THOLOS_ERROR_EVALUATION:
      return "the rules could not be evaluated over the study";
    case THOLOS_ERROR_OUT_OF_MEMORY:
      return "out of memory";
    case THOLOS_ERROR_INTERNAL:
      return "internal error in Tholos";
  }
  return "unknown status";
}

const char* tholos_last_error_message(void) {
  return last_error().c_str();
}

const char* tholos_version(void) {
  return THOLOS_VERSION;
}

int tholos_report_schema_version(void) {
  return tholos::kReportSchemaVersion;
}

void tholos_string_free(char* string) {
  std::free(string);
}

// ---------------------------------------------------------------------------
// Diagnostics

void tholos_diagnostics_free(tholos_diagnostics* diagnostics) {
  delete diagnostics;
}

size_t tholos_diagnostics_count(const tholos_diagnostics* diagnostics) {
  return diagnostics != nullptr ? diagnostics->items.size() : 0;
}

tholos_severity tholos_diagnostics_severity(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  if (d == nullptr) return THOLOS_SEVERITY_ERROR;
  switch (d->severity) {
    case Severity::warning:
      return THOLOS_SEVERITY_WARNING;
    case Severity::note:
      return THOLOS_SEVERITY_NOTE;
    default:
      return THOLOS_SEVERITY_ERROR;
  }
}

const char* tholos_diagnostics_file(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->file.c_str() : nullptr;
}

int tholos_diagnostics_line(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->line : 0;
}

int tholos_diagnostics_column(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->column : 0;
}

int tholos_diagnostics_end_line(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->end_line : 0;
}

int tholos_diagnostics_end_column(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->end_column : 0;
}

const char* tholos_diagnostics_message(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->message.c_str() : nullptr;
}

const char* tholos_diagnostics_rendered(const tholos_diagnostics* diagnostics, size_t index) {
  const Diagnostic* d = diagnostic_at(diagnostics, index);
  return d != nullptr ? d->rendered.c_str() : nullptr;
}

const char* tholos_diagnostics_text(const tholos_diagnostics* diagnostics) {
  return diagnostics != nullptr ? diagnostics->text.c_str() : "";
}

// ---------------------------------------------------------------------------
// Programs

tholos_limits tholos_limits_default(void) {
  const tholos::Limits defaults;
  tholos_limits limits;
  limits.max_source_bytes = defaults.max_source_bytes;
  limits.max_nesting_depth = defaults.max_nesting_depth;
  limits.max_answers = defaults.max_answers;
  return limits;
}

tholos_status tholos_compile(const char* source, size_t length, const char* file_name,
                             const tholos_limits* limits, tholos_program** program,
                             tholos_diagnostics** diagnostics) {
  return compile_any("tholos_compile", source, length, file_name, false, nullptr, limits, nullptr,
                     0, program, diagnostics);
}

tholos_status tholos_compile_file(const char* path, const tholos_limits* limits,
                                  tholos_program** program, tholos_diagnostics** diagnostics) {
  return compile_any("tholos_compile_file", nullptr, 0, nullptr, true, path, limits, nullptr, 0,
                     program, diagnostics);
}

tholos_status tholos_compile_with_functions(const char* source, size_t length,
                                            const char* file_name, const tholos_limits* limits,
                                            const tholos_host_function* functions,
                                            size_t function_count, tholos_program** program,
                                            tholos_diagnostics** diagnostics) {
  return compile_any("tholos_compile_with_functions", source, length, file_name, false, nullptr,
                     limits, functions, function_count, program, diagnostics);
}

tholos_status tholos_compile_file_with_functions(const char* path, const tholos_limits* limits,
                                                 const tholos_host_function* functions,
                                                 size_t function_count, tholos_program** program,
                                                 tholos_diagnostics** diagnostics) {
  return compile_any("tholos_compile_file_with_functions", nullptr, 0, nullptr, true, path, limits,
                     functions, function_count, program, diagnostics);
}

void tholos_program_free(tholos_program* program) {
  delete program;
}

// ---------------------------------------------------------------------------
// Studies

tholos_status tholos_load_study(const char* directory, const tholos_limits* limits,
                                tholos_study** study, tholos_diagnostics** diagnostics) {
  clear(diagnostics);
  clear(study);
  return guarded(diagnostics, [&]() -> tholos_status {
    const Arguments arguments("tholos_load_study", diagnostics);
    if (directory == nullptr) return arguments.null("directory");
    if (study == nullptr) return arguments.null("study");
    return study_result(tholos::load_study(directory, limits_from(limits)), study, diagnostics);
  });
}

void tholos_study_free(tholos_study* study) {
  delete study;
}

tholos_status tholos_study_builder_new(tholos_study_builder** builder) {
  clear(builder);
  return guarded(nullptr, [&]() -> tholos_status {
    if (builder == nullptr) {
      return Arguments("tholos_study_builder_new", nullptr).null("builder");
    }
    *builder = new tholos_study_builder();
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

void tholos_study_builder_free(tholos_study_builder* builder) {
  delete builder;
}

tholos_status tholos_study_builder_set_limits(tholos_study_builder* builder,
                                              const tholos_limits* limits) {
  return guarded(nullptr, [&]() -> tholos_status {
    if (builder == nullptr) {
      return Arguments("tholos_study_builder_set_limits", nullptr).null("builder");
    }
    builder->builder.set_limits(limits_from(limits));
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status tholos_study_builder_panel_columns(tholos_study_builder* builder,
                                                 const char* const* columns, size_t count) {
  return set_columns("tholos_study_builder_panel_columns", builder, columns, count, true);
}

tholos_status tholos_study_builder_item_columns(tholos_study_builder* builder,
                                                const char* const* columns, size_t count) {
  return set_columns("tholos_study_builder_item_columns", builder, columns, count, false);
}

tholos_status tholos_study_builder_add_panelist(tholos_study_builder* builder, const char* id,
                                                const char* const* attributes, size_t count) {
  return add_record("tholos_study_builder_add_panelist", builder, id, attributes, count, true);
}

tholos_status tholos_study_builder_add_item(tholos_study_builder* builder, const char* id,
                                            const char* const* attributes, size_t count) {
  return add_record("tholos_study_builder_add_item", builder, id, attributes, count, false);
}

tholos_status tholos_study_builder_add_invitation(tholos_study_builder* builder, int round,
                                                  const char* panelist) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments("tholos_study_builder_add_invitation", nullptr);
    if (builder == nullptr) return arguments.null("builder");
    if (round < 1) {
      return arguments.invalid("the argument 'round' is " + std::to_string(round) +
                               ": rounds are numbered from 1");
    }
    if (std::string problem = arguments.text_problem(panelist, "panelist"); !problem.empty()) {
      return arguments.invalid(problem);
    }
    builder->builder.add_invitation(round, panelist);
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status tholos_study_builder_add_rating(tholos_study_builder* builder, int round,
                                              const char* panelist, const char* item,
                                              const char* criterion, double rating) {
  return add_answer("tholos_study_builder_add_rating", builder, round, panelist, item, criterion,
                    Answer::rating, rating, nullptr);
}

tholos_status tholos_study_builder_add_code(tholos_study_builder* builder, int round,
                                            const char* panelist, const char* item,
                                            const char* criterion, const char* code) {
  return add_answer("tholos_study_builder_add_code", builder, round, panelist, item, criterion,
                    Answer::code, 0, code);
}

tholos_status tholos_study_builder_add_blank(tholos_study_builder* builder, int round,
                                             const char* panelist, const char* item,
                                             const char* criterion) {
  return add_answer("tholos_study_builder_add_blank", builder, round, panelist, item, criterion,
                    Answer::blank, 0, nullptr);
}

tholos_status tholos_study_builder_build(tholos_study_builder* builder, tholos_study** study,
                                         tholos_diagnostics** diagnostics) {
  clear(diagnostics);
  clear(study);
  return guarded(diagnostics, [&]() -> tholos_status {
    const Arguments arguments("tholos_study_builder_build", diagnostics);
    if (builder == nullptr) return arguments.null("builder");
    if (study == nullptr) return arguments.null("study");
    return study_result(builder->builder.build(), study, diagnostics);
  });
}

// ---------------------------------------------------------------------------
// Evaluating

tholos_status tholos_eval_options_new(tholos_eval_options** options) {
  clear(options);
  return guarded(nullptr, [&]() -> tholos_status {
    if (options == nullptr) return Arguments("tholos_eval_options_new", nullptr).null("options");
    *options = new tholos_eval_options();
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

void tholos_eval_options_free(tholos_eval_options* options) {
  delete options;
}

tholos_status tholos_eval_options_set_param(tholos_eval_options* options, const char* name,
                                            const char* value) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments("tholos_eval_options_set_param", nullptr);
    if (options == nullptr) return arguments.null("options");
    std::string problem = arguments.text_problem(name, "name");
    if (problem.empty()) problem = arguments.text_problem(value, "value");
    if (!problem.empty()) return arguments.invalid(problem);
    options->options.params[name] = value;
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status tholos_eval_options_set_round(tholos_eval_options* options, int round) {
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments("tholos_eval_options_set_round", nullptr);
    if (options == nullptr) return arguments.null("options");
    if (round < 0) {
      return arguments.invalid("the argument 'round' is " + std::to_string(round) +
                               ": rounds are numbered from 1 (0 for every round)");
    }
    options->options.round = round == 0 ? std::nullopt : std::optional<int>(round);
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status tholos_eval_options_set_explain(tholos_eval_options* options, int explain) {
  return guarded(nullptr, [&]() -> tholos_status {
    if (options == nullptr) {
      return Arguments("tholos_eval_options_set_explain", nullptr).null("options");
    }
    options->options.explain = explain != 0;
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

tholos_status tholos_evaluate(const tholos_program* program, const tholos_study* study,
                              const tholos_eval_options* options, tholos_report** report,
                              tholos_diagnostics** diagnostics) {
  clear(diagnostics);
  clear(report);
  return guarded(diagnostics, [&]() -> tholos_status {
    const Arguments arguments("tholos_evaluate", diagnostics);
    if (program == nullptr) return arguments.null("program");
    if (study == nullptr) return arguments.null("study");
    if (report == nullptr) return arguments.null("report");
    const tholos::EvalOptions defaults;
    tholos::Result<tholos::Report> result = tholos::evaluate(
        program->program, study->study, options != nullptr ? options->options : defaults);
    if (!result.ok()) {
      return deliver(failure_status(result.diagnostics, THOLOS_ERROR_EVALUATION),
                     std::move(result.diagnostics), diagnostics);
    }
    auto handle = std::make_unique<tholos_report>();
    handle->report = std::move(*result.value);
    const tholos_status status = deliver(THOLOS_OK, std::move(result.diagnostics), diagnostics);
    *report = handle.release();
    return status;
  });
}

void tholos_report_free(tholos_report* report) {
  delete report;
}

const char* tholos_report_json(const tholos_report* report) {
  if (report == nullptr) return nullptr;
  try {
    const std::lock_guard<std::mutex> lock(report->json_mutex);
    if (!report->json_ready) {
      report->json = to_utf8(tholos::render(report->report, tholos::Format::json));
      report->json_ready = true;
    }
    return report->json.c_str();
  } catch (...) {
    return nullptr;
  }
}

tholos_status tholos_report_render(const tholos_report* report, tholos_format format, char** text) {
  clear(text);
  return guarded(nullptr, [&]() -> tholos_status {
    const Arguments arguments("tholos_report_render", nullptr);
    if (report == nullptr) return arguments.null("report");
    if (text == nullptr) return arguments.null("text");
    tholos::Format cpp_format = tholos::Format::table;
    switch (raw(format)) {
      case THOLOS_FORMAT_TABLE:
        cpp_format = tholos::Format::table;
        break;
      case THOLOS_FORMAT_JSON:
        cpp_format = tholos::Format::json;
        break;
      case THOLOS_FORMAT_CSV:
        cpp_format = tholos::Format::csv;
        break;
      case THOLOS_FORMAT_MARKDOWN:
        cpp_format = tholos::Format::markdown;
        break;
      default:
        return arguments.invalid("the argument 'format' is not a tholos_format");
    }
    char* rendered = caller_string(to_utf8(tholos::render(report->report, cpp_format)));
    *text = rendered;
    return deliver(THOLOS_OK, {}, nullptr);
  });
}

size_t tholos_report_round_count(const tholos_report* report) {
  return report != nullptr ? report->report.rounds.size() : 0;
}

int tholos_report_round_number(const tholos_report* report, size_t round_index) {
  if (report == nullptr || round_index >= report->report.rounds.size()) return 0;
  return report->report.rounds[round_index].round;
}

int tholos_report_round_stop(const tholos_report* report, size_t round_index) {
  if (report == nullptr || round_index >= report->report.rounds.size()) return -1;
  const tholos::StopDecision& stop = report->report.rounds[round_index].stop;
  if (!stop.determined) return -1;
  return stop.stop ? 1 : 0;
}

size_t tholos_report_statement_count(const tholos_report* report, size_t round_index) {
  if (report == nullptr || round_index >= report->report.rounds.size()) return 0;
  return report->report.rounds[round_index].statements.size();
}

const char* tholos_report_statement_item(const tholos_report* report, size_t round_index,
                                         size_t statement_index) {
  const tholos::StatementResult* s = statement_at(report, round_index, statement_index);
  return s != nullptr ? s->item.c_str() : nullptr;
}

const char* tholos_report_statement_status(const tholos_report* report, size_t round_index,
                                           size_t statement_index) {
  const tholos::StatementResult* s = statement_at(report, round_index, statement_index);
  if (s == nullptr || !s->verdict.determined || s->verdict.status.empty()) return nullptr;
  return s->verdict.status.c_str();
}

int tholos_report_statement_rerate(const tholos_report* report, size_t round_index,
                                   size_t statement_index) {
  const tholos::StatementResult* s = statement_at(report, round_index, statement_index);
  if (s == nullptr || s->rerate.kind != tholos::ValueKind::boolean) return -1;
  return s->rerate.boolean ? 1 : 0;
}

tholos_status tholos_evaluate_expression(const tholos_program* program, const tholos_study* study,
                                         const char* expression, const char* item, int round,
                                         char** json, tholos_diagnostics** diagnostics) {
  clear(diagnostics);
  clear(json);
  return guarded(diagnostics, [&]() -> tholos_status {
    const Arguments arguments("tholos_evaluate_expression", diagnostics);
    if (program == nullptr) return arguments.null("program");
    if (study == nullptr) return arguments.null("study");
    std::string problem = arguments.text_problem(expression, "expression");
    if (problem.empty() && item != nullptr) problem = arguments.text_problem(item, "item");
    if (!problem.empty()) return arguments.invalid(problem);
    if (round < 0) {
      return arguments.invalid("the argument 'round' is " + std::to_string(round) +
                               ": rounds are numbered from 1 (0 for the last)");
    }
    if (json == nullptr) return arguments.null("json");
    tholos::ExpressionOptions options;
    if (item != nullptr) options.item = item;
    if (round > 0) options.round = round;
    tholos::Result<tholos::ExpressionResult> result =
        tholos::evaluate_expression(program->program, study->study, expression, options);
    if (!result.ok()) {
      return deliver(failure_status(result.diagnostics, THOLOS_ERROR_EVALUATION),
                     std::move(result.diagnostics), diagnostics);
    }
    std::unique_ptr<char, void (*)(char*)> text(
        caller_string(to_utf8(tholos::render(*result.value, tholos::Format::json))),
        tholos_string_free);
    const tholos_status status = deliver(THOLOS_OK, std::move(result.diagnostics), diagnostics);
    *json = text.release();
    return status;
  });
}
