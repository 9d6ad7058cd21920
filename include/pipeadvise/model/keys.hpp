#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

/// The keys of the workload format, described once. The loader's field table (keys.cpp)
/// both reads each key and carries this description; the JSON Schema (`pipeadvise schema`),
/// the `init` template's defaults and the man page's key list follow from it or are tested
/// against it. See ARCHITECTURE.md, "Adding a workload key".
namespace pipeadvise::model {

/// What a key's value is; each type has one unit and one grammar (spec §2).
enum class KeyType {
    boolean,      ///< true | false (YAML 1.1 spellings rejected)
    text,         ///< a string
    duration,     ///< seconds: `30s`, `5m`, `1h30m`; a bare number is seconds
    size,         ///< bytes: `1KiB`, `20GiB`, `10GB`; a bare whole number is bytes
    rate,         ///< events/s: `10M/day`, `5k/s`; a bare number is events/s
    money,        ///< USD, a plain non-negative number
    number,       ///< a plain decimal number within [minimum, maximum]
    integer,      ///< a plain whole number within [minimum, maximum]
    seed,         ///< a whole number from 0 to 2^64 − 1
    enumeration,  ///< one of `values`
    date,         ///< YYYY-MM-DD, a real calendar date
    version,      ///< the format version: 1
    mapping,      ///< a section: `children` are its keys
    list,         ///< a list of mappings: `children` are the keys of each item
    failures,     ///< `none`, or a mapping of `children`
};
/// "boolean", "duration", ... for messages and documentation.
std::string_view to_string(KeyType type);

/// One key of the workload format.
struct KeyDoc {
    std::string key;  ///< the key's name in its mapping
    KeyType type = KeyType::text;
    bool required = false;
    /// Durations and sizes: must be greater than zero; text: must not be empty.
    bool positive = false;
    /// The smallest accepted value, in the key's unit (seconds, bytes, a number's own); lists:
    /// the fewest items. Durations and sizes: the floor of a value greater than zero.
    std::optional<double> minimum;
    /// The minimum itself is rejected (a number that must be above it, e.g. a share above 0).
    bool exclusive_minimum = false;
    /// The largest accepted value, in the key's unit (durations: seconds, sizes: bytes, rates:
    /// events/s). The loader checks the value against this same entry.
    std::optional<double> maximum;
    std::vector<std::string> values;  ///< enumeration: the accepted spellings
    /// Integers and durations: `auto` is accepted too (spec §9, chosen by the model).
    bool accepts_auto = false;
    /// The value the loader uses when the key is absent, written as in a workload file
    /// (`7d`, `5k/s`, `0.5`, `rocksdb`); empty when there is none (required or unset).
    std::string default_value;
    /// A value a user would write, as in a workload file (`12h`, `0.7`, `card-fraud-velocity`):
    /// the schema's `examples` and the example a value error of the key ends with. Empty for
    /// sections (their examples are built from their keys').
    std::string example;
    std::string unit;              ///< "seconds", "bytes", "events/s", "USD", or a number's unit
    std::string description;       ///< one line, for the schema, the man page and editors
    std::string item_description;  ///< lists: one line on what each item is
    /// Rules that relate this key to others, checked by the loader (listed in the schema).
    std::vector<std::string> rules;
    std::vector<KeyDoc> children;  ///< keys of a mapping, or of each item of a list
};

/// The top-level mapping of a workload file, as the loader reads it (children in order).
KeyDoc workload_keys();

}  // namespace pipeadvise::model
