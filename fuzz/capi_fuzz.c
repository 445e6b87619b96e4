/* Fuzz target: the C API (include/tholos/tholos.h) driven by the input as a
 * little program: each step takes an operation byte and its arguments from
 * the input, and calls one function of the API on a few slots of handles,
 * in any order, with NULL handles, NULL strings, invalid UTF-8, negative
 * rounds, enum values out of range, indexes out of range and host functions
 * that misbehave. Written in C, as a C host would be.
 *
 * Checks, besides "no crash, leak or undefined behaviour" (every handle is
 * freed at the end of each input, so LeakSanitizer sees any leak):
 *   - a status is one of the enumerators, and never THOLOS_ERROR_INTERNAL;
 *   - a failed call sets its out-parameters to NULL, delivers at least one
 *     diagnostic when asked for them, and sets the thread's last error; a
 *     successful one fills its out-parameter and clears the last error;
 *   - accessors give 0 or NULL for NULL handles and indexes out of range. */
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz_known.h"
#include "fuzz_rules.h"
#include "tholos/tholos.h"

#include "capi_fuzz_host.h"
#include "capi_fuzz_input.h"

#define SLOTS 3

/* ------------------------------------------------------------------------
 * The state: a few slots of each kind of handle */

/* What is known of a handle, for the workarounds of known bugs
 * (fuzz_known.h): rules that declare criteria, evaluated over a study
 * without any, crash in bind_study; rules with a statistic over
 * `statements where ...` crash in build_matrix. */
enum {
  HAS_CRITERIA = 1,  /* a program: may declare criteria; a study: has criteria */
  STATEMENT_SET = 2, /* a program: may use a statistic of `statements where` */
};

typedef struct state {
  int workarounds;
  unsigned program_flags[SLOTS], study_flags[SLOTS], builder_flags[SLOTS];
  tholos_program* programs[SLOTS];
  tholos_study* studies[SLOTS];
  tholos_study_builder* builders[SLOTS];
  tholos_eval_options* options[SLOTS];
  tholos_report* reports[SLOTS];
  tholos_diagnostics* diagnostics[SLOTS];
} state;

/* A slot index, or SLOTS for "a NULL handle". */
static unsigned slot(input* in) {
  return u8(in) % (SLOTS + 1);
}

/* The sentinel an out-parameter holds before a call, to see that a failed
 * call sets it to NULL (and that no call frees it). */
static char sentinel_object;
#define SENTINEL ((void*)&sentinel_object)

/* Keeps a call's diagnostics in a slot, or frees them. */
static void keep_diagnostics(state* s, tholos_diagnostics* d, input* in) {
  const unsigned k = slot(in);
  if (k < SLOTS) {
    tholos_diagnostics_free(s->diagnostics[k]);
    s->diagnostics[k] = d;
  } else {
    tholos_diagnostics_free(d);
  }
}

static int contains_criteria(const char* text, size_t length) {
  size_t i;
  for (i = 0; i + 8 <= length; ++i) {
    if (memcmp(text + i, "criteria", 8) == 0) return 1;
  }
  return 0;
}

static const char* any_file_name(input* in) {
  static const char* const names[] = {NULL, "/nonexistent-tholos-fuzz/rules.tholos", "",
                                      "\xff\xfe.tholos", "<input>"};
  return names[u8(in) % 5];
}

static const tholos_limits* any_limits(input* in, tholos_limits* limits) {
  switch (u8(in) % 4) {
    case 0:
      return NULL;
    case 1:
      *limits = tholos_limits_default();
      return limits;
    default:
      limits->max_source_bytes = u8(in) % 4 ? 0 : (size_t)u8(in) * 8;
      limits->max_nesting_depth = u8(in) % 4 ? 0 : u8(in) % 8;
      limits->max_answers = u8(in) % 4 ? 0 : (size_t)u8(in);
      return limits;
  }
}

