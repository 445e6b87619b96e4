# Installs Tholos into a fresh prefix, builds each host of examples/embed
# against it with its own CMakeLists.txt, runs it on the peer-support study
# and checks what it prints (figures established by the example tests).
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file include/tholos/tholos.hpp include/tholos/tholos.h lib/libtholos.so lib/cmake/tholos/tholosConfig.cmake
             lib/pkgconfig/tholos.pc bin/tholos)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the installation lacks ${file}")
  endif()
endforeach()
# Internal headers are not installed.
file(GLOB_RECURSE installed_headers ${prefix}/include/*)
foreach(header ${installed_headers})
  if(NOT header MATCHES "/tholos/tholos\\.(hpp|h)$")
    message(FATAL_ERROR "an internal header was installed: ${header}")
  endif()
endforeach()

set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
file(GLOB hosts LIST_DIRECTORIES true ${SOURCE_DIR}/examples/embed/*_host)
if(NOT hosts MATCHES "cpp_host" OR NOT hosts MATCHES "c_host")
  message(FATAL_ERROR "examples/embed should hold cpp_host and c_host; found: ${hosts}")
endif()
foreach(host_dir ${hosts})
  get_filename_component(host ${host_dir} NAME)
  run(${CMAKE_COMMAND} -G Ninja -S ${host_dir} -B ${WORK_DIR}/${host}
      -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_BUILD_TYPE=Release "-DCMAKE_C_FLAGS=${HOST_FLAGS}"
      "-DCMAKE_CXX_FLAGS=${HOST_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${HOST_FLAGS}")
  run(${CMAKE_COMMAND} --build ${WORK_DIR}/${host})
  run(${WORK_DIR}/${host}/${host} ${SOURCE_DIR}/examples/peer-support)
  # 24, 8 and 6 statements reach consensus at 70% (examples/peer-support).
  # The host function gives a value for S01 in both languages.
  if(NOT output MATCHES "threshold 70%: round 1 24 round 2 8 round 3 6"
     OR NOT output MATCHES "S01 top box >= 50%: ")
    message(FATAL_ERROR "${host} printed:\n${output}")
  endif()
  message(STATUS "${host}:\n${output}")
endforeach()
# The installed command runs too.
run(${prefix}/bin/tholos check ${SOURCE_DIR}/examples/peer-support/protocol.tholos)
