/* Tholos from C: the rules of a consensus study as a program.
 *
 * The C interface over include/tholos/tholos.hpp, for hosts written in C or
 * in any language with a C foreign-function interface. The pipeline is the
 * same:
 *
 *   tholos_compile (rule file -> program)   tholos_load_study (CSV folder -> study)
 *   tholos_evaluate (program x study -> report)   tholos_report_render (report -> text)
 *
 * Handles. Every object is an opaque handle made by the library and freed
 * by the matching tholos_..._free, which accepts NULL:
 *
 *   tholos_program        a compiled rule file        tholos_program_free
 *   tholos_study          a study's data              tholos_study_free
 *   tholos_study_builder  a study being built         tholos_study_builder_free
 *   tholos_eval_options   params, round, explain      tholos_eval_options_free
 *   tholos_report         what evaluating produced    tholos_report_free
 *   tholos_diagnostics    the errors and warnings     tholos_diagnostics_free
 *                         of one call
 *
 * A program and a study keep no reference to what they were made from
 * (except a host function's user_data), and a report none to its program
 * or study: each can be freed in any order.
 *
 * Threads. Programs, studies and reports are immutable once made and may be
 * used from several threads at once (one program evaluated over one study
 * from many threads, say); free one only when no thread uses it any more.
 * A study builder and evaluation options belong to one thread at a time.
 * Diagnostics are immutable and may be read from several threads.
 *
 * Errors. Every call that can fail returns a tholos_status and delivers its
 * results through out-parameters, which it sets to NULL first (a handle
 * held there is overwritten, not freed) and fills only on THOLOS_OK. Calls
 * that do work take a last argument `tholos_diagnostics** diagnostics`:
 * pass NULL if you do not want them; otherwise *diagnostics is set to NULL
 * when the call found nothing to say, or to a new handle holding its errors
 * and warnings (a successful call may have warnings), which you free. A
 * wrong argument (a NULL handle or string, a negative round, an enum value
 * out of range...) gives THOLOS_ERROR_INVALID_ARGUMENT and a diagnostic
 * naming the argument; no call crashes on one. tholos_last_error_message()
 * gives the first error of the last failed call on the calling thread, for
 * calls that have no diagnostics argument.
 *
 * Accessors that cannot fail (counts, the fields of a diagnostic, a report's
 * statuses) return their value directly: 0 or NULL for a NULL handle or an
 * index out of range.
 *
 * Strings. Strings passed in are UTF-8 and NUL-terminated (a rule file's
 * text has a length instead). Strings returned are UTF-8 and NUL-terminated.
 * A `const char*` returned belongs to the handle it came from and is valid
 * until that handle is freed; a `char*` delivered through an out-parameter
 * is the caller's, freed with tholos_string_free.
 *
 * No C++ exception crosses this interface. */
#ifndef THOLOS_THOLOS_H
#define THOLOS_THOLOS_H

#include <stddef.h>
#include <stdint.h>

/* Symbols a host links against (the library exports only its interface). */
#if defined(_WIN32)
#define THOLOS_C_API
#elif defined(__GNUC__)
#define THOLOS_C_API __attribute__((visibility("default")))
#else
#define THOLOS_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------
 * Status codes */

typedef enum tholos_status {
  THOLOS_OK = 0,
  /* A NULL handle, string or out-parameter, a negative round, an enum value
   * out of range, a string that is not UTF-8. */
  THOLOS_ERROR_INVALID_ARGUMENT = 1,
  /* The rule file has errors (or cannot be read, or exceeds a limit). */
  THOLOS_ERROR_RULES = 2,
  /* The study's data has errors (or cannot be read, or exceeds a limit). */
  THOLOS_ERROR_DATA = 3,
  /* The rules could not be evaluated over the study or the expression:
   * an unknown param or a bad value for one, a round the data does not
   * have, ratings the rules' scales do not allow, an expression in error. */
  THOLOS_ERROR_EVALUATION = 4,
  THOLOS_ERROR_OUT_OF_MEMORY = 5,
  /* A bug in Tholos: please report it with the diagnostics. */
  THOLOS_ERROR_INTERNAL = 6
} tholos_status;

