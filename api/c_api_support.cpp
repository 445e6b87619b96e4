// The machinery every entry point of the C API shares: the last error of
// a thread, UTF-8 checks, and turning diagnostics and exceptions into a
// status (see c_api_support.hpp).
#include "api/c_api_support.hpp"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>

#include "common/source_file.hpp"

namespace tholos::c_api {

namespace {

thread_local std::string t_last_error;

}  // namespace

const std::string& last_error() noexcept {
  return t_last_error;
}

void set_last_error(std::string_view message) noexcept {
  try {
    t_last_error.assign(message);
  } catch (...) {
    t_last_error.clear();
  }
}

namespace {

// The length of the UTF-8 sequence starting at text[i], or 0 when the bytes
// there are not one; NUL counts as not one, since C strings end there.
std::size_t utf8_sequence(std::string_view text, std::size_t i) {
  if (text[i] == '\0') return 0;
  return utf8_char_length(text.substr(i));
}

}  // namespace

bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) return false;
    i += length;
  }
  return true;
}

// `text` as valid UTF-8 without NUL: each offending byte becomes U+FFFD.
std::string to_utf8(std::string text) {
  if (is_utf8(text)) return text;
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t length = utf8_sequence(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  return out;
}

// A string the caller owns and frees with tholos_string_free.
char* caller_string(const std::string& text) {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) throw std::bad_alloc();
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

Diagnostic plain_error(std::string message) {
  Diagnostic d;
  d.severity = Severity::error;
  d.message = std::move(message);
  d.rendered = "error: " + d.message;
  return d;
}

// Ends a call: records its first error for tholos_last_error_message and
// hands its diagnostics to the caller when wanted. Throws only bad_alloc,
// before anything is handed over.
tholos_status deliver(tholos_status status, std::vector<Diagnostic> diagnostics,
                      tholos_diagnostics** out) {
  if (status == THOLOS_OK) {
    t_last_error.clear();
  } else {
    std::string_view first = tholos_status_message(status);
    for (const Diagnostic& d : diagnostics) {
      if (d.severity == Severity::error) {
        first = d.message;
        break;
      }
    }
    set_last_error(first);
  }
  if (out != nullptr && !diagnostics.empty()) {
    auto handle = std::make_unique<tholos_diagnostics>();
    for (Diagnostic& d : diagnostics) {
      d.file = to_utf8(std::move(d.file));
      d.message = to_utf8(std::move(d.message));
      d.rendered = to_utf8(std::move(d.rendered));
      handle->text += d.rendered;
      handle->text += '\n';
    }
    handle->items = std::move(diagnostics);
    *out = handle.release();
  }
  return status;
}

// Ends a call that failed with one message, without throwing.
tholos_status fail(tholos_status status, const char* message, tholos_diagnostics** out) noexcept {
  try {
    return deliver(status, {plain_error(message)}, out);
  } catch (...) {
    set_last_error(message);
    return status;
  }
}

// The status of a failed step: `kind`, unless the C++ API caught an
// exception, which it reports as "out of memory: ..." (std::bad_alloc) or
// "internal error: ..." (anything else).
tholos_status failure_status(const std::vector<Diagnostic>& diagnostics, tholos_status kind) {
  for (const Diagnostic& d : diagnostics) {
    if (d.severity != Severity::error) continue;
    if (d.message.rfind("out of memory", 0) == 0) return THOLOS_ERROR_OUT_OF_MEMORY;
    if (d.message.rfind("internal error", 0) == 0) return THOLOS_ERROR_INTERNAL;
  }
  return kind;
}

tholos::Limits limits_from(const tholos_limits* given) {
  tholos::Limits limits;
  if (given == nullptr) return limits;
  if (given->max_source_bytes > 0) limits.max_source_bytes = given->max_source_bytes;
  if (given->max_nesting_depth > 0) limits.max_nesting_depth = given->max_nesting_depth;
  if (given->max_answers > 0) limits.max_answers = given->max_answers;
  return limits;
}

std::vector<std::string> strings(const char* const* texts, std::size_t count) {
  std::vector<std::string> out;
  out.reserve(count);
  for (std::size_t i = 0; i < count; ++i)
    out.emplace_back(texts[i]);
  return out;
}

}  // namespace tholos::c_api
