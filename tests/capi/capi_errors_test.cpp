// The C API's errors and handles: diagnostics as data, with positions and
// the same text as the C++ API; every function refuses wrong arguments
// with a message naming them; handles are freed in any order.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

TEST(CApi, VersionSchemaAndStatusMessages) {
  EXPECT_STREQ(tholos_version(), "0.1.0");
  EXPECT_EQ(tholos_report_schema_version(), tholos::kReportSchemaVersion);
  EXPECT_STREQ(tholos_status_message(THOLOS_OK), "success");
  for (int s = THOLOS_ERROR_INVALID_ARGUMENT; s <= THOLOS_ERROR_INTERNAL; ++s) {
    const char* message = tholos_status_message(static_cast<tholos_status>(s));
    ASSERT_NE(message, nullptr);
    EXPECT_GT(std::strlen(message), 5u);
  }
}

TEST(CApi, CompileErrorsComeBackAsDiagnosticsWithPositions) {
  Program program;
  Diagnostics diagnostics;
  const std::string rules = "scale s 1..5\nmeasure m = medain(rating)\n";
  ASSERT_EQ(compile_text(rules, program, diagnostics), THOLOS_ERROR_RULES);
  EXPECT_EQ(program.get(), nullptr);
  ASSERT_GE(tholos_diagnostics_count(diagnostics.get()), 1u);
  EXPECT_EQ(tholos_diagnostics_severity(diagnostics.get(), 0), THOLOS_SEVERITY_ERROR);
  EXPECT_STREQ(tholos_diagnostics_file(diagnostics.get(), 0), "rules.tholos");
  EXPECT_EQ(tholos_diagnostics_line(diagnostics.get(), 0), 2);
  EXPECT_EQ(tholos_diagnostics_column(diagnostics.get(), 0), 13);
  EXPECT_EQ(tholos_diagnostics_end_line(diagnostics.get(), 0), 2);
  EXPECT_GT(tholos_diagnostics_end_column(diagnostics.get(), 0), 13);
  const std::string message = tholos_diagnostics_message(diagnostics.get(), 0);
  EXPECT_NE(message.find("medain"), std::string::npos) << message;
  const std::string rendered = tholos_diagnostics_rendered(diagnostics.get(), 0);
  EXPECT_EQ(rendered.rfind("rules.tholos:2:13: error: ", 0), 0u) << rendered;
  EXPECT_NE(rendered.find("^"), std::string::npos) << rendered;
  EXPECT_EQ(all_text(diagnostics).rfind(rendered + "\n", 0), 0u);
  EXPECT_EQ(message, tholos_last_error_message());

  // The same diagnostics as the C++ API gives.
  tholos::CompileOptions options;
  options.file_name = "rules.tholos";
  const tholos::Result<tholos::Program> cpp = tholos::compile(rules, options);
  ASSERT_EQ(cpp.diagnostics.size(), tholos_diagnostics_count(diagnostics.get()));
  EXPECT_EQ(cpp.diagnostics[0].rendered, rendered);

  // Past the end: neutral values.
  const std::size_t n = tholos_diagnostics_count(diagnostics.get());
  EXPECT_EQ(tholos_diagnostics_message(diagnostics.get(), n), nullptr);
  EXPECT_EQ(tholos_diagnostics_rendered(diagnostics.get(), n), nullptr);
  EXPECT_EQ(tholos_diagnostics_file(diagnostics.get(), n), nullptr);
  EXPECT_EQ(tholos_diagnostics_line(diagnostics.get(), n), 0);
  EXPECT_EQ(tholos_diagnostics_severity(diagnostics.get(), n), THOLOS_SEVERITY_ERROR);

  // Without a diagnostics argument the status is the same, and the message
  // is still there.
  EXPECT_EQ(tholos_compile(rules.data(), rules.size(), nullptr, nullptr, program.out(), nullptr),
            THOLOS_ERROR_RULES);
  EXPECT_NE(std::string(tholos_last_error_message()).find("medain"), std::string::npos);
}

