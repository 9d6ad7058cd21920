#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <future>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "pipeadvise/pipeline/task_pool.hpp"

using namespace pipeadvise;
using pipeline::TaskPool;

TEST_CASE("a task pool runs every task once, whichever threads help", "[task_pool]") {
    TaskPool pool;
    std::vector<std::atomic<int>> runs(200);
    std::vector<std::thread::id> by(runs.size());
    const auto batch = pool.submit(runs.size(), [&](std::size_t i) {
        ++runs[i];
        by[i] = std::this_thread::get_id();
        std::this_thread::sleep_for(std::chrono::microseconds(50));
    });
    // Two helpers that have nothing of their own to wait for, and the submitter.
    std::atomic<bool> finished{false};
    std::vector<std::thread> helpers;
    for (int t = 0; t < 2; ++t) {
        helpers.emplace_back([&] { pool.help_until([&] { return finished.load(); }); });
    }
    pool.wait(*batch);
    CHECK(batch->done());
    finished = true;
    pool.notify();
    for (auto& h : helpers) h.join();
    for (const auto& r : runs) CHECK(r.load() == 1);
}

TEST_CASE("a task pool reports the lowest failing task and skips those not started", "[task_pool]") {
    TaskPool pool;
    std::atomic<int> ran{0};
    const auto batch = pool.submit(100, [&](std::size_t i) {
        ++ran;
        if (i == 7 || i == 9) throw std::runtime_error("task " + std::to_string(i));
    });
    std::thread helper([&] { pool.help_until([&] { return batch->done(); }); });
    try {
        pool.wait(*batch);
        FAIL("no error");
    } catch (const std::runtime_error& e) {
        CHECK(std::string(e.what()) == "task 7");
    }
    helper.join();
    // Tasks 0..7 ran; after the failure at most the ones already handed out did.
    CHECK(ran.load() >= 8);
    CHECK(ran.load() < 100);
    // The pool still serves new batches after a failure.
    std::atomic<int> later{0};
    pool.wait(*pool.submit(5, [&](std::size_t) { ++later; }));
    CHECK(later.load() == 5);
}

TEST_CASE("a thread awaiting another batch runs its tasks instead of blocking", "[task_pool]") {
    TaskPool pool;
    std::promise<void> started;
    std::atomic<bool> release{false};
    std::atomic<int> ran{0};
    // The submitter's own thread is stuck in task 0; the other tasks are run by the helper alone.
    const auto batch = pool.submit(20, [&](std::size_t i) {
        if (i == 0) {
            started.set_value();
            while (!release.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        ++ran;
    });
    std::thread owner([&] { pool.wait(*batch); });
    started.get_future().wait();
    pool.help_until([&] { return ran.load() == 19; });
    CHECK(ran.load() == 19);
    release = true;
    owner.join();
    CHECK(ran.load() == 20);
}
