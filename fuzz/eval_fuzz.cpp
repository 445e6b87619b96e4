// Fuzz target: compile a rule file, build a small study from the input with
// the public StudyBuilder, evaluate every round, render the report in every
// format, and evaluate single expressions (with and without the study).
//
// Layout of an input (FuzzedDataProvider reads numbers from the end):
//
//   [ text ........................ ][ study block: kStudyBytes bytes ]
//
// The study block is read back to front: the last byte is the mode, then
// the rule index, scale, panelists (0..20), statements (0..10), rounds
// (1..3), groups (0..4), two bytes of flags, the mischief byte, a 32-bit
// seed and 32 answer bytes. The text is what is left at the front:
//
//   mode bit 0 = 0  the text is the rule file; expressions come from a fixed
//                   list and from the program's own measures and params;
//   mode bit 0 = 1  the rule file is one of the bundled valid rules
//                   (fuzz/rules/*.tholos, chosen by the rule index) and the
//                   text's first line is a param override value, the rest
//                   an expression: the fuzzer explores the evaluator rather
//                   than the syntax errors of random bytes.
//
// Checks: no crash, hang, leak or undefined behaviour; every failure gives
// an error and none is an "internal error"; the report's vectors are as
// long as the header says; the JSON renderings parse.
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_common.hpp"
#include "fuzz_known.h"
#include "fuzz_rules.h"
#include "json_check.hpp"
#include "tholos/tholos.hpp"

namespace {

using namespace tholos_fuzz;

// Bytes the study block takes from the end of an input (see above); the
// seeds of fuzz/make-corpus.sh end with a block of this size.
constexpr std::size_t kAnswerBytes = 32;
constexpr std::size_t kStudyBytes = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 2 + 1 + 4 + kAnswerBytes;
static_assert(kStudyBytes == 46, "fuzz/make-corpus.sh writes 46-byte study blocks");

constexpr const char* kFileName = "/nonexistent-tholos-fuzz/fuzz.tholos";

struct ScaleRange {
  int low, high;
};
constexpr ScaleRange kScales[] = {{1, 5}, {1, 9}, {0, 1}, {1, 7}, {0, 10}, {-3, 3}};

// What a bundled rule expects of the study ("# fuzz-study: scale=1..5
// criteria=a,b" on its second line).
struct RuleShape {
  ScaleRange scale{1, 5};
  std::vector<std::string> criteria;
};

RuleShape shape_of(std::string_view text) {
  RuleShape shape;
  const auto at = text.find("# fuzz-study:");
  if (at == std::string_view::npos) return shape;
  std::string_view line = text.substr(at, text.find('\n', at) - at);
  if (auto s = line.find("scale="); s != std::string_view::npos) {
    int low = 0, high = 0;
    if (std::sscanf(std::string(line.substr(s + 6)).c_str(), "%d..%d", &low, &high) == 2) {
      shape.scale = {low, high};
    }
  }
  if (auto c = line.find("criteria="); c != std::string_view::npos) {
    std::string_view list = line.substr(c + 9);
    list = list.substr(0, list.find(' '));
    while (!list.empty()) {
      const auto comma = list.find(',');
      shape.criteria.emplace_back(list.substr(0, comma));
      if (comma == std::string_view::npos) break;
      list.remove_prefix(comma + 1);
    }
  }
  return shape;
}

// A small deterministic generator for answers past the 32 fuzzed bytes.
struct SplitMix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
};

const char* const kGroups[] = {"patient", "clinician", "carer", "researcher"};
const char* const kCodes[] = {"DK", "UTS", "NA", "no opinion"};
const double kOddRatings[] = {
    std::numeric_limits<double>::quiet_NaN(),
    std::numeric_limits<double>::infinity(),
    -std::numeric_limits<double>::infinity(),
    1e300,
    -1e300,
    2.5,
    -0.0,
    1e-300,
    4.000000000001,
    9007199254740993.0,
    static_cast<double>(std::numeric_limits<std::int64_t>::max()),
    -1,
    100,
    0,
    0.5,
    std::numeric_limits<double>::denorm_min(),
};

// Mistakes a host can make when it builds a study; each must give a
// diagnostic, never a crash.
enum class Mischief : std::uint8_t {
  none,
  unknown_panelist,
  unknown_item,
  duplicate_answer,
  bad_round,
  empty_ids,
  duplicate_panelist,
  extra_attributes,
  missing_criterion,
  uninvited,
  huge_round,
  tiny_answer_limit,
  count
};

struct StudyShape {
  ScaleRange scale{1, 5};
  int panelists = 0, statements = 0, rounds = 1, groups = 0;
  std::uint16_t flags = 0;
  Mischief mischief = Mischief::none;
  std::uint32_t seed = 0;
  std::uint8_t answers[kAnswerBytes] = {};
  std::vector<std::string> criteria;
};