TEST(CApi, ACleanCompileHasNoDiagnosticsAndWarningsComeWithAProgram) {
  Program program;
  Diagnostics diagnostics;
  ASSERT_EQ(compile_text(kRules, program, diagnostics), THOLOS_OK);
  EXPECT_NE(program.get(), nullptr);
  EXPECT_EQ(diagnostics.get(), nullptr);
  EXPECT_STREQ(tholos_last_error_message(), "");
  EXPECT_STREQ(tholos_diagnostics_text(diagnostics.get()), "");

  // Leaving the quantile type to its default is a warning, not an error.
  const std::string vague = "scale s 1..5\nmeasure spread = iqr(rating)\n";
  const tholos::Result<tholos::Program> cpp = tholos::compile(vague);
  ASSERT_TRUE(cpp.ok());
  ASSERT_FALSE(cpp.diagnostics.empty());
  ASSERT_EQ(compile_text(vague, program, diagnostics), THOLOS_OK);
  EXPECT_NE(program.get(), nullptr);
  ASSERT_EQ(tholos_diagnostics_count(diagnostics.get()), cpp.diagnostics.size());
  EXPECT_EQ(tholos_diagnostics_severity(diagnostics.get(), 0), THOLOS_SEVERITY_WARNING);
}

TEST(CApi, AMissingRuleFileIsARulesError) {
  Program program;
  Diagnostics diagnostics;
  EXPECT_EQ(tholos_compile_file("/no/such/file.tholos", nullptr, program.out(), diagnostics.out()),
            THOLOS_ERROR_RULES);
  EXPECT_NE(all_text(diagnostics).find("cannot read"), std::string::npos) << all_text(diagnostics);
  // A file name that is not UTF-8 comes back as UTF-8 (U+FFFD for the bad byte).
  EXPECT_EQ(
      tholos_compile_file("/no/such/file\xff.tholos", nullptr, program.out(), diagnostics.out()),
      THOLOS_ERROR_RULES);
  EXPECT_STREQ(tholos_diagnostics_file(diagnostics.get(), 0), "/no/such/file\xEF\xBF\xBD.tholos");
  EXPECT_NE(all_text(diagnostics).find("file\xEF\xBF\xBD.tholos"), std::string::npos);
  Study study;
  EXPECT_EQ(tholos_load_study("/no/such/folder", nullptr, study.out(), diagnostics.out()),
            THOLOS_ERROR_DATA);
  EXPECT_EQ(study.get(), nullptr);
  EXPECT_GE(tholos_diagnostics_count(diagnostics.get()), 1u);
}

// Expects `status` to be an invalid argument whose diagnostic (and last
// error message) names `argument`.
void expect_invalid(tholos_status status, Diagnostics* diagnostics, const std::string& function,
                    const std::string& argument) {
  EXPECT_EQ(status, THOLOS_ERROR_INVALID_ARGUMENT) << function << " " << argument;
  const std::string last = tholos_last_error_message();
  EXPECT_EQ(last.rfind(function + ": ", 0), 0u) << last;
  EXPECT_NE(last.find("'" + argument + "'"), std::string::npos) << last;
  if (diagnostics != nullptr) {
    ASSERT_EQ(tholos_diagnostics_count(diagnostics->get()), 1u) << function << " " << argument;
    EXPECT_EQ(last, tholos_diagnostics_message(diagnostics->get(), 0));
    EXPECT_EQ(tholos_diagnostics_line(diagnostics->get(), 0), 0);
    EXPECT_EQ("error: " + last, tholos_diagnostics_rendered(diagnostics->get(), 0));
  }
}