static void op_compile(state* s, input* in, int with_functions) {
  const char* source = NULL;
  size_t length = 0;
  tholos_limits limits;
  const tholos_limits* limits_arg;
  const char* file_name = any_file_name(in);
  tholos_host_function functions[2];
  tholos_parameter_kind parameters[2][3];
  size_t function_count = 0, i;
  const unsigned k = slot(in);
  const int want_diagnostics = u8(in) % 4 != 0;
  tholos_program* program = SENTINEL;
  tholos_diagnostics* d = SENTINEL;
  tholos_status status;
  const uint8_t how = u8(in);
  switch (how % 5) {
    case 0:
    case 1:
      source = tholos_fuzz_rules[u8(in) % tholos_fuzz_rule_count].text;
      length = strlen(source);
      break;
    case 2:
      source = host_rules[u8(in) % host_rules_count];
      length = strlen(source);
      break;
    case 3: /* bytes of the input, as they are (no NUL) */
      length = u8(in);
      if (length > in->size) length = in->size;
      source = (const char*)in->data;
      if (tholos_fuzz_reads_files(source, length)) return;
      in->data += length;
      in->size -= length;
      break;
    default: /* NULL, with a length or without */
      source = NULL;
      length = u8(in) % 2;
      break;
  }
  limits_arg = any_limits(in, &limits);
  if (with_functions) {
    function_count = u8(in) % 3;
    for (i = 0; i < function_count; ++i) {
      static const char* const names[] = {"f0", "f1", "median", "", "9x", "rating", "f0"};
      const uint8_t pick = u8(in);
      size_t p;
      functions[i].name = pick < 240 ? names[(i + pick) % 2 ? 1 : 0] : names[pick % 7];
      if (pick == 255) functions[i].name = NULL;
      functions[i].summary = u8(in) < 250 ? "a host function" : any_string(in);
      functions[i].parameter_count = i == 0 ? 1 : 2;
      if (u8(in) == 0) functions[i].parameter_count = u8(in) % 4;
      for (p = 0; p < 3; ++p) {
        const uint8_t kind = u8(in);
        int value = p == 0 ? THOLOS_PARAMETER_RATINGS : THOLOS_PARAMETER_NUMBER;
        if (kind >= 240) value = kind % 4; /* 2 and 3 are no tholos_parameter_kind */
        memcpy(&parameters[i][p], &value, sizeof value);
      }
      functions[i].parameters =
          functions[i].parameter_count > 3 || u8(in) == 0 ? NULL : parameters[i];
      if (functions[i].parameter_count > 3) functions[i].parameter_count = 3;
      {
        int result = u8(in) % 4; /* 3 is no tholos_result_kind */
        memcpy(&functions[i].result, &result, sizeof result);
      }
      functions[i].min_ratings = u8(in) % 4;
      functions[i].call = u8(in) == 0 ? NULL : host_call;
      functions[i].user_data = (void*)&host_behaviours[u8(in) % HOST_BEHAVIOURS];
    }
    status = tholos_compile_with_functions(
        source, length, file_name, limits_arg, u8(in) == 0 ? NULL : functions, function_count,
        k == SLOTS ? NULL : &program, want_diagnostics ? &d : NULL);
  } else {
    status = tholos_compile(source, length, file_name, limits_arg, k == SLOTS ? NULL : &program,
                            want_diagnostics ? &d : NULL);
  }
  check_status(status);
  if (k == SLOTS) {
    require(status == THOLOS_ERROR_INVALID_ARGUMENT);
  } else if (status == THOLOS_OK) {
    require(program != NULL && program != SENTINEL);
    tholos_program_free(s->programs[k]);
    s->programs[k] = program;
    s->program_flags[k] = 0;
    if (contains_criteria(source, length)) s->program_flags[k] |= HAS_CRITERIA;
    if (s->workarounds && tholos_fuzz_statement_set_bug(source, length)) {
      s->program_flags[k] |= STATEMENT_SET;
    }
  } else {
    require(program == NULL);
  }
  if (want_diagnostics) {
    require(d != SENTINEL);
    check_diagnostics(status, d, 1, in);
    keep_diagnostics(s, d, in);
  }
}

static void op_compile_file(state* s, input* in) {
  static const char* const paths[] = {NULL, "", "/nonexistent-tholos-fuzz/rules.tholos", "/"};
  tholos_limits limits;
  const char* path = paths[u8(in) % 4];
  const tholos_limits* limits_arg = any_limits(in, &limits);
  tholos_program* program = SENTINEL;
  tholos_diagnostics* d = SENTINEL;
  const tholos_status status = tholos_compile_file(path, limits_arg, &program, &d);
  check_status(status);
  require(status != THOLOS_OK);
  require(program == NULL);
  check_diagnostics(status, d, 1, in);
  keep_diagnostics(s, d, in);
}

