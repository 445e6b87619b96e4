// Fuzz target: any bytes as a rule file through parse and check. Must never
// crash, hang or leak; every input either compiles or yields diagnostics.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "tholos/tholos.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const tholos::Result<tholos::Program> program = tholos::compile(text);
  if (!program.ok() && program.diagnostics.empty()) __builtin_trap();  // errors must be reported
  return 0;
}
