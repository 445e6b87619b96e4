// The StudyBuilder used directly, as a host application would: answers in
// any order come out in cell order, and what needs all rows (duplicates,
// rounds without gaps, invitations) is checked.
#include "study/study_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace tholos::study {
namespace {

// A host's answer: the value encodes its key, so that its place in cell
// order can be checked: round * 1000 + item * 100 + criterion * 10 + panelist.
struct HostAnswer {
  int round;
  int item;       // 0-based
  int criterion;  // 0-based
  int panelist;   // 0-based
  double code() const { return round * 1000 + item * 100 + criterion * 10 + panelist; }
};

const std::vector<std::string> kPanel = {"P1", "P2", "P3"};
const std::vector<std::string> kItems = {"S1", "S2"};
const std::vector<std::string> kCriteria = {"useful", "acceptable"};

void add_panel_and_items(StudyBuilder& builder) {
  builder.begin_panel({"group"});
  const std::vector<std::string> groups = {"patient", "patient", "clinician"};
  for (std::size_t p = 0; p < kPanel.size(); ++p) {
    const std::string_view group = groups[p];
    ASSERT_TRUE(builder.add_panelist(kPanel[p], std::span(&group, 1)));
  }
  builder.begin_items({});
  for (const std::string& item : kItems)
    ASSERT_TRUE(builder.add_item(item, {}));
}

AnswerRow row_for(const HostAnswer& a) {
  AnswerRow row;
  row.round = a.round;
  row.panelist = kPanel[static_cast<std::size_t>(a.panelist)];
  row.item = kItems[static_cast<std::size_t>(a.item)];
  row.criterion = kCriteria[static_cast<std::size_t>(a.criterion)];
  row.value = {AnswerKind::number, a.code(), {}};
  return row;
}

// Every (round, item, criterion, panelist) of 2 rounds, in cell order, except
// that panelist P2 does not answer S2 in round 2.
std::vector<HostAnswer> all_answers() {
  std::vector<HostAnswer> answers;
  for (int r = 1; r <= 2; ++r) {
    for (int i = 0; i < 2; ++i) {
      for (int c = 0; c < 2; ++c) {
        for (int p = 0; p < 3; ++p) {
          if (r == 2 && i == 1 && p == 1) continue;
          answers.push_back({r, i, c, p});
        }
      }
    }
  }
  return answers;
}

std::optional<StudyData> build(const std::vector<HostAnswer>& answers,
                               DiagnosticList& diagnostics) {
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(true);
  for (const HostAnswer& a : answers)
    EXPECT_TRUE(builder.add_answer(row_for(a)));
  return builder.finish();
}

void expect_cell_order(const StudyData& study) {
  // Cell c = ((round - 1) * items + item) * criteria + criterion; its
  // answers are the ones whose code says so, by panelist.
  ASSERT_EQ(study.rounds, 2);
  ASSERT_EQ(study.criterion_count(), 2u);
  const std::vector<std::uint32_t> expected_begin = {0, 3, 6, 9, 12, 15, 18, 20, 22};
  EXPECT_EQ(study.cell_begin, expected_begin);
  for (int r = 1; r <= 2; ++r) {
    for (std::uint32_t i = 0; i < 2; ++i) {
      for (std::uint32_t c = 0; c < 2; ++c) {
        const std::size_t cell = study.cell_index(r, i, c);
        std::vector<double> codes;
        for (std::uint32_t k = study.cell_begin[cell]; k < study.cell_begin[cell + 1]; ++k) {
          codes.push_back(study.answers.number[k]);
          EXPECT_EQ(study.answers.kind[k], AnswerKind::number);
        }
        std::vector<double> expected;
        for (int p = 0; p < 3; ++p) {
          if (r == 2 && i == 1 && p == 1) continue;
          expected.push_back(HostAnswer{r, static_cast<int>(i), static_cast<int>(c), p}.code());
        }
        EXPECT_EQ(codes, expected) << "round " << r << " item " << i << " criterion " << c;
      }
    }
  }
  for (std::size_t k = 0; k < study.answers.size(); ++k) {
    EXPECT_EQ(study.answers.panelist[k],
              static_cast<std::uint32_t>(static_cast<int>(study.answers.number[k]) % 10));
  }
}

TEST(StudyBuilder, SortsShuffledAnswersIntoCellOrder) {
  std::vector<HostAnswer> answers = all_answers();
  std::mt19937 random(42);
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::shuffle(answers.begin(), answers.end(), random);
    DiagnosticList diagnostics;
    const std::optional<StudyData> study = build(answers, diagnostics);
    ASSERT_TRUE(study.has_value());
    EXPECT_EQ(study->criteria, (std::vector<std::string>{"useful", "acceptable"}));
    expect_cell_order(*study);
  }
}

