// `tholos repl` driven by a script on its standard input: the exact output,
// with no prompt, banner or escape code.
//
// Every value below was checked independently of Tholos, from the CSV files
// of examples/peer-support (by hand, in Python) or against its expected.csv
// (computed in R by tests/reference/examples.R):
//   S01, round 1: 34 valid ratings, 30 in 4..5 (88.2%), 16 of them 5 (8/17, 47.1%);
//     Tastle & Wierman 1 + sum p log2(1 - |x - mean| / 4) = 0.75525
//   round 1: 24 statements with agreement >= 70% and IQR <= 1; 19 at 80%
//   S03, round 1: 25 of 33 in 4..5 (75.8%), IQR (type 7) 1, median 4
//   S14, round 2, the 12 patients: 2 3 3 3 3 3 4 4 4 4 4 5, IQR (type 7) 1
//   round 3: the 14 statements and their agreement, from expected.csv
//   examples/comet-cos: 125 panelists (panel.csv), 40 statements, 2 rounds
#include <gtest/gtest.h>

#include "repl_driver.hpp"

namespace {

using tholos::test::run_piped;

constexpr const char* kPeerSupport =
    "examples/peer-support/protocol.tholos --data examples/peer-support";

// Runs a script; checks what every scripted run must satisfy.
std::string script(const std::string& args, const std::string& input) {
  // TERM names a colour terminal: colour must still be off without one.
  const tholos::test::PipeRun run = run_piped(args, input, {{"TERM", "xterm-256color"}});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err, "");
  EXPECT_FALSE(tholos::test::has_style_codes(run.out)) << run.out;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(run.out.find("tholos>"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("tholos ["), std::string::npos) << run.out;
  return run.out;
}

TEST(ReplPipe, ExpressionsWithAndWithoutAStatement) {
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   ":item S01\n"
                   "share(rating in agree)\n"
                   "count(rating)\n"
                   "tastle_wierman(rating)\n"
                   ":item\n"
                   "count(statements where status = consensus)\n"
                   "1 + 2\n"),
            "88.2% : percentage\n"
            "34 : number\n"
            "0.7553 : number\n"
            "24 : number\n"
            "3 : number\n");
}

TEST(ReplPipe, EveryStatementOfTheRoundAsATable) {
  EXPECT_EQ(script(kPeerSupport, "agreement\n"),
            "S02  14.3%\n"
            "S04  14.8%\n"
            "S07  86.2%\n"
            "S21    84%\n"
            "S24  22.2%\n"
            "S25  14.8%\n"
            "S26  81.5%\n"
            "S28  84.6%\n"
            "S30  11.5%\n"
            "S32  70.4%\n"
            "S36  11.5%\n"
            "S38  76.9%\n"
            "S39  78.6%\n"
            "S42  15.4%\n"
            "14 statements in round 3 : percentage\n");
}

TEST(ReplPipe, ADeclarationThenAnExpressionUsingIt) {
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   ":item S01\n"
                   "measure strict = share(rating = 5)\n"
                   "strict\n"
                   "strict < agreement\n"),
            "47.1% : percentage\n"
            "true : boolean\n");
}

TEST(ReplPipe, AnIncompleteInputContinuesOnTheNextLine) {
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   ":item S01\n"
                   "share(rating in agree\n"
                   "      and rating >= 5)\n"
                   "count(rating) -\n"
                   "  4\n"
                   "agreement >= 70% and\n"
                   "  spread <= 1\n"),
            "47.1% : percentage\n"
            "30 : number\n"
            "true : boolean\n");
}

