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

}  // namespace pipeadvise::util
