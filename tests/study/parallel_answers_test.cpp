// Reading ratings.csv on two threads (study/parallel_answers.hpp) gives the
// same study and the same diagnostics, at the same places, as reading it one
// row at a time: for clean files and for files with every kind of row the
// threads leave to the reader of single rows, wherever that row falls
// relative to the chunks. Also the parallel reader on its own: how many rows
// it takes and where it stops.
#include "study/parallel_answers.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "study/load_study.hpp"
#include "study_test_support.hpp"

namespace tholos::study {
namespace {

namespace fs = std::filesystem;

constexpr int kPanelists = 12;
constexpr int kItems = 9;

std::string panelist_id(int p) {
  return p < 10 ? "P0" + std::to_string(p) : "P" + std::to_string(p);
}
std::string item_id(int i) {
  return "S" + std::to_string(i);
}

// A study folder under the test's temporary directory.
class StudyFolder {
 public:
  explicit StudyFolder(const std::string& name) {
    dir_ = fs::path(::testing::TempDir()) / ("parallel_" + name + "_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string panel = "panelist,group\n";
    for (int p = 1; p <= kPanelists; ++p) {
      panel.append(panelist_id(p)).append(p % 3 == 0 ? ",clinician\n" : ",patient\n");
    }
    write("panel.csv", panel);
    std::string items = "item,text\n";
    for (int i = 1; i <= kItems; ++i)
      items.append(item_id(i)).append(",Statement\n");
    write("items.csv", items);
  }
  ~StudyFolder() { fs::remove_all(dir_); }

  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary) << text;
  }
  std::string path() const { return dir_.string(); }
  std::string ratings() const { return (dir_ / "ratings.csv").string(); }

 private:
  fs::path dir_;
};

// The rows of a study: every panelist rates every item in rounds 1..rounds,
// panelist by panelist (out of cell order, so the answers go into a grid),
// or item by item with `by_item`. `line_end` ends each line.
std::vector<std::string> full_rows(int rounds, bool by_item, const std::string& extra = "") {
  std::vector<std::string> rows;
  for (int r = 1; r <= rounds; ++r) {
    for (int a = 1; a <= (by_item ? kItems : kPanelists); ++a) {
      for (int b = 1; b <= (by_item ? kPanelists : kItems); ++b) {
        const int p = by_item ? b : a;
        const int i = by_item ? a : b;
        const int rating = (p * 7 + i * 3 + r) % 9 + 1;
        rows.push_back(std::to_string(r) + "," + panelist_id(p) + "," + item_id(i) + "," +
                       std::to_string(rating) + extra);
      }
    }
  }
  return rows;
}

std::string join(const std::string& header, const std::vector<std::string>& rows,
                 const std::string& line_end = "\n", bool final_line_end = true) {
  std::string text = header + line_end;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    text += rows[k];
    if (k + 1 < rows.size() || final_line_end) text += line_end;
  }
  return text;
}

// Everything a load gives that a reader could see: the diagnostics as
// shown, and the study's contents, answer positions included.
std::string snapshot(const testing::Loaded& loaded) {
  std::string out = loaded.all();
  if (!loaded.study) return out + "no study\n";
  return out + describe_answers(*loaded.study);
}

testing::Loaded load(const std::string& dir, const LoadOptions& options) {
  DiagnosticList diagnostics;
  testing::Loaded loaded;
  loaded.study = load_study_directory(dir, diagnostics, options);
  loaded.diagnostics = diagnostics.take();
  return loaded;
}

LoadOptions one_row_at_a_time() {
  LoadOptions options;
  options.threads = 1;
  options.parallel_min_bytes = SIZE_MAX;
  return options;
}

LoadOptions in_chunks(unsigned threads, std::size_t chunk_bytes, std::uint32_t sequential_rows) {
  LoadOptions options;
  options.threads = threads;
  options.parallel_min_bytes = 0;
  options.chunk_bytes = chunk_bytes;
  options.sequential_rows = sequential_rows;
  return options;
}

