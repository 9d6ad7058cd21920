#include "pipeadvise/model/loader.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <memory>
#include <set>

#include "pipeadvise/model/limits.hpp"
#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::model {

namespace {

using Kind = YamlNode::Kind;
using util::Location;

/// Longest simulated horizon (10 years of 365 days).
constexpr std::int64_t k_max_horizon_ns = 10LL * 365 * 86400 * util::k_ns_per_second;
constexpr int k_max_nodes = 100'000;
constexpr int k_max_brokers = 10'000;
constexpr int k_max_replications = 1000;
constexpr double k_max_peak_to_mean = 1000.0;
/// Engineering hours a month per mode: more than a hundred full-time engineers is a typo.
constexpr double k_max_engineering_hours = 20'000.0;

enum class Shape { scalar, mapping, list };

/// One key of a mapping: how to read its value and, for sections, which keys it holds.
struct Field {
    std::string key;
    bool required = false;
    Shape shape = Shape::scalar;
    /// Reads the value; `key` is the key node (where a missing child is reported).
    std::function<void(const YamlNode& value, const YamlNode& key, const std::string& path)> read;
    /// Keys of the nested mapping (of each item, for lists); used to resolve override paths.
    std::function<std::vector<Field>()> children;
    std::shared_ptr<void> keepalive;  ///< owns the placeholder a `children` list is bound to
};

std::string join(const std::string& prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

std::string indexed(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

std::string position(int line, int column) {
    return std::to_string(line) + ":" + std::to_string(column);
}

template <class E>
using EnumTable = std::vector<std::pair<std::string, E>>;

/// Reads a YamlNode tree into a Workload, collecting every error with its location.
class Reader {
public:
    explicit Reader(std::string file) : m_file(std::move(file)) {}

    std::vector<util::Diagnostic>& errors() { return m_errors; }
    std::map<std::string, Location>& locations() { return m_locations; }
    std::map<std::string, std::string>& origins() { return m_origins; }
    bool failed(const std::string& path) const { return m_failed.count(path) > 0; }

    Location where(const YamlNode& node) const { return Location{m_file, node.line, node.column}; }

    void error(const YamlNode& node, const std::string& path, std::string message) {
        if (!node.origin.empty()) message = node.origin + ": " + message;
        m_errors.push_back(util::Diagnostic{where(node), std::move(message)});
        m_failed.insert(path);
    }
    void error_at(const Location& at, const std::string& path, std::string message) {
        m_errors.push_back(util::Diagnostic{at, std::move(message)});
        m_failed.insert(path);
    }
    /// An error found across keys, about the value at `at`: located in the file, or named by
    /// the command-line argument that set it (Workload::diagnostic_at).
    void error_on(const Workload& w, const std::string& at, const std::string& path, std::string message) {
        m_errors.push_back(w.diagnostic_at(at, std::move(message)));
        m_failed.insert(path);
    }

    /// Reads a mapping against its fields: unknown keys, required keys, locations.
    void read_mapping(const YamlNode& node, const YamlNode& anchor, const std::string& path,
                      const std::vector<Field>& fields) {
        if (node.kind != Kind::mapping) {
            error(node, path,
                  (path.empty() ? std::string("the workload") : path) + ": expected a mapping, got " +
                      describe(node));
            return;
        }
        std::vector<std::string> names;
        for (const auto& f : fields) names.push_back(f.key);
        std::set<std::string> seen;
        for (const auto& entry : node.entries) {
            if (entry.duplicate || entry.key->kind != Kind::scalar) continue;
            const std::string& key = entry.key->value;
            const Field* field = nullptr;
            for (const auto& f : fields)
                if (f.key == key) field = &f;
            const std::string child = join(path, key);
            if (!field) {
                std::string message =
                    "unknown key '" + key + "'" + (path.empty() ? "" : " in '" + path + "'");
                if (auto guess = util::did_you_mean(key, names))
                    message += "; did you mean '" + *guess + "'?";
                error(*entry.key, child, message);
                continue;
            }
            seen.insert(key);
            m_locations[child] = where(*entry.key);
            if (!entry.value->origin.empty()) m_origins[child] = entry.value->origin;
            field->read(*entry.value, *entry.key, child);
        }
        for (const auto& f : fields) {
            if (!f.required || seen.count(f.key)) continue;
            error(anchor, join(path, f.key),
                  "missing required key '" + f.key + "'" + (path.empty() ? "" : " in '" + path + "'"));
        }
    }

    /// Calls `item(node, path, index)` for each item of a list.
    void read_list(const YamlNode& node, const std::string& path,
                   const std::function<void(const YamlNode&, const std::string&, std::size_t)>& item) {
        if (node.kind != Kind::sequence) {
            error(node, path, path + ": expected a list, got " + describe(node));
            return;
        }
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            const std::string item_path = indexed(path, i);
            m_locations[item_path] = where(*node.items[i]);
            item(*node.items[i], item_path, i);
        }
    }

    static std::string describe(const YamlNode& node) {
        if (node.kind == Kind::scalar)
            return node.plain ? value_of(node) : "the quoted string \"" + short_value(node) + "\"";
        return std::string(node.kind_name());
    }

    /// A scalar as messages quote it: controls escaped, cut after 60 characters.
    static std::string value_of(const YamlNode& node) { return util::quote_excerpt(node.value); }
    /// A scalar as written when short, else quoted and cut (long values stay readable).
    static std::string short_value(const YamlNode& node) {
        return node.value.size() <= 60 ? node.value : util::quote_excerpt(node.value);
    }

    /// True when `node` is a scalar; otherwise reports "expected <what>".
    bool scalar(const YamlNode& node, const std::string& path, std::string_view what) {
        if (node.kind == Kind::scalar) return true;
        error(node, path, path + ": expected " + std::string(what) + ", got " + describe(node));
        return false;
    }

    /// A number must be written as a plain YAML number, not a quoted string.
    bool plain_scalar(const YamlNode& node, const std::string& path, std::string_view what) {
        if (!scalar(node, path, what)) return false;
        if (node.plain) return true;
        error(node, path,
              path + ": expected " + std::string(what) + ", got " + describe(node) + " (remove the quotes)");
        return false;
    }

    std::optional<bool> boolean(const YamlNode& node, const std::string& path) {
        if (!scalar(node, path, "true or false")) return std::nullopt;
        if (!node.plain) {
            error(node, path,
                  path + ": expected true or false, got " + describe(node) + " (a string, not a boolean)");
            return std::nullopt;
        }
        if (node.value == "true") return true;
        if (node.value == "false") return false;
        std::string lower = node.value;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        static const std::set<std::string> yaml11{"yes", "no", "on", "off", "y", "n", "true", "false"};
        if (yaml11.count(lower))
            error(node, path, path + ": " + value_of(node) + " is a YAML 1.1 boolean; write true or false");
        else
            error(node, path, path + ": expected true or false, got " + value_of(node));
        return std::nullopt;
    }

    /// " (e.g. 10)": the example a value error of a plain-number, whole-number or text key ends with.
    static std::string example(const std::string& path) { return "e.g. " + std::string(value_example(path)); }

    std::optional<std::string> text(const YamlNode& node, const std::string& path, bool allow_empty) {
        if (!scalar(node, path, "a string (" + example(path) + ")")) return std::nullopt;
        if (!allow_empty && node.value.empty()) {
            error(node, path,
                  path + ": must not be empty (got ''; expected some text, " + example(path) + ")");
            return std::nullopt;
        }
        return node.value;
    }

    std::optional<Duration> duration(const YamlNode& node, const std::string& path, bool positive,
                                     std::int64_t max_ns = util::k_max_duration_ns) {
        if (!scalar(node, path, "a duration (e.g. 30s, 5m, 1h30m)")) return std::nullopt;
        auto parsed = util::parse_duration(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        const KeyLimits limits = duration_limits(path);
        const std::int64_t ns = parsed.value->ns;
        const auto bound = [](double v) {
            return util::format_duration(Duration{static_cast<std::int64_t>(v)});
        };
        if (positive && ns == 0) {
            error(node, path,
                  path + ": must be greater than zero (got " + value_of(node) + "; e.g. " +
                      std::string(limits.example) + ")");
            return std::nullopt;
        }
        const double max = std::min(limits.max, static_cast<double>(max_ns));
        if (static_cast<double>(ns) > max) {
            error(node, path,
                  path + ": " + value_of(node) + " is too long (at most " + bound(max) + "); e.g. " +
                      std::string(limits.example));
            return std::nullopt;
        }
        if (positive && static_cast<double>(ns) < limits.min) {
            error(node, path,
                  path + ": " + value_of(node) + " is too short (at least " + bound(limits.min) + "); e.g. " +
                      std::string(limits.example));
            return std::nullopt;
        }
        return parsed.value;
    }

    std::optional<std::int64_t> size(const YamlNode& node, const std::string& path, bool positive) {
        if (!scalar(node, path, "a size (e.g. 1KiB, 20GiB)")) return std::nullopt;
        auto parsed = util::parse_size(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        const KeyLimits limits = size_limits(path);
        const auto bytes = static_cast<double>(*parsed.value);
        if (positive && *parsed.value == 0) {
            error(node, path,
                  path + ": must be greater than zero (got " + value_of(node) + "; e.g. " +
                      std::string(limits.example) + ")");
            return std::nullopt;
        }
        if (bytes > limits.max || (bytes > 0 && bytes < limits.min)) {
            const auto bound = [](double v) { return util::format_size(static_cast<std::int64_t>(v)); };
            error(node, path,
                  path + ": " + value_of(node) + " is outside the accepted range " + bound(limits.min) +
                      " to " + bound(limits.max) + " (e.g. " + std::string(limits.example) + ")");
            return std::nullopt;
        }
        return parsed.value;
    }

    std::optional<double> rate(const YamlNode& node, const std::string& path) {
        if (!scalar(node, path, "a rate (e.g. 10M/day, 5k/s)")) return std::nullopt;
        auto parsed = util::parse_rate(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        const KeyLimits limits = rate_limits(path);
        if (*parsed.value <= 0.0) {
            error(node, path,
                  path + ": must be greater than zero (got " + value_of(node) + "; e.g. " +
                      std::string(limits.example) + ")");
            return std::nullopt;
        }
        if (*parsed.value > limits.max) {
            error(node, path,
                  path + ": " + value_of(node) + " is more than the accepted " +
                      util::format_rate(limits.max) + " (e.g. " + std::string(limits.example) + ")");
            return std::nullopt;
        }
        return parsed.value;
    }

    std::optional<double> money(const YamlNode& node, const std::string& path) {
        if (!plain_scalar(node, path, "an amount in USD")) return std::nullopt;
        auto parsed = util::parse_money(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        return parsed.value;
    }

    std::optional<double> number(const YamlNode& node, const std::string& path, double min, double max) {
        if (!plain_scalar(node, path, "a number (" + example(path) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        double v = *parsed.value;
        if (v < min || v > max) {
            error(node, path,
                  path + ": must be a number between " + util::format_number(min) + " and " +
                      util::format_number(max) + " (got " + short_value(node) + "; " + example(path) + ")");
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::int64_t> integer(const YamlNode& node, const std::string& path, std::int64_t min,
                                        std::int64_t max) {
        if (!plain_scalar(node, path, "a whole number (" + example(path) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        if (node.value.find_first_of(".eE") != std::string::npos) {
            error(node, path,
                  path + ": must be a whole number (got " + value_of(node) + "; " + example(path) + ")");
            return std::nullopt;
        }
        double v = *parsed.value;
        if (v < static_cast<double>(min)) {
            error(node, path,
                  path + ": must be a whole number of at least " + std::to_string(min) + " (got " +
                      short_value(node) + "; " + example(path) + ")");
            return std::nullopt;
        }
        if (v > static_cast<double>(max)) {
            error(node, path,
                  path + ": must be a whole number of at most " + std::to_string(max) + " (got " +
                      short_value(node) + "; " + example(path) + ")");
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }

    std::optional<std::uint64_t> unsigned64(const YamlNode& node, const std::string& path) {
        if (!plain_scalar(node, path, "a whole number (" + example(path) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        if (node.value[0] == '-') {
            error(node, path,
                  path + ": must be a whole number from 0 to 18446744073709551615 (got " + value_of(node) +
                      "; " + example(path) + ")");
            return std::nullopt;
        }
        std::uint64_t v = 0;
        for (char c : node.value) {
            if (c < '0' || c > '9') {
                error(node, path,
                      path + ": must be a whole number (got " + value_of(node) + "; " + example(path) + ")");
                return std::nullopt;
            }
            auto digit = static_cast<std::uint64_t>(c - '0');
            if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
                error(node, path,
                      path + ": " + value_of(node) +
                          " is too large (a whole number from 0 to 18446744073709551615; " + example(path) +
                          ")");
                return std::nullopt;
            }
            v = v * 10 + digit;
        }
        return v;
    }

    template <class E>
    std::optional<E> enumeration(const YamlNode& node, const std::string& path, const EnumTable<E>& table) {
        std::string expected;
        std::vector<std::string> names;
        for (const auto& [name, value] : table) {
            expected += (expected.empty() ? "" : ", ") + name;
            names.push_back(name);
        }
        if (!scalar(node, path, "one of " + expected)) return std::nullopt;
        for (const auto& [name, value] : table)
            if (name == node.value) return value;
        std::string message = path + ": unknown value " + value_of(node);
        if (auto guess = util::did_you_mean(node.value, names)) message += "; did you mean '" + *guess + "'?";
        error(node, path, message + " (expected one of " + expected + ")");
        return std::nullopt;
    }

    std::optional<util::Date> date(const YamlNode& node, const std::string& path) {
        if (!scalar(node, path, "a date (YYYY-MM-DD)")) return std::nullopt;
        if (auto d = util::parse_date(node.value)) return d;
        error(node, path,
              path + ": invalid date " + value_of(node) +
                  " (expected a real calendar date as YYYY-MM-DD, e.g. 2027-03-31)");
        return std::nullopt;
    }

private:
    std::string m_file;
    std::vector<util::Diagnostic> m_errors;
    std::map<std::string, Location> m_locations;
    std::map<std::string, std::string> m_origins;  ///< paths whose value came from the command line
    std::set<std::string> m_failed;
};

// --- field makers -----------------------------------------------------------------------

template <class T, class Parse>
Field scalar_field(std::string key, T& out, Parse parse, bool required = false) {
    Field f;
    f.key = std::move(key);
    f.required = required;
    f.read = [&out, parse](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (auto v = parse(value, path)) out = *v;
    };
    return f;
}

template <class T>
Field bool_field(Reader& r, std::string key, T& out, bool required = false) {
    return scalar_field(
        std::move(key), out, [&r](const YamlNode& n, const std::string& p) { return r.boolean(n, p); },
        required);
}

Field duration_field(Reader& r, std::string key, Duration& out, bool positive, bool required = false,
                     std::int64_t max_ns = util::k_max_duration_ns) {
    return scalar_field(
        std::move(key), out,
        [&r, positive, max_ns](const YamlNode& n, const std::string& p) {
            return r.duration(n, p, positive, max_ns);
        },
        required);
}

Field optional_duration_field(Reader& r, std::string key, std::optional<Duration>& out, bool positive) {
    return scalar_field(std::move(key), out, [&r, positive](const YamlNode& n, const std::string& p) {
        return r.duration(n, p, positive);
    });
}

/// A duration that also accepts `auto` (spec §9: chosen by the configuration search);
/// `is_auto` records which one the file said.
Field auto_duration_field(Reader& r, std::string key, Duration& out, bool& is_auto) {
    Field f;
    f.key = std::move(key);
    f.read = [&r, &out, &is_auto](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (value.kind == Kind::scalar && value.plain && value.value == "auto") {
            is_auto = true;
            return;
        }
        if (auto v = r.duration(value, path, true, util::k_max_duration_ns)) {
            out = *v;
            is_auto = false;
        }
    };
    return f;
}

/// A count that also accepts `auto` (nullopt: sized by the model).
Field count_or_auto_field(Reader& r, std::string key, std::optional<int>& out, int min, int max) {
    Field f;
    f.key = std::move(key);
    f.read = [&r, &out, min, max](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (value.kind == Kind::scalar && value.plain && value.value == "auto") {
            out.reset();
            return;
        }
        if (auto v = r.integer(value, path, min, max)) out = static_cast<int>(*v);
    };
    return f;
}

Field money_field(Reader& r, std::string key, double& out) {
    return scalar_field(std::move(key), out,
                        [&r](const YamlNode& n, const std::string& p) { return r.money(n, p); });
}

Field int_field(Reader& r, std::string key, int& out, int min, int max) {
    Field f;
    f.key = std::move(key);
    f.read = [&r, &out, min, max](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (auto v = r.integer(value, path, min, max)) out = static_cast<int>(*v);
    };
    return f;
}

template <class T, class E>
Field enum_field(Reader& r, std::string key, T& out, EnumTable<E> table, bool required = false) {
    return scalar_field(
        std::move(key), out,
        [&r, table = std::move(table)](const YamlNode& n, const std::string& p) {
            return r.enumeration(n, p, table);
        },
        required);
}

Field section(Reader& r, std::string key, bool required, std::function<std::vector<Field>()> children) {
    Field f;
    f.key = std::move(key);
    f.required = required;
    f.shape = Shape::mapping;
    f.children = children;
    f.read = [&r, children](const YamlNode& value, const YamlNode& key_node, const std::string& path) {
        r.read_mapping(value, key_node, path, children());
    };
    return f;
}

/// A list of mappings: `make(item)` gives the fields of one item bound to `item`.
template <class Item>
Field list_field(Reader& r, std::string key, std::vector<Item>& out,
                 std::function<std::vector<Field>(Item&)> make,
                 std::function<void(Item&, const std::string&)> finish = {}) {
    Field f;
    f.key = std::move(key);
    f.shape = Shape::list;
    auto placeholder = std::make_shared<Item>();
    f.keepalive = placeholder;
    f.children = [make, placeholder] { return make(*placeholder); };
    f.read = [&r, &out, make, finish](const YamlNode& value, const YamlNode&, const std::string& path) {
        r.read_list(value, path, [&](const YamlNode& node, const std::string& item_path, std::size_t) {
            Item item;
            r.read_mapping(node, node, item_path, make(item));
            if (finish) finish(item, item_path);
            out.push_back(std::move(item));
        });
    };
    return f;
}

// --- the workload format ----------------------------------------------------------------

const EnumTable<ComputationKind> k_kinds{{"stateless", ComputationKind::stateless},
                                         {"enrichment", ComputationKind::enrichment},
                                         {"windowed_aggregation", ComputationKind::windowed_aggregation},
                                         {"sessionization", ComputationKind::sessionization},
                                         {"stream_join", ComputationKind::stream_join},
                                         {"full_history", ComputationKind::full_history}};
const EnumTable<EmitMode> k_emit_modes{{"window_end", EmitMode::window_end},
                                       {"on_update", EmitMode::on_update}};
const EnumTable<Maturity> k_maturities{
    {"low", Maturity::low}, {"medium", Maturity::medium}, {"high", Maturity::high}};
const EnumTable<StateStore> k_state_stores{{"memory", StateStore::memory}, {"rocksdb", StateStore::rocksdb}};
const EnumTable<Architecture> k_architectures{{"batch", Architecture::batch},
                                              {"micro_batch", Architecture::micro_batch},
                                              {"simple_streaming", Architecture::simple_streaming},
                                              {"full_streaming", Architecture::full_streaming},
                                              {"hybrid", Architecture::hybrid}};
const EnumTable<CheckpointLocation> k_checkpoint_locations{{"durable", CheckpointLocation::durable},
                                                           {"local", CheckpointLocation::local}};
const EnumTable<Sink> k_sinks{{"delta", Sink::delta},
                              {"warehouse", Sink::warehouse},
                              {"database", Sink::database},
                              {"cache", Sink::cache}};
const EnumTable<ArrivalProcess> k_arrivals{{"constant", ArrivalProcess::constant},
                                           {"poisson", ArrivalProcess::poisson},
                                           {"diurnal", ArrivalProcess::diurnal}};
const EnumTable<ServiceDistribution> k_services{{"deterministic", ServiceDistribution::deterministic},
                                                {"exponential", ServiceDistribution::exponential},
                                                {"lognormal", ServiceDistribution::lognormal}};
const EnumTable<Granularity> k_granularities{{"auto", Granularity::automatic}, {"event", Granularity::event}};
const EnumTable<Engine> k_engines{
    {"flink", Engine::flink}, {"spark", Engine::spark}, {"kafka_streams", Engine::kafka_streams}};
const EnumTable<Delivery> k_deliveries{{"at_least_once", Delivery::at_least_once},
                                       {"exactly_once", Delivery::exactly_once}};
const EnumTable<BatchSource> k_batch_sources{{"lake", BatchSource::lake}, {"log", BatchSource::log}};
const EnumTable<bool> k_fixed_latencies{{"default", true}, {"none", false}};

std::vector<Field> latency_fields(Reader& r, Latency& l) {
    return {
        duration_field(r, "sla", l.sla, true, true),
        bool_field(r, "verified_with_stakeholders", l.verified_with_stakeholders),
        scalar_field("decision", l.decision,
                     [&r](const YamlNode& n, const std::string& p) { return r.text(n, p, true); }),
        scalar_field("attainment_target", l.attainment_target,
                     [&r](const YamlNode& n, const std::string& p) { return r.number(n, p, 0.0, 1.0); }),
    };
}

std::vector<Field> computation_fields(Reader& r, Computation& c) {
    return {
        bool_field(r, "stateful", c.stateful, true),
        enum_field(r, "kind", c.kind, k_kinds),
        scalar_field("state_size", c.state_size_bytes,
                     [&r](const YamlNode& n, const std::string& p) { return r.size(n, p, false); }),
        optional_duration_field(r, "window", c.window, true),
        enum_field(r, "emit", c.emit, k_emit_modes),
    };
}

std::vector<Field> late_arrival_fields(Reader& r, LateArrivals& l) {
    return {
        scalar_field(
            "fraction", l.fraction,
            [&r](const YamlNode& n, const std::string& p) { return r.number(n, p, 0.0, 1.0); }, true),
        duration_field(r, "p50", l.p50, false),
        duration_field(r, "p99", l.p99, false),
    };
}

std::vector<Field> data_fields(Reader& r, Data& d) {
    return {
        bool_field(r, "bounded", d.bounded, true),
        scalar_field(
            "volume", d.volume_per_second,
            [&r](const YamlNode& n, const std::string& p) { return r.rate(n, p); }, true),
        scalar_field("event_size", d.event_size_bytes,
                     [&r](const YamlNode& n, const std::string& p) { return r.size(n, p, true); }),
        scalar_field("peak_to_mean", d.peak_to_mean,
                     [&r](const YamlNode& n, const std::string& p) {
                         return r.number(n, p, 1.0, k_max_peak_to_mean);
                     }),
        section(r, "late_arrivals", false, [&r, &d] { return late_arrival_fields(r, d.late_arrivals); }),
        optional_duration_field(r, "history", d.history, true),
    };
}

std::vector<Field> team_fields(Reader& r, Team& t) {
    return {
        enum_field(r, "maturity", t.maturity, k_maturities, true),
        bool_field(r, "kafka_experience", t.kafka_experience),
        bool_field(r, "on_call", t.on_call),
        bool_field(r, "recovery_runbook", t.recovery_runbook),
    };
}

std::vector<Field> infrastructure_fields(Reader& r, Infrastructure& i) {
    auto hours = [&r](const YamlNode& n, const std::string& p) {
        return r.number(n, p, 0.0, k_max_engineering_hours);
    };
    return {
        count_or_auto_field(r, "nodes", i.nodes, 1, k_max_nodes),
        scalar_field("node_throughput", i.node_throughput,
                     [&r](const YamlNode& n, const std::string& p) { return r.rate(n, p); }),
        scalar_field("node_memory", i.node_memory_bytes,
                     [&r](const YamlNode& n, const std::string& p) { return r.size(n, p, true); }),
        scalar_field("target_utilisation", i.target_utilisation,
                     [&r](const YamlNode& n, const std::string& p) { return r.number(n, p, 0.05, 1.0); }),
        money_field(r, "node_hour_usd", i.node_hour_usd),
        count_or_auto_field(r, "brokers", i.brokers, 1, k_max_brokers),
        money_field(r, "broker_hour_usd", i.broker_hour_usd),
        money_field(r, "broker_storage_gb_month_usd", i.broker_storage_gb_month_usd),
        money_field(r, "storage_gb_month_usd", i.storage_gb_month_usd),
        money_field(r, "block_storage_gb_month_usd", i.block_storage_gb_month_usd),
        money_field(r, "engineer_hour_usd", i.engineer_hour_usd),
        duration_field(r, "retention", i.retention, true),
        duration_field(r, "checkpoint_interval", i.checkpoint_interval, true),
        enum_field(r, "state_store", i.state_store, k_state_stores),
        auto_duration_field(r, "batch_schedule", i.batch_schedule, i.batch_schedule_auto),
        duration_field(r, "job_startup", i.job_startup, false),
        auto_duration_field(r, "micro_batch_trigger", i.micro_batch_trigger, i.micro_batch_trigger_auto),
        duration_field(r, "micro_batch_overhead", i.micro_batch_overhead, false),
        enum_field(r, "engine", i.engine, k_engines),
        enum_field(r, "batch_source", i.batch_source, k_batch_sources),
        duration_field(r, "log_hop_p50", i.log_hop_p50, false),
        duration_field(r, "log_hop_p99", i.log_hop_p99, false),
        duration_field(r, "restart_delay", i.restart_delay, false),
        optional_duration_field(r, "failure_detection", i.failure_detection, false),
        scalar_field("engineering_hours_batch", i.engineering_hours_batch, hours),
        scalar_field("engineering_hours_micro_batch", i.engineering_hours_micro_batch, hours),
        scalar_field("engineering_hours_streaming", i.engineering_hours_streaming, hours),
        scalar_field("engineering_hours_stateful_streaming", i.engineering_hours_stateful_streaming, hours),
    };
}

std::vector<Field> waiver_fields(Reader& r, Waiver& w) {
    auto text = [&r](const YamlNode& n, const std::string& p) { return r.text(n, p, false); };
    return {
        scalar_field("id", w.id, text, true),
        scalar_field("reason", w.reason, text, true),
        scalar_field(
            "expires", w.expires, [&r](const YamlNode& n, const std::string& p) { return r.date(n, p); },
            true),
    };
}

std::vector<Field> proposal_fields(Reader& r, Proposal& p) {
    return {
        enum_field(r, "architecture", p.architecture, k_architectures),
        optional_duration_field(r, "watermark", p.watermark, false),
        enum_field(r, "checkpoint_location", p.checkpoint_location, k_checkpoint_locations),
        bool_field(r, "dead_letter_queue", p.dead_letter_queue),
        bool_field(r, "consumer_lag_alert", p.consumer_lag_alert),
        bool_field(r, "backfill_strategy", p.backfill_strategy),
        enum_field(r, "sink", p.sink, k_sinks),
        enum_field(r, "delivery", p.delivery, k_deliveries),
        bool_field(r, "idempotent_jobs", p.idempotent_jobs),
        scalar_field("micro_batch_rejected_because", p.micro_batch_rejected_because,
                     [&r](const YamlNode& n, const std::string& path) { return r.text(n, path, false); }),
        bool_field(r, "partitioned_by_date", p.partitioned_by_date),
        bool_field(r, "partition_overwrite", p.partition_overwrite),
        bool_field(r, "sla_monitored", p.sla_monitored),
        bool_field(r, "checkpoint_backup", p.checkpoint_backup),
        bool_field(r, "offset_reset_runbook", p.offset_reset_runbook),
        bool_field(r, "cost_comparison_done", p.cost_comparison_done),
        bool_field(r, "shared_ingestion", p.shared_ingestion),
        bool_field(r, "sla_owned_by_one_layer", p.sla_owned_by_one_layer),
        list_field<Waiver>(
            r, "waivers", p.waivers, [&r](Waiver& w) { return waiver_fields(r, w); },
            [](Waiver& w, const std::string& path) { w.path = path; }),
    };
}

std::vector<Field> drill_fields(Reader& r, Drill& d) {
    return {
        duration_field(r, "at", d.at, false, true),
        duration_field(r, "outage", d.outage, true, true),
    };
}

std::vector<Field> failure_fields(Reader& r, Failures& f) {
    return {
        duration_field(r, "node_mtbf", f.node_mtbf, true),
        duration_field(r, "bad_deploy_every", f.bad_deploy_every, true),
        scalar_field("checkpoint_corruption_probability", f.checkpoint_corruption_probability,
                     [&r](const YamlNode& n, const std::string& p) { return r.number(n, p, 0.0, 1.0); }),
        list_field<Drill>(r, "drills", f.drills, [&r](Drill& d) { return drill_fields(r, d); }),
    };
}

std::vector<Field> simulation_fields(Reader& r, Simulation& s) {
    Field failures = section(r, "failures", false, [&r, &s] { return failure_fields(r, s.failures); });
    auto as_mapping = failures.read;
    failures.read = [&r, &s, as_mapping](const YamlNode& value, const YamlNode& key,
                                         const std::string& path) {
        if (value.kind == Kind::scalar && value.plain && value.value == "none") {
            s.failures.enabled = false;
            return;
        }
        if (value.kind != Kind::mapping) {
            r.error(value, path, path + ": expected a mapping or 'none', got " + Reader::describe(value));
            return;
        }
        as_mapping(value, key, path);
    };
    return {
        duration_field(r, "horizon", s.horizon, true, false, k_max_horizon_ns),
        int_field(r, "replications", s.replications, 1, k_max_replications),
        scalar_field("seed", s.seed,
                     [&r](const YamlNode& n, const std::string& p) { return r.unsigned64(n, p); }),
        enum_field(r, "arrivals", s.arrivals, k_arrivals),
        enum_field(r, "service", s.service, k_services),
        enum_field(r, "granularity", s.granularity, k_granularities),
        enum_field(r, "fixed_latencies", s.fixed_latencies, k_fixed_latencies),
        failures,
    };
}

/// The parts of one use case that may sit at the top level or in a `use_cases` entry.
std::vector<Field> use_case_body_fields(Reader& r, UseCase& u, bool required) {
    return {
        section(r, "latency", required, [&r, &u] { return latency_fields(r, u.latency); }),
        section(r, "computation", required, [&r, &u] { return computation_fields(r, u.computation); }),
        section(r, "data", required, [&r, &u] { return data_fields(r, u.data); }),
    };
}

/// A use case's own `infrastructure:` (spec §9: it may override the shared schedule and trigger).
std::vector<Field> use_case_infrastructure_fields(Reader& r, UseCase& u) {
    return {
        optional_duration_field(r, "batch_schedule", u.batch_schedule, true),
        optional_duration_field(r, "micro_batch_trigger", u.micro_batch_trigger, true),
    };
}

std::vector<Field> use_case_fields(Reader& r, UseCase& u) {
    std::vector<Field> fields{scalar_field(
        "name", u.name, [&r](const YamlNode& n, const std::string& p) { return r.text(n, p, false); }, true)};
    for (auto& f : use_case_body_fields(r, u, true)) fields.push_back(std::move(f));
    fields.push_back(
        section(r, "infrastructure", false, [&r, &u] { return use_case_infrastructure_fields(r, u); }));
    fields.push_back(section(r, "proposal", false, [&r, &u] {
        return std::vector<Field>{optional_duration_field(r, "watermark", u.watermark, false)};
    }));
    return fields;
}

/// Keys of the top level; `top` receives top-level latency/computation/data.
std::vector<Field> workload_fields(Reader& r, Workload& w, UseCase& top) {
    std::vector<Field> fields{
        scalar_field("version", w.version,
                     [&r](const YamlNode& n, const std::string& p) -> std::optional<int> {
                         auto v = r.integer(n, p, std::numeric_limits<int>::min(),
                                            std::numeric_limits<int>::max());
                         if (!v) return std::nullopt;
                         if (*v != 1) {
                             r.error(n, p,
                                     "version: unsupported version " + Reader::value_of(n) +
                                         " (this format is version 1; write version: 1)");
                             return std::nullopt;
                         }
                         return 1;
                     }),
        scalar_field(
            "name", w.name, [&r](const YamlNode& n, const std::string& p) { return r.text(n, p, false); },
            true),
        scalar_field("description", w.description,
                     [&r](const YamlNode& n, const std::string& p) { return r.text(n, p, true); }),
        list_field<UseCase>(
            r, "use_cases", w.use_cases, [&r](UseCase& u) { return use_case_fields(r, u); },
            [](UseCase& u, const std::string& path) { u.path = path; }),
        section(r, "team", true, [&r, &w] { return team_fields(r, w.team); }),
        section(r, "infrastructure", false, [&r, &w] { return infrastructure_fields(r, w.infrastructure); }),
        section(r, "proposal", false, [&r, &w] { return proposal_fields(r, w.proposal); }),
        section(r, "simulation", false, [&r, &w] { return simulation_fields(r, w.simulation); }),
    };
    for (auto& f : use_case_body_fields(r, top, false)) fields.push_back(std::move(f));
    return fields;
}

// --- overrides --------------------------------------------------------------------------

struct PathSegment {
    std::string key;
    std::optional<std::size_t> index;
};

std::optional<std::vector<PathSegment>> split_path(std::string_view key) {
    std::vector<PathSegment> out;
    std::size_t pos = 0;
    while (pos <= key.size()) {
        std::size_t dot = key.find('.', pos);
        std::string_view part =
            key.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
        PathSegment seg;
        std::size_t open = part.find('[');
        seg.key = std::string(part.substr(0, open));
        if (seg.key.empty()) return std::nullopt;
        if (open != std::string_view::npos) {
            if (part.back() != ']' || open + 2 >= part.size()) return std::nullopt;
            std::string_view digits = part.substr(open + 1, part.size() - open - 2);
            if (digits.size() > 6 || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
            std::size_t index = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return std::nullopt;
                index = index * 10 + static_cast<std::size_t>(c - '0');
            }
            seg.index = index;
        }
        out.push_back(std::move(seg));
        if (dot == std::string_view::npos) break;
        pos = dot + 1;
    }
    return out;
}

std::shared_ptr<YamlNode> fresh(Kind kind, const std::string& origin) {
    auto node = std::make_shared<YamlNode>();
    node->kind = kind;
    node->origin = origin;
    return node;
}

/// The command-line argument an override came from, as messages name it: `--set KEY=VALUE`
/// (or the option the user typed, such as `--horizon 30d`). A long one is cut, and controls
/// are escaped when printed.
std::string origin_of(const Override& o) {
    const std::string argument = o.origin.empty() ? "--set " + o.key + "=" + o.value : o.origin;
    return argument.size() <= 86 ? argument : util::quote_excerpt(argument, 86);
}

/// Applies one override to the tree (copying shared nodes on the way down); returns an
/// error message or an empty string.
std::string apply_override(std::shared_ptr<YamlNode>& root, const Override& o,
                           const std::vector<Field>& top_fields, std::string_view file_name) {
    const std::string origin = origin_of(o);
    auto segments = split_path(o.key);
    if (!segments)
        return "invalid key " + util::quote_excerpt(o.key) +
               " (expected a dotted path such as latency.sla or use_cases[0].data.volume)";

    auto parsed = parse_yaml(o.value, file_name);
    if (!parsed.errors.empty())
        return "invalid value " + util::quote_excerpt(o.value) + ": " + parsed.errors.front().message;
    std::shared_ptr<YamlNode> value = parsed.root ? parsed.root : fresh(Kind::null, origin);
    if (value->kind == Kind::sequence || value->kind == Kind::mapping)
        return "expected a single value, got " + std::string(value->kind_name()) +
               " (one value per key; whatif sweeps a comma-separated list, e.g. data.volume=1M/day,10M/day)";
    value->origin = origin;
    value->line = value->column = 0;

    std::shared_ptr<YamlNode>* slot = &root;
    std::vector<Field> fields = top_fields;
    std::string walked;
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const PathSegment& seg = (*segments)[i];
        const bool last = i + 1 == segments->size();
        const Field* field = nullptr;
        std::vector<std::string> names;
        for (const auto& f : fields) {
            names.push_back(f.key);
            if (f.key == seg.key) field = &f;
        }
        if (!field) {
            std::string message =
                "unknown key '" + seg.key + "'" + (walked.empty() ? "" : " in '" + walked + "'");
            if (auto guess = util::did_you_mean(seg.key, names))
                message += "; did you mean '" + *guess + "'?";
            return message;
        }
        if (seg.index && field->shape != Shape::list) return "'" + join(walked, seg.key) + "' is not a list";
        if (!last && !seg.index && field->shape != Shape::mapping)
            return "'" + join(walked, seg.key) + "' has no keys below it" +
                   (field->shape == Shape::list ? " (it is a list: use " + seg.key + "[N])" : "");

        // The current node must be a mapping we may modify: copy it if it is shared.
        if ((*slot)->kind == Kind::null) *slot = fresh(Kind::mapping, origin);
        if ((*slot)->kind != Kind::mapping)
            return "cannot set '" + o.key + "': '" + (walked.empty() ? std::string("the workload") : walked) +
                   "' is not a mapping in the file";
        *slot = std::make_shared<YamlNode>(**slot);
        YamlNode::Entry* entry = (*slot)->find(seg.key);
        if (!entry) {
            if (seg.index)
                return "cannot set '" + o.key + "': the file has no '" + join(walked, seg.key) + "' list";
            auto key_node = fresh(Kind::scalar, origin);
            key_node->value = seg.key;
            (*slot)->entries.push_back(YamlNode::Entry{key_node, fresh(Kind::null, origin), false});
            entry = &(*slot)->entries.back();
        }
        walked = join(walked, seg.key);
        slot = &entry->value;
        if (seg.index) {
            if ((*slot)->kind != Kind::sequence || *seg.index >= (*slot)->items.size())
                return "cannot set '" + o.key + "': '" + walked + "' has no item " +
                       std::to_string(*seg.index);
            *slot = std::make_shared<YamlNode>(**slot);
            slot = &(*slot)->items[*seg.index];
            walked = indexed(walked, *seg.index);
        }
        if (last) {
            // Keep the position of the value being replaced, so messages still point into the file.
            *slot = value;
            return {};
        }
        fields = field->children();
    }
    return {};
}

// --- checks across keys -------------------------------------------------------------------

/// Kinds of computation that keep state across events by definition.
bool kind_keeps_state(ComputationKind kind) {
    return kind == ComputationKind::windowed_aggregation || kind == ComputationKind::sessionization ||
           kind == ComputationKind::stream_join || kind == ComputationKind::full_history;
}

/// Keys that contradict each other (spec §9): an input error at the second key, citing the first.
void check_contradictions(Reader& r, const Workload& w, const UseCase& u) {
    const std::string prefix = u.path.empty() ? "" : u.path + ".";
    const std::string stateful = prefix + "computation.stateful";
    const std::string kind = prefix + "computation.kind";
    const std::string state_size = prefix + "computation.state_size";
    const std::string target = prefix + "latency.attainment_target";
    if (r.failed(stateful)) return;
    const Computation& c = u.computation;
    auto at = [&](const std::string& path) {
        if (auto it = w.origins.find(path); it != w.origins.end()) return "from " + it->second;
        const Location l = w.location_of(path);
        return "at " + position(l.line, l.column);
    };
    if (c.kind && w.states(kind) && !r.failed(kind)) {
        if (c.stateful && *c.kind == ComputationKind::stateless)
            r.error_on(w, kind, kind,
                       kind + ": 'stateless' contradicts " + stateful + ": true (" + at(stateful) +
                           "); a stateful computation needs a stateful kind, or set stateful: false");
        if (!c.stateful && kind_keeps_state(*c.kind))
            r.error_on(w, kind, kind,
                       kind + ": '" + std::string(to_string(*c.kind)) +
                           "' keeps state across events, which contradicts " + stateful + ": false (" +
                           at(stateful) + "); set stateful: true or a stateless kind");
    }
    if (!c.stateful && c.state_size_bytes > 0 && w.states(state_size) && !r.failed(state_size))
        r.error_on(w, state_size, state_size,
                   state_size + ": " + util::format_size(c.state_size_bytes) + " of state contradicts " +
                       stateful + ": false (" + at(stateful) + "); a stateless computation holds no state");
    if (w.states(target) && !r.failed(target) && u.latency.attainment_target <= 0.0)
        r.error_on(w, target, target,
                   target + ": must be above 0 (got " + util::format_number(u.latency.attainment_target) +
                       "; the share of events that must meet the SLA, a number up to 1, e.g. 0.99)");
}

void check_use_case(Reader& r, const Workload& w, const UseCase& u) {
    check_contradictions(r, w, u);
    const std::string base = u.path.empty() ? "data.late_arrivals" : u.path + ".data.late_arrivals";
    const auto& late = u.data.late_arrivals;
    if (!w.states(base) || r.failed(base + ".fraction") || r.failed(base + ".p50") || r.failed(base + ".p99"))
        return;
    if (late.fraction > 0.0) {
        for (const char* key : {"p50", "p99"})
            if (!w.states(base + "." + key))
                r.error_on(w, base, base + "." + key,
                           "missing required key '" + std::string(key) + "' in '" + base +
                               "' (needed when fraction is above 0)");
        if (w.states(base + ".p50") && late.p50.ns == 0)
            r.error_on(w, base + ".p50", base + ".p50",
                       base + ".p50: must be greater than zero when fraction is above 0 (got " +
                           util::format_duration(late.p50) + "; a duration, e.g. 30s)");
    }
    if (w.states(base + ".p50") && w.states(base + ".p99") && late.p99 < late.p50)
        r.error_on(w, base + ".p99", base + ".p99",
                   base + ".p99 (" + util::format_duration(late.p99) + ") must not be less than p50 (" +
                       util::format_duration(late.p50) + ")");
}

void check_workload(Reader& r, Workload& w, const YamlNode& root) {
    const Infrastructure& infra = w.infrastructure;
    if ((w.states("infrastructure.log_hop_p50") || w.states("infrastructure.log_hop_p99")) &&
        !r.failed("infrastructure.log_hop_p50") && !r.failed("infrastructure.log_hop_p99") &&
        (infra.log_hop_p50.ns <= 0 || infra.log_hop_p99 < infra.log_hop_p50))
        r.error_on(w, "infrastructure.log_hop_p99", "infrastructure.log_hop_p99",
                   "infrastructure.log_hop_p99 (" + util::format_duration(infra.log_hop_p99) +
                       ") must not be less than log_hop_p50 (" + util::format_duration(infra.log_hop_p50) +
                       "), which must be greater than zero");
    if (w.has_use_cases) {
        for (const char* key : {"latency", "computation", "data"})
            if (const auto* entry = root.find(key))
                r.error(*entry->key, key,
                        "'" + std::string(key) +
                            "' cannot be used together with 'use_cases' (each use case has its own " + key +
                            ")");
        if (w.use_cases.empty() && !r.failed("use_cases"))
            r.error_on(w, "use_cases", "use_cases", "use_cases: must list at least one use case");
        std::map<std::string, std::string> names;
        for (const auto& u : w.use_cases) {
            if (u.name.empty()) continue;
            auto [it, inserted] = names.emplace(u.name, u.path);
            if (!inserted) {
                Location first = w.location_of(it->second + ".name");
                r.error_on(w, u.path + ".name", u.path + ".name",
                           "duplicate use case name '" + u.name + "' (first used at " +
                               position(first.line, first.column) + ")");
            }
        }
    } else {
        // Without use_cases the top level carries the one use case's parts.
        for (const char* key : {"latency", "computation", "data"})
            if (!root.find(key) && !r.failed(key))
                r.error(root, key, "missing required key '" + std::string(key) + "'");
    }
    for (const auto& u : w.use_cases) check_use_case(r, w, u);

    const auto& drills = w.simulation.failures.drills;
    if (!r.failed("simulation.horizon")) {
        for (std::size_t i = 0; i < drills.size(); ++i) {
            const std::string path = indexed("simulation.failures.drills", i);
            if (r.failed(path + ".at") || r.failed(path + ".outage")) continue;
            const Duration horizon = w.simulation.horizon;
            if (drills[i].at >= horizon) {
                r.error_on(w, path + ".at", path + ".at",
                           path + ".at (" + util::format_duration(drills[i].at) +
                               ") is outside the simulated horizon (" + util::format_duration(horizon) + ")");
            } else if (drills[i].outage.ns > horizon.ns - drills[i].at.ns) {
                r.error_on(w, path + ".outage", path + ".outage",
                           path + ": the outage ends at " + util::format_duration(drills[i].at) + " + " +
                               util::format_duration(drills[i].outage) + ", past the simulated horizon (" +
                               util::format_duration(horizon) + ")");
            }
        }
    }
}

}  // namespace

LoadResult load_workload_text(std::string_view text, std::string_view file_name,
                              const std::vector<Override>& overrides) {
    const std::string file(file_name);
    LoadResult result;
    YamlDocument doc = parse_yaml(text, file_name);
    if (!doc.errors.empty() && !doc.root) {
        result.errors = std::move(doc.errors);
        return result;
    }
    if (!doc.root || doc.root->kind == Kind::null) {
        result.errors = std::move(doc.errors);
        result.errors.push_back(
            util::Diagnostic{Location{file, 1, 1}, "empty workload (the file holds no keys)"});
        return result;
    }

    Workload w;
    w.file = file;
    UseCase top;
    Reader r(file);
    for (auto& e : doc.errors) r.errors().push_back(std::move(e));

    if (doc.root->kind != Kind::mapping) {
        r.error(
            *doc.root, "",
            "the top level of a workload file must be a mapping of keys, got " + Reader::describe(*doc.root));
        result.errors = std::move(r.errors());
        return result;
    }

    {
        // Override paths are checked against the same field lists that read the file.
        Workload shape_w;
        UseCase shape_top;
        Reader shape_r(file);
        const std::vector<Field> shape = workload_fields(shape_r, shape_w, shape_top);
        for (const auto& o : overrides) {
            std::string message = apply_override(doc.root, o, shape, file_name);
            // The value is not in the file: no line and column, the argument names it.
            if (!message.empty())
                r.errors().push_back(util::Diagnostic{Location{file, 0, 0}, origin_of(o) + ": " + message});
        }
    }

    r.read_mapping(*doc.root, *doc.root, "", workload_fields(r, w, top));
    w.locations = r.locations();
    w.origins = r.origins();
    w.has_use_cases = w.states("use_cases");
    w.proposal.present = w.states("proposal");
    if (!w.has_use_cases) {
        top.name = w.name;
        top.path.clear();
        w.use_cases.assign(1, top);
    }
    for (const auto& [path, location] : w.locations)
        if (path.rfind("infrastructure.", 0) == 0) w.infrastructure.stated.push_back(path);
    check_workload(r, w, *doc.root);

    if (!r.errors().empty()) {
        std::stable_sort(r.errors().begin(), r.errors().end(),
                         [](const util::Diagnostic& a, const util::Diagnostic& b) {
                             return std::pair(a.location.line, a.location.column) <
                                    std::pair(b.location.line, b.location.column);
                         });
        result.errors = std::move(r.errors());
        return result;
    }
    result.workload = std::move(w);
    return result;
}

}  // namespace pipeadvise::model
