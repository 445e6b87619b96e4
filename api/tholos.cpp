// The public API: each entry point runs the pipeline's stages and turns
// every failure into diagnostics, so that no exception crosses it.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>

#include "api/host_functions.hpp"
#include "api/impl.hpp"
#include "common/diagnostics.hpp"
#include "common/limits.hpp"
#include "common/spelling.hpp"
#include "grammar/parse_rules.hpp"
#include "interpreter/bound_study.hpp"
#include "interpreter/check.hpp"
#include "interpreter/plan.hpp"
#include "interpreter/run.hpp"
#include "stdlib/presets.hpp"
#include "study/load_study.hpp"

namespace tholos {
namespace {

template <typename T>
Result<T> failure(DiagnosticList& diagnostics) {
  return Result<T>{std::nullopt, diagnostics.take()};
}

// Runs `body`, turning anything thrown (memory exhaustion, a bug) into an
// error diagnostic: a host must never be taken down by its input.
template <typename T, typename Body>
Result<T> guarded(Body&& body) {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    DiagnosticList diagnostics;
    diagnostics.add_plain(Severity::error, "",
                          "out of memory: the rule file or the study is too large for the memory "
                          "available (lower Limits::max_answers to refuse such inputs early)");
    return failure<T>(diagnostics);
  } catch (const std::exception& e) {
    DiagnosticList diagnostics;
    diagnostics.add_plain(Severity::error, "", fmt::format("internal error: {}", e.what()));
    return failure<T>(diagnostics);
  } catch (...) {
    DiagnosticList diagnostics;
    diagnostics.add_plain(Severity::error, "", "internal error");
    return failure<T>(diagnostics);
  }
}

// What `import` names: a preset shipped with Tholos (import comet), or a
// rule file relative to the importing one (import "shared.tholos").
// The file's text, but no more than `max_bytes` + 1 bytes: enough for the
// parser to report a file over the limit, and an end to reading a device or
// pipe that never ends (import "/dev/zero").
std::string read_bounded(std::istream& in, std::size_t max_bytes) {
  std::string text;
  char buffer[65536];
  while (text.size() <= max_bytes && (in.read(buffer, sizeof buffer) || in.gcount() > 0)) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
  }
  if (text.size() > max_bytes + 1) text.resize(max_bytes + 1);
  return text;
}

std::optional<grammar::ImportedFile> resolve_import(const ast::ImportDecl& import,
                                                    std::string_view importing_file,
                                                    std::size_t max_bytes, std::string& error) {
  if (!import.is_path) {
    if (auto text = stdlib::find_preset(import.target)) {
      return grammar::ImportedFile{"presets/" + import.target + ".tholos", std::string(*text)};
    }
    std::vector<std::string> names;
    for (const auto& preset : stdlib::presets())
      names.emplace_back(preset.name);
    error = fmt::format(
        "there is no preset '{}' (presets: {}){}; to import a file, write its "
        "name in quotes",
        import.target, fmt::join(names, ", "), did_you_mean(import.target, names));
    return std::nullopt;
  }
  namespace fs = std::filesystem;
  const fs::path base = fs::path(std::string(importing_file)).parent_path();
  const fs::path path =
      fs::path(import.target).is_absolute() ? fs::path(import.target) : base / import.target;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = fmt::format("cannot read '{}' (looked for {})", import.target, path.string());
    return std::nullopt;
  }
  return grammar::ImportedFile{path.lexically_normal().string(), read_bounded(in, max_bytes)};
}

