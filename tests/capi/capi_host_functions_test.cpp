// Host functions written in C: called with ratings and numbers, failing
// without crashing, checked by the checker, and refused when malformed.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

const std::string kHostRules = std::string(kRules) +
                               "measure top = top_box(rating)\n"
                               "measure twice = scaled(count(rating), 2)\n"
                               "measure broken = fails(rating)\n"
                               "measure odd = nan()\n"
                               "measure mixed = wrong_kind()\n";

TEST(CApi, HostFunctionsFromC) {
  HostFunctions host;
  Program program;
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_compile_with_functions(kHostRules.data(), kHostRules.size(), "host.tholos",
                                          nullptr, host.functions.data(), host.functions.size(),
                                          program.out(), diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  Study study;
  ASSERT_EQ(tholos_load_study(kBasic.c_str(), nullptr, study.out(), nullptr), THOLOS_OK);

  // S1 round 1: two of twelve ratings are 5: exactly 1/6.
  Text json;
  ASSERT_EQ(tholos_evaluate_expression(program.get(), study.get(), "top", "S1", 1, json.out(),
                                       diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  EXPECT_NE(json.str().find("\"S1\": 0.16666666666666666"), std::string::npos) << json.str();
  EXPECT_GT(host.calls.count.load(), 0);
  ASSERT_EQ(tholos_evaluate_expression(program.get(), study.get(), "top = 1/6", "S1", 1, json.out(),
                                       nullptr),
            THOLOS_OK);
  EXPECT_NE(json.str().find("true"), std::string::npos) << json.str();
  ASSERT_EQ(
      tholos_evaluate_expression(program.get(), study.get(), "twice", "S1", 1, json.out(), nullptr),
      THOLOS_OK);
  EXPECT_NE(json.str().find("24"), std::string::npos) << json.str();

  // Failing, non-finite and wrongly typed results are missing values, not
  // crashes.
  for (const char* name : {"broken", "odd", "mixed"}) {
    ASSERT_EQ(
        tholos_evaluate_expression(program.get(), study.get(), name, "S1", 1, json.out(), nullptr),
        THOLOS_OK);
    EXPECT_NE(json.str().find("null"), std::string::npos) << name << ": " << json.str();
  }
  Report report;
  ASSERT_EQ(tholos_evaluate(program.get(), study.get(), nullptr, report.out(), diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);

  // S3 has no ratings in round 1: below min_ratings, missing.
  ASSERT_EQ(
      tholos_evaluate_expression(program.get(), study.get(), "top", "S3", 1, json.out(), nullptr),
      THOLOS_OK);
  EXPECT_NE(json.str().find("\"S3\": null"), std::string::npos) << json.str();

  // The checker knows the signatures.
  const std::string wrong = std::string(kRules) + "measure t = top_box(1)\n";
  EXPECT_EQ(tholos_compile_with_functions(wrong.data(), wrong.size(), nullptr, nullptr,
                                          host.functions.data(), host.functions.size(),
                                          program.out(), diagnostics.out()),
            THOLOS_ERROR_RULES);
  EXPECT_NE(all_text(diagnostics).find("top_box takes top_box(ratings)"), std::string::npos)
      << all_text(diagnostics);

  // From a file too.
  ASSERT_EQ(tholos_compile_file_with_functions((kPeerSupport + "/protocol.tholos").c_str(), nullptr,
                                               host.functions.data(), host.functions.size(),
                                               program.out(), nullptr),
            THOLOS_OK);
}

TEST(CApi, MalformedHostFunctions) {
  HostFunctions host;
  Program program;
  Diagnostics diagnostics;
  auto compile_with = [&](const std::vector<tholos_host_function>& functions) {
    return tholos_compile_with_functions(kRules, std::strlen(kRules), nullptr, nullptr,
                                         functions.data(), functions.size(), program.out(),
                                         diagnostics.out());
  };
  std::vector<tholos_host_function> functions = host.functions;
  functions[1].call = nullptr;
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(all_text(diagnostics).find("'functions[1].call' is NULL"), std::string::npos)
      << all_text(diagnostics);
  functions = host.functions;
  functions[0].name = nullptr;
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_INVALID_ARGUMENT);
  functions = host.functions;
  functions[0].parameters = nullptr;
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_INVALID_ARGUMENT);
  functions = host.functions;
  set_out_of_range(functions[0].result, 7);
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_INVALID_ARGUMENT);
  tholos_parameter_kind bad_kind[1];
  set_out_of_range(bad_kind[0], -1);
  functions = host.functions;
  functions[0].parameters = bad_kind;
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_INVALID_ARGUMENT);
  EXPECT_NE(all_text(diagnostics).find("'functions[0].parameters[0]'"), std::string::npos)
      << all_text(diagnostics);
  // Names the language checks: taken, not a name, twice.
  functions = host.functions;
  functions[0].name = "median";
  functions[1].name = "2x";
  functions[2].name = "nan";
  EXPECT_EQ(compile_with(functions), THOLOS_ERROR_RULES);
  EXPECT_EQ(tholos_diagnostics_count(diagnostics.get()), 3u) << all_text(diagnostics);
  EXPECT_EQ(program.get(), nullptr);
  // NULL functions with a count.
  EXPECT_EQ(tholos_compile_with_functions(kRules, std::strlen(kRules), nullptr, nullptr, nullptr, 2,
                                          program.out(), diagnostics.out()),
            THOLOS_ERROR_INVALID_ARGUMENT);
  // NULL functions without one: no host functions.
  EXPECT_EQ(tholos_compile_with_functions(kRules, std::strlen(kRules), nullptr, nullptr, nullptr, 0,
                                          program.out(), diagnostics.out()),
            THOLOS_OK);
}

}  // namespace
}  // namespace capi_testing
