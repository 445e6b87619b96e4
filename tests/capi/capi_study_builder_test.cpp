// Studies built in memory through the C API, as the C++ builder builds
// them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

// A small study in memory: six panelists in two groups, two statements, two
// rounds, with a "don't know" and a blank.
void add_small_study(tholos_study_builder* b) {
  const char* const panel_columns[] = {"group"};
  ASSERT_EQ(tholos_study_builder_panel_columns(b, panel_columns, 1), THOLOS_OK);
  const char* const item_columns[] = {"text"};
  ASSERT_EQ(tholos_study_builder_item_columns(b, item_columns, 1), THOLOS_OK);
  const char* const panelists[] = {"P1", "P2", "P3", "P4", "P5", "P6"};
  for (int i = 0; i < 6; ++i) {
    const char* const group[] = {i < 3 ? "a" : "b"};
    ASSERT_EQ(tholos_study_builder_add_panelist(b, panelists[i], group, 1), THOLOS_OK);
  }
  const char* const first[] = {"The first statement"};
  ASSERT_EQ(tholos_study_builder_add_item(b, "S1", first, 1), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_item(b, "S2", nullptr, 0), THOLOS_OK);
  for (int round = 1; round <= 2; ++round) {
    for (int i = 0; i < 6; ++i) {
      ASSERT_EQ(tholos_study_builder_add_invitation(b, round, panelists[i]), THOLOS_OK);
    }
  }
  // Round 1: S1 rated 5 5 4 4 2 by P1-P5, P6 "DK": 4 of 5 valid ratings
  // agree (80%). S2 rated 1 2 3 4 5, P6 left it blank: 2 of 5 (40%).
  const double s1[] = {5, 5, 4, 4, 2};
  const double s2[] = {1, 2, 3, 4, 5};
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(tholos_study_builder_add_rating(b, 1, panelists[i], "S1", nullptr, s1[i]), THOLOS_OK);
    ASSERT_EQ(tholos_study_builder_add_rating(b, 1, panelists[i], "S2", nullptr, s2[i]), THOLOS_OK);
  }
  ASSERT_EQ(tholos_study_builder_add_code(b, 1, "P6", "S1", nullptr, "DK"), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_blank(b, 1, "P6", "S2", nullptr), THOLOS_OK);
  // Round 2: S2 again, 5 of 6 agree.
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(tholos_study_builder_add_rating(b, 2, panelists[i], "S2", nullptr, i == 0 ? 3 : 4),
              THOLOS_OK);
  }
}