// The param values in force: defaults, then the overrides.
bool resolve_params(const interp::CheckedProgram& program,
                    const std::map<std::string, std::string>& overrides,
                    std::vector<interp::Scalar>& values, std::vector<bool>& overridden,
                    DiagnosticList& diagnostics) {
  for (const auto& p : program.params)
    values.push_back(p.value);
  overridden.assign(program.params.size(), false);
  for (const auto& [name, text] : overrides) {
    const auto index = program.find_param(name);
    if (!index) {
      std::vector<std::string> names;
      for (const auto& p : program.params)
        names.push_back(p.name);
      // Say what can be set: the nearest name, or else all of them.
      std::string hint = did_you_mean(name, names);
      if (names.empty()) {
        hint = "; the rules declare no params";
      } else if (hint.empty()) {
        hint = fmt::format("; the params are: {}", fmt::join(names, ", "));
      }
      diagnostics.add_plain(Severity::error, program.source->name(),
                            fmt::format("there is no param '{}' to set{}", name, hint));
      continue;
    }
    std::string error;
    auto value = interp::parse_param_value(program.params[*index], text, error);
    if (!value) {
      diagnostics.add_plain(Severity::error, program.source->name(), error);
      continue;
    }
    values[*index] = *value;
    overridden[*index] = true;
  }
  return !diagnostics.has_errors();
}

}  // namespace

Result<Program> compile(std::string_view source_text, const CompileOptions& options) {
  return guarded<Program>([&]() -> Result<Program> {
    DiagnosticList diagnostics;
    const grammar::ParseLimits limits{options.limits.max_source_bytes,
                                      options.limits.max_nesting_depth};
    auto functions = detail::host_functions(options.functions, diagnostics);
    if (diagnostics.has_errors()) return failure<Program>(diagnostics);
    auto source = std::make_shared<SourceFile>(options.file_name, std::string(source_text));
    auto module = std::make_shared<ast::Module>(grammar::parse_rule_file(
        *source, diagnostics,
        [&](const ast::ImportDecl& import, std::string_view importing_file, std::string& error) {
          return resolve_import(import, importing_file, limits.max_source_bytes, error);
        },
        limits));
    if (diagnostics.has_errors()) return failure<Program>(diagnostics);
    auto checked = interp::check_program(source, module, diagnostics, std::move(functions));
    if (!checked) return failure<Program>(diagnostics);
    auto impl = std::make_shared<detail::ProgramImpl>();
    impl->program = std::move(checked);
    impl->limits = limits;
    return {Program(std::move(impl)), diagnostics.take()};
  });
}

Result<Program> compile_file(const std::string& path, const CompileOptions& given) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    DiagnosticList diagnostics;
    diagnostics.add_plain(Severity::error, path, "cannot read the rule file: no such file");
    return failure<Program>(diagnostics);
  }
  CompileOptions options = given;
  options.file_name = path;
  return compile(read_bounded(in, given.limits.max_source_bytes), options);
}

Result<Study> load_study(const std::string& directory, const Limits& limits) {
  return load_study(directory, StudyOptions{.limits = limits});
}

Result<Study> load_study(const std::string& directory, const StudyOptions& options) {
  return guarded<Study>([&]() -> Result<Study> {
    DiagnosticList diagnostics;
    study::LoadOptions load;
    load.max_answers = options.limits.max_answers;
    load.threads = std::max(1u, options.threads);
    auto data = study::load_study_directory(directory, diagnostics, load);
    if (!data) return failure<Study>(diagnostics);
    auto impl = std::make_shared<detail::StudyImpl>();
    impl->data = std::make_shared<const study::StudyData>(std::move(*data));
    impl->directory = directory;
    return {Study(std::move(impl)), diagnostics.take()};
  });
}

// The whole pipeline: the program was parsed and checked by compile(), the
// study read by load_study(); here they are bound, planned, run, reported.
Result<Report> evaluate(const Program& program, const Study& study, const EvalOptions& options) {
  return guarded<Report>([&]() -> Result<Report> {
    DiagnosticList diagnostics;
    const interp::CheckedProgram& checked = *program.impl().program;
    std::vector<interp::Scalar> params;
    interp::RunOptions run;
    if (!resolve_params(checked, options.params, params, run.params_overridden, diagnostics)) {
      return failure<Report>(diagnostics);
    }
    auto bound = interp::bind_study(checked, study.impl().data, diagnostics);
    if (!bound) return failure<Report>(diagnostics);
    if (options.round && (*options.round < 1 || *options.round > bound->rounds)) {
      diagnostics.add_plain(Severity::error, study.impl().directory,
                            fmt::format("there is no round {}: the data has rounds 1 to {}",
                                        *options.round, bound->rounds));
      return failure<Report>(diagnostics);
    }
    const interp::Plan plan = interp::build_plan(checked, *bound, params);
    run.round = options.round;
    run.explain = options.explain;
    interp::RunResult result = interp::run_study(checked, *bound, plan, run, diagnostics);
    result.report.data = study.impl().directory;
    result.report.diagnostics = diagnostics.items();
    return {std::move(result.report), diagnostics.take()};
  });
}

