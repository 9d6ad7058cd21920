#include "pipeadvise/ingest/kafka.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::ingest {

namespace {

struct Cell {
    std::string_view text;
    int column = 0;  // 1-based
};

std::vector<Cell> split_whitespace(std::string_view line) {
    std::vector<Cell> cells;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
        if (i >= line.size()) break;
        const std::size_t start = i;
        while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
        cells.push_back(Cell{line.substr(start, i - start), static_cast<int>(start) + 1});
    }
    return cells;
}

bool is_header(const std::vector<Cell>& cells) {
    bool topic = false, partition = false, lag = false;
    for (const auto& c : cells) {
        topic = topic || c.text == "TOPIC";
        partition = partition || c.text == "PARTITION";
        lag = lag || c.text == "LAG";
    }
    return topic && partition && lag;
}

/// Column positions by name, from the latest header row (each group prints its own).
struct Columns {
    int group = -1, topic = -1, partition = -1, current = -1, end_offset = -1, lag = -1, consumer = -1;
    std::size_t header_cells = 0;  // 0 before the first header
};

Columns columns_of(const std::vector<Cell>& cells) {
    Columns c;
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto name = cells[i].text;
        const int index = static_cast<int>(i);
        if (name == "GROUP")
            c.group = index;
        else if (name == "TOPIC")
            c.topic = index;
        else if (name == "PARTITION")
            c.partition = index;
        else if (name == "CURRENT-OFFSET")
            c.current = index;
        else if (name == "LOG-END-OFFSET")
            c.end_offset = index;
        else if (name == "LAG")
            c.lag = index;
        else if (name == "CONSUMER-ID")
            c.consumer = index;
    }
    c.header_cells = cells.size();
    return c;
}

/// Reads the cells of one table row against the header's columns; errors go to `errors`.
class RowReader {
public:
    RowReader(const std::string& file, int line_number, const std::vector<Cell>& cells,
              std::vector<util::Diagnostic>& errors)
        : m_file(file), m_line(line_number), m_cells(cells), m_errors(errors) {}

    void error(int column, std::string message) {
        m_errors.push_back(util::Diagnostic{util::Location{m_file, m_line, column}, std::move(message)});
    }

    /// The whole number in column `index` into `into` ("-" leaves it unset); false on an error.
    /// A bad cell names its column, the value, the accepted form and an example.
    bool number(int index, std::optional<std::int64_t>& into, std::string_view what,
                std::string_view example) {
        if (index < 0 || static_cast<std::size_t>(index) >= m_cells.size()) return true;
        const Cell& c = m_cells[static_cast<std::size_t>(index)];
        if (c.text == "-") return true;  // no committed offset / unknown
        std::int64_t v = 0;
        const auto [p, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), v);
        if (ec != std::errc() || p != c.text.data() + c.text.size() || v < 0) {
            error(c.column, std::string(what) + " '" + std::string(c.text) +
                                "' is not a whole number of zero or more (or '-' when unknown); e.g. " +
                                std::string(example));
            return false;
        }
        into = v;
        return true;
    }

    /// The partition's row, or none after reporting what is wrong with it.
    std::optional<KafkaPartitionLag> row(const Columns& col) {
        // Rows have as many cells as the header; CONSUMER-ID, HOST and CLIENT-ID are "-" when
        // the partition has no member, so a short row is an error, not a guess.
        if (m_cells.size() < static_cast<std::size_t>(std::max({col.topic, col.partition, col.lag}) + 1)) {
            error(1, "expected " + std::to_string(col.header_cells) + " columns as in the header, found " +
                         std::to_string(m_cells.size()));
            return std::nullopt;
        }
        KafkaPartitionLag row;
        row.line = m_line;
        if (col.group >= 0) row.group = std::string(m_cells[static_cast<std::size_t>(col.group)].text);
        row.topic = std::string(m_cells[static_cast<std::size_t>(col.topic)].text);
        std::optional<std::int64_t> part;
        bool ok = number(col.partition, part, "PARTITION", "3");
        if (ok && !part) {
            error(
                m_cells[static_cast<std::size_t>(col.partition)].column,
                "PARTITION: '-' is not a partition number (expected a whole number of zero or more; e.g. 3)");
            ok = false;
        }
        ok = number(col.current, row.current_offset, "CURRENT-OFFSET", "1048576") && ok;
        ok = number(col.end_offset, row.log_end_offset, "LOG-END-OFFSET", "1049600") && ok;
        ok = number(col.lag, row.lag, "LAG", "1024") && ok;
        if (!ok) return std::nullopt;
        row.partition = static_cast<int>(*part);
        if (col.consumer >= 0 && static_cast<std::size_t>(col.consumer) < m_cells.size())
            row.consumer_id = std::string(m_cells[static_cast<std::size_t>(col.consumer)].text);
        return row;
    }

private:
    const std::string& m_file;
    int m_line;
    const std::vector<Cell>& m_cells;
    std::vector<util::Diagnostic>& m_errors;
};

/// "Consumer group 'G' has no active members." precedes that group's table: true for such a
/// line, adding G to `out` when the line says it has no members.
bool group_note(std::string_view line, KafkaConsumerGroups& out) {
    constexpr std::string_view prefix = "Consumer group '";
    if (line.substr(0, prefix.size()) != prefix) return false;
    const auto close = line.find('\'', prefix.size());
    if (close != std::string_view::npos && line.find("has no active members") != std::string_view::npos)
        out.groups_without_members.emplace_back(line.substr(prefix.size(), close - prefix.size()));
    return true;
}

}  // namespace

bool looks_like_kafka_consumer_groups(std::string_view text) {
    std::size_t pos = 0;
    for (int n = 0; n < 50 && pos < text.size(); ++n) {
        const auto end = text.find('\n', pos);
        const std::string_view line =
            text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
        if (is_header(split_whitespace(line))) return true;
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return false;
}

KafkaConsumerGroups parse_kafka_consumer_groups(std::string_view text, const std::string& file) {
    KafkaConsumerGroups out;
    out.file = file;
    std::vector<util::Diagnostic> errors;
    Columns columns;
    int line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto end = text.find('\n', pos);
        const std::string_view line =
            text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_number;
        const auto cells = split_whitespace(line);
        if (cells.empty() || group_note(line, out)) continue;
        if (is_header(cells)) {
            columns = columns_of(cells);
            continue;
        }
        if (columns.header_cells == 0) continue;  // notes before the first table ("Warning: ...")
        if (auto row = RowReader(file, line_number, cells, errors).row(columns))
            out.partitions.push_back(std::move(*row));
    }
    if (errors.empty() && out.partitions.empty()) {
        errors.push_back(
            util::Diagnostic{util::Location{file, 1, 1},
                             "no partition rows: expected the output of kafka-consumer-groups --describe"});
    }
    if (!errors.empty()) throw util::Error(std::move(errors));
    return out;
}

}  // namespace pipeadvise::ingest
