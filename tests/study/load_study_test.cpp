// Loading study folders from tests/data/csv/ (see its README.md): valid
// files in unusual shapes load, and each malformed one gives an error at the
// right file, line and column.
#include "study/load_study.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "common/limits.hpp"
#include "study_test_support.hpp"

namespace tholos::study {
namespace {

using testing::has_diagnostic;
using testing::has_error;
using testing::load_fixture;
using testing::Loaded;

// The basic study: 3 panelists, 2 items, 2 rounds, 8 answer rows of which
// one blank, one "DK" and one 4.5.
void expect_basic_study(const Loaded& loaded) {
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const StudyData& study = *loaded.study;
  EXPECT_EQ(study.panel.ids, (std::vector<std::string>{"P1", "P2", "P3"}));
  EXPECT_EQ(study.panel.columns, (std::vector<std::string>{"group"}));
  EXPECT_EQ(study.panel.values[0], (std::vector<std::string>{"patient", "patient", "clinician"}));
  EXPECT_EQ(study.items.ids, (std::vector<std::string>{"S1", "S2"}));
  ASSERT_EQ(study.items.columns, (std::vector<std::string>{"text"}));
  EXPECT_EQ(study.items.values[0][1], "Second statement, with a comma");
  EXPECT_EQ(study.rounds, 2);
  EXPECT_TRUE(study.criteria.empty());
  ASSERT_EQ(study.answers.size(), 8u);
  EXPECT_EQ(study.cell_begin, (std::vector<std::uint32_t>{0, 3, 6, 6, 8}));
  EXPECT_EQ(study.texts, (std::vector<std::string>{"DK"}));
  // Round 1, S2: P1 blank, P2 2, P3 4.5.
  EXPECT_EQ(study.answers.kind[3], AnswerKind::blank);
  EXPECT_EQ(study.answers.number[4], 2.0);
  EXPECT_EQ(study.answers.number[5], 4.5);
  EXPECT_EQ(study.answers.kind[2], AnswerKind::text);
  ASSERT_GE(study.files.size(), 3u);
  EXPECT_EQ(study.files.back().name, "ratings.csv");
  EXPECT_EQ(study.files.back().rows, 8u);
}

TEST(LoadStudy, ReadsTheBasicStudyWithItsInvitations) {
  const Loaded loaded = load_fixture("valid-basic");
  expect_basic_study(loaded);
  EXPECT_TRUE(loaded.diagnostics.empty()) << loaded.all();
  const StudyData& study = *loaded.study;
  EXPECT_TRUE(study.has_invitations);
  EXPECT_EQ(study.invited, (std::vector<std::vector<std::uint8_t>>{{1, 1, 1}, {1, 1, 0}}));
  // Each answer remembers where its rating was: round 1, S1, P3 is "DK" on line 4.
  const Origin dk = study.answers.origin[2];
  EXPECT_EQ(study.files[dk.file].name, "ratings.csv");
  EXPECT_EQ(dk.line, 4u);
  EXPECT_EQ(dk.column, 9u);
}

TEST(LoadStudy, ReadsByteOrderMarksAndCrLfLineEnds) {
  const Loaded loaded = load_fixture("bom-crlf");
  expect_basic_study(loaded);
  EXPECT_TRUE(loaded.diagnostics.empty()) << loaded.all();
}

TEST(LoadStudy, ReadsFilesWhereEveryFieldIsQuoted) {
  const Loaded loaded = load_fixture("all-quoted");
  expect_basic_study(loaded);
  // A quoted rating's column is that of its first character, after the quote.
  EXPECT_EQ(loaded.study->answers.origin[2].column, 16u);
}

TEST(LoadStudy, ReadsItemTextsWithLineEndsAndQuotesAndCountsLinesOn) {
  const Loaded loaded = load_fixture("multiline-text");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_EQ(loaded.study->items.values[0][0], "First line\nsecond line, with \"quotes\"");
  EXPECT_EQ(loaded.study->items.ids, (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(loaded.study->files[1].rows, 2u);
}

TEST(LoadStudy, FindsColumnsByNameInAnyOrder) {
  const Loaded loaded = load_fixture("reordered");
  expect_basic_study(loaded);
}

TEST(LoadStudy, ReadsFilesWithoutAFinalLineEnd) {
  const Loaded loaded = load_fixture("no-final-newline");
  expect_basic_study(loaded);
}

TEST(LoadStudy, AHeaderWithoutRowsIsAStudyWithNoAnswers) {
  const Loaded loaded = load_fixture("header-only");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_EQ(loaded.study->answers.size(), 0u);
  EXPECT_EQ(loaded.study->rounds, 0);
  EXPECT_EQ(loaded.study->cell_begin, (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(loaded.study->has_invitations);
}

TEST(LoadStudy, SortsShuffledRatingsWithCriteriaIntoCellOrder) {
  // The fixture's rating encodes its key: round*1000 + item*100 +
  // criterion*10 + panelist, with items, criteria and panelists numbered
  // from 1 in the order of panel.csv, items.csv and first appearance.
  const Loaded loaded = load_fixture("shuffled");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const StudyData& study = *loaded.study;
  ASSERT_EQ(study.criteria.size(), 2u);
  ASSERT_EQ(study.answers.size(), 24u);
  std::vector<std::uint32_t> expected_begin;
  for (std::uint32_t c = 0; c <= 8; ++c)
    expected_begin.push_back(3 * c);
  EXPECT_EQ(study.cell_begin, expected_begin);
  // The fixture names criteria "useful" (1) and "acceptable" (2) by code
  // digit; their index here is their order of first appearance.
  const auto criterion_code = [&](std::size_t index) {
    return study.criteria[index] == "useful" ? 0 : 1;
  };
  for (int r = 1; r <= 2; ++r) {
    for (std::uint32_t i = 0; i < 2; ++i) {
      for (std::uint32_t c = 0; c < 2; ++c) {
        const std::size_t cell = study.cell_index(r, i, c);
        for (std::uint32_t p = 0; p < 3; ++p) {
          const std::uint32_t k = study.cell_begin[cell] + p;
          EXPECT_EQ(study.answers.panelist[k], p);
          EXPECT_EQ(study.answers.number[k],
                    r * 1000 + (i + 1) * 100 + criterion_code(c) * 10 + (p + 1));
        }
      }
    }
  }
}

TEST(LoadStudy, AnEmptyLineIsAWarningAndSkipped) {
  const Loaded loaded = load_fixture("empty-lines");
  expect_basic_study(loaded);
  EXPECT_TRUE(has_diagnostic(loaded, Severity::warning, "ratings.csv", 7, 1, "empty line"));
}

TEST(LoadStudy, AnUnusedColumnIsAWarning) {
  const Loaded loaded = load_fixture("unused-column");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_TRUE(has_diagnostic(loaded, Severity::warning, "ratings.csv", 1, 28,
                             "column 'comment' is not used"));
}

TEST(LoadStudy, AColumnWithoutANameIsAWarningAndNotAnAttribute) {
  const Loaded loaded = load_fixture("unnamed-column");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_EQ(loaded.study->panel.columns, (std::vector<std::string>{"group"}));
  EXPECT_TRUE(has_diagnostic(loaded, Severity::warning, "panel.csv", 1, 10,
                             "column 2 has no name, so it is not used"));
  EXPECT_TRUE(has_diagnostic(loaded, Severity::warning, "ratings.csv", 1, 28,
                             "column 5 has no name, so it is not used"));
}

TEST(LoadStudy, InvitationsBeyondTheLastRoundAreAWarning) {
  const Loaded loaded = load_fixture("invitation-beyond");
  expect_basic_study(loaded);
  EXPECT_TRUE(has_diagnostic(loaded, Severity::warning, "invitations.csv", 7, 1,
                             "invitations to round 3, but the last round with answers is 2"));
}

// ---------------------------------------------------------------------------
// Malformed studies: no StudyData, and each error where it belongs.

TEST(LoadStudyErrors, AMissingFileIsNamedByItsPath) {
  const Loaded loaded = load_fixture("missing-file");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "missing-file/items.csv", 0, 0, "file not found"));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();  // no unknown-item cascade
}

TEST(LoadStudyErrors, AMissingFolderIsNamed) {
  const Loaded loaded = testing::load_folder(testing::fixture("no-such-study"));
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "no-such-study", 0, 0, "folder not found"));
}

TEST(LoadStudyErrors, AMissingColumnNamesTheRequiredColumns) {
  const Loaded loaded = load_fixture("missing-column");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 1, 1,
                        "missing column 'rating': the header (the first line) of ratings.csv "
                        "must name the columns round, panelist, item and rating (and optionally "
                        "criterion)"));
}

