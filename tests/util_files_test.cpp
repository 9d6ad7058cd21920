#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"

using namespace pipeadvise::util;
namespace fs = std::filesystem;

namespace {

/// A fresh directory removed with its contents at scope exit.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "pipeadvise-files-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void write_bytes(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
}

/// The single diagnostic of a failed read.
Diagnostic read_error(const fs::path& path, std::uintmax_t max_bytes = k_max_input_bytes) {
    try {
        read_input_file(path, max_bytes);
    } catch (const Error& e) {
        CHECK(e.kind() == Error::Kind::input);
        REQUIRE(e.diagnostics().size() == 1);
        CHECK(e.diagnostics()[0].location.file == path.string());
        return e.diagnostics()[0];
    }
    FAIL("read_input_file(" << path << ") did not throw");
    return {};
}

std::size_t entries_in(const fs::path& dir) {
    std::size_t n = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) ++n;
    return n;
}

}  // namespace

TEST_CASE("read_input_file returns the bytes of a valid UTF-8 file", "[files]") {
    TempDir dir;
    auto file = dir.path() / "ok.yaml";
    std::string text = "name: caf\xC3\xA9\nemoji: \xF0\x9F\x98\x80\n";
    write_bytes(file, text);
    CHECK(read_input_file(file) == text);
    write_bytes(file, "");
    CHECK(read_input_file(file).empty());
}

TEST_CASE("read_input_file refuses directories, FIFOs and devices without reading them", "[files]") {
    TempDir dir;
    CHECK_THAT(read_error(dir.path()).message, Catch::Contains("is a directory"));

    auto fifo = dir.path() / "pipe.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // No writer is attached: opening it for reading would block, so reaching the next line
    // shows the FIFO was refused before any open().
    CHECK_THAT(read_error(fifo).message, Catch::Contains("FIFO"));

    CHECK_THAT(read_error("/dev/zero").message, Catch::Contains("character device"));
    CHECK_THAT(read_error("/dev/null").message, Catch::Contains("character device"));
    CHECK_THAT(read_error(dir.path() / "missing.yaml").message, Catch::Contains("No such file"));
}

TEST_CASE("read_input_file enforces the size cap before reading", "[files]") {
    TempDir dir;
    auto file = dir.path() / "big.yaml";
    write_bytes(file, std::string(101, 'a'));
    CHECK_THAT(read_error(file, 100).message,
               Catch::Contains("too large (101 bytes; the limit is 100 bytes)"));
    CHECK(read_input_file(file, 101).size() == 101);

    // A sparse file far over the default cap is refused from its size alone.
    auto huge = dir.path() / "huge.yaml";
    { std::ofstream touch(huge); }
    fs::resize_file(huge, 50ULL << 30);
    CHECK_THAT(read_error(huge).message, Catch::Contains("too large"));
}

TEST_CASE("read_input_file rejects NUL bytes with their line and column", "[files]") {
    TempDir dir;
    auto file = dir.path() / "nul.yaml";
    write_bytes(file, std::string("version: 1\nname: a") + '\0' + "b\n");
    auto d = read_error(file);
    CHECK_THAT(d.message, Catch::Contains("NUL byte"));
    CHECK(d.location.line == 2);
    CHECK(d.location.column == 8);
}

TEST_CASE("read_input_file rejects invalid UTF-8 with the first bad byte's position", "[files]") {
    TempDir dir;
    auto file = dir.path() / "bad.yaml";
    struct Case {
        std::string bytes;
        int line;
        int column;
        const char* hex;
    };
    for (const Case& c : {
             Case{"a: \xFF\n", 1, 4, "0xFF"},
             Case{"a: 1\nb: \xC3\xA9x\x80\n", 2, 6, "0x80"},  // lone continuation byte
             Case{"a: \xC0\x80\n", 1, 4, "0xC0"},             // overlong NUL
             Case{"a: \xE0\x80\x80\n", 1, 4, "0xE0"},         // overlong 3-byte form
             Case{"a: \xED\xA0\x80\n", 1, 4, "0xED"},         // UTF-16 surrogate
             Case{"a: \xF4\x90\x80\x80\n", 1, 4, "0xF4"},     // past U+10FFFF
             Case{"a: \xF5\x80\x80\x80\n", 1, 4, "0xF5"},
             Case{"\n\n  \xE2\x82", 3, 3, "0xE2"},  // truncated at end of file
         }) {
        write_bytes(file, c.bytes);
        auto d = read_error(file);
        CHECK_THAT(d.message, Catch::Contains("invalid UTF-8") && Catch::Contains(c.hex));
        CHECK(d.location.line == c.line);
        CHECK(d.location.column == c.column);
    }
}

