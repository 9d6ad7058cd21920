#pragma once

#include <cstdint>
#include <string>
#include <string_view>

/// Escaping for the output formats. Text in findings comes from workload files and may hold
/// anything a YAML scalar can: newlines, control characters, markup, quotes. Every function
/// here returns text that cannot break out of its context in the target format; none of them
/// throws. Invalid UTF-8 is replaced by U+FFFD in all of them.
namespace pipeadvise::render {

/// The replacement character U+FFFD, UTF-8 encoded.
inline constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";

/// Replaces every invalid UTF-8 sequence (stray continuation bytes, truncated or overlong
/// forms, encoded surrogates, code points above U+10FFFF) with U+FFFD, one per bad byte run.
std::string sanitize_utf8(std::string_view text);

/// One line of terminal text: C0/C1 control characters, DEL and Unicode bidirectional
/// overrides/isolates become visible escapes (`\n`, `\r`, `\t`, `\x1b`, `\u202e`), so a value
/// can neither start a new line nor emit terminal escape sequences or reorder what follows.
std::string escape_terminal(std::string_view text);

/// XML 1.0 character data (`attribute` false) or a double-quoted attribute value (true):
/// `& < > " '` become entities; characters XML 1.0 forbids (C0 controls other than tab,
/// newline and carriage return, U+FFFE, U+FFFF) and the discouraged DEL and C1 controls become
/// U+FFFD; carriage returns, and in attributes tabs and newlines, become character references
/// so parsers keep them.
std::string escape_xml(std::string_view text, bool attribute);

/// GitHub Actions workflow command data (the text after `::`): `%` -> `%25`, `\r` -> `%0D`,
/// `\n` -> `%0A`; other control characters become U+FFFD.
std::string escape_github_data(std::string_view text);

/// GitHub Actions workflow command property value (`file=`, `title=`): as the data escape,
/// plus `:` -> `%3A` and `,` -> `%2C`.
std::string escape_github_property(std::string_view text);

/// Inline Markdown (GitHub flavour), safe in a table cell: markup characters are
/// backslash-escaped (`\ ` * _ [ ] | ~`), `< > &` become entities, `@` becomes `&#64;` (no
/// mentions), newlines become `<br>`, other control characters U+FFFD.
std::string escape_markdown(std::string_view text);

/// A path as given on the command line in the form code hosts match against repository
/// files: backslashes become `/` and leading `./` segments are dropped.
std::string normalise_path(std::string_view path);

/// A file path as given on the command line, as a URI reference (RFC 3986) for SARIF
/// `artifactLocation.uri`: backslashes become `/`, a leading `./` is dropped, an absolute
/// path becomes a `file://` URI, and every byte outside the unreserved set and `/` is
/// percent-encoded (so `:`, `#`, `?`, `%` and spaces are safe).
std::string path_to_uri(std::string_view path);

/// 64-bit FNV-1a hash of the bytes (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
std::uint64_t fnv1a_64(std::string_view bytes);

/// 16 lower-case hexadecimal digits, zero-padded.
std::string to_hex(std::uint64_t value);

}  // namespace pipeadvise::render
