/* Compiled as C99 with -Wall -Wextra -Wpedantic -Werror: tholos.h is valid
 * C. Calls every function of the C API once, evaluating the peer-support
 * example, and exits with 0 when every result is as expected. */
#include <stdio.h>
#include <string.h>

#include "tholos/tholos.h"

#ifndef THOLOS_SOURCE_DIR
#error "THOLOS_SOURCE_DIR must name the source tree"
#endif

static int failures = 0;

static void check(int ok, const char* what) {
  if (!ok) {
    fprintf(stderr, "FAILED: %s (last error: %s)\n", what, tholos_last_error_message());
    ++failures;
  }
}

/* The share of valid ratings of 5, exact; counts its calls in user_data. */
static tholos_status top_box(void* user_data, const tholos_value* args, size_t count,
                             tholos_value* result) {
  size_t i, top = 0;
  ++*(long*)user_data; /* evaluation here is single-threaded */
  if (count != 1 || args[0].kind != THOLOS_VALUE_RATINGS) return THOLOS_ERROR_EVALUATION;
  for (i = 0; i < args[0].rating_count; ++i)
    top += args[0].ratings[i] == 5.0;
  result->kind = THOLOS_VALUE_PERCENTAGE;
  result->numerator = (int64_t)top;
  result->denominator = (int64_t)args[0].rating_count;
  return THOLOS_OK;
}

/* Values no enumerator names, which C lets a caller give: the results are
 * missing values. */
static tholos_status odd_kind(void* user_data, const tholos_value* args, size_t count,
                              tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = (tholos_value_kind)77;
  result->number = 1;
  return THOLOS_OK;
}

static tholos_status odd_status(void* user_data, const tholos_value* args, size_t count,
                                tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = 1;
  return (tholos_status)1234;
}

static void diagnostics_accessors(void) {
  const char rules[] = "scale s 1..5\nmeasure m = medain(rating)\n";
  tholos_program* program = NULL;
  tholos_diagnostics* diagnostics = NULL;
  tholos_status status =
      tholos_compile(rules, strlen(rules), "bad.tholos", NULL, &program, &diagnostics);
  check(status == THOLOS_ERROR_RULES, "a misspelt function is a rules error");
  check(program == NULL, "no program on error");
  check(tholos_diagnostics_count(diagnostics) >= 1, "a diagnostic");
  check(tholos_diagnostics_severity(diagnostics, 0) == THOLOS_SEVERITY_ERROR, "an error");
  check(strcmp(tholos_diagnostics_file(diagnostics, 0), "bad.tholos") == 0, "its file");
  check(tholos_diagnostics_line(diagnostics, 0) == 2, "its line");
  check(tholos_diagnostics_column(diagnostics, 0) == 13, "its column");
  check(tholos_diagnostics_end_line(diagnostics, 0) == 2, "its end line");
  check(tholos_diagnostics_end_column(diagnostics, 0) > 13, "its end column");
  check(strstr(tholos_diagnostics_message(diagnostics, 0), "medain") != NULL, "its message");
  check(strncmp(tholos_diagnostics_rendered(diagnostics, 0), "bad.tholos:2:13: error:", 23) == 0,
        "its rendering");
  check(strstr(tholos_diagnostics_text(diagnostics), "bad.tholos:2:13") != NULL, "all rendered");
  check(strstr(tholos_last_error_message(), "medain") != NULL, "the last error");
  tholos_diagnostics_free(diagnostics);
}