// Loads `dir` one row at a time and in chunks of many sizes, on one and two
// threads, and expects the same every time; returns the one-row snapshot.
std::string expect_same_as_one_row_at_a_time(const std::string& dir,
                                             std::size_t max_answers = SIZE_MAX) {
  LoadOptions reference = one_row_at_a_time();
  reference.max_answers = max_answers;
  const std::string expected = snapshot(load(dir, reference));
  for (const unsigned threads : {1u, 2u}) {
    for (const std::size_t chunk : {1u, 7u, 40u, 333u, 4096u}) {
      for (const std::uint32_t sequential : {1u, 5u}) {
        LoadOptions options = in_chunks(threads, chunk, sequential);
        options.max_answers = max_answers;
        EXPECT_EQ(snapshot(load(dir, options)), expected)
            << "threads " << threads << ", chunks of " << chunk << " bytes, after " << sequential
            << " rows";
      }
    }
  }
  return expected;
}

TEST(ParallelAnswers, CleanFilesLoadTheSame) {
  for (const bool by_item : {false, true}) {
    StudyFolder folder(by_item ? "clean_by_item" : "clean");
    folder.write("ratings.csv", join("round,panelist,item,rating", full_rows(3, by_item)));
    const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
    EXPECT_NE(expected.find("rounds 3"), std::string::npos) << expected;
    EXPECT_EQ(expected.find("error"), std::string::npos) << expected;
  }
}

TEST(ParallelAnswers, UnusualButValidFilesLoadTheSame) {
  std::vector<std::string> rows = full_rows(2, false);
  // The rows keep their round, panelist and item; their rating changes.
  const auto rate = [&rows](std::size_t k, const std::string& rating) {
    rows[k] = rows[k].substr(0, rows[k].rfind(',') + 1) + rating;
  };
  rate(10, "UTS");
  rate(40, "");
  rate(41, "4.5");
  rate(70, "DK");
  rate(150, "UTS");
  rate(160, "\"7\"");                   // quoted: read by the grammar
  rate(170, "\"line one\nline two\"");  // a text over two lines
  rate(180, "caf\xC3\xA9");             // UTF-8
  rows[190] = " " + rows[190];          // spaces around a round
  rows[200] = "0" + rows[200];          // 02
  StudyFolder folder("unusual");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("text line one\nline two"), std::string::npos) << expected;

  for (const bool crlf : {false, true}) {
    StudyFolder other(crlf ? "bom_crlf" : "no_final_line_end");
    const std::string text =
        join("round,panelist,item,rating", full_rows(2, true), crlf ? "\r\n" : "\n", crlf);
    other.write("ratings.csv", crlf ? "\xEF\xBB\xBF" + text : text);
    expect_same_as_one_row_at_a_time(other.path());
  }

  StudyFolder reordered("reordered");
  std::vector<std::string> shuffled;
  for (const std::string& row : full_rows(2, false)) {
    // rating,item,unused,panelist,round
    const auto c1 = row.find(','), c2 = row.find(',', c1 + 1), c3 = row.find(',', c2 + 1);
    shuffled.push_back(row.substr(c3 + 1) + "," + row.substr(c2 + 1, c3 - c2 - 1) + ",x," +
                       row.substr(c1 + 1, c2 - c1 - 1) + "," + row.substr(0, c1));
  }
  reordered.write("ratings.csv", join("rating,item,note,panelist,round", shuffled));
  expect_same_as_one_row_at_a_time(reordered.path());
}

TEST(ParallelAnswers, CriteriaLoadTheSame) {
  std::vector<std::string> rows;
  for (const std::string& row : full_rows(2, false)) {
    rows.push_back(row + ",importance");
    rows.push_back(row + ",feasibility");
  }
  rows[300] = rows[300].substr(0, rows[300].rfind(',')) + ",urgency";  // a third, late
  StudyFolder folder("criteria");
  folder.write("ratings.csv", join("round,panelist,item,rating,criterion", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("criterion urgency"), std::string::npos) << expected;

  rows[250] = rows[250].substr(0, rows[250].rfind(',')) + ",";  // an empty criterion
  StudyFolder broken("empty_criterion");
  broken.write("ratings.csv", join("round,panelist,item,rating,criterion", rows));
  EXPECT_NE(expect_same_as_one_row_at_a_time(broken.path()).find("empty criterion"),
            std::string::npos);
}

TEST(ParallelAnswers, ErrorsAreTheSameAtTheSamePlaces) {
  std::vector<std::string> rows = full_rows(3, false);
  rows[20] = "1,P03,S3,5,extra";  // ragged
  rows[30] = "";                  // an empty line
  rows[55] = "1,P99,S1,4";        // unknown panelist
  rows[80] = "1,P09,S99,4";       // unknown item
  rows[95] = "1,P11 ,S6,4";       // spaces around an id
  rows[130] = "0,P03,S5,4";       // bad rounds
  rows[140] = "x,P04,S6,4";
  rows[150] = "1001,P05,S7,4";
  rows[200] = "2,P12,S1,\"unterminated";
  StudyFolder folder("errors");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("no study"), std::string::npos) << expected;
  EXPECT_NE(expected.find("ratings.csv:22:"), std::string::npos) << expected;  // rows[20]
  EXPECT_NE(expected.find("ratings.csv:57:"), std::string::npos) << expected;  // rows[55]
}

