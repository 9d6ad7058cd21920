#include "pipeadvise/evaluation/whatif.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <exception>
#include <mutex>
#include <numeric>
#include <set>
#include <thread>

#include "pipeadvise/pipeline/memo.hpp"
#include "pipeadvise/pipeline/task_pool.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::evaluation {

namespace {

// Grids larger than this are refused: a typo in a value list should not start a week of work.
constexpr std::size_t k_max_grid_points = 100'000;

[[noreturn]] void usage(std::string message) {
    throw util::Error(util::Error::Kind::usage, std::move(message));
}

std::optional<std::size_t> parse_count(std::string_view text) {
    std::size_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end || text.empty()) return std::nullopt;
    return value;
}

}  // namespace

std::vector<GridPoint> expand_grid(const std::vector<SweepDimension>& dimensions) {
    std::size_t total = 1;
    for (const auto& d : dimensions) {
        if (d.values.empty()) usage("--set " + d.key + " has no values");
        if (total > k_max_grid_points / d.values.size()) {
            usage("the sweep has more than " + std::to_string(k_max_grid_points) +
                  " grid points; split it with fewer values per --set");
        }
        total *= d.values.size();
    }
    std::vector<GridPoint> grid;
    grid.reserve(total);
    std::vector<std::size_t> digit(dimensions.size(), 0);
    for (std::size_t index = 0; index < total; ++index) {
        GridPoint p;
        p.index = index;
        for (std::size_t d = 0; d < dimensions.size(); ++d) {
            p.settings.push_back(model::Override{dimensions[d].key, dimensions[d].values[digit[d]]});
        }
        grid.push_back(std::move(p));
        // Row-major: the last dimension moves fastest.
        for (std::size_t d = dimensions.size(); d-- > 0;) {
            if (++digit[d] < dimensions[d].values.size()) break;
            digit[d] = 0;
        }
    }
    return grid;
}

std::vector<GridPoint> shard_grid(const std::vector<GridPoint>& grid, std::size_t shard, std::size_t shards) {
    if (shards == 0 || shard == 0 || shard > shards) {
        usage("--shard must be I/N with 1 <= I <= N, got " + std::to_string(shard) + "/" +
              std::to_string(shards));
    }
    // Contiguous slices: shard I gets positions [floor((I-1)·n/N), floor(I·n/N)), so the
    // slices partition the grid and their sizes differ by at most one.
    const std::size_t n = grid.size();
    const std::size_t begin = (shard - 1) * n / shards;
    const std::size_t end = shard * n / shards;
    return {grid.begin() + static_cast<std::ptrdiff_t>(begin),
            grid.begin() + static_cast<std::ptrdiff_t>(end)};
}

std::pair<std::size_t, std::size_t> parse_shard(std::string_view text) {
    const auto slash = text.find('/');
    const auto bad = [&] {
        usage("--shard expects I/N with 1 <= I <= N (e.g. 2/4), got '" + std::string(text) + "'");
    };
    if (slash == std::string_view::npos) bad();
    const auto i = parse_count(text.substr(0, slash));
    const auto n = parse_count(text.substr(slash + 1));
    if (!i || !n || *n == 0 || *i == 0 || *i > *n) bad();
    return {*i, *n};
}

SweepDimension parse_dimension(std::string_view text) {
    const auto eq = text.find('=');
    if (eq == std::string_view::npos || eq == 0) {
        usage("--set expects KEY=V1,V2,..., got '" + std::string(text) + "'");
    }
    SweepDimension d;
    d.key = std::string(text.substr(0, eq));
    std::string_view rest = text.substr(eq + 1);
    while (true) {
        const auto comma = rest.find(',');
        std::string value(rest.substr(0, comma));
        if (value.empty()) usage("--set " + d.key + ": empty value in '" + std::string(text) + "'");
        if (std::find(d.values.begin(), d.values.end(), value) != d.values.end()) {
            usage("--set " + d.key + ": value '" + value + "' is listed twice");
        }
        d.values.push_back(std::move(value));
        if (comma == std::string_view::npos) break;
        rest = rest.substr(comma + 1);
    }
    return d;
}

std::vector<SweepDimension> parse_dimensions(const std::vector<std::string>& texts) {
    std::vector<SweepDimension> dimensions;
    std::set<std::string> keys;
    for (const auto& text : texts) {
        SweepDimension d = parse_dimension(text);
        if (!keys.insert(d.key).second) {
            usage("--set " + d.key + " is given twice; list all its values in one --set " + d.key +
                  "=V1,V2,...");
        }
        dimensions.push_back(std::move(d));
    }
    return dimensions;
}

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

