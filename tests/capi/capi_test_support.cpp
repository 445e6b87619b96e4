#include "tests/capi/capi_test_support.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

namespace capi_testing {
namespace {

tholos_status top_box(void* user_data, const tholos_value* args, size_t count,
                      tholos_value* result) {
  auto* calls = static_cast<Calls*>(user_data);
  calls->count.fetch_add(1);
  if (count != 1 || args[0].kind != THOLOS_VALUE_RATINGS) return THOLOS_ERROR_INVALID_ARGUMENT;
  std::int64_t top = 0;
  for (std::size_t i = 0; i < args[0].rating_count; ++i) {
    top += args[0].ratings[i] == calls->top ? 1 : 0;
  }
  result->kind = THOLOS_VALUE_PERCENTAGE;
  result->numerator = top;
  result->denominator = static_cast<std::int64_t>(args[0].rating_count);
  return THOLOS_OK;
}

tholos_status scaled(void* user_data, const tholos_value* args, size_t count,
                     tholos_value* result) {
  (void)user_data;
  if (count != 2 || args[0].kind != THOLOS_VALUE_NUMBER) return THOLOS_ERROR_EVALUATION;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = args[0].number * args[1].number;
  return THOLOS_OK;
}

tholos_status failing(void* user_data, const tholos_value* args, size_t count,
                      tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;  // ignored: the status says it failed
  result->number = 1;
  return THOLOS_ERROR_EVALUATION;
}

tholos_status not_finite(void* user_data, const tholos_value* args, size_t count,
                         tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = std::nan("");
  return THOLOS_OK;
}

// Declared boolean, returns a number: a value of the wrong kind.
tholos_status wrong_kind(void* user_data, const tholos_value* args, size_t count,
                         tholos_value* result) {
  (void)user_data;
  (void)args;
  (void)count;
  result->kind = THOLOS_VALUE_NUMBER;
  result->number = 1;
  return THOLOS_OK;
}

}  // namespace

tholos_status compile_text(const std::string& rules, Program& program, Diagnostics& diagnostics,
                           const tholos_limits* limits) {
  return tholos_compile(rules.data(), rules.size(), "rules.tholos", limits, program.out(),
                        diagnostics.out());
}

std::string all_text(const Diagnostics& diagnostics) {
  return tholos_diagnostics_text(diagnostics.get());
}

PeerSupport::PeerSupport() {
  Diagnostics diagnostics;
  EXPECT_EQ(tholos_compile_file((kPeerSupport + "/protocol.tholos").c_str(), nullptr, program.out(),
                                diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
  EXPECT_EQ(tholos_load_study(kPeerSupport.c_str(), nullptr, study.out(), diagnostics.out()),
            THOLOS_OK)
      << all_text(diagnostics);
}

HostFunctions::HostFunctions() {
  functions.push_back({"top_box", "share of ratings at the top of the scale", ratings, 1,
                       THOLOS_RESULT_PERCENTAGE, 1, top_box, &calls});
  functions.push_back({"scaled", nullptr, numbers, 2, THOLOS_RESULT_NUMBER, 0, scaled, nullptr});
  functions.push_back(
      {"fails", "always fails", ratings, 1, THOLOS_RESULT_NUMBER, 0, failing, nullptr});
  functions.push_back(
      {"nan", "not a number", nullptr, 0, THOLOS_RESULT_NUMBER, 0, not_finite, nullptr});
  functions.push_back(
      {"wrong_kind", nullptr, nullptr, 0, THOLOS_RESULT_BOOLEAN, 0, wrong_kind, nullptr});
}

}  // namespace capi_testing
