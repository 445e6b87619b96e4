// Tholos: the rules of a consensus study as a program.
//
// This is the one header a host application needs. It declares the values
// and the report a host reads, and the four steps of the pipeline:
//
//   compile (rule file -> Program)      load_study (CSV folder -> Study)
//   evaluate (Program x Study -> Report) render (Report -> text)
//
// No exception crosses this interface: every step that can fail returns a
// Result holding either its value or the diagnostics that explain why not.
// Program and Study are immutable once made and cheap to copy (shared
// ownership), so one compiled program can be evaluated from many threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Symbols a host links against (the library is built with hidden visibility).
#if defined(_WIN32)
#define THOLOS_API
#else
#define THOLOS_API __attribute__((visibility("default")))
#endif

namespace tholos {

// Version of the JSON report schema (docs/report-schema.md).
inline constexpr int kReportSchemaVersion = 1;

// ---------------------------------------------------------------------------
// Diagnostics

enum class Severity { error, warning, note };

// One problem found in a rule file or a study. Positions are 1-based; a
// column counts characters (UTF-8 code points). `rendered` is the text the
// CLI prints: "FILE:LINE:COL: error: message", the source line and a caret.
struct Diagnostic {
  Severity severity = Severity::error;
  std::string file;  // empty when no file applies
  int line = 0;      // 0 when the problem has no position
  int column = 0;
  int end_line = 0;  // end of the span, exclusive column
  int end_column = 0;
  std::string message;
  std::string rendered;
};

THOLOS_API bool has_errors(const std::vector<Diagnostic>& diagnostics);

// Either a value or the diagnostics explaining why there is none. Warnings
// may accompany a value.
template <typename T>
struct Result {
  std::optional<T> value;
  std::vector<Diagnostic> diagnostics;
  bool ok() const { return value.has_value(); }
};

// ---------------------------------------------------------------------------
// Values

enum class ValueKind {
  missing,     // no value: an empty vector's mean, a statement not rated...
  number,      // a plain number
  percentage,  // a share: `number` holds the fraction (75% is 0.75)
  boolean,
  text,
  label,   // a status label declared by `classify`
  range,   // a closed interval low..high, such as a band
  vector,  // a vector of values (ratings, or per-respondent booleans)
};

struct Value {
  ValueKind kind = ValueKind::missing;
  double number = 0;  // number and percentage
  // When the number is an exact rational (a count, a share k/n, a median of
  // whole ratings...), numerator / denominator in lowest terms; otherwise
  // denominator is 0.
  std::int64_t numerator = 0;
  std::int64_t denominator = 0;
  bool boolean = false;
  std::string text;             // text and label
  double low = 0, high = 0;     // range
  std::vector<Value> elements;  // vector

