// The public C++ API as a host uses it: only include/tholos/tholos.hpp.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

const std::string kBasic = std::string(THOLOS_SOURCE_DIR) + "/tests/lang/data/basic";

const char* kRules = R"(
study "API test"
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
)";

Program compiled(const std::string& rules = kRules, CompileOptions options = {}) {
  Result<Program> program = compile(rules, options);
  EXPECT_TRUE(program.ok()) << (program.diagnostics.empty() ? "" : program.diagnostics[0].rendered);
  return *program.value;
}

// The basic study's CSV files, read by hand and added record by record.
Result<Study> build_basic_in_memory() {
  auto rows = [](const std::string& file) {
    std::ifstream in(kBasic + "/" + file);
    std::vector<std::vector<std::string>> out;
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::vector<std::string> fields;
      std::stringstream split(line);
      std::string field;
      while (std::getline(split, field, ','))
        fields.push_back(field);
      if (!line.empty() && line.back() == ',') fields.emplace_back();
      out.push_back(fields);
    }
    return out;
  };
  StudyBuilder builder;
  builder.panel_columns({"group", "hospital"});
  for (const auto& r : rows("panel.csv"))
    builder.add_panelist(r[0], {r[1], r[2]});
  builder.item_columns({"domain", "text"});
  builder.add_item("S1", {"value", "First statement, with a comma"});
  builder.add_item("S2", {"value", "Second statement"});
  builder.add_item("S3", {"role", "Third statement"});
  builder.add_item("S4", {"role", "Fourth statement"});
  for (const auto& r : rows("invitations.csv"))
    builder.add_invitation(std::stoi(r[0]), r[1]);
  for (const auto& r : rows("ratings.csv")) {
    const std::string value = r.size() > 3 ? r[3] : "";
    if (value.empty()) {
      builder.add_blank(std::stoi(r[0]), r[1], r[2]);
    } else if (value == "DK") {
      builder.add_code(std::stoi(r[0]), r[1], r[2], value);
    } else {
      builder.add_rating(std::stoi(r[0]), r[1], r[2], std::stod(value));
    }
  }
  return builder.build();
}

TEST(Api, AStudyBuiltInMemoryGivesTheSameReportAsItsCsvFiles) {
  const Program program = compiled();
  Result<Study> from_files = load_study(kBasic);
  Result<Study> in_memory = build_basic_in_memory();
  ASSERT_TRUE(from_files.ok());
  ASSERT_TRUE(in_memory.ok()) << in_memory.diagnostics[0].rendered;
  Report a = *evaluate(program, *from_files.value).value;
  Report b = *evaluate(program, *in_memory.value).value;
  a.data = b.data = "";
  // Where the rows came from differs, by design; how they were used does not.
  ASSERT_EQ(a.files.size(), 4u);
  ASSERT_EQ(b.files.size(), 4u);
  for (std::size_t f = 0; f < 4; ++f) {
    EXPECT_EQ(a.files[f].rows, b.files[f].rows) << a.files[f].file;
    EXPECT_EQ(a.files[f].uses, b.files[f].uses) << a.files[f].file << " / " << b.files[f].file;
  }
  a.files = b.files = {};
  EXPECT_EQ(render(a, Format::json), render(b, Format::json));
  EXPECT_EQ(in_memory.value->rounds(), 2);
  EXPECT_EQ(in_memory.value->items().size(), 4u);
}

TEST(Api, StudyBuilderErrorsNameTheRecord) {
  StudyBuilder builder;
  builder.panel_columns({"group"});
  builder.add_panelist("P1", {"a"});
  builder.add_item("S1");
  builder.add_rating(1, "P1", "S1", 4);
  builder.add_rating(1, "P9", "S1", 5);
  builder.add_rating(1, "P1", "S1", 3);  // a second answer by P1
  Result<Study> study = builder.build();
  ASSERT_FALSE(study.ok());
  std::string all;
  for (const auto& d : study.diagnostics)
    all += d.rendered + "\n";
  EXPECT_NE(all.find("answers:2:1: error: unknown panelist 'P9'"), std::string::npos) << all;
  EXPECT_NE(all.find("answers:3:1: error: duplicate answer"), std::string::npos) << all;
}