TEST(StudyBuilder, KeepsAnswersAlreadyInCellOrder) {
  DiagnosticList diagnostics;
  const std::optional<StudyData> study = build(all_answers(), diagnostics);
  ASSERT_TRUE(study.has_value());
  expect_cell_order(*study);
}

TEST(StudyBuilder, SortsPanelistsWithinCellsThatAreInOrder) {
  // Cells in order, panelists in reverse within each (as in a file sorted
  // by panelist name where the panel file lists them otherwise).
  std::vector<HostAnswer> answers = all_answers();
  std::vector<HostAnswer> reversed;
  for (std::size_t k = 0; k < answers.size();) {
    std::size_t end = k;
    while (end < answers.size() && answers[end].round == answers[k].round &&
           answers[end].item == answers[k].item && answers[end].criterion == answers[k].criterion)
      ++end;
    for (std::size_t j = end; j > k; --j)
      reversed.push_back(answers[j - 1]);
    k = end;
  }
  DiagnosticList diagnostics;
  const std::optional<StudyData> study = build(reversed, diagnostics);
  ASSERT_TRUE(study.has_value());
  expect_cell_order(*study);
}

TEST(StudyBuilder, CriteriaAreNumberedInOrderOfFirstAppearance) {
  std::vector<HostAnswer> answers = all_answers();
  std::reverse(answers.begin(), answers.end());  // "acceptable" comes first now
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(true);
  for (const HostAnswer& a : answers)
    builder.add_answer(row_for(a));
  const std::optional<StudyData> study = builder.finish();
  ASSERT_TRUE(study.has_value());
  EXPECT_EQ(study->criteria, (std::vector<std::string>{"acceptable", "useful"}));
  // Round 1, S1, "acceptable" (index 0 now) holds the codes with criterion 1.
  const std::size_t cell = study->cell_index(1, 0, 0);
  EXPECT_EQ(study->answers.number[study->cell_begin[cell]], 1010.0);
}

TEST(StudyBuilder, ADuplicateAnswerIsAnErrorNamingItsKey) {
  std::vector<HostAnswer> answers = all_answers();
  answers.push_back({1, 1, 0, 2});  // round 1, S2, useful, P3 again
  DiagnosticList diagnostics;
  EXPECT_FALSE(build(answers, diagnostics).has_value());
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].message,
            "duplicate answer: round 1, panelist P3, item S2, criterion useful already has an "
            "answer; remove one of the two rows");
}

TEST(StudyBuilder, RoundsMustRunFromOneWithoutGaps) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(false);
  AnswerRow row;
  row.panelist = "P1";
  row.item = "S1";
  row.round = 1;
  EXPECT_TRUE(builder.add_answer(row));
  row.round = 4;
  EXPECT_TRUE(builder.add_answer(row));
  row.round = 0;
  EXPECT_FALSE(builder.add_answer(row));
  EXPECT_FALSE(builder.finish().has_value());
  ASSERT_EQ(diagnostics.error_count(), 2);
  EXPECT_NE(diagnostics.items()[0].message.find("bad round 0"), std::string::npos);
  EXPECT_NE(diagnostics.items()[1].message.find("round 4 follows a gap: no answers have rounds 2 "
                                                "to 3"),
            std::string::npos)
      << diagnostics.items()[1].message;
}

