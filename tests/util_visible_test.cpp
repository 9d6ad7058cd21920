#include <catch2/catch.hpp>

#include <string>

#include "pipeadvise/util/visible.hpp"

using namespace pipeadvise::util;

TEST_CASE("control characters are shown as visible escapes, never raw", "[visible]") {
    CHECK(escape_control("a\nb") == "a\\nb");
    CHECK(escape_control("\r\t") == "\\r\\t");
    CHECK(escape_control("\x1b[31mred") == "\\x1b[31mred");
    CHECK(escape_control("\x7f") == "\\x7f");
    CHECK(escape_control("\xc2\x9b") == "\\u009b");          // C1 CSI
    CHECK(escape_control("x\xe2\x80\xaey") == "x\\u202ey");  // right-to-left override
    CHECK(escape_control("caf\xc3\xa9") == "caf\xc3\xa9");   // printable UTF-8 unchanged
    CHECK(escape_control("\xff") == "\xEF\xBF\xBD");         // invalid byte -> U+FFFD
}

TEST_CASE("a name with a newline cannot start a line of its own", "[visible]") {
    const std::string shown = escape_control("ok\n::error::owned");
    CHECK(shown.find('\n') == std::string::npos);
    CHECK(shown == "ok\\n::error::owned");
}

TEST_CASE("quote_excerpt cuts long values and says how long they were", "[visible]") {
    CHECK(quote_excerpt("30s") == "'30s'");
    const std::string cut = quote_excerpt(std::string(70000, 'a'), 10);
    CHECK(cut == "'aaaaaaaaaa...' (70000 bytes)");
    CHECK(quote_excerpt("a\nb") == "'a\\nb'");
}

TEST_CASE("is_valid_utf8 rejects stray, overlong and surrogate sequences", "[visible]") {
    CHECK(is_valid_utf8("plain"));
    CHECK(is_valid_utf8("\xe2\x82\xac"));
    CHECK_FALSE(is_valid_utf8("\xff"));
    CHECK_FALSE(is_valid_utf8("\xc0\xaf"));
    CHECK_FALSE(is_valid_utf8("\xed\xa0\x80"));
}
