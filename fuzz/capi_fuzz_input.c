/* Reading capi_fuzz's input as numbers, indexes and strings, and checking
 * what each C API call did (see capi_fuzz.c). */
#include "capi_fuzz_input.h"

#include <limits.h>
#include <math.h>
#include <string.h>

void require(int condition) {
  if (!condition) __builtin_trap();
}

/* ------------------------------------------------------------------------
 * Reading the input */

uint8_t u8(input* in) {
  uint8_t v;
  if (in->size == 0) return 0;
  v = in->data[0];
  ++in->data;
  --in->size;
  return v;
}

uint32_t u32(input* in) {
  uint32_t v = 0;
  int i;
  for (i = 0; i < 4; ++i)
    v = (v << 8) | u8(in);
  return v;
}

int any_int(input* in) {
  static const int special[] = {0, 1, 2, 3, -1, INT_MIN, INT_MAX, 1000, 1001, 4};
  const uint8_t pick = u8(in);
  if (pick < 200) return special[pick % 10];
  return (int)u32(in);
}

/* An index at or past `count` (out of range), without wrapping around. */
size_t past(size_t count, size_t extra) {
  return count + extra < count ? SIZE_MAX : count + extra;
}

size_t any_index(input* in) {
  const uint8_t pick = u8(in);
  if (pick < 200) return pick % 12;
  return pick == 255 ? SIZE_MAX : (size_t)u32(in);
}

double any_double(input* in) {
  static const double special[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, -1, 2.5, 1e308, 10, 0.5, 1e-320};
  const uint8_t pick = u8(in);
  if (pick < 224) return special[pick % 16];
  switch (pick % 4) {
    case 0:
      return NAN;
    case 1:
      return INFINITY;
    case 2:
      return -INFINITY;
    default:
      return (double)(int32_t)u32(in) / 7.0;
  }
}

/* Strings live in a ring of buffers, so that one call can take several. */
static char buffers[8][48];
static unsigned next_buffer;

const char* any_string(input* in) {
  static const char* const table[] = {
      "",
      "P1",
      "P2",
      "P3",
      "S1",
      "S2",
      "group",
      "text",
      "DK",
      "UTS",
      "patient",
      "clinician",
      "threshold",
      "80%",
      "0.5",
      "1..9",
      "useful",
      "acceptable",
      "\xff\xfe",
      "consensus_level",
      "max_iqr",
      "true",
      "\"x\"",
      "1/0",
      "median(rating)",
      "share(rating in agree)",
      "count(statements)",
      "f0(rating)",
      "rating where group = \"patient\"",
      "every group (count(rating) > 1)",
      "S 1",
      " P1",
      "P1 ",
      "criterion",
  };
  const uint8_t pick = u8(in);
  if (pick < 16) return NULL;
  if (pick < 200) return table[pick % (sizeof table / sizeof table[0])];
  {
    char* buffer = buffers[next_buffer++ % 8];
    size_t length = u8(in) % (sizeof buffers[0] - 1), i;
    for (i = 0; i < length; ++i) {
      buffer[i] = (char)u8(in);
    }
    buffer[length] = '\0';
    return buffer;
  }
}

/* ------------------------------------------------------------------------
 * Checking what a call did */

void check_last_error(tholos_status status) {
  const char* message = tholos_last_error_message();
  require(message != NULL);
  if (status == THOLOS_OK) {
    require(message[0] == '\0');
  } else {
    require(message[0] != '\0');
  }
}

void check_status(tholos_status status) {
  require((unsigned)status <= THOLOS_ERROR_INTERNAL);
  require(status != THOLOS_ERROR_INTERNAL);
  check_last_error(status);
}

/* Reads every field of every diagnostic of a handle. */
void read_diagnostics(const tholos_diagnostics* d, input* in) {
  const size_t count = tholos_diagnostics_count(d);
  size_t i;
  const char* text = tholos_diagnostics_text(d);
  require(text != NULL);
  for (i = 0; i <= count; ++i) {
    const size_t index = i < count ? i : past(count, any_index(in));
    const tholos_severity severity = tholos_diagnostics_severity(d, index);
    const char* file = tholos_diagnostics_file(d, index);
    const char* message = tholos_diagnostics_message(d, index);
    const char* rendered = tholos_diagnostics_rendered(d, index);
    const int line = tholos_diagnostics_line(d, index);
    const int column = tholos_diagnostics_column(d, index);
    const int end_line = tholos_diagnostics_end_line(d, index);
    const int end_column = tholos_diagnostics_end_column(d, index);
    if (index < count) {
      require(file != NULL && message != NULL && rendered != NULL);
      require(strncmp(message, "internal error", 14) != 0);
      require(line >= 0 && column >= 0 && end_line >= 0 && end_column >= 0);
      require((unsigned)severity <= THOLOS_SEVERITY_NOTE);
      (void)strlen(file);
      (void)strlen(rendered);
    } else {
      require(file == NULL && message == NULL && rendered == NULL);
      require(line == 0 && column == 0 && end_line == 0 && end_column == 0);
      require(severity == THOLOS_SEVERITY_ERROR);
    }
  }
}

/* The diagnostics of a call: a failed call must explain itself. */
void check_diagnostics(tholos_status status, tholos_diagnostics* d, int asked, input* in) {
  if (!asked) return;
  if (status != THOLOS_OK) require(d != NULL && tholos_diagnostics_count(d) > 0);
  if (d != NULL) {
    require(tholos_diagnostics_count(d) > 0);
    read_diagnostics(d, in);
  }
}
