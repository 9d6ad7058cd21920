#include "pipeadvise/model/loader.hpp"

#include <algorithm>

#include "fields.hpp"
#include "pipeadvise/util/visible.hpp"

// Loading runs in a fixed order, each step on what the previous one accepted: the file is
// read with its size and encoding checked (util::read_input_file) before any YAML parser
// sees it; the strict YAML reader builds a tree (duplicates, aliases, depth); overrides are
// spliced into that tree; the key table reads every key, collecting all errors; and only
// then do the rules across keys run, skipping keys that already failed so that one mistake
// is reported once.

namespace pipeadvise::model {

namespace {

using namespace loading;

/// Kinds of computation that keep state across events by definition.
bool kind_keeps_state(ComputationKind kind) {
    return kind == ComputationKind::windowed_aggregation || kind == ComputationKind::sessionization ||
           kind == ComputationKind::stream_join || kind == ComputationKind::full_history;
}

/// Keys that contradict each other (spec §9): an input error at the second key, citing the first.
void check_contradictions(Reader& r, const Workload& w, const UseCase& u) {
    const std::string prefix = u.path.empty() ? "" : u.path + ".";
    const std::string stateful = prefix + "computation.stateful";
    const std::string kind = prefix + "computation.kind";
    const std::string state_size = prefix + "computation.state_size";
    const std::string target = prefix + "latency.attainment_target";
    if (r.failed(stateful)) return;
    const Computation& c = u.computation;
    auto at = [&](const std::string& path) {
        if (auto it = w.origins.find(path); it != w.origins.end()) return "from " + it->second;
        const Location l = w.location_of(path);
        return "at " + position(l.line, l.column);
    };
    if (c.kind && w.states(kind) && !r.failed(kind)) {
        if (c.stateful && *c.kind == ComputationKind::stateless)
            r.error_on(w, kind, kind,
                       kind + ": 'stateless' contradicts " + stateful + ": true (" + at(stateful) +
                           "); a stateful computation needs a stateful kind, or set stateful: false");
        if (!c.stateful && kind_keeps_state(*c.kind))
            r.error_on(w, kind, kind,
                       kind + ": '" + std::string(to_string(*c.kind)) +
                           "' keeps state across events, which contradicts " + stateful + ": false (" +
                           at(stateful) + "); set stateful: true or a stateless kind");
    }
    if (!c.stateful && c.state_size_bytes > 0 && w.states(state_size) && !r.failed(state_size))
        r.error_on(w, state_size, state_size,
                   state_size + ": " + util::format_size(c.state_size_bytes) + " of state contradicts " +
                       stateful + ": false (" + at(stateful) + "); a stateless computation holds no state");
    if (w.states(target) && !r.failed(target) && u.latency.attainment_target <= 0.0)
        r.error_on(w, target, target,
                   target + ": must be above 0 (got " + util::format_number(u.latency.attainment_target) +
                       "; the share of events that must meet the SLA, a number up to 1, e.g. 0.99)");
}

void check_use_case(Reader& r, const Workload& w, const UseCase& u) {
    check_contradictions(r, w, u);
    const std::string base = u.path.empty() ? "data.late_arrivals" : u.path + ".data.late_arrivals";
    const auto& late = u.data.late_arrivals;
    if (!w.states(base) || r.failed(base + ".fraction") || r.failed(base + ".p50") || r.failed(base + ".p99"))
        return;
    if (late.fraction > 0.0) {
        for (const char* key : {"p50", "p99"})
            if (!w.states(base + "." + key))
                r.error_on(w, base, base + "." + key,
                           "missing required key '" + std::string(key) + "' in '" + base +
                               "' (needed when fraction is above 0)");
        if (w.states(base + ".p50") && late.p50.ns == 0)
            r.error_on(w, base + ".p50", base + ".p50",
                       base + ".p50: must be greater than zero when fraction is above 0 (got " +
                           util::format_duration(late.p50) + "; a duration, e.g. 30s)");
    }
    if (w.states(base + ".p50") && w.states(base + ".p99") && late.p99 < late.p50)
        r.error_on(w, base + ".p99", base + ".p99",
                   base + ".p99 (" + util::format_duration(late.p99) + ") must not be less than p50 (" +
                       util::format_duration(late.p50) + ")");
}

void check_workload(Reader& r, Workload& w, const YamlNode& root) {
    const Infrastructure& infra = w.infrastructure;
    if ((w.states("infrastructure.log_hop_p50") || w.states("infrastructure.log_hop_p99")) &&
        !r.failed("infrastructure.log_hop_p50") && !r.failed("infrastructure.log_hop_p99") &&
        (infra.log_hop_p50.ns <= 0 || infra.log_hop_p99 < infra.log_hop_p50))
        r.error_on(w, "infrastructure.log_hop_p99", "infrastructure.log_hop_p99",
                   "infrastructure.log_hop_p99 (" + util::format_duration(infra.log_hop_p99) +
                       ") must not be less than log_hop_p50 (" + util::format_duration(infra.log_hop_p50) +
                       "), which must be greater than zero");
    if (w.has_use_cases) {
        for (const char* key : {"latency", "computation", "data"})
            if (const auto* entry = root.find(key))
                r.error(*entry->key, key,
                        "'" + std::string(key) +
                            "' cannot be used together with 'use_cases' (each use case has its own " + key +
                            ")");
        if (w.use_cases.empty() && !r.failed("use_cases"))
            r.error_on(w, "use_cases", "use_cases", "use_cases: must list at least one use case");
        std::map<std::string, std::string> names;
        for (const auto& u : w.use_cases) {
            if (u.name.empty()) continue;
            auto [it, inserted] = names.emplace(u.name, u.path);
            if (!inserted) {
                Location first = w.location_of(it->second + ".name");
                r.error_on(w, u.path + ".name", u.path + ".name",
                           "duplicate use case name '" + u.name + "' (first used at " +
                               position(first.line, first.column) + ")");
            }
        }
    } else {
        // Without use_cases the top level carries the one use case's parts.
        for (const char* key : {"latency", "computation", "data"})
            if (!root.find(key) && !r.failed(key))
                r.error(root, key, "missing required key '" + std::string(key) + "'");
    }
    for (const auto& u : w.use_cases) check_use_case(r, w, u);

    const auto& drills = w.simulation.failures.drills;
    if (!r.failed("simulation.horizon")) {
        for (std::size_t i = 0; i < drills.size(); ++i) {
            const std::string path = indexed("simulation.failures.drills", i);
            if (r.failed(path + ".at") || r.failed(path + ".outage")) continue;
            const Duration horizon = w.simulation.horizon;
            if (drills[i].at >= horizon) {
                r.error_on(w, path + ".at", path + ".at",
                           path + ".at (" + util::format_duration(drills[i].at) +
                               ") is outside the simulated horizon (" + util::format_duration(horizon) + ")");
            } else if (drills[i].outage.ns > horizon.ns - drills[i].at.ns) {
                r.error_on(w, path + ".outage", path + ".outage",
                           path + ": the outage ends at " + util::format_duration(drills[i].at) + " + " +
                               util::format_duration(drills[i].outage) + ", past the simulated horizon (" +
                               util::format_duration(horizon) + ")");
            }
        }
    }
}

}  // namespace

LoadResult load_workload_text(std::string_view text, std::string_view file_name,
                              const std::vector<Override>& overrides) {
    const std::string file(file_name);
    LoadResult result;
    YamlDocument doc = parse_yaml(text, file_name);
    if (!doc.errors.empty() && !doc.root) {
        result.errors = std::move(doc.errors);
        return result;
    }
    if (!doc.root || doc.root->kind == Kind::null) {
        result.errors = std::move(doc.errors);
        result.errors.push_back(
            util::Diagnostic{Location{file, 1, 1}, "empty workload (the file holds no keys)"});
        return result;
    }

    Workload w;
    w.file = file;
    UseCase top;
    Reader r(file);
    for (auto& e : doc.errors) r.errors().push_back(std::move(e));

    if (doc.root->kind != Kind::mapping) {
        r.error(
            *doc.root, "",
            "the top level of a workload file must be a mapping of keys, got " + Reader::describe(*doc.root));
        result.errors = std::move(r.errors());
        return result;
    }

    {
        // Override paths are checked against the same field lists that read the file.
        Workload shape_w;
        UseCase shape_top;
        Reader shape_r(file);
        const std::vector<Field> shape = workload_fields(shape_r, shape_w, shape_top);
        for (const auto& o : overrides) {
            std::string message = apply_override(doc.root, o, shape, file_name);
            // The value is not in the file: no line and column, the argument names it.
            if (!message.empty())
                r.errors().push_back(util::Diagnostic{Location{file, 0, 0}, origin_of(o) + ": " + message});
        }
    }

    r.read_mapping(*doc.root, *doc.root, "", workload_fields(r, w, top));
    w.locations = r.locations();
    w.origins = r.origins();
    w.has_use_cases = w.states("use_cases");
    w.proposal.present = w.states("proposal");
    if (!w.has_use_cases) {
        top.name = w.name;
        top.path.clear();
        w.use_cases.assign(1, top);
    }
    for (const auto& [path, location] : w.locations)
        if (path.rfind("infrastructure.", 0) == 0) w.infrastructure.stated.push_back(path);
    check_workload(r, w, *doc.root);

    if (!r.errors().empty()) {
        std::stable_sort(r.errors().begin(), r.errors().end(),
                         [](const util::Diagnostic& a, const util::Diagnostic& b) {
                             return std::pair(a.location.line, a.location.column) <
                                    std::pair(b.location.line, b.location.column);
                         });
        result.errors = std::move(r.errors());
        return result;
    }
    result.workload = std::move(w);
    return result;
}

}  // namespace pipeadvise::model