TEST(StudyBuilder, AcceptsRoundsUpToTheLimitAndNoMore) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(false);
  AnswerRow row;
  row.panelist = "P1";
  row.item = "S1";
  for (int round = 1; round <= kMaxRounds; ++round) {
    row.round = round;
    ASSERT_TRUE(builder.add_answer(row));
  }
  row.round = kMaxRounds + 1;
  EXPECT_FALSE(builder.add_answer(row));
  EXPECT_FALSE(builder.finish().has_value());
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_EQ(diagnostics.items()[0].message,
            "bad round 1001: rounds are numbered from 1 to at most 1000");

  DiagnosticList at_limit;
  StudyBuilder full(at_limit);
  add_panel_and_items(full);
  full.begin_answers(false);
  for (int round = 1; round <= kMaxRounds; ++round) {
    row.round = round;
    full.add_answer(row);
  }
  const std::optional<StudyData> study = full.finish();
  ASSERT_TRUE(study.has_value());
  EXPECT_EQ(study->rounds, kMaxRounds);
  EXPECT_EQ(study->cell_begin.size(), 2u * kMaxRounds + 1);
}

TEST(StudyBuilder, AStudyWithTooManyCellsIsAnErrorBeforeAnythingIsAllocated) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  builder.begin_panel({});
  builder.add_panelist("P1", {});
  builder.begin_items({});
  // 1000 rounds x 70000 items > 2^26 cells.
  for (int i = 0; i < 70000; ++i)
    builder.add_item(std::string("S").append(std::to_string(i)), {});
  builder.begin_answers(false);
  AnswerRow row;
  row.panelist = "P1";
  row.item = "S0";
  for (int round = 1; round <= kMaxRounds; ++round) {
    row.round = round;
    builder.add_answer(row);
  }
  EXPECT_FALSE(builder.finish().has_value());
  ASSERT_EQ(diagnostics.error_count(), 1);
  EXPECT_NE(diagnostics.items()[0].message.find("the study is too large"), std::string::npos);
}

TEST(StudyBuilder, UnknownIdsAreErrorsThatSayWhereTheIdsComeFrom) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(false);
  AnswerRow row;
  row.round = 1;
  row.panelist = "P9";
  row.item = "S1x";
  EXPECT_FALSE(builder.add_answer(row));
  ASSERT_EQ(diagnostics.error_count(), 2);
  EXPECT_EQ(diagnostics.items()[0].message,
            "unknown panelist 'P9': not in the panel; add a row for P9 to the panel or correct "
            "the id");
  EXPECT_EQ(diagnostics.items()[1].message,
            "unknown item 'S1x': not in the items; add a row for S1x to the items or correct "
            "the id; did you mean 'S1'?");
  EXPECT_FALSE(builder.finish().has_value());
}

