#include <algorithm>
#include <map>

#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::cost {

namespace {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            lines.emplace_back(text.substr(pos));
            break;
        }
        lines.emplace_back(text.substr(pos, end - pos));
        pos = end + 1;
    }
    return lines;
}

std::size_t indent_of(std::string_view line) {
    const auto first = line.find_first_not_of(' ');
    return first == std::string_view::npos ? line.size() : first;
}

bool blank_or_comment(std::string_view line) {
    const auto first = line.find_first_not_of(" \t\r");
    return first == std::string_view::npos || line[first] == '#';
}

// One line of the aligned old/new text: ' ' kept, '-' removed, '+' added.
struct Op {
    char kind;
    std::string text;
};

std::string unified_diff(const std::vector<Op>& ops, std::string_view file) {
    constexpr std::size_t context = 3;
    std::string out;
    std::size_t i = 0;
    while (i < ops.size()) {
        if (ops[i].kind == ' ') {
            ++i;
            continue;
        }
        // A hunk: from `context` kept lines before this change to `context` after the last
        // change that is within 2*context kept lines of the previous one.
        std::size_t begin = i >= context ? i - context : 0;
        while (begin < i && ops[begin].kind != ' ') ++begin;
        std::size_t end = i;
        std::size_t kept_run = 0;
        for (std::size_t j = i; j < ops.size(); ++j) {
            if (ops[j].kind == ' ') {
                if (++kept_run > 2 * context) break;
            } else {
                kept_run = 0;
                end = j;
            }
        }
        const std::size_t stop = std::min(ops.size(), end + 1 + context);
        // Line numbers of the hunk start in the old and new texts.
        std::size_t old_line = 1, new_line = 1;
        for (std::size_t j = 0; j < begin; ++j) {
            if (ops[j].kind != '+') ++old_line;
            if (ops[j].kind != '-') ++new_line;
        }
        std::size_t old_count = 0, new_count = 0;
        std::string body;
        for (std::size_t j = begin; j < stop; ++j) {
            if (ops[j].kind != '+') ++old_count;
            if (ops[j].kind != '-') ++new_count;
            body += ops[j].kind + ops[j].text + "\n";
        }
        if (out.empty()) out = "--- " + std::string(file) + "\n+++ " + std::string(file) + "\n";
        out += "@@ -" + std::to_string(old_count ? old_line : old_line - 1) + "," +
               std::to_string(old_count) + " +" + std::to_string(new_count ? new_line : new_line - 1) + "," +
               std::to_string(new_count) + " @@\n" + body;
        i = stop;
    }
    return out;
}

// The top-level `infrastructure:` line, if any; a flow-style section cannot be edited line by line.
std::optional<std::size_t> infrastructure_header(const std::vector<std::string>& lines,
                                                 std::string_view file_name) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string_view line = lines[i];
        if (line.rfind("infrastructure:", 0) != 0) continue;
        const std::string_view rest = line.substr(std::string_view("infrastructure:").size());
        const auto first = rest.find_first_not_of(" \t\r");
        if (first != std::string_view::npos && rest[first] != '#')
            throw util::Error({util::Diagnostic{
                util::Location{std::string(file_name), static_cast<int>(i) + 1, 16},
                "--apply edits a block mapping ('infrastructure:' followed by indented keys); this file "
                "writes "
                "the section on one line (flow style): write it as a block, or paste the values by hand"}});
        return i;
    }
    return std::nullopt;
}

// Replaces only the value of `key: value`; keeps the spacing after the colon and any trailing
// comment at its column (or one space after a longer value).
std::string with_value(const std::string& line, std::size_t child_indent, const std::string& value) {
    const std::size_t colon = line.find(':', child_indent);
    std::size_t value_begin = line.find_first_not_of(' ', colon + 1);
    std::string prefix = line.substr(0, colon + 1) + " ";
    std::string comment;
    std::size_t comment_column = 0;
    if (value_begin != std::string::npos) {
        prefix = line.substr(0, value_begin);
        const auto hash = line[value_begin] == '#' ? value_begin : line.find(" #", value_begin);
        if (hash != std::string::npos) {
            comment_column = line[hash] == '#' ? hash : hash + 1;
            comment = line.substr(comment_column);
        }
    }
    if (prefix.size() == colon + 1) prefix += ' ';
    std::string updated = prefix + value;
    if (!comment.empty()) {
        updated += std::string(comment_column > updated.size() ? comment_column - updated.size() : 1, ' ');
        updated += comment;
    }
    return updated;
}

struct Edits {
    std::map<std::size_t, std::string> replaced;               // old line index -> new text
    std::map<std::size_t, std::vector<std::string>> inserted;  // after old line index -> new lines
    std::vector<std::string> appended;                         // at the end of the file
};

// Edits inside an existing block: replace the keys it has, add the others after its last line.
void edit_block(const std::vector<std::string>& lines, std::size_t header,
                const std::vector<std::pair<std::string, std::string>>& values, Edits& edits) {
    std::size_t last = header;  // last line of the block that is not blank or a comment
    std::size_t child_indent = 0;
    std::map<std::string, std::size_t> keys;  // key -> line index, at the child indent
    for (std::size_t i = header + 1; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (blank_or_comment(line)) continue;
        const std::size_t indent = indent_of(line);
        if (indent == 0) break;  // the next top-level key
        if (child_indent == 0) child_indent = indent;
        last = i;
        if (indent != child_indent) continue;  // nested deeper: not ours to edit
        const auto colon = line.find(':', indent);
        if (colon == std::string::npos) continue;
        keys.emplace(line.substr(indent, colon - indent), i);
    }
    if (child_indent == 0) child_indent = 2;
    for (const auto& [key, value] : values) {
        const auto it = keys.find(key);
        if (it == keys.end()) {
            edits.inserted[last].push_back(std::string(child_indent, ' ') + key + ": " + value);
            continue;
        }
        const std::string updated = with_value(lines[it->second], child_indent, value);
        if (updated != lines[it->second]) edits.replaced[it->second] = updated;
    }
}

}  // namespace

AppliedEdit apply_infrastructure(std::string_view workload_text, std::string_view file_name,
                                 const std::vector<std::pair<std::string, std::string>>& values) {
    const std::vector<std::string> lines = split_lines(workload_text);
    const bool final_newline = !workload_text.empty() && workload_text.back() == '\n';
    Edits edits;
    if (const auto header = infrastructure_header(lines, file_name)) {
        edit_block(lines, *header, values, edits);
    } else {
        if (!lines.empty() && !lines.back().empty()) edits.appended.emplace_back("");
        edits.appended.emplace_back("infrastructure:");
        for (const auto& [key, value] : values) edits.appended.push_back("  " + key + ": " + value);
    }

    std::vector<Op> ops;
    std::string text;
    auto emit = [&](char kind, const std::string& line) {
        ops.push_back({kind, line});
        if (kind == '-') return;
        text += line;
        text += '\n';
    };
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const auto r = edits.replaced.find(i);
        if (r != edits.replaced.end()) {
            emit('-', lines[i]);
            emit('+', r->second);
        } else {
            emit(' ', lines[i]);
        }
        const auto ins = edits.inserted.find(i);
        if (ins != edits.inserted.end())
            for (const auto& line : ins->second) emit('+', line);
    }
    for (const auto& line : edits.appended) emit('+', line);
    // Keep a file that had no final newline that way, unless lines were appended after it.
    if (!final_newline && edits.appended.empty() && !text.empty() && !workload_text.empty()) text.pop_back();
    return AppliedEdit{text, unified_diff(ops, file_name)};
}

}  // namespace pipeadvise::cost
