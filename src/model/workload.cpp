#include "pipeadvise/model/workload.hpp"

namespace pipeadvise::model {

std::string_view to_string(Architecture v) {
    switch (v) {
        case Architecture::batch:
            return "batch";
        case Architecture::micro_batch:
            return "micro_batch";
        case Architecture::simple_streaming:
            return "simple_streaming";
        case Architecture::full_streaming:
            return "full_streaming";
        case Architecture::hybrid:
            return "hybrid";
    }
    return "unknown";
}

std::string_view to_string(ComputationKind v) {
    switch (v) {
        case ComputationKind::stateless:
            return "stateless";
        case ComputationKind::enrichment:
            return "enrichment";
        case ComputationKind::windowed_aggregation:
            return "windowed_aggregation";
        case ComputationKind::sessionization:
            return "sessionization";
        case ComputationKind::stream_join:
            return "stream_join";
        case ComputationKind::full_history:
            return "full_history";
    }
    return "unknown";
}

std::string_view to_string(EmitMode v) {
    switch (v) {
        case EmitMode::window_end:
            return "window_end";
        case EmitMode::on_update:
            return "on_update";
    }
    return "unknown";
}

std::string_view to_string(Maturity v) {
    switch (v) {
        case Maturity::low:
            return "low";
        case Maturity::medium:
            return "medium";
        case Maturity::high:
            return "high";
    }
    return "unknown";
}

std::string_view to_string(StateStore v) {
    switch (v) {
        case StateStore::memory:
            return "memory";
        case StateStore::rocksdb:
            return "rocksdb";
    }
    return "unknown";
}

std::string_view to_string(CheckpointLocation v) {
    switch (v) {
        case CheckpointLocation::durable:
            return "durable";
        case CheckpointLocation::local:
            return "local";
    }
    return "unknown";
}

std::string_view to_string(Sink v) {
    switch (v) {
        case Sink::delta:
            return "delta";
        case Sink::warehouse:
            return "warehouse";
        case Sink::database:
            return "database";
        case Sink::cache:
            return "cache";
    }
    return "unknown";
}

std::string_view to_string(ArrivalProcess v) {
    switch (v) {
        case ArrivalProcess::constant:
            return "constant";
        case ArrivalProcess::poisson:
            return "poisson";
        case ArrivalProcess::diurnal:
            return "diurnal";
    }
    return "unknown";
}

std::string_view to_string(ServiceDistribution v) {
    switch (v) {
        case ServiceDistribution::deterministic:
            return "deterministic";
        case ServiceDistribution::exponential:
            return "exponential";
        case ServiceDistribution::lognormal:
            return "lognormal";
    }
    return "unknown";
}

std::string_view to_string(Granularity v) {
    switch (v) {
        case Granularity::automatic:
            return "auto";
        case Granularity::event:
            return "event";
    }
    return "unknown";
}

std::string_view to_string(Engine v) {
    switch (v) {
        case Engine::flink:
            return "flink";
        case Engine::spark:
            return "spark";
        case Engine::kafka_streams:
            return "kafka_streams";
    }
    return "unknown";
}

std::string_view to_string(Delivery v) {
    switch (v) {
        case Delivery::at_least_once:
            return "at_least_once";
        case Delivery::exactly_once:
            return "exactly_once";
    }
    return "unknown";
}

std::string_view to_string(BatchSource v) {
    switch (v) {
        case BatchSource::lake:
            return "lake";
        case BatchSource::log:
            return "log";
    }
    return "unknown";
}

namespace {

/// `path` without its last component ("a.b[2]" -> "a.b", "a.b" -> "a", "a" -> "").
std::string_view parent_of(std::string_view path) {
    if (path.empty()) return path;
    if (path.back() == ']') {
        auto open = path.rfind('[');
        return open == std::string_view::npos ? std::string_view{} : path.substr(0, open);
    }
    auto dot = path.rfind('.');
    auto open = path.rfind('[');
    if (dot == std::string_view::npos) return {};
    if (open != std::string_view::npos && open > dot) return path.substr(0, open);
    return path.substr(0, dot);
}

}  // namespace

util::Location Workload::location_of(std::string_view path) const {
    for (std::string_view p = path; !p.empty(); p = parent_of(p)) {
        auto it = locations.find(std::string(p));
        if (it != locations.end()) return it->second;
    }
    return util::Location{file, 1, 1};
}

bool Workload::states(std::string_view path) const {
    return locations.count(std::string(path)) > 0;
}

util::Diagnostic Workload::diagnostic_at(std::string_view path, std::string message) const {
    for (std::string_view p = path; !p.empty(); p = parent_of(p)) {
        if (auto it = origins.find(std::string(p)); it != origins.end())
            return util::Diagnostic{util::Location{file, 0, 0}, it->second + ": " + message};
        if (auto it = locations.find(std::string(p)); it != locations.end())
            return util::Diagnostic{it->second, std::move(message)};
    }
    return util::Diagnostic{util::Location{file, 1, 1}, std::move(message)};
}

Workload with_overrides(const Workload& workload, const UseCase& use_case) {
    Workload out = workload;
    if (use_case.batch_schedule) {
        out.infrastructure.batch_schedule = *use_case.batch_schedule;
        out.infrastructure.batch_schedule_auto = false;
    }
    if (use_case.micro_batch_trigger) {
        out.infrastructure.micro_batch_trigger = *use_case.micro_batch_trigger;
        out.infrastructure.micro_batch_trigger_auto = false;
    }
    if (use_case.watermark) out.proposal.watermark = use_case.watermark;
    return out;
}

}  // namespace pipeadvise::model
