#include "pipeadvise/physics/incidents.hpp"

#include "pipeadvise/util/units.hpp"

namespace pipeadvise::physics {

IncidentResponse incident_response(model::Maturity maturity) {
    switch (maturity) {
        case model::Maturity::low:
            return {60.0 * 60, 120.0 * 60};
        case model::Maturity::medium:
            return {15.0 * 60, 45.0 * 60};
        case model::Maturity::high:
            return {5.0 * 60, 15.0 * 60};
    }
    return {15.0 * 60, 45.0 * 60};
}

double checkpoint_repair_seconds(const IncidentResponse& response, bool runbook) {
    return response.repair_seconds * (runbook ? 1.0 : k_no_runbook_repair_factor);
}

std::int64_t unattended_wait_ns(std::int64_t t_ns) {
    constexpr std::int64_t hour = 3600 * util::k_ns_per_second;
    constexpr std::int64_t day = 24 * hour;
    const std::int64_t tod = t_ns % day;
    const std::int64_t night_start = k_night_start_hour * hour;
    const std::int64_t night_end = k_night_end_hour * hour;
    if (tod >= night_start) return day - tod + night_end;
    if (tod < night_end) return night_end - tod;
    return 0;
}

}  // namespace pipeadvise::physics
