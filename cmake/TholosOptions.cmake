# Compiler settings shared by every Tholos target: tholos_options(target).
function(tholos_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}
                                              ${PROJECT_SOURCE_DIR}/include)
endfunction()

if(THOLOS_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()

if(THOLOS_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# libFuzzer targets (fuzz/): every library is instrumented for coverage and
# built with ASan and UBSan, so that the fuzzers see and check all the code;
# only the fuzz targets link libFuzzer itself (fuzz/CMakeLists.txt).
# THOLOS_FUZZ_SANITIZERS=undefined gives a build several times faster for long
# runs; their corpus is then replayed by the ASan build (docs/robustness.md).
set(THOLOS_FUZZ_SANITIZERS "address,undefined"
    CACHE STRING "Sanitizers of the libFuzzer build (address,undefined or undefined)")
if(THOLOS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "THOLOS_FUZZ needs clang: -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(THOLOS_SANITIZE OR THOLOS_TSAN)
    message(FATAL_ERROR "THOLOS_FUZZ brings its own sanitizers; turn off THOLOS_SANITIZE and THOLOS_TSAN")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,${THOLOS_FUZZ_SANITIZERS}
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${THOLOS_FUZZ_SANITIZERS})
endif()