static tholos_study* built_study(void) {
  static const char* const panelists[] = {"P1", "P2", "P3", "P4"};
  const char* const group_column[] = {"group"};
  const char* const text_column[] = {"text"};
  const char* const groups[] = {"a", "b"};
  const char* const text[] = {"A statement"};
  tholos_study_builder* builder = NULL;
  tholos_study* study = NULL;
  tholos_limits limits = tholos_limits_default();
  int i;
  check(tholos_study_builder_new(&builder) == THOLOS_OK, "a builder");
  check(tholos_study_builder_set_limits(builder, &limits) == THOLOS_OK, "set limits");
  check(tholos_study_builder_panel_columns(builder, group_column, 1) == THOLOS_OK, "panel columns");
  check(tholos_study_builder_item_columns(builder, text_column, 1) == THOLOS_OK, "item columns");
  for (i = 0; i < 4; ++i) {
    check(tholos_study_builder_add_panelist(builder, panelists[i], &groups[i % 2], 1) == THOLOS_OK,
          "a panelist");
    check(tholos_study_builder_add_invitation(builder, 1, panelists[i]) == THOLOS_OK,
          "an invitation");
  }
  check(tholos_study_builder_add_item(builder, "S1", text, 1) == THOLOS_OK, "an item");
  check(tholos_study_builder_add_rating(builder, 1, "P1", "S1", NULL, 5) == THOLOS_OK, "a rating");
  check(tholos_study_builder_add_rating(builder, 1, "P2", "S1", NULL, 4) == THOLOS_OK, "a rating");
  check(tholos_study_builder_add_code(builder, 1, "P3", "S1", NULL, "DK") == THOLOS_OK, "a code");
  check(tholos_study_builder_add_blank(builder, 1, "P4", "S1", NULL) == THOLOS_OK, "a blank");
  check(tholos_study_builder_build(builder, &study, NULL) == THOLOS_OK, "built");
  tholos_study_builder_free(builder);
  return study;
}

