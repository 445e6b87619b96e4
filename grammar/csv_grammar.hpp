// The grammar of a CSV file as Tholos reads it: RFC 4180 with the liberties
// real exports take (LF or CRLF line ends, an optional UTF-8 byte order mark,
// no final line end), and UTF-8 text throughout.
//
//   file   = [bom] record *(line-end record)
//   record = field *("," field)
//   field  = quoted / unquoted
//
// Parsing is committed at every point where a wrong byte can only be a
// mistake in the file (a quote inside an unquoted field, a NUL byte...), and
// each such point has a message in `error_message` below written for the
// person who has to fix the file. Include this header only where the grammar
// is instantiated (grammar/csv_reader.cpp): it is template-heavy.
#pragma once

#include <tao/pegtl.hpp>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <cstddef>
#include <type_traits>

namespace tholos::csv::grammar {

namespace pegtl = tao::pegtl;

// The UTF-8 byte order mark (U+FEFF) that Excel and Notepad put first.
struct byte_order_mark : pegtl::utf8::bom {};

// The separator between two fields.
struct comma : pegtl::one<','> {};

// The end of a line: CRLF (Windows) or LF (Unix).
struct line_end : pegtl::sor<pegtl::string<'\r', '\n'>, pegtl::one<'\n'>> {};

// One ASCII byte that may stand in an unquoted field: anything but NUL,
// LF, CR, '"' and ','.
struct plain_ascii : pegtl::ranges<0x01, 0x09, 0x0B, 0x0C, 0x0E, 0x21, 0x23, 0x2B, 0x2D, 0x7F> {};

// One ASCII byte that may stand between quotes: anything but NUL and '"'
// (commas, CR and LF are data there).
struct quoted_ascii : pegtl::ranges<0x01, 0x21, 0x23, 0x7F> {};

// One non-ASCII character, correctly encoded in UTF-8 (no overlong forms, no
// surrogates, nothing above U+10FFFF).
struct multibyte_char : pegtl::utf8::range<0x80, 0x10FFFF> {};

// The text of an unquoted field, possibly empty: what
// star<sor<plain_ascii, multibyte_char>> matches, with runs of plain ASCII
// (nearly every field) skipped in a tight loop instead of a rule a byte.
struct unquoted_text {
  using rule_t = unquoted_text;
  using subs_t = pegtl::type_list<plain_ascii, multibyte_char>;

  static constexpr bool is_plain_ascii(unsigned char c) {
    return c != 0 && c != '\n' && c != '\r' && c != '"' && c != ',' && c < 0x80;
  }

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    for (;;) {
      const char* p = in.current();
      const char* const end = in.end();
      while (p != end && is_plain_ascii(static_cast<unsigned char>(*p)))
        ++p;
      in.bump(static_cast<std::size_t>(p - in.current()));
      // (With its action: the reader notes where characters take more
      // than one byte.)
      if (!pegtl::match<multibyte_char, A, pegtl::rewind_mode::required, Action, Control>(in,
                                                                                          st...)) {
        return true;
      }
    }
  }
};

// Checks made where an unquoted field's text stops. Only a comma, a line
// end or the end of the file may follow; each check fails on one kind of
// byte so that the message can name it.

// A '"' inside an unquoted field.
struct no_quote_in_unquoted : pegtl::not_at<pegtl::one<'"'>> {};
// A NUL byte, anywhere.
struct no_nul_byte : pegtl::not_at<pegtl::one<'\0'>> {};
// A CR that is not followed by LF (old Mac line ends).
struct no_lone_carriage_return : pegtl::not_at<pegtl::one<'\r'>, pegtl::not_at<pegtl::one<'\n'>>> {
};
// Whatever is left after the checks above is a byte that is not valid UTF-8.
struct valid_utf8_in_unquoted : pegtl::at<pegtl::sor<comma, line_end, pegtl::eof>> {};

// All of the checks, in that order.
struct unquoted_field_checks : pegtl::must<no_quote_in_unquoted, no_nul_byte,
                                           no_lone_carriage_return, valid_utf8_in_unquoted> {};

// Where an unquoted field's text stops: a comma or a LF (nearly always)
// passes every check at once; anything else goes through them.
struct unquoted_field_end {
  using rule_t = unquoted_field_end;
  using subs_t = pegtl::type_list<unquoted_field_checks>;

  template <pegtl::apply_mode A, pegtl::rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename... States>
  [[nodiscard]] static bool match(ParseInput& in, States&&... st) {
    if (!in.empty() && (in.peek_char() == ',' || in.peek_char() == '\n')) return true;
    return pegtl::match<unquoted_field_checks, A, M, Action, Control>(in, st...);
  }
};

// A field without quotes: its text as it stands.
struct unquoted_field : pegtl::seq<unquoted_text, unquoted_field_end> {};

// The '"' that opens a quoted field.
struct opening_quote : pegtl::one<'"'> {};

// A doubled quote inside a quoted field, which stands for one '"'.
struct escaped_quote : pegtl::two<'"'> {};

