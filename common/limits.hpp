// Limits on what Tholos accepts, each with the reason it exists. Inputs come
// from people and from survey exports; a host must never be taken down by one.
// Going past a limit is an error that names the limit and says what to do;
// each is tested at the limit (accepted) and one past it (rejected).
#pragma once

#include <cstddef>

namespace tholos::limits {

// A rule file is a protocol of at most a few hundred lines; 1 MiB is far
// beyond any real one and keeps a mistaken input (a CSV passed as a rule
// file) from being parsed at length. Counts the imported files too.
inline constexpr std::size_t kMaxSourceBytes = 1 << 20;

// One line of a rule file, in bytes. A long condition can be split over as
// many lines as it needs (line breaks are white space), so a line of 10,000
// bytes is not something a person wrote: it is generated text or a file
// that is not a rule file (minified JSON, a spreadsheet export), and
// rejecting it at once gives one clear error instead of pages of them.
inline constexpr std::size_t kMaxLineLength = 10'000;

// Expressions nest through parentheses, `not`, unary minus and calls. The
// parser is recursive, so nesting must be bounded to bound stack use; 64
// levels is several times what a readable rule needs.
inline constexpr std::size_t kMaxNestingDepth = 64;

// Errors shown before a "too many errors" note: past this point more
// messages hide rather than help (a wrong file, a wrong delimiter).
inline constexpr int kMaxDiagnostics = 50;

// Warnings shown per stage before a "too many warnings" note, for the same
// reason; higher, since warnings do not stop a run and each names a
// different place (an empty line, an unused column, a group with no one).
inline constexpr int kMaxWarnings = 200;

// Identifiers (names of scales, params, measures, labels...) longer than
// this are almost certainly not names, and every diagnostic that quotes a
// name would repeat them.
inline constexpr std::size_t kMaxIdentifierLength = 128;

// One CSV field, in bytes (after unquoting). An item's text can be long,
// but not megabytes: a field that size is a quote that never closed where
// it should have, swallowing the rows after it.
inline constexpr std::size_t kMaxCsvFieldBytes = 64 * 1024;

}  // namespace tholos::limits
