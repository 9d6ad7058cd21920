#pragma once

// Field makers of the loader's key table (private to src/model/). Each maker binds one key
// to a member of the workload and fills its KeyDoc from what it knows: the type and unit,
// the bounds it enforces, the enum spellings, and the default, read from the bound member
// before the file is read (so the documented default is the value the loader really keeps).

#include <string>
#include <type_traits>
#include <utility>

#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/util/unit_limits.hpp"
#include "reader.hpp"

namespace pipeadvise::model::loading {

// The accepted ranges of duration, size and rate keys whose entry in the table names none.
// No bound is a physical limit: each keeps a typo (an extra zero, a unit slip) from becoming
// an hour-long simulation or an overflow downstream.
inline constexpr double k_ms = 1e6;
inline constexpr double k_s = 1e9;
inline constexpr double k_min = 60 * k_s;
inline constexpr double k_day = 86400 * k_s;
inline constexpr double k_year = 365 * k_day;
/// 10 years is the simulator's horizon cap and past any retention or history a team plans.
inline constexpr Bounds k_duration_bounds{1, 10 * k_year, "30s"};
/// 1 PiB (the size parser's own bound) is past any state store or node.
inline constexpr Bounds k_size_bounds{1, double(util::k_max_size_bytes), "1KiB"};
/// A trillion events a second is past every published pipeline benchmark by orders of
/// magnitude; the rate parser's own bound is 1e15.
inline constexpr Bounds k_rate_bounds{0, 1e12, "10M/day"};

/// Documents a duration's bounds in seconds: the maximum always, the minimum where it is a
/// real floor (above the 1 ns resolution) of a key that must be greater than zero.
inline void document_duration(KeyDoc& doc, const Bounds& bounds) {
    doc.unit = "seconds";
    doc.example = std::string(bounds.example);
    doc.maximum = bounds.max / k_s;
    if (doc.positive && bounds.min > 1) doc.minimum = bounds.min / k_s;
}

/// A field of `type` with its description; the default is left to the maker.
inline Field make_field(std::string key, std::string description, KeyType type, bool required) {
    Field f;
    f.key = key;
    f.required = required;
    f.doc.key = std::move(key);
    f.doc.type = type;
    f.doc.required = required;
    f.doc.description = std::move(description);
    return f;
}

/// A scalar field read by `parse(node, path)` into `out`.
template <class T, class Parse>
Field scalar_field(std::string key, std::string description, KeyType type, T& out, Parse parse,
                   bool required = false) {
    Field f = make_field(std::move(key), std::move(description), type, required);
    f.read = [&out, parse](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (auto v = parse(value, path)) out = *v;
    };
    return f;
}

/// `default_value` unless the key is required (a required key has no default).
inline void set_default(Field& f, std::string default_value) {
    if (!f.required) f.doc.default_value = std::move(default_value);
}

template <class T>
Field bool_field(Reader& r, std::string key, std::string description, T& out, bool required = false) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::boolean, out,
        [&r](const YamlNode& n, const std::string& p) { return r.boolean(n, p); }, required);
    f.doc.example = "true";
    // Unstated optional booleans stay unstated (the checklist reports them), so no default.
    if constexpr (std::is_same_v<T, bool>) set_default(f, out ? "true" : "false");
    return f;
}

template <class T>
Field text_field(Reader& r, std::string key, std::string description, std::string_view example, T& out,
                 bool allow_empty, bool required = false) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::text, out,
        [&r, allow_empty, example](const YamlNode& n, const std::string& p) {
            return r.text(n, p, allow_empty, example);
        },
        required);
    f.doc.positive = !allow_empty;
    f.doc.example = std::string(example);
    return f;
}

inline Field duration_field(Reader& r, std::string key, std::string description, Duration& out, bool positive,
                            bool required = false, Bounds bounds = k_duration_bounds) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::duration, out,
        [&r, positive, bounds](const YamlNode& n, const std::string& p) {
            return r.duration(n, p, positive, bounds);
        },
        required);
    f.doc.positive = positive;
    document_duration(f.doc, bounds);
    set_default(f, util::format_duration(out));
    return f;
}

