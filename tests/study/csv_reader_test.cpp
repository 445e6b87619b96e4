// The CSV reader on in-memory text: records, fields, positions, the
// liberties real files take, and an error with a position for each kind of
// malformed input.
#include "grammar/csv_reader.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <ostream>
#include <string>
#include <tao/pegtl/contrib/analyze.hpp>
#include <vector>

#include "common/limits.hpp"
#include "grammar/csv_grammar.hpp"

namespace tholos::csv {
namespace {

struct ReadField {
  std::string text;
  int line = 0;
  int column = 0;
  bool quoted = false;
  bool points_into_source = false;
};

struct ReadRecord {
  int line = 0;
  bool empty_line = false;
  std::vector<ReadField> fields;
  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const ReadField& f : fields)
      out.push_back(f.text);
    return out;
  }
};

struct Read {
  bool ok = false;
  std::vector<ReadRecord> records;
  std::vector<Diagnostic> diagnostics;

  std::string errors() const {
    std::string out;
    for (const Diagnostic& d : diagnostics)
      out += d.rendered + "\n";
    return out;
  }
};

Read read(const std::string& text, int stop_after = -1) {
  const SourceFile source("test.csv", text);
  const char* begin = source.text().data();
  const char* end = begin + source.text().size();
  DiagnosticList diagnostics;
  Read result;
  result.ok = read_records(source, diagnostics, [&](const Record& record) {
    ReadRecord r;
    r.line = record.line;
    r.empty_line = record.is_empty_line();
    for (const Field& field : record.fields) {
      r.fields.push_back({std::string(field.text), field.line, field.column, field.quoted,
                          field.text.data() >= begin && field.text.data() < end});
    }
    result.records.push_back(std::move(r));
    return static_cast<int>(result.records.size()) != stop_after;
  });
  result.diagnostics = diagnostics.take();
  return result;
}

using Texts = std::vector<std::string>;

TEST(CsvGrammar, AnalyzeFindsNoProblems) {
  EXPECT_EQ(tao::pegtl::analyze<grammar::file>(), 0u);
}

TEST(CsvReader, SplitsRecordsAndFieldsWithLinesAndColumns) {
  const Read r = read("round,panelist\n1,PE01\n");
  ASSERT_TRUE(r.ok) << r.errors();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"round", "panelist"}));
  EXPECT_EQ(r.records[1].texts(), (Texts{"1", "PE01"}));
  EXPECT_EQ(r.records[1].line, 2);
  EXPECT_EQ(r.records[1].fields[0].column, 1);
  EXPECT_EQ(r.records[1].fields[1].column, 3);
  EXPECT_EQ(r.records[1].fields[1].line, 2);
}

TEST(CsvReader, UnquotedFieldsAreViewsIntoTheSourceText) {
  const Read r = read("a,\"b\",\"c\"\"d\"\n");
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_TRUE(r.records[0].fields[0].points_into_source);
  EXPECT_TRUE(r.records[0].fields[1].points_into_source);   // quoted, nothing to unescape
  EXPECT_FALSE(r.records[0].fields[2].points_into_source);  // "" unescaped into a buffer
}

TEST(CsvReader, ColumnsCountCharactersNotBytes) {
  const Read r = read("é,ü\"x\",z\n\"€\",y\n");
  ASSERT_FALSE(r.ok);  // the quote inside an unquoted field, for its column
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].line, 1);
  EXPECT_EQ(r.diagnostics[0].column, 4);
  const Read ok = read("é,ü,z\n\"€\",y\n");
  ASSERT_TRUE(ok.ok) << ok.errors();
  EXPECT_EQ(ok.records[0].fields[2].column, 5);
  EXPECT_EQ(ok.records[1].fields[1].column, 5);
}

TEST(CsvReader, AFinalLineEndStartsNoRecordAndItsAbsenceLosesNone) {
  EXPECT_EQ(read("a,b\nc,d\n").records.size(), 2u);
  const Read r = read("a,b\nc,d");
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[1].texts(), (Texts{"c", "d"}));
  const Read trailing_empty = read("a,b\nc,");
  ASSERT_EQ(trailing_empty.records.size(), 2u);
  EXPECT_EQ(trailing_empty.records[1].texts(), (Texts{"c", ""}));
}

TEST(CsvReader, AnEmptyFileHasNoRecords) {
  EXPECT_TRUE(read("").records.empty());
  EXPECT_TRUE(read("\xEF\xBB\xBF").records.empty());
}