TEST(CApi, EveryFunctionRefusesNullArguments) {
  PeerSupport peer;
  const tholos_program* program = peer.program.get();
  const tholos_study* study = peer.study.get();
  Diagnostics d;
  Program program_out;
  Study study_out;
  Report report_out;
  Text text;

  expect_invalid(tholos_compile(nullptr, 3, nullptr, nullptr, program_out.out(), d.out()), &d,
                 "tholos_compile", "source");
  expect_invalid(tholos_compile("x", 1, nullptr, nullptr, nullptr, d.out()), &d, "tholos_compile",
                 "program");
  expect_invalid(tholos_compile_file(nullptr, nullptr, program_out.out(), d.out()), &d,
                 "tholos_compile_file", "path");
  expect_invalid(tholos_compile_file("x", nullptr, nullptr, d.out()), &d, "tholos_compile_file",
                 "program");
  expect_invalid(tholos_compile_with_functions(nullptr, 3, nullptr, nullptr, nullptr, 0,
                                               program_out.out(), d.out()),
                 &d, "tholos_compile_with_functions", "source");
  expect_invalid(tholos_compile_with_functions("x", 1, nullptr, nullptr, nullptr, 1,
                                               program_out.out(), d.out()),
                 &d, "tholos_compile_with_functions", "functions");
  expect_invalid(
      tholos_compile_file_with_functions(nullptr, nullptr, nullptr, 0, program_out.out(), d.out()),
      &d, "tholos_compile_file_with_functions", "path");
  expect_invalid(tholos_load_study(nullptr, nullptr, study_out.out(), d.out()), &d,
                 "tholos_load_study", "directory");
  expect_invalid(tholos_load_study(kBasic.c_str(), nullptr, nullptr, d.out()), &d,
                 "tholos_load_study", "study");

  expect_invalid(tholos_study_builder_new(nullptr), nullptr, "tholos_study_builder_new", "builder");
  expect_invalid(tholos_study_builder_set_limits(nullptr, nullptr), nullptr,
                 "tholos_study_builder_set_limits", "builder");
  const char* const columns[] = {"group", nullptr};
  expect_invalid(tholos_study_builder_panel_columns(nullptr, columns, 1), nullptr,
                 "tholos_study_builder_panel_columns", "builder");
  expect_invalid(tholos_study_builder_item_columns(nullptr, columns, 1), nullptr,
                 "tholos_study_builder_item_columns", "builder");
  expect_invalid(tholos_study_builder_add_panelist(nullptr, "P1", nullptr, 0), nullptr,
                 "tholos_study_builder_add_panelist", "builder");
  expect_invalid(tholos_study_builder_add_item(nullptr, "S1", nullptr, 0), nullptr,
                 "tholos_study_builder_add_item", "builder");
  expect_invalid(tholos_study_builder_add_invitation(nullptr, 1, "P1"), nullptr,
                 "tholos_study_builder_add_invitation", "builder");
  expect_invalid(tholos_study_builder_add_rating(nullptr, 1, "P1", "S1", nullptr, 4), nullptr,
                 "tholos_study_builder_add_rating", "builder");
  expect_invalid(tholos_study_builder_add_code(nullptr, 1, "P1", "S1", nullptr, "DK"), nullptr,
                 "tholos_study_builder_add_code", "builder");
  expect_invalid(tholos_study_builder_add_blank(nullptr, 1, "P1", "S1", nullptr), nullptr,
                 "tholos_study_builder_add_blank", "builder");
  expect_invalid(tholos_study_builder_build(nullptr, study_out.out(), d.out()), &d,
                 "tholos_study_builder_build", "builder");

  Builder builder;
  ASSERT_EQ(tholos_study_builder_new(builder.out()), THOLOS_OK);
  tholos_study_builder* b = builder.get();
  expect_invalid(tholos_study_builder_panel_columns(b, columns, 2), nullptr,
                 "tholos_study_builder_panel_columns", "columns[1]");
  expect_invalid(tholos_study_builder_item_columns(b, nullptr, 1), nullptr,
                 "tholos_study_builder_item_columns", "columns");
  expect_invalid(tholos_study_builder_add_panelist(b, nullptr, nullptr, 0), nullptr,
                 "tholos_study_builder_add_panelist", "id");
  expect_invalid(tholos_study_builder_add_panelist(b, "P1", columns, 2), nullptr,
                 "tholos_study_builder_add_panelist", "attributes[1]");
  expect_invalid(tholos_study_builder_add_item(b, nullptr, nullptr, 0), nullptr,
                 "tholos_study_builder_add_item", "id");
  expect_invalid(tholos_study_builder_add_item(b, "S1", nullptr, 3), nullptr,
                 "tholos_study_builder_add_item", "attributes");
  expect_invalid(tholos_study_builder_add_invitation(b, 1, nullptr), nullptr,
                 "tholos_study_builder_add_invitation", "panelist");
  expect_invalid(tholos_study_builder_add_invitation(b, -1, "P1"), nullptr,
                 "tholos_study_builder_add_invitation", "round");
  expect_invalid(tholos_study_builder_add_rating(b, 0, "P1", "S1", nullptr, 4), nullptr,
                 "tholos_study_builder_add_rating", "round");
  expect_invalid(tholos_study_builder_add_rating(b, 1, nullptr, "S1", nullptr, 4), nullptr,
                 "tholos_study_builder_add_rating", "panelist");
  expect_invalid(tholos_study_builder_add_rating(b, 1, "P1", nullptr, nullptr, 4), nullptr,
                 "tholos_study_builder_add_rating", "item");
  expect_invalid(tholos_study_builder_add_rating(b, 1, "P1", "S1", nullptr, std::nan("")), nullptr,
                 "tholos_study_builder_add_rating", "rating");
  expect_invalid(tholos_study_builder_add_rating(b, 1, "P1", "S1", "\xff", 4), nullptr,
                 "tholos_study_builder_add_rating", "criterion");
  expect_invalid(tholos_study_builder_add_code(b, 1, "P1", "S1", nullptr, nullptr), nullptr,
                 "tholos_study_builder_add_code", "code");
  expect_invalid(tholos_study_builder_add_code(b, -2, "P1", "S1", nullptr, "DK"), nullptr,
                 "tholos_study_builder_add_code", "round");
  expect_invalid(tholos_study_builder_add_blank(b, 1, "P1", nullptr, nullptr), nullptr,
                 "tholos_study_builder_add_blank", "item");
  expect_invalid(tholos_study_builder_add_panelist(b, "P\xc3", nullptr, 0), nullptr,
                 "tholos_study_builder_add_panelist", "id");
  expect_invalid(tholos_study_builder_build(b, nullptr, d.out()), &d, "tholos_study_builder_build",
                 "study");
  // Nothing wrong was added: the builder still builds, an empty study.
  EXPECT_EQ(tholos_study_builder_build(b, study_out.out(), d.out()), THOLOS_OK);

  expect_invalid(tholos_eval_options_new(nullptr), nullptr, "tholos_eval_options_new", "options");
  expect_invalid(tholos_eval_options_set_param(nullptr, "a", "b"), nullptr,
                 "tholos_eval_options_set_param", "options");
  expect_invalid(tholos_eval_options_set_round(nullptr, 1), nullptr,
                 "tholos_eval_options_set_round", "options");
  expect_invalid(tholos_eval_options_set_explain(nullptr, 1), nullptr,
                 "tholos_eval_options_set_explain", "options");
  Options options;
  ASSERT_EQ(tholos_eval_options_new(options.out()), THOLOS_OK);
  expect_invalid(tholos_eval_options_set_param(options.get(), nullptr, "b"), nullptr,
                 "tholos_eval_options_set_param", "name");
  expect_invalid(tholos_eval_options_set_param(options.get(), "a", nullptr), nullptr,
                 "tholos_eval_options_set_param", "value");
  expect_invalid(tholos_eval_options_set_round(options.get(), -1), nullptr,
                 "tholos_eval_options_set_round", "round");

  expect_invalid(tholos_evaluate(nullptr, study, nullptr, report_out.out(), d.out()), &d,
                 "tholos_evaluate", "program");
  expect_invalid(tholos_evaluate(program, nullptr, nullptr, report_out.out(), d.out()), &d,
                 "tholos_evaluate", "study");
  expect_invalid(tholos_evaluate(program, study, nullptr, nullptr, d.out()), &d, "tholos_evaluate",
                 "report");
  expect_invalid(tholos_report_render(nullptr, THOLOS_FORMAT_JSON, text.out()), nullptr,
                 "tholos_report_render", "report");
  ASSERT_EQ(tholos_evaluate(program, study, nullptr, report_out.out(), nullptr), THOLOS_OK);
  expect_invalid(tholos_report_render(report_out.get(), THOLOS_FORMAT_JSON, nullptr), nullptr,
                 "tholos_report_render", "text");

  expect_invalid(
      tholos_evaluate_expression(nullptr, study, "agreement", nullptr, 0, text.out(), d.out()), &d,
      "tholos_evaluate_expression", "program");
  expect_invalid(
      tholos_evaluate_expression(program, nullptr, "agreement", nullptr, 0, text.out(), d.out()),
      &d, "tholos_evaluate_expression", "study");
  expect_invalid(
      tholos_evaluate_expression(program, study, nullptr, nullptr, 0, text.out(), d.out()), &d,
      "tholos_evaluate_expression", "expression");
  expect_invalid(
      tholos_evaluate_expression(program, study, "agreement", nullptr, -1, text.out(), d.out()), &d,
      "tholos_evaluate_expression", "round");
  expect_invalid(
      tholos_evaluate_expression(program, study, "agreement", "S\xff", 0, text.out(), d.out()), &d,
      "tholos_evaluate_expression", "item");
  expect_invalid(
      tholos_evaluate_expression(program, study, "agreement", nullptr, 0, nullptr, d.out()), &d,
      "tholos_evaluate_expression", "json");
  // Without a diagnostics argument too.
  expect_invalid(tholos_evaluate(nullptr, study, nullptr, report_out.out(), nullptr), nullptr,
                 "tholos_evaluate", "program");
  EXPECT_EQ(report_out.get(), nullptr);

  // Accessors of NULL handles give neutral values.
  EXPECT_EQ(tholos_diagnostics_count(nullptr), 0u);
  EXPECT_STREQ(tholos_diagnostics_text(nullptr), "");
  EXPECT_EQ(tholos_diagnostics_message(nullptr, 0), nullptr);
  EXPECT_EQ(tholos_diagnostics_rendered(nullptr, 0), nullptr);
  EXPECT_EQ(tholos_diagnostics_file(nullptr, 0), nullptr);
  EXPECT_EQ(tholos_diagnostics_severity(nullptr, 0), THOLOS_SEVERITY_ERROR);
  EXPECT_EQ(tholos_diagnostics_line(nullptr, 0), 0);
  EXPECT_EQ(tholos_diagnostics_column(nullptr, 0), 0);
  EXPECT_EQ(tholos_diagnostics_end_line(nullptr, 0), 0);
  EXPECT_EQ(tholos_diagnostics_end_column(nullptr, 0), 0);
  EXPECT_EQ(tholos_report_json(nullptr), nullptr);
  EXPECT_EQ(tholos_report_round_count(nullptr), 0u);
  EXPECT_EQ(tholos_report_round_number(nullptr, 0), 0);
  EXPECT_EQ(tholos_report_round_stop(nullptr, 0), -1);
  EXPECT_EQ(tholos_report_statement_count(nullptr, 0), 0u);
  EXPECT_EQ(tholos_report_statement_item(nullptr, 0, 0), nullptr);
  EXPECT_EQ(tholos_report_statement_status(nullptr, 0, 0), nullptr);
  EXPECT_EQ(tholos_report_statement_rerate(nullptr, 0, 0), -1);

  // A success clears the last error.
  ASSERT_EQ(tholos_eval_options_set_round(options.get(), 1), THOLOS_OK);
  EXPECT_STREQ(tholos_last_error_message(), "");
}

TEST(CApi, FreeingNullIsFine) {
  tholos_program_free(nullptr);
  tholos_study_free(nullptr);
  tholos_study_builder_free(nullptr);
  tholos_eval_options_free(nullptr);
  tholos_report_free(nullptr);
  tholos_diagnostics_free(nullptr);
  tholos_string_free(nullptr);
  SUCCEED();
}

TEST(CApi, HandlesCanBeFreedInAnyOrder) {
  Program program;
  Diagnostics diagnostics;
  ASSERT_EQ(compile_text(kRules, program, diagnostics), THOLOS_OK);
  tholos_study* study = nullptr;
  ASSERT_EQ(tholos_load_study(kBasic.c_str(), nullptr, &study, nullptr), THOLOS_OK);
  tholos_report* report = nullptr;
  ASSERT_EQ(tholos_evaluate(program.get(), study, nullptr, &report, nullptr), THOLOS_OK);
  tholos_study_free(study);
  tholos_program_free(program.p);
  program.p = nullptr;
  EXPECT_NE(tholos_report_json(report), nullptr);
  EXPECT_EQ(tholos_report_round_count(report), 2u);
  tholos_report_free(report);
}

}  // namespace
}  // namespace capi_testing
