#include "pipeadvise/advisor/wording.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace pipeadvise::advisor {

std::string path_in(const model::UseCase& use_case, std::string_view key) {
    if (use_case.path.empty()) return std::string(key);
    return use_case.path + "." + std::string(key);
}

std::string attainment_text(double fraction) {
    if (fraction >= 1.0) return "100%";
    const double tenths = std::floor(std::max(0.0, fraction) * 1000.0 + 1e-9) / 10.0;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", tenths);
    return buf;
}

std::string percent(double fraction) {
    const double pct = fraction * 100.0;
    char buf[64];
    if (pct == 0.0) return "0%";
    if (pct >= 10.0) {
        std::snprintf(buf, sizeof buf, "%.0f%%", pct);
    } else if (pct >= 1.0) {
        std::snprintf(buf, sizeof buf, "%.1f%%", pct);
    } else {
        // two significant digits, however small, so a non-zero share never prints as 0
        const int decimals = 1 - static_cast<int>(std::floor(std::log10(pct)));
        std::snprintf(buf, sizeof buf, "%.*f%%", decimals, pct);
    }
    return buf;
}

std::string count_text(double count) {
    char buf[64];
    if (count < 10000.0) {
        std::snprintf(buf, sizeof buf, "%.0f", count);
        return buf;
    }
    const char* suffix = "k";
    double scaled = count / 1e3;
    if (count >= 1e9) {
        suffix = "G";
        scaled = count / 1e9;
    } else if (count >= 1e6) {
        suffix = "M";
        scaled = count / 1e6;
    }
    std::snprintf(buf, sizeof buf, "%.1f%s", scaled, suffix);
    return buf;
}

std::string times(double multiplier) {
    char buf[64];
    std::snprintf(buf, sizeof buf, multiplier >= 10.0 ? "%.0f×" : "%.1f×", multiplier);
    return buf;
}

std::string join_words(const std::vector<std::string>& words) {
    std::string out;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? " and " : ", ";
        out += words[i];
    }
    return out;
}

std::string human_seconds(double seconds) {
    const double minutes = std::round(seconds / 60.0);
    if (seconds >= 60.0 && std::abs(seconds - minutes * 60.0) < 1e-6 && minutes < 1e9) {
        return util::format_duration(
            util::Duration::from_seconds_int(static_cast<std::int64_t>(minutes) * 60));
    }
    return util::format_seconds(seconds);
}

std::string describe_recovery(const RecoveryEstimate& r) {
    std::vector<std::string> parts;
    auto add = [&](double seconds, const char* what) {
        if (seconds > 0.0) parts.push_back(human_seconds(seconds) + " " + what);
    };
    add(r.detection_seconds, "detection");
    add(r.repair_seconds, "repair");
    add(r.restart_seconds, "restart");
    add(r.restore_seconds, "state restore and replay");
    add(r.rebuild_seconds, "rebuild from the log");
    add(r.wait_seconds, "until the next run completes");
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) out += (i > 0 ? " + " : "") + parts[i];
    return out;
}

std::string capitalised(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace pipeadvise::advisor