inline Field optional_duration_field(Reader& r, std::string key, std::string description,
                                     std::optional<Duration>& out, bool positive,
                                     Bounds bounds = k_duration_bounds) {
    Field f = scalar_field(std::move(key), std::move(description), KeyType::duration, out,
                           [&r, positive, bounds](const YamlNode& n, const std::string& p) {
                               return r.duration(n, p, positive, bounds);
                           });
    f.doc.positive = positive;
    document_duration(f.doc, bounds);
    return f;
}

/// A duration greater than zero, or `auto` (spec §9: chosen by the configuration search);
/// `is_auto` records which one the file said. The default is `auto`.
inline Field auto_duration_field(Reader& r, std::string key, std::string description, Duration& out,
                                 bool& is_auto, Bounds bounds) {
    Field f = make_field(std::move(key), std::move(description), KeyType::duration, false);
    f.read = [&r, &out, &is_auto, bounds](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (value.kind == Kind::scalar && value.plain && value.value == "auto") {
            is_auto = true;
            return;
        }
        if (auto v = r.duration(value, path, true, bounds)) {
            out = *v;
            is_auto = false;
        }
    };
    f.doc.positive = true;
    f.doc.accepts_auto = true;
    document_duration(f.doc, bounds);
    set_default(f, is_auto ? "auto" : util::format_duration(out));
    return f;
}

inline Field size_field(Reader& r, std::string key, std::string description, std::int64_t& out, bool positive,
                        Bounds bounds = k_size_bounds) {
    Field f = scalar_field(std::move(key), std::move(description), KeyType::size, out,
                           [&r, positive, bounds](const YamlNode& n, const std::string& p) {
                               return r.size(n, p, positive, bounds);
                           });
    f.doc.positive = positive;
    f.doc.unit = "bytes";
    f.doc.example = std::string(bounds.example);
    f.doc.maximum = bounds.max;
    // The reader takes zero (unless positive) or a value from min up: a floor above one byte is
    // a minimum only for a key that must be greater than zero.
    if (positive) f.doc.minimum = bounds.min;
    set_default(f, util::format_size(out));
    return f;
}

inline Field rate_field(Reader& r, std::string key, std::string description, double& out,
                        bool required = false, Bounds bounds = k_rate_bounds) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::rate, out,
        [&r, bounds](const YamlNode& n, const std::string& p) { return r.rate(n, p, bounds); }, required);
    f.doc.positive = true;
    f.doc.unit = "events/s";
    f.doc.example = std::string(bounds.example);
    f.doc.maximum = bounds.max;
    set_default(f, util::format_rate(out));
    return f;
}

inline Field money_field(Reader& r, std::string key, std::string description, double& out) {
    Field f = scalar_field(std::move(key), std::move(description), KeyType::money, out,
                           [&r](const YamlNode& n, const std::string& p) { return r.money(n, p); });
    f.doc.minimum = 0.0;
    f.doc.unit = "USD";
    set_default(f, util::format_number(out));
    // The documented price is a real one (its source is in the description).
    f.doc.example = util::format_number(out);
    return f;
}

inline Field number_field(Reader& r, std::string key, std::string description, std::string_view example,
                          double& out, double min, double max, std::string unit, bool required = false) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::number, out,
        [&r, min, max, example](const YamlNode& n, const std::string& p) {
            return r.number(n, p, min, max, example);
        },
        required);
    f.doc.example = std::string(example);
    f.doc.minimum = min;
    f.doc.maximum = max;
    f.doc.unit = std::move(unit);
    set_default(f, util::format_number(out));
    return f;
}

inline Field int_field(Reader& r, std::string key, std::string description, std::string_view example,
                       int& out, int min, int max) {
    Field f = make_field(std::move(key), std::move(description), KeyType::integer, false);
    f.read = [&r, &out, min, max, example](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (auto v = r.integer(value, path, min, max, example)) out = static_cast<int>(*v);
    };
    f.doc.example = std::string(example);
    f.doc.minimum = min;
    f.doc.maximum = max;
    set_default(f, std::to_string(out));
    return f;
}