// The text between the quotes of a quoted field, possibly empty.
struct quoted_text : pegtl::star<pegtl::sor<quoted_ascii, escaped_quote, multibyte_char>> {};

// Where a quoted field's text stops, the next byte must be its closing
// quote; these checks name what was found instead.

// Inside quotes, the only bytes left besides '"' and NUL are invalid UTF-8.
struct valid_utf8_in_quoted : pegtl::at<pegtl::sor<pegtl::one<'"'>, pegtl::eof>> {};
// The '"' that closes a quoted field; missing only at the end of the file.
struct closing_quote : pegtl::one<'"'> {};
// After the closing quote, the field must end.
struct field_ends_after_quote : pegtl::at<pegtl::sor<comma, line_end, pegtl::eof>> {};

// A field in quotes, which may hold commas, line ends and doubled quotes.
// (The text cannot fail, so it needs no must<> and no message.)
struct quoted_field
    : pegtl::seq<
          opening_quote, quoted_text,
          pegtl::must<no_nul_byte, valid_utf8_in_quoted, closing_quote, field_ends_after_quote>> {};

// One field of a record.
struct field : pegtl::sor<quoted_field, unquoted_field> {};

// One record: fields separated by commas. An empty line is a record with one
// empty field; the reader reports it as such.
struct record : pegtl::list<field, comma> {};

// The end of the file, where the last record must end. (A rule of its own:
// plain `eof` is tried inside other rules, where failing is no error.)
struct end_of_file : pegtl::eof {};

// Records from a line start to the end of the text. A record that starts
// at the end of the file (after a final line end) is not a record, and the
// reader does not deliver it. The reader runs this rule alone on each
// further chunk of a file it reads in chunks.
struct records : pegtl::seq<pegtl::list<record, line_end>, pegtl::must<end_of_file>> {};

// A whole file.
struct file : pegtl::seq<pegtl::opt<byte_order_mark>, records> {};

// Messages for the rules that fail with an error. Each says what is wrong
// and what to write instead; none names a C++ type.
template <typename Rule>
inline constexpr const char* error_message = nullptr;

template <>
inline constexpr const char* error_message<no_quote_in_unquoted> =
    "a quote inside a field that does not start with one; put the whole field in quotes "
    "and double the quote (\"like \"\"this\"\"\"), or if the field is quoted, remove "
    "what stands before its opening quote (a space after the comma?)";
template <>
inline constexpr const char* error_message<no_nul_byte> =
    "a NUL byte; a CSV file holds text, and this one looks binary or is saved as UTF-16: "
    "save it as CSV in UTF-8";
template <>
inline constexpr const char* error_message<no_lone_carriage_return> =
    "a carriage return without a line feed (old Mac line ends); save the file with "
    "Windows (CRLF) or Unix (LF) line ends";
template <>
inline constexpr const char* error_message<valid_utf8_in_unquoted> =
    "a byte that is not valid UTF-8; save the file as CSV in UTF-8 (not Latin-1 or "
    "Windows-1252)";
template <>
inline constexpr const char* error_message<valid_utf8_in_quoted> =
    error_message<valid_utf8_in_unquoted>;
template <>
inline constexpr const char* error_message<closing_quote> =
    "a quoted field that never ends; add a closing \" where the field should end (a \" "
    "inside the field must be doubled: \"\")";
template <>
inline constexpr const char* error_message<field_ends_after_quote> =
    "text after the closing quote of a field; put the whole field in quotes and double "
    "any quote inside it (\"like \"\"this\"\"\"), or add a comma after the quote";
template <>
inline constexpr const char* error_message<end_of_file> =
    "unexpected text; a record must end with a line end";

struct error_table {
  template <typename Rule>
  static constexpr const char* message = error_message<Rule>;
};

// The control class: rules with a message raise it when they fail.
template <typename Rule>
struct control : pegtl::must_if<error_table>::control<Rule> {};

// A field that never closes is noticed at the end of the file, but the
// place to look is where it opened: the state remembers the opening quote,
// and the error points there.
template <>
struct control<closing_quote> : pegtl::must_if<error_table>::control<closing_quote> {
  template <typename ParseInput, typename... States>
  static void failure(const ParseInput& /*in*/, States&&... /*st*/) noexcept {}

  template <typename ParseInput, typename State>
  [[noreturn]] static void raise(const ParseInput& in, State& state) {
    throw pegtl::parse_error(error_message<closing_quote>, in.position(state.opening_quote));
  }
};

}  // namespace tholos::csv::grammar

// For pegtl::analyze: unquoted_text is the star it stands for, and
// unquoted_field_end the checks.
template <typename Name>
struct tao::pegtl::analyze_traits<Name, tholos::csv::grammar::unquoted_text>
    : analyze_traits<Name, typename star<sor<tholos::csv::grammar::plain_ascii,
                                             tholos::csv::grammar::multibyte_char>>::rule_t> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, tholos::csv::grammar::unquoted_field_end>
    : analyze_traits<Name, typename tholos::csv::grammar::unquoted_field_checks::rule_t> {};
