// The compression codecs Spark writes event logs with (lz4-java's block stream, snappy-java's
// stream, zstd frames), each read as Spark reads it.

#include <lz4.h>
#include <snappy.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "pipeadvise/ingest/stream.hpp"
#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::ingest {

namespace {

// A compressed stream has no lines: its errors are about the file as a whole, at 1:1.
[[noreturn]] void corrupt(const std::string& file, const std::string& message) {
    throw util::Error({util::Diagnostic{util::Location{file, 1, 1}, message}});
}

std::uint32_t load_le32(const unsigned char* p) {
    return std::uint32_t{p[0]} | std::uint32_t{p[1]} << 8 | std::uint32_t{p[2]} << 16 |
           std::uint32_t{p[3]} << 24;
}

std::uint32_t load_be32(const unsigned char* p) {
    return std::uint32_t{p[3]} | std::uint32_t{p[2]} << 8 | std::uint32_t{p[1]} << 16 |
           std::uint32_t{p[0]} << 24;
}

// Reads exactly `size` bytes unless the stream ends first; returns how many were read.
std::size_t read_fully(ByteSource& source, char* out, std::size_t size) {
    std::size_t done = 0;
    while (done < size) {
        const std::size_t n = source.read(out + done, size - done);
        if (n == 0) break;
        done += n;
    }
    return done;
}

constexpr std::string_view k_lz4_magic = "LZ4Block";
constexpr std::array<unsigned char, 8> k_snappy_magic = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
constexpr std::array<unsigned char, 4> k_zstd_magic = {0x28, 0xB5, 0x2F, 0xFD};
// Size of a zstd block header (RFC 8878, 3.1.1.2): ZSTD_decompressStream asks for exactly this
// much input when it has decoded a whole block and waits for the next one.
constexpr std::size_t k_zstd_block_header = 3;

// XXH32, which lz4-java's block stream uses (seed 0x9747b28c, top 4 bits masked) as the
// checksum of each block's decompressed bytes.
std::uint32_t rotl(std::uint32_t x, int r) {
    return (x << r) | (x >> (32 - r));
}

std::uint32_t xxh32(const unsigned char* p, std::size_t len, std::uint32_t seed) {
    constexpr std::uint32_t p1 = 2654435761U, p2 = 2246822519U, p3 = 3266489917U, p4 = 668265263U,
                            p5 = 374761393U;
    const unsigned char* end = p + len;
    std::uint32_t h;
    if (len >= 16) {
        std::uint32_t v1 = seed + p1 + p2, v2 = seed + p2, v3 = seed, v4 = seed - p1;
        const unsigned char* limit = end - 16;
        do {
            v1 = rotl(v1 + load_le32(p) * p2, 13) * p1;
            v2 = rotl(v2 + load_le32(p + 4) * p2, 13) * p1;
            v3 = rotl(v3 + load_le32(p + 8) * p2, 13) * p1;
            v4 = rotl(v4 + load_le32(p + 12) * p2, 13) * p1;
            p += 16;
        } while (p <= limit);
        h = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
    } else {
        h = seed + p5;
    }
    h += static_cast<std::uint32_t>(len);
    for (; p + 4 <= end; p += 4) h = rotl(h + load_le32(p) * p3, 17) * p4;
    for (; p < end; ++p) h = rotl(h + *p * p5, 11) * p1;
    h ^= h >> 15;
    h *= p2;
    h ^= h >> 13;
    h *= p3;
    h ^= h >> 16;
    return h;
}

// A decoder that produces whole blocks into `m_block` and serves reads from it.
class BlockDecoder : public ByteSource {
public:
    BlockDecoder(std::unique_ptr<ByteSource> raw, std::string file)
        : m_raw(std::move(raw)), m_file(std::move(file)) {}
    std::size_t read(char* out, std::size_t size) override {
        while (m_pos == m_block.size()) {
            m_block.clear();
            m_pos = 0;
            if (!next_block()) return 0;
        }
        const std::size_t n = std::min(size, m_block.size() - m_pos);
        std::memcpy(out, m_block.data() + m_pos, n);
        m_pos += n;
        return n;
    }

protected:
    // Decodes the next block into m_block (may be empty); false at the clean end of the stream.
    virtual bool next_block() = 0;