  bool is_missing() const { return kind == ValueKind::missing; }
};

// The value as a person reads it: 75%, 4.5, true, "text", 4..5, [4, 5, 5].
THOLOS_API std::string format_value(const Value& value);

// ---------------------------------------------------------------------------
// The report: what evaluating a program over a study produces.

// A named value, such as one operand of a comparison or one group's value.
struct Quantity {
  std::string name;
  Value value;
};

// One comparison or test inside a condition, with the values behind it.
struct Atom {
  std::string text;                // source text, e.g. "agreement >= threshold"
  Value value;                     // true, false or missing
  bool negated = false;            // under `not`: the condition needs it false
  std::vector<Quantity> operands;  // e.g. agreement = 82.6%, threshold = 70%
};

// A condition that was evaluated: a classification case, a stop rule, a
// requirement. `atoms` are its comparisons in source order.
struct ConditionTrace {
  std::string label;      // status label, stop rule message, ...
  std::string condition;  // source text
  Value result;           // true, false or missing
  std::vector<Atom> atoms;
};

// How a statement's status was decided: the cases tried in order, up to the
// first whose condition was true (or missing, which leaves it undetermined).
struct Verdict {
  bool determined = false;
  std::string status;      // the label; empty when undetermined
  int deciding_case = -1;  // index into `cases`; `otherwise` is a case too
  std::string reason;      // one sentence a methodologist can read
  std::vector<ConditionTrace> cases;
};

struct GroupValues {
  std::string measure;
  std::vector<Quantity> groups;  // one per group, in order of first appearance
};

// A requirement that failed, or could not be decided, in one place.
struct RequirementFailure {
  std::string item;   // empty above statement level
  std::string group;  // empty when the requirement is not per group
  Value result;       // false or missing
  std::vector<Quantity> operands;
  // When undetermined: why, traced to the operation that left the gap
  // ("iqr(rating) has no ratings to work on"); empty when it failed.
  std::string reason;
};

// A measure with no value at one place (a statement, one of its groups, or
// the round) and why, following the missing-value rules: a division by zero,
// no ratings to work on, too few ratings, the round before is missing...
struct MissingValue {
  std::string measure;
  std::string group;   // empty unless the value is one group's
  std::string reason;  // "mean(rating) / (n - n) divides by zero"
};

struct RequirementResult {
  std::string condition;  // source text
  std::string message;
  Severity severity = Severity::error;
  std::string scope;  // "panel", "each round", "each statement, each group"...
  int checked = 0;
  int passed = 0;
  int failed = 0;
  int undetermined = 0;
  std::vector<RequirementFailure> failures;  // failed and undetermined places
};

struct StatementResult {
  std::string item;
  std::string text;  // the statement's wording (items.csv column "text"), if any
  Verdict verdict;
  std::vector<Value> measures;  // parallel to Report::statement_measures
  std::vector<GroupValues> by_group;
  // Whether the statement is re-rated in the next round: boolean, or missing
  // when the rule could not decide, or missing with no `rerate` rule.
  Value rerate;
  // Every measure (and per-group value) above that is missing, with why.
  std::vector<MissingValue> missing;
};

struct StopDecision {
  bool stop = false;
  bool determined = true;
  int rule = -1;       // index into `rules` of the rule that stopped the study
  std::string reason;  // one sentence
  std::vector<ConditionTrace> rules;
};

struct StatusCount {
  std::string status;
  int count = 0;
};

struct RoundResult {
  int round = 0;
  int invited = 0;
  int respondents = 0;  // panelists who gave at least one answer
  Value response_rate;
  int statements_rated = 0;
  std::vector<StatusCount> status_counts;  // one per label, in declaration order
  int undetermined = 0;
  std::vector<Quantity> measures;     // round-level measures
  std::vector<MissingValue> missing;  // round-level measures with no value, and why
  std::vector<RequirementResult> requirements;
  StopDecision stop;
  std::vector<std::string> rerated;  // statements that go to the next round
  std::vector<StatementResult> statements;
};

struct MeasureInfo {
  std::string name;
  std::string type;  // "number", "percentage", "boolean", ...
  std::string definition;
  std::string description;
};

struct ParamValue {
  std::string name;
  Value value;
  bool overridden = false;
};

// How the rows of one data file were used; every row read is counted once.
struct FileUsage {
  std::string file;
  int rows = 0;
  std::vector<std::pair<std::string, int>> uses;  // e.g. {"rating", 2560}, {"code DK", 94}
};

struct FinalStatus {
  std::string item;
  bool determined = false;
  std::string status;  // empty when undetermined or when there is no classification
  int round = 0;       // the last round in which the statement was rated
};

struct Report {
  int schema_version = kReportSchemaVersion;
  std::string title;
  std::string rule_file;
  std::string data;
  std::vector<ParamValue> params;
  std::vector<MeasureInfo> statement_measures;
  std::vector<MeasureInfo> round_measures;
  std::vector<std::string> labels;
  std::vector<std::string> groups;
  std::vector<FileUsage> files;
  std::vector<RequirementResult> panel_requirements;
  std::vector<RoundResult> rounds;
  std::vector<FinalStatus> final_statuses;
  std::vector<Diagnostic> diagnostics;  // warnings found while evaluating
};

// ---------------------------------------------------------------------------
// The pipeline

namespace detail {
struct ProgramImpl;
struct StudyImpl;
}  // namespace detail

// Limits a host sets on what it accepts; exceeding one is an error that says
// which limit and how to raise it. The defaults suit any real study.
struct Limits {
  std::size_t max_source_bytes = 1 << 20;  // a rule file, with what it imports
  std::size_t max_nesting_depth = 64;      // levels of nested expressions
  std::size_t max_answers = 100'000'000;   // answer rows in a study
};

// A function a host adds to the language. It must be pure (the same
// arguments always give the same result) and safe to call from several
// threads at once: programs are evaluated concurrently.
struct HostFunction {
  enum class Parameter { number, ratings };  // ratings: the valid ratings, as a vector Value
  enum class Result { number, percentage, boolean };
  std::string name;
  std::string summary;  // one line, for help and completion
  std::vector<Parameter> parameters;
  Result result = Result::number;
  // With fewer ratings than this in a ratings argument the result is missing.
  std::size_t min_ratings = 0;
  // Called with one Value per parameter; returns a number, a percentage or a
  // boolean (matching `result`), or a missing Value.
  std::function<Value(const std::vector<Value>& arguments)> call;
};

struct CompileOptions {
  std::string file_name = "<input>";  // for diagnostics, and for relative imports
  Limits limits;
  std::vector<HostFunction> functions;
};

// What a rule file declares, for tools (completion, help, documentation).
struct ProgramParam {
  std::string name;
  std::string type;
  Value value;  // the default
  std::string description;
};

// A name an expression can use, and what it is (for completion and help).
struct Symbol {
  enum class Kind { builtin, measure, param, band, criterion, label };
  std::string name;
  Kind kind = Kind::builtin;
  std::string type;         // "percentage", "ratings"...; for a built-in, its type in a
                            // rule about a statement
  std::string description;  // the declaration's description, or what a built-in means
};

struct FunctionDoc {
  std::string name;
  std::string summary;
  std::vector<std::string> forms;  // "quantile(ratings, p, [type])"
};

// A checked, compiled rule file. Immutable; safe to share between threads.
class THOLOS_API Program {
 public:
  explicit Program(std::shared_ptr<const detail::ProgramImpl> impl) : impl_(std::move(impl)) {}
  const detail::ProgramImpl& impl() const { return *impl_; }

