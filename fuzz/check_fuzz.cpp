// Fuzz target: any bytes as a rule file through parse and check
// (tholos::compile). Must never crash, hang or leak, and:
//   - an input that does not compile gives at least one error;
//   - no diagnostic is an "internal error" (an exception the API caught);
//   - every diagnostic about the rule file points inside it (line and
//     column, and the end of its span);
//   - a program that compiles answers its introspection calls, and its
//     params evaluate without a study.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "fuzz_known.h"
#include "json_check.hpp"
#include "tholos/tholos.hpp"

namespace {

using namespace tholos_fuzz;

// Relative imports resolve against this folder, which does not exist, so
// the fuzzer never reads files from the working directory.
constexpr const char* kFileName = "/nonexistent-tholos-fuzz/fuzz.tholos";

void check_program(const tholos::Program& program) {
  (void)program.title();
  (void)program.labels();
  (void)program.names();
  (void)program.symbols();
  (void)program.functions();
  (void)program.groups_column();
  for (const auto& measure : program.measures()) {
    const auto type = tholos::type_of(program, measure.name);
    require_reported(type);
  }
  std::map<std::string, std::string> defaults;
  for (const auto& param : program.params()) {
    defaults[param.name] = tholos::format_value(param.value);
    // A param is a constant: it has a value without a study.
    const auto value = tholos::evaluate_expression(program, param.name);
    require_reported(value);
    require(value.ok());
    const std::string json = tholos::render(*value.value, tholos::Format::json);
    require(is_json(json));
  }
  require_no_internal_error(tholos::check_params(program, defaults));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // No imports of the machine's files or devices (fuzz_known.h).
  if (tholos_fuzz_reads_files(text.data(), text.size())) return 0;

  tholos::CompileOptions options;
  options.file_name = kFileName;
  const tholos::Result<tholos::Program> program = tholos::compile(text, options);
  require_reported(program);

  const auto lengths = line_lengths(text);
  for (const tholos::Diagnostic& d : program.diagnostics) {
    if (d.file == kFileName) require(position_is_valid(d, lengths));
    require(d.line >= 0 && d.column >= 0);
  }
  if (program.ok()) check_program(*program.value);
  return 0;
}
