// Limits on what Tholos accepts, each with the reason it exists. Inputs come
// from people and from survey exports; a host must never be taken down by one.
#pragma once

#include <cstddef>

namespace tholos::limits {

// A rule file is a protocol of at most a few hundred lines; 1 MiB is far
// beyond any real one and keeps a mistaken input (a CSV passed as a rule
// file) from being parsed at length.
inline constexpr std::size_t kMaxSourceBytes = 1 << 20;

// Expressions nest through parentheses, `not`, unary minus and calls. The
// parser is recursive, so nesting must be bounded to bound stack use; 64
// levels is several times what a readable rule needs.
inline constexpr std::size_t kMaxNestingDepth = 64;

// Errors printed before "too many errors": past this point more messages
// hide rather than help (a wrong file, a wrong delimiter).
inline constexpr int kMaxDiagnostics = 50;

// Warnings kept per stage, for the same reason.
inline constexpr int kMaxWarnings = 200;

// Identifiers longer than this are almost certainly not names.
inline constexpr std::size_t kMaxIdentifierLength = 128;

// One CSV field (an item's text can be long, but not megabytes).
inline constexpr std::size_t kMaxCsvFieldBytes = 64 * 1024;

}  // namespace tholos::limits
