// Evaluating through the C API gives what the C++ API gives: reports in
// every format, eval options, expressions.
#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "tests/capi/capi_test_support.hpp"

namespace capi_testing {
namespace {

TEST(CApi, PeerSupportGivesTheReportOfTheCppApi) {
  PeerSupport peer;
  Report report;
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_evaluate(peer.program.get(), peer.study.get(), nullptr, report.out(),
                            diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  const tholos::Result<tholos::Report> cpp = tholos::evaluate(peer.cpp_program, peer.cpp_study);
  ASSERT_TRUE(cpp.ok());
  EXPECT_EQ(tholos_diagnostics_count(diagnostics.get()), cpp.diagnostics.size());

  // The JSON, and every format.
  ASSERT_NE(tholos_report_json(report.get()), nullptr);
  EXPECT_EQ(std::string(tholos_report_json(report.get())),
            tholos::render(*cpp.value, tholos::Format::json));
  EXPECT_EQ(tholos_report_json(report.get()), tholos_report_json(report.get()));  // kept
  const std::pair<tholos_format, tholos::Format> formats[] = {
      {THOLOS_FORMAT_TABLE, tholos::Format::table},
      {THOLOS_FORMAT_JSON, tholos::Format::json},
      {THOLOS_FORMAT_CSV, tholos::Format::csv},
      {THOLOS_FORMAT_MARKDOWN, tholos::Format::markdown}};
  for (const auto& [c_format, cpp_format] : formats) {
    Text text;
    ASSERT_EQ(tholos_report_render(report.get(), c_format, text.out()), THOLOS_OK);
    EXPECT_EQ(text.str(), tholos::render(*cpp.value, cpp_format));
  }

  // Rounds, statements, statuses, rerating and stopping.
  const tholos::Report& expected = *cpp.value;
  ASSERT_EQ(tholos_report_round_count(report.get()), expected.rounds.size());
  ASSERT_EQ(tholos_report_round_count(report.get()), 3u);
  int consensus[3] = {0, 0, 0};
  for (std::size_t r = 0; r < expected.rounds.size(); ++r) {
    const tholos::RoundResult& round = expected.rounds[r];
    EXPECT_EQ(tholos_report_round_number(report.get(), r), round.round);
    EXPECT_EQ(tholos_report_round_stop(report.get(), r), round.stop.stop ? 1 : 0);
    ASSERT_EQ(tholos_report_statement_count(report.get(), r), round.statements.size());
    for (std::size_t s = 0; s < round.statements.size(); ++s) {
      const tholos::StatementResult& statement = round.statements[s];
      EXPECT_EQ(std::string(tholos_report_statement_item(report.get(), r, s)), statement.item);
      const char* status = tholos_report_statement_status(report.get(), r, s);
      ASSERT_EQ(status != nullptr, statement.verdict.determined);
      if (status != nullptr) {
        EXPECT_EQ(std::string(status), statement.verdict.status);
        consensus[r] += std::string(status) == "consensus" ? 1 : 0;
      }
      ASSERT_EQ(statement.rerate.kind, tholos::ValueKind::boolean);
      EXPECT_EQ(tholos_report_statement_rerate(report.get(), r, s),
                statement.rerate.boolean ? 1 : 0);
    }
  }
  EXPECT_EQ(consensus[0], 24);
  EXPECT_EQ(consensus[1], 8);
  EXPECT_EQ(consensus[2], 6);
  EXPECT_EQ(tholos_report_statement_count(report.get(), 0), 46u);
  EXPECT_EQ(tholos_report_round_stop(report.get(), 2), 1);
  EXPECT_EQ(tholos_report_round_stop(report.get(), 0), 0);

  // Out of range: neutral values.
  EXPECT_EQ(tholos_report_round_number(report.get(), 3), 0);
  EXPECT_EQ(tholos_report_round_stop(report.get(), 3), -1);
  EXPECT_EQ(tholos_report_statement_count(report.get(), 3), 0u);
  EXPECT_EQ(tholos_report_statement_item(report.get(), 0, 46), nullptr);
  EXPECT_EQ(tholos_report_statement_status(report.get(), 0, 46), nullptr);
  EXPECT_EQ(tholos_report_statement_rerate(report.get(), 0, 46), -1);
  EXPECT_EQ(tholos_report_statement_item(report.get(), 7, 0), nullptr);
}

TEST(CApi, EvalOptionsSetParamsRoundAndExplanations) {
  PeerSupport peer;
  Options options;
  ASSERT_EQ(tholos_eval_options_new(options.out()), THOLOS_OK);
  ASSERT_EQ(tholos_eval_options_set_param(options.get(), "threshold", "75%"), THOLOS_OK);
  ASSERT_EQ(tholos_eval_options_set_param(options.get(), "threshold", "80%"), THOLOS_OK);
  ASSERT_EQ(tholos_eval_options_set_round(options.get(), 2), THOLOS_OK);
  ASSERT_EQ(tholos_eval_options_set_explain(options.get(), 0), THOLOS_OK);
  Report report;
  ASSERT_EQ(
      tholos_evaluate(peer.program.get(), peer.study.get(), options.get(), report.out(), nullptr),
      THOLOS_OK);
  tholos::EvalOptions cpp_options;
  cpp_options.params["threshold"] = "80%";
  cpp_options.round = 2;
  cpp_options.explain = false;
  const tholos::Result<tholos::Report> cpp =
      tholos::evaluate(peer.cpp_program, peer.cpp_study, cpp_options);
  ASSERT_TRUE(cpp.ok());
  EXPECT_EQ(std::string(tholos_report_json(report.get())),
            tholos::render(*cpp.value, tholos::Format::json));
  ASSERT_EQ(tholos_report_round_count(report.get()), 1u);
  EXPECT_EQ(tholos_report_round_number(report.get(), 0), 2);

  // Round 0 means every round again.
  ASSERT_EQ(tholos_eval_options_set_round(options.get(), 0), THOLOS_OK);
  ASSERT_EQ(
      tholos_evaluate(peer.program.get(), peer.study.get(), options.get(), report.out(), nullptr),
      THOLOS_OK);
  EXPECT_EQ(tholos_report_round_count(report.get()), 3u);

  // Mistakes found when evaluating.
  Diagnostics diagnostics;
  ASSERT_EQ(tholos_eval_options_set_round(options.get(), 9), THOLOS_OK);
  EXPECT_EQ(tholos_evaluate(peer.program.get(), peer.study.get(), options.get(), report.out(),
                            diagnostics.out()),
            THOLOS_ERROR_EVALUATION);
  EXPECT_EQ(report.get(), nullptr);
  EXPECT_NE(all_text(diagnostics).find("there is no round 9"), std::string::npos)
      << all_text(diagnostics);
  ASSERT_EQ(tholos_eval_options_set_round(options.get(), 0), THOLOS_OK);
  ASSERT_EQ(tholos_eval_options_set_param(options.get(), "treshold", "80%"), THOLOS_OK);
  EXPECT_EQ(tholos_evaluate(peer.program.get(), peer.study.get(), options.get(), report.out(),
                            diagnostics.out()),
            THOLOS_ERROR_EVALUATION);
  EXPECT_NE(all_text(diagnostics).find("there is no param 'treshold'"), std::string::npos)
      << all_text(diagnostics);
}

TEST(CApi, ExpressionJsonIsTheCppApis) {
  PeerSupport peer;
  Text json;
  Diagnostics diagnostics;
  ASSERT_EQ(
      tholos_evaluate_expression(peer.program.get(), peer.study.get(), "quantile(rating, 0.3, 6)",
                                 nullptr, 1, json.out(), diagnostics.out()),
      THOLOS_OK)
      << all_text(diagnostics);
  tholos::ExpressionOptions options;
  options.round = 1;
  EXPECT_EQ(json.str(),
            tholos::render(*tholos::evaluate_expression(peer.cpp_program, peer.cpp_study,
                                                        "quantile(rating, 0.3, 6)", options)
                                .value,
                           tholos::Format::json));

  // One statement, the last round.
  ASSERT_EQ(tholos_evaluate_expression(peer.program.get(), peer.study.get(), "agreement", "S02", 0,
                                       json.out(), nullptr),
            THOLOS_OK);
  options = {};
  options.item = "S02";
  EXPECT_EQ(json.str(), tholos::render(*tholos::evaluate_expression(
                                            peer.cpp_program, peer.cpp_study, "agreement", options)
                                            .value,
                                       tholos::Format::json));
  EXPECT_NE(json.str().find("\"S02\""), std::string::npos) << json.str();

  // A round-level expression.
  ASSERT_EQ(tholos_evaluate_expression(peer.program.get(), peer.study.get(),
                                       "count(statements where status = consensus)", nullptr, 1,
                                       json.out(), nullptr),
            THOLOS_OK);
  EXPECT_NE(json.str().find("\"round\": 24"), std::string::npos) << json.str();

  // Errors: an expression in error, with its position; an unknown statement.
  EXPECT_EQ(tholos_evaluate_expression(peer.program.get(), peer.study.get(), "medain(rating)",
                                       nullptr, 0, json.out(), diagnostics.out()),
            THOLOS_ERROR_EVALUATION);
  EXPECT_EQ(json.p, nullptr);
  ASSERT_GE(tholos_diagnostics_count(diagnostics.get()), 1u);
  EXPECT_EQ(tholos_diagnostics_line(diagnostics.get(), 0), 1);
  EXPECT_EQ(tholos_diagnostics_column(diagnostics.get(), 0), 1);
  EXPECT_EQ(tholos_evaluate_expression(peer.program.get(), peer.study.get(), "agreement", "S99", 0,
                                       json.out(), diagnostics.out()),
            THOLOS_ERROR_EVALUATION);
  EXPECT_NE(all_text(diagnostics).find("there is no statement 'S99'"), std::string::npos)
      << all_text(diagnostics);
  EXPECT_EQ(tholos_evaluate_expression(peer.program.get(), peer.study.get(), "agreement", nullptr,
                                       4, json.out(), diagnostics.out()),
            THOLOS_ERROR_EVALUATION);
}

}  // namespace
}  // namespace capi_testing
