/* A host application's use of Tholos from C: compile a rule file once with
 * a function of its own, evaluate a study under two thresholds, read the
 * report through its accessors, and ask for one value as JSON.
 *
 * Usage: c_host STUDY_FOLDER   (a folder with protocol.tholos and the CSVs) */
#include <tholos/tholos.h>

#include <stdio.h>
#include <string.h>

/* Prints a call's diagnostics, if any, and frees them. */
static void print_diagnostics(tholos_diagnostics* diagnostics) {
  if (diagnostics != NULL) fputs(tholos_diagnostics_text(diagnostics), stderr);
  tholos_diagnostics_free(diagnostics);
}

/* A host function: the share of ratings of 5, as an exact fraction. */
static tholos_status top_box(void* user_data, const tholos_value* args, size_t count,
                             tholos_value* result) {
  size_t i, top = 0;
  (void)user_data;
  (void)count;
  for (i = 0; i < args[0].rating_count; ++i)
    top += args[0].ratings[i] == 5.0;
  result->kind = THOLOS_VALUE_PERCENTAGE;
  result->numerator = (int64_t)top;
  result->denominator = (int64_t)args[0].rating_count;
  return THOLOS_OK;
}

int main(int argc, char** argv) {
  static const char* const thresholds[] = {"70%", "80%"};
  const tholos_parameter_kind ratings = THOLOS_PARAMETER_RATINGS;
  tholos_host_function function;
  tholos_program* program = NULL;
  tholos_study* study = NULL;
  tholos_diagnostics* diagnostics = NULL;
  char path[4096];
  char* json = NULL;
  size_t t;
  int status = 1;

  if (argc != 2) {
    fputs("usage: c_host STUDY_FOLDER\n", stderr);
    return 2;
  }

  memset(&function, 0, sizeof function);
  function.name = "top_box";
  function.summary = "the share of ratings of 5";
  function.parameters = &ratings;
  function.parameter_count = 1;
  function.result = THOLOS_RESULT_PERCENTAGE;
  function.min_ratings = 1;
  function.call = top_box;

  /* Compile once; the program is immutable and may be shared by threads. */
  snprintf(path, sizeof path, "%s/protocol.tholos", argv[1]);
  if (tholos_compile_file_with_functions(path, NULL, &function, 1, &program, &diagnostics) !=
      THOLOS_OK) {
    print_diagnostics(diagnostics);
    goto done;
  }
  print_diagnostics(diagnostics); /* warnings, if any */
  if (tholos_load_study(argv[1], NULL, &study, &diagnostics) != THOLOS_OK) {
    print_diagnostics(diagnostics);
    goto done;
  }
  print_diagnostics(diagnostics);

  /* Evaluate many times: under the file's threshold and a stricter one. */
  for (t = 0; t < sizeof thresholds / sizeof thresholds[0]; ++t) {
    tholos_eval_options* options = NULL;
    tholos_report* report = NULL;
    size_t round, rounds, i;
    if (tholos_eval_options_new(&options) != THOLOS_OK ||
        tholos_eval_options_set_param(options, "threshold", thresholds[t]) != THOLOS_OK ||
        tholos_eval_options_set_explain(options, 0) != THOLOS_OK) {
      fprintf(stderr, "%s\n", tholos_last_error_message());
      tholos_eval_options_free(options);
      goto done;
    }
    if (tholos_evaluate(program, study, options, &report, &diagnostics) != THOLOS_OK) {
      print_diagnostics(diagnostics);
      tholos_eval_options_free(options);
      goto done;
    }
    print_diagnostics(diagnostics);
    printf("threshold %s:", thresholds[t]);
    rounds = tholos_report_round_count(report);
    for (round = 0; round < rounds; ++round) {
      int consensus = 0;
      for (i = 0; i < tholos_report_statement_count(report, round); ++i) {
        const char* label = tholos_report_statement_status(report, round, i);
        consensus += label != NULL && strcmp(label, "consensus") == 0;
      }
      printf(" round %d %d", tholos_report_round_number(report, round), consensus);
    }
    printf("\n");
    tholos_report_free(report);
    tholos_eval_options_free(options);
  }

  /* One value, for one statement: the host's own function in a rule. */
  if (tholos_evaluate_expression(program, study, "top_box(rating) >= 50%", "S01", 1, &json,
                                 &diagnostics) != THOLOS_OK) {
    print_diagnostics(diagnostics);
    goto done;
  }
  print_diagnostics(diagnostics);
  printf("S01 top box >= 50%%: %s\n", json);
  tholos_string_free(json);
  status = 0;

done:
  tholos_study_free(study);
  tholos_program_free(program);
  return status;
}
