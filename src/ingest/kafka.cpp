#include "pipeadvise/ingest/kafka.hpp"

#include <algorithm>
#include <charconv>

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
    auto error = [&](int line, int column, std::string message) {
        errors.push_back(util::Diagnostic{util::Location{file, line, column}, std::move(message)});
    };
    // Column positions by name, from the latest header row (each group prints its own).
    int group = -1, topic = -1, partition = -1, current = -1, end_offset = -1, lag = -1, consumer = -1;
    std::size_t header_cells = 0;
    std::string no_members_group;
    int line_number = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const auto end = text.find('\n', pos);
        const std::string_view line =
            text.substr(pos, end == std::string_view::npos ? text.size() - pos : end - pos);
        pos = end == std::string_view::npos ? text.size() + 1 : end + 1;
        ++line_number;
        const auto cells = split_whitespace(line);
        if (cells.empty()) continue;
        // "Consumer group 'G' has no active members." precedes that group's table.
        constexpr std::string_view prefix = "Consumer group '";
        if (line.substr(0, prefix.size()) == prefix) {
            const auto close = line.find('\'', prefix.size());
            if (close != std::string_view::npos &&
                line.find("has no active members") != std::string_view::npos)
                out.groups_without_members.emplace_back(line.substr(prefix.size(), close - prefix.size()));
            continue;
        }
        if (is_header(cells)) {
            group = topic = partition = current = end_offset = lag = consumer = -1;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const auto name = cells[i].text;
                const int index = static_cast<int>(i);
                if (name == "GROUP")
                    group = index;
                else if (name == "TOPIC")
                    topic = index;
                else if (name == "PARTITION")
                    partition = index;
                else if (name == "CURRENT-OFFSET")
                    current = index;
                else if (name == "LOG-END-OFFSET")
                    end_offset = index;
                else if (name == "LAG")
                    lag = index;
                else if (name == "CONSUMER-ID")
                    consumer = index;
            }
            header_cells = cells.size();
            continue;
        }
        if (header_cells == 0) continue;  // notes before the first table ("Warning: ...")
        // Rows have as many cells as the header; CONSUMER-ID, HOST and CLIENT-ID are "-" when
        // the partition has no member, so a short row is an error, not a guess.
        if (cells.size() < static_cast<std::size_t>(std::max({topic, partition, lag}) + 1)) {
            error(line_number, 1,
                  "expected " + std::to_string(header_cells) + " columns as in the header, found " +
                      std::to_string(cells.size()));
            continue;
        }
        KafkaPartitionLag row;
        row.line = line_number;
        if (group >= 0) row.group = std::string(cells[static_cast<std::size_t>(group)].text);
        row.topic = std::string(cells[static_cast<std::size_t>(topic)].text);
        // A bad cell names its column, the value, the accepted form and an example.
        auto number = [&](int index, std::optional<std::int64_t>& into, std::string_view what,
                          std::string_view example) {
            if (index < 0 || static_cast<std::size_t>(index) >= cells.size()) return true;
            const Cell& c = cells[static_cast<std::size_t>(index)];
            if (c.text == "-") return true;  // no committed offset / unknown
            std::int64_t v = 0;
            const auto [p, ec] = std::from_chars(c.text.data(), c.text.data() + c.text.size(), v);
            if (ec != std::errc() || p != c.text.data() + c.text.size() || v < 0) {
                error(line_number, c.column,
                      std::string(what) + " '" + std::string(c.text) +
                          "' is not a whole number of zero or more (or '-' when unknown); e.g. " +
                          std::string(example));
                return false;
            }
            into = v;
            return true;
        };
        std::optional<std::int64_t> part;
        bool ok = number(partition, part, "PARTITION", "3");
        if (ok && !part) {
            error(
                line_number, cells[static_cast<std::size_t>(partition)].column,
                "PARTITION: '-' is not a partition number (expected a whole number of zero or more; e.g. 3)");
            ok = false;
        }
        ok = number(current, row.current_offset, "CURRENT-OFFSET", "1048576") && ok;
        ok = number(end_offset, row.log_end_offset, "LOG-END-OFFSET", "1049600") && ok;
        ok = number(lag, row.lag, "LAG", "1024") && ok;
        if (!ok) continue;
        row.partition = static_cast<int>(*part);
        if (consumer >= 0 && static_cast<std::size_t>(consumer) < cells.size())
            row.consumer_id = std::string(cells[static_cast<std::size_t>(consumer)].text);
        out.partitions.push_back(std::move(row));
    }
    if (errors.empty() && out.partitions.empty())
        error(1, 1, "no partition rows: expected the output of kafka-consumer-groups --describe");
    if (!errors.empty()) throw util::Error(std::move(errors));
    return out;
}

}  // namespace pipeadvise::ingest