/* A short English sentence for a status ("the rule file has errors"); a
 * static string, never NULL. */
THOLOS_C_API const char* tholos_status_message(tholos_status status);

/* The message of the first error of the last call on this thread that did
 * not return THOLOS_OK, or "" when the last call succeeded. Valid until the
 * next call into the library on this thread. */
THOLOS_C_API const char* tholos_last_error_message(void);

/* "0.1.0": the library's version. */
THOLOS_C_API const char* tholos_version(void);

/* The version of the JSON report schema (docs/report-schema.md). */
THOLOS_C_API int tholos_report_schema_version(void);

/* Frees a string the library gave the caller; NULL is fine. */
THOLOS_C_API void tholos_string_free(char* string);

/* ------------------------------------------------------------------------
 * Diagnostics: the errors and warnings of one call */

typedef enum tholos_severity {
  THOLOS_SEVERITY_ERROR = 0,
  THOLOS_SEVERITY_WARNING = 1,
  THOLOS_SEVERITY_NOTE = 2
} tholos_severity;

typedef struct tholos_diagnostics tholos_diagnostics;

THOLOS_C_API void tholos_diagnostics_free(tholos_diagnostics* diagnostics);

/* The number of diagnostics; 0 for NULL. */
THOLOS_C_API size_t tholos_diagnostics_count(const tholos_diagnostics* diagnostics);

/* One diagnostic, by index (0 to count - 1). Positions are 1-based and a
 * column counts characters; line is 0 when the problem has no position.
 * The span ends at end_line, end_column (exclusive). The file is "" when no
 * file applies. `rendered` is what the tholos command prints:
 * "FILE:LINE:COL: error: message", the source line and a caret under it.
 * For a NULL handle or an index out of range: THOLOS_SEVERITY_ERROR, 0 or
 * NULL. */
THOLOS_C_API tholos_severity tholos_diagnostics_severity(const tholos_diagnostics* diagnostics,
                                                         size_t index);
THOLOS_C_API const char* tholos_diagnostics_file(const tholos_diagnostics* diagnostics,
                                                 size_t index);
THOLOS_C_API int tholos_diagnostics_line(const tholos_diagnostics* diagnostics, size_t index);
THOLOS_C_API int tholos_diagnostics_column(const tholos_diagnostics* diagnostics, size_t index);
THOLOS_C_API int tholos_diagnostics_end_line(const tholos_diagnostics* diagnostics, size_t index);
THOLOS_C_API int tholos_diagnostics_end_column(const tholos_diagnostics* diagnostics, size_t index);
THOLOS_C_API const char* tholos_diagnostics_message(const tholos_diagnostics* diagnostics,
                                                    size_t index);
THOLOS_C_API const char* tholos_diagnostics_rendered(const tholos_diagnostics* diagnostics,
                                                     size_t index);

/* Every diagnostic rendered, each followed by a newline; "" for NULL. */
THOLOS_C_API const char* tholos_diagnostics_text(const tholos_diagnostics* diagnostics);

/* ------------------------------------------------------------------------
 * Limits a host sets on what it accepts. Exceeding one is an error that
 * names the limit (THOLOS_ERROR_RULES for a rule file, THOLOS_ERROR_DATA for
 * a study). A field left 0 takes its default, so `tholos_limits limits =
 * {0};` followed by one assignment changes only that limit. */

typedef struct tholos_limits {
  size_t max_source_bytes;  /* a rule file, with what it imports (1 MiB) */
  size_t max_nesting_depth; /* levels of nested expressions (64) */
  size_t max_answers;       /* answer rows in a study (100 000 000) */
} tholos_limits;

/* The defaults, which suit any real study. */
THOLOS_C_API tholos_limits tholos_limits_default(void);

/* ------------------------------------------------------------------------
 * Host functions: pure functions a host adds to the language */

