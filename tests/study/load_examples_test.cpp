// The four example studies in examples/ load with the counts below, which
// were computed independently of Tholos, from the CSV files themselves:
// with Python's csv module (rows, distinct rounds and criteria, blank and
// non-numeric ratings, the order of cells when sorted by round, item index,
// criterion index, panel index) and cross-checked with awk -F, for the row,
// blank and code counts.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "study_test_support.hpp"

namespace tholos::study {
namespace {

struct Counts {
  std::size_t panelists;
  std::size_t items;
  int rounds;
  std::vector<std::string> criteria;
  std::size_t answers;
  std::size_t blank;
  std::map<std::string, std::size_t> texts;  // non-numeric answers
  bool has_invitations;
};

void expect_counts(const std::string& name, const Counts& expected) {
  const testing::Loaded loaded = testing::load_folder(testing::example(name));
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  EXPECT_TRUE(loaded.diagnostics.empty()) << loaded.all();
  const StudyData& study = *loaded.study;
  EXPECT_EQ(study.panel.size(), expected.panelists);
  EXPECT_EQ(study.items.size(), expected.items);
  EXPECT_EQ(study.rounds, expected.rounds);
  EXPECT_EQ(study.criteria, expected.criteria);
  EXPECT_EQ(study.answers.size(), expected.answers);
  EXPECT_EQ(study.has_invitations, expected.has_invitations);
  std::size_t blank = 0;
  std::map<std::string, std::size_t> texts;
  for (std::size_t k = 0; k < study.answers.size(); ++k) {
    if (study.answers.kind[k] == AnswerKind::blank) ++blank;
    if (study.answers.kind[k] == AnswerKind::text) ++texts[study.texts[study.answers.text[k]]];
  }
  EXPECT_EQ(blank, expected.blank);
  EXPECT_EQ(texts, expected.texts);
  EXPECT_EQ(
      study.cell_begin.size(),
      static_cast<std::size_t>(study.rounds) * study.items.size() * study.criterion_count() + 1);
  EXPECT_EQ(study.cell_begin.back(), study.answers.size());
}

TEST(ExampleStudies, PeerSupport) {
  expect_counts("peer-support", {38, 46, 3, {}, 2720, 43, {{"DK", 109}}, true});
}

TEST(ExampleStudies, HospitalActivities) {
  expect_counts("hospital-activities", {98, 29, 1, {"useful", "acceptable"}, 5684, 0, {}, false});
}

TEST(ExampleStudies, CometCos) {
  expect_counts("comet-cos", {125, 40, 2, {}, 8320, 0, {{"UTS", 437}}, false});
}

TEST(ExampleStudies, RandUcla) {
  expect_counts("rand-ucla", {11, 30, 1, {}, 330, 0, {}, false});
}

TEST(ExampleStudies, PeerSupportStatementsPresentedPerRound) {
  // Distinct items per round in ratings.csv: 46, 22, 14.
  const testing::Loaded loaded = testing::load_folder(testing::example("peer-support"));
  ASSERT_TRUE(loaded.study.has_value()) << loaded.all();
  const StudyData& study = *loaded.study;
  for (const auto& [round, expected] : {std::pair{1, 46u}, {2, 22u}, {3, 14u}}) {
    unsigned presented = 0;
    for (std::uint32_t item = 0; item < study.items.size(); ++item) {
      presented += study.presented(round, item) ? 1 : 0;
    }
    EXPECT_EQ(presented, expected) << "round " << round;
  }
  // Every panelist is invited to every round (114 invitations = 38 x 3).
  for (const auto& round : study.invited) {
    EXPECT_EQ(std::count(round.begin(), round.end(), 1), 38);
  }
}

TEST(ExampleStudies, CellOrderFollowsRoundItemCriterionAndPanelOrder) {
  // peer-support.csv is not written in cell order; the first answer in cell
  // order is round 1, S01, PE03 rating 5, the last round 3, S42, PR12 rating 2.
  const testing::Loaded peer = testing::load_folder(testing::example("peer-support"));
  ASSERT_TRUE(peer.study.has_value()) << peer.all();
  const StudyData& study = *peer.study;
  EXPECT_EQ(study.panel.ids[study.answers.panelist.front()], "PE03");
  EXPECT_EQ(study.answers.number.front(), 5.0);
  EXPECT_EQ(study.panel.ids[study.answers.panelist.back()], "PR12");
  EXPECT_EQ(study.answers.number.back(), 2.0);
  const std::size_t s42 = *study.items.find("S42");
  EXPECT_EQ(study.cell_begin[study.cell_index(3, static_cast<std::uint32_t>(s42), 0) + 1],
            study.answers.size());

  // hospital-activities.csv lists both criteria of a statement together;
  // in cell order the 98 "useful" answers to A01 come first, HA01 to HC29.
  const testing::Loaded hospital = testing::load_folder(testing::example("hospital-activities"));
  ASSERT_TRUE(hospital.study.has_value()) << hospital.all();
  const StudyData& h = *hospital.study;
  const std::size_t useful = h.cell_index(1, 0, 0);
  EXPECT_EQ(h.cell_begin[useful], 0u);
  EXPECT_EQ(h.panel.ids[h.answers.panelist[0]], "HA01");
  EXPECT_EQ(h.answers.number[0], 1.0);
  EXPECT_EQ(h.cell_begin[useful + 1], 98u);
  EXPECT_EQ(h.panel.ids[h.answers.panelist[97]], "HC29");
}

}  // namespace
}  // namespace tholos::study
