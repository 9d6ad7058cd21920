#pragma once

// The strict reader of YAML values for the workload loader (private to src/model/): each
// method reads one kind of value (boolean, duration, size, rate, money, number, enum,
// date) from a YamlNode, and on failure records a `FILE:LINE:COL` diagnostic and returns
// nothing, so one pass reports every error of a file instead of stopping at the first.

#include <cctype>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "pipeadvise/model/keys.hpp"
#include "pipeadvise/model/workload.hpp"
#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/units.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::model::loading {

using Kind = YamlNode::Kind;
using util::Location;

inline std::string join(const std::string& prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

inline std::string indexed(const std::string& path, std::size_t index) {
    return path + "[" + std::to_string(index) + "]";
}

inline std::string position(int line, int column) {
    return std::to_string(line) + ":" + std::to_string(column);
}

/// The accepted range of a duration (ns), size (bytes) or rate (events/s) key, and a value a
/// user would write for it: one entry of the key table, which both the loader's checks and
/// the schema's minimum/maximum read. For durations and sizes `min` is the smallest non-zero
/// value (zero is a separate rule: the key's `positive`).
struct Bounds {
    double min = 0;
    double max = 0;
    std::string_view example;  ///< e.g. "12h"
};

template <class E>
using EnumTable = std::vector<std::pair<std::string, E>>;

enum class Shape { scalar, mapping, list };

/// One key of a mapping: how to read its value, its description (the one source of the
/// schema, the template and the man page) and, for sections, which keys it holds.
struct Field {
    std::string key;
    bool required = false;
    Shape shape = Shape::scalar;
    KeyDoc doc;  ///< type, bounds, default, description; `children` stay empty here
    /// Reads the value; `key` is the key node (where a missing child is reported).
    std::function<void(const YamlNode& value, const YamlNode& key, const std::string& path)> read;
    /// Keys of the nested mapping (of each item, for lists); used to resolve override paths
    /// and to describe the format.
    std::function<std::vector<Field>()> children;
    std::shared_ptr<void> keepalive;  ///< owns the placeholder a `children` list is bound to
};

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
            // Duplicates were reported by the YAML reader with both locations; reading the
            // second copy again would only repeat that error under another message.
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
        // Missing keys are reported after the present ones are read, at the parent's key
        // (spec §2: a missing key cites its parent's location).
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

    /// A number must be written as a plain YAML number, not a quoted string: `"10"` is a
    /// string to every YAML 1.2 tool (and to the JSON Schema), so accepting it here would
    /// make the loader more lenient than the schema.
    bool plain_scalar(const YamlNode& node, const std::string& path, std::string_view what) {
        if (!scalar(node, path, what)) return false;
        if (node.plain) return true;
        error(node, path,
              path + ": expected " + std::string(what) + ", got " + describe(node) + " (remove the quotes)");
        return false;
    }

    std::optional<bool> boolean(const YamlNode& node, const std::string& path);

    /// "e.g. 10": the example (the key table's) a value error of a plain-number, whole-number or
    /// text key ends with.
    static std::string example(std::string_view value) { return "e.g. " + std::string(value); }

    std::optional<std::string> text(const YamlNode& node, const std::string& path, bool allow_empty,
                                    std::string_view sample) {
        if (!scalar(node, path, "a string (" + example(sample) + ")")) return std::nullopt;
        if (!allow_empty && node.value.empty()) {
            error(node, path,
                  path + ": must not be empty (got ''; expected some text, " + example(sample) + ")");
            return std::nullopt;
        }
        return node.value;
    }

    std::optional<Duration> duration(const YamlNode& node, const std::string& path, bool positive,
                                     const Bounds& limits);

    std::optional<std::int64_t> size(const YamlNode& node, const std::string& path, bool positive,
                                     const Bounds& limits);

    std::optional<double> rate(const YamlNode& node, const std::string& path, const Bounds& limits);

    std::optional<double> money(const YamlNode& node, const std::string& path) {
        if (!plain_scalar(node, path, "an amount in USD")) return std::nullopt;
        auto parsed = util::parse_money(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        return parsed.value;
    }

    std::optional<double> number(const YamlNode& node, const std::string& path, double min, double max,
                                 std::string_view sample) {
        if (!plain_scalar(node, path, "a number (" + example(sample) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        double v = *parsed.value;
        if (v < min || v > max) {
            error(node, path,
                  path + ": must be a number between " + util::format_number(min) + " and " +
                      util::format_number(max) + " (got " + short_value(node) + "; " + example(sample) + ")");
            return std::nullopt;
        }
        return v;
    }

    std::optional<std::int64_t> integer(const YamlNode& node, const std::string& path, std::int64_t min,
                                        std::int64_t max, std::string_view sample) {
        if (!plain_scalar(node, path, "a whole number (" + example(sample) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        // parse_number accepts 1e3 and 2.0; a count written that way is almost always a typo.
        if (node.value.find_first_of(".eE") != std::string::npos) {
            error(node, path,
                  path + ": must be a whole number (got " + value_of(node) + "; " + example(sample) + ")");
            return std::nullopt;
        }
        double v = *parsed.value;
        if (v < static_cast<double>(min)) {
            error(node, path,
                  path + ": must be a whole number of at least " + std::to_string(min) + " (got " +
                      short_value(node) + "; " + example(sample) + ")");
            return std::nullopt;
        }
        if (v > static_cast<double>(max)) {
            error(node, path,
                  path + ": must be a whole number of at most " + std::to_string(max) + " (got " +
                      short_value(node) + "; " + example(sample) + ")");
            return std::nullopt;
        }
        return static_cast<std::int64_t>(v);
    }

    std::optional<std::uint64_t> unsigned64(const YamlNode& node, const std::string& path,
                                            std::string_view sample) {
        if (!plain_scalar(node, path, "a whole number (" + example(sample) + ")")) return std::nullopt;
        auto parsed = util::parse_number(node.value);
        if (!parsed) {
            error(node, path, path + ": " + parsed.error);
            return std::nullopt;
        }
        if (node.value[0] == '-') {
            error(node, path,
                  path + ": must be a whole number from 0 to 18446744073709551615 (got " + value_of(node) +
                      "; " + example(sample) + ")");
            return std::nullopt;
        }
        // Digit by digit: a seed may be any 64-bit value, beyond what a double holds exactly.
        std::uint64_t v = 0;
        for (char c : node.value) {
            if (c < '0' || c > '9') {
                error(
                    node, path,
                    path + ": must be a whole number (got " + value_of(node) + "; " + example(sample) + ")");
                return std::nullopt;
            }
            auto digit = static_cast<std::uint64_t>(c - '0');
            if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) {
                error(node, path,
                      path + ": " + value_of(node) +
                          " is too large (a whole number from 0 to 18446744073709551615; " + example(sample) +
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

}  // namespace pipeadvise::model::loading
