#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <map>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "pipeadvise/evaluation/whatif.hpp"
#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/task_pool.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::evaluation {

namespace {

// Every point loaded first: input errors surface before minutes of simulation.
std::vector<model::Workload> load_points(std::string_view workload_text, std::string_view file_name,
                                         const std::vector<GridPoint>& points,
                                         const std::vector<model::Override>& base_overrides) {
    std::vector<model::Workload> workloads;
    workloads.reserve(points.size());
    for (const auto& p : points) {
        std::vector<model::Override> overrides = base_overrides;
        overrides.insert(overrides.end(), p.settings.begin(), p.settings.end());
        model::LoadResult loaded = model::load_workload_text(workload_text, file_name, overrides);
        if (!loaded.workload) throw util::Error(std::move(loaded.errors));
        workloads.push_back(std::move(*loaded.workload));
    }
    return workloads;
}

// Points are handed out with the SLA moving slowest: points that differ only in the SLA share
// their simulations, so neighbours in this order need different ones and the threads do not
// wait on each other's. Rows stay in grid order whatever the order of work.
std::vector<std::size_t> work_order(const std::vector<GridPoint>& points) {
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::map<std::string, std::size_t> sla_rank;  // SLA value -> first appearance
    std::vector<std::size_t> rank(points.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        for (const model::Override& o : points[i].settings) {
            if (!o.key.ends_with("latency.sla")) continue;
            rank[i] = sla_rank.emplace(o.value, sla_rank.size()).first->second;
        }
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
    return order;
}

// The options every point is evaluated with: one memo and one task pool for the whole grid.
EvaluateOptions grid_options(const EvaluateOptions& options, const std::vector<model::Workload>& workloads) {
    EvaluateOptions point_options = options;
    // Points whose modes resolve to the same plan share one simulation. Every SLA of the grid
    // is counted in each simulation, so points differing only in the SLA (or in a price, which
    // no plan holds) simulate nothing new.
    if (point_options.simulate && point_options.share_simulations && !point_options.simulate_options.memo) {
        std::vector<double> slas;
        for (const model::Workload& w : workloads) {
            for (const model::UseCase& u : w.use_cases) slas.push_back(u.latency.sla.seconds());
        }
        point_options.simulate_options.memo = std::make_shared<pipeline::SimulationMemo>(std::move(slas));
    }
    // Parallel over simulation tasks, not only over points: each point's replications go to a
    // pool its thread shares with the others, and a thread whose point waits (on its own tasks
    // or on a simulation another point runs) runs pending tasks instead, so a grid with few
    // distinct simulations still uses every thread. No thread beyond the grid's own.
    if (!point_options.simulate_options.pool) {
        point_options.simulate_options.pool = std::make_shared<pipeline::TaskPool>();
    }
    return point_options;
}

/// The grid's shared state while its points are evaluated.
struct GridRun {
    const std::vector<model::Workload>& workloads;
    const std::vector<GridPoint>& points;
    const EvaluateOptions& options;
    std::vector<std::size_t> order;
    std::vector<WhatifRow> rows;
    std::vector<std::exception_ptr> failures;
    std::atomic<std::size_t> next{0};
    // After a failure, only points earlier in grid order still run: the first failing point in
    // grid order is then found whatever the order of work and the thread timing.
    std::atomic<std::size_t> first_failure;
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t done = 0;  // guarded by mutex
    unsigned running = 0;  // guarded by mutex

    GridRun(const std::vector<model::Workload>& w, const std::vector<GridPoint>& p, const EvaluateOptions& o,
            unsigned threads)
        : workloads(w),
          points(p),
          options(o),
          order(work_order(p)),
          rows(p.size()),
          failures(p.size()),
          first_failure(p.size()),
          running(threads) {}

    void evaluate_point(std::size_t i) {
        if (i >= first_failure.load()) return;
        try {
            const Evaluation e = evaluate(workloads[i], options);
            rows[i] = whatif_row(e, points[i].settings);
        } catch (...) {
            failures[i] = std::current_exception();
            std::size_t seen = first_failure.load();
            while (i < seen && !first_failure.compare_exchange_weak(seen, i)) {
            }
        }
    }

    void work() {
        pipeline::TaskPool& pool = *options.simulate_options.pool;
        for (std::size_t position = next++; position < points.size(); position = next++) {
            evaluate_point(order[position]);
            {
                std::lock_guard lock(mutex);
                ++done;
            }
            changed.notify_one();
            pool.notify();  // the threads helping below check whether the grid is done
        }
        // No point left to start: help the points still running until all are done.
        pool.help_until([this] {
            std::lock_guard lock(mutex);
            return done == points.size();
        });
        {
            std::lock_guard lock(mutex);
            --running;
        }
        changed.notify_one();
    }

    // Reports progress from the calling thread until every worker has stopped.
    void report(const std::function<void(std::size_t, std::size_t)>& progress) {
        std::unique_lock lock(mutex);
        std::size_t reported = 0;
        while (true) {
            changed.wait(lock, [&] { return done != reported || running == 0; });
            if (done != reported) {
                reported = done;
                if (progress) {
                    lock.unlock();
                    progress(reported, points.size());
                    lock.lock();
                }
                continue;  // re-check: more may have finished while reporting
            }
            if (running == 0) break;
        }
    }
};

}  // namespace

WhatifRow whatif_row(const Evaluation& evaluation, const std::vector<model::Override>& settings) {
    WhatifRow row;
    row.settings = settings;
    row.recommendation = evaluation.advice.recommendation.architecture;
    std::set<pipeline::Mode> infeasible;  // a mode that cannot run has no cost (spec §8)
    for (const auto& uc : evaluation.use_cases) {
        for (const auto& [mode, c] : uc.costs) row.monthly_cost_usd[mode] += c.monthly_usd.total;
        if (!uc.simulation) continue;
        for (const auto& [mode, r] : uc.simulation->modes)
            if (!r.feasible) infeasible.insert(mode);
        for (const auto& [mode, r] : uc.simulation->modes) {
            auto lag = row.lag_p95_seconds.find(mode);
            if (lag == row.lag_p95_seconds.end()) {
                row.lag_p95_seconds[mode] = r.lag.p95;
                row.sla_attainment[mode] = r.sla_attainment;
            } else {
                lag->second = std::max(lag->second, r.lag.p95);
                row.sla_attainment[mode] = std::min(row.sla_attainment[mode], r.sla_attainment);
            }
        }
    }
    for (pipeline::Mode m : infeasible) row.monthly_cost_usd.erase(m);
    return row;
}

std::vector<WhatifRow> run_whatif(std::string_view workload_text, std::string_view file_name,
                                  const std::vector<GridPoint>& points, const EvaluateOptions& options,
                                  unsigned jobs,
                                  const std::function<void(std::size_t, std::size_t)>& progress,
                                  const std::vector<model::Override>& base_overrides) {
    const std::vector<model::Workload> workloads =
        load_points(workload_text, file_name, points, base_overrides);
    // Capped by the number of points only down to the cores: a thread without a point of its
    // own runs the replications of the others' simulations.
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    const unsigned threads =
        jobs == 0 ? cores
                  : std::min(jobs, static_cast<unsigned>(std::max<std::size_t>(points.size(), cores)));
    const EvaluateOptions point_options = grid_options(options, workloads);

    GridRun run(workloads, points, point_options, threads);
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back([&run] { run.work(); });
    run.report(progress);
    for (auto& t : pool) t.join();
    // The first failing point in grid order decides the error, whatever the thread timing.
    for (const auto& f : run.failures)
        if (f) std::rethrow_exception(f);
    return run.rows;
}

}  // namespace pipeadvise::evaluation
