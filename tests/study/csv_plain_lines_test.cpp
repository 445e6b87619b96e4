// The CSV reader reads lines of plain ASCII without the grammar (see
// RecordReader::read_plain_lines). Here random texts are read as they are
// and again after a first line with a quoted field, which sends the rest of
// the text through the grammar: both must give the same records, fields,
// positions and errors.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "common/limits.hpp"
#include "grammar/csv_reader.hpp"

namespace tholos::csv {
namespace {

struct Seen {
  std::vector<std::string> records;  // each record and its fields, in words
  std::vector<std::string> errors;
  bool ok = false;
};

// Reads `text`, dropping the first `skip_records` records and moving the
// positions of the rest back by `lines` lines and `bytes` bytes. With a
// `chunk` size, reads it from a file in chunks of that size.
Seen read(const std::string& text, int skip_records, int lines, std::size_t bytes,
          std::size_t chunk = 0) {
  DiagnosticList diagnostics;
  Seen seen;
  int index = 0;
  const auto on_record = [&](const Record& record) {
    if (index++ < skip_records) return true;
    std::string out = std::to_string(record.line - lines) + " [" +
                      std::to_string(record.begin - bytes) + "," +
                      std::to_string(record.end - bytes) + ")";
    for (const Field& f : record.fields) {
      out += " | '" + std::string(f.text) + "' " + std::to_string(f.line - lines) + ":" +
             std::to_string(f.column) + " [" + std::to_string(f.begin - bytes) + "," +
             std::to_string(f.end - bytes) + ")" + (f.quoted ? " quoted" : "");
    }
    seen.records.push_back(out);
    return true;
  };
  if (chunk == 0) {
    seen.ok = read_records(SourceFile("test.csv", text), diagnostics, on_record);
  } else {
    std::FILE* file = std::tmpfile();
    std::fwrite(text.data(), 1, text.size(), file);
    std::rewind(file);
    seen.ok = read_records(file, "test.csv", diagnostics, on_record, chunk);
    std::fclose(file);
  }
  for (const Diagnostic& d : diagnostics.take()) {
    seen.errors.push_back(std::to_string(d.line == 0 ? 0 : d.line - lines) + ":" +
                          std::to_string(d.column) + " " + d.message);
  }
  return seen;
}

// Plain lines mostly, with now and then what the grammar must handle.
std::string random_text(std::mt19937& random) {
  static const std::vector<std::string> kPieces = {
      "a",    "b",          "P1",   "12", " ",  "\t", ",", ",",    ",",
      "\n",   "\n",         "\r\n", "\"", "\r", "é",  "x", "\x7F", std::string(1, '\0'),
      "\xFF", "\"q\"\"d\"",
  };
  std::uniform_int_distribution<std::size_t> length(0, 60);
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::size_t> common(0, 11);
  std::uniform_int_distribution<std::size_t> any(0, kPieces.size() - 1);
  std::string text;
  for (std::size_t n = length(random); n > 0; --n)
    text += kPieces[percent(random) < 90 ? common(random) : any(random)];
  return text;
}

TEST(CsvPlainLines, GiveWhatTheGrammarGives) {
  std::mt19937 random(20261122);
  const std::string first_line = "\"quoted\"\n";
  for (int trial = 0; trial < 20000; ++trial) {
    const std::string text = random_text(random);
    const Seen fast = read(text, 0, 0, 0);
    const Seen grammar = read(first_line + text, 1, 1, first_line.size());
    ASSERT_EQ(fast.records, grammar.records) << "text: '" << text << "'";
    ASSERT_EQ(fast.errors, grammar.errors) << "text: '" << text << "'";
    ASSERT_EQ(fast.ok, grammar.ok) << "text: '" << text << "'";
  }
}

// Read in chunks, plain lines stop at the end of each chunk's last line.
TEST(CsvPlainLines, ReadInChunksGiveWhatTheGrammarGives) {
  std::mt19937 random(112);
  std::uniform_int_distribution<std::size_t> chunk(1, 40);
  const std::string first_line = "\"quoted\"\n";
  for (int trial = 0; trial < 3000; ++trial) {
    const std::string text = random_text(random) + random_text(random);
    const Seen grammar = read(first_line + text, 1, 1, first_line.size());
    const std::size_t size = chunk(random);
    const Seen fast = read(text, 0, 0, 0, size);
    ASSERT_EQ(fast.records, grammar.records) << "chunk " << size << ", text: '" << text << "'";
    ASSERT_EQ(fast.errors, grammar.errors) << "chunk " << size << ", text: '" << text << "'";
    ASSERT_EQ(fast.ok, grammar.ok) << "chunk " << size << ", text: '" << text << "'";
  }
}

TEST(CsvPlainLines, AFieldOverTheLimitIsReportedAsByTheGrammar) {
  const std::string field(limits::kMaxCsvFieldBytes + 1, 'x');
  const std::string text = "a,b\nc," + field + "\nd,e\n";
  const Seen fast = read(text, 0, 0, 0);
  const Seen grammar = read("\"q\"\n" + text, 1, 1, 4);
  EXPECT_EQ(fast.records, grammar.records);
  EXPECT_EQ(fast.errors, grammar.errors);
  ASSERT_EQ(fast.errors.size(), 1u);
  EXPECT_EQ(fast.errors[0].substr(0, 4), "2:3 ");
  EXPECT_EQ(fast.records.size(), 2u);  // the line with the error is not a record
}

}  // namespace
}  // namespace tholos::csv