TEST(ReplPipe, ErrorsShowTheInputAsTypedWithACaret) {
  EXPECT_EQ(script(kPeerSupport,
                   "medain(rating)\n"
                   "measure m = cuont(rating)\n"
                   "share(rating in agree\n"
                   "  where grop = \"patient\")\n"
                   "m\n"),
            "<expression>:1:1: error: unknown function 'medain'; did you mean 'median'?\n"
            " 1 | medain(rating)\n"
            "   | ^~~~~~\n"
            "<input>:1:13: error: unknown function 'cuont'; did you mean 'count'?\n"
            " 1 | measure m = cuont(rating)\n"
            "   |             ^~~~~\n"
            "<expression>:2:9: error: unknown name 'grop'; did you mean 'group'?\n"
            " 2 |   where grop = \"patient\")\n"
            "   |         ^~~~\n"
            "<expression>:1:1: error: unknown name 'm'\n"
            " 1 | m\n"
            "   | ^\n");
}

TEST(ReplPipe, ExplainAndSetChangeAVerdict) {
  const std::string text =
      "  \"Peer support complements clinical care rather than replacing it.\"\n";
  const std::string measures =
      "  measures: agreement = 75.8%, spread = 1, median_rating = 4, ratings = 33\n";
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   ":explain S03\n"
                   ":set threshold=80%\n"
                   ":explain S03\n"
                   "count(statements where status = consensus)\n"
                   ":set threshold\n"
                   "count(statements where status = consensus)\n"),
            "S03, round 1: consensus\n" + text +
                "  case 1: consensus when agreement >= threshold and spread <= max_iqr -> true, "
                "decides\n"
                "      agreement >= threshold  true     agreement = 75.8%, threshold = 70%\n"
                "      spread <= max_iqr       true     spread = 1, max_iqr = 1\n" +
                measures +
                "  rated again in the next round: no\n"
                "S03, round 1: no_consensus\n" +
                text +
                "  case 1: consensus when agreement >= threshold and spread <= max_iqr -> "
                "false\n"
                "      agreement >= threshold  false    agreement = 75.8%, threshold = 80%\n"
                "      spread <= max_iqr       true     spread = 1, max_iqr = 1\n"
                "  case 2: otherwise no_consensus -> decides\n" +
                measures +
                "  rated again in the next round: yes\n"
                "19 : number\n"
                "24 : number\n");
}

TEST(ReplPipe, WhichStatementsPassAtEightyPercentInsteadOfSeventy) {
  // expected.csv, round 1: consensus (agreement >= 70%, spread <= 1) for 24
  // statements; S03, S15, S33, S37 and S40 have an agreement in [70%, 80%).
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   "statements where status = consensus\n"
                   ":set threshold=80%\n"
                   "statements where status = consensus\n"
                   "statements where agreement >= 70% and agreement < 80% and spread <= max_iqr\n"),
            "S01, S03, S05, S06, S08, S09, S10, S11, S12, S13, S15, S16, S17, S18, S19,\n"
            "S20, S22, S23, S27, S33, S37, S40, S44, S46\n"
            "24 statements in round 1 : statements\n"
            "S01, S05, S06, S08, S09, S10, S11, S12, S13, S16, S17, S18, S19, S20, S22,\n"
            "S23, S27, S44, S46\n"
            "19 statements in round 1 : statements\n"
            "S03, S15, S33, S37, S40\n"
            "5 statements in round 1 : statements\n");
}

TEST(ReplPipe, ExplainSaysWhyAStatusIsUndetermined) {
  // A classification typed over several lines; in round 1 there is no
  // previous round, so no status can be decided.
  const std::string out = script(kPeerSupport,
                                 ":round 1\n"
                                 "classify statement\n"
                                 "  consensus when previous(agreement) >= threshold\n"
                                 "  otherwise no_consensus\n"
                                 ":explain S01\n");
  EXPECT_NE(out.find("S01, round 1: undetermined\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  case 1: consensus when previous(agreement) >= threshold -> missing: the "
                     "status is undetermined\n"
                     "      previous(agreement) >= threshold  missing  previous(agreement) = "
                     "missing, threshold = 70%\n"
                     "  undetermined: whether 'consensus' holds cannot be decided, because "
                     "previous(agreement) refers to the round before, and there is none\n"),
            std::string::npos)
      << out;
}