typedef enum tholos_value_kind {
  THOLOS_VALUE_MISSING = 0,    /* no value */
  THOLOS_VALUE_NUMBER = 1,     /* `number` */
  THOLOS_VALUE_PERCENTAGE = 2, /* `number` is the fraction: 75% is 0.75 */
  THOLOS_VALUE_BOOLEAN = 3,    /* `boolean`, 0 or 1 */
  THOLOS_VALUE_RATINGS = 4     /* `ratings`, `rating_count` of them */
} tholos_value_kind;

/* A value passed to or returned by a host function. */
typedef struct tholos_value {
  tholos_value_kind kind;
  double number;
  /* When the number is an exact rational (a count, a share k/n),
   * numerator / denominator in lowest terms; otherwise denominator is 0. A
   * host function may return an exact result this way (then `number` is
   * ignored). */
  int64_t numerator;
  int64_t denominator;
  int boolean;
  /* The valid ratings, smallest first; owned by the library, valid only
   * during the call. */
  const double* ratings;
  size_t rating_count;
} tholos_value;

typedef enum tholos_parameter_kind {
  THOLOS_PARAMETER_NUMBER = 0, /* a number (or a percentage, as its fraction) */
  THOLOS_PARAMETER_RATINGS = 1 /* the valid ratings of the statement (or group) */
} tholos_parameter_kind;

typedef enum tholos_result_kind {
  THOLOS_RESULT_NUMBER = 0,
  THOLOS_RESULT_PERCENTAGE = 1,
  THOLOS_RESULT_BOOLEAN = 2
} tholos_result_kind;

/* Called with one value per parameter (a number argument may be missing);
 * `result` arrives as a missing value and is set to a value of the
 * function's result kind (a number or a percentage for either of them, a
 * boolean for a boolean), or left missing. Returning anything but
 * THOLOS_OK, a value of another kind or a number that is not finite makes
 * the result missing. The function must be pure and safe to call from several
 * threads at once: programs are evaluated concurrently. */
typedef tholos_status (*tholos_host_callback)(void* user_data, const tholos_value* args,
                                              size_t count, tholos_value* result);

typedef struct tholos_host_function {
  const char* name;    /* a name (letters, digits, _) not taken by the language */
  const char* summary; /* one line, for help and completion; may be NULL */
  const tholos_parameter_kind* parameters; /* may be NULL when parameter_count is 0 */
  size_t parameter_count;
  tholos_result_kind result;
  /* With fewer ratings than this in a ratings argument the result is
   * missing, without a call. */
  size_t min_ratings;
  tholos_host_callback call;
  /* Passed to `call`; it must stay valid as long as any program compiled
   * with the function. */
  void* user_data;
} tholos_host_function;

/* ------------------------------------------------------------------------
 * Programs: compiled rule files */

typedef struct tholos_program tholos_program;

/* Compiles `length` bytes of rule-file text. `file_name` names it in
 * diagnostics and anchors relative imports; NULL gives "<input>". `limits`
 * may be NULL (the defaults). Errors: THOLOS_ERROR_RULES. */
THOLOS_C_API tholos_status tholos_compile(const char* source, size_t length, const char* file_name,
                                          const tholos_limits* limits, tholos_program** program,
                                          tholos_diagnostics** diagnostics);

/* Reads and compiles the rule file at `path`. */
THOLOS_C_API tholos_status tholos_compile_file(const char* path, const tholos_limits* limits,
                                               tholos_program** program,
                                               tholos_diagnostics** diagnostics);

/* As tholos_compile and tholos_compile_file, with `function_count` host
 * functions the rules may call (the checker knows their signatures). The
 * array and its strings are copied; only user_data is kept. */
THOLOS_C_API tholos_status tholos_compile_with_functions(
    const char* source, size_t length, const char* file_name, const tholos_limits* limits,
    const tholos_host_function* functions, size_t function_count, tholos_program** program,
    tholos_diagnostics** diagnostics);
THOLOS_C_API tholos_status tholos_compile_file_with_functions(
    const char* path, const tholos_limits* limits, const tholos_host_function* functions,
    size_t function_count, tholos_program** program, tholos_diagnostics** diagnostics);

THOLOS_C_API void tholos_program_free(tholos_program* program);