TEST(LoadStudyErrors, ADuplicateColumnNameIsAnError) {
  const Loaded loaded = load_fixture("duplicate-header");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 1, 28, "duplicate column 'item'"));
}

TEST(LoadStudyErrors, ARaggedRowSaysHowManyFieldsWereExpectedAndFound) {
  const Loaded loaded = load_fixture("ragged");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 11,
                        "this row has 5 fields, but the header has 4 columns"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 4, 8,
                        "this row has 3 fields, but the header has 4 columns"));
  EXPECT_EQ(loaded.count(Severity::error), 2) << loaded.all();
}

TEST(LoadStudyErrors, UnknownPanelistsAndItemsPointAtTheId) {
  const Loaded loaded = load_fixture("unknown-ids");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 3,
                        "unknown panelist 'P9': not in panel.csv; add a row for P9 to panel.csv "
                        "or correct the id"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 4, 6, "unknown item 'S7': not in items.csv"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 5, 4, "unknown panelist 'P8'"));  // in quotes
}

TEST(LoadStudyErrors, ADuplicateAnswerNamesBothRows) {
  const Loaded loaded = load_fixture("duplicate-answer");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 5, 1,
                        "duplicate answer: round 1, panelist P1, item S1 already has an answer "
                        "on line 2"));
}

