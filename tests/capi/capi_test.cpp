// The C API (include/tholos/tholos.h) from C++: the same results as the C++
// API, diagnostics as data, host functions in C, wrong arguments refused,
// limits, and one program and study shared by several threads.
#include <gtest/gtest.h>

#include <atomic>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "tholos/tholos.h"
#include "tholos/tholos.hpp"

namespace {

const std::string kPeerSupport = std::string(THOLOS_SOURCE_DIR) + "/examples/peer-support";
const std::string kBasic = std::string(THOLOS_SOURCE_DIR) + "/tests/lang/data/basic";

const char* const kRules = R"(
study "C API test"
scale agreement 1..5
  not a rating: "DK"
  band agree = 4..5
quantiles type 7
denominator valid ratings
groups from panel.group
param threshold = 70%
measure agreement = share(rating in agree)
classify statement
  consensus when agreement >= threshold
  otherwise open
rerate when status = open
stop when round = 2
)";

// Owners for the handles a test makes, so that a failed assertion leaks
// nothing (the sanitizer builds would say so).
template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { Free(p); }
  T** out() {
    Free(p);
    p = nullptr;
    return &p;
  }
  T* get() const { return p; }
};
using Program = Owned<tholos_program, tholos_program_free>;
using Study = Owned<tholos_study, tholos_study_free>;
using Builder = Owned<tholos_study_builder, tholos_study_builder_free>;
using Options = Owned<tholos_eval_options, tholos_eval_options_free>;
using Report = Owned<tholos_report, tholos_report_free>;
using Diagnostics = Owned<tholos_diagnostics, tholos_diagnostics_free>;

struct Text {
  char* p = nullptr;
  Text() = default;
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  ~Text() { tholos_string_free(p); }
  char** out() {
    tholos_string_free(p);
    p = nullptr;
    return &p;
  }
  std::string str() const { return p != nullptr ? p : "<null>"; }
};

tholos_status compile_text(const std::string& rules, Program& program, Diagnostics& diagnostics,
                           const tholos_limits* limits = nullptr) {
  return tholos_compile(rules.data(), rules.size(), "rules.tholos", limits, program.out(),
                        diagnostics.out());
}

// Puts a number that is none of its enumerators into an enum object, as a C
// caller can (in C++ only its bytes may be written; the C program
// c_header_check.c passes such values as arguments).
template <typename Enum>
void set_out_of_range(Enum& object, int value) {
  std::underlying_type_t<Enum> number = static_cast<std::underlying_type_t<Enum>>(value);
  std::memcpy(&object, &number, sizeof object);
}

std::string all_text(const Diagnostics& diagnostics) {
  return tholos_diagnostics_text(diagnostics.get());
}

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

// The peer-support example through both APIs.
struct PeerSupport {
  Program program;
  Study study;
  tholos::Program cpp_program = *tholos::compile_file(kPeerSupport + "/protocol.tholos").value;
  tholos::Study cpp_study = *tholos::load_study(kPeerSupport).value;

  PeerSupport() {
    Diagnostics diagnostics;
    EXPECT_EQ(tholos_compile_file((kPeerSupport + "/protocol.tholos").c_str(), nullptr,
                                  program.out(), diagnostics.out()),
              THOLOS_OK)
        << all_text(diagnostics);
    EXPECT_EQ(tholos_load_study(kPeerSupport.c_str(), nullptr, study.out(), diagnostics.out()),
              THOLOS_OK)
        << all_text(diagnostics);
  }
};

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

// Host functions in C: the share of ratings at the top of the scale, exact,
// counting its calls through user_data; and one that always fails.
struct Calls {
  std::atomic<int> count{0};
  double top = 5;
};

tholos_status top_box(void* user_data, const tholos_value* args, size_t count,
                      tholos_value* result) {
  auto* calls = static_cast<Calls*>(user_data);
  calls->count.fetch_add(1);
  if (count != 1 || args[0].kind != THOLOS_VALUE_RATINGS) return THOLOS_ERROR_INVALID_ARGUMENT;
  std::int64_t top = 0;
  for (std::size_t i = 0; i < args[0].rating_count; ++i) {
    top += args[0].ratings[i] == calls->top ? 1 : 0;
  }
  result->kind = THOLOS_VALUE_PERCENTAGE;
  result->numerator = top;
  result->denominator = static_cast<std::int64_t>(args[0].rating_count);
  return THOLOS_OK;
}

tholos_status scaled(void* user_data, const tholos_value* args, size_t count,
                     tholos_value* result) {
  (void)user_data;
  if (count != 2 || args[0].kind != THOLOS_VALUE_NUMBER) return THOLOS_ERROR_EVALUATION;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = args[0].number * args[1].number;
  return THOLOS_OK;
}

tholos_status failing(void* user_data, const tholos_value* args, size_t count,
                      tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;  // ignored: the status says it failed
  result->number = 1;
  return THOLOS_ERROR_EVALUATION;
}

tholos_status not_finite(void* user_data, const tholos_value* args, size_t count,
                         tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = std::nan("");
  return THOLOS_OK;
}

// Declared boolean, returns a number: a value of the wrong kind.
tholos_status wrong_kind(void* user_data, const tholos_value* args, size_t count,
                         tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = 1;
  return THOLOS_OK;
}

struct HostFunctions {
  Calls calls;
  const tholos_parameter_kind ratings[1] = {THOLOS_PARAMETER_RATINGS};
  const tholos_parameter_kind numbers[2] = {THOLOS_PARAMETER_NUMBER, THOLOS_PARAMETER_NUMBER};
  std::vector<tholos_host_function> functions;

  HostFunctions() {
    functions.push_back({"top_box", "share of ratings at the top of the scale", ratings, 1,
                         THOLOS_RESULT_PERCENTAGE, 1, top_box, &calls});
    functions.push_back({"scaled", nullptr, numbers, 2, THOLOS_RESULT_NUMBER, 0, scaled, nullptr});
    functions.push_back(
        {"fails", "always fails", ratings, 1, THOLOS_RESULT_NUMBER, 0, failing, nullptr});
    functions.push_back(
        {"nan", "not a number", nullptr, 0, THOLOS_RESULT_NUMBER, 0, not_finite, nullptr});
    functions.push_back(
        {"wrong_kind", nullptr, nullptr, 0, THOLOS_RESULT_BOOLEAN, 0, wrong_kind, nullptr});
  }
};

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