  std::string title() const;
  std::vector<std::string> param_names() const;
  std::vector<ProgramParam> params() const;
  std::vector<MeasureInfo> measures() const;  // statement and round measures, in order
  std::vector<std::string> labels() const;
  std::vector<FunctionDoc> functions() const;  // built-in and host functions
  // The names an expression can use: built-in names, measures, params,
  // bands, criteria (for completion).
  std::vector<std::string> names() const;
  // The same names with what each is, in declaration order (built-ins
  // first), then the status labels.
  std::vector<Symbol> symbols() const;
  // The panel column the groups come from (`groups from panel.group`), if
  // the rules declare groups: Study::panel_values(*column) are the groups.
  std::optional<std::string> groups_column() const;

 private:
  std::shared_ptr<const detail::ProgramImpl> impl_;
};

THOLOS_API Result<Program> compile(std::string_view source, const CompileOptions& options = {});
THOLOS_API Result<Program> compile_file(const std::string& path,
                                        const CompileOptions& options = {});

// The type an expression would have in a rule about a statement (or, when
// it counts statements, a round), without evaluating it: "percentage"...
THOLOS_API Result<std::string> type_of(const Program& program, std::string_view expression);

// A study's data: panel, items, ratings and invitations. Immutable.
class THOLOS_API Study {
 public:
  explicit Study(std::shared_ptr<const detail::StudyImpl> impl) : impl_(std::move(impl)) {}
  const detail::StudyImpl& impl() const { return *impl_; }

  int rounds() const;
  std::vector<std::string> items() const;
  std::vector<std::string> panelists() const;
  std::vector<std::string> panel_columns() const;
  // The distinct values of a panel attribute (the groups of `groups from
  // panel.group`), in order of first appearance; empty for an unknown column.
  std::vector<std::string> panel_values(const std::string& column) const;

 private:
  std::shared_ptr<const detail::StudyImpl> impl_;
};

// Reads ratings.csv, panel.csv, items.csv and (if present) invitations.csv.
THOLOS_API Result<Study> load_study(const std::string& directory, const Limits& limits = {});

struct StudyOptions {
  Limits limits;
  // Threads that read a ratings.csv of 1 MiB or more: the calling thread
  // and, with 2 (the default), one more for the duration of the call. With
  // 1, no thread is started. The study and its diagnostics are the same.
  unsigned threads = 2;
};
THOLOS_API Result<Study> load_study(const std::string& directory, const StudyOptions& options);

// A study built from a host's own records, without files. Add the panel,
// the items, the invitations (optional) and the answers, then build(): the
// same checks as for CSV files apply, and a diagnostic names the kind of
// record and its number in the order added ("answers:17:1: error: unknown
// panelist 'P9'...").
class THOLOS_API StudyBuilder {
 public:
  StudyBuilder();
  ~StudyBuilder();
  StudyBuilder(const StudyBuilder&) = delete;
  StudyBuilder& operator=(const StudyBuilder&) = delete;