namespace {

/// Loads every point first: input errors surface before minutes of simulation.
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

/// The options each point is evaluated with: one memo and one task pool for the whole grid.
EvaluateOptions point_options_for(const EvaluateOptions& options,
                                  const std::vector<model::Workload>& workloads) {
    EvaluateOptions point_options = options;
    // Parallel over simulation tasks, not only over points: each point's replications go to a
    // pool its thread shares with the others, and a thread whose point waits (on its own tasks
    // or on a simulation another point runs) runs pending tasks instead, so a grid with few
    // distinct simulations still uses every thread. No thread beyond the grid's own.
    if (!point_options.simulate_options.pool) {
        point_options.simulate_options.pool = std::make_shared<pipeline::TaskPool>();
    }
    // One memo for the whole grid: points whose modes resolve to the same plan share one
    // simulation. Every SLA of the grid is counted in each simulation, so points differing
    // only in the SLA (or in a price, which no plan holds) simulate nothing new.
    if (point_options.simulate && point_options.share_simulations && !point_options.simulate_options.memo) {
        std::vector<double> slas;
        for (const model::Workload& w : workloads) {
            for (const model::UseCase& u : w.use_cases) slas.push_back(u.latency.sla.seconds());
        }
        point_options.simulate_options.memo = std::make_shared<pipeline::SimulationMemo>(std::move(slas));
    }
    return point_options;
}

/// Points are handed out with the SLA moving fastest: points that differ only in the SLA share
/// their simulations, and points that differ only in the SLA or the cluster share their
/// source's recorded arrivals (SimulationMemo::arrivals), so the recordings in use at any time
/// are those of a few neighbouring points. A thread whose point waits on a simulation another
/// point runs helps run it (pipeline::TaskPool). Rows stay in grid order whatever the order of
/// work.
std::vector<std::size_t> sla_fastest_order(const std::vector<GridPoint>& points) {
    std::vector<std::size_t> order(points.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::map<std::string, std::size_t> rest_rank;  // settings other than the SLA -> first appearance
    std::vector<std::size_t> rank(points.size(), 0);
    for (std::size_t i = 0; i < points.size(); ++i) {
        std::string rest;
        for (const model::Override& o : points[i].settings) {
            if (o.key.ends_with("latency.sla")) continue;
            rest += o.key;
            rest += '\0';
            rest += o.value;
            rest += '\0';
        }
        rank[i] = rest_rank.emplace(rest, rest_rank.size()).first->second;
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return rank[a] < rank[b]; });
    return order;
}

/// Evaluates the points on a pool of threads, reporting progress from the calling thread.
class PointPool {
public:
    PointPool(const std::vector<GridPoint>& points, const std::vector<model::Workload>& workloads,
              const EvaluateOptions& options, unsigned threads)
        : m_points(points),
          m_workloads(workloads),
          m_options(options),
          m_threads(threads),
          m_order(sla_fastest_order(points)),
          m_rows(points.size()),
          m_failures(points.size()),
          m_running(threads),
          m_first_failure(points.size()) {}

    std::vector<WhatifRow> run(const std::function<void(std::size_t, std::size_t)>& progress) {
        std::vector<std::thread> pool;
        for (unsigned t = 0; t < m_threads; ++t) pool.emplace_back([this] { work(); });
        report(progress);
        for (auto& t : pool) t.join();
        // The first failing point in grid order decides the error, whatever the thread timing.
        for (const auto& f : m_failures)
            if (f) std::rethrow_exception(f);
        return std::move(m_rows);
    }

private:
    const std::vector<GridPoint>& m_points;
    const std::vector<model::Workload>& m_workloads;
    const EvaluateOptions& m_options;
    const unsigned m_threads;
    const std::vector<std::size_t> m_order;
    std::vector<WhatifRow> m_rows;
    std::vector<std::exception_ptr> m_failures;
    std::atomic<std::size_t> m_next{0};
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_done = 0;
    unsigned m_running;
    // After a failure, only points earlier in grid order still run: the first failing point in
    // grid order is then found whatever the order of work and the thread timing.
    std::atomic<std::size_t> m_first_failure;

    void evaluate_point(std::size_t i) {
        try {
            const Evaluation e = evaluate(m_workloads[i], m_options);
            m_rows[i] = whatif_row(e, m_points[i].settings);
        } catch (...) {
            m_failures[i] = std::current_exception();
            std::size_t seen = m_first_failure.load();
            while (i < seen && !m_first_failure.compare_exchange_weak(seen, i)) {
            }
        }
    }

    void work() {
        while (true) {
            const std::size_t position = m_next.fetch_add(1);
            if (position >= m_points.size()) break;
            const std::size_t i = m_order[position];
            if (i < m_first_failure.load()) evaluate_point(i);
            {
                std::lock_guard lock(m_mutex);
                ++m_done;
            }
            m_changed.notify_one();
            m_options.simulate_options.pool->notify();  // for the threads helping below
        }
        // No point left to start: help the points still running until all are done.
        m_options.simulate_options.pool->help_until([this] {
            std::lock_guard lock(m_mutex);
            return m_done == m_points.size();
        });
        {
            std::lock_guard lock(m_mutex);
            --m_running;
        }
        m_changed.notify_one();
    }

    void report(const std::function<void(std::size_t, std::size_t)>& progress) {
        std::unique_lock lock(m_mutex);
        std::size_t reported = 0;
        while (true) {
            m_changed.wait(lock, [&] { return m_done != reported || m_running == 0; });
            if (m_done != reported) {
                reported = m_done;
                if (progress) {
                    lock.unlock();
                    progress(reported, m_points.size());
                    lock.lock();
                }
                continue;  // re-check: more may have finished while reporting
            }
            if (m_running == 0) break;
        }
    }
};

}  // namespace

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
    const EvaluateOptions point_options = point_options_for(options, workloads);
    PointPool pool(points, workloads, point_options, threads);
    return pool.run(progress);
}

}  // namespace pipeadvise::evaluation