// Ids are compared exactly, and spaces around one cannot be seen in a
// message: "P1 " beside "P1" would be a second panelist, and an answer by
// "P1 " an answer by no one.
TEST(StudyBuilder, AnIdWithSpacesAroundItIsAnErrorInEveryTable) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  builder.begin_panel({"group"});
  const std::string_view a = "a", b = "b";
  EXPECT_TRUE(builder.add_panelist("P1", std::span(&a, 1), {0, 2, 1}));
  EXPECT_FALSE(builder.add_panelist("P1 ", std::span(&b, 1), {0, 3, 1}));
  EXPECT_FALSE(builder.add_panelist("\tP2", std::span(&b, 1), {0, 4, 1}));
  EXPECT_FALSE(builder.add_panelist(" P3  ", std::span(&b, 1), {0, 5, 1}));
  EXPECT_FALSE(builder.add_panelist("   ", std::span(&b, 1), {0, 6, 1}));
  builder.begin_items({});
  EXPECT_FALSE(builder.add_item("S1\t\t", {}, {0, 7, 1}));
  builder.begin_invitations();
  EXPECT_FALSE(builder.add_invitation(1, " P1", {0, 8, 1}, {0, 8, 3}));
  builder.begin_answers(false);
  AnswerRow row;
  row.round = 1;
  row.panelist = "P1 ";
  row.item = "S1";
  row.value = classify_answer("4");
  EXPECT_FALSE(builder.add_answer(row));
  const std::vector<std::string> expected = {
      "the panelist id 'P1 ' has a space after it; remove the space (ids are compared exactly)",
      "the panelist id '\tP2' has a tab before it; remove the tab (ids are compared exactly)",
      "the panelist id ' P3  ' has spaces around it; remove them (ids are compared exactly)",
      "empty panelist id; every row of the panel needs an id in column 'panelist'",
      "the item id 'S1\t\t' has tabs after it; remove them (ids are compared exactly)",
      "the panelist id ' P1' has a space before it; remove the space (ids are compared exactly)",
      "the panelist id 'P1 ' has a space after it; remove the space (ids are compared exactly)",
  };
  std::vector<std::string> messages;
  for (const Diagnostic& d : diagnostics.items())
    messages.push_back(d.message);
  EXPECT_EQ(messages, expected);
  EXPECT_FALSE(builder.finish().has_value());
}

// A panelist whose id has a space after it is reported once, in the panel:
// the answers that name it without the space are not reported as unknown
// too.
TEST(StudyBuilder, AnIdWithSpacesIsReportedOnceNotAgainWhereItIsUsed) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  builder.begin_panel({});
  EXPECT_TRUE(builder.add_panelist("P1", {}));
  EXPECT_FALSE(builder.add_panelist("P2 ", {}));
  builder.begin_items({});
  EXPECT_FALSE(builder.add_item(" S1", {}));
  builder.begin_answers(false);
  AnswerRow row;
  row.round = 1;
  row.panelist = "P2";
  row.item = "S1";
  row.value = classify_answer("4");
  builder.add_answer(row);
  ASSERT_EQ(diagnostics.error_count(), 2);
  EXPECT_NE(diagnostics.items()[0].message.find("'P2 '"), std::string::npos);
  EXPECT_NE(diagnostics.items()[1].message.find("' S1'"), std::string::npos);
  EXPECT_FALSE(builder.finish().has_value());
}

TEST(StudyBuilder, WithoutInvitationsEveryPanelistIsInvitedToEveryRound) {
  DiagnosticList diagnostics;
  const std::optional<StudyData> study = build(all_answers(), diagnostics);
  ASSERT_TRUE(study.has_value());
  EXPECT_FALSE(study->has_invitations);
  const std::vector<std::vector<std::uint8_t>> all(2, std::vector<std::uint8_t>(3, 1));
  EXPECT_EQ(study->invited, all);
}

TEST(StudyBuilder, InvitationsSayWhoMayAnswerInWhichRound) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_invitations();
  EXPECT_TRUE(builder.add_invitation(1, "P1"));
  EXPECT_TRUE(builder.add_invitation(1, "P3"));
  EXPECT_TRUE(builder.add_invitation(2, "P1"));
  EXPECT_FALSE(builder.add_invitation(2, "P1"));  // duplicate
  EXPECT_FALSE(builder.add_invitation(1, "P7"));  // unknown
  builder.begin_answers(false);
  AnswerRow row;
  row.item = "S1";
  row.round = 1;
  row.panelist = "P1";
  EXPECT_TRUE(builder.add_answer(row));
  row.panelist = "P2";
  EXPECT_FALSE(builder.add_answer(row));  // not invited to round 1
  row.round = 2;
  row.panelist = "P1";
  EXPECT_TRUE(builder.add_answer(row));
  EXPECT_FALSE(builder.finish().has_value());
  ASSERT_EQ(diagnostics.error_count(), 3);
  EXPECT_NE(diagnostics.items()[0].message.find("duplicate invitation: panelist P1 is already "
                                                "invited to round 2"),
            std::string::npos);
  EXPECT_NE(diagnostics.items()[1].message.find("unknown panelist 'P7'"), std::string::npos);
  EXPECT_NE(diagnostics.items()[2].message.find("panelist P2 answers in round 1 but was not "
                                                "invited to it"),
            std::string::npos);
}