// The CSV reader stops after 10 syntax errors in a file; those before the
// threads take over count (found by fuzz/load_fuzz.cpp: they were counted
// again from 0 after the threads stopped).
TEST(ParallelAnswers, SyntaxErrorsCountTowardsTheSameLimit) {
  std::vector<std::string> rows = full_rows(2, false);
  for (std::size_t k = 2; k < 60; k += 4)
    rows[k] += "\x84";  // not UTF-8
  StudyFolder folder("syntax_errors");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("stopped reading after 10 errors"), std::string::npos) << expected;
}

// Found by load_fuzz (fuzz/crashes/error-limit-then-resume.load): rows with
// too few fields are reported without reaching the answers, so the row that
// takes the errors past the limit can be the first full row, the one after
// which the threads were to take over. Reading must stop there, not resume.
TEST(ParallelAnswers, TheErrorLimitStopsReadingTheSame) {
  std::vector<std::string> rows;
  for (int k = 0; k < 50; ++k)
    rows.push_back("1,P01,S1");  // too few fields: 50 errors, the limit
  rows.push_back("1,P99,S1,5");  // an unknown panelist: the 51st
  rows.push_back("");
  rows.push_back("1,P98,S1,5");
  for (const std::string& row : full_rows(1, false))
    rows.push_back(row);
  StudyFolder folder("error_limit");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("too many errors"), std::string::npos) << expected;
  EXPECT_EQ(expected.find("P98"), std::string::npos) << expected;
  EXPECT_EQ(expected.find("empty line"), std::string::npos) << expected;
}

TEST(ParallelAnswers, DuplicatesAndLateRoundsAreTheSame) {
  std::vector<std::string> rows = full_rows(2, false);
  rows.push_back("3,P01,S1,5");  // round 3 first seen at the end
  rows.push_back("2,P04,S4,1");  // a duplicate, late
  StudyFolder folder("duplicates");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("duplicate"), std::string::npos) << expected;

  rows.pop_back();
  StudyFolder late("late_round");
  late.write("ratings.csv", join("round,panelist,item,rating", rows));
  EXPECT_NE(expect_same_as_one_row_at_a_time(late.path()).find("rounds 3"), std::string::npos);
}

TEST(ParallelAnswers, InvitationsAreCheckedTheSame) {
  std::string invitations = "round,panelist\n";
  for (int r = 1; r <= 2; ++r) {
    for (int p = 1; p <= kPanelists; ++p) {
      if (r == 2 && p == 11) continue;  // P11 not invited to round 2
      invitations += std::to_string(r) + "," + panelist_id(p) + "\n";
    }
  }
  std::vector<std::string> rows;
  for (const std::string& row : full_rows(2, false)) {
    if (row.rfind("2,P11,", 0) != 0 || row.find(",S4,") != std::string::npos) rows.push_back(row);
  }
  StudyFolder folder("invitations");
  folder.write("invitations.csv", invitations);
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  EXPECT_NE(expect_same_as_one_row_at_a_time(folder.path()).find("was not invited"),
            std::string::npos);
}

