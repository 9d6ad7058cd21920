// Prints one `check` format for a hand-built fixture, so tests/check_validate_formats.py can
// parse and schema-validate the renderers' output with real parsers, including text the
// loader would never produce (invalid UTF-8, raw control characters).
//
// usage: check_render_driver FORMAT sample|hostile [FAIL_ON]

#include <iostream>
#include <string>

#include "pipeadvise/render/formats.hpp"
#include "render_check_fixtures.hpp"

int main(int argc, char** argv) {
    using namespace pipeadvise;
    if (argc < 3) {
        std::cerr
            << "usage: check_render_driver text|json|sarif|junit|github|markdown sample|hostile [FAIL_ON]\n";
        return 2;
    }
    const std::string format = argv[1];
    const std::string fixture = argv[2];
    render::RenderOptions options;
    options.version = "0.0.0-test";
    if (argc > 3) options.fail_on = argv[3];
    const test::CheckFixture fx = fixture == "hostile" ? test::hostile_fixture() : test::sample_fixture();
    const auto& e = fx.evaluations;
    try {
        if (format == "text") {
            std::cout << render::detail::check_text(e, options);
        } else if (format == "json") {
            std::cout << render::detail::check_json(e, options);
        } else if (format == "sarif") {
            std::cout << render::detail::check_sarif(e, options);
        } else if (format == "junit") {
            std::cout << render::detail::check_junit(e, options);
        } else if (format == "github") {
            std::cout << render::detail::check_github(e, options);
        } else if (format == "markdown") {
            std::cout << render::detail::check_markdown(e, options);
        } else {
            std::cerr << "unknown format " << format << '\n';
            return 2;
        }
    } catch (const std::exception& ex) {
        std::cerr << "check_render_driver: " << ex.what() << '\n';
        return 3;
    }
    return 0;
}
