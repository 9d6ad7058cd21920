#include "pipeadvise/cost/calibrate.hpp"

#include <Eigen/Dense>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

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

// Ordinary least squares of y = intercept + slope * x, with the classical standard errors:
// the residual variance on n - 2 degrees of freedom times the diagonal of (XᵀX)⁻¹.
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
        // Not identified: residuals about the mean, so the spread of the runs is still reported.
        fit.residuals.resize(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) fit.residuals[i] = y[i] - y_mean;
    } else {
        fit.identified = true;
        // QR with column pivoting, not the normal equations: stable when x is large beside the
        // column of ones.
        const Eigen::VectorXd beta = design.colPivHouseholderQr().solve(target);
        fit.intercept.value = beta(0);
        fit.slope.value = beta(1);
        const Eigen::VectorXd residual = target - design * beta;
        fit.residuals.assign(residual.data(), residual.data() + residual.size());
        const double rss = residual.squaredNorm();
        // Two runs leave no degree of freedom for the residual variance.
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
        // R² about the mean (centred), as the model has an intercept; undefined for constant y.
        const double tss = (target.array() - y_mean).square().sum();
        if (tss > 0) fit.r_squared = 1.0 - rss / tss;
    }
    double sum_sq = 0;
    for (double r : fit.residuals) {
        fit.residual_max = std::max(fit.residual_max, std::abs(r));
        sum_sq += r * r;
    }
    // RMS over n, not n - 2: it describes the misfit, it does not estimate σ.
    fit.residual_rms =
        fit.residuals.empty() ? 0.0 : std::sqrt(sum_sq / static_cast<double>(fit.residuals.size()));
    return fit;
}

std::string significant(double value, int digits) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    return buf;
}

// Whole seconds above a second; milliseconds below (a sub-second overhead).
std::string duration_text(double seconds) {
    const double rounded = seconds >= 1.0 ? std::round(seconds) : std::round(seconds * 1000.0) / 1000.0;
    return util::format_duration(util::Duration::from_seconds(rounded));
}

// %.15g of a rounded rate prints every digit of a large rate, never an exponent.
std::string rate_text(double per_second) {
    return (per_second >= 1000 ? significant(std::round(per_second), 15) : significant(per_second, 4)) + "/s";
}

Sample sample_of(const std::vector<double>& values) {
    Sample s;
    s.count = values.size();
    if (values.empty()) return s;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    double sum = 0;
    for (double v : values) sum += v;
    s.mean = sum / static_cast<double>(values.size());
    if (values.size() >= 2) {
        // Standard error of the mean: the sample standard deviation (n - 1) over √n.
        double ss = 0;
        for (double v : values) ss += (v - s.mean) * (v - s.mean);
        s.standard_error =
            std::sqrt(ss / static_cast<double>(values.size() - 1) / static_cast<double>(values.size()));
    }
    return s;
}

Estimate estimate_of(const Sample& s) {
    return Estimate{s.mean, s.standard_error};
}

