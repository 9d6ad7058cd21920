#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "pipeadvise/render/render.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "render_html_fixtures.hpp"

using namespace pipeadvise;
using render::OutputFormat;
using render::Product;

namespace {

constexpr OutputFormat k_every_format[] = {OutputFormat::text,  OutputFormat::json,  OutputFormat::markdown,
                                           OutputFormat::sarif, OutputFormat::junit, OutputFormat::github,
                                           OutputFormat::csv,   OutputFormat::table, OutputFormat::html};
constexpr Product k_every_product[] = {Product::evaluation, Product::check, Product::simulation,
                                       Product::whatif,     Product::diff,  Product::calibration,
                                       Product::report};

// One sample of every product, rendered through render.hpp's entry point for it.
struct Samples {
    html_fixtures::Single single;
    std::vector<evaluation::Evaluation> evaluations{single.evaluation};
    std::vector<evaluation::WhatifRow> rows = html_fixtures::whatif_rows();
    std::vector<evaluation::SweepDimension> dimensions{{"data.volume", {"1M/day", "10M/day"}},
                                                       {"infrastructure.nodes", {"5", "10"}}};
    cost::CalibrationReport calibration = [] {
        cost::CalibrationInput input;
        input.runs = {cost::RunObservation{1000, 1, 11, 1.0, 2}, cost::RunObservation{2000, 1, 21, 1.5, 3},
                      cost::RunObservation{4000, 2, 21, 2.5, 4}};
        return cost::calibrate(input);
    }();
    evaluation::Diff diff;

    std::string render(Product p, OutputFormat f) const {
        const render::RenderOptions o;
        switch (p) {
            case Product::evaluation:
                return render::render_evaluations(evaluations, f, o);
            case Product::check:
                return render::render_check(evaluations, f, o);
            case Product::simulation:
                return render::render_simulation(single.workload->use_cases.front(),
                                                 single.evaluation.use_cases.front(), f, o);
            case Product::whatif:
                return render::render_whatif(dimensions, rows, f, o);
            case Product::diff:
                return render::render_diff(diff, f, o);
            case Product::calibration:
                return render::render_calibration(calibration, f, o);
            case Product::report: {
                render::ReportInput in;
                in.evaluation = &single.evaluation;
                return render::render_report(in, f, o);
            }
        }
        return {};
    }
};

std::set<std::string> names(Product p) {
    const auto v = render::format_names(p);
    return {v.begin(), v.end()};
}

}  // namespace

TEST_CASE("every format in a product's table renders and every other format is refused",
          "[render][formats]") {
    const Samples samples;
    for (const Product p : k_every_product) {
        for (const OutputFormat f : k_every_format) {
            INFO(std::string(render::to_string(p)) + " --format " + std::string(render::to_string(f)));
            if (render::supports(p, f)) {
                CHECK_FALSE(samples.render(p, f).empty());
            } else {
                try {
                    samples.render(p, f);
                    FAIL("rendered a format the table does not list");
                } catch (const util::Error& e) {
                    CHECK(e.kind() == util::Error::Kind::usage);
                    CHECK(std::string(e.what()) == "format '" + std::string(render::to_string(f)) +
                                                       "' is not available for " +
                                                       std::string(render::to_string(p)));
                }
            }
        }
    }
}

TEST_CASE("each product offers the formats of spec section 3, its default first", "[render][formats]") {
    using S = std::set<std::string>;
    const auto includes = [](const S& all, const S& some) {
        return std::includes(all.begin(), all.end(), some.begin(), some.end());
    };
    CHECK(includes(names(Product::evaluation), S{"text", "json", "markdown"}));
    CHECK(includes(names(Product::check), S{"text", "json", "sarif", "junit", "github", "markdown"}));
    CHECK(includes(names(Product::simulation), S{"text", "json", "csv"}));
    CHECK(includes(names(Product::whatif), S{"table", "csv", "json", "markdown"}));
    CHECK(includes(names(Product::diff), S{"text", "json", "markdown"}));
    CHECK(includes(names(Product::calibration), S{"text", "json"}));
    CHECK(includes(names(Product::report), S{"html"}));

    CHECK(render::format_names(Product::evaluation).front() == "text");
    CHECK(render::format_names(Product::check).front() == "text");
    CHECK(render::format_names(Product::whatif).front() == "table");
    CHECK(render::format_names(Product::report).front() == "html");
}

TEST_CASE("a product lists each format once and every name parses back", "[render][formats]") {
    for (const Product p : k_every_product) {
        const auto v = render::format_names(p);
        INFO(render::to_string(p));
        CHECK_FALSE(v.empty());
        CHECK(names(p).size() == v.size());
        for (const auto& n : v) {
            const auto f = render::parse_format(n);
            REQUIRE(f);
            CHECK(render::to_string(*f) == n);
            CHECK(render::supports(p, *f));
        }
    }
    CHECK_FALSE(render::parse_format("jsn"));
}