static const char** any_strings(input* in, const char** array, size_t* count) {
  const uint8_t pick = u8(in);
  size_t i;
  *count = pick % 4;
  for (i = 0; i < *count; ++i)
    array[i] = any_string(in);
  if (pick >= 250) return NULL; /* NULL with a count: an invalid argument unless 0 */
  return array;
}

static void op_builder(state* s, input* in, uint8_t op) {
  const unsigned k = slot(in);
  tholos_study_builder* b = k < SLOTS ? s->builders[k] : NULL;
  tholos_status status = THOLOS_OK;
  const char* strings[4];
  size_t count = 0;
  switch (op) {
    case 0: { /* new */
      tholos_study_builder* fresh = SENTINEL;
      status = tholos_study_builder_new(k == SLOTS ? NULL : &fresh);
      check_status(status);
      if (k == SLOTS) {
        require(status == THOLOS_ERROR_INVALID_ARGUMENT);
      } else {
        require(status == THOLOS_OK && fresh != NULL && fresh != SENTINEL);
        tholos_study_builder_free(s->builders[k]);
        s->builders[k] = fresh;
        s->builder_flags[k] = 0;
      }
      return;
    }
    case 1: /* free */
      tholos_study_builder_free(b);
      if (k < SLOTS) s->builders[k] = NULL;
      return;
    case 2: {
      tholos_limits limits;
      status = tholos_study_builder_set_limits(b, any_limits(in, &limits));
      break;
    }
    case 3: {
      const char** columns = any_strings(in, strings, &count);
      status = u8(in) % 2 ? tholos_study_builder_panel_columns(b, columns, count)
                          : tholos_study_builder_item_columns(b, columns, count);
      break;
    }
    case 4: {
      const char* id = any_string(in);
      const char** attributes = any_strings(in, strings, &count);
      status = u8(in) % 2 ? tholos_study_builder_add_panelist(b, id, attributes, count)
                          : tholos_study_builder_add_item(b, id, attributes, count);
      break;
    }
    case 5: {
      const int round = any_int(in);
      status = tholos_study_builder_add_invitation(b, round, any_string(in));
      break;
    }
    case 6: {
      const int round = any_int(in);
      const char* panelist = any_string(in);
      const char* item = any_string(in);
      const char* criterion = u8(in) < 200 ? NULL : any_string(in);
      if (k < SLOTS && criterion != NULL && criterion[0] != '\0')
        s->builder_flags[k] |= HAS_CRITERIA;
      switch (u8(in) % 3) {
        case 0:
          status = tholos_study_builder_add_rating(b, round, panelist, item, criterion,
                                                   tholos_fuzz_rating(any_double(in)));
          break;
        case 1:
          status =
              tholos_study_builder_add_code(b, round, panelist, item, criterion, any_string(in));
          break;
        default:
          status = tholos_study_builder_add_blank(b, round, panelist, item, criterion);
          break;
      }
      break;
    }
    case 7: { /* a whole small study at once, so that evaluations have data */
      const char* columns[] = {"group", "role"};
      const char* groups[] = {"patient", "clinician", "carer", ""};
      const int panelists = u8(in) % 12, items = u8(in) % 6, rounds = 1 + u8(in) % 3;
      const int low = u8(in) % 2, high = (int)(2 + u8(in) % 8);
      int p, i, r;
      char id[16];
      if (b == NULL) return;
      status = tholos_study_builder_panel_columns(b, columns, 2);
      check_status(status);
      for (p = 0; p < panelists; ++p) {
        const char* attributes[2];
        attributes[0] = groups[(p + u8(in)) % 4];
        attributes[1] = "x";
        id[0] = 'P';
        id[1] = (char)('1' + p % 9);
        id[2] = (char)('a' + p / 9);
        id[3] = '\0';
        check_status(tholos_study_builder_add_panelist(b, id, attributes, 2));
      }
      for (i = 0; i < items; ++i) {
        id[0] = 'S';
        id[1] = (char)('1' + i);
        id[2] = '\0';
        check_status(tholos_study_builder_add_item(b, id, NULL, 0));
      }
      for (r = 1; r <= rounds; ++r) {
        for (i = 0; i < items; ++i) {
          for (p = 0; p < panelists; ++p) {
            char panelist[4], item[3];
            const uint8_t v = u8(in);
            panelist[0] = 'P';
            panelist[1] = (char)('1' + p % 9);
            panelist[2] = (char)('a' + p / 9);
            panelist[3] = '\0';
            item[0] = 'S';
            item[1] = (char)('1' + i);
            item[2] = '\0';
            if (v < 220) {
              check_status(tholos_study_builder_add_rating(b, r, panelist, item, NULL,
                                                           low + v % (high - low + 1)));
            } else if (v < 235) {
              check_status(tholos_study_builder_add_code(b, r, panelist, item, NULL, "DK"));
            } else if (v < 250) {
              check_status(tholos_study_builder_add_blank(b, r, panelist, item, NULL));
            }
          }
        }
      }
      return;
    }
    default: { /* build */
      const unsigned target = slot(in);
      const int want_diagnostics = u8(in) % 4 != 0;
      tholos_study* study = SENTINEL;
      tholos_diagnostics* d = SENTINEL;
      status = tholos_study_builder_build(b, target == SLOTS ? NULL : &study,
                                          want_diagnostics ? &d : NULL);
      check_status(status);
      if (target == SLOTS || b == NULL) {
        require(status == THOLOS_ERROR_INVALID_ARGUMENT);
      } else if (status == THOLOS_OK) {
        require(study != NULL && study != SENTINEL);
        tholos_study_free(s->studies[target]);
        s->studies[target] = study;
        s->study_flags[target] = s->builder_flags[k];
      } else {
        require(study == NULL);
      }
      if (want_diagnostics) {
        require(d != SENTINEL);
        check_diagnostics(status, d, 1, in);
        keep_diagnostics(s, d, in);
      }
      return;
    }
  }
  check_status(status);
  if (b == NULL) require(status == THOLOS_ERROR_INVALID_ARGUMENT);
}

