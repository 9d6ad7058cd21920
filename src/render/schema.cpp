#include "pipeadvise/render/schema.hpp"

#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "pipeadvise/model/keys.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render {

namespace {

using Json = nlohmann::ordered_json;
using model::KeyDoc;
using model::KeyType;

// The value grammars of spec §2 as patterns, the same the util parsers accept. A number
// before a unit: no leading zeros, an optional fraction.
const std::string k_decimal = "(0|[1-9][0-9]*)(\\.[0-9]+)?";

std::string duration_pattern() {
    std::string units;
    for (const char* unit : {"y", "w", "d", "h", "m", "s", "ms"}) units += "(" + k_decimal + unit + ")?";
    return "^(" + k_decimal + "|" + units + ")$";
}

Json duration_def(bool positive) {
    Json text{{"type", "string"}, {"minLength", 1}, {"pattern", duration_pattern()}};
    if (positive) text["not"] = Json{{"pattern", "^(0+(\\.0+)?(ms|[ywdhms])?)+$"}};
    Json number{{"type", "number"}, {positive ? "exclusiveMinimum" : "minimum", 0}};
    return Json{
        {"description", positive ? "A duration (see `duration`) greater than zero."
                                 : "A span of time: a string with units `250ms`, `30s`, `5m`, `2h`, `7d`, "
                                   "`1w`, `2y` (365 days) or a combination in decreasing order such as "
                                   "`1h30m`; a bare number is seconds. Never negative, NaN or infinite."},
        {"anyOf", Json::array({text, number})}};
}

Json size_def(bool positive) {
    Json text{{"type", "string"},
              {"pattern", "^((0|[1-9][0-9]*)|" + k_decimal + "(B|KiB|MiB|GiB|TiB|PiB|KB|kB|MB|GB|TB|PB))$"}};
    if (positive) text["not"] = Json{{"pattern", "^0+(\\.0+)?[A-Za-z]*$"}};
    return Json{
        {"description", positive ? "A size (see `size`) greater than zero."
                                 : "A size in bytes: `512B`, `1KiB`, `1.5MiB`, `20GiB`, `2TiB`, `1PiB` "
                                   "(binary) or `1KB`, `10GB` (decimal); a bare whole number is bytes."},
        {"anyOf", Json::array({text, Json{{"type", "integer"}, {"minimum", positive ? 1 : 0}}})}};
}

/// The shared definitions of value types; sections are added after them.
Json value_defs() {
    Json defs;
    defs["duration"] = duration_def(false);
    defs["positive_duration"] = duration_def(true);
    defs["size"] = size_def(false);
    defs["positive_size"] = size_def(true);
    defs["rate"] = Json{
        {"description",
         "Events per unit of time: `N/s`, `N/min`, `N/h` or `N/day`, where N is a number with an optional "
         "multiplier k, M, G, B (billion) or T, or in exponent form (`1e7/day`); a bare number is "
         "events/second. "
         "Greater than zero."},
        {"anyOf",
         Json::array({Json{{"type", "string"},
                           {"pattern", "^" + k_decimal + "([eE][-+]?[0-9]+)?[kKMGBT]?(/(s|min|h|day))?$"},
                           {"not", Json{{"pattern", "^0+(\\.0+)?([eE]|[kKMGBT]|/|$)"}}}},
                      Json{{"type", "number"}, {"exclusiveMinimum", 0}}})}};
    defs["money"] =
        Json{{"description",
              "An amount in US dollars: a plain non-negative decimal number (a leading `$` is accepted "
              "in a string)."},
             {"anyOf", Json::array({Json{{"type", "number"}, {"minimum", 0}},
                                    Json{{"type", "string"}, {"pattern", "^\\$?" + k_decimal + "$"}}})}};
    defs["fraction"] =
        Json{{"description", "A share between 0 and 1."}, {"type", "number"}, {"minimum", 0}, {"maximum", 1}};
    defs["date"] = Json{{"description", "A calendar date `YYYY-MM-DD`."},
                        {"type", "string"},
                        {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                        {"format", "date"}};
    defs["text"] = Json{{"type", "string"}, {"minLength", 1}};
    return defs;
}

std::string item_name(const std::string& list_key) {
    return list_key.size() > 1 && list_key.back() == 's' ? list_key.substr(0, list_key.size() - 1) : list_key;
}

/// A value of the key (its default or example) as JSON: numbers as numbers, booleans as
/// booleans, the rest as written.
Json value_json(const KeyDoc& key, const std::string& value) {
    if (key.accepts_auto && value == "auto") return value;
    switch (key.type) {
        case KeyType::boolean:
            return value == "true";
        case KeyType::integer:
        case KeyType::version:
            return std::stoll(value);
        case KeyType::seed:
            return std::stoull(value);
        case KeyType::number:
        case KeyType::money:
            return std::stod(value);
        default:
            return value;
    }
}

/// A bound as JSON: a whole number as an integer (`315360000`, not `315360000.0`).
Json bound_json(double value) {
    const auto whole = static_cast<long long>(value);
    if (static_cast<double>(whole) == value) return whole;
    return value;
}

/// A bound of a duration (seconds), size (bytes) or rate (events/s) as a user writes it.
std::string written(KeyType type, double value) {
    switch (type) {
        case KeyType::duration:
            return util::format_duration(
                util::Duration{static_cast<std::int64_t>(std::llround(value * 1e9))});
        case KeyType::size:
            return util::format_size(static_cast<std::int64_t>(value));
        case KeyType::rate:
            return util::format_rate(value);
        default:
            return util::format_number(value);
    }
}

/// "Accepted: 1s to 10y." for a duration, size or rate: the magnitudes the loader checks, which
/// the string forms' patterns cannot (the bare-number form carries minimum/maximum).
std::string accepted_range(const KeyDoc& key) {
    const bool magnitude =
        key.type == KeyType::duration || key.type == KeyType::size || key.type == KeyType::rate;
    if (!magnitude || !key.maximum) return "";
    const std::string low = key.minimum ? written(key.type, *key.minimum) : "greater than zero";
    if (!key.positive) return "Accepted: 0 to " + written(key.type, *key.maximum) + ".";
    return "Accepted: " + (key.minimum ? "at least " + low : low) + ", at most " +
           written(key.type, *key.maximum) + ".";
}

Json ref(const std::string& name) {
    return Json{{"$ref", "#/$defs/" + name}};
}

Json section_def(const KeyDoc& section, Json& defs);

/// A value type written into the key's own schema instead of referenced, so the key's schema
/// is self-contained: a consumer that ignores keywords beside `$ref` (draft-07 and older
/// validators and editors) still reads the key's own bounds, description and examples, and
/// the bounds sit on the one alternative they bind.
Json inlined(const Json& defs, const std::string& name) {
    Json schema = defs.at(name);
    schema.erase("description");
    return schema;
}

/// A value type with the key's own range on its bare-number form (seconds, bytes or
/// events/s): the string forms' magnitudes are beyond a pattern, so the description states
/// the range for them, and the loader checks both against the same key table entry.
Json with_bounds(Json schema, const KeyDoc& key) {
    for (auto& alternative : schema["anyOf"]) {
        if (alternative["type"] == "string") continue;
        if (key.minimum) alternative["minimum"] = bound_json(*key.minimum);
        if (key.maximum) alternative["maximum"] = bound_json(*key.maximum);
    }
    return schema;
}

Json value_schema(const KeyDoc& key, Json& defs);

/// A value or `auto` (spec §9): counts as oneOf (an integer is never the string), durations as
/// anyOf (a duration string is never `auto` either; the spelling follows the JSON type).
Json with_auto(const KeyDoc& key, Json& defs) {
    KeyDoc plain = key;
    plain.accepts_auto = false;
    const Json alternatives = Json::array({value_schema(plain, defs), Json{{"const", "auto"}}});
    return Json{{key.type == KeyType::integer ? "oneOf" : "anyOf", alternatives}};
}

/// The schema of one key's value; sections and list items are added to `defs`.
Json value_schema(const KeyDoc& key, Json& defs) {
    if (key.accepts_auto) return with_auto(key, defs);
    switch (key.type) {
        case KeyType::boolean:
            return Json{{"type", "boolean"}};
        case KeyType::text:
            return key.positive ? inlined(defs, "text") : Json{{"type", "string"}};
        case KeyType::duration:
            return with_bounds(inlined(defs, key.positive ? "positive_duration" : "duration"), key);
        case KeyType::size:
            return with_bounds(inlined(defs, key.positive ? "positive_size" : "size"), key);
        case KeyType::rate:
            return with_bounds(inlined(defs, "rate"), key);
        case KeyType::money:
            return inlined(defs, "money");
        case KeyType::number:
            if (key.minimum == 0.0 && key.maximum == 1.0 && !key.exclusive_minimum)
                return inlined(defs, "fraction");
            return Json{{"type", "number"},
                        {key.exclusive_minimum ? "exclusiveMinimum" : "minimum", *key.minimum},
                        {"maximum", *key.maximum}};
        case KeyType::integer:
            return Json{{"type", "integer"},
                        {"minimum", static_cast<long long>(*key.minimum)},
                        {"maximum", static_cast<long long>(*key.maximum)}};
        case KeyType::seed:
            return Json{{"type", "integer"}, {"minimum", 0}, {"maximum", 18446744073709551615ULL}};
        case KeyType::enumeration:
            return Json{{"enum", key.values}};
        case KeyType::date:
            return inlined(defs, "date");
        case KeyType::version:
            return Json{{"const", 1}};
        case KeyType::mapping:
        case KeyType::failures: {
            // A section is defined once under its name and referenced; a section of the same
            // name with other keys (a use case's own `infrastructure:`) is written in place.
            Json def = section_def(key, defs);
            if (defs.contains(key.key) && defs[key.key] != def) return def;
            defs[key.key] = std::move(def);
            return ref(key.key);
        }
        case KeyType::list: {
            const std::string item = item_name(key.key);
            KeyDoc item_doc = key;
            item_doc.key = item;
            item_doc.type = KeyType::mapping;
            item_doc.description =
                key.item_description.empty() ? "One item of `" + key.key + "`." : key.item_description;
            item_doc.rules.clear();
            defs[item] = section_def(item_doc, defs);
            Json list{{"type", "array"}};
            if (key.minimum) list["minItems"] = static_cast<long long>(*key.minimum);
            list["items"] = ref(item);
            return list;
        }
    }
    return Json::object();
}

/// The description with a required key's "Required: " first.
std::string lead(const KeyDoc& key) {
    std::string text = key.description;
    if (key.required && key.type != KeyType::mapping && !text.empty()) {
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
        text = "Required: " + text;
    }
    return text;
}

/// Description plus the accepted range and the rules across keys the loader checks and a
/// schema cannot express; a required key says so first.
std::string described(const KeyDoc& key) {
    std::string text = lead(key);
    const std::string range = accepted_range(key);
    if (!range.empty()) text += (text.empty() ? "" : " ") + range;
    for (const auto& rule : key.rules)
        text += (text.empty() ? "" : " ") + std::string("Loader rule: ") + rule + ".";
    return text;
}

/// The same for editors (yaml-language-server shows `markdownDescription` on hover and in
/// completion): the description, then unit, default, range and example as a list, then the
/// rules across keys.
std::string markdown_described(const KeyDoc& key) {
    std::string text = lead(key);
    std::vector<std::string> facts;
    if (!key.unit.empty()) facts.push_back("Unit: " + key.unit);
    if (!key.default_value.empty()) facts.push_back("Default: `" + key.default_value + "`");
    if (const std::string range = accepted_range(key); !range.empty())
        facts.push_back(range.substr(0, range.size() - 1));  // without the full stop
    else if (key.minimum && key.maximum && key.type != KeyType::list)
        facts.push_back("Accepted: " + util::format_number(*key.minimum) + " to " +
                        util::format_number(*key.maximum));
    if (!key.example.empty()) facts.push_back("Example: `" + key.example + "`");
    for (const auto& rule : key.rules) facts.push_back("Loader rule: " + rule);
    if (!facts.empty()) text += "\n";
    for (const auto& fact : facts) text += "\n- " + fact;
    return text;
}

/// An example of the key's value: its own for a scalar; for a section, a mapping of its keys'
/// examples; for a list, one item.
Json example_json(const KeyDoc& key) {
    if (key.type == KeyType::mapping || key.type == KeyType::failures || key.type == KeyType::list) {
        Json object = Json::object();
        for (const auto& child : key.children) object[child.key] = example_json(child);
        return key.type == KeyType::list ? Json::array({object}) : object;
    }
    return value_json(key, key.example);
}

Json property(const KeyDoc& key, Json& defs) {
    Json p = value_schema(key, defs);
    if (!key.default_value.empty()) p["default"] = value_json(key, key.default_value);
    // Sections carry their description and example in their definition; a reference
    // repeats nothing.
    if (key.type != KeyType::mapping && key.type != KeyType::failures && !key.description.empty()) {
        p["description"] = described(key);
        p["markdownDescription"] = markdown_described(key);
        p["examples"] = Json::array({example_json(key)});
    }
    return p;
}

Json object_schema(const KeyDoc& section, Json& defs) {
    Json o{{"type", "object"}, {"additionalProperties", false}};
    Json required = Json::array();
    for (const auto& child : section.children)
        if (child.required) required.push_back(child.key);
    if (!required.empty()) o["required"] = required;
    Json properties = Json::object();
    for (const auto& child : section.children) properties[child.key] = property(child, defs);
    o["properties"] = properties;
    return o;
}

/// A rule across keys JSON Schema can express: late p50/p99 are required when the late
/// fraction is above 0 (spec §2, checked by the loader too).
void add_conditional_requirements(const KeyDoc& section, Json& schema) {
    if (section.key != "late_arrivals") return;
    schema["if"] = Json{{"properties", Json{{"fraction", Json{{"exclusiveMinimum", 0}}}}}};
    schema["then"] = Json{{"required", Json::array({"p50", "p99"})}};
}

Json section_def(const KeyDoc& section, Json& defs) {
    Json def{{"description", described(section)},
             {"markdownDescription", markdown_described(section)},
             {"examples", Json::array({example_json(section)})}};
    if (section.type == KeyType::failures) {
        def["oneOf"] = Json::array({Json{{"const", "none"}}, object_schema(section, defs)});
        return def;
    }
    // The object is kept in a variable: items() refers into it.
    const Json object = object_schema(section, defs);
    for (const auto& [name, value] : object.items()) def[name] = value;
    add_conditional_requirements(section, def);
    return def;
}

/// use_cases excludes the top-level latency, computation and data; without it all three
/// are required (a rule across keys that JSON Schema can express with oneOf).
Json use_case_alternatives() {
    const Json body = Json::array({"latency", "computation", "data"});
    Json any = Json::array();
    for (const auto& key : body) any.push_back(Json{{"required", Json::array({key})}});
    return Json::array({Json{{"description", "One use case described at the top level."},
                             {"required", body},
                             {"not", Json{{"required", Json::array({"use_cases"})}}}},
                        Json{{"description", "Several use cases; no top-level latency, computation or data."},
                             {"required", Json::array({"use_cases"})},
                             {"not", Json{{"anyOf", any}}}}});
}

}  // namespace

std::string workload_schema(std::string_view id) {
    const KeyDoc root = model::workload_keys();
    Json defs = value_defs();
    Json schema{{"$schema", "https://json-schema.org/draft/2020-12/schema"},
                {"$id", id},
                {"title", "pipeadvise workload"},
                {"description", described(root)}};
    // The top-level use case parts are optional in the key table (use_cases may replace
    // them); oneOf below states which of the two shapes a file has.
    // The top-level sections are defined first, so that they own their names in $defs.
    for (const auto& section : root.children)
        if (section.type == KeyType::mapping || section.type == KeyType::failures)
            defs[section.key] = section_def(section, defs);
    const Json object = object_schema(root, defs);
    for (const auto& [name, value] : object.items()) schema[name] = value;
    schema["oneOf"] = use_case_alternatives();
    schema["$defs"] = defs;
    return schema.dump(2) + "\n";
}

}  // namespace pipeadvise::render
