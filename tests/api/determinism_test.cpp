// The same rule file and study give byte-identical reports in every format:
// compiled and loaded afresh, evaluated again, and evaluated from 1, 2, 4 and
// 8 threads at once. (Across processes and commits, the golden tests compare
// rendered reports with committed files byte for byte.)
#include <gtest/gtest.h>

#include <array>
#include <clocale>
#include <locale>
#include <thread>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

constexpr std::array kFormats{Format::json, Format::csv, Format::table, Format::markdown};

// One report in every format, concatenated with a separator no renderer
// writes, so one comparison covers all four.
std::string rendered(const Program& program, const Study& study) {
  Result<Report> report = evaluate(program, study);
  EXPECT_TRUE(report.ok());
  std::string out;
  for (Format format : kFormats)
    out += render(*report.value, format) + "\n\x1e\n";
  return out;
}

class Determinism : public testing::TestWithParam<const char*> {
 protected:
  std::string dir() const { return std::string(THOLOS_SOURCE_DIR) + "/examples/" + GetParam(); }
  Program program() const { return *compile_file(dir() + "/protocol.tholos").value; }
  Study study() const { return *load_study(dir()).value; }
};

TEST_P(Determinism, CompilingLoadingAndEvaluatingAgainGivesTheSameBytes) {
  const std::string first = rendered(program(), study());
  ASSERT_GT(first.size(), 1000u);
  for (int run = 0; run < 3; ++run)
    EXPECT_EQ(rendered(program(), study()), first) << run;
}

TEST_P(Determinism, EveryThreadCountGivesTheSameBytes) {
  const Program shared_program = program();
  const Study shared_study = study();
  const std::string expected = rendered(shared_program, shared_study);
  for (std::size_t thread_count : {1u, 2u, 4u, 8u}) {
    std::vector<std::string> outputs(thread_count);
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < thread_count; ++t) {
      threads.emplace_back([&, t] { outputs[t] = rendered(shared_program, shared_study); });
    }
    for (auto& thread : threads)
      thread.join();
    for (std::size_t t = 0; t < thread_count; ++t) {
      EXPECT_EQ(outputs[t], expected) << thread_count << " threads, thread " << t;
    }
  }
}

// A host may run under any locale; numbers in reports never take its
// decimal comma or digit grouping.
TEST_P(Determinism, AHostLocaleWithADecimalCommaGivesTheSameBytes) {
  const std::string expected = rendered(program(), study());
  ASSERT_NE(std::setlocale(LC_ALL, "de_DE.UTF-8"), nullptr)
      << "the de_DE.UTF-8 locale is missing: run scripts/install-dependencies.sh as root";
  const std::locale previous = std::locale::global(std::locale("de_DE.UTF-8"));
  const std::string under_german = rendered(program(), study());
  std::locale::global(previous);
  std::setlocale(LC_ALL, "C");
  EXPECT_EQ(under_german, expected);
}

INSTANTIATE_TEST_SUITE_P(Examples, Determinism,
                         testing::Values("peer-support", "comet-cos", "hospital-activities",
                                         "rand-ucla"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name)
                             if (c == '-') c = '_';
                           return name;
                         });

}  // namespace
}  // namespace tholos
