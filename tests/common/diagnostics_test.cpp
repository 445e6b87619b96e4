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
  EXPECT_TRUE(has_errors(list.items()));
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
