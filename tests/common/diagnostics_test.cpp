#include "common/diagnostics.hpp"

#include <gtest/gtest.h>

#include "common/limits.hpp"

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

TEST(Diagnostics, ExactlyTheErrorLimitIsShownWithoutANote) {
  SourceFile source("r", "x\n");
  DiagnosticList list;
  for (int i = 0; i < limits::kMaxDiagnostics; ++i)
    list.error(source, 0, 1, "bad");
  EXPECT_EQ(list.error_count(), limits::kMaxDiagnostics);
  EXPECT_EQ(list.items().size(), static_cast<std::size_t>(limits::kMaxDiagnostics));
  // Nothing has been left out yet, so a stage must go on looking: the next
  // error decides whether the note is needed.
  EXPECT_FALSE(list.full());

  list.error(source, 0, 1, "one past the limit");
  EXPECT_TRUE(list.full());
  EXPECT_EQ(list.error_count(), limits::kMaxDiagnostics);
  ASSERT_EQ(list.items().size(), static_cast<std::size_t>(limits::kMaxDiagnostics) + 1);
  EXPECT_EQ(list.items().back().rendered,
            "note: too many errors; stopped after the first 50: correct these and run again");
}

TEST(Diagnostics, WarningsPastTheirLimitGiveOneNoteAndErrorsAreStillKept) {
  SourceFile source("r", "x\n");
  DiagnosticList list;
  for (int i = 0; i < limits::kMaxWarnings; ++i)
    list.warning(source, 0, 1, "odd");
  EXPECT_EQ(list.items().size(), static_cast<std::size_t>(limits::kMaxWarnings));  // at the limit
  for (int i = 0; i < 100; ++i)
    list.warning(source, 0, 1, "odd");
  ASSERT_EQ(list.items().size(), static_cast<std::size_t>(limits::kMaxWarnings) + 1);
  EXPECT_EQ(list.items().back().rendered, "note: too many warnings; only the first 200 are shown");
  EXPECT_FALSE(list.has_errors());
  EXPECT_FALSE(list.full());
  list.error(source, 0, 1, "bad");
  EXPECT_TRUE(list.has_errors());
  EXPECT_EQ(list.items().back().severity, Severity::error);
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
  EXPECT_NE(rendered.find("ab\uFFFD\uFFFDcd"), std::string::npos) << rendered;
}

// The rendered source line and caret line of a one-diagnostic list.
struct Excerpt {
  std::string source, caret;
};
Excerpt excerpt(const std::string& rendered) {
  const auto first = rendered.find('\n');
  const auto second = rendered.find('\n', first + 1);
  const std::string source = rendered.substr(first + 1, second - first - 1);
  const std::string caret = rendered.substr(second + 1);
  const auto bar = source.find(" | ");
  return {source.substr(bar + 3), caret.substr(bar + 3)};
}

// The character (not byte) position of `needle` in `text`.
int column_of(const std::string& text, std::string_view needle) {
  return count_code_points(std::string_view(text).substr(0, text.find(needle)));
}

TEST(Diagnostics, ControlCharactersAreShownAsControlPicturesAndTheCaretStaysAligned) {
  // ESC would start a terminal escape sequence; CR would move the cursor
  // back over the line; DEL and NUL are invisible.
  SourceFile source("r", std::string("a\x1b[31m\rb\x7F") + '\0' + " = x\n");
  DiagnosticList list;
  list.error(source, 13, 14, "m");
  const Diagnostic& d = list.items()[0];
  EXPECT_EQ(d.column, 14);
  const Excerpt shown = excerpt(d.rendered);
  EXPECT_EQ(shown.source, "a\u241B[31m\u240Db\u2421\u2400 = x") << d.rendered;
  EXPECT_EQ(column_of(shown.caret, "^"), column_of(shown.source, "x")) << d.rendered;
}

