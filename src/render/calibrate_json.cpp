#include <nlohmann/json.hpp>

#include "pipeadvise/render/json.hpp"
#include "pipeadvise/render/sweep.hpp"

namespace pipeadvise::render::detail {

namespace {

using Json = nlohmann::json;
using render::json::round6;

Json number_or_null(const std::optional<double>& v) {
    return v ? Json(round6(*v)) : Json(nullptr);
}

Json estimate_json(const std::optional<cost::Estimate>& e) {
    if (!e) return nullptr;
    return Json{{"value", round6(e->value)}, {"standard_error", number_or_null(e->standard_error)}};
}

Json sample_json(const cost::Sample& s) {
    if (s.count == 0) return nullptr;
    return Json{{"count", s.count},
                {"mean", round6(s.mean)},
                {"standard_error", number_or_null(s.standard_error)},
                {"min", round6(s.min)},
                {"max", round6(s.max)}};
}

Json line_fit_json(const cost::LineFit& f) {
    return Json{{"rows", f.rows},
                {"identified", f.identified},
                {"intercept", f.identified ? estimate_json(f.intercept) : Json(nullptr)},
                {"slope", f.identified ? estimate_json(f.slope) : Json(nullptr)},
                {"r_squared", number_or_null(f.r_squared)},
                {"residual_max", round6(f.residual_max)},
                {"residual_rms", round6(f.residual_rms)}};
}

Json application_json(const ingest::SparkApplication& a) {
    auto opt_int = [](const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(nullptr); };
    Json duration = nullptr, first_task = nullptr;
    if (a.start_ms && a.end_ms) duration = round6(static_cast<double>(*a.end_ms - *a.start_ms) / 1000.0);
    if (a.start_ms && a.first_task_launch_ms)
        first_task = round6(static_cast<double>(*a.first_task_launch_ms - *a.start_ms) / 1000.0);
    return Json{{"id", a.id},
                {"name", a.name},
                {"spark_version", a.spark_version},
                {"start_ms", opt_int(a.start_ms)},
                {"end_ms", opt_int(a.end_ms)},
                {"duration_seconds", duration},
                {"executors", a.executors},
                {"executor_cores", a.executor_cores},
                {"jobs", a.jobs},
                {"stages", a.stages},
                {"tasks", a.tasks},
                {"records_read", a.records_read},
                {"executor_run_seconds", round6(static_cast<double>(a.executor_run_ms) / 1000.0)},
                {"first_task_seconds", first_task}};
}

/// Spec §10's streaming figures, or null without streaming progress.
Json streaming_json(const cost::CalibrationReport& r) {
    if (!r.streaming) return nullptr;
    const auto& s = *r.streaming;
    return Json{{"batches", s.batches},
                {"trigger_overhead_seconds",
                 s.overhead_seconds ? Json(round6(s.overhead_seconds->value)) : Json(nullptr)},
                {"rows_per_second_per_core", number_or_null(s.rows_per_second_per_core)},
                {"state_rows", s.has_state ? Json(s.state_rows) : Json(nullptr)},
                {"state_bytes", s.has_state ? Json(s.state_bytes) : Json(nullptr)}};
}

Json flink_json(const cost::CalibrationReport& r) {
    Json flink = Json::array();
    for (const auto& f : r.flink)
        flink.push_back(
            Json{{"file", f.file},
                 {"completed", f.completed},
                 {"failed", f.failed},
                 {"restored", f.restored},
                 {"duration_seconds", sample_json(f.duration_seconds)},
                 {"state_bytes", sample_json(f.state_bytes)},
                 {"latest_state_bytes", f.latest_state_bytes ? Json(*f.latest_state_bytes) : Json(nullptr)}});
    return flink;
}

Json kafka_json(const cost::CalibrationReport& r) {
    if (!r.kafka) return nullptr;
    Json lags = Json::array();
    for (const auto& l : r.kafka->lags)
        lags.push_back(Json{{"group", l.group},
                            {"topic", l.topic},
                            {"partitions", l.partitions},
                            {"partitions_unknown", l.partitions_unknown},
                            {"lag", l.lag},
                            {"active", l.active}});
    return Json{{"lags", lags},
                {"total_lag", r.kafka->total_lag},
                {"lag_seconds", number_or_null(r.kafka->lag_seconds)}};
}

/// Beyond spec §10's keys: the uncertainty of every figure, Flink, Kafka and the warnings.
Json details_json(const cost::CalibrationReport& r) {
    Json details;
    details["node_throughput"] = estimate_json(r.node_throughput);
    details["job_startup_seconds"] = estimate_json(r.job_startup_seconds);
    details["micro_batch_overhead_seconds"] = estimate_json(r.micro_batch_overhead_seconds);
    details["node_hour_usd"] = estimate_json(r.node_hour_usd);
    details["spark"] = Json{{"stages_with_input", r.spark.stages},
                            {"records_per_core_second", estimate_json(r.spark.records_per_core_second)},
                            {"cores_per_executor", number_or_null(r.spark.cores_per_executor)},
                            {"first_task_seconds", sample_json(r.spark.first_task_seconds)}};
    if (r.streaming) {
        details["streaming"] =
            Json{{"trigger_fit", line_fit_json(r.streaming->trigger)},
                 {"rows_per_second", estimate_json(r.streaming->rows_per_second)},
                 {"cores", number_or_null(r.streaming->cores)},
                 {"empty_batch_seconds", r.streaming->empty_batch_seconds
                                             ? sample_json(*r.streaming->empty_batch_seconds)
                                             : Json(nullptr)},
                 {"non_data_seconds", sample_json(r.streaming->non_data_seconds)}};
    }
    if (r.runs) {
        const auto& c = *r.runs;
        details["runs"] = Json{
            {"duration_fit", line_fit_json(c.duration)},
            {"node_throughput", estimate_json(c.node_throughput)},
            {"job_startup_seconds", estimate_json(c.job_startup_seconds)},
            {"cost_fit", c.cost ? line_fit_json(*c.cost) : Json(nullptr)},
            {"node_hours_cost_fit", c.node_hours_cost ? line_fit_json(*c.node_hours_cost) : Json(nullptr)},
            {"node_hour_usd", estimate_json(c.node_hour_usd)}};
    }
    details["flink"] = flink_json(r);
    details["kafka"] = kafka_json(r);
    details["skipped_events"] = r.skipped_events;
    details["warnings"] = r.warnings;
    return details;
}

}  // namespace

std::string calibration_json(const cost::CalibrationReport& r) {
    Json sources = Json::array();
    for (const auto& s : r.sources) sources.push_back(Json{{"file", s.file}, {"kind", s.kind}});
    Json applications = Json::array();
    for (const auto& a : r.applications) applications.push_back(application_json(a));

    const Json streaming = streaming_json(r);
    const Json fit{
        {"node_throughput", r.node_throughput ? Json(round6(r.node_throughput->value)) : Json(nullptr)},
        {"job_startup_seconds",
         r.job_startup_seconds ? Json(round6(r.job_startup_seconds->value)) : Json(nullptr)},
        {"r_squared", number_or_null(r.r_squared)}};

    Json infrastructure = {
        {"node_throughput", nullptr}, {"job_startup", nullptr}, {"micro_batch_overhead", nullptr}};
    for (const auto& [key, value] : cost::infrastructure_values(r)) infrastructure[key] = value;

    const Json out{{"sources", sources}, {"applications", applications},     {"streaming", streaming},
                   {"fit", fit},         {"infrastructure", infrastructure}, {"details", details_json(r)}};
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace pipeadvise::render::detail
