/* The host functions capi_fuzz adds (f0, f1) and rule files that call them. */
#ifndef THOLOS_CAPI_FUZZ_HOST_H
#define THOLOS_CAPI_FUZZ_HOST_H

#include <stddef.h>

#include "tholos/tholos.h"

/* How a host function behaves: its user_data points at one of these (a sum,
 * a result of the wrong kind, NaN, an error status, an exact rational, a
 * status that is no enumerator). */
#define HOST_BEHAVIOURS 6
extern const int host_behaviours[HOST_BEHAVIOURS];

/* The function every host function calls; checks its arguments. */
tholos_status host_call(void* user_data, const tholos_value* args, size_t count,
                        tholos_value* result);

/* Rule files that call f0 (ratings) and f1 (ratings, number). */
extern const char* const host_rules[];
extern const size_t host_rules_count;

#endif
