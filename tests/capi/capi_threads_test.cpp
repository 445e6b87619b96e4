// One program and study shared by several threads through the C API.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

// One program and one study shared by four threads, each evaluating the
// report, an expression and a host function at once; and one report read
// by all of them.
TEST(CApi, AProgramAndStudySharedByFourThreads) {
  HostFunctions host;
  const std::string rules =
      "import likert\nscale agreement 1..5\n  not a rating: \"DK\"\n"
      "param threshold = 70%\ngroups from panel.group\n"
      "measure top = top_box(rating)\n";
  Program program;
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_compile_with_functions(rules.data(), rules.size(), "threads.tholos", nullptr,
                                          host.functions.data(), host.functions.size(),
                                          program.out(), diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  PeerSupport peer;
  Report shared;
  ASSERT_EQ(tholos_evaluate(program.get(), peer.study.get(), nullptr, shared.out(), nullptr),
            THOLOS_OK);
  const std::string expected = tholos_report_json(shared.get());  // renders it once
  Report fresh;  // its JSON is rendered first by one of the threads
  ASSERT_EQ(tholos_evaluate(program.get(), peer.study.get(), nullptr, fresh.out(), nullptr),
            THOLOS_OK);
  Text expression;
  ASSERT_EQ(tholos_evaluate_expression(program.get(), peer.study.get(), "top", nullptr, 1,
                                       expression.out(), nullptr),
            THOLOS_OK);
  const std::string expected_expression = expression.str();

  constexpr int kThreads = 4;
  std::vector<std::string> reports(kThreads), expressions(kThreads), fresh_json(kThreads);
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int repeat = 0; repeat < 2; ++repeat) {
        tholos_report* report = nullptr;
        if (tholos_evaluate(program.get(), peer.study.get(), nullptr, &report, nullptr) !=
            THOLOS_OK) {
          ++failures[t];
          continue;
        }
        reports[t] = tholos_report_json(report);
        tholos_report_free(report);
        char* json = nullptr;
        if (tholos_evaluate_expression(program.get(), peer.study.get(), "top", nullptr, 1, &json,
                                       nullptr) != THOLOS_OK) {
          ++failures[t];
          continue;
        }
        expressions[t] = json;
        tholos_string_free(json);
        fresh_json[t] = tholos_report_json(fresh.get());
        if (tholos_report_statement_status(shared.get(), 0, 0) == nullptr) ++failures[t];
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(failures[t], 0) << "thread " << t;
    EXPECT_EQ(reports[t], expected) << "thread " << t;
    EXPECT_EQ(expressions[t], expected_expression) << "thread " << t;
    EXPECT_EQ(fresh_json[t], expected) << "thread " << t;
  }
}

}  // namespace
}  // namespace capi_testing
