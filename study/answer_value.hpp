// The value of an answer as written in a ratings file or given by a host,
// before it is judged against a scale: a number, a code or a blank.
#pragma once

#include <string_view>

#include "study/study_data.hpp"

namespace tholos::study {

// An answer's value before it is judged against a scale.
struct AnswerValue {
  AnswerKind kind = AnswerKind::blank;
  double number = 0;      // when kind is number
  std::string_view text;  // when kind is text
};

// The value of an answer given as text: a decimal number (optional sign,
// digits, optional fraction and exponent: "4", "-1", "4.5", "2e1") is a
// number, an empty field is blank, anything else ("DK", "n/a", "4,5") is
// text. Spaces around a number or around nothing are ignored, since they
// cannot change what the answer means. Whether a number is a rating on the
// study's scale is decided later, against the rule file.
//
// Whether a number is whole is decided from its text, exactly: a number
// that is not whole but whose nearest double is (4.9999999999999999 reads
// as 5.0) gets the next double towards the number instead (4.999999999999999),
// so that binding reports it as not a whole number rather than counting
// it as the rating 5.
AnswerValue classify_answer(std::string_view text);

// `text` without the spaces and tabs around it.
std::string_view trim_spaces_slowly(std::string_view text);
inline std::string_view trim_spaces(std::string_view text) {
  // Nearly every field has none: inline, that costs two compares.
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  if (text.empty() || (!blank(text.front()) && !blank(text.back()))) return text;
  return trim_spaces_slowly(text);
}

}  // namespace tholos::study