static void op_load_study(state* s, input* in) {
  static const char* const directories[] = {NULL, "", "/nonexistent-tholos-fuzz"};
  tholos_limits limits;
  const char* directory = directories[u8(in) % 3];
  const tholos_limits* limits_arg = any_limits(in, &limits);
  tholos_study* study = SENTINEL;
  tholos_diagnostics* d = SENTINEL;
  const tholos_status status = tholos_load_study(directory, limits_arg, &study, &d);
  check_status(status);
  require(status != THOLOS_OK && study == NULL);
  check_diagnostics(status, d, 1, in);
  keep_diagnostics(s, d, in);
}

static void op_options(state* s, input* in, uint8_t op) {
  const unsigned k = slot(in);
  tholos_eval_options* o = k < SLOTS ? s->options[k] : NULL;
  tholos_status status;
  switch (op) {
    case 0: {
      tholos_eval_options* fresh = SENTINEL;
      status = tholos_eval_options_new(k == SLOTS ? NULL : &fresh);
      check_status(status);
      if (k < SLOTS) {
        require(status == THOLOS_OK && fresh != NULL && fresh != SENTINEL);
        tholos_eval_options_free(s->options[k]);
        s->options[k] = fresh;
      } else {
        require(status == THOLOS_ERROR_INVALID_ARGUMENT);
      }
      return;
    }
    case 1:
      tholos_eval_options_free(o);
      if (k < SLOTS) s->options[k] = NULL;
      return;
    case 2: {
      const char* name = any_string(in);
      status = tholos_eval_options_set_param(o, name, any_string(in));
      break;
    }
    case 3:
      status = tholos_eval_options_set_round(o, any_int(in));
      break;
    default:
      status = tholos_eval_options_set_explain(o, any_int(in));
      break;
  }
  check_status(status);
  if (o == NULL) require(status == THOLOS_ERROR_INVALID_ARGUMENT);
}

/* Whether evaluating program slot p over study slot st would hit a known
 * bug (fuzz_known.h). */
static int known_bug(const state* s, unsigned p, unsigned st) {
  if (!s->workarounds || p >= SLOTS || st >= SLOTS || s->programs[p] == NULL ||
      s->studies[st] == NULL) {
    return 0;
  }
  if (s->program_flags[p] & STATEMENT_SET) return 1;
  return (s->program_flags[p] & HAS_CRITERIA) && !(s->study_flags[st] & HAS_CRITERIA);
}