TEST(StudyBuilder, BuildsTheInvitationMatrixAndWarnsAboutRoundsWithoutAnswers) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_invitations();
  builder.add_invitation(1, "P1");
  builder.add_invitation(1, "P3");
  builder.add_invitation(2, "P3");  // round 2 has no answers: not used
  builder.begin_answers(false);
  AnswerRow row;
  row.item = "S2";
  row.round = 1;
  row.panelist = "P3";
  row.value = classify_answer("DK");
  builder.add_answer(row);
  const std::optional<StudyData> study = builder.finish();
  ASSERT_TRUE(study.has_value());
  EXPECT_TRUE(study->has_invitations);
  EXPECT_EQ(study->invited, (std::vector<std::vector<std::uint8_t>>{{1, 0, 1}}));
  ASSERT_EQ(diagnostics.items().size(), 1u);
  EXPECT_EQ(diagnostics.items()[0].severity, Severity::warning);
  EXPECT_NE(diagnostics.items()[0].message.find("invitations to round 2"), std::string::npos);
  // The answer is kept as text, interned.
  EXPECT_EQ(study->texts, (std::vector<std::string>{"DK"}));
  EXPECT_EQ(study->answers.kind[0], AnswerKind::text);
  EXPECT_EQ(study->answers.text[0], 0u);
}

TEST(StudyBuilder, PresentedMeansTheItemHasAnyAnswerRowInTheRound) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(false);
  AnswerRow row;
  row.panelist = "P1";
  row.round = 1;
  row.item = "S1";
  builder.add_answer(row);  // blank: shown, not answered
  row.item = "S2";
  builder.add_answer(row);
  row.round = 2;
  row.item = "S2";
  builder.add_answer(row);
  const std::optional<StudyData> study = builder.finish();
  ASSERT_TRUE(study.has_value());
  EXPECT_TRUE(study->presented(1, 0));
  EXPECT_TRUE(study->presented(1, 1));
  EXPECT_FALSE(study->presented(2, 0));
  EXPECT_TRUE(study->presented(2, 1));
  EXPECT_FALSE(study->presented(3, 0));
  EXPECT_FALSE(study->presented(0, 0));
  EXPECT_FALSE(study->presented(1, 2));
}

TEST(StudyBuilder, AnEmptyStudyHasNoRoundsAndOneCellBoundary) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  add_panel_and_items(builder);
  builder.begin_answers(false);
  const std::optional<StudyData> study = builder.finish();
  ASSERT_TRUE(study.has_value());
  EXPECT_EQ(study->rounds, 0);
  EXPECT_EQ(study->cell_begin, (std::vector<std::uint32_t>{0}));
  EXPECT_TRUE(study->invited.empty());
}

TEST(StudyBuilder, AttributeTablesFindIdsAndColumns) {
  DiagnosticList diagnostics;
  const std::optional<StudyData> study = build(all_answers(), diagnostics);
  ASSERT_TRUE(study.has_value());
  EXPECT_EQ(study->panel.find("P2"), std::optional<std::uint32_t>(1));
  EXPECT_EQ(study->panel.find("P4"), std::nullopt);
  EXPECT_EQ(study->panel.column("group"), std::optional<std::size_t>(0));
  EXPECT_EQ(study->panel.column("panelist"), std::nullopt);
  EXPECT_EQ(study->panel.values[0][2], "clinician");
  EXPECT_EQ(study->items.id_column, "item");
}