int main(void) {
  const char* dir = THOLOS_SOURCE_DIR "/examples/peer-support";
  const char* protocol = THOLOS_SOURCE_DIR "/examples/peer-support/protocol.tholos";
  const tholos_parameter_kind ratings_parameter[] = {THOLOS_PARAMETER_RATINGS};
  long calls = 0;
  tholos_host_function host[3];
  tholos_report* none = NULL;
  tholos_program* program = NULL;
  tholos_program* with_functions = NULL;
  tholos_program* file_with_functions = NULL;
  tholos_study* study = NULL;
  tholos_study* small = NULL;
  tholos_eval_options* options = NULL;
  tholos_report* report = NULL;
  tholos_report* small_report = NULL;
  tholos_diagnostics* diagnostics = NULL;
  char* text = NULL;
  char* json = NULL;
  size_t round, statement, consensus[3] = {0, 0, 0};
  const char rules[] =
      "scale agreement 1..5\n  not a rating: \"DK\"\n  band agree = 4..5\nquantiles type 7\n"
      "denominator valid ratings\nmeasure top = top_box(rating)\n"
      "measure odd = odd_kind() + odd_status()\n"
      "classify statement\n  consensus when share(rating in agree) >= 70%\n  otherwise open\n";
  tholos_limits limits = tholos_limits_default();

  printf("tholos %s, report schema %d\n", tholos_version(), tholos_report_schema_version());
  check(strcmp(tholos_version(), "0.1.0") == 0, "the version");
  check(tholos_report_schema_version() == 1, "the schema version");
  check(strcmp(tholos_status_message(THOLOS_ERROR_RULES), "the rule file has errors") == 0,
        "a status message");
  check(limits.max_nesting_depth == 64, "the default nesting depth");

  diagnostics_accessors();

  /* Compile and load the example. */
  check(tholos_compile_file(protocol, &limits, &program, &diagnostics) == THOLOS_OK,
        "the protocol compiles");
  fputs(tholos_diagnostics_text(diagnostics), stderr);
  tholos_diagnostics_free(diagnostics);
  check(tholos_load_study(dir, NULL, &study, &diagnostics) == THOLOS_OK, "the study loads");
  fputs(tholos_diagnostics_text(diagnostics), stderr);
  tholos_diagnostics_free(diagnostics);

  /* Evaluate every round, with explanations and an overridden param. */
  check(tholos_eval_options_new(&options) == THOLOS_OK, "options");
  check(tholos_eval_options_set_param(options, "threshold", "70%") == THOLOS_OK, "a param");
  check(tholos_eval_options_set_round(options, 0) == THOLOS_OK, "every round");
  check(tholos_eval_options_set_explain(options, 1) == THOLOS_OK, "explanations");
  check(tholos_evaluate(program, study, options, &report, &diagnostics) == THOLOS_OK,
        "the rules evaluate");
  tholos_diagnostics_free(diagnostics);
  check(tholos_report_round_count(report) == 3, "three rounds");
  for (round = 0; round < tholos_report_round_count(report); ++round) {
    for (statement = 0; statement < tholos_report_statement_count(report, round); ++statement) {
      const char* status = tholos_report_statement_status(report, round, statement);
      check(tholos_report_statement_item(report, round, statement) != NULL, "an item id");
      const int open = status != NULL && strcmp(status, "no_consensus") == 0;
      check(tholos_report_statement_rerate(report, round, statement) == open,
            "rerated when there is no consensus");
      if (status != NULL && strcmp(status, "consensus") == 0 && round < 3) ++consensus[round];
    }
    printf("round %d: %lu statements, %lu consensus, %s\n",
           tholos_report_round_number(report, round),
           (unsigned long)tholos_report_statement_count(report, round),
           (unsigned long)consensus[round],
           tholos_report_round_stop(report, round) == 1 ? "stop" : "go on");
  }
  check(consensus[0] == 24 && consensus[1] == 8 && consensus[2] == 6, "24, 8 and 6 consensus");
  check(tholos_report_round_stop(report, 2) == 1, "the study stops after round 3");
  check(strncmp(tholos_report_json(report), "{", 1) == 0, "the JSON");
  check(tholos_report_render(report, THOLOS_FORMAT_CSV, &text) == THOLOS_OK, "CSV");
  check(text != NULL && strncmp(text, "round,item,status", 17) == 0, "the CSV header");
  tholos_string_free(text);

  /* One expression. */
  check(tholos_evaluate_expression(program, study, "agreement", "S01", 1, &json, NULL) == THOLOS_OK,
        "an expression");
  check(json != NULL && strstr(json, "\"S01\"") != NULL, "its JSON");
  tholos_string_free(json);

  /* A host function in C, from text and from a file. */
  memset(host, 0, sizeof host);
  host[0].name = "top_box";
  host[0].summary = "share of ratings of 5";
  host[0].parameters = ratings_parameter;
  host[0].parameter_count = 1;
  host[0].result = THOLOS_RESULT_PERCENTAGE;
  host[0].min_ratings = 1;
  host[0].call = top_box;
  host[0].user_data = &calls;
  host[1].name = "odd_kind";
  host[1].result = THOLOS_RESULT_NUMBER;
  host[1].call = odd_kind;
  host[2].name = "odd_status";
  host[2].result = THOLOS_RESULT_NUMBER;
  host[2].call = odd_status;
  check(tholos_compile_with_functions(rules, strlen(rules), "host.tholos", NULL, host, 3,
                                      &with_functions, NULL) == THOLOS_OK,
        "rules with host functions");
  check(tholos_compile_file_with_functions(protocol, NULL, host, 3, &file_with_functions, NULL) ==
            THOLOS_OK,
        "a file with host functions");
  small = built_study();
  check(tholos_evaluate(with_functions, small, NULL, &small_report, NULL) == THOLOS_OK,
        "the built study evaluates");
  check(calls > 0, "the host function was called");
  check(tholos_report_statement_status(small_report, 0, 0) != NULL &&
            strcmp(tholos_report_statement_status(small_report, 0, 0), "consensus") == 0,
        "two of two valid ratings agree");
  check(tholos_evaluate_expression(with_functions, small, "top", "S1", 0, &json, NULL) == THOLOS_OK,
        "the host function's value");
  check(json != NULL && strstr(json, "\"S1\": 0.5") != NULL, "one of two ratings is 5");
  tholos_string_free(json);
  check(tholos_evaluate_expression(with_functions, small, "odd", "S1", 0, &json, NULL) == THOLOS_OK,
        "host functions giving odd values");
  check(json != NULL && strstr(json, "\"S1\": null") != NULL, "odd values are missing");
  tholos_string_free(json);

  /* Wrong arguments are refused, not crashes. */
  check(tholos_evaluate(NULL, study, NULL, &none, NULL) == THOLOS_ERROR_INVALID_ARGUMENT,
        "a NULL program");
  check(none == NULL, "no report");
  check(strstr(tholos_last_error_message(), "'program'") != NULL, "names the argument");
  check(tholos_report_render(report, (tholos_format)42, &text) == THOLOS_ERROR_INVALID_ARGUMENT,
        "a format out of range");
  check(text == NULL, "no text");
  check(strstr(tholos_last_error_message(), "'format'") != NULL, "names the format");
  check(strcmp(tholos_status_message((tholos_status)99), "unknown status") == 0,
        "a status out of range");

  tholos_report_free(small_report);
  tholos_report_free(report);
  tholos_eval_options_free(options);
  tholos_study_free(small);
  tholos_study_free(study);
  tholos_program_free(file_with_functions);
  tholos_program_free(with_functions);
  tholos_program_free(program);
  if (failures > 0) {
    fprintf(stderr, "%d checks failed\n", failures);
    return 1;
  }
  printf("all checks passed\n");
  return 0;
}
