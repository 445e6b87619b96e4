// The JSON report: the versioned schema of docs/report-schema.md, its key
// order, and how each kind of value is encoded.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/report/sample_report.hpp"
#include "tholos/tholos.hpp"

namespace tholos {
namespace {

using namespace sample;
using Json = nlohmann::ordered_json;

Json parsed(const Report& report) {
  return Json::parse(render(report, Format::json));
}

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> out;
  for (const auto& item : object.items())
    out.push_back(item.key());
  return out;
}

TEST(JsonReport, ParsesAndIsIdenticalAcrossRenders) {
  const std::string first = render(sample_report(), Format::json);
  EXPECT_TRUE(Json::accept(first));
  EXPECT_EQ(first, render(sample_report(), Format::json));
  EXPECT_EQ(first.back(), '\n');
}

TEST(JsonReport, TopLevelKeysInTheDocumentedOrder) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(keys(j),
            (std::vector<std::string>{"schema", "schema_version", "study", "params", "measures",
                                      "labels", "groups", "data", "panel_requirements", "rounds",
                                      "final", "diagnostics"}));
  EXPECT_EQ(j["schema"], "tholos-report");
  EXPECT_EQ(j["schema_version"], kReportSchemaVersion);
  EXPECT_EQ(j["study"]["title"], "Peer support outside the clinical setting");
  EXPECT_EQ(j["study"]["rule_file"], "protocol.tholos");
  EXPECT_EQ(j["study"]["data"], "examples/peer-support");
}

TEST(JsonReport, StatementKeysInTheDocumentedOrder) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(
      keys(j["rounds"][0]),
      (std::vector<std::string>{"round", "invited", "respondents", "response_rate",
                                "statements_rated", "status_counts", "undetermined", "measures",
                                "missing", "requirements", "stop", "rerated", "statements"}));
  EXPECT_EQ(
      keys(j["rounds"][0]["statements"][0]),
      (std::vector<std::string>{"item", "text", "status", "determined", "reason", "deciding_case",
                                "measures", "by_group", "missing", "rerate", "cases"}));
}

TEST(JsonReport, StatusCountsFollowTheLabelsDeclarationOrder) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(keys(j["rounds"][0]["status_counts"]),
            (std::vector<std::string>{"consensus", "open", "excluded"}));
  EXPECT_EQ(j["rounds"][0]["status_counts"]["open"], 1);
  EXPECT_EQ(j["rounds"][0]["undetermined"], 1);
}

TEST(JsonReport, NumbersKeepFullPrecisionAndWholeNumbersHaveNoFraction) {
  const std::string text = render(sample_report(), Format::json);
  const Json j = Json::parse(text);
  const Json& s02 = j["rounds"][0]["statements"][1]["measures"];
  EXPECT_EQ(s02["agreement"].get<double>(), 0.1 + 0.2);  // exactly the same double
  EXPECT_NE(text.find("\"agreement\": 0.30000000000000004"), std::string::npos);
  EXPECT_NE(text.find("\"ratings\": 12"), std::string::npos);
  EXPECT_EQ(text.find("12.0"), std::string::npos);
  // Percentages are fractions.
  EXPECT_EQ(j["rounds"][0]["statements"][0]["measures"]["agreement"].get<double>(), 0.75);
  EXPECT_EQ(j["rounds"][1]["statements"][0]["measures"]["agreement"].get<double>(), 0.7);
}

TEST(JsonReport, MissingIsNullAndUndeterminedStatusIsNull) {
  const Json j = parsed(sample_report());
  const Json& s03 = j["rounds"][0]["statements"][2];
  EXPECT_TRUE(s03["status"].is_null());
  EXPECT_EQ(s03["determined"], false);
  EXPECT_EQ(s03["reason"], "agreement has no ratings to work on");
  EXPECT_TRUE(s03["measures"]["agreement"].is_null());
  EXPECT_TRUE(s03["measures"]["domain"].is_null());
  EXPECT_EQ(s03["measures"]["ratings"], 0);
  EXPECT_TRUE(s03["rerate"].is_null());
  EXPECT_TRUE(s03["deciding_case"].is_null());
  EXPECT_FALSE(s03.contains("text"));  // omitted when empty
}

TEST(JsonReport, RangesAndVectorsAreArraysBooleansAndTextAreThemselves) {
  Report r = sample_report();
  r.rounds[0].measures.push_back({"ratings_seen", vector({4, 5, 5})});
  r.rounds[0].measures.push_back({"band", range(7, 9)});
  r.rounds[0].measures.push_back({"stable", boolean(true)});
  r.rounds[0].measures.push_back({"top", label("consensus")});
  const Json j = parsed(r);
  const Json& measures = j["rounds"][0]["measures"];
  EXPECT_EQ(measures["ratings_seen"], Json::array({4, 5, 5}));
  EXPECT_EQ(measures["band"], Json::array({7, 9}));
  EXPECT_EQ(measures["stable"], true);
  EXPECT_EQ(measures["top"], "consensus");
  EXPECT_EQ(j["params"][2]["value"], Json::array({4, 5}));
  EXPECT_EQ(j["params"][2]["type"], "range");
  EXPECT_EQ(j["rounds"][0]["statements"][1]["measures"]["domain"], "say \"hi\", ok");
}

TEST(JsonReport, ParamsSayWhetherTheyWereOverridden) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(j["params"][0]["name"], "threshold");
  EXPECT_EQ(j["params"][0]["type"], "percentage");
  EXPECT_EQ(j["params"][0]["value"].get<double>(), 0.75);
  EXPECT_EQ(j["params"][0]["overridden"], true);
  EXPECT_EQ(j["params"][1]["overridden"], false);
}

