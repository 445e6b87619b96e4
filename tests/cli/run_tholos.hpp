// Runs the built `tholos` command as a user does, from the source tree,
// capturing its exit code, stdout and stderr; shared by the CLI tests.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace tholos::testing_support {

struct CliRun {
  int exit_code = -1;  // -1: killed by a signal (a crash) or by the time limit
  std::string out;
  std::string err;
};

// `tholos ARGS` (ARGS quoted by the caller), with a time limit so that a
// hang fails the test instead of stalling the suite.
inline CliRun run_tholos(const std::string& args, int timeout_seconds = 60) {
  // Unique per process: ctest runs these tests in parallel processes.
  static int calls = 0;
  const std::string err_file = ::testing::TempDir() + "/tholos_stderr_" + std::to_string(getpid()) +
                               "_" + std::to_string(++calls) + ".txt";
  const std::string command = std::string("cd '") + THOLOS_SOURCE_DIR + "' && timeout " +
                              std::to_string(timeout_seconds) + " '" + THOLOS_BINARY + "' " + args +
                              " 2>'" + err_file + "'";
  CliRun run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (run.exit_code == 124) run.exit_code = -1;  // timeout's exit code
  std::ifstream err(err_file);
  std::stringstream text;
  text << err.rdbuf();
  run.err = text.str();
  std::filesystem::remove(err_file);
  return run;
}

}  // namespace tholos::testing_support
