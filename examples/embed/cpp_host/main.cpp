// A host application's use of Tholos: compile a rule file once, add a
// function of its own, evaluate a study under two thresholds, read the
// report as objects, and ask for one value.
//
// Usage: cpp_host STUDY_FOLDER   (a folder with protocol.tholos and the CSVs)
#include <tholos/tholos.hpp>

#include <iostream>

namespace {

// Print every diagnostic; true when one is an error.
bool report_problems(const std::vector<tholos::Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics)
    std::cerr << d.rendered << '\n';
  return tholos::has_errors(diagnostics);
}

// A host function: the share of ratings at the top of the scale.
tholos::HostFunction top_box() {
  tholos::HostFunction f;
  f.name = "top_box";
  f.summary = "the share of ratings of 5";
  f.parameters = {tholos::HostFunction::Parameter::ratings};
  f.result = tholos::HostFunction::Result::percentage;
  f.min_ratings = 1;
  f.call = [](const std::vector<tholos::Value>& args) {
    const auto& ratings = args[0].elements;
    std::int64_t top = 0;
    for (const auto& r : ratings)
      top += r.number == 5 ? 1 : 0;
    tholos::Value share;
    share.kind = tholos::ValueKind::percentage;
    share.numerator = top;  // an exact fraction: Tholos compares it exactly
    share.denominator = static_cast<std::int64_t>(ratings.size());
    share.number = static_cast<double>(top) / static_cast<double>(ratings.size());
    return share;
  };
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: cpp_host STUDY_FOLDER\n";
    return 2;
  }
  const std::string folder = argv[1];

  // Compile once (the program is immutable: share it between threads).
  tholos::CompileOptions options;
  options.functions = {top_box()};
  auto program = tholos::compile_file(folder + "/protocol.tholos", options);
  if (report_problems(program.diagnostics)) return 1;

  auto study = tholos::load_study(folder);
  if (report_problems(study.diagnostics)) return 1;

  // Evaluate many times: here under the file's threshold and a stricter one.
  for (const char* threshold : {"70%", "80%"}) {
    tholos::EvalOptions eval;
    eval.params["threshold"] = threshold;
    eval.explain = false;
    auto report = tholos::evaluate(*program.value, *study.value, eval);
    if (report_problems(report.diagnostics)) return 1;
    std::cout << "threshold " << threshold << ":";
    for (const auto& round : report.value->rounds) {
      for (const auto& count : round.status_counts) {
        if (count.status == "consensus")
          std::cout << " round " << round.round << ' ' << count.count;
      }
    }
    std::cout << '\n';
  }

  // One value, for one statement: the host's own function in a rule.
  tholos::ExpressionOptions where;
  where.item = "S01";
  where.round = 1;
  auto value =
      tholos::evaluate_expression(*program.value, *study.value, "top_box(rating) >= 50%", where);
  if (report_problems(value.diagnostics)) return 1;
  std::cout << "S01 top box >= 50%: " << tholos::format_value(value.value->values[0].value) << '\n';
  return 0;
}
