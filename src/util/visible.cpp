#include "pipeadvise/util/visible.hpp"

#include <array>

namespace pipeadvise::util {

namespace {

constexpr std::array<char, 16> k_hex_digits = {'0', '1', '2', '3', '4', '5', '6', '7',
                                               '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

void append_hex(std::string& out, char32_t value, int digits) {
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += k_hex_digits[(value >> shift) & 0xF];
}

/// Appends the visible form of the code point at `pos` and returns how many bytes it used.
std::size_t append_visible(std::string& out, std::string_view text, std::size_t pos) {
    char32_t c = 0;
    const std::size_t length = decode_utf8(text, pos, c);
    if (length == 0) {
        // One U+FFFD per bad byte, as every other output of the project does.
        out += "\xEF\xBF\xBD";
        return 1;
    }
    if (c == '\n') {
        out += "\\n";
    } else if (c == '\r') {
        out += "\\r";
    } else if (c == '\t') {
        out += "\\t";
    } else if (is_c0_or_del(c)) {
        out += "\\x";
        append_hex(out, c, 2);
    } else if (is_noncharacter(c)) {
        // Replaced as every other output replaces them (render/escape.cpp decodes the same way).
        out += "\xEF\xBF\xBD";
    } else if (is_c1(c) || is_layout_control(c)) {
        out += "\\u";
        append_hex(out, c, 4);
    } else {
        out += text.substr(pos, length);
    }
    return length;
}

}  // namespace

std::size_t decode_utf8(std::string_view text, std::size_t pos, char32_t& value) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) {
        value = lead;
        return 1;
    }
    std::size_t length = 0;
    char32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        value = lead & 0x1F;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        value = lead & 0x0F;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        value = lead & 0x07;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (pos + length > text.size()) return 0;
    for (std::size_t i = 1; i < length; ++i) {
        const unsigned char c = byte(pos + i);
        if ((c & 0xC0) != 0x80) return 0;
        value = (value << 6) | (c & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
    if (value < minimum || (value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return 0;
    return length;
}

std::string escape_control(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) pos += append_visible(out, text, pos);
    return out;
}

std::string quote_excerpt(std::string_view text, std::size_t max_chars) {
    std::string out = "'";
    std::size_t pos = 0;
    std::size_t chars = 0;
    while (pos < text.size() && chars < max_chars) {
        pos += append_visible(out, text, pos);
        ++chars;
    }
    out += "'";
    if (pos < text.size()) {
        out.insert(out.size() - 1, "...");
        out += " (" + std::to_string(text.size()) + " bytes)";
    }
    return out;
}

bool is_valid_utf8(std::string_view text) {
    for (std::size_t pos = 0; pos < text.size();) {
        char32_t c = 0;
        const std::size_t length = decode_utf8(text, pos, c);
        if (length == 0) return false;
        pos += length;
    }
    return true;
}

}  // namespace pipeadvise::util
