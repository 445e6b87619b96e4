/* See fuzz_known.h. */
#include "fuzz_known.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int tholos_fuzz_workarounds(void) {
  static int on = -1;
  if (on < 0) {
    const char* value = getenv("THOLOS_FUZZ_WORKAROUNDS");
    on = value != NULL && strcmp(value, "1") == 0;
  }
  return on;
}

static int contains(const char* text, size_t length, const char* word) {
  const size_t n = strlen(word);
  size_t i;
  for (i = 0; i + n <= length; ++i) {
    if (memcmp(text + i, word, n) == 0) return 1;
  }
  return 0;
}

int tholos_fuzz_reads_files(const char* text, size_t length) {
  return contains(text, length, "\"/") || contains(text, length, "\"..") ||
         contains(text, length, "/..");
}

static int is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
static int is_name(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Whether text[at...] is "statements", white space, "where", and what comes
 * before it is "NAME(" with a statistic's name. */
static int statistic_of_chosen_set(const char* text, size_t length, size_t at) {
  static const char* const statistics[] = {"kendall", "fleiss", "krippendorff", "apmo"};
  size_t k = at + 10, end, begin;
  if (k > length || memcmp(text + at, "statements", 10) != 0) return 0;
  while (k < length && is_space(text[k]))
    ++k;
  if (k + 5 > length || memcmp(text + k, "where", 5) != 0) return 0;
  k = at;
  while (k > 0 && is_space(text[k - 1]))
    --k;
  if (k == 0 || text[k - 1] != '(') return 0;
  --k;
  while (k > 0 && is_space(text[k - 1]))
    --k;
  end = k;
  while (k > 0 && is_name(text[k - 1]))
    --k;
  begin = k;
  for (k = 0; k < sizeof statistics / sizeof statistics[0]; ++k) {
    if (contains(text + begin, end - begin, statistics[k])) return 1;
  }
  return 0;
}

int tholos_fuzz_statement_set_bug(const char* text, size_t length) {
  size_t i;
  for (i = 0; i + 10 <= length; ++i) {
    if (statistic_of_chosen_set(text, length, i)) return 1;
  }
  return 0;
}

double tholos_fuzz_rating(double rating) {
  if (!tholos_fuzz_workarounds()) return rating;
  if (isfinite(rating) && fabs(rating) < 9.0e18) return rating;
  return 1e9 + 0.5;
}
