#include "pipeadvise/cost/calibrate.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>

#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::cost {

namespace {

// Columns scaled to unit norm whose condition number exceeds this are treated as collinear:
// the data cannot tell the intercept from the slope.
constexpr double k_max_condition = 1e8;
// Below this R² the duration model explains too little to be trusted.
constexpr double k_poor_r_squared = 0.8;

struct Field {
    std::string text;
    int column = 0;  // 1-based column of the field's first character
};

// Splits one CSV line on commas; a field may be double-quoted ("" inside is a quote).
std::vector<Field> split_csv_line(std::string_view line, std::string& error) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
        Field f;
        f.column = static_cast<int>(i) + 1;
        if (i < line.size() && line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        f.text += '"';
                        i += 2;
                        continue;
                    }
                    closed = true;
                    ++i;
                    break;
                }
                f.text += line[i++];
            }
            if (!closed) {
                error = "unterminated quoted field starting at column " + std::to_string(f.column);
                return fields;
            }
            if (i < line.size() && line[i] != ',') {
                error = "unexpected character after a quoted field at column " + std::to_string(i + 1);
                return fields;
            }
        } else {
            while (i < line.size() && line[i] != ',') f.text += line[i++];
        }
        // Surrounding spaces are not part of a number.
        const auto first = f.text.find_first_not_of(" \t");
        const auto last = f.text.find_last_not_of(" \t");
        f.text = first == std::string::npos ? std::string() : f.text.substr(first, last - first + 1);
        fields.push_back(std::move(f));
        if (i >= line.size()) break;
        ++i;  // the comma
    }
    return fields;
}

std::string quantity_name(std::string_view column) {
    if (column == "duration_seconds") return "duration_seconds";
    return std::string(column);
}

LineFit fit_line(const std::vector<double>& x, const std::vector<double>& y,
                 std::vector<std::string>& warnings, std::string_view what, std::string_view x_name) {
    LineFit fit;
    fit.rows = x.size();
    const auto n = static_cast<Eigen::Index>(x.size());
    if (x.size() < 2) {
        warnings.push_back(std::string(what) + ": " + std::to_string(x.size()) +
                           " row(s) for 2 parameters; at least 2 runs with different " + std::string(x_name) +
                           " are needed");
        return fit;
    }
    Eigen::MatrixXd design(n, 2);
    Eigen::VectorXd target(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        design(i, 0) = 1.0;
        design(i, 1) = x[static_cast<std::size_t>(i)];
        target(i) = y[static_cast<std::size_t>(i)];
    }
    const double y_mean = target.mean();

    // Conditioning check on unit-norm columns: only collinearity, not units, counts.
    Eigen::MatrixXd scaled = design;
    for (Eigen::Index c = 0; c < 2; ++c) {
        const double norm = scaled.col(c).norm();
        if (norm > 0) scaled.col(c) /= norm;
    }
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled);
    const auto singular = svd.singularValues();
    const bool collinear =
        design.col(1).norm() == 0.0 || singular(1) <= 0.0 || singular(0) / singular(1) > k_max_condition;
    if (collinear) {
        warnings.push_back(std::string(what) + ": every run has the same " + std::string(x_name) +
                           ", so the fixed part and the per-event part cannot be separated; add runs with "
                           "different " +
                           std::string(x_name));
        fit.residuals.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) fit.residuals[i] = y[i] - y_mean;
    } else {
        fit.identified = true;
        const Eigen::VectorXd beta = design.colPivHouseholderQr().solve(target);
        fit.intercept.value = beta(0);
        fit.slope.value = beta(1);
        const Eigen::VectorXd residual = target - design * beta;
        fit.residuals.assign(residual.data(), residual.data() + residual.size());
        const double rss = residual.squaredNorm();
        if (x.size() > 2) {
            const double sigma2 = rss / static_cast<double>(x.size() - 2);
            const Eigen::Matrix2d covariance = sigma2 * (design.transpose() * design).inverse();
            fit.intercept.standard_error = std::sqrt(std::max(0.0, covariance(0, 0)));
            fit.slope.standard_error = std::sqrt(std::max(0.0, covariance(1, 1)));
        } else {
            warnings.push_back(std::string(what) +
                               ": 2 runs fit 2 parameters exactly; standard errors need "
                               "at least 3 runs");
        }
        const double tss = (target.array() - y_mean).square().sum();
        if (tss > 0) fit.r_squared = 1.0 - rss / tss;
    }
    double sum_sq = 0;
    for (double r : fit.residuals) {
        fit.residual_max = std::max(fit.residual_max, std::abs(r));
        sum_sq += r * r;
    }
    fit.residual_rms =
        fit.residuals.empty() ? 0.0 : std::sqrt(sum_sq / static_cast<double>(fit.residuals.size()));
    return fit;
}

