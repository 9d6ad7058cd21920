#pragma once

// Private to src/model: the tree builder behind parse_yaml. It turns yaml-cpp's parser events
// into a YamlNode tree with 1-based character positions, and enforces the loader's limits
// (nodes, depth, aliases, sizes) as it goes, so an unsafe document stops before it is built.

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "pipeadvise/model/yaml_tree.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::model::yaml_detail {

/// Stops the parse: a limit was passed or the structure is unsafe to build.
struct StopParse {
    YAML::Mark mark;
    std::string message;
};

inline std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) {
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

inline std::string position(int line, int column) {
    return std::to_string(line) + ":" + std::to_string(column);
}

/// Turns yaml-cpp marks (0-based line, byte column and byte offset) into 1-based line and
/// character column, so that positions agree with the UTF-8 check and with editors.
class Positions {
public:
    explicit Positions(std::string_view text) : m_text(text) {
        bool ascii = true;
        for (char c : text)
            if (static_cast<unsigned char>(c) >= 0x80) ascii = false;
        if (ascii) return;
        // chars_before[i]: characters in text[0, i); continuation bytes do not start one.
        m_chars_before.resize(text.size() + 1, 0);
        for (std::size_t i = 0; i < text.size(); ++i)
            m_chars_before[i + 1] =
                m_chars_before[i] + ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 ? 0 : 1);
    }

    std::pair<int, int> of(const YAML::Mark& mark) const {
        if (mark.is_null() || mark.line < 0) return {0, 0};
        const int line = mark.line + 1;
        const int byte_column = mark.column + 1;
        if (m_chars_before.empty() || mark.pos < mark.column ||
            static_cast<std::size_t>(mark.pos) > m_text.size())
            return {line, byte_column};
        const auto pos = static_cast<std::size_t>(mark.pos);
        const auto line_start = pos - static_cast<std::size_t>(mark.column);
        return {line, static_cast<int>(m_chars_before[pos] - m_chars_before[line_start]) + 1};
    }

private:
    std::string_view m_text;
    std::vector<std::uint32_t> m_chars_before;
};

/// Builds a YamlNode tree from parser events, enforcing the limits as it goes.
class TreeBuilder : public YAML::EventHandler {
public:
    TreeBuilder(std::vector<util::Diagnostic>& errors, std::string file, std::string_view text,
                const Positions& positions)
        : m_errors(errors), m_file(std::move(file)), m_text(text), m_positions(positions) {}

    std::shared_ptr<YamlNode> root() const { return m_root; }

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto node = make(YamlNode::Kind::null, mark);
        attach(node, mark);
        remember(anchor, node);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        m_aliases = true;
        if (m_open_anchors.count(anchor))
            throw StopParse{mark, "alias '*" + anchor_name(anchor) +
                                      "' refers to a node that contains it (an alias cycle)"};
        auto it = m_anchors.find(anchor);
        if (it == m_anchors.end()) throw StopParse{mark, "alias refers to an undefined anchor"};
        std::shared_ptr<YamlNode> target = it->second;
        if (static_cast<int>(m_stack.size()) + target->height > k_max_yaml_depth)
            throw StopParse{mark, "nesting is too deep: alias '*" + anchor_name(anchor) + "' expands past " +
                                      std::to_string(k_max_yaml_depth) + " levels"};
        if (target->kind == YamlNode::Kind::scalar || target->kind == YamlNode::Kind::null) {
            // Scalars are copied so that messages point at the alias, not the anchor.
            auto copy = std::make_shared<YamlNode>(*target);
            std::tie(copy->line, copy->column) = m_positions.of(mark);
            target = copy;
        }
        attach(target, mark);
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        auto node = make(YamlNode::Kind::scalar, mark);
        if (value.size() > k_max_yaml_scalar_bytes)
            throw StopParse{mark, "a value of " + std::to_string(value.size()) + " bytes starting " +
                                      util::quote_excerpt(value, 40) + " is longer than the limit of " +
                                      std::to_string(k_max_yaml_scalar_bytes) + " bytes"};
        node->value = value;
        // yaml-cpp marks plain scalars "?" and quoted/block ones "!"; anything else is an
        // explicit tag (`!!str`), which a workload file has no use for.
        if (tag != "?" && tag != "!")
            report(mark, "YAML tags ('" + tag + "') are not allowed in a workload file");
        node->plain = tag == "?";
        if (!node->plain) check_terminated(mark);
        attach(node, mark);
        remember(anchor, node);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(YamlNode::Kind::sequence, mark, tag, anchor);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(YamlNode::Kind::mapping, mark, tag, anchor);
    }
    void OnMapEnd() override { close(); }

    void OnAnchor(const YAML::Mark&, const std::string& name) override { m_anchor_names.push_back(name); }

