// Runs the built `tholos repl` as a person or a script would: with its
// input from a pipe, or on a pseudo-terminal.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace tholos::test {

// A file or folder name unique to this process and call (ctest runs the
// tests in parallel processes).
std::string unique_path(const std::string& stem);

struct PipeRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `tholos repl ARGS < input`, from the source tree, with `env` added to the
// environment.
PipeRun run_piped(const std::string& args, const std::string& input,
                  const std::map<std::string, std::string>& env = {});

// Whether `text` holds an escape sequence that sets colours or styles.
bool has_style_codes(const std::string& text);

// `tholos repl ARGS` on a pseudo-terminal.
class Terminal {
 public:
  Terminal(const std::vector<std::string>& args, const std::map<std::string, std::string>& env);
  ~Terminal();
  Terminal(const Terminal&) = delete;
  Terminal& operator=(const Terminal&) = delete;

  void send(const std::string& keys);
  // Reads until what was shown since the last expect() contains `text`.
  bool expect(const std::string& text,
              std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));
  // Everything shown so far.
  const std::string& shown() const { return shown_; }
  // Waits for the program to end; its exit status, or -1.
  int wait(std::chrono::milliseconds timeout = std::chrono::milliseconds(10000));

 private:
  void read_available(std::chrono::milliseconds timeout);
  bool wait_for_raw_mode(std::chrono::milliseconds timeout);
  pid_t pid_ = -1;
  int fd_ = -1;
  std::string shown_;
  std::size_t checked_ = 0;
  int status_ = -1;
};

}  // namespace tholos::test
