#include <cmath>
#include <cstdio>

#include "pipeadvise/render/escape.hpp"
#include "pipeadvise/render/sweep.hpp"
#include "pipeadvise/render/text_util.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::render {

namespace detail {

std::string signed_money(double delta) {
    if (util::format_money(std::abs(delta)) == "$0.00") return "$0.00";
    return (delta < 0 ? "-" : "+") + util::format_money(std::abs(delta));
}

std::string signed_percent(double percent) {
    char buf[32];
    std::snprintf(buf, sizeof buf, std::abs(percent) >= 10 ? "%+.0f%%" : "%+.1f%%", percent);
    std::string s = buf;
    return s == "-0.0%" || s == "+0.0%" ? "0%" : s;
}

std::string money_or_na(const std::optional<double>& v) {
    return v ? util::format_money(*v) : std::string("n/a");
}

std::string delta_cell(const evaluation::Change& c) {
    const auto d = c.delta();
    if (!d) return "n/a";
    std::string out = signed_money(*d);
    if (const auto p = c.percent()) out += " (" + signed_percent(*p) + ")";
    return out;
}

}  // namespace detail

std::string describe_money_change(const evaluation::Change& c) {
    const auto side = [](const std::optional<double>& v) {
        return v ? util::format_money(*v) : std::string("n/a");
    };
    std::string out = side(c.before) + " → " + side(c.after);
    if (const auto d = c.delta()) {
        out += " (" + detail::signed_money(*d);
        if (const auto p = c.percent()) out += ", " + detail::signed_percent(*p);
        out += ")";
    }
    return out;
}

namespace detail {

namespace {

std::string seconds_change(const evaluation::Change& c) {
    const auto side = [](const std::optional<double>& v) {
        return v ? util::format_seconds(*v) : std::string("n/a");
    };
    std::string out = side(c.before) + " → " + side(c.after);
    if (const auto p = c.percent()) out += " (" + signed_percent(*p) + ")";
    return out;
}

std::string finding_line(const advisor::Finding& f, char sign) {
    std::string out =
        std::string("  ") + sign + " " + std::string(advisor::to_string(f.severity)) + " " + f.id;
    if (!f.use_case.empty()) out += " [" + f.use_case + "]";
    if (!f.path.empty()) out += " at " + f.path;
    if (f.suppressed) out += " (suppressed)";
    out += ": " + f.message;
    return escape_terminal(out) + "\n";
}

}  // namespace

std::string diff_text(const evaluation::Diff& d, const RenderOptions& options) {
    std::string out =
        "pipeadvise diff: " + escape_terminal(d.old_file) + " -> " + escape_terminal(d.new_file) + "\n\n";
    out += "Recommendation: " + std::string(model::to_string(d.old_architecture)) + " -> " +
           std::string(model::to_string(d.new_architecture)) +
           (d.recommendation_changed() ? text::paint(" (changed)", "33", options.color) : " (unchanged)") +
           "\n";
    if (d.recommended_monthly_usd.before || d.recommended_monthly_usd.after) {
        out += "Monthly cost of the recommended architecture: " +
               describe_money_change(d.recommended_monthly_usd) + "\n";
    }

    if (!d.modes.empty()) {
        std::vector<std::vector<std::string>> rows;
        for (const auto& m : d.modes) {
            const std::string mode(pipeline::to_string(m.mode));
            const std::pair<const char*, const evaluation::Change*> parts[] = {
                {"compute", &m.compute},
                {"infrastructure", &m.infrastructure},
                {"storage", &m.storage},
                {"engineering", &m.engineering},
                {"total", &m.total}};
            for (const auto& [name, change] : parts) {
                rows.push_back({mode + " " + name, money_or_na(change->before), money_or_na(change->after),
                                delta_cell(*change)});
            }
        }
        out += "\nMonthly cost (USD):\n";
        out += text::table({"mode / part", "before", "after", "change"}, rows, "  ");

        std::vector<std::vector<std::string>> lag_rows;
        for (const auto& m : d.modes) {
            lag_rows.push_back({std::string(pipeline::to_string(m.mode)), seconds_change(m.lag_p95),
                                seconds_change(m.lag_p99)});
        }
        out += "\nLag:\n";
        out += text::table({"mode", "p95", "p99"}, lag_rows, "  ");
    }

    out += "\nFindings added (" + std::to_string(d.findings_added.size()) + "):\n";
    if (d.findings_added.empty()) out += "  none\n";
    for (const auto& f : d.findings_added) out += finding_line(f, '+');
    out += "Findings removed (" + std::to_string(d.findings_removed.size()) + "):\n";
    if (d.findings_removed.empty()) out += "  none\n";
    for (const auto& f : d.findings_removed) out += finding_line(f, '-');
    return out;
}

}  // namespace detail

}  // namespace pipeadvise::render
