// RUNS.csv, the simplest calibration input: one line per past run of the job.

#include <algorithm>
#include <array>
#include <map>

#include "pipeadvise/cost/calibrate.hpp"
#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/spelling.hpp"
#include "pipeadvise/util/units.hpp"

namespace pipeadvise::cost {

namespace {

struct Field {
    std::string text;
    int column = 0;  // 1-based column of the field's first character
};

// What each column holds, so a bad value is reported with its meaning, the accepted range and an
// example a user can copy, as workload values are.
struct ColumnSpec {
    std::string_view name;
    std::string_view meaning;
    bool zero_allowed;  // counts and costs may be 0; node counts and durations may not
    std::string_view example;
};

constexpr std::array<ColumnSpec, 4> k_columns{{
    {"events", "the number of events the run processed", true, "120000000"},
    {"nodes", "the number of nodes the run used", false, "8"},
    {"duration_seconds", "the run's wall-clock time in seconds", false, "1860"},
    {"cost_usd", "what the run cost in US dollars", true, "42.50"},
}};

const ColumnSpec& spec_of(std::string_view name) {
    for (const auto& c : k_columns)
        if (c.name == name) return c;
    return k_columns.front();  // unreachable: the header admits only known columns
}

std::string expected_form(const ColumnSpec& c) {
    return std::string(c.meaning) + (c.zero_allowed ? ", zero or more" : ", greater than zero") + "; e.g. " +
           std::string(c.example);
}

// Reads one quoted field starting at line[i] (the opening quote); "" inside is a quote.
bool read_quoted(std::string_view line, std::size_t& i, Field& f, std::string& error) {
    ++i;
    while (i < line.size()) {
        if (line[i] != '"') {
            f.text += line[i++];
            continue;
        }
        if (i + 1 < line.size() && line[i + 1] == '"') {
            f.text += '"';
            i += 2;
            continue;
        }
        ++i;
        if (i < line.size() && line[i] != ',') {
            error = "unexpected character after a quoted field at column " + std::to_string(i + 1);
            return false;
        }
        return true;
    }
    error = "unterminated quoted field starting at column " + std::to_string(f.column);
    return false;
}

// Splits one CSV line on commas; a field may be double-quoted.
std::vector<Field> split_csv_line(std::string_view line, std::string& error) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
        Field f;
        f.column = static_cast<int>(i) + 1;
        if (i < line.size() && line[i] == '"') {
            if (!read_quoted(line, i, f, error)) return fields;
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

class RunsReader {
public:
    explicit RunsReader(std::string_view file) : m_file(file) {}

    void line(int number, std::string_view text) {
        std::string split_error;
        const auto fields = split_csv_line(text, split_error);
        if (!split_error.empty()) {
            error(number, fields.empty() ? 1 : fields.back().column, split_error);
            return;
        }
        if (!m_have_header) {
            header(number, fields);
            return;
        }
        row(number, text, fields);
    }

    // A header with errors stops the file: rows cannot be read without it.
    bool header_failed() const { return m_have_header && m_header_failed; }

    std::vector<RunObservation> finish(int last_line) {
        if (!m_have_header && m_errors.empty())
            error(1, 1,
                  "empty runs file: expected a header line "
                  "'events,nodes,duration_seconds[,cost_usd]' and one line per run");
        else if (m_errors.empty() && m_runs.empty())
            error(last_line, 1, "no runs: the file has a header but no data lines");
        if (!m_errors.empty()) throw util::Error(std::move(m_errors));
        return std::move(m_runs);
    }

private:
    void error(int line, int column, std::string message) {
        m_errors.push_back(util::Diagnostic{util::Location{m_file, line, column}, std::move(message)});
    }

    void header(int number, const std::vector<Field>& fields) {
        m_have_header = true;
        m_header_fields = fields.size();
        std::vector<std::string> known;
        for (const auto& c : k_columns) known.emplace_back(c.name);
        const auto before = m_errors.size();
        for (std::size_t i = 0; i < fields.size(); ++i) {
            const std::string& name = fields[i].text;
            if (std::find(known.begin(), known.end(), name) == known.end()) {
                std::string message = "unknown column '" + name + "'";
                if (auto guess = util::did_you_mean(name, known))
                    message += "; did you mean '" + *guess + "'?";
                message += " (columns: events, nodes, duration_seconds, optional cost_usd)";
                error(number, fields[i].column, message);
            } else if (!m_column_index.emplace(name, i).second) {
                error(number, fields[i].column, "duplicate column '" + name + "'");
            }
        }
        for (auto required : k_runs_required_columns)
            if (!m_column_index.count(std::string(required)))
                error(number, 1,
                      "missing required column '" + std::string(required) +
                          "' (the header must name events, nodes, duration_seconds)");
        m_header_failed = m_errors.size() != before;
    }

    // One value: the number, or an error naming the column, the value, the range and an example.
    std::optional<double> value(int number, const Field& f, const ColumnSpec& spec) {
        const std::string name(spec.name);
        if (f.text.empty()) {
            error(number, f.column, name + ": the field is empty (expected " + expected_form(spec) + ")");
            return std::nullopt;
        }
        const auto parsed = util::parse_number(f.text);
        if (!parsed) {
            error(number, f.column, name + ": " + parsed.error + " (" + expected_form(spec) + ")");
            return std::nullopt;
        }
        const double v = *parsed.value;
        if (spec.zero_allowed ? v < 0 : v <= 0) {
            error(number, f.column,
                  name + ": must be " + (spec.zero_allowed ? "zero or more" : "greater than zero") +
                      " (got " + f.text + "; expected " + expected_form(spec) + ")");
            return std::nullopt;
        }
        return v;
    }

    void row(int number, std::string_view text, const std::vector<Field>& fields) {
        if (fields.size() != m_header_fields) {
            const int column = fields.size() > m_header_fields ? fields[m_header_fields].column
                                                               : static_cast<int>(text.size()) + 1;
            error(number, column,
                  "expected " + std::to_string(m_header_fields) + " fields, found " +
                      std::to_string(fields.size()));
            return;
        }
        RunObservation run;
        run.line = number;
        bool ok = true;
        // A bad field does not stop the row: the file's errors are all reported together.
        for (const auto& [name, index] : m_column_index) {
            const Field& f = fields[index];
            if (f.text.empty() && name == "cost_usd") continue;  // cost is optional per row
            const auto v = value(number, f, spec_of(name));
            if (!v) {
                ok = false;
                continue;
            }
            if (name == "events") run.events = *v;
            if (name == "nodes") run.nodes = *v;
            if (name == "duration_seconds") run.duration_seconds = *v;
            if (name == "cost_usd") run.cost_usd = *v;
        }
        if (ok) m_runs.push_back(run);
    }

    std::string m_file;
    std::vector<util::Diagnostic> m_errors;
    std::map<std::string, std::size_t> m_column_index;
    std::size_t m_header_fields = 0;
    bool m_have_header = false;
    bool m_header_failed = false;
    std::vector<RunObservation> m_runs;
};

}  // namespace

std::vector<RunObservation> parse_runs_csv(std::string_view text, std::string_view file_name) {
    RunsReader reader(file_name);
    int line_number = 0;
    std::size_t pos = 0;
    // <= so that a last line without a newline is read too.
    while (pos <= text.size() && !reader.header_failed()) {
        const auto end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // Blank lines and # comments are skipped but counted, so line numbers match the file.
        if (line.find_first_not_of(" \t") == std::string_view::npos || line.front() == '#') continue;
        reader.line(line_number, line);
    }
    return reader.finish(line_number);
}

}  // namespace pipeadvise::cost