  void set_limits(const Limits& limits);
  // Attribute columns of the panel (such as "group") and of the items (such
  // as "text"); each panelist or item then gives one value per column.
  void panel_columns(std::vector<std::string> columns);
  void item_columns(std::vector<std::string> columns);
  void add_panelist(std::string id, std::vector<std::string> attributes = {});
  void add_item(std::string id, std::vector<std::string> attributes = {});
  // Without invitations every panelist counts as invited to every round.
  void add_invitation(int round, std::string panelist);
  // An answer is a rating, a code that is not a rating ("DK"), or a blank
  // (shown and not answered). The criterion is given when statements are
  // rated on several criteria, and then for every answer.
  void add_rating(int round, std::string panelist, std::string item, double rating,
                  std::string criterion = {});
  void add_code(int round, std::string panelist, std::string item, std::string code,
                std::string criterion = {});
  void add_blank(int round, std::string panelist, std::string item, std::string criterion = {});

  Result<Study> build();

 private:
  struct Records;
  std::unique_ptr<Records> records_;
};

struct EvalOptions {
  // Parameter overrides, NAME -> value written as in a rule file ("80%").
  std::map<std::string, std::string> params;
  // Evaluate rounds up to and including this one and report only it.
  std::optional<int> round;
  // Fill Verdict::cases and the operands of requirements and stop rules.
  bool explain = true;
};

THOLOS_API Result<Report> evaluate(const Program& program, const Study& study,
                                   const EvalOptions& options = {});

// One expression evaluated in a context: for one statement, for every
// statement of a round, or once for the round.
struct ExpressionOptions {
  std::map<std::string, std::string> params;
  std::optional<std::string> item;
  std::optional<int> round;  // default: the last round with data
  // Evaluate for each statement, or once for the round (where names such as
  // respondents and response_rate mean the round's). Automatic: the round
  // when the expression counts statements, otherwise each statement.
  enum class Scope { automatic, statement, round };
  Scope scope = Scope::automatic;
  // Evaluate as inside `every group (...)` for this group: ratings,
  // respondents, invited and panelists are the group's.
  std::optional<std::string> group;
};

struct ExpressionValue {
  std::string item;  // empty for a round-level expression
  Value value;
};

struct ExpressionResult {
  std::string type;  // "percentage", "number", ... ("statements" for a set of statements)
  int round = 0;     // 0 when evaluated without a study
  // One value per statement, or one for the round (item ""). A set of
  // statements (statements where C) is a vector of their ids as text.
  std::vector<ExpressionValue> values;
  // For a set of statements: those for which C has no value, so that they
  // are neither in the set nor out of it.
  std::vector<std::string> undetermined;
};

THOLOS_API Result<ExpressionResult> evaluate_expression(const Program& program, const Study& study,
                                                        std::string_view expression,
                                                        const ExpressionOptions& options = {});

// An expression whose value needs no data (literals, params, bands, and
// arithmetic, comparisons and logic on them: `17/24 >= threshold`),
// evaluated without a study. One value, item "", round 0; the context in
// `options` other than params is not used. An expression that needs data
// is an error that says which name needs it.
THOLOS_API Result<ExpressionResult> evaluate_expression(const Program& program,
                                                        std::string_view expression,
                                                        const ExpressionOptions& options = {});

// Checks param overrides (NAME -> value as written in a rule file) as
// evaluate() would, without a study: the param exists and the value is a
// fixed value of its type. Empty when they are good.
THOLOS_API std::vector<Diagnostic> check_params(const Program& program,
                                                const std::map<std::string, std::string>& params);

enum class Format { table, json, csv, markdown };

THOLOS_API std::string render(const Report& report, Format format);

// An expression's values: table (one line per statement), json (an object,
// statement id -> value, or {"round": value} for a round-level expression;
// numbers at full precision, missing as null), csv (item,value), markdown.
THOLOS_API std::string render(const ExpressionResult& result, Format format);

}  // namespace tholos