// flags
constexpr std::uint16_t kInvitations = 1 << 0;     // an invitations list (some not invited)
constexpr std::uint16_t kMixAnswers = 1 << 1;      // answers past the block: mixed with the seed
constexpr std::uint16_t kOddValues = 1 << 2;       // out-of-scale and non-finite ratings
constexpr std::uint16_t kEmptyGroups = 1 << 3;     // some panelists have no group
constexpr std::uint16_t kFuzzedScale = 1 << 4;     // bundled rule: ignore its scale
constexpr std::uint16_t kDropStatements = 1 << 5;  // later rounds rate fewer statements
constexpr std::uint16_t kCriteria = 1 << 6;        // own rule file: two criteria
constexpr std::uint16_t kNoExplain = 1 << 7;
constexpr std::uint16_t kOneRound = 1 << 8;       // EvalOptions::round
constexpr std::uint16_t kBadRound = 1 << 9;       // ... a round the data does not have
constexpr std::uint16_t kOverride = 1 << 10;      // override the first param
constexpr std::uint16_t kGroupContext = 1 << 11;  // expressions in a group's context
constexpr std::uint16_t kItemContext = 1 << 12;   // expressions for one statement
constexpr std::uint16_t kRoundScope = 1 << 13;
constexpr std::uint16_t kStatementScope = 1 << 14;
constexpr std::uint16_t kRenderAll = 1 << 15;  // table and markdown too

std::optional<tholos::Study> build_study(const StudyShape& s) {
  tholos::StudyBuilder b;
  SplitMix rng{s.seed};
  const auto& mischief = s.mischief;
  if (mischief == Mischief::tiny_answer_limit) {
    tholos::Limits limits;
    limits.max_answers = s.seed % 8;
    b.set_limits(limits);
  }
  b.panel_columns({"group", "role"});
  b.item_columns({"text", "domain"});
  auto panelist = [](int i) { return "P" + std::to_string(i + 1); };
  auto item = [](int i) { return "S" + std::to_string(i + 1); };
  for (int p = 0; p < s.panelists; ++p) {
    std::string group;
    if (s.groups > 0)
      group =
          kGroups[(static_cast<std::uint32_t>(p) + s.seed) % static_cast<std::uint32_t>(s.groups)];
    if ((s.flags & kEmptyGroups) && rng.next() % 4 == 0) group.clear();
    std::vector<std::string> attributes{group, p % 2 ? "x" : "y"};
    if (mischief == Mischief::extra_attributes && p == 0) attributes.push_back("extra");
    b.add_panelist(mischief == Mischief::empty_ids && p == 0 ? "" : panelist(p),
                   std::move(attributes));
  }
  if (mischief == Mischief::duplicate_panelist && s.panelists > 0) b.add_panelist("P1", {"a", "b"});
  for (int i = 0; i < s.statements; ++i) {
    b.add_item(item(i), {"Statement \"" + std::to_string(i) + "\", with a comma\nand a line",
                         i % 3 ? "a" : "b"});
  }
  std::vector<std::vector<bool>> invited(
      static_cast<std::size_t>(s.rounds),
      std::vector<bool>(static_cast<std::size_t>(s.panelists), true));
  if (s.flags & kInvitations) {
    for (int r = 0; r < s.rounds; ++r) {
      for (int p = 0; p < s.panelists; ++p) {
        invited[r][p] = rng.next() % 5 != 0;
        if (invited[r][p]) b.add_invitation(r + 1, panelist(p));
      }
    }
  }
  std::vector<std::string> criteria = s.criteria;
  if (criteria.empty()) criteria.emplace_back();  // one answer per cell, no criterion
  std::size_t k = 0;
  bool done_mischief = false;
  for (int r = 0; r < s.rounds; ++r) {
    int statements = s.statements;
    if ((s.flags & kDropStatements) && r > 0) statements = statements * (3 - r) / 3;
    for (int i = 0; i < statements; ++i) {
      for (int p = 0; p < s.panelists; ++p) {
        if (!invited[r][p] && mischief != Mischief::uninvited) continue;
        for (std::size_t c = 0; c < criteria.size(); ++c, ++k) {
          std::uint8_t byte = s.answers[k % kAnswerBytes];
          if (k >= kAnswerBytes && (s.flags & kMixAnswers)) {
            byte = static_cast<std::uint8_t>(byte ^ rng.next());
          }
          const int kind = byte & 0x0F;
          const int value = byte >> 4;
          int round = r + 1;
          std::string who = panelist(p), what = item(i), criterion = criteria[c];
          if (!done_mischief && k == s.seed % 64) {
            done_mischief = true;
            switch (mischief) {
              case Mischief::unknown_panelist:
                who = "P99";
                break;
              case Mischief::unknown_item:
                what = " S1";
                break;
              case Mischief::bad_round:
                round = static_cast<int>(s.seed % 3) - 1;
                break;
              case Mischief::huge_round:
                round = s.seed % 2 ? 1000 : 1001;
                break;
              case Mischief::empty_ids:
                who.clear();
                break;
              case Mischief::missing_criterion:
                criterion.clear();
                break;
              case Mischief::duplicate_answer:
                b.add_rating(round, who, what, 1, criterion);
                break;
              default:
                break;
            }
          }
          const int width = s.scale.high - s.scale.low + 1;
          if (kind <= 9 || kind == 15) {
            const int point = kind == 15 ? s.scale.high : s.scale.low + value % std::max(width, 1);
            b.add_rating(round, who, what, point, criterion);
          } else if (kind == 10) {
            b.add_blank(round, who, what, criterion);
          } else if (kind == 11) {
            b.add_code(round, who, what, kCodes[value % 4], criterion);
          } else if (kind == 13 && (s.flags & kOddValues)) {
            b.add_rating(round, who, what, tholos_fuzz_rating(kOddRatings[value]), criterion);
          }
          // 12, 14 (and 13 without kOddValues): no answer in this cell.
        }
      }
    }
  }
  auto study = b.build();
  require_reported(study);
  if (!study.ok()) return std::nullopt;
  const tholos::Study& st = *study.value;
  require(st.rounds() >= 0);
  (void)st.items();
  (void)st.panelists();
  (void)st.panel_columns();
  (void)st.panel_values("group");
  (void)st.panel_values("no such column");
  return st;
}