TEST(LoadStudyErrors, EveryBadRoundIsReported) {
  const Loaded loaded = load_fixture("bad-rounds");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 2, 1, "bad round '0': rounds are numbered from 1"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 1, "bad round '-1'"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 4, 1, "bad round '1.5'"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 5, 1, "bad round 'x'"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 6, 1, "empty round"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 7, 1, "bad round '5000': a study has at most 1000"));
  EXPECT_EQ(loaded.count(Severity::error), 6) << loaded.all();
}

TEST(LoadStudyErrors, AGapInTheRoundsIsReportedAtTheFirstRowAfterIt) {
  const Loaded loaded = load_fixture("round-gap");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(
      has_error(loaded, "ratings.csv", 4, 1, "round 3 follows a gap: no answers have round 2"));
}

TEST(LoadStudyErrors, EmptyIdsAreErrors) {
  const Loaded loaded = load_fixture("empty-ids");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "panel.csv", 5, 1, "empty panelist id"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 6, "empty item id"));
}

TEST(LoadStudyErrors, DuplicatePanelistsAndItemsNameTheFirstRow) {
  const Loaded loaded = load_fixture("duplicate-ids");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "panel.csv", 5, 1,
                        "duplicate panelist 'P2': already on line 3 in panel.csv"));
  EXPECT_TRUE(
      has_error(loaded, "items.csv", 4, 1, "duplicate item 'S1': already on line 2 in items.csv"));
}

TEST(LoadStudyErrors, ARatingFromAPanelistNotInvitedToTheRoundIsAnError) {
  const Loaded loaded = load_fixture("not-invited");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 5, 3,
                        "panelist P3 answers in round 2 but was not invited to it: "
                        "invitations.csv has no row for round 2 and P3"));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();
}