TEST(JsonReport, ConditionTracesCarryAtomsAndOperands) {
  const Json j = parsed(sample_report());
  const Json& s01 = j["rounds"][0]["statements"][0];
  EXPECT_EQ(s01["deciding_case"], 0);
  const Json& c = s01["cases"][0];
  EXPECT_EQ(c["label"], "consensus");
  EXPECT_EQ(c["result"], true);
  EXPECT_EQ(c["atoms"][0]["text"], "agreement >= threshold");
  EXPECT_EQ(c["atoms"][0]["value"], true);
  EXPECT_EQ(c["atoms"][0]["operands"]["threshold"].get<double>(), 0.75);
  EXPECT_EQ(s01["by_group"]["agreement"]["patient"].get<double>(), 0.5);
  EXPECT_EQ(s01["by_group"]["agreement"]["professional"], 1);
}

TEST(JsonReport, RequirementsHaveAnOutcomeAndTheirFailures) {
  const Json j = parsed(sample_report());
  const Json& r = j["rounds"][0]["requirements"][0];
  EXPECT_EQ(r["severity"], "warning");
  EXPECT_EQ(r["outcome"], "fail");
  EXPECT_EQ(r["failed"], 1);
  EXPECT_EQ(r["failures"][0]["item"], "S02");
  EXPECT_EQ(r["failures"][0]["group"], "patient");
  EXPECT_EQ(r["failures"][0]["result"], false);
  EXPECT_EQ(r["failures"][0]["operands"]["respondents"], 3);
  const Json& panel = j["panel_requirements"][0];
  EXPECT_EQ(panel["outcome"], "pass");
  EXPECT_EQ(panel["failures"], Json::array());
}

TEST(JsonReport, AnEmptyPlaceIsNullAndAnUndecidedPlaceHasANullResult) {
  Report r = sample_report();
  r.rounds[0].requirements[0].failures = {
      {"", "", missing(), {}, "iqr(rating) has no ratings to work on"}};
  r.rounds[0].requirements[0].failed = 0;
  r.rounds[0].requirements[0].undetermined = 1;
  const Json j = parsed(r);
  const Json& req = j["rounds"][0]["requirements"][0];
  EXPECT_EQ(req["outcome"], "undetermined");
  EXPECT_TRUE(req["failures"][0]["item"].is_null());
  EXPECT_TRUE(req["failures"][0]["group"].is_null());
  EXPECT_TRUE(req["failures"][0]["result"].is_null());
  EXPECT_EQ(req["failures"][0]["reason"], "iqr(rating) has no ratings to work on");
  // A place that failed outright has no reason beyond its operands.
  EXPECT_TRUE(
      parsed(sample_report())["rounds"][0]["requirements"][0]["failures"][0]["reason"].is_null());
}

TEST(JsonReport, StopDecisionNamesTheRuleOrNull) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(j["rounds"][0]["stop"]["stop"], false);
  EXPECT_TRUE(j["rounds"][0]["stop"]["rule"].is_null());
  EXPECT_EQ(j["rounds"][1]["stop"]["stop"], true);
  EXPECT_EQ(j["rounds"][1]["stop"]["rule"], 0);
  EXPECT_EQ(j["rounds"][1]["stop"]["rules"][0]["label"], "at most two rounds");
  Report undecided = sample_report();
  undecided.rounds[0].stop.determined = false;
  EXPECT_TRUE(parsed(undecided)["rounds"][0]["stop"]["stop"].is_null());
}

TEST(JsonReport, DataFilesFinalStatusesAndDiagnostics) {
  const Json j = parsed(sample_report());
  EXPECT_EQ(j["data"][0]["file"], "ratings.csv");
  EXPECT_EQ(j["data"][0]["rows"], 40);
  EXPECT_EQ(keys(j["data"][0]["uses"]), (std::vector<std::string>{"rating", "code DK", "blank"}));
  EXPECT_EQ(j["final"][1]["status"], "consensus");
  EXPECT_EQ(j["final"][1]["round"], 2);
  EXPECT_TRUE(j["final"][2]["status"].is_null());
  EXPECT_EQ(j["diagnostics"][0]["severity"], "warning");
  EXPECT_EQ(j["diagnostics"][0]["line"], 14);
  Report unplaced = sample_report();
  unplaced.diagnostics[0].line = 0;
  unplaced.diagnostics[0].file.clear();
  const Json u = parsed(unplaced);
  EXPECT_TRUE(u["diagnostics"][0]["line"].is_null());
  EXPECT_TRUE(u["diagnostics"][0]["file"].is_null());
}

TEST(JsonReport, InvalidUtf8InDataIsReplacedNotThrown) {
  Report r = sample_report();
  r.rounds[0].statements[0].text = "bad \xff byte";
  std::string text;
  ASSERT_NO_THROW(text = render(r, Format::json));
  EXPECT_NE(text.find("bad \xEF\xBF\xBD byte"), std::string::npos);
  EXPECT_TRUE(Json::accept(text));
}

TEST(JsonReport, ExpressionValuesAsOneObjectFromStatementToValue) {
  ExpressionResult result;
  result.values = {{"S1", number(0.1 + 0.2)}, {"S2", missing()}, {"S3", whole(4)}};
  EXPECT_EQ(render(result, Format::json),
            "{\n  \"S1\": 0.30000000000000004,\n  \"S2\": null,\n  \"S3\": 4\n}\n");
  ExpressionResult round_level;
  round_level.values = {{"", share(1, 3)}};
  EXPECT_EQ(Json::parse(render(round_level, Format::json))["round"].get<double>(), 1.0 / 3);
}

}  // namespace
}  // namespace tholos