std::string significant(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    return buf;
}

}  // namespace

std::vector<RunObservation> parse_runs_csv(std::string_view text, std::string_view file_name) {
    std::vector<util::Diagnostic> errors;
    const std::string file(file_name);
    auto error = [&](int line, int column, std::string message) {
        errors.push_back(util::Diagnostic{util::Location{file, line, column}, std::move(message)});
    };

    std::vector<std::string> known;
    for (auto c : k_runs_required_columns) known.emplace_back(c);
    for (auto c : k_runs_optional_columns) known.emplace_back(c);

    std::map<std::string, std::size_t> column_index;
    std::size_t header_fields = 0;
    bool have_header = false;
    std::vector<RunObservation> runs;

    int line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;

        std::string split_error;
        const auto fields = split_csv_line(line, split_error);
        if (!split_error.empty()) {
            error(line_number, fields.empty() ? 1 : fields.back().column, split_error);
            continue;
        }

        if (!have_header) {
            have_header = true;
            header_fields = fields.size();
            for (std::size_t i = 0; i < fields.size(); ++i) {
                const std::string& name = fields[i].text;
                if (std::find(known.begin(), known.end(), name) == known.end()) {
                    std::string message = "unknown column '" + name + "'";
                    if (auto guess = util::did_you_mean(name, known))
                        message += "; did you mean '" + *guess + "'?";
                    message += " (columns: events, nodes, duration_seconds, optional cost_usd)";
                    error(line_number, fields[i].column, message);
                } else if (!column_index.emplace(name, i).second) {
                    error(line_number, fields[i].column, "duplicate column '" + name + "'");
                }
            }
            for (auto required : k_runs_required_columns) {
                if (!column_index.count(std::string(required))) {
                    error(line_number, 1,
                          "missing required column '" + std::string(required) +
                              "' (the header must name events, nodes, duration_seconds)");
                }
            }
            if (!errors.empty()) break;  // rows cannot be read without a sound header
            continue;
        }

        if (fields.size() != header_fields) {
            const int column = fields.size() > header_fields ? fields[header_fields].column
                                                             : static_cast<int>(line.size()) + 1;
            error(line_number, column,
                  "expected " + std::to_string(header_fields) + " fields, found " +
                      std::to_string(fields.size()));
            continue;
        }

        RunObservation run;
        run.line = line_number;
        bool ok = true;
        for (const auto& [name, index] : column_index) {
            const Field& f = fields[index];
            if (f.text.empty()) {
                if (name == "cost_usd") continue;  // cost is optional per row
                error(line_number, f.column, "empty " + quantity_name(name));
                ok = false;
                continue;
            }
            const auto parsed = util::parse_number(f.text);
            if (!parsed) {
                error(line_number, f.column, name + ": " + parsed.error);
                ok = false;
                continue;
            }
            const double v = *parsed.value;
            if (name == "events") {
                if (v < 0) {
                    error(line_number, f.column, "events must not be negative");
                    ok = false;
                }
                run.events = v;
            } else if (name == "nodes") {
                if (v <= 0) {
                    error(line_number, f.column, "nodes must be positive");
                    ok = false;
                }
                run.nodes = v;
            } else if (name == "duration_seconds") {
                if (v <= 0) {
                    error(line_number, f.column, "duration_seconds must be positive");
                    ok = false;
                }
                run.duration_seconds = v;
            } else if (name == "cost_usd") {
                if (v < 0) {
                    error(line_number, f.column, "cost_usd must not be negative");
                    ok = false;
                }
                run.cost_usd = v;
            }
        }
        if (ok) runs.push_back(run);
    }

    if (!have_header && errors.empty())
        error(1, 1,
              "empty runs file: expected a header line "
              "'events,nodes,duration_seconds[,cost_usd]' and one line per run");
    else if (errors.empty() && runs.empty())
        error(line_number, 1, "no runs: the file has a header but no data lines");
    if (!errors.empty()) throw util::Error(std::move(errors));
    return runs;
}

