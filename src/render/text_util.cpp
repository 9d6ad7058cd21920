#include "pipeadvise/render/text_util.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::render::text {

namespace {
std::size_t display_width(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;  // count UTF-8 lead bytes only
    }
    return n;
}
}  // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    std::string line(indent);
    std::size_t line_width = indent.size();
    bool line_has_word = false;
    std::istringstream words{std::string(text)};
    std::string word;
    while (words >> word) {
        // Wrapped text comes from the workload: controls are shown, never passed through.
        word = util::escape_control(word);
        const std::size_t w = display_width(word);
        if (line_has_word && line_width + 1 + w > width) {
            out += line + "\n";
            line = std::string(indent);
            line_width = indent.size();
            line_has_word = false;
        }
        if (line_has_word) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += w;
        line_has_word = true;
    }
    if (line_has_word) out += line + "\n";
    return out;
}

std::string pad(std::string_view text, std::size_t width) {
    std::string out(text);
    const std::size_t w = display_width(text);
    if (w < width) out.append(width - w, ' ');
    return out;
}

std::string pad_left(std::string_view text, std::size_t width) {
    const std::size_t w = display_width(text);
    std::string out;
    if (w < width) out.append(width - w, ' ');
    out += text;
    return out;
}

std::string paint(std::string_view text, std::string_view code, bool color) {
    if (!color) return std::string(text);
    return "\033[" + std::string(code) + "m" + std::string(text) + "\033[0m";
}

std::string_view severity_color(advisor::Severity s) {
    switch (s) {
        case advisor::Severity::error:
            return "1;31";
        case advisor::Severity::warning:
            return "33";
        case advisor::Severity::info:
            return "36";
    }
    return "0";
}

std::string percent(double share) {
    char buffer[32];
    const double p = share * 100.0;
    if (p >= 99.0 && p < 100.0) {
        std::snprintf(buffer, sizeof buffer, "%.2f%%", p);
    } else {
        std::snprintf(buffer, sizeof buffer, "%.1f%%", p);
    }
    return buffer;
}

std::string table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                  std::string_view indent) {
    std::vector<std::size_t> widths(header.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < widths.size(); ++i) {
            widths[i] = std::max(widths[i], display_width(row[i]));
        }
    };
    measure(header);
    for (const auto& r : rows) measure(r);
    auto line = [&](const std::vector<std::string>& row) {
        std::string out(indent);
        for (std::size_t i = 0; i < widths.size(); ++i) {
            const std::string cell = i < row.size() ? row[i] : "";
            if (i > 0) out += "  ";
            out += i == 0 ? pad(cell, widths[i]) : pad_left(cell, widths[i]);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + "\n";
    };
    std::string out = line(header);
    for (const auto& r : rows) out += line(r);
    return out;
}

}  // namespace pipeadvise::render::text
