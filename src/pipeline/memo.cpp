#include "pipeadvise/pipeline/memo.hpp"

#include <algorithm>
#include <cstring>
#include <type_traits>

namespace pipeadvise::pipeline {

namespace {

// The key lists every Plan field below. A field added to Plan must be added here too, or two
// plans differing only in it would share a simulation: on the platform CI builds on, a
// changed Plan size stops the build until this list has been checked.
#if defined(__x86_64__) && defined(__GLIBCXX__)
static_assert(sizeof(Plan) == 616, "Plan changed: add the new field to SimulationMemo::key");
#endif

template <class T>
void put(std::string& out, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

void put(std::string& out, bool value) {
    out.push_back(value ? '\1' : '\0');
}

void put(std::string& out, const std::vector<double>& values) {
    put(out, values.size());
    for (double v : values) put(out, v);
}

void put(std::string& out, const des::LognormalParams& p) {
    put(out, p.mu);
    put(out, p.sigma);
}

// The arrival process, its rate and shape and its lateness: in both the memo key and arrival_key.
void put_arrival_process(std::string& k, const Plan& p) {
    put(k, p.arrivals);
    put(k, p.rate);
    put(k, p.diurnal_base);
    put(k, p.diurnal_scale);
    put(k, p.diurnal_power);
    put(k, p.peak_to_mean);
    put(k, p.shape_table);
    put(k, p.late_fraction);
    put(k, p.lateness);
    put(k, p.late_p99_seconds);
}

// The plan's bytes, in groups; every field of Plan is in exactly one of them.
void put_time_and_source(std::string& k, const Plan& p) {
    // Time.
    put(k, p.horizon);
    put(k, p.horizon_seconds);
    put(k, p.seed);
    put(k, p.replications);
    // Source.
    put_arrival_process(k, p);
}

void put_service_and_infrastructure(std::string& k, const Plan& p) {
    // Service.
    put(k, p.service);
    put(k, p.node_throughput);
    put(k, p.service_cv2);
    put(k, p.arrival_cv2);
    put(k, p.nodes);
    put(k, p.capacity);
    // Grouping.
    put(k, p.grouped);
    put(k, p.slot);
    put(k, p.expected_entities);
    // Infrastructure.
    put(k, p.retention);
    put(k, p.checkpoint_interval);
    put(k, p.batch_schedule);
    put(k, p.job_startup);
    put(k, p.trigger);
    put(k, p.micro_batch_overhead);
    put(k, p.batch_rescan_seconds);
    put(k, p.node_memory_bytes);
    put(k, p.memory_state_store);
    put(k, p.batch_source);
}

void put_stage_latencies(std::string& k, const Plan& p) {
    // Fixed stage latencies.
    put(k, p.fixed_latencies);
    put(k, p.engine);
    put(k, p.log_hop);
    put(k, p.flink_flush_seconds);
    put(k, p.transactional_sink);
    put(k, p.sink_write_seconds);
    put(k, p.event_bytes);
    put(k, p.checkpoint_bytes);
    put(k, p.checkpoint_duration);
    put(k, p.auto_detect);
    put(k, p.spark_auto_detect);
    put(k, p.restart_delay);
}

void put_state_and_failures(std::string& k, const Plan& p) {
    // State.
    put(k, p.stateful);
    put(k, p.emit);
    put(k, p.window);
    put(k, p.watermark);
    put(k, p.state_bytes);
    put(k, p.state_horizon);
    put(k, p.restore);
    put(k, p.oom);
    put(k, p.oom_first);
    // Failures.
    put(k, p.failures);
    put(k, p.node_failure_rate);
    put(k, p.bad_deploy_rate);
    put(k, p.corruption_probability);
    put(k, p.response.detect_seconds);
    put(k, p.response.repair_seconds);
    put(k, p.on_call);
    put(k, p.runbook);
    put(k, p.drills.size());
    for (const DrillPlan& d : p.drills) {
        put(k, d.at);
        put(k, d.outage);
    }
}

}  // namespace

SimulationMemo::SimulationMemo(std::vector<double> slas, std::int64_t arrival_capacity)
    : m_arrival_capacity(arrival_capacity), m_slas(std::move(slas)) {
    std::sort(m_slas.begin(), m_slas.end());
    m_slas.erase(std::unique(m_slas.begin(), m_slas.end()), m_slas.end());
}

bool SimulationMemo::counts(double sla_seconds) const {
    return std::binary_search(m_slas.begin(), m_slas.end(), sla_seconds);
}

std::string SimulationMemo::key(const Plan& p, Mode mode) const {
    std::string k;
    k.reserve(1024 + 8 * (p.shape_table.size() + p.wait_by_utilisation.size() +
                          p.wait_probability_by_utilisation.size()));
    put(k, mode);
    put_time_and_source(k, p);
    put_service_and_infrastructure(k, p);
    put_stage_latencies(k, p);
    put_state_and_failures(k, p);
    // Reporting. The SLA decides only which lags count as met: it is left out when the memo
    // counts it for every simulation (Plan::extra_slas), and kept otherwise.
    put(k, counts(p.sla_seconds));
    if (!counts(p.sla_seconds)) put(k, p.sla_seconds);
    put(k, p.trace);
    put(k, p.trace_interval);
    put(k, p.measure_number_in_system);
    put(k, p.wait_by_utilisation);
    put(k, p.wait_probability_by_utilisation);
    return k;
}

std::string arrival_key(const Plan& p) {
    // What Source reads: time, seed, the arrival process and its rate and shape, lateness,
    // grouping.
    std::string k;
    k.reserve(256 + 8 * p.shape_table.size());
    put(k, p.horizon);
    put(k, p.seed);
    put_arrival_process(k, p);
    put(k, p.grouped);
    put(k, p.slot);
    return k;
}

std::shared_ptr<const ArrivalLog> SimulationMemo::arrivals(const Plan& plan, std::int64_t replication) {
    if (plan.expected_entities > std::min(k_max_shared_arrivals, m_arrival_capacity)) return nullptr;
    std::string key = arrival_key(plan);
    put(key, replication);
    std::promise<std::shared_ptr<const ArrivalLog>> promise;
    std::optional<ArrivalFuture> recorded;
    {
        std::lock_guard lock(m_mutex);
        if (auto it = m_arrivals.find(key); it != m_arrivals.end()) {
            it->second.last_use = ++m_arrival_clock;
            recorded = it->second.log;
        } else {
            while (!m_arrivals.empty() && m_arrival_entities + plan.expected_entities > m_arrival_capacity) {
                auto oldest = std::min_element(
                    m_arrivals.begin(), m_arrivals.end(),
                    [](const auto& a, const auto& b) { return a.second.last_use < b.second.last_use; });
                m_arrival_entities -= oldest->second.entities;
                m_arrivals.erase(oldest);
            }
            m_arrival_entities += plan.expected_entities;
            m_arrivals.emplace(
                key, Recording{promise.get_future().share(), plan.expected_entities, ++m_arrival_clock});
        }
    }
    if (recorded) return recorded->get();
    // Recorded outside the lock; another thread wanting the same one waits on the future (the
    // recording waits on nothing, so this cannot deadlock).
    try {
        des::Rng rng(plan.seed, 2 * static_cast<std::uint64_t>(replication));
        auto log = std::make_shared<const ArrivalLog>(record_arrivals(plan, rng));
        promise.set_value(log);
        return log;
    } catch (...) {
        promise.set_exception(std::current_exception());
        throw;
    }
}

std::pair<std::optional<SimulationMemo::Future>,
          std::shared_ptr<std::promise<std::shared_ptr<const SimulationMemo::Entry>>>>
SimulationMemo::claim(const std::string& key) {
    std::lock_guard lock(m_mutex);
    if (auto it = m_entries.find(key); it != m_entries.end()) {
        ++m_hits;
        return {it->second, nullptr};
    }
    auto promise = std::make_shared<std::promise<std::shared_ptr<const Entry>>>();
    m_entries.emplace(key, promise->get_future().share());
    return {std::nullopt, std::move(promise)};
}

std::int64_t SimulationMemo::arrival_entities() const {
    std::lock_guard lock(m_mutex);
    return m_arrival_entities;
}

std::size_t SimulationMemo::misses() const {
    std::lock_guard lock(m_mutex);
    return m_entries.size();
}

std::size_t SimulationMemo::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

}  // namespace pipeadvise::pipeline
