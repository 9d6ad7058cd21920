#pragma once

// Shared by the HTML report tests: the report of an evaluation and small readers of its markup.

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "pipeadvise/render/html.hpp"
#include "pipeadvise/render/svg.hpp"
#include "pipeadvise/util/units.hpp"
#include "render_html_fixtures.hpp"

namespace html_test {

using namespace pipeadvise;

inline std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

/// The `<svg ...>...</svg>` element with this id.
inline std::string svg_by_id(const std::string& html, const std::string& id) {
    const auto start = html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + id + "\"");
    if (start == std::string::npos) return {};
    const auto end = html.find("</svg>", start);
    return html.substr(start, end + 6 - start);
}

inline std::string report(const evaluation::Evaluation& e, bool with_sensitivity = true,
                          bool with_whatif = true) {
    render::ReportInput in;
    in.evaluation = &e;
    in.version = "0.1.0";
    if (with_sensitivity) in.sensitivity = html_fixtures::sensitivity();
    if (with_whatif) in.whatif = html_fixtures::whatif_rows();
    return render::render_report(in, render::OutputFormat::html, {});
}

/// Checks that tags nest properly: every element opened is closed in order (void elements and
/// self-closed SVG elements aside), and that no raw `<` or `>` appears outside tags. Returns
/// the first problem, or "" when the document is well formed.
inline std::string structure_problem(const std::string& html) {
    static const std::set<std::string> k_void{"meta", "br", "link", "img", "hr", "input"};
    std::vector<std::string> stack;
    std::size_t i = 0;
    if (html.rfind("<!DOCTYPE html>", 0) != 0) return "no doctype";
    i = html.find('>') + 1;
    while (i < html.size()) {
        const auto lt = html.find('<', i);
        const auto stray_gt = html.find('>', i);
        if (stray_gt < lt) return "stray '>' at " + std::to_string(stray_gt);
        if (lt == std::string::npos) break;
        const auto gt = html.find('>', lt);
        if (gt == std::string::npos) return "unterminated tag at " + std::to_string(lt);
        const std::string tag = html.substr(lt + 1, gt - lt - 1);
        if (tag.find('<') != std::string::npos) return "'<' inside a tag at " + std::to_string(lt);
        i = gt + 1;
        if (tag.empty()) return "empty tag";
        if (tag[0] == '/') {
            const std::string name = tag.substr(1);
            if (stack.empty() || stack.back() != name) {
                return "closing </" + name + "> but open <" +
                       (stack.empty() ? std::string("none") : stack.back()) + ">";
            }
            stack.pop_back();
            continue;
        }
        const std::string name = tag.substr(0, tag.find_first_of(" \n/"));
        if (tag.back() == '/' || k_void.count(name) > 0) continue;
        stack.push_back(name);
        if (name == "style") {  // CSS may hold '>' (child selectors): skip to its end
            const auto end = html.find("</style>", i);
            if (end == std::string::npos) return "unterminated style";
            i = end;
        }
    }
    if (!stack.empty()) return "unclosed <" + stack.back() + ">";
    return {};
}

inline double attribute(const std::string& element, const std::string& name) {
    const std::regex re(" " + name + "=\"([-0-9.]+)\"");
    std::smatch m;
    if (!std::regex_search(element, m, re)) return -1;
    return std::stod(m[1].str());
}

/// Every `<rect ...>` opening tag in `svg`, in order.
inline std::vector<std::string> rects(const std::string& svg) {
    std::vector<std::string> out;
    for (auto pos = svg.find("<rect "); pos != std::string::npos; pos = svg.find("<rect ", pos + 1)) {
        out.push_back(svg.substr(pos, svg.find('>', pos) - pos + 1));
    }
    return out;
}

}  // namespace html_test
