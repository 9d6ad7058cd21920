#pragma once

#include <cstddef>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeadvise/pipeline/plan.hpp"
#include "pipeadvise/pipeline/result.hpp"
#include "pipeadvise/pipeline/source.hpp"

/// Simulations shared between the calls of pipeline::simulate that would run the same one:
/// the points of a what-if grid and the candidates of the configuration search. A simulated
/// mode is a pure function of its resolved Plan (after sizing) and the mode, so the memo is
/// keyed by exactly those bytes; a hit returns the very ModeResult a fresh run would merge.
namespace pipeadvise::pipeline {

class SimulationMemo {
public:
    /// Largest recorded source kept (entities of one replication; an Entity is 56 bytes).
    static constexpr std::int64_t k_max_shared_arrivals = 200'000;
    /// Entities of recorded arrivals kept by default over all sources of one memo (about 56 MB).
    static constexpr std::int64_t k_max_shared_arrival_total = 1'000'000;

    /// `slas` (seconds): SLAs whose attainment every simulation of the memo also counts, so a
    /// plan whose SLA is one of them shares its simulation with the plans differing only in
    /// the SLA (the SLA changes no simulated event, only which lags are counted as met). A
    /// plan with another SLA keeps its SLA in its key.
    /// `arrival_capacity`: entities of recorded arrivals kept at once (see arrivals()).
    explicit SimulationMemo(std::vector<double> slas = {},
                            std::int64_t arrival_capacity = k_max_shared_arrival_total);

    /// What one simulated mode leaves in the memo: the merged result and its attainment for
    /// each SLA counted.
    struct Entry {
        ModeResult result;
        std::vector<std::pair<double, double>> attainment_by_sla;  ///< (SLA seconds, share)
    };
    using Future = std::shared_future<std::shared_ptr<const Entry>>;

    /// The canonical key of `plan` simulated in `mode` (every Plan field, as bytes; the SLA
    /// left out when the memo counts it).
    std::string key(const Plan& plan, Mode mode) const;
    /// Either the simulation of `key`, finished or in flight (first), or, when nobody has
    /// claimed it, a promise the caller must fulfil (second, first is then empty).
    std::pair<std::optional<Future>, std::shared_ptr<std::promise<std::shared_ptr<const Entry>>>> claim(
        const std::string& key);
    /// SLAs counted by every simulation of the memo (sorted, distinct).
    const std::vector<double>& slas() const { return m_slas; }
    /// Whether `sla_seconds` is counted (and so left out of keys).
    bool counts(double sla_seconds) const;
    /// The arrivals of `plan`'s source in replication `replication` (random stream
    /// (seed, 2 · replication), the same for every mode), recorded once and shared by every
    /// mode and plan of the memo with the same arrival_key; nullptr when the plan is too large
    /// to keep (more than k_max_shared_arrivals entities), and the caller generates them as it
    /// reads. The memo keeps at most k_max_shared_arrival_total entities, dropping the least
    /// recently used recordings first (their readers keep them until done).
    std::shared_ptr<const ArrivalLog> arrivals(const Plan& plan, std::int64_t replication);
    /// Entities of recorded arrivals the memo holds now.
    std::int64_t arrival_entities() const;
    /// Simulated modes computed / answered from the memo so far.
    std::size_t misses() const;
    std::size_t hits() const;

private:
    using ArrivalFuture = std::shared_future<std::shared_ptr<const ArrivalLog>>;
    struct Recording {
        ArrivalFuture log;
        std::int64_t entities = 0;
        std::uint64_t last_use = 0;
    };
    std::map<std::string, Recording> m_arrivals;
    std::int64_t m_arrival_capacity;
    std::int64_t m_arrival_entities = 0;
    std::uint64_t m_arrival_clock = 0;
    std::vector<double> m_slas;
    mutable std::mutex m_mutex;
    std::map<std::string, Future> m_entries;
    std::size_t m_hits = 0;
};

}  // namespace pipeadvise::pipeline