TEST(CsvReader, AnEmptyLineIsAnEmptyRecordButAQuotedEmptyFieldIsNot) {
  const Read r = read("a\n\n\"\"\nb\n");
  ASSERT_EQ(r.records.size(), 4u);
  EXPECT_FALSE(r.records[0].empty_line);
  EXPECT_TRUE(r.records[1].empty_line);
  EXPECT_EQ(r.records[1].line, 2);
  EXPECT_FALSE(r.records[2].empty_line);
  EXPECT_EQ(r.records[3].line, 4);
}

TEST(CsvReader, AcceptsCrLfLineEndsWithoutKeepingTheCarriageReturn) {
  const Read r = read("a,b\r\nc,d\r\n");
  ASSERT_TRUE(r.ok) << r.errors();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"a", "b"}));
  EXPECT_EQ(r.records[1].texts(), (Texts{"c", "d"}));
  EXPECT_EQ(r.records[1].line, 2);
}

TEST(CsvReader, SkipsAByteOrderMarkAndCountsColumnsAfterIt) {
  const Read r = read("\xEF\xBB\xBFround,item\n");
  ASSERT_TRUE(r.ok) << r.errors();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"round", "item"}));
  EXPECT_EQ(r.records[0].fields[0].column, 1);
  EXPECT_EQ(r.records[0].fields[1].column, 7);
}

TEST(CsvReader, QuotedFieldsHoldCommasDoubledQuotesAndNothing) {
  const Read r = read("\"a,b\",\"say \"\"hi\"\"\",\"\",x\n");
  ASSERT_TRUE(r.ok) << r.errors();
  ASSERT_EQ(r.records.size(), 1u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"a,b", "say \"hi\"", "", "x"}));
  EXPECT_TRUE(r.records[0].fields[0].quoted);
  EXPECT_FALSE(r.records[0].fields[3].quoted);
  EXPECT_EQ(r.records[0].fields[1].column, 7);
  EXPECT_EQ(r.records[0].fields[2].column, 20);
  EXPECT_EQ(r.records[0].fields[3].column, 23);
}

TEST(CsvReader, ALineEndInsideQuotesIsDataAndMovesTheLineCountOn) {
  const Read r = read("x,\"line 1\nline 2\",y\nnext,row\n");
  ASSERT_TRUE(r.ok) << r.errors();
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"x", "line 1\nline 2", "y"}));
  EXPECT_EQ(r.records[0].line, 1);
  EXPECT_EQ(r.records[0].fields[2].line, 2);
  EXPECT_EQ(r.records[0].fields[2].column, 9);
  EXPECT_EQ(r.records[1].line, 3);
  EXPECT_EQ(r.records[1].fields[1].column, 6);
}

TEST(CsvReader, TheHandlerCanStopReading) {
  const Read r = read("a\nb\nc\n", 1);
  EXPECT_TRUE(r.ok);
  EXPECT_EQ(r.records.size(), 1u);
}

// Each malformed input: one error, at the byte to look at, with a message
// that says what to write instead.
struct MalformedCase {
  const char* name;
  std::string text;
  int line;
  int column;
  const char* message;
};

// gtest prints a parameter with this; the default is a hex dump.
void PrintTo(const MalformedCase& c, std::ostream* out) {
  *out << c.name;
}

class CsvReaderErrors : public ::testing::TestWithParam<MalformedCase> {};

TEST_P(CsvReaderErrors, ReportsTheProblemWhereItIs) {
  const MalformedCase& c = GetParam();
  const Read r = read(c.text);
  EXPECT_FALSE(r.ok);
  ASSERT_GE(r.diagnostics.size(), 1u) << c.name;
  const Diagnostic& d = r.diagnostics[0];
  EXPECT_EQ(d.severity, Severity::error);
  EXPECT_EQ(d.file, "test.csv");
  EXPECT_EQ(d.line, c.line) << r.errors();
  EXPECT_EQ(d.column, c.column) << r.errors();
  EXPECT_NE(d.message.find(c.message), std::string::npos) << r.errors();
  EXPECT_EQ(d.message.find("tholos::"), std::string::npos) << "a C++ name in: " << d.message;
  EXPECT_EQ(d.message.find("pegtl"), std::string::npos) << "a C++ name in: " << d.message;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, CsvReaderErrors,
    ::testing::Values(
        MalformedCase{"unterminated quote points at the opening quote", "a,b\nc,\"open\nmore\n", 2,
                      3, "add a closing \""},
        MalformedCase{"quote inside an unquoted field", "a,b\"c\n", 1, 4,
                      "a quote inside a field that does not start with one"},
        MalformedCase{"space before an opening quote", "a, \"b\"\n", 1, 4,
                      "a quote inside a field"},
        MalformedCase{"text after the closing quote", "\"a\"b,c\n", 1, 4,
                      "text after the closing quote"},
        MalformedCase{"NUL byte in an unquoted field", std::string("a,\0b\n", 5), 1, 3,
                      "a NUL byte"},
        MalformedCase{"NUL byte inside quotes", std::string("\"a\0\"\n", 5), 1, 3, "a NUL byte"},
        MalformedCase{"Latin-1 byte", "a,caf\xE9\n", 1, 6, "not valid UTF-8"},
        MalformedCase{"invalid UTF-8 inside quotes", "x,\"\xC3\x28\"\n", 1, 4, "not valid UTF-8"},
        MalformedCase{"overlong UTF-8", "\xC0\xAF\n", 1, 1, "not valid UTF-8"},
        MalformedCase{"UTF-16 surrogate in UTF-8", "\xED\xA0\x80\n", 1, 1, "not valid UTF-8"},
        MalformedCase{"lone carriage return", "a\rb\n", 1, 2, "carriage return"}),
    [](const auto& test) {
      std::string name;
      for (const char c : std::string(test.param.name)) {
        if (std::isalnum(static_cast<unsigned char>(c))) name += c;
      }
      return name;
    });

