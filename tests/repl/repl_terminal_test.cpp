// `tholos repl` on a pseudo-terminal, as a person uses it: the prompt and
// its context, tab completion, history kept between sessions, colour.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "repl_driver.hpp"

namespace {

using tholos::test::Terminal;

const std::vector<std::string> kPeerSupport = {"examples/peer-support/protocol.tholos", "--data",
                                               "examples/peer-support"};
const std::vector<std::string> kComet = {"examples/comet-cos/protocol.tholos", "--data",
                                         "examples/comet-cos"};

// A home folder of the test's own, removed at its end.
struct Home {
  std::string path = tholos::test::unique_path("home");
  Home() { std::filesystem::create_directories(path); }
  ~Home() {
    std::error_code error;
    std::filesystem::remove_all(path, error);
  }
  Home(const Home&) = delete;
  Home& operator=(const Home&) = delete;
};

// A home of its own for each session, so that no history leaks in or out.
std::map<std::string, std::string> environment(const std::string& home,
                                               std::map<std::string, std::string> more = {}) {
  std::filesystem::create_directories(home);
  more.emplace("HOME", home);
  more.emplace("XDG_STATE_HOME", "");
  more.emplace("TERM", "xterm");
  more.emplace("NO_COLOR", "");
  return more;
}

std::map<std::string, std::string> without_no_color(std::map<std::string, std::string> env) {
  env.erase("NO_COLOR");
  return env;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Waits for the next prompt: keys typed before it may be lost when the
// line editor takes over the terminal again.
::testing::AssertionResult prompted(Terminal& terminal, const std::string& prompt = "> ") {
  if (terminal.expect(prompt)) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "no prompt '" << prompt << "' in:\n" << terminal.shown();
}

// Types a line and waits for `shown` to appear, then for the next prompt.
::testing::AssertionResult enter(Terminal& terminal, const std::string& line,
                                 const std::string& shown, const std::string& prompt = "> ") {
  terminal.send(line + "\r");
  if (!terminal.expect(shown)) {
    return ::testing::AssertionFailure() << "no '" << shown << "' in:\n" << terminal.shown();
  }
  return prompted(terminal, prompt);
}

// Ends the session with Ctrl-D and checks that it ends well.
void finish(Terminal& terminal) {
  terminal.send("\x04");
  EXPECT_EQ(terminal.wait(), 0) << terminal.shown();
}

TEST(ReplTerminal, ThePromptShowsTheContext) {
  const Home home;
  Terminal terminal(kPeerSupport, environment(home.path));
  ASSERT_TRUE(prompted(terminal, "tholos [r3]> "));
  ASSERT_TRUE(enter(terminal, ":round 2", "\n", "tholos [r2]> "));
  ASSERT_TRUE(enter(terminal, ":item S14", "\n", "tholos [S14 r2]> "));
  ASSERT_TRUE(enter(terminal, ":group patient", "\n", "tholos [S14 r2 patient]> "));
  EXPECT_TRUE(enter(terminal, "iqr(rating)", "1 : number"));
  // An incomplete input continues after a continuation prompt.
  terminal.send("(count(rating)\r");
  ASSERT_TRUE(prompted(terminal, "                  ...> "));
  EXPECT_TRUE(enter(terminal, "  + 1)", "13 : number", "tholos [S14 r2 patient]> "));
  ASSERT_TRUE(enter(terminal, ":group", "\n", "tholos [S14 r2]> "));
  ASSERT_TRUE(enter(terminal, ":item", "\n", "tholos [r2]> "));
  finish(terminal);
}

TEST(ReplTerminal, TabCompletesAFunctionNameAStatementAndAGroup) {
  const Home home;
  Terminal terminal(kComet, environment(home.path));
  ASSERT_TRUE(prompted(terminal, "tholos [r2]> "));
  // The statements are O01..O40: "O4" can only be O40.
  terminal.send(":item O4\t");
  ASSERT_TRUE(enter(terminal, "", "\n", "tholos [O40 r2]> "));
  terminal.send("tastle_w\t");
  ASSERT_TRUE(terminal.expect("ierman(")) << terminal.shown();
  EXPECT_TRUE(enter(terminal, "rating) >= 0", "true : boolean"));
  // The groups: patient, clinician, researcher.
  terminal.send(":group pat\t");
  ASSERT_TRUE(terminal.expect("ient")) << terminal.shown();
  EXPECT_TRUE(enter(terminal, "", "\n", "tholos [O40 r2 patient]> "));
  finish(terminal);
}

TEST(ReplTerminal, TabCompletesAParamAfterSetAndAMeasure) {
  const Home home;
  Terminal terminal(kPeerSupport, environment(home.path));
  ASSERT_TRUE(prompted(terminal, "tholos [r3]> "));
  ASSERT_TRUE(enter(terminal, ":item S02", "\n", "tholos [S02 r3]> "));
  terminal.send(":set thr\t");
  ASSERT_TRUE(terminal.expect("eshold=")) << terminal.shown();
  ASSERT_TRUE(enter(terminal, "10%", "\n", "tholos [S02 r3]> "));
  // S02 in round 3: 14.3% in agreement (expected.csv).
  terminal.send("agreem\t");
  ASSERT_TRUE(terminal.expect("ent")) << terminal.shown();
  EXPECT_TRUE(enter(terminal, " >= threshold", "true : boolean"));
  finish(terminal);
}

TEST(ReplTerminal, HistoryIsKeptBetweenSessions) {
  const Home folder;
  const std::string& home = folder.path;
  const std::string state = home + "/state";
  {
    Terminal terminal(kPeerSupport, environment(home, {{"XDG_STATE_HOME", state}}));
    ASSERT_TRUE(prompted(terminal));
    ASSERT_TRUE(enter(terminal, "40+2", "42 : number"));
    finish(terminal);
  }
  EXPECT_NE(read_file(state + "/tholos/history").find("40+2"), std::string::npos);
  {
    // The next session recalls it with the up arrow.
    Terminal terminal(kPeerSupport, environment(home, {{"XDG_STATE_HOME", state}}));
    ASSERT_TRUE(prompted(terminal));
    EXPECT_TRUE(enter(terminal, "\x1b[A", "42 : number"));
    finish(terminal);
  }
  {
    // Without XDG_STATE_HOME: ~/.tholos_history.
    Terminal terminal(kPeerSupport, environment(home));
    ASSERT_TRUE(prompted(terminal));
    ASSERT_TRUE(enter(terminal, "6*7", "42 : number"));
    finish(terminal);
  }
  EXPECT_NE(read_file(home + "/.tholos_history").find("6*7"), std::string::npos);
}

TEST(ReplTerminal, AHistoryThatCannotBeWrittenIsNoError) {
  const Home home;
  Terminal terminal(kPeerSupport,
                    environment(home.path, {{"XDG_STATE_HOME", "/proc/no/such/place"}}));
  ASSERT_TRUE(prompted(terminal));
  EXPECT_TRUE(enter(terminal, "1+1", "2 : number"));
  finish(terminal);
}

TEST(ReplTerminal, ColourOnATerminalUnlessNoColorOrADumbTerminal) {
  const Home folder;
  const std::string& home = folder.path;
  {
    Terminal terminal(kPeerSupport, without_no_color(environment(home)));
    ASSERT_TRUE(prompted(terminal));
    ASSERT_TRUE(enter(terminal, "medain(rating)", "^~~~~~"));
    EXPECT_NE(terminal.shown().find("\x1b[1;31m<expression>:1:1: error: unknown function"),
              std::string::npos)
        << terminal.shown();
    finish(terminal);
  }
  for (const auto& env : {environment(home, {{"NO_COLOR", "1"}}),
                          without_no_color(environment(home, {{"TERM", "dumb"}}))}) {
    Terminal terminal(kPeerSupport, env);
    ASSERT_TRUE(prompted(terminal));
    ASSERT_TRUE(enter(terminal, "medain(rating)", "^~~~~~"));
    ASSERT_TRUE(enter(terminal, "1+1", "2 : number"));
    EXPECT_FALSE(tholos::test::has_style_codes(terminal.shown())) << terminal.shown();
    finish(terminal);
  }
}

TEST(ReplTerminal, CtrlCAbandonsTheLineAndQuitLeaves) {
  const Home home;
  Terminal terminal(kPeerSupport, environment(home.path));
  ASSERT_TRUE(prompted(terminal));
  terminal.send("(1 +\r");
  ASSERT_TRUE(prompted(terminal, "...> "));
  terminal.send("\x03");
  ASSERT_TRUE(prompted(terminal, "tholos [r3]> "));
  EXPECT_TRUE(enter(terminal, "5*5", "25 : number"));
  terminal.send(":quit\r");
  EXPECT_EQ(terminal.wait(), 0) << terminal.shown();
}

}  // namespace
