// `.pipeadvise.yaml`: defaults shared by every proposal of a repository, as Spectral's
// .spectral.yaml and checkov's .checkov.yaml hold them. Found upward from the working
// directory (or named with --config); flags on the command line win over it.
//
//   check:
//     fail_on: warning
//     format: [text, sarif=pipeadvise.sarif]   # one or several --format F[=FILE]
//     no_simulate: true
//   waivers:                                   # shared by every checked file
//     - id: no-dead-letter-queue
//       reason: the platform's DLQ is configured centrally
//       expires: 2027-06-30

#include <algorithm>
#include <filesystem>
#include <map>

#include <yaml-cpp/yaml.h>

#include "command.hpp"
#include "pipeadvise/util/date.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/util/spelling.hpp"

namespace pipeadvise::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* k_config_name = ".pipeadvise.yaml";

class ConfigReader {
public:
    explicit ConfigReader(std::string file) : m_file(std::move(file)) {}

    [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
        throw util::Error(std::vector<util::Diagnostic>{util::Diagnostic{location(node), message}});
    }

    util::Location location(const YAML::Node& node) const {
        const YAML::Mark mark = node.Mark();
        return util::Location{m_file, mark.line + 1, mark.column + 1};
    }

    std::string scalar(const YAML::Node& node, const std::string& key) const {
        if (!node.IsScalar()) fail(node, key + " must be a single value");
        return node.Scalar();
    }

    void check_keys(const YAML::Node& map, const std::vector<std::string>& known,
                    const std::string& where) const {
        if (!map.IsMap()) fail(map, where + " must be a mapping");
        for (const auto& kv : map) {
            const std::string key = kv.first.Scalar();
            if (std::find(known.begin(), known.end(), key) != known.end()) continue;
            std::string message = "unknown key '" + key + "' in " + where;
            if (auto guess = util::did_you_mean(key, known)) message += "; did you mean '" + *guess + "'?";
            fail(kv.first, message);
        }
    }

    const std::string& file() const { return m_file; }

private:
    std::string m_file;
};

std::optional<std::string> find_upward() {
    std::error_code ec;
    fs::path dir = fs::current_path(ec);
    if (ec) return std::nullopt;
    for (;;) {
        const fs::path candidate = dir / k_config_name;
        if (fs::is_regular_file(candidate, ec)) return candidate.string();
        if (!dir.has_parent_path() || dir.parent_path() == dir) return std::nullopt;
        dir = dir.parent_path();
    }
}

}  // namespace

ProjectConfig load_project_config(const std::optional<std::string>& explicit_path) {
    ProjectConfig config;
    const std::optional<std::string> path = explicit_path ? explicit_path : find_upward();
    if (!path) return config;
    config.file = *path;
    const std::string text = util::read_input_file(*path);
    const ConfigReader r(*path);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw util::Error(std::vector<util::Diagnostic>{
            util::Diagnostic{util::Location{*path, e.mark.line + 1, e.mark.column + 1}, e.msg}});
    }
    if (root.IsNull()) return config;
    r.check_keys(root, {"check", "waivers"}, "the configuration");
    if (const YAML::Node check = root["check"]) {
        r.check_keys(check, {"fail_on", "format", "no_simulate"}, "check");
        if (check["fail_on"]) config.fail_on = r.scalar(check["fail_on"], "check.fail_on");
        if (const YAML::Node format = check["format"]) {
            if (format.IsSequence()) {
                for (const auto& f : format) config.formats.push_back(r.scalar(f, "check.format[]"));
            } else {
                config.formats.push_back(r.scalar(format, "check.format"));
            }
        }
        if (const YAML::Node ns = check["no_simulate"]) {
            const std::string v = r.scalar(ns, "check.no_simulate");
            if (v != "true" && v != "false")
                r.fail(ns, "check.no_simulate must be true or false, got '" + v + "'");
            config.no_simulate = v == "true";
        }
    }
    if (const YAML::Node waivers = root["waivers"]) {
        if (!waivers.IsSequence()) r.fail(waivers, "waivers must be a list of {id, reason, expires}");
        for (std::size_t i = 0; i < waivers.size(); ++i) {
            const YAML::Node w = waivers[i];
            const std::string base = "waivers[" + std::to_string(i) + "]";
            r.check_keys(w, {"id", "reason", "expires"}, base);
            model::Waiver waiver;
            waiver.path = base;
            for (const char* key : {"id", "reason", "expires"}) {
                if (!w[key]) r.fail(w, base + " needs '" + key + "' (id, reason and expires: YYYY-MM-DD)");
                config.locations[base + "." + key] = r.location(w[key]);
            }
            config.locations[base] = r.location(w);
            waiver.id = r.scalar(w["id"], base + ".id");
            waiver.reason = r.scalar(w["reason"], base + ".reason");
            const std::string expires = r.scalar(w["expires"], base + ".expires");
            const auto date = util::parse_date(expires);
            if (!date)
                r.fail(w["expires"],
                       base + ".expires must be a date YYYY-MM-DD (e.g. 2027-06-30), got '" + expires + "'");
            waiver.expires = *date;
            config.waivers.push_back(std::move(waiver));
        }
    }
    return config;
}

void apply_config_waivers(const ProjectConfig& config, std::vector<model::Workload>& workloads) {
    for (model::Workload& w : workloads) {
        for (const auto& waiver : config.waivers) w.proposal.waivers.push_back(waiver);
        for (const auto& [path, location] : config.locations) w.locations[path] = location;
    }
}

void drop_shared_waiver_unused(const ProjectConfig& config,
                               std::vector<evaluation::Evaluation>& evaluations) {
    if (config.waivers.empty()) return;
    // A shared waiver is meant for some files only: that it matches nothing in one file is no
    // news. It is reported only when it matches nothing in any file of the run.
    std::map<std::string, std::size_t> unused;  // waiver path -> files where unused
    for (const auto& e : evaluations) {
        for (const auto& f : e.advice.findings) {
            if (f.id == "waiver-unused" && f.path.starts_with("waivers[")) ++unused[f.path];
        }
    }
    // Expired or unknown shared waivers are reported once per run, in the first file.
    for (auto& e : evaluations) {
        const bool first = &e == &evaluations.front();
        std::erase_if(e.advice.findings, [&](const advisor::Finding& f) {
            if (!f.path.starts_with("waivers[")) return false;
            if (!first) return true;
            return f.id == "waiver-unused" && unused[f.path] < evaluations.size();
        });
    }
}

}  // namespace pipeadvise::cli
