// Benchmarks through the public API (tholos/tholos.hpp), as a host sees it:
// compiling rule files, loading a study, evaluating a program over a study
// held in memory (ratings per second), rendering the report.
//
// The study is the generated one of bench_support.hpp (THOLOS_BENCH_SIZE,
// default 1000x300x3). Counters:
//   ratings/s         valid ratings evaluated per second (BM_Evaluate*)
//   allocs/statement  heap allocations per statement and round evaluated,
//                     report included (the executor alone: bench_internal)
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "bench/alloc_counter.hpp"
#include "bench/bench_support.hpp"
#include "tholos/tholos.hpp"

namespace tholos::bench {
namespace {

struct Loaded {
  std::string directory;
  Study study;
  std::uint64_t valid_ratings = 0;
  std::uint64_t statements = 0;  // statement x round pairs
  std::size_t ratings_bytes = 0;
};

const Loaded& loaded() {
  static const Loaded value = [] {
    const std::string dir = study_dir().string();
    Result<Study> study = load_study(dir);
    if (!study.ok()) throw std::runtime_error("cannot load the study in " + dir);
    Loaded l{dir, *study.value};
    const StudySize size = study_size();
    l.statements = std::uint64_t{size.items} * size.rounds;
    l.ratings_bytes = std::filesystem::file_size(dir + "/ratings.csv");
    // Count the valid ratings through the API itself.
    Result<Program> count =
        compile("scale grade 1..9\n  not a rating: \"UTS\"\nmeasure n = count(rating)\n");
    Result<Report> report = evaluate(*count.value, l.study, EvalOptions{{}, {}, false});
    for (const auto& round : report.value->rounds) {
      for (const auto& s : round.statements) {
        l.valid_ratings += static_cast<std::uint64_t>(s.measures[0].number);
      }
    }
    return l;
  }();
  return value;
}

Program compiled(const std::string& relative) {
  const std::string path = source_path(relative);
  Result<Program> program = compile_file(path);
  if (!program.ok()) {
    throw std::runtime_error(relative + " does not compile: " +
                             (program.diagnostics.empty() ? "" : program.diagnostics[0].rendered));
  }
  return *program.value;
}

void compile_benchmark(benchmark::State& state, const std::string& relative) {
  const std::string text = read_text(source_path(relative));
  CompileOptions options;
  options.file_name = source_path(relative);
  const std::uint64_t before = allocation_count();
  for (auto _ : state) {
    Result<Program> program = compile(text, options);
    if (!program.ok()) {
      fail(state, relative + " does not compile");
      return;
    }
    benchmark::DoNotOptimize(program);
  }
  state.counters["allocs"] =
      static_cast<double>(allocation_count() - before) / static_cast<double>(state.iterations());
  state.counters["lines"] = static_cast<double>(std::count(text.begin(), text.end(), '\n'));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

// Compiling (parsing, checking) a 200-line rule file; the target is < 1 ms.
void BM_Compile200Lines(benchmark::State& state) {
  compile_benchmark(state, "bench/rules200.tholos");
}
BENCHMARK(BM_Compile200Lines)->Unit(benchmark::kMicrosecond);

void BM_CompileComet(benchmark::State& state) {
  compile_benchmark(state, "bench/comet.tholos");
}
BENCHMARK(BM_CompileComet)->Unit(benchmark::kMicrosecond);

// Reading the study's CSV files into memory (load_study).
void BM_LoadStudy(benchmark::State& state) {
  const Loaded& l = loaded();
  for (auto _ : state) {
    Result<Study> study = load_study(l.directory);
    if (!study.ok()) {
      fail(state, "the study does not load");
      return;
    }
    benchmark::DoNotOptimize(study);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * l.ratings_bytes));
  state.counters["answers/s"] =
      benchmark::Counter(static_cast<double>(study_size().answers() * state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LoadStudy)->Unit(benchmark::kMillisecond);

// evaluate() on a study already in memory: binding, planning, running every
// statement of every round and building the report. The target is at
// least 100 million ratings per second on one core.
void evaluate_benchmark(benchmark::State& state, const std::string& rules, bool explain) {
  const Loaded& l = loaded();
  const Program program = compiled(rules);
  EvalOptions options;
  options.explain = explain;
  std::uint64_t allocations = 0;
  for (auto _ : state) {
    const std::uint64_t before = allocation_count();
    Result<Report> report = evaluate(program, l.study, options);
    allocations += allocation_count() - before;
    if (!report.ok()) {
      fail(state, "evaluate failed: " + report.diagnostics[0].rendered);
      return;
    }
    benchmark::DoNotOptimize(report);
  }
  const auto iterations = static_cast<double>(state.iterations());
  state.counters["ratings/s"] = benchmark::Counter(
      static_cast<double>(l.valid_ratings) * iterations, benchmark::Counter::kIsRate);
  state.counters["allocs/statement"] =
      static_cast<double>(allocations) / iterations / static_cast<double>(l.statements);
  state.SetItemsProcessed(static_cast<std::int64_t>(l.valid_ratings * state.iterations()));
}

void BM_EvaluateComet(benchmark::State& state) {
  evaluate_benchmark(state, "bench/comet.tholos", false);
}
BENCHMARK(BM_EvaluateComet)->Unit(benchmark::kMillisecond);

// With explanations: every verdict's cases and operands in the report.
void BM_EvaluateCometExplained(benchmark::State& state) {
  evaluate_benchmark(state, "bench/comet.tholos", true);
}
BENCHMARK(BM_EvaluateCometExplained)->Unit(benchmark::kMillisecond);

// The 200-line rule file over the same study (a heavier program).
void BM_Evaluate200Lines(benchmark::State& state) {
  evaluate_benchmark(state, "bench/rules200.tholos", false);
}
BENCHMARK(BM_Evaluate200Lines)->Unit(benchmark::kMillisecond);

// Rendering the COMET report as CSV (what `tholos eval --format csv` prints).
void BM_RenderCsv(benchmark::State& state) {
  const Loaded& l = loaded();
  EvalOptions options;
  options.explain = false;
  Result<Report> report = evaluate(compiled("bench/comet.tholos"), l.study, options);
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = render(*report.value, Format::csv);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_RenderCsv)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tholos::bench

THOLOS_BENCHMARK_MAIN()