    std::unique_ptr<ByteSource> m_raw;
    std::string m_file;
    std::string m_block;
    std::string m_compressed;
    std::size_t m_pos = 0;
};

// lz4-java's LZ4BlockOutputStream, which Spark's LZ4CompressionCodec writes: each block is
// "LZ4Block", a token (method 0x10 raw or 0x20 lz4, low nibble the block-size level: blocks
// of at most 2^(10 + level) bytes), then little-endian int32 compressed length, decompressed
// length and checksum, then the data. An empty block (both lengths and the checksum 0) ends a
// stream; Spark reads concatenated streams, so data may follow it.
class Lz4BlockDecoder : public BlockDecoder {
public:
    using BlockDecoder::BlockDecoder;

protected:
    bool next_block() override {
        std::array<unsigned char, 21> header{};
        const std::size_t got = read_fully(*m_raw, reinterpret_cast<char*>(header.data()), header.size());
        // Spark reads with lz4-java's stopOnEmptyBlock off (to read concatenated streams), and then
        // a stream that ends exactly at a block boundary ends cleanly, end mark or not: a log of a
        // running application has none yet. A cut inside a block is still an error, and a cut
        // inside a line is the line reader's to report.
        if (got == 0) return false;
        if (got < header.size()) corrupt(m_file, "lz4: truncated block header");
        if (std::memcmp(header.data(), k_lz4_magic.data(), k_lz4_magic.size()) != 0)
            corrupt(m_file, "lz4: block does not start with the LZ4Block magic");
        const unsigned method = header[8] & 0xF0u;
        const std::uint32_t max_block = 1u << (10u + (header[8] & 0x0Fu));
        const std::uint32_t compressed = load_le32(header.data() + 9);
        const std::uint32_t original = load_le32(header.data() + 13);
        const std::uint32_t checksum = load_le32(header.data() + 17);
        // The checks lz4-java's LZ4BlockInputStream makes before it reads a block.
        if (original > max_block ||
            compressed > static_cast<std::uint32_t>(LZ4_compressBound(static_cast<int>(max_block))) ||
            (method != 0x10 && method != 0x20) || (original == 0) != (compressed == 0) ||
            (method == 0x10 && compressed != original) || (original == 0 && checksum != 0))
            corrupt(m_file, "lz4: invalid block header");
        if (original == 0) return true;  // the end mark of one stream; another may follow
        m_block.resize(original);
        if (method == 0x10) {
            if (read_fully(*m_raw, m_block.data(), original) != original)
                corrupt(m_file, "lz4: truncated block");
        } else {
            m_compressed.resize(compressed);
            if (read_fully(*m_raw, m_compressed.data(), compressed) != compressed)
                corrupt(m_file, "lz4: truncated block");
            const int n = LZ4_decompress_safe(m_compressed.data(), m_block.data(),
                                              static_cast<int>(compressed), static_cast<int>(original));
            if (n < 0 || static_cast<std::uint32_t>(n) != original) corrupt(m_file, "lz4: corrupt block");
        }
        const auto* data = reinterpret_cast<const unsigned char*>(m_block.data());
        if ((xxh32(data, original, 0x9747b28cU) & 0x0FFFFFFFU) != checksum)
            corrupt(m_file, "lz4: block checksum mismatch");
        return true;
    }
};

// snappy-java's SnappyOutputStream, which Spark's SnappyCompressionCodec writes: a 16-byte
// header (magic "\x82SNAPPY\0", big-endian int32 version and minimum compatible version),
// then chunks of a big-endian int32 length followed by one raw snappy block. A new header
// may follow a chunk (concatenated streams).
class SnappyDecoder : public BlockDecoder {
public:
    using BlockDecoder::BlockDecoder;

protected:
    bool next_block() override {
        std::array<unsigned char, 4> length{};
        const std::size_t got = read_fully(*m_raw, reinterpret_cast<char*>(length.data()), length.size());
        if (got == 0) {
            if (!m_started) corrupt(m_file, "snappy: empty stream");
            return false;
        }
        if (got < length.size()) corrupt(m_file, "snappy: truncated chunk length");
        if (std::equal(length.begin(), length.end(), k_snappy_magic.begin())) {
            std::array<unsigned char, 12> rest{};
            if (read_fully(*m_raw, reinterpret_cast<char*>(rest.data()), rest.size()) != rest.size() ||
                !std::equal(rest.begin(), rest.begin() + 4, k_snappy_magic.begin() + 4))
                corrupt(m_file, "snappy: truncated or invalid stream header");
            m_started = true;
            return true;
        }
        if (!m_started) corrupt(m_file, "snappy: missing stream header");
        const std::uint32_t size = load_be32(length.data());
        constexpr std::uint32_t k_max_chunk = 1u << 28;
        if (size > k_max_chunk) corrupt(m_file, "snappy: invalid chunk length");
        m_compressed.resize(size);
        if (read_fully(*m_raw, m_compressed.data(), size) != size) corrupt(m_file, "snappy: truncated chunk");
        std::size_t original = 0;
        if (!snappy::GetUncompressedLength(m_compressed.data(), size, &original) || original > k_max_chunk)
            corrupt(m_file, "snappy: corrupt chunk");
        m_block.resize(original);
        if (!snappy::RawUncompress(m_compressed.data(), size, m_block.data()))
            corrupt(m_file, "snappy: corrupt chunk");
        return true;
    }

private:
    bool m_started = false;
};

// zstd-jni's ZstdOutputStream writes standard zstd frames (possibly several, concatenated).
class ZstdDecoder : public ByteSource {
public:
    ZstdDecoder(std::unique_ptr<ByteSource> raw, std::string file)
        : m_raw(std::move(raw)),
          m_file(std::move(file)),
          m_stream(ZSTD_createDStream()),
          m_in(ZSTD_DStreamInSize()) {
        if (m_stream == nullptr) corrupt(m_file, "zstd: cannot create a decoder");
        ZSTD_initDStream(m_stream);
    }
    ~ZstdDecoder() override { ZSTD_freeDStream(m_stream); }
    ZstdDecoder(const ZstdDecoder&) = delete;
    ZstdDecoder& operator=(const ZstdDecoder&) = delete;