/* ------------------------------------------------------------------------
 * Studies: a study's panel, items, invitations and answers */

typedef struct tholos_study tholos_study;

/* Reads ratings.csv, panel.csv, items.csv and (if present) invitations.csv
 * from `directory`. `limits` may be NULL. Errors: THOLOS_ERROR_DATA. */
THOLOS_C_API tholos_status tholos_load_study(const char* directory, const tholos_limits* limits,
                                             tholos_study** study,
                                             tholos_diagnostics** diagnostics);

THOLOS_C_API void tholos_study_free(tholos_study* study);

/* A study built from a host's own records, without files: add the panel,
 * the items, the invitations (optional: without them every panelist counts
 * as invited to every round) and the answers, then build. The same checks
 * as for CSV files apply when it is built, and a diagnostic names the kind
 * of record and its number in the order added ("answers:17:1: error:
 * unknown panelist 'P9'"). The add functions check only their arguments. */
typedef struct tholos_study_builder tholos_study_builder;

THOLOS_C_API tholos_status tholos_study_builder_new(tholos_study_builder** builder);
THOLOS_C_API void tholos_study_builder_free(tholos_study_builder* builder);

/* Only max_answers applies to a study; NULL restores the defaults. */
THOLOS_C_API tholos_status tholos_study_builder_set_limits(tholos_study_builder* builder,
                                                           const tholos_limits* limits);

/* The attribute columns of the panel (such as "group") and of the items
 * (such as "text"); each panelist or item then gives one value per column,
 * in the same order. `columns` may be NULL when `count` is 0. */
THOLOS_C_API tholos_status tholos_study_builder_panel_columns(tholos_study_builder* builder,
                                                              const char* const* columns,
                                                              size_t count);
THOLOS_C_API tholos_status tholos_study_builder_item_columns(tholos_study_builder* builder,
                                                             const char* const* columns,
                                                             size_t count);
THOLOS_C_API tholos_status tholos_study_builder_add_panelist(tholos_study_builder* builder,
                                                             const char* id,
                                                             const char* const* attributes,
                                                             size_t count);
THOLOS_C_API tholos_status tholos_study_builder_add_item(tholos_study_builder* builder,
                                                         const char* id,
                                                         const char* const* attributes,
                                                         size_t count);

/* Rounds are numbered from 1. */
THOLOS_C_API tholos_status tholos_study_builder_add_invitation(tholos_study_builder* builder,
                                                               int round, const char* panelist);

/* An answer is a rating, a code that is not a rating ("DK"), or a blank
 * (shown and not answered). `criterion` is NULL unless statements are rated
 * on several criteria, and then it is given for every answer. */
THOLOS_C_API tholos_status tholos_study_builder_add_rating(tholos_study_builder* builder, int round,
                                                           const char* panelist, const char* item,
                                                           const char* criterion, double rating);
THOLOS_C_API tholos_status tholos_study_builder_add_code(tholos_study_builder* builder, int round,
                                                         const char* panelist, const char* item,
                                                         const char* criterion, const char* code);
THOLOS_C_API tholos_status tholos_study_builder_add_blank(tholos_study_builder* builder, int round,
                                                          const char* panelist, const char* item,
                                                          const char* criterion);

/* Checks the records and makes a study; the builder is unchanged and may be
 * added to and built again. Errors: THOLOS_ERROR_DATA. */
THOLOS_C_API tholos_status tholos_study_builder_build(tholos_study_builder* builder,
                                                      tholos_study** study,
                                                      tholos_diagnostics** diagnostics);

/* ------------------------------------------------------------------------
 * Evaluating */

typedef struct tholos_eval_options tholos_eval_options;

/* Options with no param overrides, every round, explanations on. */
THOLOS_C_API tholos_status tholos_eval_options_new(tholos_eval_options** options);
THOLOS_C_API void tholos_eval_options_free(tholos_eval_options* options);

/* Overrides a param: `value` is written as in a rule file ("80%"). Setting
 * the same param again replaces the value. An unknown name or a bad value
 * is found by tholos_evaluate (THOLOS_ERROR_EVALUATION). */