TEST(ReplPipe, ContextCommandsValidateAndSuggest) {
  EXPECT_EQ(script(kPeerSupport,
                   ":round 2\n"
                   ":item S14\n"
                   ":group patient\n"
                   "iqr(rating)\n"
                   "count(rating)\n"
                   ":group\n"
                   "count(rating)\n"
                   ":item s14\n"
                   ":round 9\n"
                   ":round two\n"
                   ":group patients\n"
                   ":item S01\n"
                   "agreement\n"),
            "1 : number\n"
            "12 : number\n"
            "31 : number\n"
            "error: there is no statement 's14'; did you mean 'S14'?\n"
            "error: there is no round 9: the data has rounds 1 to 3\n"
            "error: write :round N with a round number, as in :round 2\n"
            "error: there is no group 'patients' (groups: peer_supporter, patient, "
            "professional); did you mean 'patient'?\n"
            "examples/peer-support: error: the statement 'S01' is not rated in round 2\n");
}

TEST(ReplPipe, TypeHelpLoadDataReloadAndQuit) {
  const std::string out = script(kPeerSupport,
                                 ":type agreement >= threshold\n"
                                 ":type count(statements where status = consensus)\n"
                                 ":help median\n"
                                 "measure strict = share(rating = 5)\n"
                                 ":load examples/comet-cos/protocol.tholos\n"
                                 ":data examples/comet-cos\n"
                                 ":reload\n"
                                 ":frob\n"
                                 ":quit\n"
                                 "1 + 1\n");
  EXPECT_EQ(out,
            "agreement >= threshold : boolean\n"
            "count(statements where status = consensus) : number\n"
            "median: the middle rating, or the midpoint of the middle two (whatever the quantile "
            "type)\n"
            "  median(ratings)\n"
            "rules: examples/comet-cos/protocol.tholos (Core outcome set: two-round Delphi)\n"
            "dropped 1 typed declaration(s)\n"
            "examples/comet-cos: 125 panelists, 40 statements, 2 round(s)\n"
            "examples/comet-cos: 125 panelists, 40 statements, 2 round(s)\n"
            "error: there is no command ':frob' (:help lists them)\n");
}

TEST(ReplPipe, HelpListsTheCommandsAndTheFunctions) {
  const std::string out = script(kPeerSupport, ":help\n");
  for (const char* line : {"  :explain [ID]    ", "  :set NAME=VALUE  ", "  :quit            "}) {
    EXPECT_NE(out.find(line), std::string::npos) << line << "\n" << out;
  }
  EXPECT_NE(out.find("  tastle_wierman "), std::string::npos) << out;
  EXPECT_NE(out.find("  kendall_w "), std::string::npos) << out;
}

TEST(ReplPipe, AValueAboutTheRoundIsOneValueAndAboutAStatementATable) {
  // panel.csv: 38 panelists, all invited; every statement is rated in round 1.
  const std::string out = script(kPeerSupport,
                                 ":round 1\n"
                                 "invited\n"
                                 "count(statements)\n"
                                 "respondents\n");
  EXPECT_EQ(out.substr(0, out.find("S01")), "38 : number\n46 : number\n") << out;
  EXPECT_NE(out.find("\n46 statements in round 1 : number\n"), std::string::npos) << out;
}

TEST(ReplPipe, ASetListsTheStatementsWhoseConditionHasNoValue) {
  // Round 1 has no round before it: previous(agreement) has no value.
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   "statements where previous(agreement) >= 70%\n"),
            "0 statements in round 1; undetermined:\n"
            "S01, S02, S03, S04, S05, S06, S07, S08, S09, S10, S11, S12, S13, S14, S15,\n"
            "S16, S17, S18, S19, S20, S21, S22, S23, S24, S25, S26, S27, S28, S29, S30,\n"
            "S31, S32, S33, S34, S35, S36, S37, S38, S39, S40, S41, S42, S43, S44, S45, S46\n");
}

