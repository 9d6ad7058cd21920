// The Reader's typed readers for booleans, durations, sizes and rates: each value error names
// the key, the value, the accepted form or range and the key table's example.

#include "reader.hpp"

#include <cctype>
#include <set>

namespace pipeadvise::model::loading {

std::optional<bool> Reader::boolean(const YamlNode& node, const std::string& path) {
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

std::optional<Duration> Reader::duration(const YamlNode& node, const std::string& path, bool positive,
                                         const Bounds& limits) {
    if (!scalar(node, path, "a duration (e.g. 30s, 5m, 1h30m)")) return std::nullopt;
    auto parsed = util::parse_duration(node.value);
    if (!parsed) {
        error(node, path, path + ": " + parsed.error);
        return std::nullopt;
    }
    const std::int64_t ns = parsed.value->ns;
    const auto bound = [](double v) { return util::format_duration(Duration{static_cast<std::int64_t>(v)}); };
    if (positive && ns == 0) {
        error(node, path,
              path + ": must be greater than zero (got " + value_of(node) + "; e.g. " +
                  std::string(limits.example) + ")");
        return std::nullopt;
    }
    if (static_cast<double>(ns) > limits.max) {
        error(node, path,
              path + ": " + value_of(node) + " is too long (at most " + bound(limits.max) + "); e.g. " +
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

std::optional<std::int64_t> Reader::size(const YamlNode& node, const std::string& path, bool positive,
                                         const Bounds& limits) {
    if (!scalar(node, path, "a size (e.g. 1KiB, 20GiB)")) return std::nullopt;
    auto parsed = util::parse_size(node.value);
    if (!parsed) {
        error(node, path, path + ": " + parsed.error);
        return std::nullopt;
    }
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
              path + ": " + value_of(node) + " is outside the accepted range " + bound(limits.min) + " to " +
                  bound(limits.max) + " (e.g. " + std::string(limits.example) + ")");
        return std::nullopt;
    }
    return parsed.value;
}

std::optional<double> Reader::rate(const YamlNode& node, const std::string& path, const Bounds& limits) {
    if (!scalar(node, path, "a rate (e.g. 10M/day, 5k/s)")) return std::nullopt;
    auto parsed = util::parse_rate(node.value);
    if (!parsed) {
        error(node, path, path + ": " + parsed.error);
        return std::nullopt;
    }
    if (*parsed.value <= 0.0) {
        error(node, path,
              path + ": must be greater than zero (got " + value_of(node) + "; e.g. " +
                  std::string(limits.example) + ")");
        return std::nullopt;
    }
    if (*parsed.value > limits.max) {
        error(node, path,
              path + ": " + value_of(node) + " is more than the accepted " + util::format_rate(limits.max) +
                  " (e.g. " + std::string(limits.example) + ")");
        return std::nullopt;
    }
    return parsed.value;
}

}  // namespace pipeadvise::model::loading
