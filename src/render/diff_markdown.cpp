#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render::detail {

namespace {

std::string seconds_or_na(const std::optional<double>& v) {
    return v ? util::format_seconds(*v) : std::string("n/a");
}

std::string finding_item(const advisor::Finding& f) {
    std::string out = "- **" + std::string(advisor::to_string(f.severity)) + "** `" + f.id + "`";
    if (!f.use_case.empty()) out += " [" + escape_markdown(f.use_case) + "]";
    if (!f.path.empty()) out += " at `" + f.path + "`";
    if (f.suppressed) out += " (suppressed)";
    return out + ": " + escape_markdown(f.message) + "\n";
}

}  // namespace

std::string diff_markdown(const evaluation::Diff& d, const RenderOptions&) {
    std::string out = "# pipeadvise diff\n\n";
    if (d.recommended_monthly_usd.before || d.recommended_monthly_usd.after) {
        out += "Monthly cost of the recommended architecture: **" +
               describe_money_change(d.recommended_monthly_usd) + "**\n\n";
    }
    out += "Recommendation: `" + std::string(model::to_string(d.old_architecture)) + "` → `" +
           std::string(model::to_string(d.new_architecture)) + "`" +
           (d.recommendation_changed() ? " (**changed**)" : " (unchanged)") + "\n\n";

    if (!d.modes.empty()) {
        out += "| mode | part | before | after | change |\n| --- | --- | ---: | ---: | ---: |\n";
        for (const auto& m : d.modes) {
            const std::string mode(pipeline::to_string(m.mode));
            const std::pair<const char*, const evaluation::Change*> parts[] = {
                {"compute", &m.compute},
                {"infrastructure", &m.infrastructure},
                {"storage", &m.storage},
                {"engineering", &m.engineering},
                {"**total**", &m.total}};
            for (const auto& [name, change] : parts) {
                out += "| " + mode + " | " + name + " | " + money_or_na(change->before) + " | " +
                       money_or_na(change->after) + " | " + delta_cell(*change) + " |\n";
            }
        }
        out +=
            "\n| mode | lag p95 before | lag p95 after | lag p99 before | lag p99 after |\n"
            "| --- | ---: | ---: | ---: | ---: |\n";
        for (const auto& m : d.modes) {
            out += "| " + std::string(pipeline::to_string(m.mode)) + " | " + seconds_or_na(m.lag_p95.before) +
                   " | " + seconds_or_na(m.lag_p95.after) + " | " + seconds_or_na(m.lag_p99.before) + " | " +
                   seconds_or_na(m.lag_p99.after) + " |\n";
        }
    }

    out += "\n## Findings added (" + std::to_string(d.findings_added.size()) + ")\n\n";
    if (d.findings_added.empty()) out += "None.\n";
    for (const auto& f : d.findings_added) out += finding_item(f);
    out += "\n## Findings removed (" + std::to_string(d.findings_removed.size()) + ")\n\n";
    if (d.findings_removed.empty()) out += "None.\n";
    for (const auto& f : d.findings_removed) out += finding_item(f);
    return out;
}

}  // namespace pipeadvise::render::detail