THOLOS_C_API tholos_status tholos_eval_options_set_param(tholos_eval_options* options,
                                                         const char* name, const char* value);

/* Evaluate rounds 1 to `round` and report only that round; 0 reports every
 * round (the default). A negative round is an invalid argument. */
THOLOS_C_API tholos_status tholos_eval_options_set_round(tholos_eval_options* options, int round);

/* Whether the report explains each verdict with the cases tried and the
 * values behind them (nonzero, the default) or gives only the statuses. */
THOLOS_C_API tholos_status tholos_eval_options_set_explain(tholos_eval_options* options,
                                                           int explain);

typedef struct tholos_report tholos_report;

/* Evaluates the program over the study; `options` may be NULL (the
 * defaults). Warnings found while evaluating come in *diagnostics.
 * Errors: THOLOS_ERROR_EVALUATION. */
THOLOS_C_API tholos_status tholos_evaluate(const tholos_program* program, const tholos_study* study,
                                           const tholos_eval_options* options,
                                           tholos_report** report,
                                           tholos_diagnostics** diagnostics);

THOLOS_C_API void tholos_report_free(tholos_report* report);

/* The report as JSON (docs/report-schema.md), owned by the report and valid
 * until it is freed; NULL for a NULL report or when memory runs out. */
THOLOS_C_API const char* tholos_report_json(const tholos_report* report);

typedef enum tholos_format {
  THOLOS_FORMAT_TABLE = 0,   /* for a terminal */
  THOLOS_FORMAT_JSON = 1,    /* the same text as tholos_report_json */
  THOLOS_FORMAT_CSV = 2,     /* one row per statement per round */
  THOLOS_FORMAT_MARKDOWN = 3 /* for a paper's appendix */
} tholos_format;

/* The report rendered in `format`, into a new string the caller frees with
 * tholos_string_free. */
THOLOS_C_API tholos_status tholos_report_render(const tholos_report* report, tholos_format format,
                                                char** text);

/* What a host needs without parsing JSON. Rounds are indexed 0 to
 * count - 1 in the report's order; with tholos_eval_options_set_round the
 * report has one round. */
THOLOS_C_API size_t tholos_report_round_count(const tholos_report* report);
/* The round's number (from 1); 0 for an index out of range. */
THOLOS_C_API int tholos_report_round_number(const tholos_report* report, size_t round_index);
/* 1 when the study stops after this round, 0 when it goes on, -1 when the
 * stop rules could not decide (or the index is out of range). */
THOLOS_C_API int tholos_report_round_stop(const tholos_report* report, size_t round_index);
/* The statements rated in the round. */
THOLOS_C_API size_t tholos_report_statement_count(const tholos_report* report, size_t round_index);
/* The statement's item id; NULL for an index out of range. */
THOLOS_C_API const char* tholos_report_statement_item(const tholos_report* report,
                                                      size_t round_index, size_t statement_index);
/* The statement's status label ("consensus"); NULL when it is undetermined,
 * when the rules classify nothing, or for an index out of range. */
THOLOS_C_API const char* tholos_report_statement_status(const tholos_report* report,
                                                        size_t round_index, size_t statement_index);
/* 1 when the statement is rated again in the next round, 0 when not, -1
 * when the rerate rule could not decide or there is none (or the index is
 * out of range). */
THOLOS_C_API int tholos_report_statement_rerate(const tholos_report* report, size_t round_index,
                                                size_t statement_index);

/* Evaluates one expression in the context of a statement (`item`; NULL for
 * every statement of the round) and a round (0 for the last round with
 * data), and delivers its values as JSON: an object, statement id -> value,
 * or {"round": value} for a round-level expression; numbers at full
 * precision, missing as null. The caller frees *json with
 * tholos_string_free. Errors: THOLOS_ERROR_EVALUATION. */
THOLOS_C_API tholos_status tholos_evaluate_expression(const tholos_program* program,
                                                      const tholos_study* study,
                                                      const char* expression, const char* item,
                                                      int round, char** json,
                                                      tholos_diagnostics** diagnostics);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* THOLOS_THOLOS_H */