TEST(LoadStudyErrors, BadInvitationsAreErrorsWithoutRepeatingThemInTheRatings) {
  const Loaded loaded = load_fixture("invitation-errors");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "invitations.csv", 3, 3, "unknown panelist 'P9'"));
  EXPECT_TRUE(has_error(loaded, "invitations.csv", 4, 1,
                        "duplicate invitation: panelist P1 is already invited to round 1 on "
                        "line 2"));
  EXPECT_TRUE(has_error(loaded, "invitations.csv", 5, 1, "bad round 'x'"));
  // P2's invitation to round 1 was on the bad line: its ratings are not
  // reported as uninvited on top.
  EXPECT_EQ(loaded.count(Severity::error), 3) << loaded.all();
}

TEST(LoadStudyErrors, AnEmptyCriterionIsAnErrorWhenTheColumnExists) {
  const Loaded loaded = load_fixture("empty-criterion");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 9, "empty criterion"));
}

TEST(LoadStudyErrors, AnUnterminatedQuotePointsAtTheOpeningQuote) {
  const Loaded loaded = load_fixture("unterminated-quote");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "items.csv", 3, 4, "add a closing \""));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();  // no unknown-item cascade
}

TEST(LoadStudyErrors, AQuoteInsideAnUnquotedFieldIsAnError) {
  const Loaded loaded = load_fixture("quote-in-field");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "items.csv", 3, 11, "a quote inside a field"));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();
}

TEST(LoadStudyErrors, TextAfterAClosingQuoteIsAnError) {
  const Loaded loaded = load_fixture("text-after-quote");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "items.csv", 3, 12, "text after the closing quote"));
}

TEST(LoadStudyErrors, ANulByteIsAnError) {
  const Loaded loaded = load_fixture("nul-byte");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 10, "a NUL byte"));
}

TEST(LoadStudyErrors, InvalidUtf8IsAnError) {
  const Loaded loaded = load_fixture("invalid-utf8");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "panel.csv", 2, 8, "not valid UTF-8"));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();  // no unknown-panelist cascade
}

TEST(LoadStudyErrors, AnEmptyFileNeedsAHeader) {
  const Loaded loaded = load_fixture("empty-file");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 1, 1,
                        "ratings.csv is empty; its first line must name the columns: round, "
                        "panelist, item and rating"));
}

TEST(LoadStudyErrors, OldMacLineEndsAreAnError) {
  const Loaded loaded = load_fixture("lone-cr");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 1, 27, "carriage return without a line feed"));
}

TEST(LoadStudyErrors, ABinaryFileIsReportedNotLoaded) {
  const Loaded loaded = load_fixture("binary");
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 1, 3, "not valid UTF-8"));
}

}  // namespace
}  // namespace tholos::study