TEST(Diagnostics, EachInvalidByteIsOneReplacementCharacterAndTheCaretStaysAligned) {
  // A truncated 3-byte sequence (E2 82), a stray continuation byte (80), an
  // overlong form (C0 AF), a surrogate (ED A0 80), a code past U+10FFFF
  // (F4 90 80 80) and a C1 control (C2 9B, a terminal's CSI): every byte
  // that is not part of a valid character is one U+FFFD and one column.
  const std::string line = "\xE2\x82 \x80\xC0\xAF\xED\xA0\x80\xF4\x90\x80\x80\xC2\x9B \xC3\xA9 = y";
  SourceFile source("r", line + "\n");
  DiagnosticList list;
  const std::size_t y = line.find('y');
  list.error(source, y, y + 1, "m");
  const Diagnostic& d = list.items()[0];
  const std::string r = "\uFFFD";
  const std::string expected = r + r + " " + r + r + r + r + r + r + r + r + r + r + r +
                               " \u00E9 = y";  // the C1 control is one character
  const Excerpt shown = excerpt(d.rendered);
  EXPECT_EQ(shown.source, expected) << d.rendered;
  EXPECT_EQ(d.column, column_of(shown.source, "y") + 1);
  EXPECT_EQ(column_of(shown.caret, "^"), column_of(shown.source, "y")) << d.rendered;
}

TEST(Diagnostics, MessagesThatQuoteDataDoNotPrintControlCharactersOrInvalidBytes) {
  DiagnosticList list;
  list.add_at(Severity::error, "ratings.csv", 3, 3, 2, "unknown panelist 'P\x1b[2J\xFF'",
              "1,P\x1b[2J\xFF,S1,4");
  const std::string& rendered = list.items()[0].rendered;
  EXPECT_EQ(rendered.find('\x1b'), std::string::npos) << rendered;
  EXPECT_EQ(rendered.find('\xFF'), std::string::npos) << rendered;
  EXPECT_NE(rendered.find("unknown panelist 'P\u241B[2J\uFFFD'"), std::string::npos) << rendered;
  // The message itself is kept as it is, for a host to show as it likes.
  EXPECT_EQ(list.items()[0].message, "unknown panelist 'P\x1b[2J\xFF'");
}

TEST(SourceFile, Utf8CharLengthAcceptsOnlyCorrectlyEncodedCharacters) {
  EXPECT_EQ(utf8_char_length("a"), 1u);
  EXPECT_EQ(utf8_char_length("\xC3\xA9"), 2u);          // é
  EXPECT_EQ(utf8_char_length("\xE2\x82\xAC"), 3u);      // €
  EXPECT_EQ(utf8_char_length("\xF0\x9F\x98\x80"), 4u);  // U+1F600
  EXPECT_EQ(utf8_char_length("\xF4\x8F\xBF\xBF"), 4u);  // U+10FFFF
  EXPECT_EQ(utf8_char_length(""), 0u);
  EXPECT_EQ(utf8_char_length("\x80"), 0u);              // continuation byte
  EXPECT_EQ(utf8_char_length("\xC3"), 0u);              // truncated
  EXPECT_EQ(utf8_char_length("\xE2\x82("), 0u);         // truncated
  EXPECT_EQ(utf8_char_length("\xC0\xAF"), 0u);          // overlong '/'
  EXPECT_EQ(utf8_char_length("\xE0\x80\xAF"), 0u);      // overlong '/'
  EXPECT_EQ(utf8_char_length("\xED\xA0\x80"), 0u);      // surrogate U+D800
  EXPECT_EQ(utf8_char_length("\xF4\x90\x80\x80"), 0u);  // past U+10FFFF
  EXPECT_EQ(utf8_char_length("\xFF"), 0u);
}

TEST(SourceFile, ColumnsCountEachInvalidByteAsOneCharacter) {
  EXPECT_EQ(count_code_points("ab"), 2);
  EXPECT_EQ(count_code_points("\xC3\xA9t\xC3\xA9"), 3);
  EXPECT_EQ(count_code_points("\x80\x80"), 2);      // stray continuation bytes
  EXPECT_EQ(count_code_points("\xE2\x82 "), 3);     // truncated sequence: 2 bytes + space
  EXPECT_EQ(count_code_points("\xED\xA0\x80"), 3);  // surrogate: 3 bytes
  SourceFile source("r", "\x80\x80x\n");
  EXPECT_EQ(source.position(2).column, 3);
}

}  // namespace
}  // namespace tholos
