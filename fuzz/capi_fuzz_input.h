/* capi_fuzz's input read as numbers, indexes and strings, and the checks of
 * what each C API call did. Past the input's end every byte reads as 0. */
#ifndef THOLOS_CAPI_FUZZ_INPUT_H
#define THOLOS_CAPI_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "tholos/tholos.h"

/* Traps (a crash libFuzzer reports) when the condition does not hold. */
void require(int condition);

/* The bytes not read yet. */
typedef struct input {
  const uint8_t* data;
  size_t size;
} input;

uint8_t u8(input* in);
uint32_t u32(input* in);
/* Any int, the extremes included. */
int any_int(input* in);
/* An index at or past `count` (out of range), without wrapping around. */
size_t past(size_t count, size_t extra);
/* An index, mostly small. */
size_t any_index(input* in);
/* Any double, NaN and infinities included. */
double any_double(input* in);
/* A string (perhaps NULL, perhaps invalid UTF-8); valid until seven more
 * strings have been taken. */
const char* any_string(input* in);

/* The thread's last error agrees with the status. */
void check_last_error(tholos_status status);
/* The status is an enumerator, never THOLOS_ERROR_INTERNAL. */
void check_status(tholos_status status);
/* Reads every field of every diagnostic of a handle, and one past the end. */
void read_diagnostics(const tholos_diagnostics* d, input* in);
/* The diagnostics of a call: a failed call must explain itself. */
void check_diagnostics(tholos_status status, tholos_diagnostics* d, int asked, input* in);

#endif
