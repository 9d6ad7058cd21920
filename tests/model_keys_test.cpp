#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "pipeadvise/model/keys.hpp"
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
    switch (type) {
        case KeyType::duration:
            return util::parse_duration(a).value == util::parse_duration(b).value;
        case KeyType::size:
            return util::parse_size(a).value == util::parse_size(b).value;
        case KeyType::rate:
            return util::parse_rate(a).value == util::parse_rate(b).value;
        case KeyType::money:
        case KeyType::number:
        case KeyType::integer:
        case KeyType::seed:
        case KeyType::version:
            return util::parse_number(a).value == util::parse_number(b).value;
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
    CHECK(defaults["infrastructure.nodes"] == "10");
    CHECK(defaults["infrastructure.node_throughput"] == "5k/s");
    CHECK(defaults["infrastructure.retention"] == "7d");
    CHECK(defaults["infrastructure.state_store"] == "rocksdb");
    CHECK(defaults["simulation.horizon"] == "7d");
    CHECK(defaults["simulation.seed"] == "1");
    CHECK(defaults["data.event_size"] == "1KiB");
    CHECK(defaults["latency.sla"].empty());   // required
    CHECK(defaults["team.on_call"].empty());  // unstated stays unstated
}

TEST_CASE("the init template states the table's defaults", "[model][keys]") {
    const std::string starter = read_source("src/cli/starter.yaml");
    const model::YamlDocument doc = model::parse_yaml(starter, "starter.yaml");
    REQUIRE(doc.errors.empty());
    REQUIRE(doc.root);
    int compared = 0;
    // Sections the template shows with placeholder values the user must replace.
    const std::set<std::string> placeholders{"latency", "computation", "data",
                                             "name",    "description", "version"};
    for_each_key(model::workload_keys(), "", [&](const KeyDoc& key, const std::string& path) {
        if (key.default_value.empty() || placeholders.count(path.substr(0, path.find('.')))) return;
        const model::YamlNode* value = find_path(*doc.root, path);
        if (value == nullptr || value->kind != model::YamlNode::Kind::scalar) return;
        INFO(path << ": template " << value->value << ", table " << key.default_value);
        CHECK(same_value(key.type, value->value, key.default_value));
        ++compared;
    });
    CHECK(compared >= 20);
}

TEST_CASE("the man page lists every key of the table", "[model][keys]") {
    const std::string man = read_source("man/pipeadvise.1");
    const auto start = man.find(".SH THE WORKLOAD FILE");
    const auto end = man.find(".SH EXIT STATUS");
    REQUIRE(start != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string section = man.substr(start, end - start);
    for_each_key(model::workload_keys(), "", [&](const KeyDoc& key, const std::string& path) {
        INFO(path);
        // Keys are set in bold as whole words: ".B key", ".BR key ..." or inside a quoted run.
        bool found = false;
        for (std::size_t at = section.find(key.key); at != std::string::npos && !found;
             at = section.find(key.key, at + 1)) {
            const char before = at == 0 ? ' ' : section[at - 1];
            const std::size_t after_at = at + key.key.size();
            const char after = after_at < section.size() ? section[after_at] : ' ';
            found = !(std::isalnum(static_cast<unsigned char>(before)) || before == '_') &&
                    !(std::isalnum(static_cast<unsigned char>(after)) || after == '_');
        }
        CHECK(found);
    });
}
