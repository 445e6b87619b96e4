/* Calling a host function's callback (tholos_host_callback) from the library.
 *
 * The call is made from C, where an enum is an integer: a callback that
 * returns a number that is none of tholos_status's enumerators (C allows it)
 * gives that number. Received in C++ as a tholos_status, the same value is
 * undefined behaviour (UBSan: "load of value 77, which is not a valid value
 * for type 'const tholos_status'"; found by capi_fuzz). */
#ifndef THOLOS_API_HOST_CALLBACK_H
#define THOLOS_API_HOST_CALLBACK_H

#include <stddef.h>

#include "tholos/tholos.h"

#ifdef __cplusplus
extern "C" {
#endif

/* call(user_data, args, count, result), its status as the int it holds. */
int tholos_call_host_callback(tholos_host_callback call, void* user_data, const tholos_value* args,
                              size_t count, tholos_value* result);

#ifdef __cplusplus
}
#endif

#endif