TEST(ClassifyAnswer, DecimalNumbersAreNumbers) {
  const std::pair<const char*, double> numbers[] = {
      {"4", 4},    {"10", 10}, {"-1", -1},   {"+2", 2},     {"4.5", 4.5},
      {".5", 0.5}, {"5.", 5},  {"1e2", 100}, {"2E-1", 0.2}, {" 4 ", 4}};
  for (const auto& [text, value] : numbers) {
    const AnswerValue answer = classify_answer(text);
    EXPECT_EQ(answer.kind, AnswerKind::number) << text;
    EXPECT_DOUBLE_EQ(answer.number, value) << text;
  }
}

// Whether a number is whole is decided from its text: these are whole
// whatever their form.
TEST(ClassifyAnswer, WholeNumbersInAnyFormAreExactlyWhole) {
  const std::pair<const char*, double> numbers[] = {
      {"4.0", 4},      {"5.000000000000000000000000", 5},
      {"0.5e1", 5},    {"50e-1", 5},
      {"5e0", 5},      {"-0.0", 0},
      {"0", 0},        {"-3.00", -3},
      {"0.0004e4", 4}, {"4000000000000000000000e-21", 4},
      {"1e2", 100},    {"+5.", 5}};
  for (const auto& [text, value] : numbers) {
    const AnswerValue answer = classify_answer(text);
    EXPECT_EQ(answer.kind, AnswerKind::number) << text;
    EXPECT_EQ(answer.number, value) << text;
  }
}

// A number that is not whole but whose nearest double is (the double has
// about 16 digits) is given the next double towards it, so that binding
// reports it as not a whole number instead of counting the rating 5.
TEST(ClassifyAnswer, ANumberThatIsNotWholeNeverReadsAsAWholeNumber) {
  const struct {
    const char* text;
    double expected;
  } cases[] = {
      {"4.9999999999999999", std::nextafter(5.0, 0.0)},
      {"4.0000000000000001", std::nextafter(4.0, 5.0)},
      {"-4.9999999999999999", std::nextafter(-5.0, 0.0)},
      {"-2.00000000000000001", std::nextafter(-2.0, -3.0)},
      {"0.99999999999999999999", std::nextafter(1.0, 0.0)},
      {"49999999999999999e-16", std::nextafter(5.0, 0.0)},
      {"0.50000000000000001e1", std::nextafter(5.0, 6.0)},
      {"3.00000000000000000000000000000000000000000000000000000000001", std::nextafter(3.0, 4.0)},
  };
  for (const auto& c : cases) {
    const AnswerValue answer = classify_answer(c.text);
    ASSERT_EQ(answer.kind, AnswerKind::number) << c.text;
    EXPECT_EQ(answer.number, c.expected) << c.text;
    // What binding checks (interpreter/bind.cpp).
    EXPECT_NE(answer.number, static_cast<double>(static_cast<std::int64_t>(answer.number)))
        << c.text;
  }
}

TEST(ClassifyAnswer, EmptyFieldsAreBlankAndEverythingElseIsText) {
  EXPECT_EQ(classify_answer("").kind, AnswerKind::blank);
  EXPECT_EQ(classify_answer("  ").kind, AnswerKind::blank);
  for (const char* text :
       {"DK", "4,5", "inf", "nan", "1e999", "1e", "0x10", "--1", "4 5", ".", "-", "e5", "４"}) {
    const AnswerValue answer = classify_answer(text);
    EXPECT_EQ(answer.kind, AnswerKind::text) << text;
    EXPECT_EQ(answer.text, text);
  }
}

}  // namespace
}  // namespace tholos::study
