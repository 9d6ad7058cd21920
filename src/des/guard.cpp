#include "pipeadvise/des/guard.hpp"

#include <cstdio>
#include <string>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::des {
namespace {

// Integers with thousands separators, so a cap reads as 2,000,000,000 and not 2000000000.
std::string grouped(std::uint64_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    const std::size_t lead = digits.size() % 3;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i != 0 && (i - lead) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string fixed(double value, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

}  // namespace

void Guard::fail_events(std::uint64_t events) const {
    throw util::Error(util::Error::Kind::input,
                      m_subject + " stopped: it would process " + grouped(events) +
                          " events, over the cap of " + grouped(m_caps.max_events) +
                          " events per run; set `simulation.granularity: auto` to simulate events in "
                          "groups, or lower `simulation.horizon` or `simulation.replications`");
}

void Guard::fail_time(Ticks now) const {
    const double days = static_cast<double>(now) / 1e9 / 86'400.0;
    const double cap_days = static_cast<double>(m_caps.max_simulated_ticks) / 1e9 / 86'400.0;
    throw util::Error(util::Error::Kind::input,
                      m_subject + " stopped: simulated time reached " + fixed(days, 1) +
                          " days, over the cap of " + fixed(cap_days, 0) +
                          " days per replication; lower `simulation.horizon`, or add capacity "
                          "(`infrastructure.nodes`, `infrastructure.node_throughput`) if a backlog "
                          "keeps the run from draining");
}

void Guard::fail_bytes(std::uint64_t bytes) const {
    const double mib = static_cast<double>(bytes) / 1048576.0;
    const double cap_mib = static_cast<double>(m_caps.max_bytes) / 1048576.0;
    throw util::Error(util::Error::Kind::input,
                      m_subject + " stopped: it would hold " + fixed(mib, 1) +
                          " MiB of simulation state, over the cap of " + fixed(cap_mib, 0) +
                          " MiB; set `simulation.granularity: auto` to simulate events in groups, or "
                          "lower `simulation.horizon` or `data.volume`");
}

}  // namespace pipeadvise::des
