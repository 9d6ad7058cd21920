#include "pipeadvise/model/yaml_tree.hpp"

#include "pipeadvise/model/yaml_prescan.hpp"
#include "pipeadvise/util/visible.hpp"
#include "yaml_builder.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

namespace pipeadvise::model {

const YamlNode::Entry* YamlNode::find(std::string_view key) const {
    for (const auto& entry : entries)
        if (!entry.duplicate && entry.key && entry.key->kind == Kind::scalar && entry.key->value == key)
            return &entry;
    return nullptr;
}

YamlNode::Entry* YamlNode::find(std::string_view key) {
    return const_cast<Entry*>(static_cast<const YamlNode*>(this)->find(key));
}

std::string_view YamlNode::kind_name() const {
    switch (kind) {
        case Kind::null:
            return "an empty value";
        case Kind::scalar:
            return "a scalar";
        case Kind::sequence:
            return "a list";
        case Kind::mapping:
            return "a mapping";
    }
    return "a value";
}

namespace {

using namespace yaml_detail;

/// Notes where a further document starts and builds nothing.
class DocumentProbe : public YAML::EventHandler {
public:
    YAML::Mark start;
    bool started = false;
    void OnDocumentStart(const YAML::Mark& mark) override {
        start = mark;
        started = true;
        // Nothing of a second document is needed: stop before building anything.
        throw StopParse{mark, ""};
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

/// A hint when a line at or just above a syntax error is indented with a tab.
std::string tab_hint(std::string_view text, int error_line) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        lines.push_back(
            text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    for (int line = error_line; line >= 0 && line >= error_line - 2; --line) {
        if (line >= static_cast<int>(lines.size())) continue;
        for (char c : lines[static_cast<std::size_t>(line)]) {
            if (c == '\t')
                return " (line " + std::to_string(line + 1) +
                       " is indented with a tab; YAML indentation must use spaces)";
            if (c != ' ') break;
        }
    }
    return {};
}

util::Location location_of(const std::string& file, const Positions& positions, const YAML::Mark& mark) {
    auto [line, column] = positions.of(mark);
    return util::Location{file, line, column};
}

}  // namespace

YamlDocument parse_yaml(std::string_view text, std::string_view file_name) {
    YamlDocument doc;
    const std::string file(file_name);
    // A byte-order mark is invisible to positions; without it yaml-cpp's offsets are bytes of `text`.
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    // Limits yaml-cpp would only notice after tokenising (and copying) everything.
    if (auto refused = prescan_yaml(text, file_name)) {
        doc.errors.push_back(std::move(*refused));
        return doc;
    }
    const Positions positions(text);
    std::istringstream stream{std::string(text)};
    try {
        YAML::Parser parser(stream);
        TreeBuilder builder(doc.errors, file, text, positions);
        try {
            if (!parser.HandleNextDocument(builder)) return doc;
        } catch (const StopParse& stop) {
            doc.errors.push_back(util::Diagnostic{location_of(file, positions, stop.mark), stop.message});
            doc.root.reset();
            return doc;
        }
        doc.root = builder.root();
        DocumentProbe probe;
        try {
            parser.HandleNextDocument(probe);
        } catch (const StopParse&) {
        } catch (const YAML::ParserException&) {
            // A malformed second document is still a second document.
            if (!probe.started) throw;
        }
        if (probe.started)
            doc.errors.push_back(util::Diagnostic{
                location_of(file, positions, probe.start),
                "a second YAML document starts here; a workload file holds exactly one document"});
    } catch (const YAML::ParserException& e) {
        std::string message = e.msg;
        if (!message.empty())
            message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
        if (dynamic_cast<const YAML::DeepRecursion*>(&e)) message = "nesting is too deep (" + message + ")";
        doc.errors.push_back(util::Diagnostic{location_of(file, positions, e.mark),
                                              "YAML syntax error: " + message + tab_hint(text, e.mark.line)});
        doc.root.reset();
    } catch (const YAML::Exception& e) {
        doc.errors.push_back(util::Diagnostic{location_of(file, positions, e.mark), "YAML error: " + e.msg});
        doc.root.reset();
    }
    return doc;
}

}  // namespace pipeadvise::model
