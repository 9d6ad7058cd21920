#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>

#include "command.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/files.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::cli {

namespace {

util::Date date_from_epoch(std::int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return util::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

Environment read_environment() {
    Environment env;
    env.stdout_is_terminal = ::isatty(STDOUT_FILENO) == 1;
    env.stderr_is_terminal = ::isatty(STDERR_FILENO) == 1;
    env.no_color = std::getenv("NO_COLOR") != nullptr;
    const char* ci = std::getenv("CI");
    env.ci = ci != nullptr && *ci != '\0' && std::string(ci) != "false" && std::string(ci) != "0";
    // SOURCE_DATE_EPOCH pins "today" for reproducible runs (waiver expiry in CI and tests).
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch != nullptr && *epoch != '\0') {
        char* end = nullptr;
        const long long v = std::strtoll(epoch, &end, 10);
        if (end == nullptr || *end != '\0' || v < 0) {
            throw util::Error(util::Error::Kind::usage, "SOURCE_DATE_EPOCH must be a non-negative integer");
        }
        env.today = date_from_epoch(v);
    } else {
        const auto now = std::chrono::system_clock::now();
        env.today =
            date_from_epoch(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
    }
    return env;
}

}  // namespace

const Environment& environment() {
    static const Environment env = read_environment();
    return env;
}

bool use_color_stdout() {
    return environment().stdout_is_terminal && !environment().no_color;
}

CLI::Option* add_format_option(CLI::App& command, std::string& target, render::Product product,
                               std::string_view note) {
    const std::vector<std::string> names = render::format_names(product);
    target = names.front();
    std::string help = "Output format:";
    for (std::size_t i = 0; i < names.size(); ++i) help += (i ? ", " : " ") + names[i];
    if (!note.empty()) help += " (" + std::string(note) + ")";
    return command.add_option("--format", target, help)->default_str(names.front());
}

render::OutputFormat parse_format_option(const std::string& name, render::Product product) {
    const std::vector<std::string> allowed = render::format_names(product);
    if (const auto f = render::parse_format(name); f && render::supports(product, *f)) return *f;
    std::string message = "unknown --format '" + name + "'";
    if (auto guess = util::did_you_mean(name, allowed)) message += "; did you mean '" + *guess + "'?";
    message += " (one of:";
    for (const auto& a : allowed) message += " " + a;
    message += ")";
    throw util::Error(util::Error::Kind::usage, message);
}

std::vector<model::Workload> load_workloads(const std::vector<std::string>& files,
                                            const std::vector<model::Override>& overrides) {
    return load_inputs(InputFiles{files, std::nullopt}, overrides);
}

void emit(const std::string& content, const std::optional<std::string>& out_path) {
    if (!out_path || *out_path == "-") {
        std::cout << content;
        std::cout.flush();
        if (!std::cout) throw util::Error(util::Error::Kind::input, "cannot write to standard output");
        return;
    }
    util::write_file_atomically(*out_path, content);
}

model::Override parse_override(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
        throw util::Error(util::Error::Kind::usage, "--set expects KEY=VALUE[,VALUE...], got '" + text + "'");
    }
    return model::Override{text.substr(0, eq), text.substr(eq + 1)};
}

ProgressBar::ProgressBar(std::string label, std::size_t total)
    : m_label(std::move(label)),
      m_total(total),
      m_enabled(environment().stderr_is_terminal && !environment().ci && total > 1) {}

ProgressBar::~ProgressBar() {
    if (m_enabled && m_last_percent >= 0) std::cerr << "\r\033[K" << std::flush;
}

void ProgressBar::update(std::size_t done) {
    if (!m_enabled || m_total == 0) return;
    const int percent = static_cast<int>(100 * done / m_total);
    if (percent == m_last_percent) return;
    m_last_percent = percent;
    constexpr int k_width = 30;
    const int filled = percent * k_width / 100;
    std::cerr << '\r' << m_label << " [" << std::string(static_cast<std::size_t>(filled), '#')
              << std::string(static_cast<std::size_t>(k_width - filled), ' ') << "] " << done << '/'
              << m_total << std::flush;
}

}  // namespace pipeadvise::cli
