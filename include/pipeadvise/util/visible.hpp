#pragma once

#include <cstddef>
#include <string>
#include <string_view>

/// The one escaping rule for human-readable output (terminal text, `validate`, error
/// messages): text that came from an input file or the command line is shown so that it can
/// neither start a new line nor reach the terminal as a control sequence.
namespace pipeadvise::util {

/// One line of terminal text: C0/C1 control characters, DEL and the Unicode bidirectional
/// overrides/isolates and line separators become visible escapes (`\n`, `\r`, `\t`, `\x1b`,
/// `\u202e`); each invalid UTF-8 byte becomes U+FFFD. Everything else is copied unchanged.
std::string escape_control(std::string_view text);

/// `text` escaped as above and cut to at most `max_chars` characters for a message; a cut
/// value ends with `...` and says how long it was: `'aaaa...' (70000 bytes)`. Quoted with `'`.
std::string quote_excerpt(std::string_view text, std::size_t max_chars = 60);

/// True when `text` is valid UTF-8 (no overlong forms, surrogates or code points past U+10FFFF).
bool is_valid_utf8(std::string_view text);

/// The project's one UTF-8 decoder (escaping, validation and every output format use it):
/// the length in bytes of the valid sequence at `text[pos]`, its code point in `value`; 0 when
/// the bytes there are not UTF-8 (a bad lead, a cut sequence, an overlong form, a surrogate or
/// a code point past U+10FFFF). `pos` must be inside `text`.
std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& value);

/// C0 controls and DEL.
constexpr bool is_c0_or_del(char32_t c) {
    return c < 0x20 || c == 0x7F;
}
/// C1 controls (U+0080..U+009F).
constexpr bool is_c1(char32_t c) {
    return c >= 0x80 && c <= 0x9F;
}
/// Bidirectional embeddings, overrides and isolates (the "Trojan Source" characters) and the
/// line/paragraph separators, which some viewers treat as new lines.
constexpr bool is_layout_control(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029 ||
           c == 0x200E || c == 0x200F || c == 0x061C;
}
/// Noncharacters (U+FDD0..U+FDEF and the last two code points of every plane): for a program's
/// internal use, never for interchange; every output replaces them with U+FFFD.
constexpr bool is_noncharacter(char32_t c) {
    return (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
}

}  // namespace pipeadvise::util