TEST(CsvReader, ReadingResumesOnTheNextLineAfterAnErrorOutsideQuotes) {
  const Read r = read("a,b\"c\nd,e\nf,\"g\"h\ni,j\n");
  EXPECT_FALSE(r.ok);
  ASSERT_EQ(r.diagnostics.size(), 2u) << r.errors();
  EXPECT_EQ(r.diagnostics[1].line, 3);
  ASSERT_EQ(r.records.size(), 2u);
  EXPECT_EQ(r.records[0].texts(), (Texts{"d", "e"}));
  EXPECT_EQ(r.records[0].line, 2);
  EXPECT_EQ(r.records[1].texts(), (Texts{"i", "j"}));
  EXPECT_EQ(r.records[1].line, 4);
}

TEST(CsvReader, AnErrorInsideQuotesStopsReadingSinceLinesNoLongerMarkRecords) {
  const Read r = read(std::string("\"a\0\"\nb\nc\n", 9));
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.diagnostics.size(), 1u);
  EXPECT_TRUE(r.records.empty());
}

TEST(CsvReader, StopsAfterTenErrorsInOneFileWithANote) {
  std::string text;
  for (int i = 0; i < 30; ++i)
    text += "a\"b\n";
  const Read r = read(text);
  int errors = 0;
  for (const Diagnostic& d : r.diagnostics)
    errors += d.severity == Severity::error ? 1 : 0;
  EXPECT_EQ(errors, 10);
  ASSERT_FALSE(r.diagnostics.empty());
  EXPECT_EQ(r.diagnostics.back().severity, Severity::note);
  EXPECT_NE(r.diagnostics.back().message.find("UTF-8"), std::string::npos);
}

TEST(CsvReader, AFieldAtTheSizeLimitIsReadAndOneByteMoreIsAnError) {
  const std::string at_limit(limits::kMaxCsvFieldBytes, 'x');
  const Read ok = read("a," + at_limit + "\n");
  EXPECT_TRUE(ok.ok) << ok.errors();
  ASSERT_EQ(ok.records.size(), 1u);
  EXPECT_EQ(ok.records[0].fields[1].text.size(), limits::kMaxCsvFieldBytes);

  const Read unquoted = read("a," + at_limit + "x\nb,c\n");
  EXPECT_FALSE(unquoted.ok);
  ASSERT_EQ(unquoted.diagnostics.size(), 1u);
  EXPECT_EQ(unquoted.diagnostics[0].line, 1);
  EXPECT_EQ(unquoted.diagnostics[0].column, 3);
  EXPECT_NE(unquoted.diagnostics[0].message.find("more than the limit"), std::string::npos);
  ASSERT_EQ(unquoted.records.size(), 1u);  // reading resumed after the field
  EXPECT_EQ(unquoted.records[0].line, 2);

  // A runaway quoted field, the usual cause, over several lines.
  const Read quoted = read("a,\"" + at_limit + "\nx\",y\nb,c\n");
  EXPECT_FALSE(quoted.ok);
  ASSERT_EQ(quoted.diagnostics.size(), 1u);
  EXPECT_EQ(quoted.diagnostics[0].column, 3);
  ASSERT_EQ(quoted.records.size(), 1u);
  EXPECT_EQ(quoted.records[0].texts(), (Texts{"b", "c"}));
  EXPECT_EQ(quoted.records[0].line, 3);
}