static void op_evaluate(state* s, input* in) {
  const unsigned p = slot(in), st = slot(in), o = slot(in), r = slot(in);
  const int want_diagnostics = u8(in) % 4 != 0;
  if (known_bug(s, p, st)) return;
  tholos_report* report = SENTINEL;
  tholos_diagnostics* d = SENTINEL;
  const tholos_status status = tholos_evaluate(
      p < SLOTS ? s->programs[p] : NULL, st < SLOTS ? s->studies[st] : NULL,
      o < SLOTS ? s->options[o] : NULL, r == SLOTS ? NULL : &report, want_diagnostics ? &d : NULL);
  check_status(status);
  if (r == SLOTS) {
    require(status == THOLOS_ERROR_INVALID_ARGUMENT);
  } else if (status == THOLOS_OK) {
    require(report != NULL && report != SENTINEL);
    tholos_report_free(s->reports[r]);
    s->reports[r] = report;
  } else {
    require(report == NULL);
  }
  if (want_diagnostics) {
    require(d != SENTINEL);
    check_diagnostics(status, d, 1, in);
    keep_diagnostics(s, d, in);
  }
}

static void op_report(state* s, input* in, uint8_t op) {
  const unsigned k = slot(in);
  const tholos_report* report = k < SLOTS ? s->reports[k] : NULL;
  switch (op) {
    case 0:
      tholos_report_free(s->reports[k < SLOTS ? k : 0]);
      s->reports[k < SLOTS ? k : 0] = NULL;
      return;
    case 1: {
      const char* json = tholos_report_json(report);
      require((json == NULL) == (report == NULL));
      if (json != NULL) require(json[0] == '{');
      return;
    }
    case 2: {
      int format_value = u8(in) % 6 - 1; /* -1 and 4 are no tholos_format */
      tholos_format format;
      char* text = (char*)SENTINEL;
      char** out = u8(in) == 0 ? NULL : &text;
      tholos_status status;
      memcpy(&format, &format_value, sizeof format);
      status = tholos_report_render(report, format, out);
      check_status(status);
      if (status == THOLOS_OK) {
        require(text != NULL && text != (char*)SENTINEL);
        (void)strlen(text);
        tholos_string_free(text);
      } else {
        require(report == NULL || out == NULL || format_value < 0 || format_value > 3);
        if (out != NULL) require(text == NULL);
      }
      return;
    }
    default: {
      const size_t rounds = tholos_report_round_count(report);
      size_t r;
      if (report == NULL) require(rounds == 0);
      for (r = 0; r <= rounds; ++r) {
        const size_t round_index = r < rounds ? r : past(rounds, any_index(in));
        const size_t statements = tholos_report_statement_count(report, round_index);
        const int number = tholos_report_round_number(report, round_index);
        const int stop = tholos_report_round_stop(report, round_index);
        size_t i;
        require(stop >= -1 && stop <= 1);
        if (r == rounds) {
          require(number == 0 && statements == 0 && stop == -1);
        } else {
          require(number >= 1);
        }
        for (i = 0; i <= statements; ++i) {
          const size_t index = i < statements ? i : past(statements, any_index(in));
          const char* item = tholos_report_statement_item(report, round_index, index);
          const char* status = tholos_report_statement_status(report, round_index, index);
          const int rerate = tholos_report_statement_rerate(report, round_index, index);
          require(rerate >= -1 && rerate <= 1);
          if (i < statements) {
            require(item != NULL);
          } else {
            require(item == NULL && status == NULL && rerate == -1);
          }
        }
      }
      return;
    }
  }
}

static void op_expression(state* s, input* in) {
  const unsigned p = slot(in), st = slot(in);
  const char* expression = any_string(in);
  const char* item = u8(in) < 128 ? NULL : any_string(in);
  const int round = any_int(in);
  const int want_json = u8(in) != 0;
  const int want_diagnostics = u8(in) % 4 != 0;
  char* json = (char*)SENTINEL;
  if (known_bug(s, p, st)) return;
  if (s->workarounds && expression != NULL &&
      tholos_fuzz_statement_set_bug(expression, strlen(expression))) {
    return;
  }
  tholos_diagnostics* d = SENTINEL;
  const tholos_status status = tholos_evaluate_expression(
      p < SLOTS ? s->programs[p] : NULL, st < SLOTS ? s->studies[st] : NULL, expression, item,
      round, want_json ? &json : NULL, want_diagnostics ? &d : NULL);
  check_status(status);
  if (want_json) {
    if (status == THOLOS_OK) {
      require(json != NULL && json != (char*)SENTINEL);
      (void)strlen(json);
    } else {
      require(json == NULL);
    }
    tholos_string_free(status == THOLOS_OK ? json : NULL);
  } else {
    require(status == THOLOS_ERROR_INVALID_ARGUMENT);
  }
  if (want_diagnostics) {
    require(d != SENTINEL);
    check_diagnostics(status, d, 1, in);
    keep_diagnostics(s, d, in);
  }
}

