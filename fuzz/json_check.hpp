// Whether a rendering is valid JSON, for the fuzz targets' checks.
//
// json_check.cpp is compiled without coverage instrumentation
// (fuzz/CMakeLists.txt): the JSON parser is the checker, not code under
// test, and instrumenting it made a third of eval_fuzz's time and fed the
// fuzzer "new coverage" that was only the parser's.
#pragma once

#include <string_view>

namespace tholos_fuzz {

bool is_json(std::string_view text);

}  // namespace tholos_fuzz
