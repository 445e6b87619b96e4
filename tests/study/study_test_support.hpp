// Helpers shared by the study tests: loading a fixture folder from
// tests/data/csv/ and finding a diagnostic by file, position and message.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/diagnostics.hpp"
#include "study/load_study.hpp"

namespace tholos::study::testing {

inline std::string fixture(const std::string& name) {
  return std::string(THOLOS_TEST_DATA) + "/csv/" + name;
}

inline std::string example(const std::string& name) {
  return std::string(THOLOS_SOURCE_DIR) + "/examples/" + name;
}

struct Loaded {
  std::optional<StudyData> study;
  std::vector<Diagnostic> diagnostics;

  int count(Severity severity) const {
    int n = 0;
    for (const Diagnostic& d : diagnostics)
      n += d.severity == severity ? 1 : 0;
    return n;
  }
  std::string all() const {
    std::string out;
    for (const Diagnostic& d : diagnostics)
      out += d.rendered + "\n";
    return out;
  }
};

inline Loaded load_folder(const std::string& path) {
  DiagnosticList diagnostics;
  Loaded loaded;
  loaded.study = load_study_directory(path, diagnostics);
  loaded.diagnostics = diagnostics.take();
  return loaded;
}

inline Loaded load_fixture(const std::string& name) {
  return load_folder(fixture(name));
}

// Whether `loaded` has a diagnostic of `severity` in a file whose path ends
// with `file`, at `line`:`column` (0 for a diagnostic without a position),
// whose message contains `text`.
inline ::testing::AssertionResult has_diagnostic(const Loaded& loaded, Severity severity,
                                                 std::string_view file, int line, int column,
                                                 std::string_view text) {
  for (const Diagnostic& d : loaded.diagnostics) {
    if (d.severity == severity && d.file.ends_with(file) && d.line == line && d.column == column &&
        d.message.find(text) != std::string::npos) {
      return ::testing::AssertionSuccess();
    }
  }
  return ::testing::AssertionFailure() << "no diagnostic at " << file << ":" << line << ":"
                                       << column << " containing '" << text << "'; got:\n"
                                       << loaded.all();
}

inline ::testing::AssertionResult has_error(const Loaded& loaded, std::string_view file, int line,
                                            int column, std::string_view text) {
  return has_diagnostic(loaded, Severity::error, file, line, column, text);
}

}  // namespace tholos::study::testing
