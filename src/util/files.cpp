#include "pipeadvise/util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <string>

#include "pipeadvise/util/diagnostic.hpp"

namespace pipeadvise::util {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string message, int line = 0, int column = 0) {
    throw Error(
        std::vector<Diagnostic>{Diagnostic{Location{path.string(), line, column}, std::move(message)}});
}

std::string describe_errno(int err) {
    return std::strerror(err);
}

/// Why a file of this type cannot be read as text, or nullptr for a regular file.
const char* refusal_for(mode_t mode) {
    if (S_ISREG(mode)) return nullptr;
    if (S_ISDIR(mode)) return "is a directory, not a file";
    if (S_ISFIFO(mode)) return "is a FIFO (named pipe); only regular files are read";
    if (S_ISCHR(mode)) return "is a character device; only regular files are read";
    if (S_ISBLK(mode)) return "is a block device; only regular files are read";
    if (S_ISSOCK(mode)) return "is a socket; only regular files are read";
    return "is not a regular file";
}

std::string size_message(std::uintmax_t size, std::uintmax_t max_bytes) {
    return "file is too large (" + std::to_string(size) + " bytes; the limit is " +
           std::to_string(max_bytes) + " bytes)";
}

/// Closes a descriptor on scope exit.
class FileDescriptor {
public:
    explicit FileDescriptor(int fd) : m_fd(fd) {}
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;
    ~FileDescriptor() {
        if (m_fd >= 0) ::close(m_fd);
    }
    int get() const { return m_fd; }
    /// Closes now and reports whether close succeeded.
    bool close() {
        int fd = m_fd;
        m_fd = -1;
        return fd < 0 || ::close(fd) == 0;
    }

private:
    int m_fd;
};

/// Length of the UTF-8 sequence starting at `s[i]`, or 0 when it is invalid (overlong forms,
/// surrogates and code points past U+10FFFF are invalid).
std::size_t utf8_sequence_length(const std::string& s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) low = 0xA0;   // overlong
        if (c == 0xED) high = 0x9F;  // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) low = 0x90;   // overlong
        if (c == 0xF4) high = 0x8F;  // past U+10FFFF
    } else {
        return 0;
    }
    if (i + length > s.size()) return 0;
    if (byte(i + 1) < low || byte(i + 1) > high) return 0;
    for (std::size_t k = 2; k < length; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return length;
}

/// Rejects NUL bytes and invalid UTF-8, citing the 1-based line and column (in characters).
void check_text(const std::filesystem::path& path, const std::string& content) {
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < content.size();) {
        if (content[i] == '\0') fail(path, "NUL byte in input (binary file?)", line, column);
        std::size_t length = utf8_sequence_length(content, i);
        if (length == 0) {
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X",
                          static_cast<unsigned>(static_cast<unsigned char>(content[i])));
            fail(path, std::string("invalid UTF-8 (byte ") + hex + ")", line, column);
        }
        if (content[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
        i += length;
    }
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    // stat() before open(): a FIFO or a device must never be opened for reading (it could
    // block forever or never end), and the size cap applies before a byte is read.
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) fail(path, "cannot read file: " + describe_errno(errno));
    if (const char* why = refusal_for(info.st_mode)) fail(path, why);
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes)
        fail(path, size_message(static_cast<std::uintmax_t>(info.st_size), max_bytes));

    // O_NONBLOCK: if the path was swapped for a FIFO after stat(), open does not block.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) fail(path, "cannot open file: " + describe_errno(errno));
    struct stat opened {};
    if (::fstat(fd.get(), &opened) != 0) fail(path, "cannot read file: " + describe_errno(errno));
    if (const char* why = refusal_for(opened.st_mode)) fail(path, why);
    if (static_cast<std::uintmax_t>(opened.st_size) > max_bytes)
        fail(path, size_message(static_cast<std::uintmax_t>(opened.st_size), max_bytes));

    std::string content;
    content.reserve(static_cast<std::size_t>(opened.st_size));
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(path, "cannot read file: " + describe_errno(errno));
        }
        if (n == 0) break;
        content.append(buffer, static_cast<std::size_t>(n));
        // The file may grow between fstat() and read(): the cap still holds.
        if (content.size() > max_bytes) fail(path, size_message(content.size(), max_bytes));
    }
    check_text(path, content);
    return content;
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::string base = path.filename().string();
    if (base.empty() || base == "." || base == "..") fail(path, "cannot write: not a file name");

    // Keep an existing target's permissions; a new file gets 0666 minus the umask.
    mode_t mode = 0666;
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0) {
        if (S_ISDIR(existing.st_mode)) fail(path, "cannot write: is a directory");
        if (S_ISREG(existing.st_mode)) mode = existing.st_mode & 07777;
    }

    std::filesystem::path temp;
    int raw_fd = -1;
    for (int attempt = 0; attempt < 100 && raw_fd < 0; ++attempt) {
        auto stamp =
            static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count());
        temp = directory / ("." + base + ".tmp-" + std::to_string(::getpid()) + "-" +
                            std::to_string(counter++) + "-" + std::to_string(stamp % 1000000));
        raw_fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
        if (raw_fd < 0 && errno != EEXIST) fail(path, "cannot write: " + describe_errno(errno));
    }
    if (raw_fd < 0) fail(path, "cannot write: no unique temporary file name");
    FileDescriptor fd(raw_fd);

    auto abandon = [&](const std::string& why) {
        int saved = errno;
        fd.close();
        ::unlink(temp.c_str());
        fail(path, "cannot write: " + why + (saved ? ": " + describe_errno(saved) : std::string()));
    };
    if (mode != 0666) ::fchmod(fd.get(), mode);
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd.get(), content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            abandon("write failed");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0) abandon("fsync failed");
    if (!fd.close()) abandon("close failed");
    if (::rename(temp.c_str(), path.c_str()) != 0) {
        int saved = errno;
        ::unlink(temp.c_str());
        fail(path, "cannot write: rename failed: " + describe_errno(saved));
    }
    // Make the rename itself durable; failure here does not undo a complete write.
    int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir_fd >= 0) {
        ::fsync(dir_fd);
        ::close(dir_fd);
    }
}

std::string read_standard_input(const std::filesystem::path& display_name, std::uintmax_t max_bytes) {
    // The same rules as a file (size cap, no NUL, valid UTF-8), read from descriptor 0: a pipe
    // or a redirected file; diagnostics name the file the text stands for (--stdin-filename).
    std::string content;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(display_name, "cannot read standard input: " + describe_errno(errno));
        }
        if (n == 0) break;
        content.append(buffer, static_cast<std::size_t>(n));
        if (content.size() > max_bytes) fail(display_name, size_message(content.size(), max_bytes));
    }
    check_text(display_name, content);
    return content;
}

}  // namespace pipeadvise::util