private:
    struct Open {
        std::shared_ptr<YamlNode> node;
        YAML::anchor_t anchor;
        std::shared_ptr<YamlNode> pending_key;
    };

    std::shared_ptr<YamlNode> make(YamlNode::Kind kind, const YAML::Mark& mark) {
        auto node = std::make_shared<YamlNode>();
        node->kind = kind;
        std::tie(node->line, node->column) = m_positions.of(mark);
        return node;
    }

    void report(const YAML::Mark& mark, std::string message) {
        auto [line, column] = m_positions.of(mark);
        m_errors.push_back(util::Diagnostic{util::Location{m_file, line, column}, std::move(message)});
    }

    std::string anchor_name(YAML::anchor_t anchor) const {
        // yaml-cpp numbers anchors from 1 in the order it reports their names.
        if (anchor >= 1 && anchor <= m_anchor_names.size()) return m_anchor_names[anchor - 1];
        return std::to_string(anchor);
    }

    /// yaml-cpp 0.7 lets a quoted scalar run to the end of the input: find its closing quote.
    void check_terminated(const YAML::Mark& mark) const {
        if (mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= m_text.size()) return;
        const char quote = m_text[static_cast<std::size_t>(mark.pos)];
        if (quote != '"' && quote != '\'') return;  // a block scalar (| or >)
        for (std::size_t i = static_cast<std::size_t>(mark.pos) + 1; i < m_text.size(); ++i) {
            if (quote == '"' && m_text[i] == '\\') {
                ++i;
            } else if (m_text[i] == quote) {
                if (quote == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
                    ++i;  // '' is an escaped quote inside single quotes
                    continue;
                }
                return;
            }
        }
        throw StopParse{mark, std::string("unterminated quoted string: no closing ") + quote +
                                  " before the end of the file"};
    }

    void count(std::uint64_t nodes, const YAML::Mark& mark) {
        m_total = saturating_add(m_total, nodes);
        if (m_total <= k_max_yaml_nodes) return;
        // The "billion laughs" wording only where aliases did the expanding.
        if (m_aliases)
            throw StopParse{mark, "aliases expand the document past " + std::to_string(k_max_yaml_nodes) +
                                      " nodes (a 'billion laughs' structure?)"};
        throw StopParse{mark, "the document has more than " + std::to_string(k_max_yaml_nodes) +
                                  " nodes (the limit; a workload file needs a few hundred)"};
    }

    void attach(const std::shared_ptr<YamlNode>& node, const YAML::Mark& mark) {
        count(node->expanded_size, mark);
        if (m_stack.empty()) {
            m_root = node;
            return;
        }
        Open& top = m_stack.back();
        top.node->expanded_size = saturating_add(top.node->expanded_size, node->expanded_size);
        if (top.node->kind == YamlNode::Kind::sequence) {
            top.node->items.push_back(node);
        } else if (!top.pending_key) {
            top.pending_key = node;
        } else {
            top.node->entries.push_back(YamlNode::Entry{top.pending_key, node, false});
            top.pending_key.reset();
        }
    }

    void open(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor) {
        if (static_cast<int>(m_stack.size()) >= k_max_yaml_depth)
            throw StopParse{
                mark, "nesting is too deep (more than " + std::to_string(k_max_yaml_depth) + " levels)"};
        if (tag != "?" && tag != "!" && !tag.empty())
            report(mark, "YAML tags ('" + tag + "') are not allowed in a workload file");
        auto node = make(kind, mark);
        // The node's own size is counted now; its children are counted as they arrive.
        attach_open(node, mark);
        if (anchor) m_open_anchors.insert(anchor);
        m_stack.push_back(Open{node, anchor, nullptr});
    }

    /// Links a collection into its parent when it starts (file order), before its size is known.
    void attach_open(const std::shared_ptr<YamlNode>& node, const YAML::Mark& mark) {
        count(1, mark);
        if (m_stack.empty()) {
            m_root = node;
            return;
        }
        Open& top = m_stack.back();
        if (top.node->kind == YamlNode::Kind::sequence) {
            top.node->items.push_back(node);
        } else if (!top.pending_key) {
            top.pending_key = node;
        } else {
            top.node->entries.push_back(YamlNode::Entry{top.pending_key, node, false});
            top.pending_key.reset();
        }
    }

    void close() {
        Open done = std::move(m_stack.back());
        m_stack.pop_back();
        auto& node = *done.node;
        int child_height = 0;
        for (const auto& item : node.items) child_height = std::max(child_height, item->height);
        for (const auto& entry : node.entries) child_height = std::max(child_height, entry.value->height);
        node.height = child_height + 1;
        if (!m_stack.empty())
            m_stack.back().node->expanded_size =
                saturating_add(m_stack.back().node->expanded_size, node.expanded_size);
        if (node.kind == YamlNode::Kind::mapping) flag_duplicates(node);
        if (done.anchor) {
            m_open_anchors.erase(done.anchor);
            m_anchors[done.anchor] = done.node;
        }
    }

    /// Reported when the mapping is complete: yaml-cpp may open a speculative flow mapping
    /// inside an unclosed `[` that a later syntax error abandons.
    void flag_duplicates(YamlNode& node) {
        std::map<std::string, const YamlNode*> first;
        for (auto& entry : node.entries) {
            if (!entry.key) continue;
            if (entry.key->kind != YamlNode::Kind::scalar) {
                m_errors.push_back(util::Diagnostic{
                    util::Location{m_file, entry.key->line, entry.key->column},
                    entry.key->kind == YamlNode::Kind::null
                        ? std::string("empty mapping key")
                        : "mapping keys must be plain names, not " + std::string(entry.key->kind_name())});
                continue;
            }
            auto [it, inserted] = first.emplace(entry.key->value, entry.key.get());
            if (inserted) continue;
            entry.duplicate = true;
            m_errors.push_back(util::Diagnostic{util::Location{m_file, entry.key->line, entry.key->column},
                                                "duplicate key '" + entry.key->value +
                                                    "' (first defined at " +
                                                    position(it->second->line, it->second->column) + ")"});
        }
    }

    void remember(YAML::anchor_t anchor, const std::shared_ptr<YamlNode>& node) {
        if (anchor) m_anchors[anchor] = node;
    }

    std::vector<util::Diagnostic>& m_errors;
    std::string m_file;
    std::string_view m_text;
    const Positions& m_positions;
    std::shared_ptr<YamlNode> m_root;
    std::vector<Open> m_stack;
    std::map<YAML::anchor_t, std::shared_ptr<YamlNode>> m_anchors;
    std::set<YAML::anchor_t> m_open_anchors;
    std::vector<std::string> m_anchor_names;
    std::uint64_t m_total = 0;
    bool m_aliases = false;  ///< an alias was seen (for the wording of the node-budget error)
};

}  // namespace pipeadvise::model::yaml_detail
