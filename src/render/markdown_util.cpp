#include "pipeadvise/render/markdown_util.hpp"

namespace pipeadvise::render::markdown {

namespace {
std::string escape(std::string_view text, std::string_view newline) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '|':
                out += "\\|";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '&':
                out += "&amp;";
                break;
            case '`':
                out += "\\`";
                break;
            case '*':
                out += "\\*";
                break;
            case '_':
                out += "\\_";
                break;
            case '[':
                out += "\\[";
                break;
            case ']':
                out += "\\]";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\r':
                break;
            case '\n':
                out += newline;
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;  // drop control characters
                out += c;
        }
    }
    return out;
}
}  // namespace

std::string cell(std::string_view text) {
    return escape(text, "<br>");
}
std::string inline_text(std::string_view text) {
    return escape(text, " ");
}

}  // namespace pipeadvise::render::markdown
