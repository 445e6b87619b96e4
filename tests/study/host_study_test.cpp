// A study built by a host through the public tholos::StudyBuilder goes
// through the same checks as one read from CSV files (api/study_builder.cpp
// feeds the same builder); its diagnostics name the kind of record and its
// number ("panelists:2:1").
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tholos/tholos.hpp"

namespace tholos {
namespace {

std::vector<std::string> places_and_messages(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    out.push_back(d.file + ":" + std::to_string(d.line) + ":" + std::to_string(d.column) + ": " +
                  d.message);
  }
  return out;
}

// "P1 " beside "P1" would be a second panelist, and an answer by " P1" an
// answer by no one: both are errors at their record.
TEST(HostStudy, AnIdWithSpacesAroundItIsAnErrorAtItsRecord) {
  StudyBuilder builder;
  builder.add_panelist("P1");
  builder.add_panelist("P1 ");
  builder.add_panelist("P2");
  builder.add_item("S1");
  builder.add_item("\tS2");
  builder.add_invitation(1, "P1");
  builder.add_invitation(1, "P2 ");
  builder.add_rating(1, "P1", "S1", 4);
  builder.add_rating(1, " P1", "S1", 5);
  builder.add_rating(1, "P2", "S2", 3);  // S2 is known, without its tab: no error
  const Result<Study> study = builder.build();
  EXPECT_FALSE(study.ok());
  EXPECT_EQ(places_and_messages(study.diagnostics),
            (std::vector<std::string>{
                "panelists:2:1: the panelist id 'P1 ' has a space after it; remove the space (ids "
                "are compared exactly)",
                "items:2:1: the item id '\tS2' has a tab before it; remove the tab (ids are "
                "compared exactly)",
                "invitations:2:1: the panelist id 'P2 ' has a space after it; remove the space "
                "(ids are compared exactly)",
                "answers:2:1: the panelist id ' P1' has a space before it; remove the space (ids "
                "are compared exactly)",
            }));
}

}  // namespace
}  // namespace tholos
