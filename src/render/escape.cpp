#include "pipeadvise/render/escape.hpp"

#include "pipeadvise/util/visible.hpp"

#include <array>
#include <cstddef>

namespace pipeadvise::render {

namespace {

/// One decoded code point: the value (U+FFFD when invalid), its bytes, and whether it was valid.
struct CodePoint {
    char32_t value = 0;
    std::string_view bytes;
    bool valid = true;
};

/// Decodes the code point at `pos` and advances `pos`. An invalid lead or a broken sequence
/// consumes one byte, so every bad byte is replaced and decoding resynchronises at once.
CodePoint next_code_point(std::string_view text, std::size_t& pos) {
    const std::size_t start = pos;
    char32_t value = 0;
    const std::size_t length = util::decode_utf8(text, pos, value);
    if (length == 0) {
        ++pos;
        return CodePoint{0xFFFD, k_replacement_character, false};
    }
    pos += length;
    // Noncharacters: XML 1.0 forbids U+FFFE/U+FFFF and some readers stop on them. Every
    // output replaces them here, at decoding, so all formats agree.
    if (util::is_noncharacter(value)) return CodePoint{0xFFFD, k_replacement_character, true};
    return CodePoint{value, text.substr(start, length), true};
}

/// Calls `f(code_point)` for each code point of `text`, invalid sequences as U+FFFD.
template <class F>
void for_each_code_point(std::string_view text, F&& f) {
    std::size_t pos = 0;
    while (pos < text.size()) f(next_code_point(text, pos));
}

using util::is_c0_or_del;
using util::is_c1;
using util::is_layout_control;

constexpr std::array<char, 16> k_hex_digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                               '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

void append_hex(std::string& out, std::uint64_t value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += k_hex_digits[(value >> shift) & 0xF];
}

/// Shared by the two GitHub escapes; `property` adds `:` and `,`.
std::string escape_github(std::string_view text, bool property) {
    std::string out;
    out.reserve(text.size());
    for_each_code_point(text, [&](const CodePoint& cp) {
        switch (cp.value) {
            case '%':
                out += "%25";
                return;
            case '\r':
                out += "%0D";
                return;
            case '\n':
                out += "%0A";
                return;
            case ':':
                if (property) {
                    out += "%3A";
                    return;
                }
                break;
            case ',':
                if (property) {
                    out += "%2C";
                    return;
                }
                break;
            default:
                break;
        }
        // The runner reads one command per line; other controls would reach the log viewer raw.
        if ((is_c0_or_del(cp.value) && cp.value != '\t') || is_c1(cp.value) || is_layout_control(cp.value)) {
            out += k_replacement_character;
        } else {
            out += cp.bytes;
        }
    });
    return out;
}

}  // namespace

std::string sanitize_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for_each_code_point(text, [&](const CodePoint& cp) { out += cp.bytes; });
    return out;
}

std::string escape_terminal(std::string_view text) {
    // The rule lives in util so that error messages (formatted below render) share it.
    return util::escape_control(text);
}

std::string escape_xml(std::string_view text, bool attribute) {
    std::string out;
    out.reserve(text.size());
    for_each_code_point(text, [&](const CodePoint& cp) {
        const char32_t c = cp.value;
        switch (c) {
            case '&':
                out += "&amp;";
                return;
            case '<':
                out += "&lt;";
                return;
            case '>':
                out += "&gt;";
                return;
            case '"':
                out += "&quot;";
                return;
            case '\'':
                out += "&apos;";
                return;
            case '\t':
                out += attribute ? "&#9;" : "\t";
                return;
            case '\n':
                out += attribute ? "&#10;" : "\n";
                return;
            // A raw carriage return is normalised away by parsers; a reference survives.
            case '\r':
                out += "&#13;";
                return;
            default:
                break;
        }
        // XML 1.0 forbids C0 controls and U+FFFE/U+FFFF; DEL and C1 are allowed but
        // discouraged (and must be references in XML 1.1), so they go too. U+FFFD is written
        // as a character reference: parsers read the same character, but the file's bytes stay
        // plain UTF-8 text to encoding sniffers (xunit-viewer's takes a raw U+FFFD for a
        // failed decode, guesses CP1252 and stops).
        if (c < 0x20 || c == 0x7F || is_c1(c) || c == 0xFFFD) {
            out += "&#xFFFD;";
        } else {
            out += cp.bytes;
        }
    });
    return out;
}

std::string escape_github_data(std::string_view text) {
    return escape_github(text, false);
}

std::string escape_github_property(std::string_view text) {
    return escape_github(text, true);
}

std::string escape_markdown(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool after_cr = false;
    for_each_code_point(text, [&](const CodePoint& cp) {
        const char32_t c = cp.value;
        const bool crlf = after_cr && c == '\n';
        after_cr = c == '\r';
        if (crlf) return;  // "\r\n" is one line break
        switch (c) {
            case '\\':
            case '`':
            case '*':
            case '_':
            case '[':
            case ']':
            case '|':
            case '~':
                out += '\\';
                out += static_cast<char>(c);
                return;
            case '<':
                out += "&lt;";
                return;
            case '>':
                out += "&gt;";
                return;
            case '&':
                out += "&amp;";
                return;
            case '@':
                // GitHub links @-mentions in the rendered text, where an entity is already
                // decoded back to '@'; a zero-width joiner after it breaks the mention but
                // keeps the text readable and copyable.
                out += "@\xE2\x80\x8D";
                return;
            case '\n':
            case '\r':
                out += "<br>";
                return;
            case '\t':
                out += ' ';
                return;
            default:
                break;
        }
        if (is_c0_or_del(c) || is_c1(c) || is_layout_control(c)) {
            out += k_replacement_character;
        } else {
            out += cp.bytes;
        }
    });
    return out;
}

std::string normalise_path(std::string_view path) {
    std::string normalised(path);
    for (char& c : normalised) {
        if (c == '\\') c = '/';
    }
    std::size_t start = 0;
    while (normalised.compare(start, 2, "./") == 0) start += 2;
    return normalised.substr(start);
}

std::string path_to_uri(std::string_view path) {
    const std::string rest = normalise_path(path);
    std::string out;
    if (!rest.empty() && rest.front() == '/') out = "file://";
    for (const char ch : rest) {
        const auto c = static_cast<unsigned char>(ch);
        const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
        if (unreserved) {
            out += ch;
        } else {
            out += '%';
            constexpr std::string_view k_upper = "0123456789ABCDEF";
            out += k_upper[c >> 4];
            out += k_upper[c & 0xF];
        }
    }
    return out;
}

std::uint64_t fnv1a_64(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const char ch : bytes) {
        hash ^= static_cast<unsigned char>(ch);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

std::string to_hex(std::uint64_t value) {
    std::string out;
    append_hex(out, value, 16);
    return out;
}

}  // namespace pipeadvise::render
