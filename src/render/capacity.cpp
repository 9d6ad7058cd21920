#include "pipeadvise/render/capacity.hpp"

#include <cmath>
#include <cstdio>

#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render {

namespace {

std::string count(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string share(double s) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.0f %%", s * 100.0);
    return buf;
}

// Events/s as operators read a rate ("23.1k/s"), never folded into a per-day figure.
std::string per_second(double v) {
    char buf[32];
    if (v >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.3gM/s", v / 1e6);
    } else if (v >= 1e3) {
        std::snprintf(buf, sizeof buf, "%.3gk/s", v / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.3g/s", v);
    }
    return buf;
}

std::string events(double v) {
    char buf[32];
    if (v >= 1e9) {
        std::snprintf(buf, sizeof buf, "%.3gG", v / 1e9);
    } else if (v >= 1e6) {
        std::snprintf(buf, sizeof buf, "%.3gM", v / 1e6);
    } else if (v >= 1e3) {
        std::snprintf(buf, sizeof buf, "%.3gk", v / 1e3);
    } else {
        std::snprintf(buf, sizeof buf, "%.0f", v);
    }
    return buf;
}

std::string mb_per_second(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, v < 10.0 ? "%.2f MB/s" : "%.1f MB/s", v);
    return buf;
}

}  // namespace

std::string nodes_explanation(const model::NodeSizing& s) {
    const std::string nodes = count(s.nodes, "node", "nodes");
    switch (s.rule) {
        case model::NodeRule::stated:
            return nodes + " (stated in infrastructure.nodes)";
        case model::NodeRule::peak_rate:
            return nodes + ": " + per_second(s.peak_rate) + " peak at " + share(s.target_utilisation) +
                   " of " + per_second(s.per_node_rate) + " per node";
        case model::NodeRule::state_memory:
            return nodes + ": " + util::format_size(static_cast<std::int64_t>(std::llround(s.state_bytes))) +
                   " of in-memory state at " +
                   util::format_size(static_cast<std::int64_t>(std::llround(s.node_memory_bytes))) +
                   " per node";
        case model::NodeRule::batch_run:
            return nodes + ": a run of " + events(s.events_per_run) + " events finishes within " +
                   util::format_seconds(s.run_budget_seconds) + " at " + per_second(s.per_node_rate) +
                   " per node";
        case model::NodeRule::minimum:
            if (s.events_per_run > 0.0 || s.run_budget_seconds > 0.0) {
                return nodes + ": a run of " + events(s.events_per_run) + " events fits within " +
                       util::format_seconds(s.run_budget_seconds) + " on one node";
            }
            return nodes + ": the minimum of an always-on cluster (" + per_second(s.peak_rate) +
                   " peak needs less)";
    }
    return nodes;
}

std::string brokers_explanation(const model::BrokerSizing& b) {
    const std::string brokers = count(b.brokers, "broker", "brokers");
    if (b.stated) return brokers + " (stated in infrastructure.brokers)";
    const double needed = b.peak_mb_per_second * model::k_log_replication_factor / b.per_broker_mb_per_second;
    return brokers + ": " + mb_per_second(b.peak_mb_per_second) + " peak x " +
           util::format_number(model::k_log_replication_factor) + " replicas at " +
           mb_per_second(b.per_broker_mb_per_second) + " per broker" +
           (needed < model::k_min_brokers ? " (minimum " + std::to_string(model::k_min_brokers) + ")" : "");
}

std::string cluster_summary(const pipeline::ModeResult& r) {
    std::string out = count(r.nodes.nodes, "node", "nodes");
    if (r.brokers) out += ", " + count(r.brokers->brokers, "broker", "brokers");
    return out;
}

namespace {

std::string names(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i > 0 ? ", " : "") + v[i];
    return out;
}

std::string parts(const cost::CostBreakdown& c) {
    return "compute " + util::format_money(c.compute) + " + infrastructure " +
           util::format_money(c.infrastructure) + " + storage " + util::format_money(c.storage) +
           " + engineering " + util::format_money(c.engineering) + " = " + util::format_money(c.total) +
           " a month";
}

std::string times(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1fx", x);
    return buf;
}

}  // namespace

std::vector<std::string> platform_lines(const evaluation::PlatformCost& p) {
    std::vector<std::string> out;
    if (p.continuous_mode) {
        out.push_back("always-on layer (" + std::string(pipeline::to_string(*p.continuous_mode)) + "): " +
                      names(p.continuous) + " on one cluster of " + nodes_explanation(p.continuous_nodes));
        out.push_back("ingestion log: " + brokers_explanation(p.log) + "; " + std::to_string(p.log_streams) +
                      (p.log_streams == 1 ? " stream" : " streams") + ", retention counted once");
    }
    if (!p.periodic.empty()) {
        char hours[32];
        std::snprintf(hours, sizeof hours, "%.0f", p.batch_node_hours_per_month);
        out.push_back("batch layer: " + names(p.periodic) + ", " + hours + " node-hours a month of runs");
    }
    out.push_back("platform: " + parts(p.monthly_usd));
    out.push_back("all-batch platform: " + parts(p.all_batch_monthly_usd));
    if (!p.feasible) {
        out.push_back("infeasible as configured: " + p.infeasible_because);
    } else if (p.multiplier_vs_all_batch) {
        out.push_back("the platform costs " + times(*p.multiplier_vs_all_batch) + " an all-batch platform");
    } else {
        out.push_back("no multiplier: the all-batch platform cannot run as configured");
    }
    return out;
}

}  // namespace pipeadvise::render