/// A count within [min, max], or `auto` (nullopt: sized by the model, the default when unset).
inline Field count_or_auto_field(Reader& r, std::string key, std::string description,
                                 std::string_view example, std::optional<int>& out, int min, int max) {
    Field f = make_field(std::move(key), std::move(description), KeyType::integer, false);
    f.read = [&r, &out, min, max, example](const YamlNode& value, const YamlNode&, const std::string& path) {
        if (value.kind == Kind::scalar && value.plain && value.value == "auto") {
            out.reset();
            return;
        }
        if (auto v = r.integer(value, path, min, max, example)) out = static_cast<int>(*v);
    };
    f.doc.example = std::string(example);
    f.doc.minimum = min;
    f.doc.maximum = max;
    f.doc.accepts_auto = true;
    set_default(f, out ? std::to_string(*out) : "auto");
    return f;
}

inline Field seed_field(Reader& r, std::string key, std::string description, std::uint64_t& out) {
    Field f = scalar_field(std::move(key), std::move(description), KeyType::seed, out,
                           [&r](const YamlNode& n, const std::string& p) { return r.unsigned64(n, p, "1"); });
    set_default(f, std::to_string(out));
    f.doc.example = "1";
    return f;
}

inline Field date_field(Reader& r, std::string key, std::string description, std::string_view example,
                        util::Date& out, bool required) {
    Field f = scalar_field(
        std::move(key), std::move(description), KeyType::date, out,
        [&r](const YamlNode& n, const std::string& p) { return r.date(n, p); }, required);
    f.doc.example = std::string(example);
    return f;
}

template <class T, class E>
Field enum_field(Reader& r, std::string key, std::string description, T& out, EnumTable<E> table,
                 bool required = false) {
    Field f = make_field(std::move(key), std::move(description), KeyType::enumeration, required);
    for (const auto& [name, value] : table) {
        f.doc.values.push_back(name);
        if constexpr (std::is_same_v<T, E>) {
            if (value == out) set_default(f, name);
        }
    }
    // The first spelling the table lists: a value the key accepts, not necessarily the default.
    f.doc.example = f.doc.values.front();
    f.read = [&r, &out, table = std::move(table)](const YamlNode& value, const YamlNode&,
                                                  const std::string& path) {
        if (auto v = r.enumeration(value, path, table)) out = *v;
    };
    return f;
}

inline Field section(Reader& r, std::string key, std::string description, bool required,
                     std::function<std::vector<Field>()> children) {
    Field f = make_field(std::move(key), std::move(description), KeyType::mapping, required);
    f.shape = Shape::mapping;
    f.children = children;
    f.read = [&r, children](const YamlNode& value, const YamlNode& key_node, const std::string& path) {
        r.read_mapping(value, key_node, path, children());
    };
    return f;
}

/// A list of mappings: `make(item)` gives the fields of one item bound to `item`.
template <class Item>
Field list_field(Reader& r, std::string key, std::string description, std::vector<Item>& out,
                 std::function<std::vector<Field>(Item&)> make,
                 std::function<void(Item&, const std::string&)> finish = {}) {
    Field f = make_field(std::move(key), std::move(description), KeyType::list, false);
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

/// Keys of the top level, bound to `w`; `top` receives top-level latency/computation/data.
std::vector<Field> workload_fields(Reader& r, Workload& w, UseCase& top);

/// Applies one `--set` override to the tree (copying shared nodes on the way down); returns
/// an error message or an empty string. Paths are resolved against `top_fields`.
/// The command-line argument an override came from, as messages name it: `--set KEY=VALUE`
/// (or the option the user typed, such as `--horizon 30d`). A long one is cut, and controls
/// are escaped when printed.
std::string origin_of(const Override& o);
std::string apply_override(std::shared_ptr<YamlNode>& root, const Override& o,
                           const std::vector<Field>& top_fields, std::string_view file_name);

}  // namespace pipeadvise::model::loading
