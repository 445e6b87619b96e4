// Benchmarks of the pipeline's stages, below the public API: the CSV
// reader, the study loader, binding, planning, running, and the executor on
// one statement (with the number of heap allocations it makes in steady
// state, which must be zero) and on single expressions.
//
// The study is the generated one of bench_support.hpp (THOLOS_BENCH_SIZE,
// default 1000x300x3); the program is bench/comet.tholos. Counters:
//   ratings/s         valid ratings evaluated per second
//   allocs/statement  heap allocations per statement evaluated, after a
//                     warm-up pass over every statement (must be 0: the
//                     benchmark fails otherwise)
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <vector>

#include "bench/alloc_counter.hpp"
#include "bench/bench_support.hpp"
#include "common/source_file.hpp"
#include "grammar/csv_reader.hpp"
#include "grammar/parse_rules.hpp"
#include "interpreter/bound_study.hpp"
#include "interpreter/check.hpp"
#include "interpreter/execute.hpp"
#include "interpreter/plan.hpp"
#include "interpreter/run.hpp"
#include "report/render.hpp"
#include "study/load_study.hpp"

// report/format_value.cpp formats the elements of a vector with the public
// tholos::format_value, which api/public.cpp defines over report's own; this
// executable links the stages without the API library, so it defines it the
// same way.
std::string tholos::format_value(const Value& value) {
  return report::format_value(value);
}

namespace tholos::bench {
namespace {

std::string first_error(const DiagnosticList& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::error) return d.rendered;
  }
  return "unknown error";
}

std::shared_ptr<const interp::CheckedProgram> check_text(const std::string& name,
                                                         const std::string& text) {
  DiagnosticList diagnostics;
  auto source = std::make_shared<SourceFile>(name, text);
  auto module = std::make_shared<ast::Module>(grammar::parse_rule_file(*source, diagnostics));
  auto program = interp::check_program(source, module, diagnostics);
  if (!program) throw std::runtime_error(name + ": " + first_error(diagnostics));
  return program;
}

const std::string& data_dir() {
  static const std::string dir = study_dir().string();
  return dir;
}

std::shared_ptr<const study::StudyData> study_data() {
  static const std::shared_ptr<const study::StudyData> data = [] {
    DiagnosticList diagnostics;
    auto loaded = study::load_study_directory(data_dir(), diagnostics);
    if (!loaded) throw std::runtime_error("cannot load the study: " + first_error(diagnostics));
    return std::make_shared<const study::StudyData>(std::move(*loaded));
  }();
  return data;
}

// A program bound to the study and planned, ready to run.
struct Compiled {
  std::shared_ptr<const interp::CheckedProgram> program;
  std::shared_ptr<const interp::BoundStudy> study;
  interp::Plan plan;
  std::uint64_t valid_ratings = 0;
  std::uint64_t statements = 0;  // statement x round pairs
};

std::vector<interp::Scalar> default_params(const interp::CheckedProgram& program) {
  std::vector<interp::Scalar> params;
  for (const auto& p : program.params)
    params.push_back(p.value);
  return params;
}

std::unique_ptr<Compiled> compile_for_study(const std::string& name, const std::string& text) {
  auto c = std::make_unique<Compiled>();
  c->program = check_text(name, text);
  DiagnosticList diagnostics;
  c->study = interp::bind_study(*c->program, study_data(), diagnostics);
  if (!c->study) throw std::runtime_error("cannot bind the study: " + first_error(diagnostics));
  c->plan = interp::build_plan(*c->program, *c->study, default_params(*c->program));
  c->valid_ratings = c->study->rating_value.size();
  for (const auto& items : c->study->statements)
    c->statements += items.size();
  return c;
}

const Compiled& comet() {
  static const std::unique_ptr<Compiled> c = compile_for_study(
      source_path("bench/comet.tholos"), read_text(source_path("bench/comet.tholos")));
  return *c;
}

// ---- compiling: parsing (grammar/) and checking (interpreter/) apart