TEST(ReplPipe, AWarningAboutAnExpressionPointsIntoIt) {
  EXPECT_EQ(script(kPeerSupport,
                   ":round 1\n"
                   ":item S01\n"
                   "count(rating where group = \"patients\")\n"),
            "<expression>:1:28: warning: no panelist has 'patients' in the column 'group' "
            "(values: peer_supporter, patient, professional); did you mean 'patient'?\n"
            " 1 | count(rating where group = \"patients\")\n"
            "   |                            ^~~~~~~~~~\n"
            "0 : number\n");
}

TEST(ReplPipe, SetChecksAValueAsEvalSetDoes) {
  const std::string file = "examples/peer-support/protocol.tholos: ";
  EXPECT_EQ(script(kPeerSupport,
                   ":set treshold=80%\n"
                   ":set threshold=80\n"
                   ":set threshold=1/0\n"
                   ":set threshold=0.8\n"
                   ":set\n"
                   ":load examples/comet-cos/protocol.tholos\n"
                   ":set\n"),
            file + "error: there is no param 'treshold' to set; did you mean 'threshold'?\n" +
                file + "error: threshold is a percentage: write 80%\n" + file +
                "error: the value '1/0' for threshold must be a fixed value, as in 80%\n"
                "max_iqr    1\n"
                "threshold  80%  (set; the rules say 70%)\n"
                "rules: examples/comet-cos/protocol.tholos (Core outcome set: two-round Delphi)\n"
                "dropped :set threshold=0.8: there is no param 'threshold' to set; the params are: "
                "consensus_level, dissent_level\n"
                "consensus_level  70%\n"
                "dissent_level    15%\n");
}

TEST(ReplPipe, HelpSaysWhatANameIs) {
  EXPECT_EQ(script(kPeerSupport,
                   ":help threshold\n"
                   ":help agree\n"
                   ":help rating\n"
                   ":help thresold\n"),
            "threshold (param, percentage): agreement needed for consensus (the preset's is "
            "75%)\n"
            "agree (band, range): 4..5 on the scale agreement\n"
            "rating (built-in, ratings): the statement's valid ratings, one per respondent\n"
            "error: there is no function, name or command 'thresold'; did you mean "
            "'threshold'?\n");
}

TEST(ReplPipe, WithoutDataWhatNeedsNoneStillWorks) {
  EXPECT_EQ(script("examples/peer-support/protocol.tholos",
                   "threshold\n"
                   "17/24 >= threshold\n"
                   "if 1 > 2 then 3 else 4\n"
                   "4 in agree\n"
                   "agreement\n"
                   ":item S01\n"
                   ":data examples/peer-support\n"
                   ":item S01\n"
                   ":round 1\n"
                   "agreement\n"),
            "70% : percentage\n"
            "true : boolean\n"
            "4 : number\n"
            "true : boolean\n"
            "percentage; its value needs the study's data (:data DIR)\n"
            "error: no data to choose a statement from: :data DIR\n"
            "examples/peer-support: 38 panelists, 46 statements, 3 round(s)\n"
            "88.2% : percentage\n");
}

TEST(ReplPipe, WithoutRulesDeclarationsBuildASession) {
  EXPECT_EQ(script("",
                   "1 + 2\n"
                   "measure m = median(rating)\n"
                   "scale points 1..5\n"
                   "  band high = 4..5\n"
                   "3 in high\n"
                   "median(rating)\n"),
            "3 : number\n"
            "<input>:1:1: error: no scale is declared: add one, as in `scale agreement 1..5`\n"
            " 1 | measure m = median(rating)\n"
            "   | ^\n"
            "false : boolean\n"
            "number; its value needs the study's data (:data DIR)\n");
}

TEST(ReplPipe, NeverCrashesOnOddInput) {
  // A param naming another param (the library refuses it), stray symbols,
  // control bytes, an open string and parenthesis at the end of the input.
  const tholos::test::PipeRun run = run_piped(kPeerSupport,
                                              "param x = threshold\n)\n:\n\x01\xff\n:item\n"
                                              ":set\n:explain\n((( 1 +\n\"abc");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("cannot use another param ('threshold')"), std::string::npos) << run.out;
}

}  // namespace
