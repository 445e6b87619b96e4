// Answers out of cell order are either placed straight into a grid of
// rounds x items x panelists (when the builder can read its rows again and
// the grid is small enough; see study/answer_grid.cpp) or sorted into cells
// at the end. Here random studies are built both ways, from the same rows:
// the answers, their cells, their positions and every diagnostic must be
// the same.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "study/study_builder.hpp"

namespace tholos::study {
namespace {

struct Row {
  int round = 1;
  std::string panelist, item, rating;
};

struct Built {
  std::optional<StudyData> study;
  std::vector<std::string> diagnostics;
};

// Builds a study of `panelists` x `items` from `rows` (line k + 2 for row k).
// With `reread`, the builder may use a grid; `expected` is the row count
// given to reserve_answers (none when 0).
Built build(const std::vector<Row>& rows, int panelists, int items, bool reread,
            std::size_t expected) {
  DiagnosticList diagnostics;
  StudyBuilder builder(diagnostics);
  const std::uint32_t panel_file = builder.add_file("panel.csv", "panel.csv", FileKind::panel);
  const std::uint32_t items_file = builder.add_file("items.csv", "items.csv", FileKind::items);
  const std::uint32_t file = builder.add_file("ratings.csv", "ratings.csv", FileKind::answers);
  builder.begin_panel({}, panel_file);
  for (int p = 0; p < panelists; ++p)
    builder.add_panelist(std::string("P").append(std::to_string(p)), {},
                         {panel_file, static_cast<std::uint32_t>(p + 2), 1});
  builder.begin_items({}, items_file);
  for (int i = 0; i < items; ++i)
    builder.add_item(std::string("S").append(std::to_string(i)), {},
                     {items_file, static_cast<std::uint32_t>(i + 2), 1});
  builder.begin_answers(false, file);
  // (By value: the study reads the rows again after this returns.)
  const auto answer_row = [&rows, file](std::size_t k) {
    const Row& row = rows[k];
    const auto line = static_cast<std::uint32_t>(k + 2);
    AnswerRow out;
    if (row.round > 0) out.round = row.round;
    out.panelist = row.panelist;
    out.item = row.item;
    out.value = classify_answer(row.rating);
    out.round_at = {file, line, 1};
    out.panelist_at = {file, line, 3};
    out.item_at = {file, line, 6};
    out.value_at = {file, line, 9};
    return out;
  };
  if (reread) {
    builder.reread_answers_with([&rows, answer_row](const auto& on_row) {
      for (std::size_t k = 0; k < rows.size(); ++k)
        on_row(answer_row(k));
      return true;
    });
  }
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (k == 50 && expected > 0) builder.reserve_answers(expected);
    builder.add_answer(answer_row(k));
  }
  Built built;
  built.study = builder.finish();
  for (const Diagnostic& d : diagnostics.take()) {
    built.diagnostics.push_back(d.file + ":" + std::to_string(d.line) + ":" +
                                std::to_string(d.column) + " " + d.message);
  }
  return built;
}

struct Shape {
  int panelists, items, rounds;
  int present_percent;   // of the (round, item, panelist) answers
  int duplicates;        // rows repeated later
  int bad_rows;          // unknown ids, bad rounds
  bool shuffle;          // rows in random order, else panelist by panelist
  std::size_t expected;  // for reserve_answers, 0 for none
};

std::vector<Row> random_rows(const Shape& shape, std::mt19937& random) {
  static const std::vector<std::string> kRatings = {"1", "5", "9", "", "DK", "UTS", " 7 ", "4.5"};
  std::uniform_int_distribution<int> percent(0, 99);
  std::uniform_int_distribution<std::size_t> rating(0, kRatings.size() - 1);
  std::vector<Row> rows;
  for (int r = 1; r <= shape.rounds; ++r) {
    for (int p = 0; p < shape.panelists; ++p) {
      for (int i = 0; i < shape.items; ++i) {
        if (percent(random) >= shape.present_percent) continue;
        rows.push_back({r, std::string("P").append(std::to_string(p)),
                        std::string("S").append(std::to_string(i)), kRatings[rating(random)]});
      }
    }
  }
  if (shape.shuffle) std::shuffle(rows.begin(), rows.end(), random);
  for (int d = 0; d < shape.duplicates && !rows.empty(); ++d) {
    std::uniform_int_distribution<std::size_t> at(0, rows.size() - 1);
    const Row copy = rows[at(random)];
    rows.insert(rows.begin() + static_cast<long>(std::max(at(random), std::size_t{1})), copy);
  }
  for (int b = 0; b < shape.bad_rows && !rows.empty(); ++b) {
    std::uniform_int_distribution<std::size_t> at(0, rows.size() - 1);
    Row bad = rows[at(random)];
    if (b % 3 == 0) bad.panelist = "nobody";
    if (b % 3 == 1) bad.item = std::string("S").append(std::to_string(shape.items + 5));
    if (b % 3 == 2) bad.round = 0;  // unreadable, as a loader reports it
    rows.insert(rows.begin() + static_cast<long>(at(random)), bad);
  }
  return rows;
}

void expect_same(const Built& grid, const Built& sorted, const std::string& what) {
  ASSERT_EQ(grid.diagnostics, sorted.diagnostics) << what;
  ASSERT_EQ(grid.study.has_value(), sorted.study.has_value()) << what;
  if (!grid.study) return;
  const StudyData& a = *grid.study;
  const StudyData& b = *sorted.study;
  ASSERT_EQ(a.rounds, b.rounds) << what;
  ASSERT_EQ(a.cell_begin, b.cell_begin) << what;
  ASSERT_EQ(a.answers.panelist, b.answers.panelist) << what;
  ASSERT_EQ(a.answers.kind, b.answers.kind) << what;
  ASSERT_EQ(a.answers.number, b.answers.number) << what;
  ASSERT_EQ(a.answers.text, b.answers.text) << what;
  ASSERT_EQ(a.texts, b.texts) << what;
  for (std::size_t k = 0; k < a.answers.size(); ++k) {
    const Origin x = a.answers.origin[k], y = b.answers.origin[k];
    ASSERT_TRUE(x.file == y.file && x.line == y.line && x.column == y.column)
        << what << " answer " << k;
  }
}

TEST(AnswerPlacement, AGridGivesWhatTheSortGives) {
  std::mt19937 random(1122);
  const std::vector<Shape> shapes = {
      // dense, panelist by panelist, with and without the rows expected
      {7, 5, 3, 100, 0, 0, false, 0},
      {7, 5, 3, 100, 0, 0, false, 105},
      {30, 20, 2, 100, 0, 0, false, 1200},
      // sparse: the grid may be too large for the answers expected
      {30, 20, 3, 50, 0, 0, false, 900},
      {30, 20, 3, 20, 0, 0, true, 360},
      // shuffled, with duplicates and rows that are not kept
      {12, 9, 3, 100, 0, 0, true, 324},
      {12, 9, 3, 100, 2, 0, true, 330},
      {12, 9, 3, 90, 3, 6, false, 330},
      {12, 9, 4, 100, 1, 3, false, 100},  // more rounds than the rows expected
      {1, 1, 5, 100, 2, 2, true, 0},
  };
  for (std::size_t s = 0; s < shapes.size(); ++s) {
    for (int trial = 0; trial < 20; ++trial) {
      const Shape& shape = shapes[s];
      const std::vector<Row> rows = random_rows(shape, random);
      const Built grid = build(rows, shape.panelists, shape.items, true, shape.expected);
      const Built sorted = build(rows, shape.panelists, shape.items, false, shape.expected);
      expect_same(grid, sorted, "shape " + std::to_string(s) + ", trial " + std::to_string(trial));
      if (::testing::Test::HasFatalFailure()) return;
    }
  }
}

// A round that comes after the answers of a later one, and a gap.
TEST(AnswerPlacement, RoundsInAnyOrderAndGapsGiveWhatTheSortGives) {
  std::vector<Row> rows;
  for (const int round : {2, 1, 4, 3, 6}) {
    for (int p = 0; p < 4; ++p) {
      for (int i = 0; i < 3; ++i)
        rows.push_back({round, std::string("P").append(std::to_string(p)),
                        std::string("S").append(std::to_string(i)), "5"});
    }
  }
  for (const std::size_t expected : {std::size_t{0}, std::size_t{60}, std::size_t{1000}}) {
    const Built grid = build(rows, 4, 3, true, expected);
    const Built sorted = build(rows, 4, 3, false, expected);
    expect_same(grid, sorted, "expected " + std::to_string(expected));
    EXPECT_FALSE(grid.study.has_value());  // round 5 is missing
  }
  rows.resize(rows.size() - 12);  // without round 6: rounds 1 to 4
  const Built grid = build(rows, 4, 3, true, 48);
  const Built sorted = build(rows, 4, 3, false, 48);
  expect_same(grid, sorted, "rounds 1 to 4");
  EXPECT_TRUE(grid.study.has_value());
}

}  // namespace
}  // namespace tholos::study
