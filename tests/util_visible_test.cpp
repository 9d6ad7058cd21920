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

TEST_CASE("decode_utf8 is the one decoder: lengths, code points and every invalid form", "[visible]") {
    char32_t c = 0;
    CHECK(decode_utf8("A", 0, c) == 1);
    CHECK(c == U'A');
    CHECK(decode_utf8("x\xc3\xa9", 1, c) == 2);
    CHECK(c == 0xE9);
    CHECK(decode_utf8("\xe2\x80\xae", 0, c) == 3);
    CHECK(c == 0x202E);
    CHECK(decode_utf8("\xf0\x9f\x98\x80", 0, c) == 4);
    CHECK(c == 0x1F600);
    CHECK(decode_utf8("\xf4\x8f\xbf\xbf", 0, c) == 4);
    CHECK(c == 0x10FFFF);
    CHECK(decode_utf8("\xc0\xaf", 0, c) == 0);          // overlong '/'
    CHECK(decode_utf8("\xe0\x80\xaf", 0, c) == 0);      // overlong, three bytes
    CHECK(decode_utf8("\xed\xa0\x80", 0, c) == 0);      // UTF-16 surrogate
    CHECK(decode_utf8("\xf4\x90\x80\x80", 0, c) == 0);  // past U+10FFFF
    CHECK(decode_utf8("\xe2\x80", 0, c) == 0);          // cut sequence
    CHECK(decode_utf8("\xe2\x28\xae", 0, c) == 0);      // bad continuation byte
    CHECK(decode_utf8("\x80", 0, c) == 0);              // stray continuation byte
    CHECK(decode_utf8("\xf8\x88\x80\x80\x80", 0, c) == 0);
    CHECK(is_noncharacter(0xFFFE));
    CHECK(is_noncharacter(0x1FFFF));
    CHECK(is_noncharacter(0xFDD0));
    CHECK_FALSE(is_noncharacter(0xFFFD));
}
