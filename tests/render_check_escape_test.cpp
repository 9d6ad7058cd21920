#include <catch2/catch.hpp>

#include "pipeadvise/render/escape.hpp"

using namespace pipeadvise::render;

namespace {
const std::string k_fffd(k_replacement_character);
}

TEST_CASE("sanitize_utf8 keeps valid text and replaces each bad byte", "[render][escape]") {
    CHECK(sanitize_utf8("plain ascii") == "plain ascii");
    CHECK(sanitize_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\xb4") ==
          "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x94\xb4");
    CHECK(sanitize_utf8("a\xff"
                        "b") == "a" + k_fffd + "b");
    CHECK(sanitize_utf8("\xc0\xaf") == k_fffd + k_fffd);                            // overlong '/'
    CHECK(sanitize_utf8("\xed\xa0\x80") == k_fffd + k_fffd + k_fffd);               // encoded surrogate
    CHECK(sanitize_utf8("\xf4\x90\x80\x80") == k_fffd + k_fffd + k_fffd + k_fffd);  // > U+10FFFF
    CHECK(sanitize_utf8("trunc\xe2\x82") == "trunc" + k_fffd + k_fffd);
    CHECK(sanitize_utf8("\x80x") == k_fffd + "x");
}

TEST_CASE("escape_terminal keeps one line and shows control characters", "[render][escape]") {
    CHECK(escape_terminal("a\nb\rc\td") == "a\\nb\\rc\\td");
    CHECK(escape_terminal("\x1b[31mred") == "\\x1b[31mred");
    CHECK(escape_terminal(std::string("nul\0x", 5)) == "nul\\x00x");
    CHECK(escape_terminal("del\x7f") == "del\\x7f");
    CHECK(escape_terminal("c1\xc2\x85") == "c1\\u0085");
    CHECK(escape_terminal("bidi\xe2\x80\xae"
                          "x") == "bidi\\u202ex");
    CHECK(escape_terminal("bad\xff") == "bad" + k_fffd);
    CHECK(escape_terminal("caf\xc3\xa9 | <ok>") == "caf\xc3\xa9 | <ok>");
}

