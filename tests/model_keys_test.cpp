#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "pipeadvise/model/keys.hpp"
#include "pipeadvise/model/loader.hpp"
#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/units.hpp"

// The key table is the one description of the workload format: these tests hold the `init`
// template and the man page to it (the JSON Schema is generated from it, see
// tests/extra_schema.cmake).

using namespace pipeadvise;
using model::KeyDoc;
using model::KeyType;

namespace {

std::string read_source(const std::string& relative) {
    std::ifstream in(std::filesystem::path(PIPEADVISE_SOURCE_DIR) / relative, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void for_each_key(const KeyDoc& section, const std::string& prefix,
                  const std::function<void(const KeyDoc&, const std::string&)>& visit) {
    for (const auto& child : section.children) {
        const std::string path = prefix.empty() ? child.key : prefix + "." + child.key;
        visit(child, path);
        for_each_key(child, path, visit);
    }
}

/// True when two values written in a workload file mean the same for a key of this type.
bool same_value(KeyType type, const std::string& a, const std::string& b) {
    if (a == "auto" || b == "auto") return a == b;
    switch (type) {
        case KeyType::duration:
            return util::parse_duration(a).value &&
                   util::parse_duration(a).value == util::parse_duration(b).value;
        case KeyType::size:
            return util::parse_size(a).value && util::parse_size(a).value == util::parse_size(b).value;
        case KeyType::rate:
            return util::parse_rate(a).value && util::parse_rate(a).value == util::parse_rate(b).value;
        case KeyType::money:
        case KeyType::number:
        case KeyType::integer:
        case KeyType::seed:
        case KeyType::version:
            return util::parse_number(a).value && util::parse_number(a).value == util::parse_number(b).value;
        default:
            return a == b;
    }
}

const model::YamlNode* find_path(const model::YamlNode& root, const std::string& path) {
    const model::YamlNode* node = &root;
    std::size_t start = 0;
    while (node != nullptr && node->kind == model::YamlNode::Kind::mapping) {
        const std::size_t dot = path.find('.', start);
        const auto* entry =
            node->find(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
        if (entry == nullptr) return nullptr;
        if (dot == std::string::npos) return entry->value.get();
        node = entry->value.get();
        start = dot + 1;
    }
    return nullptr;
}

/// Key paths of the table, lists without indexes (`use_cases.name`). A section that repeats a
/// top-level section (a use case's latency, computation and data) is listed, not descended.
std::map<std::string, const KeyDoc*> table_paths() {
    static const KeyDoc root = model::workload_keys();
    std::map<std::string, const KeyDoc*> top;
    for (const auto& key : root.children) top[key.key] = &key;
    const auto same_keys = [](const KeyDoc& a, const KeyDoc& b) {
        if (a.children.size() != b.children.size()) return false;
        for (std::size_t i = 0; i < a.children.size(); ++i)
            if (a.children[i].key != b.children[i].key) return false;
        return true;
    };
    std::map<std::string, const KeyDoc*> paths;
    std::function<void(const KeyDoc&, const std::string&)> walk = [&](const KeyDoc& section,
                                                                      const std::string& prefix) {
        for (const auto& child : section.children) {
            const std::string path = prefix.empty() ? child.key : prefix + "." + child.key;
            paths[path] = &child;
            const auto shared = top.find(child.key);
            if (!prefix.empty() && shared != top.end() && same_keys(*shared->second, child)) continue;
            walk(child, path);
        }
    };
    walk(root, "");
    return paths;
}

/// Key paths of a YAML tree, the same way (items of a list under the list's path).
void yaml_paths(const model::YamlNode& node, const std::string& prefix,
                std::map<std::string, const model::YamlNode*>& out) {
    using Kind = model::YamlNode::Kind;
    if (node.kind == Kind::sequence) {
        for (const auto& item : node.items) yaml_paths(*item, prefix, out);
        return;
    }
    if (node.kind != Kind::mapping) return;
    for (const auto& entry : node.entries) {
        const std::string path = prefix.empty() ? entry.key->value : prefix + "." + entry.key->value;
        out.emplace(path, entry.value.get());
        yaml_paths(*entry.value, path, out);
    }
}

/// `text` with commented-out keys (`# key: value`, `#   - key: value`) uncommented in place.
std::string uncommented(const std::string& text) {
    static const std::regex commented_key(R"(^(\s*)# ?(\s*(- )?[a-z_][a-z0-9_]*:( .*)?)$)");
    std::istringstream in(text);
    std::string out;
    for (std::string line; std::getline(in, line);)
        out += std::regex_replace(line, commented_key, "$1$2") + "\n";
    return out;
}

}  // namespace

TEST_CASE("every key of the table is described, typed and unique in its mapping", "[model][keys]") {
    const KeyDoc root = model::workload_keys();
    int keys = 0;
    std::function<void(const KeyDoc&, const std::string&)> check = [&](const KeyDoc& section,
                                                                       const std::string& prefix) {
        std::set<std::string> names;
        for (const auto& key : section.children) {
            const std::string path = prefix.empty() ? key.key : prefix + "." + key.key;
            INFO(path);
            ++keys;
            CHECK(names.insert(key.key).second);
            CHECK_FALSE(key.description.empty());
            if (key.type == KeyType::enumeration) CHECK(key.values.size() >= 2);
            if (key.type == KeyType::number || key.type == KeyType::integer) {
                CHECK(key.minimum.has_value());
                CHECK(key.maximum.has_value());
            }
            if (key.required) CHECK(key.default_value.empty());
            const bool nested =
                key.type == KeyType::mapping || key.type == KeyType::list || key.type == KeyType::failures;
            CHECK(nested == !key.children.empty());
            check(key, path);
        }
    };
    check(root, "");
    CHECK(keys >= 80);
}

TEST_CASE("the defaults of the table are the defaults of a fresh workload", "[model][keys]") {
    std::map<std::string, std::string> defaults;
    for_each_key(model::workload_keys(), "",
                 [&](const KeyDoc& key, const std::string& path) { defaults[path] = key.default_value; });
    CHECK(defaults["infrastructure.nodes"] == "auto");
    CHECK(defaults["infrastructure.batch_schedule"] == "auto");
    CHECK(defaults["infrastructure.node_memory"] == "16GiB");
    CHECK(defaults["proposal.delivery"] == "at_least_once");
    CHECK(defaults["simulation.fixed_latencies"] == "default");
    CHECK(defaults["infrastructure.node_throughput"] == "5k/s");
    CHECK(defaults["infrastructure.retention"] == "7d");
    CHECK(defaults["infrastructure.state_store"] == "rocksdb");
    CHECK(defaults["simulation.horizon"] == "7d");
    CHECK(defaults["simulation.seed"] == "1");
    CHECK(defaults["data.event_size"] == "1KiB");
    CHECK(defaults["latency.sla"].empty());   // required
    CHECK(defaults["team.on_call"].empty());  // unstated stays unstated
}

TEST_CASE("the init template shows every key of the table and its defaults, and no other key",
          "[model][keys]") {
    const std::string starter = read_source("src/cli/starter.yaml");
    const auto table = table_paths();

    // Stated keys: their values are the table's defaults (apart from the placeholders the user
    // must replace).
    const model::YamlDocument stated = model::parse_yaml(starter, "starter.yaml");
    REQUIRE(stated.errors.empty());
    REQUIRE(stated.root);
    std::map<std::string, const model::YamlNode*> active;
    yaml_paths(*stated.root, "", active);
    const std::set<std::string> placeholders{"latency", "computation", "data",
                                             "name",    "description", "version"};
    int compared = 0;
    for (const auto& [path, node] : active) {
        const auto key = table.find(path);
        if (key == table.end() || key->second->default_value.empty() ||
            node->kind != model::YamlNode::Kind::scalar || placeholders.count(path.substr(0, path.find('.'))))
            continue;
        INFO(path << ": template " << node->value << ", table " << key->second->default_value);
        CHECK(same_value(key->second->type, node->value, key->second->default_value));
        ++compared;
    }
    INFO("defaults compared: " << compared);
    CHECK(compared >= 35);

    // Stated and commented-out keys together: exactly the table's keys.
    const model::YamlDocument all = model::parse_yaml(uncommented(starter), "starter.yaml");
    REQUIRE(all.errors.empty());
    REQUIRE(all.root);
    std::map<std::string, const model::YamlNode*> shown;
    yaml_paths(*all.root, "", shown);
    for (const auto& [path, key] : table) {
        INFO("in the table, not in the template: " << path);
        CHECK(shown.count(path) == 1);
    }
    // Under a section the table lists but does not descend (a use case's latency: the same
    // keys as the top-level one), the template may show an example.
    const auto collapsed = [&table](const std::string& path) {
        for (auto dot = path.rfind('.'); dot != std::string::npos; dot = path.rfind('.', dot - 1)) {
            const std::string prefix = path.substr(0, dot);
            const auto key = table.find(prefix);
            if (key != table.end() && !key->second->children.empty()) {
                const auto next = table.upper_bound(prefix + ".");
                return next == table.end() || next->first.rfind(prefix + ".", 0) != 0;
            }
            if (dot == 0) break;
        }
        return false;
    };
    for (const auto& [path, node] : shown) {
        if (collapsed(path)) continue;
        INFO("in the template, not in the table: " << path);
        CHECK(table.count(path) == 1);
    }
}

namespace {

/// The bold words of the man page's key list (".B", ".BR", ".RB" arguments, roff quoting).
std::vector<std::string> bold_words(const std::string& section) {
    static const std::regex argument(R"re("([^"]*)"|(\S+))re");
    std::vector<std::string> words;
    std::istringstream in(section);
    for (std::string line; std::getline(in, line);) {
        int first_bold = -1;  // -1: not a bold macro; else the argument index bold starts at
        if (line.rfind(".B ", 0) == 0) first_bold = 0;
        if (line.rfind(".BR ", 0) == 0) first_bold = 0;
        if (line.rfind(".RB ", 0) == 0) first_bold = 1;
        if (first_bold < 0) continue;
        const bool alternating = line[2] == 'R' || line[1] == 'R';
        const std::string args = line.substr(line.find(' ') + 1);
        int index = 0;
        for (auto it = std::sregex_iterator(args.begin(), args.end(), argument); it != std::sregex_iterator();
             ++it, ++index) {
            if (alternating && index % 2 != first_bold) continue;
            const std::string text = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
            std::istringstream split(text);
            for (std::string word; split >> word;) {
                while (!word.empty() && std::string(",.;:?*()").find(word.back()) != std::string::npos)
                    word.pop_back();
                while (!word.empty() && word.front() == '(') word.erase(0, 1);
                if (!word.empty()) words.push_back(word);
            }
        }
    }
    return words;
}

}  // namespace

TEST_CASE("the man page's key list names every key of the table, with its default, and no other key",
          "[model][keys]") {
    const std::string man = read_source("man/pipeadvise.1");
    const auto start = man.find("Keys (defaults in brackets; * = required):");
    REQUIRE(start != std::string::npos);
    const auto end = man.find("\n.PP", start);
    REQUIRE(end != std::string::npos);
    const std::string list = man.substr(start, end - start);

    std::set<std::string> names;
    std::set<std::string> values{"none", "auto"};  // failures: none; counts and schedules: auto
    std::map<std::string, std::vector<std::pair<KeyType, std::string>>> defaults;
    for (const auto& [path, key] : table_paths()) {
        names.insert(key->key);
        for (const auto& value : key->values) values.insert(value);
        if (!key->default_value.empty()) defaults[key->key].emplace_back(key->type, key->default_value);
    }
    std::set<std::string> listed;
    for (const auto& word : bold_words(list)) {
        INFO("bold in the key list: " << word);
        // A dotted path (infrastructure.batch_schedule) names keys too.
        std::istringstream segments(word);
        bool all_keys = true;
        for (std::string segment; std::getline(segments, segment, '.');) {
            all_keys = all_keys && names.count(segment) == 1;
            listed.insert(segment);
        }
        const bool command = word == "check";
        CHECK((all_keys || values.count(word) == 1 || command));
    }
    for (const auto& name : names) {
        INFO("in the table, not in the man page's key list: " << name);
        CHECK(listed.count(name) == 1);
    }

    // ".B key" then "[default...": the default is the table's.
    static const std::regex key_then_default(R"(\n\.B ([a-z_0-9]+)\n\[([^\],\s]+))");
    int compared = 0;
    for (auto it = std::sregex_iterator(list.begin(), list.end(), key_then_default);
         it != std::sregex_iterator(); ++it) {
        const std::string key = (*it)[1].str();
        const std::string shown = (*it)[2].str();
        INFO(key << ": man page [" << shown << "]");
        REQUIRE(defaults.count(key) == 1);
        bool matches = false;
        for (const auto& [type, value] : defaults[key]) matches = matches || same_value(type, shown, value);
        CHECK(matches);
        ++compared;
    }
    CHECK(compared >= 25);
}

TEST_CASE("every scalar key of the table has an example the loader accepts", "[model][keys]") {
    const std::string base = read_source("scenarios/card-fraud-velocity.yaml");
    REQUIRE(model::load_workload_text(base, "base.yaml").workload);
    int loaded = 0;
    std::function<void(const KeyDoc&, const std::string&)> walk = [&](const KeyDoc& section,
                                                                      const std::string& prefix) {
        for (const auto& key : section.children) {
            const std::string path = prefix.empty() ? key.key : prefix + "." + key.key;
            INFO(path << " = " << key.example);
            if (key.type == KeyType::list) continue;  // items are reached by index, not by the table's path
            if (key.type == KeyType::mapping || key.type == KeyType::failures) {
                CHECK(key.example.empty());  // built from its keys' examples
                walk(key, path);
                continue;
            }
            REQUIRE_FALSE(key.example.empty());
            // The example written over the scenario's value: the loader takes it as it is.
            const model::LoadResult r =
                model::load_workload_text(base, "base.yaml", {{path, key.example, ""}});
            for (const auto& e : r.errors) UNSCOPED_INFO(e.message);
            CHECK(r.errors.empty());
            ++loaded;
        }
    };
    walk(model::workload_keys(), "");
    CHECK(loaded >= 60);
}

TEST_CASE("a value error ends with the key's example from the table", "[model][keys]") {
    const std::string base = read_source("scenarios/card-fraud-velocity.yaml");
    // A duration (its Bounds), a number and a whole number: the example each error shows is
    // the one the table documents, never a stand-in.
    const std::map<std::string, std::string> bad{{"infrastructure.checkpoint_interval", "1ms"},
                                                 {"infrastructure.target_utilisation", "2"},
                                                 {"simulation.replications", "0"},
                                                 {"infrastructure.node_memory", "1KiB"}};
    std::map<std::string, std::string> examples;
    for_each_key(model::workload_keys(), "",
                 [&](const KeyDoc& key, const std::string& path) { examples[path] = key.example; });
    for (const auto& [path, value] : bad) {
        INFO(path << " = " << value);
        const model::LoadResult r = model::load_workload_text(base, "base.yaml", {{path, value, ""}});
        REQUIRE(r.errors.size() == 1);
        REQUIRE_FALSE(examples[path].empty());
        CHECK_THAT(r.errors[0].message, Catch::Contains("e.g. " + examples[path]));
    }
}

TEST_CASE("the man page's LIMITS states the lower bounds of durations the table holds", "[model][keys]") {
    const std::string man = read_source("man/pipeadvise.1");
    const auto start = man.find("\n.B durations\n");
    REQUIRE(start != std::string::npos);
    const auto end = man.find("\n.TP", start + 1);
    REQUIRE(end != std::string::npos);
    // The paragraph as text: roff macros and quotes dropped, lines joined.
    std::string text;
    std::istringstream in(man.substr(start, end - start));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(".B durations", 0) == 0) continue;
        if (!line.empty() && line[0] == '.') line = line.substr(line.find(' ') + 1);
        line.erase(std::remove(line.begin(), line.end(), '"'), line.end());
        text += line + " ";
    }
    std::map<std::string, std::string> floors;  // key -> its minimum as a file writes it
    for (const auto& [path, key] : table_paths())
        if (key->type == KeyType::duration && key->minimum)
            floors[key->key] = util::format_duration(util::Duration{std::llround(*key->minimum * 1e9)});
    REQUIRE(floors.size() >= 7);
    for (const auto& [key, floor] : floors) {
        INFO(key << " at least " << floor << " in: " << text);
        // "KEY 1s," or "KEY and OTHER 10ms," — the key, then its floor before the next comma.
        CHECK(std::regex_search(text, std::regex("\\b" + key + "\\b[^,]*? " + floor + "[,.]")));
    }
}