TEST(Api, HostFunctionsAreCheckedAndCalled) {
  HostFunction top_box;
  top_box.name = "top_box";
  top_box.summary = "share of ratings at the top of the scale";
  top_box.parameters = {HostFunction::Parameter::ratings};
  top_box.result = HostFunction::Result::percentage;
  top_box.min_ratings = 1;
  top_box.call = [](const std::vector<Value>& args) {
    const auto& ratings = args.at(0).elements;
    std::int64_t top = 0;
    for (const Value& r : ratings)
      top += r.number == 5 ? 1 : 0;
    Value v;
    v.kind = ValueKind::percentage;
    v.numerator = top;
    v.denominator = static_cast<std::int64_t>(ratings.size());
    v.number = static_cast<double>(top) / static_cast<double>(ratings.size());
    return v;
  };
  CompileOptions options;
  options.functions = {top_box};
  const Program program =
      compiled(std::string(kRules) + "measure top = top_box(rating)\n", options);
  const Study study = *load_study(kBasic).value;
  ExpressionOptions eo;
  eo.item = "S1";
  eo.round = 1;
  // S1 round 1: two of twelve ratings are 5.
  Result<ExpressionResult> r = evaluate_expression(program, study, "top", eo);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value->values[0].value.numerator, 1);
  EXPECT_EQ(r.value->values[0].value.denominator, 6);
  EXPECT_EQ(r.value->type, "percentage");
  // The checker knows its signature.
  Result<Program> wrong = compile(std::string(kRules) + "measure t = top_box(1)\n", options);
  ASSERT_FALSE(wrong.ok());
  EXPECT_NE(wrong.diagnostics[0].message.find("top_box takes top_box(ratings)"), std::string::npos)
      << wrong.diagnostics[0].message;
  // S3 has no ratings: below min_ratings the value is missing.
  eo.item = "S3";
  EXPECT_TRUE(evaluate_expression(program, study, "top", eo).value->values[0].value.is_missing());
  // It is listed for completion and help.
  bool listed = false;
  for (const auto& f : program.functions())
    listed |= f.name == "top_box";
  EXPECT_TRUE(listed);
}

TEST(Api, AHostFunctionThatThrowsGivesMissingNotACrash) {
  HostFunction bad;
  bad.name = "explode";
  bad.parameters = {HostFunction::Parameter::number};
  bad.call = [](const std::vector<Value>&) -> Value { throw std::runtime_error("boom"); };
  CompileOptions options;
  options.functions = {bad};
  const Program program = compiled(std::string(kRules) + "measure e = explode(1)\n", options);
  Result<Report> report = evaluate(program, *load_study(kBasic).value);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report.value->rounds[0].statements[0].measures[1].is_missing());
}

TEST(Api, MalformedHostFunctionsAreErrors) {
  HostFunction clash;
  clash.name = "median";
  clash.call = [](const std::vector<Value>&) { return Value{}; };
  HostFunction nameless;
  nameless.name = "2x";
  nameless.call = clash.call;
  HostFunction nothing;
  nothing.name = "nothing";
  // A reserved word could never be called: `and(x)` does not parse.
  HostFunction keyword;
  keyword.name = "and";
  keyword.call = clash.call;
  HostFunction declaration = keyword;
  declaration.name = "measure";
  HostFunction not_reserved = keyword;  // a word that only starts like one
  not_reserved.name = "android";
  CompileOptions options;
  options.functions = {clash, nameless, nothing, keyword, declaration, not_reserved};
  Result<Program> program = compile(kRules, options);
  ASSERT_FALSE(program.ok());
  ASSERT_EQ(program.diagnostics.size(), 5u);
  EXPECT_NE(program.diagnostics[0].message.find("name of a built-in function"), std::string::npos);
  EXPECT_NE(program.diagnostics[1].message.find("not a name"), std::string::npos);
  EXPECT_NE(program.diagnostics[2].message.find("nothing to call"), std::string::npos);
  EXPECT_EQ(program.diagnostics[3].message,
            "the host function name 'and' is a reserved word of the rule language; choose "
            "another name");
  EXPECT_NE(program.diagnostics[4].message.find("'measure' is a reserved word"), std::string::npos);
}

TEST(Api, LimitsAreEnforcedWithAClearMessage) {
  CompileOptions small;
  small.limits.max_source_bytes = 100;
  Result<Program> big = compile(kRules, small);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.diagnostics[0].message.find("the limit is 100 bytes"), std::string::npos);

  CompileOptions shallow;
  shallow.limits.max_nesting_depth = 3;
  EXPECT_TRUE(compile("scale s 1..5\nmeasure m = ((1))\n", shallow).ok());
  Result<Program> deep = compile("scale s 1..5\nmeasure m = ((((1))))\n", shallow);
  ASSERT_FALSE(deep.ok());
  EXPECT_NE(deep.diagnostics[0].message.find("more than 3 levels"), std::string::npos);

  Limits few;
  few.max_answers = 10;
  Result<Study> study = load_study(kBasic, few);
  ASSERT_FALSE(study.ok());
  EXPECT_NE(study.diagnostics[0].message.find("more than 10 answers"), std::string::npos)
      << study.diagnostics[0].message;
  StudyBuilder builder;
  builder.set_limits(few);
  builder.add_panelist("P1");
  builder.add_item("S1");
  for (int round = 1; round <= 11; ++round)
    builder.add_rating(round, "P1", "S1", 3);
  EXPECT_FALSE(builder.build().ok());
}

