/* The host functions capi_fuzz adds, and rule files that call them. */
#include "capi_fuzz_host.h"

#include <math.h>
#include <string.h>

#include "capi_fuzz_input.h"

/* How a host function behaves, chosen by its user_data. */
enum behaviour {
  SUM,           /* the sum of its number arguments and ratings */
  WRONG_KIND,    /* returns a boolean for a number, or the other way round */
  NOT_FINITE,    /* NaN */
  FAILS,         /* returns an error status */
  EXACT,         /* an exact rational, with odd numerators and denominators */
  STRANGE_STATUS /* a status that is no enumerator */
};
const int host_behaviours[HOST_BEHAVIOURS] = {SUM,   WRONG_KIND, NOT_FINITE,
                                              FAILS, EXACT,      STRANGE_STATUS};

tholos_status host_call(void* user_data, const tholos_value* args, size_t count,
                        tholos_value* result) {
  const int behaviour = *(const int*)user_data;
  double sum = 0;
  size_t i, k;
  require(result != NULL && result->kind == THOLOS_VALUE_MISSING);
  require(count == 0 || args != NULL);
  for (i = 0; i < count; ++i) {
    if (args[i].kind == THOLOS_VALUE_RATINGS) {
      require(args[i].rating_count == 0 || args[i].ratings != NULL);
      for (k = 0; k < args[i].rating_count; ++k)
        sum += args[i].ratings[k];
    } else if (args[i].kind == THOLOS_VALUE_NUMBER || args[i].kind == THOLOS_VALUE_PERCENTAGE) {
      sum += args[i].number;
    }
  }
  switch (behaviour) {
    case SUM:
      result->kind = THOLOS_VALUE_NUMBER;
      result->number = sum;
      result->boolean = sum > 3;
      return THOLOS_OK;
    case WRONG_KIND:
      result->kind = (tholos_value_kind)(count % 2 ? THOLOS_VALUE_BOOLEAN : THOLOS_VALUE_RATINGS);
      result->boolean = 1;
      return THOLOS_OK;
    case NOT_FINITE:
      result->kind = THOLOS_VALUE_PERCENTAGE;
      result->number = NAN;
      return THOLOS_OK;
    case FAILS:
      result->kind = THOLOS_VALUE_NUMBER;
      result->number = 1;
      return THOLOS_ERROR_EVALUATION;
    case EXACT: {
      static const int64_t numerators[] = {INT64_MIN, INT64_MAX, -1, 0, 3};
      static const int64_t denominators[] = {INT64_MAX, 1, 0, -1, INT64_MIN, 7};
      const size_t n = (size_t)fabs(fmod(sum, 30.0));
      result->kind = THOLOS_VALUE_NUMBER;
      result->numerator = numerators[n % 5];
      result->denominator = denominators[n % 6];
      result->number = sum;
      return THOLOS_OK;
    }
    default: {
      tholos_status strange;
      const int value = 77;
      memcpy(&strange, &value, sizeof strange);
      result->kind = THOLOS_VALUE_NUMBER;
      return strange;
    }
  }
}

/* Rule files that call f0 and f1. */
const char* const host_rules[] = {
    ("scale s 1..9\nquantiles type 7\ndenominator valid ratings\n"
     "measure a = f0(rating)\nmeasure b = f1(rating, 2)\n"
     "classify statement\n  yes when a > 10\n  otherwise no\n"),
    ("scale s 1..5\nmeasure a = f0(rating) + f1(rating, count(rating))\n"
     "require each statement: f0(rating) >= 0 warn \"host\"\n"),
    "scale s 1..9\nmeasure a = f1(rating, 50%)\nstop when round = 1\n",
    "scale s 0..1\nmeasure a = f0(1)\n",
};
const size_t host_rules_count = sizeof host_rules / sizeof host_rules[0];
