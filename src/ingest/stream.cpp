#include "pipeadvise/ingest/stream.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::ingest {

namespace {

class ReplaySource : public ByteSource {
public:
    ReplaySource(std::string head, std::unique_ptr<ByteSource> rest)
        : m_head(std::move(head)), m_rest(std::move(rest)) {}
    std::size_t read(char* out, std::size_t size) override {
        if (m_pos < m_head.size()) {
            const std::size_t n = std::min(size, m_head.size() - m_pos);
            std::memcpy(out, m_head.data() + m_pos, n);
            m_pos += n;
            return n;
        }
        return m_rest->read(out, size);
    }

private:
    std::string m_head;
    std::unique_ptr<ByteSource> m_rest;
    std::size_t m_pos = 0;
};

}  // namespace

std::size_t MemorySource::read(char* out, std::size_t size) {
    const std::size_t n = std::min(size, m_data.size() - m_pos);
    std::memcpy(out, m_data.data() + m_pos, n);
    m_pos += n;
    return n;
}

std::size_t ViewSource::read(char* out, std::size_t size) {
    const std::size_t n = std::min(size, m_data.size() - m_pos);
    std::memcpy(out, m_data.data() + m_pos, n);
    m_pos += n;
    return n;
}

std::unique_ptr<ByteSource> replay(std::string head, std::unique_ptr<ByteSource> rest) {
    return std::make_unique<ReplaySource>(std::move(head), std::move(rest));
}

LineReader::LineReader(std::unique_ptr<ByteSource> source, std::string file)
    : m_source(std::move(source)),
      m_file(std::move(file)),
      m_buffer((std::size_t{1} << 20) + k_line_padding) {}

bool LineReader::fill() {
    if (m_eof) return false;
    if (m_begin > 0) {
        std::memmove(m_buffer.data(), m_buffer.data() + m_begin, m_end - m_begin);
        m_end -= m_begin;
        m_begin = 0;
    }
    if (m_buffer.size() - k_line_padding == m_end) {
        if (m_end >= k_max_line_bytes)
            throw util::Error({util::Diagnostic{util::Location{m_file, m_line + 1, 1},
                                                "line longer than " + std::to_string(k_max_line_bytes >> 20) +
                                                    " MiB: not a log this tool reads"}});
        m_buffer.resize(std::min(m_end * 2, k_max_line_bytes) + k_line_padding);
    }
    std::size_t n = 0;
    try {
        n = m_source->read(m_buffer.data() + m_end, m_buffer.size() - k_line_padding - m_end);
    } catch (util::Error& e) {
        // The decoders do not know lines; place their complaint at the line being read.
        std::vector<util::Diagnostic> diagnostics = e.diagnostics();
        for (auto& d : diagnostics)
            if (d.location.line == 0) d.location.line = m_line + 1;
        throw util::Error(std::move(diagnostics));
    }
    if (n == 0) {
        m_eof = true;
        return false;
    }
    m_end += n;
    return true;
}

bool LineReader::next(std::string_view& line) {
    std::size_t scanned = m_begin;
    while (true) {
        const void* found = std::memchr(m_buffer.data() + scanned, '\n', m_end - scanned);
        if (found != nullptr) {
            const auto at = static_cast<std::size_t>(static_cast<const char*>(found) - m_buffer.data());
            std::size_t length = at - m_begin;
            if (length > 0 && m_buffer[at - 1] == '\r') --length;
            line = std::string_view(m_buffer.data() + m_begin, length);
            m_bytes += at + 1 - m_begin;
            m_begin = at + 1;
            ++m_line;
            m_unterminated = false;
            return true;
        }
        const std::size_t offset = m_end - m_begin;
        if (!fill()) {
            if (m_begin == m_end) return false;
            std::size_t length = m_end - m_begin;
            if (m_buffer[m_end - 1] == '\r') --length;
            line = std::string_view(m_buffer.data() + m_begin, length);
            m_bytes += m_end - m_begin;
            m_begin = m_end;
            ++m_line;
            m_unterminated = true;
            return true;
        }
        scanned = m_begin + offset;
    }
}

std::string read_all(ByteSource& source, std::size_t max_bytes, const std::string& file) {
    std::string out;
    std::array<char, 65536> chunk{};
    while (true) {
        const std::size_t n = source.read(chunk.data(), chunk.size());
        if (n == 0) break;
        out.append(chunk.data(), n);
        if (out.size() > max_bytes)
            throw util::Error(
                {util::Diagnostic{util::Location{file, 1, 1},
                                  "larger than " + std::to_string(max_bytes >> 20) +
                                      " MiB: this kind of input is read whole and must be smaller"}});
    }
    return out;
}

}  // namespace pipeadvise::ingest
