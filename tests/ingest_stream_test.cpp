#include <lz4.h>
#include <snappy.h>
#include <zstd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pipeadvise/ingest/spark.hpp"
#include "pipeadvise/ingest/stream.hpp"
#include "pipeadvise/util/diagnostic.hpp"

using namespace pipeadvise;

namespace {

std::string read_fixture(const std::string& name) {
    std::ifstream in(std::string(PIPEADVISE_SOURCE_DIR) + "/tests/data/calibrate/logs/" + name,
                     std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void put_le32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

void put_be32(std::string& out, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

// What lz4-java's LZ4BlockOutputStream writes (Spark's LZ4CompressionCodec), block by block.
std::string lz4_java_stream(const std::string& data, std::size_t block_size) {
    int level = 0;
    while ((std::size_t{1} << (level + 10)) < block_size) ++level;
    std::string out;
    auto header = [&](unsigned method, std::uint32_t compressed, std::uint32_t original,
                      std::uint32_t checksum) {
        out += "LZ4Block";
        out += static_cast<char>(method | static_cast<unsigned>(level));
        put_le32(out, compressed);
        put_le32(out, original);
        put_le32(out, checksum);
    };
    for (std::size_t pos = 0; pos < data.size(); pos += block_size) {
        const std::string chunk = data.substr(pos, block_size);
        std::string compressed(static_cast<std::size_t>(LZ4_compressBound(static_cast<int>(chunk.size()))),
                               '\0');
        const int n = LZ4_compress_default(chunk.data(), compressed.data(), static_cast<int>(chunk.size()),
                                           static_cast<int>(compressed.size()));
        const std::uint32_t checksum = ingest::xxh32(chunk, 0x9747b28cU) & 0x0FFFFFFFU;
        if (n > 0 && static_cast<std::size_t>(n) < chunk.size()) {
            header(0x20, static_cast<std::uint32_t>(n), static_cast<std::uint32_t>(chunk.size()), checksum);
            out.append(compressed.data(), static_cast<std::size_t>(n));
        } else {
            header(0x10, static_cast<std::uint32_t>(chunk.size()), static_cast<std::uint32_t>(chunk.size()),
                   checksum);
            out += chunk;
        }
    }
    header(0x10, 0, 0, 0);  // the end mark
    return out;
}

// What snappy-java's SnappyOutputStream writes (Spark's SnappyCompressionCodec).
std::string snappy_java_stream(const std::string& data, std::size_t block_size) {
    std::string out("\x82SNAPPY\0", 8);
    put_be32(out, 1);
    put_be32(out, 1);
    for (std::size_t pos = 0; pos < data.size(); pos += block_size) {
        std::string compressed;
        snappy::Compress(data.data() + pos, std::min(block_size, data.size() - pos), &compressed);
        put_be32(out, static_cast<std::uint32_t>(compressed.size()));
        out += compressed;
    }
    return out;
}

// zstd-jni's ZstdOutputStream: standard frames; two here, as a reopened stream would write.
std::string zstd_frames(const std::string& data) {
    std::string out;
    const std::size_t half = data.size() / 2;
    for (const std::string& part : {data.substr(0, half), data.substr(half)}) {
        std::string frame(ZSTD_compressBound(part.size()), '\0');
        const std::size_t n = ZSTD_compress(frame.data(), frame.size(), part.data(), part.size(), 3);
        REQUIRE(!ZSTD_isError(n));
        out.append(frame.data(), n);
    }
    return out;
}

std::string decode_all(const std::string& bytes) {
    const ingest::Codec codec = ingest::detect_codec(bytes);
    auto source = ingest::decode(std::make_unique<ingest::MemorySource>(bytes), codec, "log");
    return ingest::read_all(*source, std::size_t{1} << 30, "log");
}

ingest::SparkLog read_log(const std::string& bytes, const std::string& file = "log") {
    const ingest::Codec codec = ingest::detect_codec(bytes);
    ingest::LineReader lines(ingest::decode(std::make_unique<ingest::MemorySource>(bytes), codec, file),
                             file);
    ingest::SparkEventLogReader reader;
    reader.read(lines);
    return reader.finish();
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const util::Error& e) {
        std::string out;
        for (const auto& d : e.diagnostics()) out += util::format_diagnostic(d) + "\n";
        return out.empty() ? e.what() : out;
    }
    return {};
}

}  // namespace

TEST_CASE("xxh32 matches the reference vectors", "[ingest][codec]") {
    CHECK(ingest::xxh32("", 0) == 0x02CC5D05U);
    CHECK(ingest::xxh32("abc", 0) == 0x32D153FFU);
}

TEST_CASE("codecs are recognised by their magic bytes, not by name", "[ingest][codec]") {
    CHECK(ingest::detect_codec("LZ4Block\x20") == ingest::Codec::lz4);
    CHECK(ingest::detect_codec(std::string("\x82SNAPPY\0\0\0\0\1", 12)) == ingest::Codec::snappy);
    CHECK(ingest::detect_codec("\x28\xB5\x2F\xFD\x04") == ingest::Codec::zstd);
    CHECK(ingest::detect_codec("{\"Event\":") == ingest::Codec::plain);
    CHECK(ingest::detect_codec("") == ingest::Codec::plain);
}

TEST_CASE("each codec Spark writes decodes to the same event log", "[ingest][codec]") {
    const std::string plain = read_fixture("spark-3.1-standalone.log");
    REQUIRE(plain.size() > 10000);
    // Small blocks so every log spans many blocks and lines cross block boundaries.
    const std::string lz4 = lz4_java_stream(plain, 1024);
    const std::string snappy = snappy_java_stream(plain, 1000);
    const std::string zstd = zstd_frames(plain);
    CHECK(ingest::detect_codec(lz4) == ingest::Codec::lz4);
    CHECK(ingest::detect_codec(snappy) == ingest::Codec::snappy);
    CHECK(ingest::detect_codec(zstd) == ingest::Codec::zstd);
    CHECK(decode_all(lz4) == plain);
    CHECK(decode_all(snappy) == plain);
    CHECK(decode_all(zstd) == plain);
    // A concatenation of two lz4-java streams (Spark reads those too).
    CHECK(decode_all(lz4_java_stream("ab\n", 64) + lz4_java_stream("cd\n", 64)) == "ab\ncd\n");

    const auto expected = read_log(plain);
    for (const std::string* bytes : {&lz4, &snappy, &zstd}) {
        const auto log = read_log(*bytes);
        REQUIRE(log.applications.size() == 1);
        CHECK(log.applications[0].tasks == expected.applications[0].tasks);
        CHECK(log.applications[0].records_read == 550000);
        CHECK(log.lines == expected.lines);
    }
}

TEST_CASE("a log Spark wrote, compressed as Spark compresses it, reads to the History Server's figures",
          "[ingest][codec]") {
    // No log Spark itself compressed is public as text, so Spark's own test log
    // (tests/data/calibrate/spark-history/SOURCE.md) is framed here exactly as Spark's codecs
    // frame it, at their default block sizes (spark.io.compression.lz4.blockSize and
    // .snappy.blockSize, both 32k).
    const std::string plain = read_fixture("../spark-history/local-1422981780767");
    REQUIRE(plain.size() == 68312);
    for (const std::string& bytes :
         {lz4_java_stream(plain, 32 * 1024), snappy_java_stream(plain, 32 * 1024), zstd_frames(plain)}) {
        const auto log = read_log(bytes, "local-1422981780767");
        REQUIRE(log.applications.size() == 1);
        const auto& a = log.applications[0];
        // one_app_json, job_list_json, stage_list_json and executor_list_json expectations.
        CHECK(*a.end_ms - *a.start_ms == 9011);
        CHECK(a.jobs == 3);
        CHECK(a.stages == 4);
        CHECK(a.tasks == 32);
        CHECK(a.failed_tasks == 1);
        CHECK(a.bytes_read == 28000288);
        CHECK(a.executor_run_ms == 4338 + 3476 + 278 + 162);
    }
}

TEST_CASE("corrupt or truncated compressed logs are errors, not short logs", "[ingest][codec]") {
    const std::string plain = read_fixture("spark-1.6-local.log");
    std::string lz4 = lz4_java_stream(plain, 512);
    std::string bad = lz4;
    bad[40] = static_cast<char>(bad[40] ^ 0x55);
    CHECK(error_of([&] { decode_all(bad); }).find("lz4:") != std::string::npos);
    // Cut inside a block: the block is missing data.
    CHECK(error_of([&] { decode_all(lz4.substr(0, lz4.size() - 21 - 10)); }).find("lz4: truncated block") !=
          std::string::npos);
    // Cut inside a block header (here the end mark's).
    CHECK(error_of([&] { decode_all(lz4.substr(0, lz4.size() - 10)); }).find("lz4: truncated block header") !=
          std::string::npos);
    const std::string zstd = zstd_frames(plain);
    CHECK(error_of([&] { decode_all(zstd.substr(0, zstd.size() - 5)); }).find("zstd") != std::string::npos);
    const std::string snappy = snappy_java_stream(plain, 300);
    CHECK(error_of([&] { decode_all(snappy.substr(0, snappy.size() - 3)); }).find("snappy: truncated") !=
          std::string::npos);
    // The error names the line being read when the data broke off.
    const std::string message = error_of([&] { read_log(lz4.substr(0, lz4.size() - 21 - 10), "app.lz4"); });
    CHECK(message.rfind("app.lz4:", 0) == 0);
}

TEST_CASE("lz4 blocks are read as Spark's LZ4BlockInputStream reads them", "[ingest][codec]") {
    const std::string plain = read_fixture("spark-1.6-local.log");
    const std::string lz4 = lz4_java_stream(plain, 512);
    // Spark reads with stopOnEmptyBlock off: a stream that ends at a block boundary without its
    // end mark (the log of a running application) ends cleanly, with every byte decoded.
    const std::string no_end_mark = lz4.substr(0, lz4.size() - 21);
    CHECK(decode_all(no_end_mark) == plain);
    CHECK(read_log(no_end_mark).applications.at(0).tasks == read_log(plain).applications.at(0).tasks);

    // One raw block of 2000 bytes: the token's level must allow it (2^(10 + level) bytes).
    const std::string data(2000, 'x');
    auto raw_block = [&](unsigned level, std::uint32_t compressed, std::uint32_t checksum) {
        std::string out = "LZ4Block";
        out += static_cast<char>(0x10 | level);
        put_le32(out, compressed);
        put_le32(out, static_cast<std::uint32_t>(data.size()));
        put_le32(out, checksum);
        return out + data;
    };
    const std::uint32_t checksum = ingest::xxh32(data, 0x9747b28cU) & 0x0FFFFFFFU;
    CHECK(decode_all(raw_block(1, 2000, checksum)) == data);  // level 1: up to 2048 bytes
    CHECK(error_of([&] { decode_all(raw_block(0, 2000, checksum)); }).find("lz4: invalid block header") !=
          std::string::npos);  // level 0: up to 1024 bytes
    CHECK(error_of([&] { decode_all(raw_block(1, 2000, checksum ^ 1)); }).find("checksum mismatch") !=
          std::string::npos);

    // The end mark has both lengths and the checksum 0; anything else there is corrupt.
    auto end_mark = [](std::uint32_t compressed, std::uint32_t end_checksum) {
        std::string out = "LZ4Block";
        out += static_cast<char>(0x10);
        put_le32(out, compressed);
        put_le32(out, 0);
        put_le32(out, end_checksum);
        return out;
    };
    CHECK(decode_all(no_end_mark + end_mark(0, 0)) == plain);
    CHECK(error_of([&] { decode_all(no_end_mark + end_mark(0, 7)); }).find("lz4: invalid block header") !=
          std::string::npos);
    CHECK(error_of([&] {
              decode_all(no_end_mark + end_mark(4, 0) + "abcd");
          }).find("lz4: invalid block header") != std::string::npos);
}

TEST_CASE("the line reader splits across buffer refills and keeps padding", "[ingest][lines]") {
    std::string text;
    for (int i = 0; i < 50000; ++i) text += std::string(static_cast<std::size_t>(i % 97), 'x') + "\r\n";
    text += "last";
    ingest::LineReader lines(std::make_unique<ingest::MemorySource>(text), "f");
    std::string_view line;
    int n = 0;
    bool all_match = true;
    while (lines.next(line)) {
        if (n < 50000) all_match = all_match && line.size() == static_cast<std::size_t>(n % 97);
        ++n;
    }
    CHECK(all_match);
    CHECK(n == 50001);
    CHECK(lines.last_line_unterminated());
    CHECK(lines.bytes() == text.size());
}

TEST_CASE("a zstd log of a running application ends at a flushed block and reads cleanly",
          "[ingest][codec]") {
    // Spark flushes zstd-jni's stream as it writes; a flush ends a block, not the frame, so the log
    // of a running application is one unfinished frame. It reads as far as it goes; a cut inside a
    // block is still an error.
    const std::string plain = read_fixture("spark-1.6-local.log");
    const std::size_t half = plain.find('\n', plain.size() / 2) + 1;
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    REQUIRE(cctx != nullptr);
    std::string flushed;
    std::string buffer(ZSTD_CStreamOutSize(), '\0');
    ZSTD_inBuffer input{plain.data(), half, 0};
    for (bool done = false; !done;) {
        ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
        const std::size_t left = ZSTD_compressStream2(cctx, &output, &input, ZSTD_e_flush);
        REQUIRE(!ZSTD_isError(left));
        flushed.append(buffer.data(), output.pos);
        done = left == 0;
    }
    ZSTD_freeCCtx(cctx);
    REQUIRE(ingest::detect_codec(flushed) == ingest::Codec::zstd);
    CHECK(decode_all(flushed) == plain.substr(0, half));
    CHECK(read_log(flushed).applications.size() == 1);
    // Cut inside the last block: missing data, not a running application.
    CHECK(error_of([&] {
              decode_all(flushed.substr(0, flushed.size() - 7));
          }).find("zstd: the stream is truncated") != std::string::npos);
    // A finished frame followed by a cut inside the next frame's header.
    const std::string two = zstd_frames(plain);
    CHECK(decode_all(two) == plain);
    CHECK(error_of([&] { decode_all(two + std::string("\x28\xB5\x2F\xFD", 4)); }).find("zstd") !=
          std::string::npos);
}
