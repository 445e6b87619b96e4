// One compiled program evaluated from eight threads at once over one study:
// every thread gets the report a single thread gets. Run under
// ThreadSanitizer (cmake -DTHOLOS_TSAN=ON) to check for data races.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace tholos
