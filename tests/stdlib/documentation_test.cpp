// Every function a rule file can call is documented: in the language
// reference's function tables and in the statistics reference, with its
// formula and source.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "stdlib/catalogue.hpp"

namespace tholos::stdlib {
namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(THOLOS_SOURCE_DIR) + "/" + relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Documentation, EveryFunctionIsInTheLanguageReferenceAndTheStatisticsReference) {
  const std::string language = read("docs/language.md");
  const std::string statistics = read("docs/stdlib.md");
  ASSERT_FALSE(language.empty());
  ASSERT_FALSE(statistics.empty());
  for (const FunctionInfo& f : catalogue()) {
    const std::string name(f.name);
    // Written as `name(` or as one of a list: `name`, ...
    const bool in_language = language.find("`" + name + "(") != std::string::npos ||
                             language.find("`" + name + "`") != std::string::npos;
    EXPECT_TRUE(in_language) << name << " is not in docs/language.md";
    EXPECT_NE(statistics.find(name), std::string::npos) << name << " is not in docs/stdlib.md";
  }
}

}  // namespace
}  // namespace tholos::stdlib