namespace tholos::study {
namespace {

using testing::has_error;
using testing::load_fixture;
using testing::Loaded;

// ---------------------------------------------------------------------------
// Ratings the loader cannot judge: whether 7, 2.5 or "four" is a rating
// depends on the rule file's scale, so these folders load, every row kept
// as it was written, and binding them to a rule file reports each row (see
// tests/cli/study_folders_test.cpp).

TEST(LoadStudy, OutOfScaleRatingsLoadAsNumbersForTheRuleFileToJudge) {
  const Loaded loaded = load_fixture("out-of-scale");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const Answers& answers = loaded.study->answers;
  ASSERT_EQ(answers.size(), 8u);
  std::vector<double> numbers;
  for (std::size_t a = 0; a < answers.size(); ++a) {
    ASSERT_EQ(answers.kind[a], AnswerKind::number);
    numbers.push_back(answers.number[a]);
  }
  std::sort(numbers.begin(), numbers.end());
  EXPECT_EQ(numbers, (std::vector<double>{-1, 0, 2, 4, 5, 5, 7, 1000000}));
}

TEST(LoadStudy, FractionalRatingsLoadAsNumbers) {
  const Loaded loaded = load_fixture("fractional-rating");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const Answers& answers = loaded.study->answers;
  ASSERT_EQ(answers.size(), 8u);
  std::vector<double> numbers;
  for (std::size_t a = 0; a < answers.size(); ++a)
    numbers.push_back(answers.number[a]);
  std::sort(numbers.begin(), numbers.end());
  EXPECT_EQ(numbers, (std::vector<double>{0.5, 2, 2.5, 3.25, 4, 4, 4, 5}));
}

TEST(LoadStudy, NonNumericRatingsLoadAsTextsNotAsBlanks) {
  const Loaded loaded = load_fixture("non-numeric-rating");
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const StudyData& study = *loaded.study;
  ASSERT_EQ(study.answers.size(), 8u);
  int texts = 0;
  for (std::size_t a = 0; a < study.answers.size(); ++a)
    texts += study.answers.kind[a] == AnswerKind::text ? 1 : 0;
  EXPECT_EQ(texts, 6);  // four, DK, 4/5, 1e999 (beyond a double), NaN, dk
  std::vector<std::string> sorted = study.texts;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(sorted, (std::vector<std::string>{"1e999", "4/5", "DK", "NaN", "dk", "four"}));
}

// ---------------------------------------------------------------------------
// Generated studies: the basic study with one file changed, written to a
// temporary folder (large inputs are made here rather than committed).

class GeneratedStudy {
 public:
  explicit GeneratedStudy(const std::string& name)
      : dir_(std::filesystem::path(::testing::TempDir()) /
             ("tholos_" + name + "_" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    write("panel.csv", "panelist,group\nP1,patient\nP2,patient\nP3,clinician\n");
    write("items.csv", "item,text\nS1,First statement\nS2,Second statement\n");
    write("ratings.csv", "round,panelist,item,rating\n1,P1,S1,4\n1,P2,S1,5\n1,P3,S1,3\n");
  }
  ~GeneratedStudy() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  void write(const std::string& file, const std::string& text) const {
    std::ofstream(dir_ / file, std::ios::binary) << text;
  }
  Loaded load() const { return testing::load_folder(dir_.string()); }

 private:
  std::filesystem::path dir_;
};

// A study larger than the reader's chunks (256 KiB), written panelist by
// panelist (so its answers are sorted into cells), with a quoted note over
// two lines every 997 rows: ratings.csv is 0.8 MB of 60,000 rows.
struct LargeStudy {
  static constexpr int kPanelists = 150, kItems = 200, kRounds = 2;
  std::string ratings = "round,panelist,item,rating,note\n";
  int lines = 1;  // lines written so far
  // line_of[((round - 1) * kItems + item) * kPanelists + panelist]: the line of
  // that answer's row, which is also the answer's index once it is loaded.
  std::vector<int> line_of;