TEST(ParallelAnswers, ALineLongerThanTheSlackIsReadTheSame) {
  std::vector<std::string> rows = full_rows(2, false);
  rows[40] = "1,P05,S5," + std::string(1'000, 'w');    // longer than the first read
  rows[100] = "1,P12,S2," + std::string(20'000, 'x');  // 20 kB of text: a code?
  rows[101] = "1,P12,S3," + std::string(60'000, 'y');
  StudyFolder folder("long_line");
  folder.write("ratings.csv", join("round,panelist,item,rating", rows));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path());
  EXPECT_NE(expected.find("text xxxx"), std::string::npos);
}

TEST(ParallelAnswers, TheAnswerLimitIsReportedTheSame) {
  StudyFolder folder("limit");
  folder.write("ratings.csv", join("round,panelist,item,rating", full_rows(2, false)));
  const std::string expected = expect_same_as_one_row_at_a_time(folder.path(), 150);
  EXPECT_NE(expected.find("more than 150 answers"), std::string::npos) << expected;
}

// Every folder of tests/data/csv, the malformed ones above all.
TEST(ParallelAnswers, EveryCsvFixtureLoadsTheSame) {
  int folders = 0;
  for (const auto& entry : fs::directory_iterator(testing::fixture(""))) {
    if (!entry.is_directory()) continue;
    SCOPED_TRACE(entry.path().filename().string());
    expect_same_as_one_row_at_a_time(entry.path().string());
    ++folders;
  }
  EXPECT_GE(folders, 30);
}

// The parallel reader alone, on a builder with the panel and the items.
class ParallelReader : public ::testing::Test {
 protected:
  // Reads `text` (a ratings file with its header) from its second line.
  ParallelResult read(const std::string& text, unsigned threads, std::size_t chunk_bytes) {
    folder_.write("ratings.csv", text);
    builder_ = std::make_unique<StudyBuilder>(diagnostics_);
    for (const bool panel : {true, false}) {
      if (panel) builder_->begin_panel({});
      if (!panel) builder_->begin_items({});
      for (int k = 1; k <= (panel ? kPanelists : kItems); ++k) {
        const std::string id = panel ? panelist_id(k) : item_id(k);
        if (panel) builder_->add_panelist(id, {});
        if (!panel) builder_->add_item(id, {});
      }
    }
    const std::uint32_t file =
        builder_->add_file(folder_.ratings(), "ratings.csv", FileKind::answers);
    builder_->begin_answers(false, file);
    builder_->reread_answers_with([](const auto&) { return false; });
    const int fd = ::open(folder_.ratings().c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    AnswerColumns columns;
    columns.width = 4;
    columns.round = 0;
    columns.panelist = 1;
    columns.item = 2;
    columns.rating = 3;
    const std::size_t header = text.find('\n') + 1;
    const ParallelResult result = read_answers_in_parallel(
        fd, 0, csv::ReadFrom{header, 2}, text.size(), columns, *builder_, *builder_->row_checker(),
        file, ParallelOptions{threads, chunk_bytes});
    ::close(fd);
    return result;
  }

  StudyFolder folder_{"reader"};
  DiagnosticList diagnostics_;
  std::unique_ptr<StudyBuilder> builder_;
};

TEST_F(ParallelReader, TakesEveryRowOfACleanFile) {
  const std::vector<std::string> rows = full_rows(3, false);
  for (const unsigned threads : {1u, 2u}) {
    for (const std::size_t chunk : {1u, 16u, 100u, 1u << 20}) {
      const ParallelResult result = read(join("round,panelist,item,rating", rows), threads, chunk);
      EXPECT_EQ(result.rows, rows.size());
      EXPECT_FALSE(result.rest.has_value());
      EXPECT_FALSE(diagnostics_.has_errors());
    }
  }
}

TEST_F(ParallelReader, StopsAtTheFirstRowItDoesNotTake) {
  std::vector<std::string> rows = full_rows(1, false);
  rows[50] = "1,P05,S6,\"7\"";
  rows[60] = "1,P06,S7,4";  // after the stop: not looked at
  const std::string text = join("round,panelist,item,rating", rows);
  for (const std::size_t chunk : {1u, 64u, 1u << 20}) {
    const ParallelResult result = read(text, 2, chunk);
    EXPECT_EQ(result.rows, 50u);
    ASSERT_TRUE(result.rest.has_value());
    EXPECT_EQ(result.rest->line, 52);  // the header is line 1
    EXPECT_EQ(text.substr(result.rest->offset, rows[50].size()), rows[50]);
  }
}

TEST_F(ParallelReader, LeavesALastLineWithoutLineEnd) {
  const std::vector<std::string> rows = full_rows(1, false);
  const std::string text = join("round,panelist,item,rating", rows, "\n", false);
  const ParallelResult result = read(text, 2, 32);
  EXPECT_EQ(result.rows, rows.size() - 1);
  ASSERT_TRUE(result.rest.has_value());
  EXPECT_EQ(text.substr(result.rest->offset), rows.back());
}

}  // namespace
}  // namespace tholos::study
