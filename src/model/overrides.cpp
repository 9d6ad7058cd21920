// `--set KEY=VALUE` overrides: each path is resolved against the same field table that
// reads the file (so an unknown key gets the same "did you mean"), and the value is
// spliced into the parsed tree before it is read, so it is checked exactly like a value
// written in the file and its errors cite the override.

#include "fields.hpp"

namespace pipeadvise::model::loading {

namespace {

struct PathSegment {
    std::string key;
    std::optional<std::size_t> index;
};

std::optional<std::vector<PathSegment>> split_path(std::string_view key) {
    std::vector<PathSegment> out;
    std::size_t pos = 0;
    while (pos <= key.size()) {
        std::size_t dot = key.find('.', pos);
        std::string_view part =
            key.substr(pos, dot == std::string_view::npos ? std::string_view::npos : dot - pos);
        PathSegment seg;
        std::size_t open = part.find('[');
        seg.key = std::string(part.substr(0, open));
        if (seg.key.empty()) return std::nullopt;
        if (open != std::string_view::npos) {
            if (part.back() != ']' || open + 2 >= part.size()) return std::nullopt;
            std::string_view digits = part.substr(open + 1, part.size() - open - 2);
            if (digits.size() > 6 || (digits.size() > 1 && digits[0] == '0')) return std::nullopt;
            std::size_t index = 0;
            for (char c : digits) {
                if (c < '0' || c > '9') return std::nullopt;
                index = index * 10 + static_cast<std::size_t>(c - '0');
            }
            seg.index = index;
        }
        out.push_back(std::move(seg));
        if (dot == std::string_view::npos) break;
        pos = dot + 1;
    }
    return out;
}

std::shared_ptr<YamlNode> fresh(Kind kind, const std::string& origin) {
    auto node = std::make_shared<YamlNode>();
    node->kind = kind;
    node->origin = origin;
    return node;
}

}  // namespace

std::string origin_of(const Override& o) {
    const std::string argument = o.origin.empty() ? "--set " + o.key + "=" + o.value : o.origin;
    return argument.size() <= 86 ? argument : util::quote_excerpt(argument, 86);
}

std::string apply_override(std::shared_ptr<YamlNode>& root, const Override& o,
                           const std::vector<Field>& top_fields, std::string_view file_name) {
    // Messages quote the argument; a long one is cut (and controls are escaped when printed).
    const std::string argument = o.key + "=" + o.value;
    const std::string origin = origin_of(o);
    auto segments = split_path(o.key);
    if (!segments)
        return "invalid key " + util::quote_excerpt(o.key) +
               " (expected a dotted path such as latency.sla or use_cases[0].data.volume)";

    auto parsed = parse_yaml(o.value, file_name);
    if (!parsed.errors.empty())
        return "invalid value " + util::quote_excerpt(o.value) + ": " + parsed.errors.front().message;
    std::shared_ptr<YamlNode> value = parsed.root ? parsed.root : fresh(Kind::null, origin);
    if (value->kind == Kind::sequence || value->kind == Kind::mapping)
        return "expected a single value, got " + std::string(value->kind_name()) +
               " (one value per key; whatif sweeps a comma-separated list, e.g. data.volume=1M/day,10M/day)";
    value->origin = origin;
    value->line = value->column = 0;

    std::shared_ptr<YamlNode>* slot = &root;
    std::vector<Field> fields = top_fields;
    std::string walked;
    for (std::size_t i = 0; i < segments->size(); ++i) {
        const PathSegment& seg = (*segments)[i];
        const bool last = i + 1 == segments->size();
        const Field* field = nullptr;
        std::vector<std::string> names;
        for (const auto& f : fields) {
            names.push_back(f.key);
            if (f.key == seg.key) field = &f;
        }
        if (!field) {
            std::string message =
                "unknown key '" + seg.key + "'" + (walked.empty() ? "" : " in '" + walked + "'");
            if (auto guess = util::did_you_mean(seg.key, names))
                message += "; did you mean '" + *guess + "'?";
            return message;
        }
        if (seg.index && field->shape != Shape::list) return "'" + join(walked, seg.key) + "' is not a list";
        if (!last && !seg.index && field->shape != Shape::mapping)
            return "'" + join(walked, seg.key) + "' has no keys below it" +
                   (field->shape == Shape::list ? " (it is a list: use " + seg.key + "[N])" : "");

        // The current node must be a mapping we may modify: copy it if it is shared.
        if ((*slot)->kind == Kind::null) *slot = fresh(Kind::mapping, origin);
        if ((*slot)->kind != Kind::mapping)
            return "cannot set '" + o.key + "': '" + (walked.empty() ? std::string("the workload") : walked) +
                   "' is not a mapping in the file";
        *slot = std::make_shared<YamlNode>(**slot);
        YamlNode::Entry* entry = (*slot)->find(seg.key);
        if (!entry) {
            if (seg.index)
                return "cannot set '" + o.key + "': the file has no '" + join(walked, seg.key) + "' list";
            auto key_node = fresh(Kind::scalar, origin);
            key_node->value = seg.key;
            (*slot)->entries.push_back(YamlNode::Entry{key_node, fresh(Kind::null, origin), false});
            entry = &(*slot)->entries.back();
        }
        walked = join(walked, seg.key);
        slot = &entry->value;
        if (seg.index) {
            if ((*slot)->kind != Kind::sequence || *seg.index >= (*slot)->items.size())
                return "cannot set '" + o.key + "': '" + walked + "' has no item " +
                       std::to_string(*seg.index);
            *slot = std::make_shared<YamlNode>(**slot);
            slot = &(*slot)->items[*seg.index];
            walked = indexed(walked, *seg.index);
        }
        if (last) {
            // The new node carries the position of its --set argument, so a message about the value
            // points at the command line, not at the line of the file it replaces.
            *slot = value;
            return {};
        }
        fields = field->children();
    }
    return {};
}

}  // namespace pipeadvise::model::loading