Calibration calibrate(const std::vector<RunObservation>& runs) {
    Calibration c;
    std::vector<double> x, y;
    for (const auto& r : runs) {
        x.push_back(r.events / r.nodes);
        y.push_back(r.duration_seconds);
    }
    c.duration = fit_line(x, y, c.warnings, "duration", "events per node");
    if (c.duration.identified) {
        c.job_startup_seconds = c.duration.intercept;
        if (c.duration.intercept.value < 0) {
            c.warnings.push_back(
                "fitted job_startup is negative (" + significant(c.duration.intercept.value, 4) +
                " s): the runs do not support a fixed overhead; it is left out of the snippet");
        }
        const double slope = c.duration.slope.value;
        if (slope > 0) {
            Estimate throughput;
            throughput.value = 1.0 / slope;
            // Delta method: d(1/b)/db = -1/b².
            if (c.duration.slope.standard_error)
                throughput.standard_error = *c.duration.slope.standard_error / (slope * slope);
            c.node_throughput = throughput;
        } else {
            c.warnings.push_back("fitted time per event is not positive (" + significant(slope, 4) +
                                 " s per event per node): duration does not grow with events per node, so "
                                 "node_throughput cannot be estimated");
        }
        if (c.duration.r_squared && *c.duration.r_squared < k_poor_r_squared) {
            c.warnings.push_back("the duration model explains only " +
                                 significant(100.0 * *c.duration.r_squared, 3) +
                                 "% of the variance (R²); runs differ in ways it ignores (skew, caching, "
                                 "instance types)");
        }
    }

    std::vector<double> events, cost;
    for (const auto& r : runs) {
        if (r.cost_usd) {
            events.push_back(r.events);
            cost.push_back(*r.cost_usd);
        }
    }
    if (!events.empty()) {
        c.cost = fit_line(events, cost, c.warnings, "cost", "event count");
        if (c.cost->identified && c.cost->slope.value < 0) {
            c.warnings.push_back("fitted cost per event is negative: cost does not grow with events");
        }
        if (c.cost->identified && c.cost->intercept.value < 0) {
            c.warnings.push_back(
                "fitted fixed cost per run is negative: the runs do not support a fixed cost");
        }
    }
    return c;
}

std::string infrastructure_snippet(const Calibration& calibration) {
    std::string out = "infrastructure:\n";
    bool any = false;
    if (calibration.node_throughput) {
        const double t = calibration.node_throughput->value;
        out +=
            "  node_throughput: " + (t >= 1000 ? significant(std::round(t), 15) : significant(t, 4)) + "/s\n";
        any = true;
    }
    if (calibration.job_startup_seconds && calibration.job_startup_seconds->value >= 0) {
        const double s = calibration.job_startup_seconds->value;
        // Whole seconds above a second; milliseconds below (a sub-second overhead).
        const double rounded = s >= 1.0 ? std::round(s) : std::round(s * 1000.0) / 1000.0;
        out += "  job_startup: " + util::format_duration(util::Duration::from_seconds(rounded)) + "\n";
        any = true;
    }
    if (!any) return {};
    return out;
}

}  // namespace pipeadvise::cost
