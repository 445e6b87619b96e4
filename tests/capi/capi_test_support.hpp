// Shared by the C API tests (include/tholos/tholos.h from C++): the test
// data, owners for the handles a test makes, the peer-support example
// through both APIs, and host functions written in C.
#pragma once

#include <atomic>
#include <cstring>
#include <string>
#include <type_traits>
#include <vector>

#include "tholos/tholos.h"
#include "tholos/tholos.hpp"

namespace capi_testing {

inline const std::string kPeerSupport = std::string(THOLOS_SOURCE_DIR) + "/examples/peer-support";
inline const std::string kBasic = std::string(THOLOS_SOURCE_DIR) + "/tests/lang/data/basic";

inline const char* const kRules = R"(
study "C API test"
scale agreement 1..5
  not a rating: "DK"
  band agree = 4..5
quantiles type 7
denominator valid ratings
groups from panel.group
param threshold = 70%
measure agreement = share(rating in agree)
classify statement
  consensus when agreement >= threshold
  otherwise open
rerate when status = open
stop when round = 2
)";

// Owners for the handles a test makes, so that a failed assertion leaks
// nothing (the sanitizer builds would say so).
template <typename T, void (*Free)(T*)>
struct Owned {
  T* p = nullptr;
  Owned() = default;
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
  ~Owned() { Free(p); }
  T** out() {
    Free(p);
    p = nullptr;
    return &p;
  }
  T* get() const { return p; }
};
using Program = Owned<tholos_program, tholos_program_free>;
using Study = Owned<tholos_study, tholos_study_free>;
using Builder = Owned<tholos_study_builder, tholos_study_builder_free>;
using Options = Owned<tholos_eval_options, tholos_eval_options_free>;
using Report = Owned<tholos_report, tholos_report_free>;
using Diagnostics = Owned<tholos_diagnostics, tholos_diagnostics_free>;

struct Text {
  char* p = nullptr;
  Text() = default;
  Text(const Text&) = delete;
  Text& operator=(const Text&) = delete;
  ~Text() { tholos_string_free(p); }
  char** out() {
    tholos_string_free(p);
    p = nullptr;
    return &p;
  }
  std::string str() const { return p != nullptr ? p : "<null>"; }
};

tholos_status compile_text(const std::string& rules, Program& program, Diagnostics& diagnostics,
                           const tholos_limits* limits = nullptr);

// Puts a number that is none of its enumerators into an enum object, as a C
// caller can (in C++ only its bytes may be written; the C program
// c_header_check.c passes such values as arguments).
template <typename Enum>
void set_out_of_range(Enum& object, int value) {
  std::underlying_type_t<Enum> number = static_cast<std::underlying_type_t<Enum>>(value);
  std::memcpy(&object, &number, sizeof object);
}

std::string all_text(const Diagnostics& diagnostics);

// The peer-support example through both APIs.
struct PeerSupport {
  Program program;
  Study study;
  tholos::Program cpp_program = *tholos::compile_file(kPeerSupport + "/protocol.tholos").value;
  tholos::Study cpp_study = *tholos::load_study(kPeerSupport).value;

  PeerSupport();
};

// Host functions in C (capi_test_support.cpp): the share of ratings at the
// top of the scale, exact, counting its calls through user_data; one that
// scales a number; and ones that fail, give no number or the wrong kind.
struct Calls {
  std::atomic<int> count{0};
  double top = 5;
};

struct HostFunctions {
  Calls calls;
  const tholos_parameter_kind ratings[1] = {THOLOS_PARAMETER_RATINGS};
  const tholos_parameter_kind numbers[2] = {THOLOS_PARAMETER_NUMBER, THOLOS_PARAMETER_NUMBER};
  std::vector<tholos_host_function> functions;

  HostFunctions();
};

}  // namespace capi_testing