  LargeStudy() : line_of(kRounds * kItems * kPanelists) {
    int row = 0;
    for (int r = 1; r <= kRounds; ++r) {
      for (int p = 0; p < kPanelists; ++p) {
        for (int i = 0; i < kItems; ++i) {
          line_of[((r - 1) * kItems + i) * kPanelists + p] = ++lines;
          ratings += row_text(r, p, i, (p + i) % 9 + 1);
          if (++row % 997 == 0) {
            ratings += ",\"first line\nsecond line\"\n";
            ++lines;
          } else {
            ratings += ",\n";
          }
        }
      }
    }
  }
  static std::string row_text(int round, int panelist, int item, int rating) {
    return std::to_string(round) + ",P" + std::to_string(panelist) + ",S" + std::to_string(item) +
           "," + std::to_string(rating);
  }
  void write(const GeneratedStudy& study) const {
    std::string panel = "panelist\n", items = "item\n";
    for (int p = 0; p < kPanelists; ++p)
      panel.append("P").append(std::to_string(p)).append("\n");
    for (int i = 0; i < kItems; ++i)
      items.append("S").append(std::to_string(i)).append("\n");
    study.write("panel.csv", panel);
    study.write("items.csv", items);
    study.write("ratings.csv", ratings);
  }
};

TEST(LoadStudy, AnswersOfALargeFileReadInChunksAreFoundAgainAtTheirLines) {
  const LargeStudy large;
  ASSERT_GT(large.ratings.size(), 3u * 256 * 1024);
  GeneratedStudy folder("large");
  large.write(folder);
  const Loaded loaded = folder.load();
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const StudyData& study = *loaded.study;
  ASSERT_EQ(study.answers.size(), large.line_of.size());
  EXPECT_EQ(study.files.back().rows, large.line_of.size());
  // The loader kept no positions: they are found by reading the file again.
  for (const std::size_t a : {std::size_t{0}, std::size_t{1}, std::size_t{12345},
                              std::size_t{40000}, large.line_of.size() - 1}) {
    const Origin at = study.answers.origin[a];
    EXPECT_EQ(study.files[at.file].name, "ratings.csv");
    EXPECT_EQ(at.line, static_cast<std::uint32_t>(large.line_of[a])) << "answer " << a;
    EXPECT_EQ(at.column, 9u + (a % LargeStudy::kPanelists >= 10 ? 1u : 0u) +
                             (a % LargeStudy::kPanelists >= 100 ? 1u : 0u) +
                             ((a / LargeStudy::kPanelists) % LargeStudy::kItems >= 10 ? 1u : 0u) +
                             ((a / LargeStudy::kPanelists) % LargeStudy::kItems >= 100 ? 1u : 0u))
        << "answer " << a;
  }
}

// The positions are found when first asked for: if ratings.csv is gone by
// then, an answer's origin names the file without a line (never a wrong
// line, never a crash).
TEST(LoadStudy, AnswersOfAFileGoneSinceLoadingHaveNoLine) {
  GeneratedStudy folder("gone");
  const Loaded loaded = folder.load();
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  folder.write("ratings.csv", "");  // emptied: no row to find
  const StudyData& study = *loaded.study;
  ASSERT_EQ(study.answers.size(), 3u);
  for (std::size_t a = 0; a < study.answers.size(); ++a) {
    const Origin at = study.answers.origin[a];
    EXPECT_EQ(study.files[at.file].name, "ratings.csv");
    EXPECT_EQ(at.line, 0u);
  }
}

TEST(LoadStudyErrors, ADuplicateAnswerDeepInALargeFileNamesBothLines) {
  LargeStudy large;
  // Round 2, P140, S199 again, at the end; and round 1, P3, S7 again, deep
  // in the file, on the line after a note past the middle.
  const int first_line = large.line_of[(7) * LargeStudy::kPanelists + 3];
  const int last_line =
      large.line_of[((1) * LargeStudy::kItems + 199) * LargeStudy::kPanelists + 140];
  large.ratings += LargeStudy::row_text(2, 140, 199, 5) + ",\n";
  const int appended_line = large.lines + 1;
  GeneratedStudy folder("large_duplicate");
  std::string text = large.ratings;
  const std::size_t at = text.find("\"first line\nsecond line\"\n", text.size() / 2);
  ASSERT_NE(at, std::string::npos);
  const std::size_t insert = at + std::string("\"first line\nsecond line\"\n").size();
  const int inserted_line =
      static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(insert), '\n')) +
      1;
  text.insert(insert, LargeStudy::row_text(1, 3, 7, 2) + ",\n");
  large.ratings = text;
  large.write(folder);
  const Loaded loaded = folder.load();
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "ratings.csv", inserted_line, 1,
                        "duplicate answer: round 1, panelist P3, item S7 already has an answer "
                        "on line " +
                            std::to_string(first_line)));
  // The row after the inserted one moved down a line.
  EXPECT_TRUE(has_error(loaded, "ratings.csv", appended_line + 1, 1,
                        "duplicate answer: round 2, panelist P140, item S199 already has an "
                        "answer on line " +
                            std::to_string(last_line + (last_line >= inserted_line ? 1 : 0))));
  EXPECT_EQ(loaded.count(Severity::error), 2) << loaded.all();
}

