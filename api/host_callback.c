#include "api/host_callback.h"

int tholos_call_host_callback(tholos_host_callback call, void* user_data, const tholos_value* args,
                              size_t count, tholos_value* result) {
  return (int)call(user_data, args, count, result);
}
