// The same rule file and study give byte-identical reports in every format:
// compiled and loaded afresh, evaluated again, and evaluated from 1, 2, 4 and
// 8 threads at once. (Across processes and commits, the golden tests compare
// rendered reports with committed files byte for byte.)
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <clocale>
#include <filesystem>
#include <fstream>
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

// A ratings.csv of over 1 MiB is read on two threads unless the host asks
// for one (StudyOptions::threads): the reports are the same bytes.
TEST(DeterminismOfLoading, OneOrTwoThreadsReadingALargeStudyGiveTheSameBytes) {
  const std::filesystem::path dir =
      std::filesystem::path(testing::TempDir()) / ("large_study_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  constexpr int kPanelists = 300, kItems = 100, kRounds = 3;
  std::ofstream panel(dir / "panel.csv");
  panel << "panelist,group\n";
  for (int p = 0; p < kPanelists; ++p)
    panel << "P" << p << (p % 3 == 0 ? ",clinician\n" : ",patient\n");
  std::ofstream items(dir / "items.csv");
  items << "item\n";
  for (int i = 0; i < kItems; ++i)
    items << "S" << i << "\n";
  std::ofstream ratings(dir / "ratings.csv");
  ratings << "round,panelist,item,rating\n";
  unsigned state = 12345;  // a fixed sequence: ratings, some "UTS" and blanks
  for (int r = 1; r <= kRounds; ++r) {
    for (int p = 0; p < kPanelists; ++p) {
      for (int i = 0; i < kItems; ++i) {
        state = state * 1103515245u + 12345u;
        const unsigned draw = (state >> 16) % 100;
        ratings << r << ",P" << p << ",S" << i << ",";
        if (draw == 0) ratings << "UTS";
        if (draw > 1) ratings << (i % 3 == 0 ? 7 + draw % 3 : 1 + draw % 9);
        ratings << "\n";
      }
    }
  }
  panel.close();
  items.close();
  ratings.close();
  ASSERT_GE(std::filesystem::file_size(dir / "ratings.csv"), std::size_t{1} << 20);

  const Program program =
      *compile_file(std::string(THOLOS_SOURCE_DIR) + "/bench/comet.tholos").value;
  StudyOptions one_thread;
  one_thread.threads = 1;
  const std::string expected = rendered(program, *load_study(dir.string(), one_thread).value);
  EXPECT_EQ(rendered(program, *load_study(dir.string(), StudyOptions{}).value), expected);
  EXPECT_EQ(rendered(program, *load_study(dir.string()).value), expected);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tholos