namespace {

// Parses and checks an expression against a program. With automatic scope,
// an expression that does not depend on the statement (a constant, a
// count of statements, the round's response rate) is about the round.
std::shared_ptr<const interp::CheckedProgram> check_extra_expression(const Program& program,
                                                                     std::string_view expression,
                                                                     ExpressionOptions::Scope scope,
                                                                     DiagnosticList& diagnostics) {
  const interp::CheckedProgram& checked = *program.impl().program;
  auto source = std::make_shared<SourceFile>("<expression>", std::string(expression));
  ast::NodeId next = checked.module->node_count;
  std::shared_ptr<const ast::Expr> parsed =
      grammar::parse_expression(*source, next, diagnostics, program.impl().limits);
  if (!parsed) return nullptr;
  std::optional<interp::Level> level;
  if (scope == ExpressionOptions::Scope::statement) level = interp::Level::statement;
  if (scope == ExpressionOptions::Scope::round) level = interp::Level::round;
  auto extended = interp::check_expression(checked, source, parsed, diagnostics, level);
  if (extended && scope == ExpressionOptions::Scope::automatic &&
      extended->expression_level == interp::Level::statement &&
      extended->info[parsed->id].level < interp::Level::statement) {
    DiagnosticList again;
    auto as_round = interp::check_expression(checked, source, parsed, again, interp::Level::round);
    if (as_round) return as_round;
  }
  return extended;
}

// The first name in an expression whose value needs the study's data.
std::string first_data_name(const interp::CheckedProgram& extended) {
  std::string name;
  ast::visit(*extended.expression, [&](const ast::Expr& e) {
    if (name.empty() && (e.kind == ast::ExprKind::name || e.kind == ast::ExprKind::call) &&
        !extended.info[e.id].constant) {
      name = std::string(extended.text(e));
    }
  });
  return name;
}

}  // namespace

Result<ExpressionResult> evaluate_expression(const Program& program, std::string_view expression,
                                             const ExpressionOptions& options) {
  return guarded<ExpressionResult>([&]() -> Result<ExpressionResult> {
    DiagnosticList diagnostics;
    auto extended = check_extra_expression(program, expression, options.scope, diagnostics);
    if (!extended) return failure<ExpressionResult>(diagnostics);
    const interp::ExprInfo& info = extended->info[extended->expression->id];
    if (!info.constant) {
      const std::string name = first_data_name(*extended);
      diagnostics.add(Severity::error, *extended->expression_source,
                      extended->expression->span.begin, extended->expression->span.end,
                      fmt::format("the value of this expression needs the study's data{}; "
                                  "evaluate it over a study",
                                  name.empty() ? "" : fmt::format(" ('{}')", name)));
      return failure<ExpressionResult>(diagnostics);
    }
    std::vector<interp::Scalar> params;
    std::vector<bool> overridden;
    if (!resolve_params(*extended, options.params, params, overridden, diagnostics)) {
      return failure<ExpressionResult>(diagnostics);
    }
    ExpressionResult out;
    out.type = std::string(interp::type_name(info.type));
    out.values.push_back({"", interp::evaluate_constant(*extended, params)});
    return {std::move(out), diagnostics.take()};
  });
}