TEST(Api, TypeOfAnExpressionWithoutData) {
  const Program program = compiled();
  EXPECT_EQ(*type_of(program, "share(rating in agree)").value, "percentage");
  EXPECT_EQ(*type_of(program, "median(rating) >= 4").value, "boolean");
  EXPECT_EQ(*type_of(program, "rating in agree").value, "per-respondent condition");
  EXPECT_EQ(*type_of(program, "count(statements where status = open)").value, "number");
  Result<std::string> bad = type_of(program, "medain(rating)");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.diagnostics[0].column, 1);
}

TEST(Api, ProgramAndStudyDescribeThemselves) {
  const Program program = compiled();
  ASSERT_EQ(program.params().size(), 1u);
  EXPECT_EQ(program.params()[0].name, "threshold");
  EXPECT_EQ(program.params()[0].type, "percentage");
  EXPECT_EQ(program.params()[0].value.number, 0.7);
  ASSERT_EQ(program.measures().size(), 1u);
  EXPECT_EQ(program.measures()[0].definition, "share(rating in agree)");
  EXPECT_EQ(program.labels(), (std::vector<std::string>{"consensus", "open"}));
  const auto names = program.names();
  EXPECT_NE(std::find(names.begin(), names.end(), "agreement"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "rating"), names.end());
  const Study study = *load_study(kBasic).value;
  EXPECT_EQ(study.panel_values("group"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(study.panel_values("no such column").empty());
  EXPECT_EQ(study.panelists().size(), 12u);
}

TEST(Api, ExpressionInAGroupContext) {
  const Program program = compiled();
  const Study study = *load_study(kBasic).value;
  ExpressionOptions eo;
  eo.item = "S1";
  eo.round = 1;
  eo.group = "c";
  // S1 round 1, group c: 4 3 2 1, one of four in 4..5.
  Result<ExpressionResult> r = evaluate_expression(program, study, "agreement", eo);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value->values[0].value.number, 0.25);
  EXPECT_EQ(evaluate_expression(program, study, "respondents", eo).value->values[0].value.number,
            4);
  eo.group = "x";
  Result<ExpressionResult> unknown = evaluate_expression(program, study, "agreement", eo);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.diagnostics[0].message.find("there is no group 'x'"), std::string::npos);
}

TEST(Api, ParamsCanBeSetPerEvaluation) {
  const Program program = compiled();
  const Study study = *load_study(kBasic).value;
  EvalOptions strict;
  strict.params["threshold"] = "80%";
  // S1 round 1 has 75%: consensus at 70%, open at 80%.
  EXPECT_EQ(evaluate(program, study).value->rounds[0].statements[0].verdict.status, "consensus");
  EXPECT_EQ(evaluate(program, study, strict).value->rounds[0].statements[0].verdict.status, "open");
  strict.params["threshold"] = "eighty";
  Result<Report> bad = evaluate(program, study, strict);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.diagnostics[0].message.find("threshold"), std::string::npos);
}

}  // namespace
}  // namespace tholos

namespace tholos {
namespace {

// A device or pipe that never ends is read no further than the source-size
// limit (this hung, reading /dev/zero until memory ran out; found while
// fuzzing the import path).
TEST(Api, EndlessFilesAreReadOnlyUpToTheSizeLimit) {
  CompileOptions options;
  options.limits.max_source_bytes = 4096;
  for (const char* device : {"/dev/zero", "/dev/urandom"}) {
    Result<Program> imported = compile(std::string("import \"") + device + "\"\n", options);
    ASSERT_FALSE(imported.ok()) << device;
    EXPECT_NE(imported.diagnostics.at(0).message.find("the limit is 4096 bytes"), std::string::npos)
        << imported.diagnostics.at(0).rendered;
    Result<Program> direct = compile_file(device, options);
    ASSERT_FALSE(direct.ok()) << device;
    EXPECT_NE(direct.diagnostics.at(0).message.find("the limit is 4096 bytes"), std::string::npos)
        << direct.diagnostics.at(0).rendered;
  }
}

}  // namespace
}  // namespace tholos

namespace tholos {
namespace {

// Rules with criteria over ratings without a criterion column: one error that
// says what to add (this read past the data's empty criterion list and
// crashed; found by capi_fuzz).
TEST(Api, CriteriaOverRatingsWithoutACriterionColumnIsOneClearError) {
  Result<Program> program =
      compile("scale agreement 1..5\n  not a rating: \"DK\"\ncriteria useful, acceptable\n");
  ASSERT_TRUE(program.ok());
  Result<Study> study = load_study(kBasic);
  ASSERT_TRUE(study.ok());
  Result<Report> report = evaluate(*program.value, *study.value);
  ASSERT_FALSE(report.ok());
  ASSERT_EQ(report.diagnostics.size(), 1u) << report.diagnostics[1].rendered;
  EXPECT_NE(report.diagnostics[0].message.find(
                "but the ratings have no criterion column: add a column 'criterion'"),
            std::string::npos)
      << report.diagnostics[0].rendered;
}

}  // namespace
}  // namespace tholos
