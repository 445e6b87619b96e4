// PEGTL's grammar analysis: no rule can loop forever without consuming input
// and no left recursion. Kept in its own file: it instantiates the grammar.
#include <gtest/gtest.h>

#include <tao/pegtl/contrib/analyze.hpp>

#include "grammar/rule_grammar.hpp"

namespace tholos::grammar {
namespace {

TEST(GrammarAnalysis, RuleFileGrammarHasNoInfiniteLoopsOrLeftRecursion) {
  EXPECT_EQ(tao::pegtl::analyze<rule_file>(1), 0u);
}

TEST(GrammarAnalysis, LoneExpressionGrammarHasNoInfiniteLoopsOrLeftRecursion) {
  EXPECT_EQ(tao::pegtl::analyze<lone_expression>(1), 0u);
}

}  // namespace
}  // namespace tholos::grammar
