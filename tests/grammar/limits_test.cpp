// The limits of common/limits.hpp that the rule-file parser enforces, each
// exactly at the limit (accepted) and one past it (rejected with a message
// that names the limit and what to write instead), and the malformed rule
// files too large or too repetitive to be files of tests/lang/malformed/.
// Inputs are generated here rather than committed.
#include <gtest/gtest.h>

#include <algorithm>

#include "common/limits.hpp"
#include "grammar/parse_rules.hpp"

namespace tholos::grammar {
namespace {

struct Parsed {
  SourceFile source;
  DiagnosticList diagnostics;
  ast::Module module;

  std::string all() const {
    std::string out;
    for (const Diagnostic& d : diagnostics.items())
      out += d.rendered + "\n";
    return out;
  }
};

std::unique_ptr<Parsed> parse(const std::string& text) {
  auto p = std::make_unique<Parsed>(Parsed{SourceFile("t.tholos", text), {}, {}});
  p->module = parse_rule_file(p->source, p->diagnostics);
  return p;
}

const std::string kHead = "study \"t\"\nscale s 1..5\n";

// A rule file of exactly `size` bytes: kHead, then comment lines.
std::string rule_file_of_size(std::size_t size) {
  std::string text = kHead;
  while (text.size() < size) {
    const std::size_t room = size - text.size();
    const std::size_t line = std::min<std::size_t>(room, 1000);
    // "#xxx...\n", or a lone "\n" for the last byte.
    // (Appended piece by piece: "#" + std::string(...) trips GCC 12's -Wrestrict, bug 105651.)
    if (line == 1) {
      text += '\n';
    } else {
      text.append(1, '#').append(line - 2, 'x').append(1, '\n');
    }
  }
  return text;
}

// ---------------------------------------------------------------------------
// Source size: kMaxSourceBytes

TEST(Limits, ARuleFileOfExactlyTheSizeLimitIsParsed) {
  const auto p = parse(rule_file_of_size(limits::kMaxSourceBytes));
  ASSERT_EQ(p->source.text().size(), limits::kMaxSourceBytes);
  EXPECT_FALSE(p->diagnostics.has_errors()) << p->all();
  EXPECT_EQ(p->module.decls.size(), 2u);
}

TEST(Limits, ARuleFileOneBytePastTheSizeLimitIsOneErrorNamingTheLimit) {
  const auto p = parse(rule_file_of_size(limits::kMaxSourceBytes + 1));
  ASSERT_EQ(p->diagnostics.items().size(), 1u) << p->all();
  EXPECT_EQ(p->diagnostics.items()[0].rendered,
            "t.tholos: error: the rule file comes to 1048577 bytes; the limit is 1048576 bytes "
            "(is this the right file?)");
  EXPECT_TRUE(p->module.decls.empty());
}

// ---------------------------------------------------------------------------
// Line length: kMaxLineLength

TEST(Limits, ALineOfExactlyTheLengthLimitIsParsed) {
  // A comment line and an expression line, each exactly at the limit.
  std::string expression = "measure m = 1";
  while (expression.size() + 4 <= limits::kMaxLineLength)
    expression += " + 1";
  expression += std::string(limits::kMaxLineLength - expression.size(), ' ');
  ASSERT_EQ(expression.size(), limits::kMaxLineLength);
  const std::string comment = std::string(1, '#').append(limits::kMaxLineLength - 1, 'x');
  const auto p = parse(kHead + expression + "\n" + comment + "\n");
  EXPECT_FALSE(p->diagnostics.has_errors()) << p->all();
  EXPECT_EQ(p->module.decls.size(), 3u);
  // The last line needs no line end.
  EXPECT_FALSE(parse(kHead + comment)->diagnostics.has_errors());
}

TEST(Limits, ALineOneBytePastTheLengthLimitIsAnErrorWhereTheLimitIs) {
  const std::string comment = std::string(1, '#').append(limits::kMaxLineLength, 'x');
  const auto p = parse(kHead + comment + "\nmeasure m = median(rating)\n");
  ASSERT_EQ(p->diagnostics.items().size(), 1u) << p->all();
  const Diagnostic& d = p->diagnostics.items()[0];
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 10001);
  EXPECT_EQ(d.message,
            "this line is 10001 bytes long; a line of a rule file has at most 10000 bytes: "
            "break it over several lines (a line break is white space anywhere between words), "
            "or give parts of a long expression a name with `measure`");
  // The excerpt is a window around the caret, not 10,000 characters.
  EXPECT_LT(d.rendered.size(), 700u) << d.rendered;
  EXPECT_TRUE(p->module.decls.empty());  // the file is not parsed
  // Without a final line end, too.
  EXPECT_EQ(parse(kHead + comment)->diagnostics.error_count(), 1);
}

TEST(Limits, EveryLongLineIsReportedAndColumnsCountCharacters) {
  // 5001 two-byte characters: 10002 bytes. The limit falls between two
  // characters, at the 5001st.
  std::string accented;
  for (int i = 0; i < 5001; ++i)
    accented += "\xC3\xA9";
  const std::string text =
      std::string(kHead) + "# " + accented + "\nmeasure m = 1\n# " + accented + "\n";
  const auto p = parse(text);
  ASSERT_EQ(p->diagnostics.error_count(), 2) << p->all();
  EXPECT_EQ(p->diagnostics.items()[0].line, 3);
  // Byte 10000 of the line starts its 5000th "é": "# " and 4999 of them
  // stand before it.
  EXPECT_EQ(p->diagnostics.items()[0].column, 5002);
  EXPECT_EQ(p->diagnostics.items()[1].line, 5);
  EXPECT_NE(p->diagnostics.items()[1].message.find("10004 bytes"), std::string::npos);
}

TEST(Limits, ALongLineInALoneExpressionIsAnError) {
  std::string expression = "1";
  while (expression.size() <= limits::kMaxLineLength)
    expression += "+1";
  DiagnosticList diagnostics;
  ast::NodeId next = 0;
  SourceFile source("e", expression);
  EXPECT_EQ(parse_expression(source, next, diagnostics), nullptr);
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_NE(diagnostics.items()[0].message.find("at most 10000 bytes"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Identifier length: kMaxIdentifierLength

TEST(Limits, ANameOfExactlyTheLengthLimitIsParsed) {
  std::string name = "m";  // built by append: GCC 12 -O3 warns (-Wrestrict) on "m" + string
  name.append(limits::kMaxIdentifierLength - 1, '_');
  const auto p =
      parse(kHead + "measure " + name + " = median(rating)\nmeasure b = " + name +
            " + 1\nclassify statement\n  " + name + " when b > 1\n  otherwise " + name + "\n");
  EXPECT_FALSE(p->diagnostics.has_errors()) << p->all();
  ASSERT_EQ(p->module.decls.size(), 5u);
  EXPECT_EQ(std::get<ast::MeasureDecl>(p->module.decls[2].body).name.text, name);
}

TEST(Limits, ANameOnePastTheLengthLimitIsAnErrorAtTheNameAndTheRestParses) {
  std::string name = "m";
  name.append(limits::kMaxIdentifierLength, 'x');
  const auto p = parse(kHead + "measure " + name + " = median(rating)\nmeasure b = 1\n");
  ASSERT_EQ(p->diagnostics.items().size(), 1u) << p->all();
  const Diagnostic& d = p->diagnostics.items()[0];
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 9);
  EXPECT_EQ(d.end_column, 9 + 129);  // the whole name
  EXPECT_EQ(d.message,
            "the name 'mxxxxxxxxxxxxxxxxxxxxxxx...' is 129 characters long; a name has at most "
            "128 characters: use a shorter name (a description in quotes can be as long as "
            "needed)");
  ASSERT_EQ(p->module.decls.size(), 3u);  // study, scale, b
}

TEST(Limits, ALongNameIsAnErrorWhereverANameStands) {
  const std::string name(limits::kMaxIdentifierLength + 1, 'n');
  for (const std::string& text :
       {"scale " + name + " 1..5", "param " + name + " = 1", "measure m = " + name,
        "measure m = " + name + "(rating)", "measure m = panel." + name,
        "groups from panel." + name, "criteria " + name, "import " + name,
        "classify statement\n " + name + " when x\n otherwise y",
        "measure m = rating where " + name + " = 1"}) {
    const auto p = parse(text);
    ASSERT_EQ(p->diagnostics.error_count(), 1) << text << "\n" << p->all();
    EXPECT_NE(p->diagnostics.items()[0].message.find("a name has at most 128 characters"),
              std::string::npos)
        << text << "\n"
        << p->all();
  }
  DiagnosticList diagnostics;
  ast::NodeId next = 0;
  SourceFile source("e", "median(" + name + ")");
  EXPECT_EQ(parse_expression(source, next, diagnostics), nullptr);
  ASSERT_TRUE(diagnostics.has_errors());
  EXPECT_EQ(diagnostics.items()[0].column, 8);
  EXPECT_NE(diagnostics.items()[0].message.find("at most 128 characters"), std::string::npos);
}

// ---------------------------------------------------------------------------
// Nesting depth: kMaxNestingDepth (see also parse_test.cpp)

TEST(Limits, NestingAtTheLimitParsesAndOnePastIsAnErrorAtTheLevelTooDeep) {
  const std::size_t limit = limits::kMaxNestingDepth;
  const auto ok = parse(kHead + std::string("measure m = ") + std::string(limit, '(') + "1" +
                        std::string(limit, ')') + "\n");
  EXPECT_FALSE(ok->diagnostics.has_errors()) << ok->all();
  const auto p = parse(kHead + std::string("measure m = ") + std::string(limit + 1, '(') + "1" +
                       std::string(limit + 1, ')') + "\nmeasure b = 1\n");
  ASSERT_EQ(p->diagnostics.items().size(), 1u) << p->all();
  const Diagnostic& d = p->diagnostics.items()[0];
  EXPECT_EQ(d.line, 3);
  EXPECT_EQ(d.column, 13 + 65);  // just inside the 65th '('
  EXPECT_EQ(d.message,
            "expression nested too deeply (more than 64 levels); give parts of it a name with "
            "`measure` and use the names");
  EXPECT_EQ(p->module.decls.size(), 3u);  // the declarations around it still parse
}

// ---------------------------------------------------------------------------
// Errors shown: kMaxDiagnostics

// `count` broken declarations, one a line.
std::string broken_declarations(int count) {
  std::string text = kHead;
  for (int i = 0; i < count; ++i)
    text += "measure m" + std::to_string(i) + " = (1\n";
  return text;
}

TEST(Limits, ExactlyTheErrorLimitIsShownWithoutANote) {
  const auto p = parse(broken_declarations(limits::kMaxDiagnostics));
  EXPECT_EQ(p->diagnostics.error_count(), 50);
  EXPECT_EQ(p->diagnostics.items().size(), 50u);
  EXPECT_EQ(p->diagnostics.items().back().line, 52);
}

TEST(Limits, OnePastTheErrorLimitShowsTheFirstFiftyThenOneNote) {
  const auto p = parse(broken_declarations(limits::kMaxDiagnostics + 1));
  ASSERT_EQ(p->diagnostics.items().size(), 51u);
  EXPECT_EQ(p->diagnostics.error_count(), 50);
  EXPECT_EQ(p->diagnostics.items()[49].line, 52);
  EXPECT_EQ(p->diagnostics.items().back().rendered,
            "note: too many errors; stopped after the first 50: correct these and run again");
}

TEST(Limits, ThousandsOfErrorsStopEarlyWithOneNote) {
  const auto p = parse(broken_declarations(5000));
  EXPECT_EQ(p->diagnostics.error_count(), 50);
  ASSERT_EQ(p->diagnostics.items().size(), 51u);
  EXPECT_EQ(p->diagnostics.items().back().severity, Severity::note);
  EXPECT_NE(p->diagnostics.items().back().message.find("too many errors"), std::string::npos);
}

TEST(MalformedRuleFiles, ACsvFileReadAsARuleFileIsOneError) {
  std::string csv = "round,panelist,item,rating\n";
  for (int i = 0; i < 20000; ++i)
    csv += "1,P" + std::to_string(i) + ",S1,4\n";
  const auto p = parse(csv);
  ASSERT_EQ(p->diagnostics.items().size(), 1u) << p->all();
  EXPECT_EQ(p->diagnostics.items()[0].rendered,
            "t.tholos:1:1: error: expected a declaration: study, import, scale, quantiles, "
            "denominator, groups, criteria, param, measure, classify, rerate, require or stop; "
            "'round' starts none of them (did the line before end too early?)\n"
            " 1 | round,panelist,item,rating\n"
            "   | ^~~~~");
}

// ---------------------------------------------------------------------------
// Malformed rule files that are not files of tests/lang/malformed/

TEST(MalformedRuleFiles, AnEmptyFileOrOneOfOnlyBlanksAndCommentsParsesToNothing) {
  // (The checker then says that no scale is declared: see the CLI tests.)
  for (const std::string& text :
       {std::string(), std::string("\n\n  \t\n"), std::string("# only a comment")}) {
    const auto p = parse(text);
    EXPECT_FALSE(p->diagnostics.has_errors()) << p->all();
    EXPECT_TRUE(p->module.decls.empty());
  }
}

TEST(MalformedRuleFiles, RandomBytesGiveAFewErrorsAndNeverRawBytesInTheOutput) {
  // A fixed pseudo-random sequence (a linear congruential generator), so
  // that a failure can be reproduced.
  std::uint32_t state = 12345;
  for (int file = 0; file < 20; ++file) {
    std::string bytes;
    for (int i = 0; i < 4000; ++i) {
      state = state * 1664525u + 1013904223u;
      bytes += static_cast<char>(state >> 24);
    }
    const auto p = parse(bytes);
    ASSERT_TRUE(p->diagnostics.has_errors());
    EXPECT_LE(p->diagnostics.error_count(), 2);  // a NUL byte and invalid UTF-8, once each
    for (const Diagnostic& d : p->diagnostics.items()) {
      EXPECT_GT(d.line, 0);
      // Only line ends, tabs, printable ASCII and valid UTF-8.
      const std::string_view r = d.rendered;
      for (std::size_t i = 0; i < r.size();) {
        const auto c = static_cast<unsigned char>(r[i]);
        const std::size_t length = utf8_char_length(r.substr(i));
        ASSERT_GT(length, 0u) << "byte " << i << " of " << d.rendered;
        EXPECT_TRUE(c >= 0x20 || c == '\n' || c == '\t') << "byte " << i << " of " << d.rendered;
        EXPECT_NE(c, 0x7F);
        i += length;
      }
    }
  }
}

TEST(MalformedRuleFiles, ForeignCommentsAreOneErrorEachAndTheRestStillParses) {
  const auto p = parse(
      "// pilot study\n"
      "study \"t\"\n"
      "scale s 1..5 /* the protocol's scale */\n"
      "/* measures,\n"
      "   from section 4 */\n"
      "measure a = median(rating) // the centre\n"
      "measure b = a/2 + a / 2 # division, twice\n"
      "measure c = \"http://example.org /* not a comment */\"\n");
  ASSERT_EQ(p->diagnostics.error_count(), 4) << p->all();
  const auto& items = p->diagnostics.items();
  EXPECT_EQ(items[0].line, 1);
  EXPECT_EQ(items[0].column, 1);
  EXPECT_EQ(items[0].message,
            "'//' does not start a comment: Tholos comments start with # and run to the end of "
            "the line; write # instead of //");
  EXPECT_EQ(items[1].line, 3);
  EXPECT_EQ(items[1].column, 14);
  EXPECT_EQ(items[1].message,
            "'/*' does not start a comment: Tholos comments start with # and run to the end of "
            "the line; start each line of the comment with # and remove /* and */");
  EXPECT_EQ(items[2].line, 4);
  EXPECT_EQ(items[2].column, 1);
  EXPECT_EQ(items[3].line, 6);
  EXPECT_EQ(items[3].column, 28);
  EXPECT_EQ(items[3].end_column, 30);  // the caret is under both characters
  // Every declaration is there: nothing after a comment was lost.
  EXPECT_EQ(p->module.decls.size(), 5u);
}

TEST(MalformedRuleFiles, AnUnterminatedBlockCommentRunsToTheEndOfItsLine) {
  const auto p = parse(
      "study \"t\"\n"
      "scale s 1..5\n"
      "/* measures\n"
      "measure a = median(rating)\n");
  ASSERT_EQ(p->diagnostics.error_count(), 1) << p->all();
  EXPECT_EQ(p->diagnostics.items()[0].line, 3);
  EXPECT_EQ(p->diagnostics.items()[0].message,
            "'/*' does not start a comment, and there is no '*/' after it: Tholos comments start "
            "with # and run to the end of the line; start each line of the comment with #");
  EXPECT_EQ(p->module.decls.size(), 3u);
}

TEST(MalformedRuleFiles, AForeignCommentInALoneExpressionIsAnError) {
  DiagnosticList diagnostics;
  ast::NodeId next = 0;
  SourceFile source("e", "median(rating) // the centre");
  EXPECT_EQ(parse_expression(source, next, diagnostics), nullptr);
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].column, 16);
  EXPECT_NE(diagnostics.items()[0].message.find("Tholos comments start with #"), std::string::npos);
}

TEST(MalformedRuleFiles, NumbersTooLargeOrTooSmallForADoubleSayTheLimit) {
  const auto p =
      parse(std::string(kHead) + "param a = 1e400\nparam b = 1" + std::string(400, '0') +
            "\nparam c = 1e-400\nparam d = 1e308\n" + "param e = 1e-300\nparam f = 1e400%\n");
  ASSERT_EQ(p->diagnostics.error_count(), 4) << p->all();
  const auto& items = p->diagnostics.items();
  EXPECT_EQ(items[0].line, 3);
  EXPECT_EQ(items[0].column, 11);
  EXPECT_EQ(items[0].message,
            "the number 1e400 is too large: numbers in Tholos are at most about 1.8e308 (the "
            "largest double); write a smaller number (is there an extra digit, or a wrong "
            "exponent?)");
  EXPECT_EQ(items[1].line, 4);
  EXPECT_NE(items[1].message.find("the number 1000000000000000... (401 characters) is too large"),
            std::string::npos)
      << items[1].message;
  EXPECT_EQ(items[2].line, 5);
  EXPECT_EQ(items[2].message,
            "the number 1e-400 is too small to be told from 0: numbers in Tholos are at least "
            "about 2.2e-308 apart from 0; write 0 if 0 is meant");
  EXPECT_EQ(items[3].line, 8);
  EXPECT_NE(items[3].message.find("the number 1e400 is too large"), std::string::npos);
}

}  // namespace
}  // namespace tholos::grammar