namespace {
/// Reads a file back without read_input_file, which would register it as an input (and an
/// input may not be overwritten by an output).
std::string read_back(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("write_file_atomically creates and replaces files without leftovers", "[files]") {
    TempDir dir;
    auto target = dir.path() / "out.json";
    write_file_atomically(target, "first");
    CHECK(read_back(target) == "first");
    write_file_atomically(target, "second, longer content");
    CHECK(read_back(target) == "second, longer content");
    write_file_atomically(target, "");
    CHECK(read_back(target).empty());
    CHECK(entries_in(dir.path()) == 1);
}

TEST_CASE("write_file_atomically keeps the permissions of an existing target", "[files]") {
    TempDir dir;
    auto target = dir.path() / "report.html";
    write_bytes(target, "old");
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    write_file_atomically(target, "new");
    CHECK(read_back(target) == "new");
    CHECK((fs::status(target).permissions() & fs::perms::all) ==
          (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
}

TEST_CASE("write_file_atomically fails cleanly and never leaves a partial target", "[files]") {
    TempDir dir;
    CHECK_THROWS_AS(write_file_atomically(dir.path() / "missing" / "out.txt", "x"), Error);
    CHECK(entries_in(dir.path()) == 0);

    auto sub = dir.path() / "sub";
    fs::create_directory(sub);
    CHECK_THROWS_WITH(write_file_atomically(sub, "x"), Catch::Contains("is a directory"));
    CHECK(entries_in(dir.path()) == 1);
    CHECK(entries_in(sub) == 0);

    if (::geteuid() != 0) {  // root ignores directory permissions
        auto locked = dir.path() / "locked";
        fs::create_directory(locked);
        write_bytes(locked / "out.txt", "keep");
        fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
        CHECK_THROWS_AS(write_file_atomically(locked / "out.txt", "replace"), Error);
        fs::permissions(locked, fs::perms::owner_all);
        CHECK(read_back(locked / "out.txt") == "keep");
        CHECK(entries_in(locked) == 1);
    }
}

TEST_CASE("an output that is an input of this run is refused and the input untouched", "[files]") {
    TempDir dir;
    auto input = dir.path() / "w.yaml";
    write_bytes(input, "name: x\n");
    CHECK(read_input_file(input) == "name: x\n");
    CHECK_THROWS_WITH(write_file_atomically(input, "replaced"), Catch::Contains("also an input"));
    auto hard = dir.path() / "hard.yaml";
    fs::create_hard_link(input, hard);
    CHECK_THROWS_WITH(write_file_atomically(hard, "replaced"), Catch::Contains("also an input"));
    CHECK(read_back(input) == "name: x\n");
    CHECK(entries_in(dir.path()) == 2);
}

TEST_CASE("two outputs naming the same file are refused before writing", "[files]") {
    TempDir dir;
    auto x = dir.path() / "x.csv";
    CHECK_THROWS_WITH(check_outputs({x, dir.path() / "." / "x.csv"}), Catch::Contains("two outputs"));
    CHECK_NOTHROW(check_outputs({x, dir.path() / "y.csv", "-", "-"}));
    CHECK(entries_in(dir.path()) == 0);
}

TEST_CASE("a symbolic link's target is written and the link kept; a FIFO is written through", "[files]") {
    TempDir dir;
    auto target = dir.path() / "target.txt";
    write_bytes(target, "old");
    auto link = dir.path() / "link.txt";
    fs::create_symlink(target, link);
    write_file_atomically(link, "new");
    CHECK(fs::is_symlink(link));
    CHECK(read_back(target) == "new");

    auto fifo = dir.path() / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] { received = read_back(fifo); });
    write_file_atomically(fifo, "through the pipe");
    reader.join();
    CHECK(received == "through the pipe");
    CHECK(fs::is_fifo(fifo));
    CHECK(entries_in(dir.path()) == 3);
}

TEST_CASE("a legal 255-byte output name gets a temporary name that fits", "[files]") {
    TempDir dir;
    auto target = dir.path() / std::string(255, 'n');
    write_file_atomically(target, "long name");
    CHECK(read_back(target) == "long name");
    CHECK(entries_in(dir.path()) == 1);
}
