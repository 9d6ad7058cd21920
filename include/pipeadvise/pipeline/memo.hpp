#pragma once

#include <cstddef>
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

/// Simulations shared between the calls of pipeline::simulate that would run the same one:
/// the points of a what-if grid and the candidates of the configuration search. A simulated
/// mode is a pure function of its resolved Plan (after sizing) and the mode, so the memo is
/// keyed by exactly those bytes; a hit returns the very ModeResult a fresh run would merge.
namespace pipeadvise::pipeline {

class SimulationMemo {
public:
    /// `slas` (seconds): SLAs whose attainment every simulation of the memo also counts, so a
    /// plan whose SLA is one of them shares its simulation with the plans differing only in
    /// the SLA (the SLA changes no simulated event, only which lags are counted as met). A
    /// plan with another SLA keeps its SLA in its key.
    explicit SimulationMemo(std::vector<double> slas = {});

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
    /// Simulated modes computed / answered from the memo so far.
    std::size_t misses() const;
    std::size_t hits() const;

private:
    std::vector<double> m_slas;
    mutable std::mutex m_mutex;
    std::map<std::string, Future> m_entries;
    std::size_t m_hits = 0;
};

}  // namespace pipeadvise::pipeline