// Least squares without intercept on two regressors, y = a*x1 + b*x2, with the same
// conditioning test as fit_line (false: the columns are collinear, a and b not separable).
bool fit_two(const std::vector<double>& x1, const std::vector<double>& x2, const std::vector<double>& y,
             Estimate& a, Estimate& b) {
    const auto n = static_cast<Eigen::Index>(y.size());
    // Two parameters and a standard error need at least three points.
    if (n < 3) return false;
    Eigen::MatrixXd design(n, 2);
    Eigen::VectorXd target(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        design(i, 0) = x1[k];
        design(i, 1) = x2[k];
        target(i) = y[k];
    }
    Eigen::MatrixXd scaled = design;
    for (Eigen::Index c = 0; c < 2; ++c) {
        const double norm = scaled.col(c).norm();
        if (norm == 0) return false;
        scaled.col(c) /= norm;
    }
    const Eigen::JacobiSVD<Eigen::MatrixXd> svd(scaled);
    const auto sv = svd.singularValues();
    if (sv(1) <= 0.0 || sv(0) / sv(1) > 1e3) return false;  // stricter: a ratio that barely varies
    const Eigen::VectorXd beta = design.colPivHouseholderQr().solve(target);
    const double rss = (target - design * beta).squaredNorm();
    const double sigma2 = rss / static_cast<double>(n - 2);
    const Eigen::Matrix2d covariance = sigma2 * (design.transpose() * design).inverse();
    a = Estimate{beta(0), std::sqrt(std::max(0.0, covariance(0, 0)))};
    b = Estimate{beta(1), std::sqrt(std::max(0.0, covariance(1, 1)))};
    return true;
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
    // <= so that a last line without a newline is read too.
    while (pos <= text.size()) {
        const auto end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // Blank lines and # comments are skipped but counted, so line numbers match the file.
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
        // A bad field does not stop the row: the file's errors are all reported together.
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
        // duration = job_startup + (events per node) / node_throughput: the intercept is the fixed
        // start-up, the slope the seconds per event on one node.
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
        // Only the runs that state a cost; the duration fit above uses them all.
        c.cost = fit_line(events, cost, c.warnings, "cost", "event count");
        if (c.cost->identified && c.cost->slope.value < 0) {
            c.warnings.push_back("fitted cost per event is negative: cost does not grow with events");
        }
        if (c.cost->identified && c.cost->intercept.value < 0) {
            c.warnings.push_back(
                "fitted fixed cost per run is negative: the runs do not support a fixed cost");
        }
        // What a node-hour costs: cost against the node-hours each run used.
        std::vector<double> node_hours, paid;
        for (const auto& r : runs) {
            if (!r.cost_usd) continue;
            node_hours.push_back(r.nodes * r.duration_seconds / 3600.0);
            paid.push_back(*r.cost_usd);
        }
        c.node_hours_cost = fit_line(node_hours, paid, c.warnings, "cost per node-hour", "node-hours");
        const LineFit& f = *c.node_hours_cost;
        // A price is taken only from a fit that explains the costs well; a poor one is reported.
        if (f.identified && f.slope.value > 0 && (!f.r_squared || *f.r_squared >= k_poor_r_squared)) {
            c.node_hour_usd = f.slope;
        } else if (f.identified) {
            c.warnings.push_back("cost does not follow node-hours (slope " + significant(f.slope.value, 4) +
                                 " USD per node-hour, R² " +
                                 (f.r_squared ? significant(*f.r_squared, 3) : "n/a") +
                                 "): node_hour_usd is left out of the snippet");
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
    // A negative intercept, already warned about, is no start-up time.
    if (calibration.job_startup_seconds && calibration.job_startup_seconds->value >= 0) {
        out += "  job_startup: " + duration_text(calibration.job_startup_seconds->value) + "\n";
        any = true;
    }
    if (calibration.node_hour_usd) {
        out += "  node_hour_usd: " + significant(calibration.node_hour_usd->value, 4) + "\n";
        any = true;
    }
    if (!any) return {};
    return out;
}

namespace {

SparkFit fit_spark(const std::vector<ingest::SparkApplication>& apps, std::vector<std::string>& warnings) {
    SparkFit fit;
    // Stages that read input: run time (core-seconds, summed over tasks) against records.
    std::vector<double> records, tasks, seconds;
    for (const auto& app : apps)
        for (const auto& stage : app.stage_totals)
            if (stage.records_read > 0 && stage.executor_run_ms > 0) {
                records.push_back(static_cast<double>(stage.records_read));
                tasks.push_back(static_cast<double>(stage.tasks));
                seconds.push_back(static_cast<double>(stage.executor_run_ms) / 1000.0);
            }
    fit.stages = records.size();
    const bool any_tasks = std::any_of(apps.begin(), apps.end(), [](const auto& a) { return a.tasks > 0; });
    if (any_tasks && records.empty())
        warnings.push_back(
            "no stage of the event logs read input records (tasks read shuffle or cached data "
            "only), so node_throughput cannot be measured from them");
    if (!records.empty()) {
        // No intercept: no records, no per-record time. A fixed cost per task is tested for
        // below with fit_two.
        // Through the origin: seconds = records * b, b = Σxy / Σx².
        double sxy = 0, sxx = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            sxy += records[i] * seconds[i];
            sxx += records[i] * records[i];
        }
        Estimate per_record{sxy / sxx, std::nullopt};
        double rss = 0, syy = 0;
        for (std::size_t i = 0; i < records.size(); ++i) {
            const double r = seconds[i] - per_record.value * records[i];
            rss += r * r;
            syy += seconds[i] * seconds[i];
        }
        if (records.size() >= 2)
            // One parameter, so n - 1 degrees of freedom: SE(b) = √(σ² / Σx²).
            per_record.standard_error = std::sqrt(rss / static_cast<double>(records.size() - 1) / sxx);
        // A line through the origin: R² against zero (uncentred), as is usual for such fits.
        if (syy > 0 && records.size() >= 2) {
            fit.r_squared = 1.0 - rss / syy;
            if (*fit.r_squared < k_poor_r_squared)
                warnings.push_back(
                    "Spark stages: run time follows input records poorly (R² " +
                    significant(*fit.r_squared, 3) +
                    "); the stages differ in ways a rate per record ignores (joins, skew, caching)");
        }
        // Is there a fixed cost per task besides the per-record time? Only separable when the
        // stages' records per task differ.
        Estimate per_task, per_record_two;
        if (fit_two(tasks, records, seconds, per_task, per_record_two)) {
            // Only a per-task cost the data clearly shows (t > 2) changes the estimate.
            const bool clear = per_task.standard_error && per_task.value > 2.0 * *per_task.standard_error;
            if (clear && per_task.value > 0 && per_record_two.value > 0) {
                per_record = per_record_two;
                warnings.push_back("Spark stages: a fixed " + significant(per_task.value, 3) +
                                   " s per task was separated from the per-record time; node_throughput "
                                   "counts only the per-record part");
            }
        } else if (records.size() >= 3) {
            warnings.push_back(
                "Spark stages: every stage read about the same records per task, so a fixed cost "
                "per task cannot be separated from the per-record time; node_throughput counts "
                "any per-task overhead as processing (a lower bound on the rate)");
        }
        if (per_record.value > 0) {
            // Delta method, as in calibrate(): SE(1/b) = SE(b) / b².
            Estimate rate{1.0 / per_record.value, std::nullopt};
            if (per_record.standard_error)
                rate.standard_error = *per_record.standard_error / (per_record.value * per_record.value);
            fit.records_per_core_second = rate;
        }
    }
    // Cores per executor (node): the mean over applications whose cores are known.
    std::vector<double> per_executor;
    for (const auto& app : apps)
        if (app.executors > 0 && app.executor_cores > 0)
            per_executor.push_back(static_cast<double>(app.executor_cores) /
                                   static_cast<double>(app.executors));
    if (!per_executor.empty()) {
        const Sample s = sample_of(per_executor);
        fit.cores_per_executor = s.mean;
        if (s.max > s.min)
            warnings.push_back("applications ran executors of different sizes (" + significant(s.min, 3) +
                               " to " + significant(s.max, 3) + " cores): node_throughput uses their mean");
    }
    if (fit.records_per_core_second) {
        if (fit.cores_per_executor) {
            // A node is one executor: the rate per core times its cores, taken as exact, so the
            // error scales by the same factor.
            const double k = *fit.cores_per_executor;
            Estimate t{fit.records_per_core_second->value * k, std::nullopt};
            if (fit.records_per_core_second->standard_error)
                t.standard_error = *fit.records_per_core_second->standard_error * k;
            fit.node_throughput = t;
        } else {
            warnings.push_back(
                "the executors' cores are unknown (local[*] or no executor events): node_throughput "
                "is not given, only the records per core-second");
        }
    }
    // Start-up as the event logs show it: from ApplicationStart to the first task launch.
    std::vector<double> startup;
    for (const auto& app : apps)
        if (app.start_ms && app.first_task_launch_ms)
            startup.push_back(static_cast<double>(*app.first_task_launch_ms - *app.start_ms) / 1000.0);
    fit.first_task_seconds = sample_of(startup);
    return fit;
}

StreamingFit fit_streaming(const std::vector<ingest::StreamingBatch>& batches,
                           const std::vector<ingest::SparkApplication>& apps,
                           std::vector<std::string>& warnings) {
    StreamingFit fit;
    std::vector<double> rows, seconds, empty, non_data;
    for (const auto& b : batches) {
        // A trigger without a duration (0: absent) says nothing about time.
        if (b.trigger_execution_ms <= 0) continue;
        rows.push_back(static_cast<double>(b.input_rows));
        const double t = static_cast<double>(b.trigger_execution_ms) / 1000.0;
        seconds.push_back(t);
        if (b.input_rows == 0) empty.push_back(t);
        if (b.add_batch_ms)
            non_data.push_back(static_cast<double>(b.trigger_execution_ms - *b.add_batch_ms) / 1000.0);
        if (b.has_state) {
            fit.has_state = true;
            // State is a level, not a flow: the largest seen, not a sum over triggers.
            fit.state_rows = std::max(fit.state_rows, b.state_rows);
            fit.state_bytes = std::max(fit.state_bytes, b.state_bytes);
        }
    }
    fit.batches = rows.size();
    fit.non_data_seconds = sample_of(non_data);
    if (!empty.empty()) fit.empty_batch_seconds = sample_of(empty);
    // triggerExecution = overhead + rows / rate: the intercept is the per-trigger overhead.
    fit.trigger = fit_line(rows, seconds, warnings,
                           "micro-batch trigger (triggerExecution against input rows)", "input rows");
    if (fit.trigger.identified) {
        // A negative intercept is no overhead; the fallbacks below then apply.
        if (fit.trigger.intercept.value >= 0) fit.overhead_seconds = fit.trigger.intercept;
        if (fit.trigger.slope.value > 0) {
            Estimate r{1.0 / fit.trigger.slope.value, std::nullopt};
            if (fit.trigger.slope.standard_error)
                r.standard_error =
                    *fit.trigger.slope.standard_error / (fit.trigger.slope.value * fit.trigger.slope.value);
            fit.rows_per_second = r;
        }
    }
    // Fallbacks, most direct first: triggers that read nothing are pure overhead; otherwise
    // the time outside addBatch.
    if (!fit.overhead_seconds) {
        if (fit.empty_batch_seconds) {
            fit.overhead_seconds = estimate_of(*fit.empty_batch_seconds);
            warnings.push_back(
                "micro_batch_overhead is the mean trigger time of the triggers that read no rows");
        } else if (fit.non_data_seconds.count > 0) {
            fit.overhead_seconds = estimate_of(fit.non_data_seconds);
            warnings.push_back(
                "micro_batch_overhead is the mean of triggerExecution - addBatch (planning, offsets, "
                "WAL commit), since the regression could not separate it");
        }
    }
    // Without a slope: all rows over all trigger time. The overhead is in the time, so this
    // understates the rate.
    if (!fit.rows_per_second && !rows.empty()) {
        double total_rows = 0, total_seconds = 0;
        for (std::size_t i = 0; i < rows.size(); ++i) {
            total_rows += rows[i];
            total_seconds += seconds[i];
        }
        if (total_rows > 0 && total_seconds > 0) {
            fit.rows_per_second = Estimate{total_rows / total_seconds, std::nullopt};
            warnings.push_back(
                "rows per second is the overall rate (rows over trigger time, overhead included)");
        }
    }
    // The query's cores: the executors of the application whose log held the progress events.
    double cores = 0;
    for (const auto& app : apps)
        for (const auto& b : batches)
            if (b.file == app.file) {
                cores += static_cast<double>(app.executor_cores);
                break;
            }
    if (cores > 0) {
        fit.cores = cores;
        if (fit.rows_per_second) fit.rows_per_second_per_core = fit.rows_per_second->value / cores;
    } else if (fit.rows_per_second) {
        warnings.push_back(
            "the streaming query's cores are unknown (progress JSON without its event log): rows per "
            "second per core is not given");
    }
    return fit;
}

}  // namespace

CalibrationReport calibrate(const CalibrationInput& input) {
    CalibrationReport r;
    r.sources = input.sources;
    r.applications = input.applications;
    r.skipped_events = input.skipped_events;
    if (!input.runs.empty()) {
        r.runs = calibrate(input.runs);
        for (const auto& w : r.runs->warnings) r.warnings.push_back("runs CSV: " + w);
    }
    r.spark = fit_spark(input.applications, r.warnings);
    for (const auto& app : input.applications) {
        if (!app.start_ms)
            r.warnings.push_back(app.file +
                                 ": no SparkListenerApplicationStart: start, duration and start-up unknown");
        else if (!app.end_ms)
            r.warnings.push_back(
                app.file + ": no SparkListenerApplicationEnd (incomplete application): duration unknown");
        if (app.tasks_without_metrics > 0)
            r.warnings.push_back(
                app.file + ": " + std::to_string(app.tasks_without_metrics) +
                " task(s) ended without metrics (lost with their executor); their run time and "
                "records are not counted");
    }
    if (!input.batches.empty()) {
        // The same trigger may come twice (an event log and the query's progress JSON): count
        // each (run id, batch id) once.
        std::vector<ingest::StreamingBatch> batches;
        std::set<std::pair<std::string, std::int64_t>> seen;
        for (const auto& b : input.batches)
            if (b.run_id.empty() || seen.emplace(b.run_id, b.batch_id).second) batches.push_back(b);
        r.streaming = fit_streaming(batches, input.applications, r.warnings);
    }
    for (const auto& f : input.flink) {
        FlinkFit fit;
        fit.file = f.file;
        fit.completed = f.completed;
        fit.failed = f.failed;
        fit.restored = f.restored;
        std::vector<double> durations, sizes;
        for (const auto& c : f.history) {
            if (c.savepoint) continue;
            durations.push_back(static_cast<double>(c.end_to_end_duration_ms) / 1000.0);
            sizes.push_back(static_cast<double>(c.state_size_bytes));
        }
        fit.duration_seconds = sample_of(durations);
        fit.state_bytes = sample_of(sizes);
        fit.latest_state_bytes = f.latest_state_size_bytes;
        if (durations.empty())
            r.warnings.push_back(f.file +
                                 ": no completed checkpoint in the history: duration and size unknown");
        if (f.failed > 0 && f.completed + f.failed > 0)
            r.warnings.push_back(f.file + ": " + std::to_string(f.failed) + " of " +
                                 std::to_string(f.completed + f.failed) + " checkpoints failed");
        r.flink.push_back(std::move(fit));
    }
    if (!input.kafka.empty()) {
        KafkaFit k;
        for (const auto& groups : input.kafka) {
            for (const auto& p : groups.partitions) {
                auto it = std::find_if(k.lags.begin(), k.lags.end(), [&](const KafkaLag& l) {
                    return l.group == p.group && l.topic == p.topic;
                });
                if (it == k.lags.end()) {
                    KafkaLag l;
                    l.group = p.group;
                    l.topic = p.topic;
                    l.active =
                        std::find(groups.groups_without_members.begin(), groups.groups_without_members.end(),
                                  p.group) == groups.groups_without_members.end();
                    k.lags.push_back(l);
                    it = k.lags.end() - 1;
                }
                ++it->partitions;
                if (p.lag) {
                    it->lag += *p.lag;
                    k.total_lag += *p.lag;
                } else {
                    ++it->partitions_unknown;
                }
            }
        }
        if (input.volume_per_second && *input.volume_per_second > 0)
            // Lag in time: the events behind over the workload's mean rate.
            k.lag_seconds = static_cast<double>(k.total_lag) / *input.volume_per_second;
        else
            r.warnings.push_back(
                "Kafka lag in time needs the workload's volume: pass --workload FILE (or --apply)");
        for (const auto& l : k.lags)
            if (l.partitions_unknown > 0)
                r.warnings.push_back(
                    "Kafka group " + l.group + " topic " + l.topic + ": " +
                    std::to_string(l.partitions_unknown) +
                    " partition(s) have no committed offset ('-'): their lag is unknown, not 0");
        r.kafka = std::move(k);
    }

    // The values for the workload: event logs measure the cluster directly; the runs CSV
    // fills in what they do not give.
    if (r.spark.node_throughput) {
        r.node_throughput = r.spark.node_throughput;
        r.r_squared = r.spark.r_squared;
    } else if (r.runs && r.runs->node_throughput) {
        r.node_throughput = r.runs->node_throughput;
        r.r_squared = r.runs->duration.r_squared;
    }
    if (r.spark.first_task_seconds.count > 0)
        r.job_startup_seconds = estimate_of(r.spark.first_task_seconds);
    else if (r.runs && r.runs->job_startup_seconds && r.runs->job_startup_seconds->value >= 0)
        r.job_startup_seconds = r.runs->job_startup_seconds;
    if (r.spark.node_throughput && r.runs && r.runs->node_throughput)
        r.warnings.push_back("node_throughput comes from the event logs; the runs CSV gives " +
                             rate_text(r.runs->node_throughput->value));
    if (r.streaming && r.streaming->overhead_seconds)
        r.micro_batch_overhead_seconds = r.streaming->overhead_seconds;
    if (r.runs && r.runs->node_hour_usd) r.node_hour_usd = r.runs->node_hour_usd;
    return r;
}

std::vector<std::pair<std::string, std::string>> infrastructure_values(const CalibrationReport& r) {
    std::vector<std::pair<std::string, std::string>> values;
    if (r.node_throughput && r.node_throughput->value > 0)
        values.emplace_back("node_throughput", rate_text(r.node_throughput->value));
    if (r.node_hour_usd) values.emplace_back("node_hour_usd", significant(r.node_hour_usd->value, 4));
    if (r.job_startup_seconds && r.job_startup_seconds->value >= 0)
        values.emplace_back("job_startup", duration_text(r.job_startup_seconds->value));
    if (r.micro_batch_overhead_seconds && r.micro_batch_overhead_seconds->value >= 0)
        values.emplace_back("micro_batch_overhead", duration_text(r.micro_batch_overhead_seconds->value));
    return values;
}

std::string infrastructure_snippet(const CalibrationReport& report) {
    const auto values = infrastructure_values(report);
    if (values.empty()) return {};
    std::string out = "infrastructure:\n";
    for (const auto& [key, value] : values) out += "  " + key + ": " + value + "\n";
    return out;
}

}  // namespace pipeadvise::cost