    std::size_t read(char* out, std::size_t size) override {
        ZSTD_outBuffer output{out, size, 0};
        while (output.pos == 0) {
            if (m_input.pos == m_input.size && !m_eof) {
                const std::size_t n = m_raw->read(m_in.data(), m_in.size());
                if (n == 0)
                    m_eof = true;
                else
                    m_input = ZSTD_inBuffer{m_in.data(), n, 0};
            }
            // At the end of the input this still flushes what the decoder holds; its hint then
            // is about a next frame, so the state of the last one read is kept.
            const bool flushing = m_eof && m_input.pos == m_input.size;
            const std::size_t r = ZSTD_decompressStream(m_stream, &output, &m_input);
            if (ZSTD_isError(r)) corrupt(m_file, std::string("zstd: ") + ZSTD_getErrorName(r));
            // Some output means the frame header and at least one block were decoded.
            if (output.pos > 0) m_frame_started = r != 0;
            if (output.pos > 0 || !flushing) m_pending = r;
            if (output.pos == 0 && flushing) {
                // A running application's log is one frame that is not finished yet: Spark's
                // writer flushes zstd-jni's stream, which ends a block but not the frame. Ended
                // there (the decoder waits for the next block's 3-byte header), the stream is
                // read as far as it goes, as the History Server reads it; a cut inside a block
                // or a frame header is still an error.
                if (m_pending != 0 && !(m_pending == k_zstd_block_header && m_frame_started))
                    corrupt(m_file, "zstd: the stream is truncated (incomplete frame)");
                return 0;
            }
        }
        return output.pos;
    }

private:
    std::unique_ptr<ByteSource> m_raw;
    std::string m_file;
    ZSTD_DStream* m_stream;
    std::vector<char> m_in;
    ZSTD_inBuffer m_input{nullptr, 0, 0};
    std::size_t m_pending = 0;
    bool m_frame_started = false;  // inside a frame whose blocks have started to decode
    bool m_eof = false;
};

}  // namespace

std::uint32_t xxh32(std::string_view data, std::uint32_t seed) {
    return xxh32(reinterpret_cast<const unsigned char*>(data.data()), data.size(), seed);
}

std::string_view to_string(Codec codec) {
    switch (codec) {
        case Codec::plain:
            return "plain";
        case Codec::lz4:
            return "lz4";
        case Codec::snappy:
            return "snappy";
        case Codec::zstd:
            return "zstd";
    }
    return "plain";
}

Codec detect_codec(std::string_view head) {
    auto starts = [&](const auto& magic) {
        return head.size() >= magic.size() &&
               std::equal(magic.begin(), magic.end(), reinterpret_cast<const unsigned char*>(head.data()));
    };
    if (head.substr(0, k_lz4_magic.size()) == k_lz4_magic) return Codec::lz4;
    if (starts(k_snappy_magic)) return Codec::snappy;
    if (starts(k_zstd_magic)) return Codec::zstd;
    return Codec::plain;
}

std::unique_ptr<ByteSource> decode(std::unique_ptr<ByteSource> raw, Codec codec, std::string file) {
    switch (codec) {
        case Codec::plain:
            return raw;
        case Codec::lz4:
            return std::make_unique<Lz4BlockDecoder>(std::move(raw), std::move(file));
        case Codec::snappy:
            return std::make_unique<SnappyDecoder>(std::move(raw), std::move(file));
        case Codec::zstd:
            return std::make_unique<ZstdDecoder>(std::move(raw), std::move(file));
    }
    return raw;
}

}  // namespace pipeadvise::ingest
