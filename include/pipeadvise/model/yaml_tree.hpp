#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "pipeadvise/util/diagnostic.hpp"

/// A strict YAML reader for workload files: it builds a small tree of its own from the
/// parser's events, so it can reject what yaml-cpp 0.7 accepts silently (duplicate keys,
/// a second document, alias cycles and alias bombs, deep nesting) and keep the source
/// position and quoting of every scalar.
namespace pipeadvise::model {

/// Deepest nesting of mappings/sequences accepted (the workload format needs 5).
inline constexpr int k_max_yaml_depth = 32;
/// Most nodes a document may hold once every alias is expanded (billion-laughs guard).
inline constexpr std::uint64_t k_max_yaml_nodes = 100'000;

/// One node of the tree. Collections reached through an alias are shared, never copied.
struct YamlNode {
    enum class Kind { null, scalar, sequence, mapping };
    struct Entry {
        std::shared_ptr<YamlNode> key;
        std::shared_ptr<YamlNode> value;
        bool duplicate = false;  ///< a repeated key, already reported; readers skip it
    };

    Kind kind = Kind::null;
    int line = 0;                                  ///< 1-based; 0 for nodes created by an override
    int column = 0;                                ///< 1-based; 0 for nodes created by an override
    std::string value;                             ///< scalar text
    bool plain = true;                             ///< false for quoted and block scalars
    std::string origin;                            ///< "--set KEY=VALUE" for nodes created by an override
    std::vector<std::shared_ptr<YamlNode>> items;  ///< sequence items
    std::vector<Entry> entries;                    ///< mapping entries in file order
    std::uint64_t expanded_size = 1;  ///< nodes in this subtree with aliases expanded (saturating)
    int height = 0;                   ///< nesting levels below and including this node

    /// The first non-duplicate entry whose key is `key`, or nullptr.
    const Entry* find(std::string_view key) const;
    Entry* find(std::string_view key);
    /// "a mapping", "a list", "an empty value" or "a scalar", for messages.
    std::string_view kind_name() const;
};

/// Outcome of reading one YAML text: a root (null for an empty document) and every error.
struct YamlDocument {
    std::shared_ptr<YamlNode> root;
    std::vector<util::Diagnostic> errors;
};

/// Parses `text` as exactly one YAML document. Errors cite `file_name` with 1-based
/// line:column; an empty or comments-only text yields a null root and no error.
YamlDocument parse_yaml(std::string_view text, std::string_view file_name);

}  // namespace pipeadvise::model