void BM_Parse200Lines(benchmark::State& state) {
  const std::string text = read_text(source_path("bench/rules200.tholos"));
  for (auto _ : state) {
    DiagnosticList diagnostics;
    SourceFile source("rules200.tholos", text);
    ast::Module module = grammar::parse_rule_file(source, diagnostics);
    benchmark::DoNotOptimize(module);
  }
}
BENCHMARK(BM_Parse200Lines)->Unit(benchmark::kMicrosecond);

void BM_Check200Lines(benchmark::State& state) {
  const std::string text = read_text(source_path("bench/rules200.tholos"));
  DiagnosticList parse_diagnostics;
  auto source = std::make_shared<SourceFile>("rules200.tholos", text);
  auto module = std::make_shared<ast::Module>(grammar::parse_rule_file(*source, parse_diagnostics));
  for (auto _ : state) {
    DiagnosticList diagnostics;
    auto program = interp::check_program(source, module, diagnostics);
    if (!program) {
      fail(state, first_error(diagnostics));
      return;
    }
    benchmark::DoNotOptimize(program);
  }
}
BENCHMARK(BM_Check200Lines)->Unit(benchmark::kMicrosecond);

// ---- reading

// The CSV reader alone over ratings.csv: records handed to a callback.
void BM_CsvReadRecords(benchmark::State& state) {
  const std::string path = data_dir() + "/ratings.csv";
  const SourceFile source(path, read_text(path));
  std::size_t records = 0;
  for (auto _ : state) {
    DiagnosticList diagnostics;
    records = 0;
    csv::read_records(source, diagnostics, [&](const csv::Record& record) {
      records += record.fields.size() > 0 ? 1 : 0;
      return true;
    });
    benchmark::DoNotOptimize(records);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * source.text().size()));
  state.counters["records/s"] = benchmark::Counter(
      static_cast<double>(records * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_CsvReadRecords)->Unit(benchmark::kMillisecond);

// The study loader: the CSV files read, every row checked, answers in cell order.
void BM_LoadStudyDirectory(benchmark::State& state) {
  const std::string dir = data_dir();
  const auto bytes = std::filesystem::file_size(dir + "/ratings.csv");
  for (auto _ : state) {
    DiagnosticList diagnostics;
    auto data = study::load_study_directory(dir, diagnostics);
    if (!data) {
      fail(state, first_error(diagnostics));
      return;
    }
    benchmark::DoNotOptimize(data);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_LoadStudyDirectory)->Unit(benchmark::kMillisecond);

// ---- the stages of evaluate()

void BM_Bind(benchmark::State& state) {
  const Compiled& c = comet();
  for (auto _ : state) {
    DiagnosticList diagnostics;
    auto bound = interp::bind_study(*c.program, study_data(), diagnostics);
    benchmark::DoNotOptimize(bound);
  }
  state.counters["answers/s"] =
      benchmark::Counter(static_cast<double>(study_data()->answers.size() * state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Bind)->Unit(benchmark::kMillisecond);

void BM_BuildPlan(benchmark::State& state) {
  const Compiled& c = comet();
  const auto params = default_params(*c.program);
  for (auto _ : state) {
    interp::Plan plan = interp::build_plan(*c.program, *c.study, params);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_BuildPlan)->Unit(benchmark::kMicrosecond);

// Every round's statements and the report, on a bound study and a plan.
void BM_RunStudy(benchmark::State& state) {
  const Compiled& c = comet();
  interp::RunOptions options;
  options.explain = false;
  for (auto _ : state) {
    DiagnosticList diagnostics;
    interp::RunResult result =
        interp::run_study(*c.program, *c.study, c.plan, options, diagnostics);
    benchmark::DoNotOptimize(result);
  }
  state.counters["ratings/s"] = benchmark::Counter(
      static_cast<double>(c.valid_ratings * state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_RunStudy)->Unit(benchmark::kMillisecond);

// ---- the executor

// Runs the statement plan for every statement of every round, `passes`
// times; returns the number of statements run.
std::uint64_t run_statements(interp::Executor& executor, const interp::BoundStudy& study) {
  std::uint64_t n = 0;
  for (int round = 1; round <= study.rounds; ++round) {
    executor.run_round_input(round);
    for (std::uint32_t item : study.statements[static_cast<std::size_t>(round - 1)]) {
      benchmark::DoNotOptimize(executor.run_statement(round, item).data());
      ++n;
    }
  }
  return n;
}

// One pass of the statement plan over every statement and round, and the
// allocations it makes after a first (warm-up) pass: the plan promises none.
void executor_benchmark(benchmark::State& state, const Compiled& c) {
  interp::Executor executor(c.plan, *c.study);
  run_statements(executor, *c.study);  // warm-up
  std::uint64_t statements = 0;
  const std::uint64_t before = allocation_count();
  for (auto _ : state) {
    statements += run_statements(executor, *c.study);
  }
  const std::uint64_t allocations = allocation_count() - before;
  const auto per_statement = static_cast<double>(allocations) / static_cast<double>(statements);
  state.counters["allocs/statement"] = per_statement;
  state.counters["ratings/s"] = benchmark::Counter(
      static_cast<double>(c.valid_ratings * state.iterations()), benchmark::Counter::kIsRate);
  state.counters["ns/statement"] = benchmark::Counter(
      static_cast<double>(statements), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
  if (allocations != 0) {
    fail(state, std::to_string(allocations) + " heap allocations in " + std::to_string(statements) +
                    " statements evaluated in steady state");
  }
}

void BM_ExecuteComet(benchmark::State& state) {
  executor_benchmark(state, comet());
}
BENCHMARK(BM_ExecuteComet)->Unit(benchmark::kMillisecond);

// One statement at a time (the same statement, its data in cache).
void BM_ExecuteOneStatement(benchmark::State& state) {
  const Compiled& c = comet();
  interp::Executor executor(c.plan, *c.study);
  executor.run_round_input(1);
  const std::uint32_t item = c.study->statements[0][0];
  executor.run_statement(1, item);
  const std::uint64_t before = allocation_count();
  for (auto _ : state) {
    benchmark::DoNotOptimize(executor.run_statement(1, item).data());
  }
  const std::uint64_t allocations = allocation_count() - before;
  state.counters["allocs/statement"] =
      static_cast<double>(allocations) / static_cast<double>(state.iterations());
  if (allocations != 0) fail(state, "heap allocations while evaluating a statement");
}
BENCHMARK(BM_ExecuteOneStatement)->Unit(benchmark::kNanosecond);

// Single expressions, each the only measure of a program on the study's
// scale, evaluated for every statement and round.
const char* const kExpressions[] = {
    "count(rating)",
    "share(rating in critical)",
    "share(rating in critical) >= 70% and share(rating in limited) < 15%",
    "median(rating)",
    "iqr(rating)",
    "quantile(rating, 0.3, 6)",
    "mean(rating)",
    "sd(rating)",
    "mad(rating)",
    "tastle_wierman(rating)",
    "count(rating where group = \"patient\")",
    "every group (share(rating in critical) >= 70%)",
    "share(rating in critical) - previous(share(rating in critical))",
};

void BM_Expression(benchmark::State& state) {
  const std::string expression = kExpressions[state.range(0)];
  state.SetLabel(expression);
  static std::vector<std::unique_ptr<Compiled>> compiled(std::size(kExpressions));
  auto& c = compiled[static_cast<std::size_t>(state.range(0))];
  if (!c) {
    c = compile_for_study("expression.tholos",
                          "scale grade 1..9\n  not a rating: \"UTS\"\n  band critical = 7..9\n"
                          "  band limited = 1..3\nquantiles type 7\ndenominator valid ratings\n"
                          "groups from panel.group\nmeasure x = " +
                              expression + "\n");
  }
  executor_benchmark(state, *c);
}
BENCHMARK(BM_Expression)->DenseRange(0, std::size(kExpressions) - 1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tholos::bench

THOLOS_BENCHMARK_MAIN()