void check_report(const tholos::Report& report, const tholos::EvalOptions& options, bool all) {
  if (options.round) {
    require(report.rounds.size() == 1);
    require(report.rounds[0].round == *options.round);
  }
  for (const auto& round : report.rounds) {
    for (const auto& statement : round.statements) {
      require(statement.measures.size() == report.statement_measures.size());
      if (statement.verdict.determined && statement.verdict.deciding_case >= 0 &&
          !statement.verdict.cases.empty()) {
        require(static_cast<std::size_t>(statement.verdict.deciding_case) <
                statement.verdict.cases.size());
      }
    }
    require(round.measures.size() == report.round_measures.size());
    if (round.stop.stop && round.stop.rule >= 0 && !round.stop.rules.empty()) {
      require(static_cast<std::size_t>(round.stop.rule) < round.stop.rules.size());
    }
  }
  require(is_json(tholos::render(report, tholos::Format::json)));
  (void)tholos::render(report, tholos::Format::csv);
  if (all) {
    (void)tholos::render(report, tholos::Format::table);
    (void)tholos::render(report, tholos::Format::markdown);
  }
}

void check_expression(const tholos::Program& program, const tholos::Study* study,
                      std::string_view expression, const StudyShape& s,
                      const std::map<std::string, std::string>& params) {
  tholos::ExpressionOptions options;
  options.params = params;
  if (s.flags & kItemContext) options.item = s.seed % 2 ? "S1" : "S99";
  if (s.flags & kGroupContext) options.group = kGroups[s.seed % 4];
  if (s.flags & kOneRound) options.round = static_cast<int>(s.seed % 5) - 1;
  if (s.flags & kRoundScope) {
    options.scope = tholos::ExpressionOptions::Scope::round;
  } else if (s.flags & kStatementScope) {
    options.scope = tholos::ExpressionOptions::Scope::statement;
  }
  const auto result = study ? tholos::evaluate_expression(program, *study, expression, options)
                            : tholos::evaluate_expression(program, expression, options);
  require_reported(result);
  if (!result.ok()) return;
  require(is_json(tholos::render(*result.value, tholos::Format::json)));
  (void)tholos::render(*result.value, tholos::Format::csv);
  if (s.flags & kRenderAll) {
    (void)tholos::render(*result.value, tholos::Format::table);
    (void)tholos::render(*result.value, tholos::Format::markdown);
  }
}

