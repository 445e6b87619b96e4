#include "common/diagnostics.hpp"

#include <gtest/gtest.h>

namespace tholos {
namespace {

TEST(Diagnostics, RendersFileLineColumnSourceLineAndCaretUnderTheSpan) {
  SourceFile source("rules.tholos", "study \"x\"\nmeasure a = shar(rating)\n");
  DiagnosticList list;
  list.error(source, 22, 26, "unknown function 'shar'; did you mean 'share'?");
  ASSERT_EQ(list.items().size(), 1u);
  const Diagnostic& d = list.items()[0];
  EXPECT_EQ(d.file, "rules.tholos");
  EXPECT_EQ(d.line, 2);
  EXPECT_EQ(d.column, 13);
  EXPECT_EQ(d.end_column, 17);
  EXPECT_EQ(d.rendered,
            "rules.tholos:2:13: error: unknown function 'shar'; did you mean 'share'?\n"
            " 2 | measure a = shar(rating)\n"
            "   |             ^~~~");
}

TEST(Diagnostics, ColumnsCountCharactersNotBytesSoTheCaretLinesUp) {
  // "é" is two bytes in UTF-8 but one column on screen.
  SourceFile source("r", "measure é = x\n");
  DiagnosticList list;
  list.warning(source, 13, 14, "m");
  const Diagnostic& d = list.items()[0];
  EXPECT_EQ(d.column, 13);
  EXPECT_EQ(d.severity, Severity::warning);
  EXPECT_NE(d.rendered.find("\n   | " + std::string(12, ' ') + "^"), std::string::npos)
      << d.rendered;
}

TEST(Diagnostics, TabsBeforeTheSpanAreKeptSoTheCaretLinesUpAtAnyTabWidth) {
  SourceFile source("r", "\tmeasure x\n");
  DiagnosticList list;
  list.error(source, 9, 10, "m");
  EXPECT_NE(list.items()[0].rendered.find("| \t        ^"), std::string::npos)
      << list.items()[0].rendered;
}

TEST(Diagnostics, ControlCharactersInTheSourceLineAreNotPrintedRaw) {
  SourceFile source("r", std::string("a\x1b[31mb\n", 9));
  DiagnosticList list;
  list.error(source, 0, 1, "m");
  EXPECT_EQ(list.items()[0].rendered.find('\x1b'), std::string::npos);
}

TEST(Diagnostics, StopsAfterTheErrorLimitWithOneNote) {
  SourceFile source("r", "x\n");
  DiagnosticList list;
  for (int i = 0; i < 500; ++i)
    list.error(source, 0, 1, "bad");
  EXPECT_EQ(list.error_count(), 50);
  EXPECT_TRUE(list.full());
  ASSERT_EQ(list.items().size(), 51u);
  EXPECT_EQ(list.items().back().severity, Severity::note);
  EXPECT_NE(list.items().back().message.find("too many errors"), std::string::npos);
}

TEST(Diagnostics, PlainDiagnosticsHaveNoPosition) {
  DiagnosticList list;
  list.add_plain(Severity::error, "data/ratings.csv", "file not found");
  EXPECT_EQ(list.items()[0].rendered, "data/ratings.csv: error: file not found");
  EXPECT_TRUE(list.has_errors());
}

TEST(SourceFile, LineTextExcludesTheLineTerminatorIncludingCarriageReturn) {
  SourceFile source("r", "one\r\ntwo\nthree");
  EXPECT_EQ(source.line_text(1), "one");
  EXPECT_EQ(source.line_text(2), "two");
  EXPECT_EQ(source.line_text(3), "three");
  EXPECT_EQ(source.line_text(4), "");
  EXPECT_EQ(source.position(5).line, 2);
  EXPECT_EQ(source.position(5).column, 1);
}

}  // namespace
}  // namespace tholos

namespace tholos {
namespace {

TEST(Diagnostics, LongLinesAreShownAsAWindowAroundTheCaret) {
  // A 5000-character line (a CSV passed as a rule file, say) must not be
  // printed whole.
  std::string line(5000, 'x');
  line[3000] = '@';
  SourceFile source("r", line + "\n");
  DiagnosticList list;
  list.error(source, 3000, 3001, "here");
  const std::string& rendered = list.items()[0].rendered;
  EXPECT_LT(rendered.size(), 400u) << rendered;
  EXPECT_EQ(list.items()[0].column, 3001);
  // The caret still points at the '@'.
  const auto source_line = rendered.rfind('\n', rendered.find(" | ...")) + 1;
  const auto caret_line = rendered.find('\n', source_line) + 1;
  const auto at = rendered.find('@', source_line) - source_line;
  const auto caret = rendered.find('^', caret_line) - caret_line;
  EXPECT_EQ(at, caret) << rendered;
}

TEST(Diagnostics, InvalidUtf8InTheSourceLineIsReplaced) {
  SourceFile source("r",
                    "ab\xFF\xFE"
                    "cd\n");
  DiagnosticList list;
  list.error(source, 4, 5, "m");
  const std::string& rendered = list.items()[0].rendered;
  EXPECT_EQ(rendered.find('\xFF'), std::string::npos);
  EXPECT_NE(rendered.find("ab??cd"), std::string::npos) << rendered;
}

}  // namespace
}  // namespace tholos
