// The key table of the workload format: every key once, bound to the member it fills and
// described (type, unit, bounds, default, enum values, example, one line). The loader reads
// files with these fields, `--set` resolves paths against them, and workload_keys() hands the
// same description to the schema generator, the man page test and the template test. The
// sections' keys live in keys_*.cpp (key_sections.hpp); this file puts them together.
// Adding a key is one entry there (plus its member in workload.hpp); see ARCHITECTURE.md.

#include <limits>

#include "key_sections.hpp"

namespace pipeadvise::model {

namespace loading {

namespace {

Field version_field(Reader& r, int& out) {
    Field f = scalar_field("version", "Format version; only 1 exists.", KeyType::version, out,
                           [&r](const YamlNode& n, const std::string& p) -> std::optional<int> {
                               auto v = r.integer(n, p, std::numeric_limits<int>::min(),
                                                  std::numeric_limits<int>::max(), "1");
                               if (!v) return std::nullopt;
                               if (*v != 1) {
                                   r.error(n, p,
                                           "version: unsupported version " + Reader::value_of(n) +
                                               " (this format is version 1; write version: 1)");
                                   return std::nullopt;
                               }
                               return 1;
                           });
    set_default(f, "1");
    f.doc.example = "1";
    return f;
}

}  // namespace

std::vector<Field> workload_fields(Reader& r, Workload& w, UseCase& top) {
    Field use_cases = list_field<UseCase>(
        r, "use_cases",
        "Several use cases sharing team, infrastructure, proposal and simulation; excludes top-level "
        "latency, "
        "computation and data.",
        w.use_cases, [&r](UseCase& u) { return use_case_fields(r, u); },
        [](UseCase& u, const std::string& path) { u.path = path; });
    use_cases.doc.minimum = 1;  // items
    use_cases.doc.item_description = "One use case: its own latency, computation and data.";
    use_cases.doc.rules = {"use case names are unique",
                           "a file with use_cases has no top-level latency, computation or data, and a file "
                           "without it has all three"};
    std::vector<Field> fields{
        version_field(r, w.version),
        text_field(r, "name", "Name of the workload.", "card-fraud-velocity", w.name, false, true),
        text_field(r, "description", "What the workload is for.",
                   "score card authorisations for fraud before the next one", w.description, true),
        std::move(use_cases),
        section(
            r, "team",
            "Who runs the pipeline at 2 a.m.; unstated booleans are checklist items reported as not stated.",
            true, [&r, &w] { return team_fields(r, w.team); }),
        section(r, "infrastructure", "All optional, with documented defaults (prices in USD).", false,
                [&r, &w] { return infrastructure_fields(r, w.infrastructure); }),
        section(
            r, "proposal",
            "What the team proposes, judged by `check`. Unstated checklist items are reported as not stated.",
            false, [&r, &w] { return proposal_fields(r, w.proposal); }),
        section(r, "simulation", "How the reference pipeline is simulated.", false,
                [&r, &w] { return simulation_fields(r, w.simulation); }),
    };
    // Optional here: whether the top-level latency, computation and data are required depends
    // on use_cases, a rule across keys.
    for (auto& f : use_case_body_fields(r, top, false)) fields.push_back(std::move(f));
    return fields;
}

}  // namespace loading

namespace {

KeyDoc describe(const loading::Field& field) {
    KeyDoc doc = field.doc;
    if (field.children) {
        // A section builds its child fields only when asked; documenting it builds the whole tree.
        for (const auto& child : field.children()) doc.children.push_back(describe(child));
    }
    return doc;
}

}  // namespace

std::string_view to_string(KeyType type) {
    switch (type) {
        case KeyType::boolean:
            return "boolean";
        case KeyType::text:
            return "text";
        case KeyType::duration:
            return "duration";
        case KeyType::size:
            return "size";
        case KeyType::rate:
            return "rate";
        case KeyType::money:
            return "money";
        case KeyType::number:
            return "number";
        case KeyType::integer:
            return "integer";
        case KeyType::seed:
            return "seed";
        case KeyType::enumeration:
            return "enumeration";
        case KeyType::date:
            return "date";
        case KeyType::version:
            return "version";
        case KeyType::mapping:
            return "mapping";
        case KeyType::list:
            return "list";
        case KeyType::failures:
            return "failures";
    }
    // Only reached with a value outside the enumeration.
    return "text";
}

KeyDoc workload_keys() {
    // Bound to a fresh workload, so every default is the one a file that omits the key gets.
    Workload w;
    UseCase top;
    loading::Reader r("");
    KeyDoc root;
    root.type = KeyType::mapping;
    root.description =
        "One workload per file (version 1): the use case(s) to decide batch, micro-batch or streaming for, "
        "the "
        "team, the infrastructure, an optional proposal and the simulation settings.";
    // Checked by the YAML reader before any key is read, so stated at the root.
    root.rules = {
        "duplicate keys, a second document, aliases that cycle or expand past a node budget, nesting "
        "deeper than 32 levels, YAML 1.1 booleans and octal look-alikes, files over 1 MiB, NUL bytes and "
        "invalid UTF-8 are rejected before any key is read"};
    for (const auto& f : loading::workload_fields(r, w, top)) root.children.push_back(describe(f));
    return root;
}

}  // namespace pipeadvise::model