const char* const kExpressions[] = {
    "count(rating)",
    "share(rating >= 4)",
    "median(rating) + 1",
    "respondents / invited",
    "count(statements)",
    "previous(mean(rating))",
    "rating where group = \"patient\"",
    "statements where count(rating) > 2",
    "every group (count(rating) >= 1)",
    "response_rate",
    "1/0",
    "17/24 >= 70%",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  const std::uint8_t mode = fdp.ConsumeIntegral<std::uint8_t>();
  const std::uint8_t rule_index = fdp.ConsumeIntegral<std::uint8_t>();
  const std::uint8_t scale_index = fdp.ConsumeIntegral<std::uint8_t>();
  StudyShape s;
  s.panelists = fdp.ConsumeIntegralInRange(0, 20);
  s.statements = fdp.ConsumeIntegralInRange(0, 10);
  s.rounds = fdp.ConsumeIntegralInRange(1, 3);
  s.groups = fdp.ConsumeIntegralInRange(0, 4);
  s.flags = fdp.ConsumeIntegral<std::uint16_t>();
  const std::uint8_t mischief = fdp.ConsumeIntegral<std::uint8_t>();
  // Mostly no mischief, so that most studies build.
  s.mischief = mischief < static_cast<std::uint8_t>(Mischief::count)
                   ? static_cast<Mischief>(mischief)
                   : Mischief::none;
  s.seed = fdp.ConsumeIntegral<std::uint32_t>();
  for (auto& byte : s.answers)
    byte = fdp.ConsumeIntegral<std::uint8_t>();
  const std::string text = fdp.ConsumeRemainingBytesAsString();

  const bool bundled = (mode & 1) != 0;
  static const bool workarounds = tholos_fuzz_workarounds() != 0;
  std::string rule;
  std::string override_value, expression;
  s.scale = kScales[scale_index % std::size(kScales)];
  if (bundled) {
    const tholos_fuzz_rule& r = tholos_fuzz_rules[rule_index % tholos_fuzz_rule_count];
    rule = r.text;
    RuleShape shape = shape_of(rule);
    if (!(s.flags & kFuzzedScale)) s.scale = shape.scale;
    s.criteria = std::move(shape.criteria);
    const auto newline = text.find('\n');
    override_value = text.substr(0, newline);
    if (newline != std::string::npos) expression = text.substr(newline + 1);
  } else {
    // No imports of the machine's files or devices (fuzz_known.h).
    if (tholos_fuzz_reads_files(text.data(), text.size())) return 0;
    rule = text;
  }

  tholos::CompileOptions compile_options;
  compile_options.file_name = kFileName;
  const auto program = tholos::compile(rule, compile_options);
  require_reported(program);
  if (bundled) require(program.ok());  // the bundled rules are valid
  if (!program.ok()) return 0;
  const tholos::Program& p = *program.value;

  // The study is rated on the rules' criteria, or (own rule files, a flag)
  // on two criteria the rules may not declare.
  std::vector<std::string> criteria;
  for (const auto& symbol : p.symbols()) {
    if (symbol.kind == tholos::Symbol::Kind::criterion) criteria.push_back(symbol.name);
  }
  if (!criteria.empty()) {
    s.criteria = criteria;
  } else if (!bundled && (s.flags & kCriteria)) {
    s.criteria = {"useful", "acceptable"};
  }
  // Evaluating a statistic over `statements where ...` in a statement rule
  // dereferences a null pointer (fuzz_known.h): no evaluation with a study.
  const bool with_study =
      !workarounds || (!tholos_fuzz_statement_set_bug(rule.data(), rule.size()) &&
                       !tholos_fuzz_statement_set_bug(expression.data(), expression.size()));

  std::map<std::string, std::string> params;
  if (s.flags & kOverride) {
    const auto names = p.param_names();
    if (!names.empty()) {
      params[names[s.seed % names.size()]] = bundled ? override_value : "80%";
    } else {
      params["no_such_param"] = "1";
    }
    require_no_internal_error(tholos::check_params(p, params));
  }

  const std::optional<tholos::Study> study =
      with_study ? build_study(s) : std::optional<tholos::Study>{};
  if (study) {
    tholos::EvalOptions options;
    options.params = params;
    options.explain = !(s.flags & kNoExplain);
    if (s.flags & kOneRound) {
      options.round =
          s.flags & kBadRound ? static_cast<int>(s.seed % 7) - 2 : 1 + static_cast<int>(s.seed % 3);
    }
    const auto report = tholos::evaluate(p, *study, options);
    require_reported(report);
    if (report.ok()) check_report(*report.value, options, (s.flags & kRenderAll) != 0);
  }

  const tholos::Study* st = study ? &*study : nullptr;
  if (bundled) {
    check_expression(p, st, expression, s, params);
    check_expression(p, nullptr, expression, s, params);
  } else {
    check_expression(p, st, kExpressions[s.seed % std::size(kExpressions)], s, params);
    const auto measures = p.measures();
    if (!measures.empty()) {
      check_expression(p, st, measures[rule_index % measures.size()].name, s, params);
    }
    for (const auto& name : p.param_names())
      check_expression(p, nullptr, name, s, params);
  }
  return 0;
}
