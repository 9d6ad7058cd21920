#include "pipeadvise/model/yaml_prescan.hpp"

#include <string>

#include "pipeadvise/model/yaml_tree.hpp"

namespace pipeadvise::model {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

/// Characters after which `[`, `{` or a quote starts a new token rather than sitting inside
/// a plain scalar (`description: use [x]` opens nothing; `key: [a, [b]]` opens two).
bool starts_token_after(char previous) {
    return is_blank(previous) || previous == '[' || previous == '{' || previous == ',' || previous == ':' ||
           previous == '-' || previous == '?' || previous == '\n';
}

}  // namespace

std::optional<util::Diagnostic> prescan_yaml(std::string_view text, std::string_view file_name) {
    const std::string file(file_name);
    int line = 1;
    int column = 1;  // in characters (UTF-8 lead bytes), as the loader's positions are
    std::size_t line_start = 0;
    int depth = 0;
    char quote = 0;        // inside '...' or "..." when set
    bool comment = false;  // inside a # comment until the end of the line
    char previous = '\n';
    auto at = [&](std::string message) {
        return util::Diagnostic{util::Location{file, line, column}, std::move(message)};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++line;
            column = 1;
            line_start = i + 1;
            comment = false;
            previous = '\n';
            continue;
        }
        if (i - line_start >= k_max_yaml_line_bytes)
            return at("line " + std::to_string(line) + " is longer than " +
                      std::to_string(k_max_yaml_line_bytes) +
                      " bytes (the limit for a line and for a value; no key of a workload needs that much)");
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && i > line_start) ++column;
        if (comment) continue;
        if (quote) {
            if (quote == '"' && c == '\\') {
                if (i + 1 < text.size() && text[i + 1] != '\n') {
                    ++i;
                    ++column;
                }
            } else if (c == quote) {
                // '' inside single quotes is an escaped quote, not the end.
                if (quote == '\'' && i + 1 < text.size() && text[i + 1] == '\'') {
                    ++i;
                    ++column;
                } else {
                    quote = 0;
                }
            }
            previous = c;
            continue;
        }
        if (c == '#' && (is_blank(previous) || previous == '\n')) {
            comment = true;
            continue;
        }
        if ((c == '\'' || c == '"') && starts_token_after(previous)) {
            quote = c;
        } else if ((c == '[' || c == '{') && (depth > 0 || starts_token_after(previous))) {
            if (++depth > k_max_yaml_depth)
                return at("nesting is too deep: more than " + std::to_string(k_max_yaml_depth) +
                          " levels of flow collections ('[' or '{'); a workload needs at most 5");
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
        previous = c;
    }
    return std::nullopt;
}

}  // namespace pipeadvise::model
