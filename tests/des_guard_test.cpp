#include <catch2/catch.hpp>

#include <string>

#include "pipeadvise/des/guard.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise::des;
using pipeadvise::util::Error;

namespace {

// Runs `f` and returns the util::Error it throws (fails the test when nothing is thrown).
template <class F>
Error error_of(F f) {
    try {
        f();
    } catch (const Error& e) {
        return e;
    }
    FAIL("no util::Error thrown");
    return Error(Error::Kind::internal, "unreachable");
}

}  // namespace

TEST_CASE("guard lets a run reach its event cap and stops it one event past", "[des][guard]") {
    Caps caps;
    caps.max_events = 1000;
    Guard guard(caps, "streaming simulation");
    for (int i = 0; i < 999; ++i) guard.count_events();
    guard.count_events();
    CHECK(guard.events() == 1000);
    const Error e = error_of([&] { guard.count_events(); });
    CHECK(e.kind() == Error::Kind::input);
    CHECK(e.exit_code() == 2);
    const std::string message = e.what();
    CHECK(message.find("streaming simulation stopped") == 0);
    CHECK(message.find("1,001 events") != std::string::npos);
    CHECK(message.find("cap of 1,000 events") != std::string::npos);
    CHECK(message.find("simulation.granularity: auto") != std::string::npos);
}

TEST_CASE("guard checks a planned run before it starts", "[des][guard]") {
    Caps caps;
    caps.max_events = 5000;
    Guard guard(caps);
    guard.count_events(1000);
    CHECK_NOTHROW(guard.check_planned_events(4000));
    CHECK_THROWS_AS(guard.check_planned_events(4001), Error);
    CHECK(guard.events() == 1000);  // a planned check counts nothing
    guard.count_events(4000);
    CHECK_THROWS_AS(guard.check_planned_events(1), Error);
    CHECK_NOTHROW(guard.check_planned_events(0));
}

TEST_CASE("guard stops a run whose simulated time passes the cap", "[des][guard]") {
    Caps caps;
    caps.max_simulated_ticks = Ticks{10} * 86'400 * 1'000'000'000;  // 10 days
    Guard guard(caps);
    CHECK_NOTHROW(guard.advance_to(caps.max_simulated_ticks));
    const Error e = error_of([&] { guard.advance_to(caps.max_simulated_ticks + 86'400'000'000'000); });
    const std::string message = e.what();
    CHECK(message.find("11.0 days") != std::string::npos);
    CHECK(message.find("cap of 10 days") != std::string::npos);
    CHECK(message.find("simulation.horizon") != std::string::npos);
}

TEST_CASE("guard accounts bytes held and released", "[des][guard]") {
    Caps caps;
    caps.max_bytes = 1 << 20;
    Guard guard(caps);
    guard.account_bytes(600 << 10);
    guard.account_bytes(-(100 << 10));
    CHECK(guard.bytes() == 500u << 10);
    guard.account_bytes(-(10 << 20));  // releasing more than held floors at zero
    CHECK(guard.bytes() == 0);
    guard.set_bytes(1 << 20);
    const Error e = error_of([&] { guard.account_bytes(1); });
    const std::string message = e.what();
    CHECK(message.find("1.0 MiB") != std::string::npos);
    CHECK(message.find("cap of 1 MiB") != std::string::npos);
    CHECK_THROWS_AS(guard.set_bytes(2 << 20), Error);
}

TEST_CASE("default caps allow the longest horizon with room to drain", "[des][guard]") {
    const Caps caps;
    const Ticks ten_years = Ticks{3650} * 86'400 * 1'000'000'000;
    CHECK(caps.max_simulated_ticks >= 2 * ten_years);
    CHECK(caps.max_bytes <= std::uint64_t{256} << 20);
    Guard guard;
    CHECK_NOTHROW(guard.advance_to(ten_years));
}
