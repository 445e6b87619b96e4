// One compiled program evaluated from eight threads at once over one study:
// every thread gets the report a single thread gets. Run under
// ThreadSanitizer (cmake -DTHOLOS_TSAN=ON) to check for data races.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

TEST(Threads, OneProgramEvaluatedFromEightThreadsGivesTheSameReport) {
  const std::string dir = std::string(THOLOS_SOURCE_DIR) + "/examples/peer-support";
  const Program program = *compile_file(dir + "/protocol.tholos").value;
  const Study study = *load_study(dir).value;
  const std::string expected = render(*evaluate(program, study).value, Format::json);
  std::vector<std::string> reports(8);
  std::vector<std::string> expressions(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < reports.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 3; ++repeat) {
        reports[t] = render(*evaluate(program, study).value, Format::json);
        ExpressionOptions options;
        options.round = 1;
        expressions[t] =
            render(*evaluate_expression(program, study, "kendall_w(statements)", options).value,
                   Format::json);
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (std::size_t t = 0; t < reports.size(); ++t) {
    EXPECT_EQ(reports[t], expected) << "thread " << t;
    EXPECT_EQ(expressions[t], expressions[0]) << "thread " << t;
  }
}

// A loaded study finds an answer's file position only when a diagnostic
// first needs it, by reading ratings.csv again (once, whichever thread
// asks first). Eight threads that all need it at once all get it right.
TEST(Threads, EightThreadsFindingAnAnswersPositionAtOnceAllGetIt) {
  const auto dir = std::filesystem::path(::testing::TempDir()) / "tholos_threads_positions";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "panel.csv") << "panelist\nP1\nP2\n";
  std::ofstream(dir / "items.csv") << "item\nS1\nS2\n";
  std::ofstream(dir / "ratings.csv")
      << "round,panelist,item,rating\n1,P1,S1,4\n1,P2,S1,5\n1,P1,S2,3\n1,P2,S2,17\n";
  const Program program = *compile("scale agreement 1..5\nmeasure m = median(rating)\n").value;
  const Study study = *load_study(dir.string()).value;
  std::vector<std::vector<Diagnostic>> seen(8);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t)
    threads.emplace_back([&, t] { seen[t] = evaluate(program, study).diagnostics; });
  for (auto& thread : threads)
    thread.join();
  for (std::size_t t = 0; t < seen.size(); ++t) {
    ASSERT_EQ(seen[t].size(), 1u) << "thread " << t;
    EXPECT_EQ(seen[t][0].severity, Severity::error);
    EXPECT_EQ(std::filesystem::path(seen[t][0].file).filename(), "ratings.csv");
    EXPECT_EQ(seen[t][0].line, 5) << "thread " << t;    // the row with 17
    EXPECT_EQ(seen[t][0].column, 9) << "thread " << t;  // where 17 starts
    EXPECT_EQ(seen[t][0].rendered, seen[0][0].rendered);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace tholos