// A rating written with more digits than a double holds is judged by its
// digits: 4.9999999999999999 is not the rating 5 (its double is 5.0), and
// 4.0000000000000001 is not the rating 4. Each loads as a number that is
// not whole, which binding reports (see
// tests/lang/data/rating_that_rounds_to_a_whole_number.tholos).
TEST(LoadStudy, RatingsThatRoundToAWholeNumberLoadAsNumbersThatAreNot) {
  GeneratedStudy study("near_whole_ratings");
  study.write("ratings.csv",
              "round,panelist,item,rating\n1,P1,S1,4.9999999999999999\n1,P2,S1,"
              "4.0000000000000001\n1,P3,S1,5.0000000000000000\n");
  const Loaded loaded = study.load();
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const Answers& answers = loaded.study->answers;
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_LT(answers.number[0], 5.0);
  EXPECT_GT(answers.number[0], 4.99);
  EXPECT_GT(answers.number[1], 4.0);
  EXPECT_LT(answers.number[1], 4.01);
  EXPECT_EQ(answers.number[2], 5.0);
}

TEST(LoadStudyLimits, AnItemTextOfExactlyTheFieldLimitLoads) {
  GeneratedStudy study("field_at_limit");
  const std::string text(limits::kMaxCsvFieldBytes, 'x');
  study.write("items.csv", "item,text\nS1," + text + "\nS2,\"" + text + "\"\n");
  const Loaded loaded = study.load();
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_EQ(loaded.study->items.values[0][0].size(), limits::kMaxCsvFieldBytes);
  EXPECT_EQ(loaded.study->items.values[0][1].size(), limits::kMaxCsvFieldBytes);
}

TEST(LoadStudyLimits, AnItemTextOneBytePastTheFieldLimitIsAnErrorAtTheField) {
  GeneratedStudy study("field_past_limit");
  const std::string text(limits::kMaxCsvFieldBytes + 1, 'x');
  study.write("items.csv", "item,text\nS1,\"" + text + "\"\nS2," + text + "\n");
  const Loaded loaded = study.load();
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "items.csv", 2, 4,
                        "a field of 65537 bytes, more than the limit of 65536; shorten it, or if "
                        "it should not be this long, look for a quote that is not closed"));
  EXPECT_TRUE(has_error(loaded, "items.csv", 3, 4, "a field of 65537 bytes"));
  // The excerpt is a window, not 64 KiB.
  for (const Diagnostic& d : loaded.diagnostics)
    EXPECT_LT(d.rendered.size(), 1000u);
}

TEST(LoadStudyLimits, ExactlyFiftyBadRowsAreAllShownWithoutANote) {
  GeneratedStudy study("fifty_errors");
  std::string ratings = "round,panelist,item,rating\n";
  for (int i = 0; i < limits::kMaxDiagnostics; ++i)
    ratings += "1,X" + std::to_string(i) + ",S1,4\n";
  study.write("ratings.csv", ratings);
  const Loaded loaded = study.load();
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_EQ(loaded.count(Severity::error), 50);
  EXPECT_EQ(loaded.count(Severity::note), 0) << loaded.all();
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 51, 3, "unknown panelist 'X49'"));
}

TEST(LoadStudyLimits, ThousandsOfBadRowsShowFiftyErrorsThenOneNote) {
  for (const int rows : {limits::kMaxDiagnostics + 1, 5000}) {
    GeneratedStudy study("many_errors");
    std::string ratings = "round,panelist,item,rating\n";
    for (int i = 0; i < rows; ++i)
      ratings += "1,X" + std::to_string(i) + ",S1,4\n";
    study.write("ratings.csv", ratings);
    const Loaded loaded = study.load();
    EXPECT_FALSE(loaded.study.has_value());
    EXPECT_EQ(loaded.count(Severity::error), 50);
    ASSERT_EQ(loaded.count(Severity::note), 1) << loaded.all();
    EXPECT_EQ(loaded.diagnostics.back().rendered,
              "note: too many errors; stopped after the first 50: correct these and run again");
  }
}

TEST(LoadStudyLimits, WarningsPastTheirLimitGiveOneNoteAndTheStudyStillLoads) {
  for (const int empty_lines : {limits::kMaxWarnings, limits::kMaxWarnings + 1}) {
    GeneratedStudy study("many_warnings");
    study.write("ratings.csv", "round,panelist,item,rating\n1,P1,S1,4\n" +
                                   std::string(static_cast<std::size_t>(empty_lines), '\n') +
                                   "1,P2,S1,5\n");
    const Loaded loaded = study.load();
    ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
    EXPECT_EQ(loaded.study->answers.size(), 2u);  // the row after the empty lines is kept
    EXPECT_EQ(loaded.count(Severity::warning), limits::kMaxWarnings);
    EXPECT_EQ(loaded.count(Severity::note), empty_lines > limits::kMaxWarnings ? 1 : 0);
  }
}