static void op_misc(state* s, input* in) {
  switch (u8(in) % 6) {
    case 0: {
      const int value = any_int(in);
      tholos_status status;
      const char* message;
      memcpy(&status, &value, sizeof status);
      message = tholos_status_message(status);
      require(message != NULL && message[0] != '\0');
      return;
    }
    case 1:
      require(tholos_version() != NULL);
      require(tholos_report_schema_version() >= 1);
      return;
    case 2: {
      const tholos_limits limits = tholos_limits_default();
      require(limits.max_source_bytes > 0 && limits.max_nesting_depth > 0 &&
              limits.max_answers > 0);
      return;
    }
    case 3:
      tholos_string_free(NULL);
      return;
    case 4:
      read_diagnostics(s->diagnostics[slot(in) % SLOTS], in);
      read_diagnostics(NULL, in);
      return;
    default: {
      const unsigned k = slot(in);
      if (k < SLOTS) {
        tholos_diagnostics_free(s->diagnostics[k]);
        s->diagnostics[k] = NULL;
      } else {
        tholos_diagnostics_free(NULL);
      }
      return;
    }
  }
}

static void free_all(state* s) {
  int k;
  for (k = 0; k < SLOTS; ++k) {
    tholos_program_free(s->programs[k]);
    tholos_study_free(s->studies[k]);
    tholos_study_builder_free(s->builders[k]);
    tholos_eval_options_free(s->options[k]);
    tholos_report_free(s->reports[k]);
    tholos_diagnostics_free(s->diagnostics[k]);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  input in;
  state s;
  int steps = 0;
  in.data = data;
  in.size = size;
  memset(&s, 0, sizeof s);
  s.workarounds = tholos_fuzz_workarounds();
  while (in.size > 0 && steps++ < 64) {
    const uint8_t op = u8(&in);
    switch (op % 32) {
      case 0:
      case 1:
      case 2:
        op_compile(&s, &in, 0);
        break;
      case 3:
        op_compile(&s, &in, 1);
        break;
      case 4:
        op_compile_file(&s, &in);
        break;
      case 5: {
        const unsigned k = slot(&in);
        if (k < SLOTS) {
          tholos_program_free(s.programs[k]);
          s.programs[k] = NULL;
        } else {
          tholos_program_free(NULL);
        }
        break;
      }
      case 6:
      case 7:
        op_builder(&s, &in, 0);
        break;
      case 8:
        op_builder(&s, &in, 1);
        break;
      case 9:
        op_builder(&s, &in, 2);
        break;
      case 10:
        op_builder(&s, &in, 3);
        break;
      case 11:
        op_builder(&s, &in, 4);
        break;
      case 12:
        op_builder(&s, &in, 5);
        break;
      case 13:
        op_builder(&s, &in, 6);
        break;
      case 14:
      case 15:
        op_builder(&s, &in, 7);
        break;
      case 16:
      case 17:
        op_builder(&s, &in, 8);
        break;
      case 18: {
        const unsigned k = slot(&in);
        if (k < SLOTS) {
          tholos_study_free(s.studies[k]);
          s.studies[k] = NULL;
        } else {
          tholos_study_free(NULL);
        }
        break;
      }
      case 19:
        op_load_study(&s, &in);
        break;
      case 20:
        op_options(&s, &in, 0);
        break;
      case 21:
        op_options(&s, &in, 1);
        break;
      case 22:
        op_options(&s, &in, (uint8_t)(2 + u8(&in) % 3));
        break;
      case 23:
      case 24:
        op_evaluate(&s, &in);
        break;
      case 25:
        op_report(&s, &in, 0);
        break;
      case 26:
        op_report(&s, &in, 1);
        break;
      case 27:
        op_report(&s, &in, 2);
        break;
      case 28:
        op_report(&s, &in, 3);
        break;
      case 29:
      case 30:
        op_expression(&s, &in);
        break;
      default:
        op_misc(&s, &in);
        break;
    }
  }
  free_all(&s);
  return 0;
}
