#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "workload_file.hpp"

using namespace pipeadvise;
namespace fs = std::filesystem;

namespace {

const fs::path k_bad_dir = fs::path(PIPEADVISE_SOURCE_DIR) / "tests" / "data" / "bad";

std::vector<std::string> read_lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) lines.push_back(line);
    return lines;
}

/// The diagnostics of a failed load, formatted without the file name: "LINE:COL: error: ...".
std::vector<std::string> load_errors(const fs::path& path) {
    try {
        test::load_workload_file(path);
    } catch (const util::Error& e) {
        CHECK(e.kind() == util::Error::Kind::input);
        std::vector<std::string> out;
        const std::string prefix = path.string() + ":";
        for (const auto& d : e.diagnostics()) {
            CHECK(d.location.file == path.string());
            std::string text = util::format_diagnostic(d);
            REQUIRE(text.rfind(prefix, 0) == 0);
            out.push_back(text.substr(prefix.size()));
        }
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("every bad-corpus file fails to load with exactly the expected diagnostics", "[loader][corpus]") {
    std::vector<fs::path> inputs;
    for (const auto& entry : fs::directory_iterator(k_bad_dir))
        if (entry.path().extension() != ".expect") inputs.push_back(entry.path());
    std::sort(inputs.begin(), inputs.end());
    REQUIRE(inputs.size() >= 24);

    for (const auto& input : inputs) {
        SECTION(input.filename().string()) {
            fs::path expect_file = input;
            expect_file.replace_extension(".expect");
            REQUIRE(fs::exists(expect_file));
            const auto expected = read_lines(expect_file);
            REQUIRE_FALSE(expected.empty());
            const auto actual = load_errors(input);
            INFO("diagnostics:\n"
                 << [&] {
                        std::string all;
                        for (const auto& a : actual) all += "  " + a + "\n";
                        return all;
                    }());
            REQUIRE_FALSE(actual.empty());
            // Each expected line matches its own diagnostic, and nothing else is reported.
            std::vector<bool> used(actual.size(), false);
            for (const auto& line : expected) {
                bool found = false;
                for (std::size_t i = 0; i < actual.size() && !found; ++i) {
                    if (!used[i] && actual[i].find(line) != std::string::npos) used[i] = found = true;
                }
                INFO("expected: " << line);
                CHECK(found);
            }
            CHECK(actual.size() == expected.size());
        }
    }
}

TEST_CASE("every expectation file has its input", "[loader][corpus]") {
    for (const auto& entry : fs::directory_iterator(k_bad_dir)) {
        if (entry.path().extension() != ".expect") continue;
        bool has_input = false;
        for (const auto& other : fs::directory_iterator(k_bad_dir))
            if (other.path().stem() == entry.path().stem() && other.path().extension() != ".expect")
                has_input = true;
        INFO(entry.path());
        CHECK(has_input);
    }
}

TEST_CASE("directories, FIFOs and devices are refused before parsing", "[loader][corpus]") {
    std::string pattern = (fs::temp_directory_path() / "pipeadvise-corpus-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    const fs::path dir = pattern;

    auto single_error = [](const fs::path& path) {
        try {
            test::load_workload_file(path);
        } catch (const util::Error& e) {
            REQUIRE(e.diagnostics().size() == 1);
            return e.diagnostics()[0].message;
        }
        FAIL("no error for " << path);
        return std::string();
    };
    CHECK_THAT(single_error(dir), Catch::Contains("is a directory"));
    const fs::path fifo = dir / "workload.yaml";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK_THAT(single_error(fifo), Catch::Contains("FIFO"));  // returns at once: never opened
    CHECK_THAT(single_error("/dev/zero"), Catch::Contains("character device"));
    CHECK_THAT(single_error(dir / "missing.yaml"), Catch::Contains("cannot read"));

    const fs::path big = dir / "big.yaml";
    {
        std::ofstream out(big);
        out << "name: big\n";
    }
    fs::resize_file(big, 2 * 1024 * 1024);
    CHECK_THAT(single_error(big), Catch::Contains("too large"));
    fs::remove_all(dir);
}