// `P1,a` and `P1 ,b` would otherwise be two panelists, and ratings by
// `P1 ` would count for the second.
TEST(LoadStudyErrors, AnIdWithSpacesAroundItIsAnErrorAtItsFileLineAndColumn) {
  GeneratedStudy study("ids_with_spaces");
  study.write("panel.csv", "panelist,group\nP1,a\nP1 ,b\nP2,a\n P3,b\n");
  study.write("items.csv", "item,text\nS1,First\nS2\t,Second\n");
  study.write("invitations.csv", "round,panelist\n1,P1\n1,P2\n1,P3\n1,\" P2\"\n");
  study.write("ratings.csv",
              "round,panelist,item,rating\n1,P1,S1,4\n1,P1 ,S1,5\n1,P2,S2,3\n1,P3,S1,4\n");
  const Loaded loaded = study.load();
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "panel.csv", 3, 1,
                        "the panelist id 'P1 ' has a space after it; remove the space (ids are "
                        "compared exactly)"));
  EXPECT_TRUE(has_error(loaded, "panel.csv", 5, 1,
                        "the panelist id ' P3' has a space before it; remove the space"));
  EXPECT_TRUE(has_error(loaded, "items.csv", 3, 1,
                        "the item id 'S2\t' has a tab after it; remove the tab"));
  // Inside quotes the column is the value's.
  EXPECT_TRUE(has_error(loaded, "invitations.csv", 5, 4,
                        "the panelist id ' P2' has a space before it; remove the space"));
  EXPECT_TRUE(has_error(loaded, "ratings.csv", 3, 3,
                        "the panelist id 'P1 ' has a space after it; remove the space"));
  // Nothing else: P3 and S2, named without their spaces, are not unknown.
  EXPECT_EQ(loaded.count(Severity::error), 5) << loaded.all();
  // The caret underlines the id with its spaces.
  EXPECT_NE(loaded.all().find(" 3 | 1,P1 ,S1,5\n   |   ^~~\n"), std::string::npos) << loaded.all();
}

// The fix for a panelist listed twice, once with a space, is to remove the
// row with the space: it is the one reported, and P1's ratings stand.
TEST(LoadStudyErrors, AnIdWithASpaceBesideTheSameIdIsReportedOnceNotAsADuplicate) {
  GeneratedStudy study("id_and_id_with_space");
  study.write("panel.csv", "panelist,group\nP1,a\nP2,a\nP3,b\nP1 ,b\n");
  const Loaded loaded = study.load();
  EXPECT_FALSE(loaded.study.has_value());
  EXPECT_TRUE(has_error(loaded, "panel.csv", 5, 1, "the panelist id 'P1 ' has a space after it"));
  EXPECT_EQ(loaded.count(Severity::error), 1) << loaded.all();
}

TEST(LoadStudyErrors, ControlCharactersInAnIdAreShownAsSymbolsNotSentToTheTerminal) {
  GeneratedStudy study("control_characters");
  study.write("ratings.csv", "round,panelist,item,rating\n1,P\x1b[2J,S1,4\n");
  const Loaded loaded = study.load();
  EXPECT_FALSE(loaded.study.has_value());
  ASSERT_TRUE(has_error(loaded, "ratings.csv", 2, 3, "unknown panelist 'P\x1b[2J'"));
  const std::string all = loaded.all();
  EXPECT_EQ(all.find('\x1b'), std::string::npos) << all;
  EXPECT_NE(all.find("unknown panelist 'P\u241B[2J'"), std::string::npos) << all;
  EXPECT_NE(all.find(" 2 | 1,P\u241B[2J,S1,4\n   |   ^~~~~"), std::string::npos) << all;
}

}  // namespace
}  // namespace tholos::study
