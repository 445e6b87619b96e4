/* Library bugs the fuzz targets can step around, so that a long run keeps
 * exploring instead of stopping at the same crash again. Each has a
 * reproducer in fuzz/crashes/ and is described in fuzz/README.md. The ones
 * below are fixed (each reproducer is now a regression test), so the
 * workarounds are off unless THOLOS_FUZZ_WORKAROUNDS=1; they stay as the
 * pattern for the next bug found. Imports of absolute or parent paths are
 * always skipped: a fuzzer must not read the machine's files or block on a
 * device such as /dev/stdin. */
#ifndef THOLOS_FUZZ_KNOWN_H
#define THOLOS_FUZZ_KNOWN_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Whether the workarounds are on (THOLOS_FUZZ_WORKAROUNDS=1). */
int tholos_fuzz_workarounds(void);

/* Rule text whose imports could reach any file of the machine: a string
 * that starts with "/" or "..", or holds "/..". Reading an import is not
 * bounded by Limits::max_source_bytes, so `import "/dev/zero"` never ends
 * (fuzz/crashes/import-dev-zero.tholos). */
int tholos_fuzz_reads_files(const char* text, size_t length);

/* Rule text that may use a set of statements chosen by a condition
 * (`statements where ...`) as the argument of a statistic over statements
 * (kendall_*, fleiss_*, krippendorff_alpha, apmo): in a rule about one
 * statement, evaluating it dereferences a null pointer
 * (fuzz/crashes/statement-set-in-statement-rule.tholos). */
int tholos_fuzz_statement_set_bug(const char* text, size_t length);

/* A rating that is not finite or beyond the range of a 64-bit integer
 * (inf, 1e300; "100000000000000000000" in ratings.csv) makes bind_study
 * convert it to int64_t, which is undefined behaviour
 * (interpreter/bind.cpp:234; fuzz/crashes/rating-beyond-int64/). Returns a
 * rating the workaround gives instead: still not a whole number, so the same
 * error path is taken. */
double tholos_fuzz_rating(double rating);

#ifdef __cplusplus
}
#endif

#endif
