// What the entry points of the C API (c_api.cpp) share: the structs behind
// the opaque handles of include/tholos/tholos.h, and the helpers that check
// arguments and turn C++ results and exceptions into a status, diagnostics
// and the thread's last error. Internal to the library.
#pragma once

#include <cstddef>
#include <cstring>
#include <mutex>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "tholos/tholos.h"
#include "tholos/tholos.hpp"

struct tholos_program {
  tholos::Program program;
};

struct tholos_study {
  tholos::Study study;
};

struct tholos_study_builder {
  tholos::StudyBuilder builder;
};

struct tholos_eval_options {
  tholos::EvalOptions options;
};

struct tholos_report {
  tholos::Report report;
  // The JSON text, rendered on first request; the mutex lets several
  // threads ask at once.
  mutable std::mutex json_mutex;
  mutable std::string json;
  mutable bool json_ready = false;
};

struct tholos_diagnostics {
  std::vector<tholos::Diagnostic> items;
  std::string text;  // every item rendered, one per line
};

namespace tholos::c_api {

// The first error of the last call on this thread that failed ("" after a
// success): what tholos_last_error_message returns.
const std::string& last_error() noexcept;
void set_last_error(std::string_view message) noexcept;

bool is_utf8(std::string_view text);
// `text` as valid UTF-8 without NUL: each offending byte becomes U+FFFD.
std::string to_utf8(std::string text);

// The number a caller's enum holds. C lets a caller pass any int where an
// enum is declared, and reading an enum object whose value is not one of its
// enumerators is undefined in C++, so its bytes are copied instead.
template <typename Enum>
long long raw(const Enum& value) {
  std::underlying_type_t<Enum> number;
  static_assert(sizeof number == sizeof value);
  std::memcpy(&number, &value, sizeof number);
  return static_cast<long long>(number);
}

// A string the caller owns and frees with tholos_string_free.
char* caller_string(const std::string& text);

Diagnostic plain_error(std::string message);

// Ends a call: records its first error for tholos_last_error_message and
// hands its diagnostics to the caller when wanted. Throws only bad_alloc,
// before anything is handed over.
tholos_status deliver(tholos_status status, std::vector<Diagnostic> diagnostics,
                      tholos_diagnostics** out);

// Ends a call that failed with one message, without throwing.
tholos_status fail(tholos_status status, const char* message, tholos_diagnostics** out) noexcept;

// Runs an entry point's body: anything thrown becomes a status.
template <typename Body>
tholos_status guarded(tholos_diagnostics** out, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return fail(THOLOS_ERROR_OUT_OF_MEMORY, "out of memory", out);
  } catch (const std::exception& e) {
    try {
      return fail(THOLOS_ERROR_INTERNAL, (std::string("internal error: ") + e.what()).c_str(), out);
    } catch (...) {
      return fail(THOLOS_ERROR_INTERNAL, "internal error", out);
    }
  } catch (...) {
    return fail(THOLOS_ERROR_INTERNAL, "internal error", out);
  }
}

// The status of a failed step: `kind`, unless the C++ API caught an
// exception, which it reports as "out of memory: ..." (std::bad_alloc) or
// "internal error: ..." (anything else).
tholos_status failure_status(const std::vector<Diagnostic>& diagnostics, tholos_status kind);

// Checks one entry point's arguments, naming the function and the argument
// in the diagnostic of a wrong one.
class Arguments {
 public:
  Arguments(const char* function, tholos_diagnostics** out) : function_(function), out_(out) {}

  tholos_status invalid(const std::string& problem) const {
    return deliver(THOLOS_ERROR_INVALID_ARGUMENT,
                   {plain_error(std::string(function_) + ": " + problem)}, out_);
  }
  tholos_status null(const std::string& name) const {
    return invalid("the argument '" + name + "' is NULL");
  }
  // A string that must be given, in UTF-8; empty when it is good.
  std::string text_problem(const char* text, const std::string& name) const {
    if (text == nullptr) return "the argument '" + name + "' is NULL";
    if (!is_utf8(text)) return "the argument '" + name + "' is not valid UTF-8";
    return {};
  }
  // An array of `count` strings, which may be NULL only when empty.
  std::string array_problem(const char* const* texts, std::size_t count,
                            const std::string& name) const {
    if (texts == nullptr && count > 0) {
      return "the argument '" + name + "' is NULL but its count is " + std::to_string(count);
    }
    for (std::size_t i = 0; i < count; ++i) {
      std::string problem = text_problem(texts[i], name + "[" + std::to_string(i) + "]");
      if (!problem.empty()) return problem;
    }
    return {};
  }

 private:
  const char* function_;
  tholos_diagnostics** out_;
};

template <typename T>
void clear(T** out) {
  if (out != nullptr) *out = nullptr;
}

// The limits a caller gave, a field of 0 keeping its default; NULL: defaults.
Limits limits_from(const tholos_limits* given);

std::vector<std::string> strings(const char* const* texts, std::size_t count);

}  // namespace tholos::c_api