TEST(CApi, AStudyBuiltInMemory) {
  Builder builder;
  ASSERT_EQ(tholos_study_builder_new(builder.out()), THOLOS_OK);
  add_small_study(builder.get());
  Study study;
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_study_builder_build(builder.get(), study.out(), diagnostics.out()), THOLOS_OK)
      << all_text(diagnostics);
  Program program;
  ASSERT_EQ(compile_text(kRules, program, diagnostics), THOLOS_OK);
  Report report;
  ASSERT_EQ(tholos_evaluate(program.get(), study.get(), nullptr, report.out(), diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  ASSERT_EQ(tholos_report_round_count(report.get()), 2u);
  ASSERT_EQ(tholos_report_statement_count(report.get(), 0), 2u);
  EXPECT_STREQ(tholos_report_statement_item(report.get(), 0, 0), "S1");
  EXPECT_STREQ(tholos_report_statement_status(report.get(), 0, 0), "consensus");
  EXPECT_STREQ(tholos_report_statement_status(report.get(), 0, 1), "open");
  EXPECT_EQ(tholos_report_statement_rerate(report.get(), 0, 0), 0);
  EXPECT_EQ(tholos_report_statement_rerate(report.get(), 0, 1), 1);
  ASSERT_EQ(tholos_report_statement_count(report.get(), 1), 1u);
  EXPECT_STREQ(tholos_report_statement_item(report.get(), 1, 0), "S2");
  EXPECT_STREQ(tholos_report_statement_status(report.get(), 1, 0), "consensus");
  EXPECT_EQ(tholos_report_round_stop(report.get(), 1), 1);
  const std::string json = tholos_report_json(report.get());
  EXPECT_NE(json.find("The first statement"), std::string::npos);

  // The expression "agreement" for S1 in round 1: 4 of 5.
  Text value;
  ASSERT_EQ(tholos_evaluate_expression(program.get(), study.get(), "agreement", "S1", 1,
                                       value.out(), nullptr),
            THOLOS_OK);
  EXPECT_NE(value.str().find("0.8"), std::string::npos) << value.str();

  // The builder can be added to and built again: an answer by an unknown
  // panelist is an error naming the record.
  ASSERT_EQ(tholos_study_builder_add_rating(builder.get(), 2, "P9", "S2", nullptr, 4), THOLOS_OK);
  EXPECT_EQ(tholos_study_builder_build(builder.get(), study.out(), diagnostics.out()),
            THOLOS_ERROR_DATA);
  EXPECT_EQ(study.get(), nullptr);
  EXPECT_NE(all_text(diagnostics).find("answers:19:1: error: unknown panelist 'P9'"),
            std::string::npos)
      << all_text(diagnostics);
  EXPECT_EQ(tholos_diagnostics_line(diagnostics.get(), 0), 19);
}

TEST(CApi, AStudyBuiltInMemoryMatchesTheCppBuilder) {
  Builder builder;
  ASSERT_EQ(tholos_study_builder_new(builder.out()), THOLOS_OK);
  add_small_study(builder.get());
  Study study;
  ASSERT_EQ(tholos_study_builder_build(builder.get(), study.out(), nullptr), THOLOS_OK);

  tholos::StudyBuilder cpp;
  cpp.panel_columns({"group"});
  const std::vector<std::string> panelists = {"P1", "P2", "P3", "P4", "P5", "P6"};
  for (int i = 0; i < 6; ++i)
    cpp.add_panelist(panelists[i], {i < 3 ? "a" : "b"});
  cpp.item_columns({"text"});
  cpp.add_item("S1", {"The first statement"});
  cpp.add_item("S2");
  for (int round = 1; round <= 2; ++round) {
    for (const auto& p : panelists)
      cpp.add_invitation(round, p);
  }
  const double s1[] = {5, 5, 4, 4, 2};
  const double s2[] = {1, 2, 3, 4, 5};
  for (int i = 0; i < 5; ++i) {
    cpp.add_rating(1, panelists[i], "S1", s1[i]);
    cpp.add_rating(1, panelists[i], "S2", s2[i]);
  }
  cpp.add_code(1, "P6", "S1", "DK");
  cpp.add_blank(1, "P6", "S2");
  for (int i = 0; i < 6; ++i)
    cpp.add_rating(2, panelists[i], "S2", i == 0 ? 3 : 4);
  const tholos::Study cpp_study = *cpp.build().value;

  Program program;
  Diagnostics diagnostics;
  ASSERT_EQ(compile_text(kRules, program, diagnostics), THOLOS_OK);
  Report report;
  ASSERT_EQ(tholos_evaluate(program.get(), study.get(), nullptr, report.out(), nullptr), THOLOS_OK);
  tholos::CompileOptions options;
  options.file_name = "rules.tholos";
  const tholos::Program cpp_program = *tholos::compile(kRules, options).value;
  EXPECT_EQ(std::string(tholos_report_json(report.get())),
            tholos::render(*tholos::evaluate(cpp_program, cpp_study).value, tholos::Format::json));
}

TEST(CApi, StudyBuilderCriteria) {
  Builder builder;
  ASSERT_EQ(tholos_study_builder_new(builder.out()), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_panelist(builder.get(), "P1", nullptr, 0), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_item(builder.get(), "S1", nullptr, 0), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_rating(builder.get(), 1, "P1", "S1", "useful", 4), THOLOS_OK);
  ASSERT_EQ(tholos_study_builder_add_rating(builder.get(), 1, "P1", "S1", "acceptable", 2),
            THOLOS_OK);
  Study study;
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_study_builder_build(builder.get(), study.out(), diagnostics.out()), THOLOS_OK)
      << all_text(diagnostics);
  // Once one answer names a criterion, every answer must.
  ASSERT_EQ(tholos_study_builder_add_rating(builder.get(), 1, "P1", "S1", nullptr, 3), THOLOS_OK);
  EXPECT_EQ(tholos_study_builder_build(builder.get(), study.out(), diagnostics.out()),
            THOLOS_ERROR_DATA)
      << all_text(diagnostics);
}

}  // namespace
}  // namespace capi_testing
