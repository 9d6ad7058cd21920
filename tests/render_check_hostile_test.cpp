// Hostile text from a workload file must not break any `check` format (structure checks here;
// tests/check_validate_formats.py parses the same output with real JSON/XML parsers).

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/formats.hpp"
#include "render_check_fixtures.hpp"

using namespace pipeadvise;
using nlohmann::json;

namespace {
render::RenderOptions options() {
    render::RenderOptions o;
    o.version = "9.8.7";
    return o;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
    return n;
}

bool valid_utf8(const std::string& s) {
    return render::sanitize_utf8(s) == s;
}

/// No byte below 0x20 except the newline (and, when allowed, tab), and no DEL.
bool no_raw_controls(const std::string& s, bool allow_tab) {
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '\n' || (allow_tab && c == '\t')) continue;
        if (c < 0x20 || c == 0x7F) return false;
    }
    return true;
}
}  // namespace

TEST_CASE("hostile text keeps check text to one line per finding without escapes",
          "[render][check][hostile]") {
    const auto fx = test::hostile_fixture();
    const std::string out = render::detail::check_text(fx.evaluations, options());
    CHECK(valid_utf8(out));
    CHECK(no_raw_controls(out, false));
    CHECK(out.find("\xe2\x80\xae") == std::string::npos);  // bidi override shown as \u202e
    const auto lines = lines_of(out);
    // header + 4 findings + blank + summary
    REQUIRE(lines.size() == 7);
    for (std::size_t i = 1; i <= 4; ++i) {
        INFO(lines[i]);
        CHECK_THAT(lines[i], Catch::StartsWith("dir with space/we,ird:na%me#1.yaml"));
    }
    // name in the header, 4 messages, the use case and the waiver reason, each inside its own line
    CHECK(count(out, "forged line") == 7);
    CHECK_THAT(lines.back(),
               Catch::StartsWith("2 errors, 1 warning, 0 info, 1 suppressed in 1 file: FAILED"));
}

TEST_CASE("hostile text round-trips through check json and sarif", "[render][check][hostile]") {
    const auto fx = test::hostile_fixture();
    const std::string expected = render::sanitize_utf8(test::k_hostile);
    const std::string out = render::detail::check_json(fx.evaluations, options());
    CHECK(valid_utf8(out));
    const json doc = json::parse(out);  // throws on invalid JSON or UTF-8
    CHECK(doc["files"][0]["workload"] == expected);
    CHECK(doc["files"][0]["findings"][0]["message"] == expected);
    CHECK(doc["files"][0]["findings"][0]["use_case"] == expected);
    CHECK(doc["files"][0]["findings"][2]["suppression_reason"] == expected);
    CHECK(doc["files"][0]["findings"][3]["id"] == "bad</testcase>\"id\n::x");

    const std::string sarif_text = render::detail::check_sarif(fx.evaluations, options());
    CHECK(valid_utf8(sarif_text));
    const json sarif = json::parse(sarif_text);
    const json& results = sarif["runs"][0]["results"];
    REQUIRE(results.size() == 4);
    CHECK(results[0]["message"]["text"] == expected);
    CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
          "dir%20with%20space/we%2Cird%3Ana%25me%231.yaml");
    CHECK(results[2]["suppressions"][0]["justification"] == expected);
    CHECK_FALSE(results[3].contains("ruleIndex"));
}

TEST_CASE("hostile text cannot add or close elements in check junit", "[render][check][hostile]") {
    const auto fx = test::hostile_fixture();
    const std::string xml = render::detail::check_junit(fx.evaluations, options());
    CHECK(valid_utf8(xml));
    CHECK(no_raw_controls(xml, false));
    CHECK(xml.find("\xef\xbf\xbe") == std::string::npos);  // U+FFFE is not an XML character
    CHECK(count(xml, "<testsuites") == 1);
    CHECK(count(xml, "</testsuites>") == 1);
    CHECK(count(xml, "<testsuite ") == 1);
    CHECK(count(xml, "</testsuite>") == 1);
    CHECK(count(xml, "<script") == 0);
    CHECK(count(xml, "]]>") == 0);
    CHECK(count(xml, "<failure ") == 2);  // the catalogue's first rule and the unknown id
    CHECK(count(xml, "<skipped ") == 1);
    CHECK(count(xml, "<system-out>") == 1);
    const std::size_t testcases = count(xml, "<testcase ");
    CHECK(testcases == std::max<std::size_t>(advisor::rules().size(), 3) + 1);
}

TEST_CASE("hostile text cannot start or split a GitHub workflow command", "[render][check][hostile]") {
    const auto fx = test::hostile_fixture();
    const std::string out = render::detail::check_github(fx.evaluations, options());
    CHECK(valid_utf8(out));
    CHECK(no_raw_controls(out, true));
    const auto lines = lines_of(out);
    REQUIRE(lines.size() == 4);  // three unsuppressed findings + summary
    CHECK_THAT(lines[0], Catch::StartsWith(
                             "::error file=dir with space/we%2Cird%3Ana%25me#1.yaml,line=3,col=5,title="));
    CHECK_THAT(lines[1], Catch::StartsWith(
                             "::warning file=dir with space/we%2Cird%3Ana%25me#1.yaml,line=7,col=1,title="));
    CHECK_THAT(lines[2],
               Catch::StartsWith("::error file=dir with space/we%2Cird%3Ana%25me#1.yaml,title=bad<"));
    for (std::size_t i = 0; i < 3; ++i) {
        // Exactly one "::" separator after the properties: the title has no raw ':' and ','.
        const auto properties_end = lines[i].find("::", 2);
        const std::string properties = lines[i].substr(2, properties_end - 2);
        CHECK(properties.find(':') == std::string::npos);
        CHECK(count(properties, "=") >= 2);
        CHECK(lines[i].find("%250A") != std::string::npos);  // the literal "%0A" stays literal
    }
    CHECK_THAT(lines[3], Catch::StartsWith("pipeadvise check: "));
}

TEST_CASE("hostile text keeps markdown tables intact and inert", "[render][check][hostile]") {
    const auto fx = test::hostile_fixture();
    const std::string out = render::detail::check_markdown(fx.evaluations, options());
    CHECK(valid_utf8(out));
    CHECK(no_raw_controls(out, false));
    CHECK(out.find("<script") == std::string::npos);
    CHECK(out.find("@everyone") == std::string::npos);
    CHECK(out.find("</testsuite") == std::string::npos);
    for (const auto& line : lines_of(out)) {
        if (line.rfind("| ", 0) != 0) continue;
        // Unescaped pipes: 5 in an active row, 6 in a waived row, none from the data.
        std::size_t pipes = 0;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] == '|' && (i == 0 || line[i - 1] != '\\')) ++pipes;
        }
        INFO(line);
        CHECK((pipes == 5 || pipes == 6));
    }
    // Every '<' the renderer wrote is one of its own tags.
    std::size_t tags = 0;
    for (const char* tag :
         {"<br>", "<details>", "</details>", "<summary>", "</summary>", "<sub>", "</sub>"}) {
        tags += count(out, tag);
    }
    CHECK(count(out, "<") == tags);
}
