/* The bundled valid rule files (the .tholos files in fuzz/rules), built into the fuzz
 * targets that evaluate, so that they explore the evaluator and not only the
 * syntax errors of random bytes. Each file's second line says what study it
 * expects: "# fuzz-study: scale=LOW..HIGH [criteria=NAME,NAME]". */
#ifndef THOLOS_FUZZ_RULES_H
#define THOLOS_FUZZ_RULES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tholos_fuzz_rule {
  const char* name; /* file name, e.g. "likert.tholos" */
  const char* text;
} tholos_fuzz_rule;

extern const tholos_fuzz_rule tholos_fuzz_rules[];
extern const size_t tholos_fuzz_rule_count;

#ifdef __cplusplus
}
#endif

#endif
