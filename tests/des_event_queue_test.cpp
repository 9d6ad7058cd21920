#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <set>
#include <utility>
#include <vector>

#include "pipeadvise/des/event_queue.hpp"
#include "pipeadvise/des/random.hpp"

using namespace pipeadvise::des;

TEST_CASE("event queue keeps insertion order for same-time events", "[des][queue]") {
    EventQueue<int> queue;
    for (int i = 0; i < 100; ++i) queue.schedule(5, i);
    queue.schedule(1, 1000);
    for (int i = 100; i < 200; ++i) queue.schedule(5, i);
    CHECK(queue.size() == 201);
    CHECK(queue.top().payload == 1000);
    CHECK(queue.pop().time == 1);
    for (int i = 0; i < 200; ++i) {
        const auto event = queue.pop();
        REQUIRE(event.time == 5);
        REQUIRE(event.payload == i);
    }
    CHECK(queue.empty());
}

TEST_CASE("event queue pops in (time, insertion) order for random schedules", "[des][queue]") {
    Rng rng(3);
    EventQueue<int> queue;
    std::vector<std::pair<Ticks, int>> expected;
    Ticks now = 0;
    int next_id = 0;
    // Interleave pushes and pops the way a simulation does: never schedule before now.
    std::vector<std::pair<Ticks, int>> popped;
    for (int step = 0; step < 20000; ++step) {
        if (queue.empty() || rng.uniform01() < 0.55) {
            const Ticks at = now + static_cast<Ticks>(rng.next_u64() % 50);
            queue.schedule(at, next_id);
            expected.emplace_back(at, next_id);
            ++next_id;
        } else {
            const auto event = queue.pop();
            REQUIRE(event.time >= now);
            now = event.time;
            popped.emplace_back(event.time, event.payload);
        }
    }
    while (!queue.empty()) {
        const auto event = queue.pop();
        REQUIRE(event.time >= now);
        now = event.time;
        popped.emplace_back(event.time, event.payload);
    }
    REQUIRE(popped.size() == expected.size());
    // Same-time events come out in insertion (id) order.
    for (std::size_t i = 1; i < popped.size(); ++i) {
        if (popped[i].first == popped[i - 1].first) REQUIRE(popped[i].second > popped[i - 1].second);
    }
    std::sort(expected.begin(), expected.end());
    std::vector<std::pair<Ticks, int>> sorted_popped = popped;
    std::sort(sorted_popped.begin(), sorted_popped.end());
    CHECK(sorted_popped == expected);
}

TEST_CASE("event queue holds move-only payloads and clear empties it", "[des][queue]") {
    EventQueue<std::unique_ptr<int>> queue;
    queue.reserve(8);
    queue.schedule(3, std::make_unique<int>(3));
    queue.schedule(1, std::make_unique<int>(1));
    queue.schedule(2, std::make_unique<int>(2));
    CHECK(*queue.pop().payload == 1);
    CHECK(*queue.top().payload == 2);
    queue.clear();
    CHECK(queue.empty());
    CHECK(queue.size() == 0);
    queue.schedule(7, std::make_unique<int>(7));
    CHECK(queue.pop().time == 7);
}

TEST_CASE("a large event queue (past the cache-size switch) keeps the same order", "[des][queue]") {
    // 60,000 pending events of 24 bytes pass the 256 KiB point where the queue switches
    // from branch-free to branching descents; the order must not change.
    Rng rng(9);
    EventQueue<int> queue;
    std::set<std::pair<Ticks, int>> pending;
    for (int i = 0; i < 60000; ++i) {
        const Ticks at = static_cast<Ticks>(rng.next_u64() % 5000);  // many ties
        queue.schedule(at, i);
        pending.emplace(at, i);
    }
    // Hold-model steps at full size, then drain: every pop is the smallest (time, id) left.
    int next_id = 60000;
    for (int step = 0; step < 80000; ++step) {
        const auto event = queue.pop();
        REQUIRE(std::make_pair(event.time, event.payload) == *pending.begin());
        pending.erase(pending.begin());
        if (step < 20000) {
            const Ticks at = event.time + static_cast<Ticks>(rng.next_u64() % 100);
            queue.schedule(at, next_id);
            pending.emplace(at, next_id++);
        }
    }
    CHECK(queue.empty());
    CHECK(pending.empty());
}
