#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

/// Byte streams, the decompression seam and a line reader: what every reader of an outside
/// format (Spark event logs, progress JSON, Flink and Kafka outputs) reads through. Bytes
/// come from a `ByteSource` the caller provides (the CLI opens files), so this layer does no
/// I/O of its own and a 1 GiB log is read in bounded memory.
namespace pipeadvise::ingest {

/// A forward-only source of bytes.
class ByteSource {
public:
    virtual ~ByteSource() = default;
    /// Copies up to `size` bytes into `out`; returns how many (0 only at the end).
    /// Throws util::Error (input) when the underlying data is corrupt.
    virtual std::size_t read(char* out, std::size_t size) = 0;
};

/// A source over bytes held in memory (tests, benchmarks, small files).
class MemorySource : public ByteSource {
public:
    explicit MemorySource(std::string data) : m_data(std::move(data)) {}
    std::size_t read(char* out, std::size_t size) override;

private:
    std::string m_data;
    std::size_t m_pos = 0;
};

/// A source over bytes the caller keeps alive and unchanged while it is read (no copy).
class ViewSource : public ByteSource {
public:
    explicit ViewSource(std::string_view data) : m_data(data) {}
    std::size_t read(char* out, std::size_t size) override;

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

/// The compression codecs Spark writes event logs with (`spark.eventLog.compression.codec`).
enum class Codec { plain, lz4, snappy, zstd };
std::string_view to_string(Codec codec);

/// Recognises a codec by the magic bytes at the start of a stream (never by file name):
/// lz4-java's `LZ4Block`, snappy-java's `\x82SNAPPY\0`, the zstd frame magic 28 B5 2F FD.
Codec detect_codec(std::string_view head);

/// Wraps `raw` in the decoder of `codec` (plain returns it unchanged). Errors in the
/// compressed data name `file`.
std::unique_ptr<ByteSource> decode(std::unique_ptr<ByteSource> raw, Codec codec, std::string file);

/// A source that first replays bytes already read (`head`), then continues from `rest`:
/// lets a caller peek at the start of a stream for detection without seeking.
std::unique_ptr<ByteSource> replay(std::string head, std::unique_ptr<ByteSource> rest);

/// XXH32 of `data` (lz4-java checksums each block with it, seed 0x9747b28c, masked to 28 bits).
std::uint32_t xxh32(std::string_view data, std::uint32_t seed);

/// Bytes guaranteed readable after every line a LineReader returns (simdjson's padding).
inline constexpr std::size_t k_line_padding = 64;
/// A line longer than this is an error, which bounds the reader's memory.
inline constexpr std::size_t k_max_line_bytes = std::size_t{256} << 20;

/// Splits a byte stream into lines ('\n', a trailing '\r' removed) in bounded memory.
class LineReader {
public:
    LineReader(std::unique_ptr<ByteSource> source, std::string file);
    /// The next line (valid until the next call; k_line_padding readable bytes follow it),
    /// or false at the end. Throws util::Error for a line over k_max_line_bytes.
    bool next(std::string_view& line);
    /// 1-based number of the line last returned.
    int line_number() const { return m_line; }
    /// Bytes consumed so far (decoded).
    std::uint64_t bytes() const { return m_bytes; }
    /// True when the last line returned had no final newline (the stream ended mid-line).
    bool last_line_unterminated() const { return m_unterminated; }
    const std::string& file() const { return m_file; }

private:
    bool fill();

    std::unique_ptr<ByteSource> m_source;
    std::string m_file;
    std::vector<char> m_buffer;
    std::size_t m_begin = 0, m_end = 0;
    bool m_eof = false;
    bool m_unterminated = false;
    int m_line = 0;
    std::uint64_t m_bytes = 0;
};

/// Reads a whole (decoded) stream into a string, refusing more than `max_bytes`.
std::string read_all(ByteSource& source, std::size_t max_bytes, const std::string& file);

}  // namespace pipeadvise::ingest