TEST_CASE("escape_xml escapes markup, keeps whitespace and drops forbidden characters", "[render][escape]") {
    CHECK(escape_xml("<a href=\"x\">&'</a>", false) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
    CHECK(escape_xml("]]>", false) == "]]&gt;");
    CHECK(escape_xml("a\nb\tc", false) == "a\nb\tc");
    CHECK(escape_xml("a\nb\tc", true) == "a&#10;b&#9;c");
    CHECK(escape_xml("cr\r", false) == "cr&#13;");
    // U+FFFD as a character reference: the same character to a parser, no raw U+FFFD bytes.
    const std::string ref = "&#xFFFD;";
    CHECK(escape_xml("\x01\x08\x1b\x7f\xc2\x85", false) == ref + ref + ref + ref + ref);
    CHECK(escape_xml("\xef\xbf\xbe\xef\xbf\xbf", true) == ref + ref);  // U+FFFE, U+FFFF
    CHECK(escape_xml("\xff", false) == ref);
    CHECK(escape_xml("\xef\xbf\xbd", false) == ref);
    CHECK(escape_xml("caf\xc3\xa9 \xe2\x80\xae", false) == "caf\xc3\xa9 \xe2\x80\xae");  // allowed in XML 1.0
}

TEST_CASE("GitHub workflow command escapes follow the runner's rules", "[render][escape]") {
    CHECK(escape_github_data("100% done\r\nnext") == "100%25 done%0D%0Anext");
    CHECK(escape_github_data("a: b, c") == "a: b, c");
    CHECK(escape_github_data("%0A") == "%250A");
    CHECK(escape_github_data("::error::x") == "::error::x");  // harmless: cannot start a line
    CHECK(escape_github_property("a: b, c") == "a%3A b%2C c");
    CHECK(escape_github_property("50%\n") == "50%25%0A");
    CHECK(escape_github_property("file=x,line=1::y") == "file=x%2Cline=1%3A%3Ay");
    CHECK(escape_github_data("esc\x1b") == "esc" + k_fffd);
    CHECK(escape_github_data("tab\t") == "tab\t");
}

TEST_CASE("escape_markdown is safe in a table cell", "[render][escape]") {
    CHECK(escape_markdown("a | b") == "a \\| b");
    CHECK(escape_markdown("<script>") == "&lt;script&gt;");
    CHECK(escape_markdown("`code` *x* _y_ [l](u) ~s~") == "\\`code\\` \\*x\\* \\_y\\_ \\[l\\](u) \\~s\\~");
    CHECK(escape_markdown("line1\nline2\r\nline3\rline4") == "line1<br>line2<br>line3<br>line4");
    CHECK(escape_markdown("a\\b & @team") == "a\\\\b &amp; @\xE2\x80\x8Dteam");
    CHECK(escape_markdown("esc\x1b") == "esc" + k_fffd);
}

TEST_CASE("normalise_path gives the repository-relative form code hosts match", "[render][escape]") {
    CHECK(normalise_path("./proposals/a.yaml") == "proposals/a.yaml");
    CHECK(normalise_path("././a.yaml") == "a.yaml");
    CHECK(normalise_path("dir\\a.yaml") == "dir/a.yaml");
    CHECK(normalise_path("../up/a.yaml") == "../up/a.yaml");
    CHECK(normalise_path("/abs/a.yaml") == "/abs/a.yaml");
}

TEST_CASE("path_to_uri gives relative URI references with forward slashes", "[render][escape]") {
    CHECK(path_to_uri("proposals/stream.yaml") == "proposals/stream.yaml");
    CHECK(path_to_uri("./a/b.yaml") == "a/b.yaml");
    CHECK(path_to_uri("dir\\sub\\f.yaml") == "dir/sub/f.yaml");
    CHECK(path_to_uri("with space/x#1?.yaml") == "with%20space/x%231%3F.yaml");
    CHECK(path_to_uri("c:odd%.yaml") == "c%3Aodd%25.yaml");
    CHECK(path_to_uri("/abs/path.yaml") == "file:///abs/path.yaml");
    CHECK(path_to_uri("caf\xc3\xa9.yaml") == "caf%C3%A9.yaml");
}

TEST_CASE("fnv1a_64 matches the published test vectors", "[render][escape]") {
    CHECK(fnv1a_64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a_64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a_64("foobar") == 0x85944171f73967e8ULL);
    CHECK(to_hex(0xaf63dc4c8601ec8cULL) == "af63dc4c8601ec8c");
    CHECK(to_hex(1) == "0000000000000001");
}

TEST_CASE("noncharacters become U+FFFD the same way in every escaper", "[render][escape]") {
    // U+FFFE, U+FDD0, U+1FFFF, U+10FFFF: valid UTF-8, not for interchange.
    const std::string nonchars = "\xef\xbf\xbe\xef\xb7\x90\xf0\x9f\xbf\xbf\xf4\x8f\xbf\xbf";
    const std::string four = k_fffd + k_fffd + k_fffd + k_fffd;
    CHECK(sanitize_utf8(nonchars) == four);
    CHECK(escape_xml(nonchars, false) == "&#xFFFD;&#xFFFD;&#xFFFD;&#xFFFD;");
    CHECK(escape_markdown(nonchars) == four);
    CHECK(escape_github_data(nonchars) == four);
    CHECK(escape_terminal(nonchars) == four);
    // Their neighbours are ordinary characters and pass: U+FFFD itself, U+FDEF+1, U+1FFFD.
    CHECK(sanitize_utf8("\xef\xbf\xbd\xef\xb7\xb0\xf0\x9f\xbf\xbd") ==
          "\xef\xbf\xbd\xef\xb7\xb0\xf0\x9f\xbf\xbd");
}