// Records as a file read in chunks gives them, to compare with `read`.
Read read_file(const std::string& text, std::size_t chunk = kChunkBytes) {
  std::FILE* file = std::tmpfile();
  std::fwrite(text.data(), 1, text.size(), file);
  std::rewind(file);
  DiagnosticList diagnostics;
  Read result;
  result.ok = read_records(
      file, "test.csv", diagnostics,
      [&](const Record& record) {
        ReadRecord r;
        r.line = record.line;
        r.empty_line = record.is_empty_line();
        for (const Field& f : record.fields)
          r.fields.push_back({std::string(f.text), f.line, f.column, f.quoted, false});
        result.records.push_back(std::move(r));
        return true;
      },
      chunk);
  std::fclose(file);
  result.diagnostics = diagnostics.take();
  return result;
}

// A file read in 256 KiB chunks gives the records, positions and errors
// that the same text read whole gives: here a quoted field with line ends
// across the end of the first chunk, a record longer than a chunk (the
// buffer grows), errors after both, and a byte order mark.
TEST(CsvReader, AFileReadInChunksGivesWhatItsWholeTextGives) {
  std::string text = "\xEF\xBB\xBFid,value\n";
  for (int i = 0; text.size() < 256 * 1024 - 40; ++i)
    text.append("r").append(std::to_string(i)).append(",\"v\xC3\xA9\"\n");
  text += "quoted,\"";
  for (int i = 0; i < 20; ++i)
    text.append("line ").append(std::to_string(i)).append("\r\n");
  text += "\"\"end\"\nbad\"quote,x\n";
  for (int i = 0; i < 40000; ++i)
    text.append(i == 0 ? "" : ",").append("abcdefgh");
  text += "\nlast,";
  text += '\0';                 // an error after the long record
  text += "\nafter,the error";  // and no final line end

  const Read whole = read(text);
  const Read chunks = read_file(text.substr(3));  // read() skips the BOM only in columns
  const Read chunks_with_bom = read_file(text);
  for (const Read* r : {&chunks, &chunks_with_bom}) {
    EXPECT_EQ(r->ok, whole.ok);
    EXPECT_EQ(r->errors(), whole.errors());
    ASSERT_EQ(r->records.size(), whole.records.size());
    for (std::size_t k = 0; k < whole.records.size(); ++k) {
      ASSERT_EQ(r->records[k].line, whole.records[k].line) << k;
      ASSERT_EQ(r->records[k].texts(), whole.records[k].texts()) << k;
      for (std::size_t f = 0; f < whole.records[k].fields.size(); ++f)
        ASSERT_EQ(r->records[k].fields[f].column, whole.records[k].fields[f].column) << k;
    }
  }
  EXPECT_EQ(whole.diagnostics.size(), 2u) << whole.errors();
  EXPECT_EQ(whole.records.back().texts(), (Texts{"after", "the error"}));
}

// Chunks of every size from 1 to 24 bytes put each boundary everywhere:
// inside the byte order mark, a quoted field's line ends, a doubled quote,
// a CRLF, and just before an error.
TEST(CsvReader, EveryChunkSizeGivesWhatTheWholeTextGives) {
  const std::string body =
      "id,\"text\"\r\n"
      "1,\"two\nlines, \"\"quoted\"\"\"\r\n"
      "2,plain\n"
      "3,bad\"quote\n"
      "\n"
      "4,\"caf\xC3\xA9\"\n"
      "5,\"never closed\n";
  const Read whole = read(body);
  ASSERT_EQ(whole.diagnostics.size(), 2u) << whole.errors();
  for (std::size_t chunk = 1; chunk <= 24; ++chunk) {
    const Read chunks = read_file("\xEF\xBB\xBF" + body, chunk);
    EXPECT_EQ(chunks.ok, whole.ok) << chunk;
    EXPECT_EQ(chunks.errors(), whole.errors()) << chunk;
    ASSERT_EQ(chunks.records.size(), whole.records.size()) << chunk;
    for (std::size_t k = 0; k < whole.records.size(); ++k) {
      EXPECT_EQ(chunks.records[k].line, whole.records[k].line) << chunk << " " << k;
      EXPECT_EQ(chunks.records[k].texts(), whole.records[k].texts()) << chunk << " " << k;
    }
  }
}

// Only a file's first bytes can be a byte order mark: after a syntax error
// on the line before, U+FEFF starting a line is data, read whole or in chunks.
TEST(CsvReader, AByteOrderMarkAfterAnErrorIsData) {
  const std::string text =
      "a,b\n1,\"x\"y\n\xEF\xBB\xBF"
      "c,d\n";
  for (const Read& r : {read(text), read_file(text, 5)}) {
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.records.size(), 2u);
    EXPECT_EQ(r.records[1].texts(), (Texts{"\xEF\xBB\xBF"
                                           "c",
                                           "d"}));
  }
}

}  // namespace
}  // namespace tholos::csv