std::vector<Diagnostic> check_params(const Program& program,
                                     const std::map<std::string, std::string>& params) {
  DiagnosticList diagnostics;
  std::vector<interp::Scalar> values;
  std::vector<bool> overridden;
  try {
    resolve_params(*program.impl().program, params, values, overridden, diagnostics);
  } catch (const std::exception& e) {
    diagnostics.add_plain(Severity::error, "", fmt::format("internal error: {}", e.what()));
  }
  return diagnostics.take();
}

Result<ExpressionResult> evaluate_expression(const Program& program, const Study& study,
                                             std::string_view expression,
                                             const ExpressionOptions& options) {
  return guarded<ExpressionResult>([&]() -> Result<ExpressionResult> {
    DiagnosticList diagnostics;
    auto extended = check_extra_expression(program, expression, options.scope, diagnostics);
    if (!extended) return failure<ExpressionResult>(diagnostics);
    const ast::Expr* parsed = extended->expression.get();
    std::vector<interp::Scalar> params;
    interp::RunOptions run;
    if (!resolve_params(*extended, options.params, params, run.params_overridden, diagnostics)) {
      return failure<ExpressionResult>(diagnostics);
    }
    auto bound = interp::bind_study(*extended, study.impl().data, diagnostics);
    if (!bound) return failure<ExpressionResult>(diagnostics);
    const int round = options.round.value_or(bound->rounds);
    if (round < 1 || round > bound->rounds) {
      diagnostics.add_plain(
          Severity::error, study.impl().directory,
          fmt::format("there is no round {}: the data has rounds 1 to {}", round, bound->rounds));
      return failure<ExpressionResult>(diagnostics);
    }
    if (options.item) {
      const auto index = bound->data->items.find(*options.item);
      if (!index) {
        diagnostics.add_plain(Severity::error, study.impl().directory,
                              fmt::format("there is no statement '{}'{}", *options.item,
                                          did_you_mean(*options.item, bound->data->items.ids)));
        return failure<ExpressionResult>(diagnostics);
      }
      if (extended->expression_level == interp::Level::statement &&
          !bound->is_presented(round, *index)) {
        diagnostics.add_plain(
            Severity::error, study.impl().directory,
            fmt::format("the statement '{}' is not rated in round {}", *options.item, round));
        return failure<ExpressionResult>(diagnostics);
      }
      run.expression_item = *index;
    }
    std::optional<std::uint32_t> group;
    if (options.group) {
      const auto it = std::find(bound->groups.begin(), bound->groups.end(), *options.group);
      if (!extended->groups_column || it == bound->groups.end()) {
        diagnostics.add_plain(
            Severity::error, study.impl().directory,
            extended->groups_column
                ? fmt::format("there is no group '{}' (groups: {}){}", *options.group,
                              fmt::join(bound->groups, ", "),
                              did_you_mean(*options.group, bound->groups))
                : std::string("the rule file declares no groups (groups from panel.COLUMN)"));
        return failure<ExpressionResult>(diagnostics);
      }
      group = static_cast<std::uint32_t>(it - bound->groups.begin());
    }
    const interp::Plan plan = interp::build_plan(*extended, *bound, params, group);
    run.round = round;
    run.explain = false;
    run.expression_round = round;
    interp::RunResult result = interp::run_study(*extended, *bound, plan, run, diagnostics);
    ExpressionResult out;
    out.type = std::string(interp::type_name(extended->info[parsed->id].type));
    out.round = round;
    out.values = std::move(result.expression_values);
    out.undetermined = std::move(result.expression_undetermined);
    return {std::move(out), diagnostics.take()};
  });
}

Result<std::string> type_of(const Program& program, std::string_view expression) {
  return guarded<std::string>([&]() -> Result<std::string> {
    DiagnosticList diagnostics;
    auto extended = check_extra_expression(program, expression, ExpressionOptions::Scope::automatic,
                                           diagnostics);
    if (!extended) return failure<std::string>(diagnostics);
    return {std::string(interp::type_name(extended->info[extended->expression->id].type)),
            diagnostics.take()};
  });
}

}  // namespace tholos
