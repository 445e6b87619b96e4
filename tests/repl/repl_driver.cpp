#include "repl_driver.hpp"

#include <gtest/gtest.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <regex>
#include <sstream>

extern char** environ;

namespace tholos::test {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::string unique_path(const std::string& stem) {
  static int calls = 0;
  return testing::TempDir() + "/repl_" + std::to_string(getpid()) + "_" + std::to_string(++calls) +
         "_" + stem;
}

PipeRun run_piped(const std::string& args, const std::string& input,
                  const std::map<std::string, std::string>& env) {
  const std::string in_file = unique_path("stdin.txt");
  const std::string err_file = unique_path("stderr.txt");
  std::ofstream(in_file, std::ios::binary) << input;
  std::string command = std::string("cd ") + quoted(THOLOS_SOURCE_DIR) + " && ";
  for (const auto& [name, value] : env)
    command += name + "=" + quoted(value) + " ";
  command +=
      quoted(THOLOS_BINARY) + " repl " + args + " <" + quoted(in_file) + " 2>" + quoted(err_file);
  PipeRun run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.out.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err_file);
  std::remove(in_file.c_str());
  std::remove(err_file.c_str());
  return run;
}

bool has_style_codes(const std::string& text) {
  static const std::regex kStyle("\x1b\\[[0-9;]*m");
  return std::regex_search(text, kStyle);
}

Terminal::Terminal(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env) {
  // The environment: this process's, with `env` replacing or adding names.
  std::vector<std::string> variables;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string entry(*e);
    const std::string name = entry.substr(0, entry.find('='));
    if (env.count(name) == 0) variables.push_back(entry);
  }
  for (const auto& [name, value] : env)
    variables.push_back(name + "=" + value);
  std::vector<std::string> argv = {THOLOS_BINARY, "repl"};
  argv.insert(argv.end(), args.begin(), args.end());

  winsize size{};
  size.ws_row = 50;
  size.ws_col = 200;  // wide enough that no line wraps
  pid_ = forkpty(&fd_, nullptr, nullptr, &size);
  if (pid_ == 0) {
    std::vector<char*> arg_pointers, env_pointers;
    for (std::string& a : argv)
      arg_pointers.push_back(a.data());
    arg_pointers.push_back(nullptr);
    for (std::string& v : variables)
      env_pointers.push_back(v.data());
    env_pointers.push_back(nullptr);
    if (chdir(THOLOS_SOURCE_DIR) != 0) _exit(126);
    execve(THOLOS_BINARY, arg_pointers.data(), env_pointers.data());
    _exit(127);
  }
}

Terminal::~Terminal() {
  if (pid_ > 0 && status_ == -1) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (fd_ >= 0) close(fd_);
}

void Terminal::send(const std::string& keys) {
  // One key at a time, each when the line editor waits for it: libedit shows
  // the prompt before it puts the terminal in raw mode, and a key typed in
  // between would be taken by the terminal's line discipline (an echo, or ^D
  // as the end of a line).
  for (char c : keys) {
    // Generous: under a loaded machine (sanitizers, parallel tests) the
    // program may take seconds to reach its prompt; normally this is instant.
    wait_for_raw_mode(std::chrono::milliseconds(10000));
    if (write(fd_, &c, 1) != 1) return;
    read_available(std::chrono::milliseconds(1));
  }
}

bool Terminal::wait_for_raw_mode(std::chrono::milliseconds timeout) {
  // On Linux the master's attributes are the terminal's (the slave's).
  const auto end = std::chrono::steady_clock::now() + timeout;
  termios mode{};
  while (tcgetattr(fd_, &mode) == 0 && (mode.c_lflag & ICANON) != 0) {
    if (std::chrono::steady_clock::now() >= end) return false;
    read_available(std::chrono::milliseconds(2));
  }
  return true;
}

void Terminal::read_available(std::chrono::milliseconds timeout) {
  pollfd p{fd_, POLLIN, 0};
  std::array<char, 4096> buffer{};
  while (poll(&p, 1, static_cast<int>(timeout.count())) > 0) {
    const ssize_t n = read(fd_, buffer.data(), buffer.size());
    if (n <= 0) return;  // the program ended (EIO on Linux)
    shown_.append(buffer.data(), static_cast<std::size_t>(n));
    timeout = std::chrono::milliseconds(0);
  }
}

bool Terminal::expect(const std::string& text, std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const std::size_t at = shown_.find(text, checked_);
    if (at != std::string::npos) {
      checked_ = at + text.size();
      return true;
    }
    if (std::chrono::steady_clock::now() >= end) return false;
    read_available(std::chrono::milliseconds(50));
  }
}

int Terminal::wait(std::chrono::milliseconds timeout) {
  const auto end = std::chrono::steady_clock::now() + timeout;
  while (status_ == -1 && std::chrono::steady_clock::now() < end) {
    read_available(std::chrono::milliseconds(20));
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
  }
  return status_;
}

}  // namespace tholos::test
