#include "pipeadvise/model/limits.hpp"

#include <array>

#include "pipeadvise/util/unit_limits.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::model {

namespace {

constexpr double k_ms = 1e6;
constexpr double k_s = 1e9;
constexpr double k_min = 60 * k_s;
constexpr double k_day = 86400 * k_s;
constexpr double k_year = 365 * k_day;

struct Entry {
    std::string_view key;
    KeyLimits limits;
};

// Durations: 10 years is the simulator's horizon cap and past any retention or history a
// team plans; failure intervals may be longer (a node that fails once a century). Lower
// bounds only where a tiny value would drive a simulation loop once per interval.
constexpr std::array<Entry, 7> k_durations{{
    {"batch_schedule", {1 * k_s, 10 * k_year, "12h"}},
    {"micro_batch_trigger", {10 * k_ms, 10 * k_year, "2m"}},
    {"checkpoint_interval", {10 * k_ms, 10 * k_year, "1m"}},
    {"node_mtbf", {1 * k_min, 100 * k_year, "30d"}},
    {"bad_deploy_every", {1 * k_min, 100 * k_year, "30d"}},
    {"horizon", {1 * k_s, 10 * k_year, "7d"}},
    {"sla", {1 * k_ms, 10 * k_year, "30s"}},
}};
constexpr KeyLimits k_default_duration{1, 10 * k_year, "30s"};

// Sizes: 1 PiB is past any state store or node; one event over 1 GiB is no event stream.
constexpr std::array<Entry, 3> k_sizes{{
    {"event_size", {1, double(1LL << 30), "1KiB"}},
    {"state_size", {1, double(util::k_max_size_bytes), "20GiB"}},
    {"node_memory", {double(1LL << 20), double(util::k_max_size_bytes), "64GiB"}},
}};
constexpr KeyLimits k_default_size{1, double(util::k_max_size_bytes), "1KiB"};

// Rates: a trillion events a second is past every published pipeline benchmark by orders of
// magnitude; the parsers' own bound is 1e15.
constexpr KeyLimits k_default_rate{0, 1e12, "10M/day"};
constexpr std::array<Entry, 2> k_rates{{
    {"volume", {0, 1e12, "10M/day"}},
    {"node_throughput", {0, 1e12, "5k/s"}},
}};

// Plain numbers, whole numbers and text: the defaults of workload.hpp where there is one (a
// value the model already uses), else a value from the scenarios.
struct Example {
    std::string_view key;
    std::string_view example;
};
constexpr std::array<Example, 19> k_examples{{
    {"replications", "10"},
    {"seed", "1"},
    {"version", "1"},
    {"nodes", "10"},
    {"brokers", "3"},
    {"peak_to_mean", "3"},
    {"target_utilisation", "0.7"},
    {"attainment_target", "0.99"},
    {"fraction", "0.02"},
    {"checkpoint_corruption_probability", "0.01"},
    {"engineering_hours_batch", "12"},
    {"engineering_hours_micro_batch", "24"},
    {"engineering_hours_streaming", "30"},
    {"engineering_hours_stateful_streaming", "45"},
    {"name", "card-fraud-velocity"},
    {"id", "watermark-too-short"},
    {"reason", "late events past the watermark cannot change the decision"},
    {"micro_batch_rejected_because", "a 30 s trigger leaves no margin within the 30 s SLA"},
    {"decision", "block the card before the next authorisation"},
}};

std::string_view leaf_of(std::string_view key) {
    const auto dot = key.rfind('.');
    return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

template <std::size_t N>
KeyLimits find(const std::array<Entry, N>& table, std::string_view key, KeyLimits fallback) {
    const auto dot = key.rfind('.');
    if (dot != std::string_view::npos) key.remove_prefix(dot + 1);
    for (const Entry& e : table)
        if (e.key == key) return e.limits;
    return fallback;
}

}  // namespace

KeyLimits duration_limits(std::string_view key) {
    return find(k_durations, key, k_default_duration);
}
KeyLimits size_limits(std::string_view key) {
    return find(k_sizes, key, k_default_size);
}
KeyLimits rate_limits(std::string_view key) {
    return find(k_rates, key, k_default_rate);
}

std::string_view value_example(std::string_view key) {
    const std::string_view leaf = leaf_of(key);
    for (const Example& e : k_examples)
        if (e.key == leaf) return e.example;
    return "1";
}

}  // namespace pipeadvise::model
