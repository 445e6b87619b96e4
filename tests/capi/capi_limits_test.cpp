// The C API's limits (tholos_limits): the C++ defaults, and the status of
// each limit exceeded.
#include <gtest/gtest.h>

#include <string>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

TEST(CApi, LimitsExceededGiveTheRightStatus) {
  tholos_limits defaults = tholos_limits_default();
  const tholos::Limits cpp;
  EXPECT_EQ(defaults.max_source_bytes, cpp.max_source_bytes);
  EXPECT_EQ(defaults.max_nesting_depth, cpp.max_nesting_depth);
  EXPECT_EQ(defaults.max_answers, cpp.max_answers);

  Program program;
  Diagnostics diagnostics;
  tholos_limits small = {};  // zero fields keep their defaults
  small.max_source_bytes = 100;
  EXPECT_EQ(compile_text(kRules, program, diagnostics, &small), THOLOS_ERROR_RULES);
  EXPECT_NE(all_text(diagnostics).find("the limit is 100 bytes"), std::string::npos)
      << all_text(diagnostics);
  EXPECT_EQ(tholos_compile_file((kPeerSupport + "/protocol.tholos").c_str(), &small, program.out(),
                                diagnostics.out()),
            THOLOS_ERROR_RULES);

  tholos_limits shallow = {};
  shallow.max_nesting_depth = 3;
  EXPECT_EQ(compile_text("scale s 1..5\nmeasure m = ((1))\n", program, diagnostics, &shallow),
            THOLOS_OK);
  EXPECT_EQ(compile_text("scale s 1..5\nmeasure m = ((((1))))\n", program, diagnostics, &shallow),
            THOLOS_ERROR_RULES);
  EXPECT_NE(all_text(diagnostics).find("more than 3 levels"), std::string::npos)
      << all_text(diagnostics);

  tholos_limits few = {};
  few.max_answers = 10;
  Study study;
  EXPECT_EQ(tholos_load_study(kBasic.c_str(), &few, study.out(), diagnostics.out()),
            THOLOS_ERROR_DATA);
  EXPECT_NE(all_text(diagnostics).find("more than 10 answers"), std::string::npos)
      << all_text(diagnostics);
  EXPECT_EQ(study.get(), nullptr);
  ASSERT_EQ(tholos_load_study(kBasic.c_str(), &defaults, study.out(), nullptr), THOLOS_OK);

  Builder builder;
  ASSERT_EQ(tholos_study_builder_new(builder.out()), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_set_limits(builder.get(), &few), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_panelist(builder.get(), "P1", nullptr, 0), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_item(builder.get(), "S1", nullptr, 0), THOLOS_OK);
  for (int round = 1; round <= 11; ++round) {
    ASSERT_EQ(tholos_study_builder_add_rating(builder.get(), round, "P1", "S1", nullptr, 3),
              THOLOS_OK);
  }
  EXPECT_EQ(tholos_study_builder_build(builder.get(), study.out(), diagnostics.out()),
            THOLOS_ERROR_DATA);
  EXPECT_NE(all_text(diagnostics).find("more than 10 answers"), std::string::npos)
      << all_text(diagnostics);
  ASSERT_EQ(tholos_study_builder_set_limits(builder.get(), nullptr), THOLOS_OK);
  EXPECT_EQ(tholos_study_builder_build(builder.get(), study.out(), nullptr), THOLOS_OK);
}

}  // namespace
}  // namespace capi_testing
