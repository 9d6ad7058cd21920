#include "pipeadvise/util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <climits>
#include <csignal>
#include <cstring>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "pipeadvise/util/diagnostic.hpp"
#include "pipeadvise/util/visible.hpp"

namespace pipeadvise::util {

namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::string message, int line = 0, int column = 0) {
    throw Error(
        std::vector<Diagnostic>{Diagnostic{Location{path.string(), line, column}, std::move(message)}});
}

/// An input error about a file as a whole (unreadable, too large, not a regular file): at
/// line 1, column 1, so that every input error has the FILE:LINE:COL form editors and CI
/// annotations parse.
[[noreturn]] void fail_whole(const std::filesystem::path& path, std::string message) {
    fail(path, std::move(message), 1, 1);
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

/// Rejects NUL bytes and invalid UTF-8, citing the 1-based line and column (in characters).
void check_text(const std::filesystem::path& path, const std::string& content) {
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < content.size();) {
        if (content[i] == '\0') fail(path, "NUL byte in input (binary file?)", line, column);
        char32_t code_point = 0;
        const std::size_t length = decode_utf8(content, i, code_point);
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

/// Files read as inputs by this process, by device and inode: an output may not replace one.
struct FileId {
    dev_t device;
    ino_t inode;
    bool operator==(const FileId&) const = default;
};

std::mutex g_files_mutex;
std::vector<std::pair<FileId, std::string>> g_inputs;  // guarded by g_files_mutex

std::optional<FileId> id_of(const std::filesystem::path& path) {
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) return std::nullopt;
    return FileId{info.st_dev, info.st_ino};
}

void remember(std::vector<std::pair<FileId, std::string>>& list, FileId id, const std::string& name) {
    std::lock_guard<std::mutex> lock(g_files_mutex);
    for (const auto& entry : list)
        if (entry.first == id) return;
    list.emplace_back(id, name);
}

/// The name under which `id` was remembered, if that name still is that file: a file
/// deleted since may have given its inode to a new one, which is then no input.
std::optional<std::string> find(const std::vector<std::pair<FileId, std::string>>& list, FileId id) {
    std::lock_guard<std::mutex> lock(g_files_mutex);
    for (const auto& entry : list) {
        if (!(entry.first == id)) continue;
        struct stat now {};
        if (::stat(entry.second.c_str(), &now) == 0 && FileId{now.st_dev, now.st_ino} == id)
            return entry.second;
    }
    return std::nullopt;
}

}  // namespace

std::string read_input_file(const std::filesystem::path& path, std::uintmax_t max_bytes) {
    // stat() before open(): a FIFO or a device must never be opened for reading (it could
    // block forever or never end), and the size cap applies before a byte is read.
    struct stat info {};
    if (::stat(path.c_str(), &info) != 0) {
        if (path == "-")
            fail(path, "'-' (standard input) is not read by this command; give the path of a file");
        fail_whole(path, "cannot read file: " + describe_errno(errno));
    }
    if (const char* why = refusal_for(info.st_mode)) fail_whole(path, why);
    if (static_cast<std::uintmax_t>(info.st_size) > max_bytes)
        fail_whole(path, size_message(static_cast<std::uintmax_t>(info.st_size), max_bytes));

    // O_NONBLOCK: if the path was swapped for a FIFO after stat(), open does not block.
    FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) fail_whole(path, "cannot open file: " + describe_errno(errno));
    struct stat opened {};
    if (::fstat(fd.get(), &opened) != 0) fail_whole(path, "cannot read file: " + describe_errno(errno));
    if (const char* why = refusal_for(opened.st_mode)) fail_whole(path, why);
    if (static_cast<std::uintmax_t>(opened.st_size) > max_bytes)
        fail_whole(path, size_message(static_cast<std::uintmax_t>(opened.st_size), max_bytes));

    std::string content;
    content.reserve(static_cast<std::size_t>(opened.st_size));
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail_whole(path, "cannot read file: " + describe_errno(errno));
        }
        if (n == 0) break;
        content.append(buffer, static_cast<std::size_t>(n));
        // The file may grow between fstat() and read(): the cap still holds.
        if (content.size() > max_bytes) fail_whole(path, size_message(content.size(), max_bytes));
    }
    check_text(path, content);
    remember(g_inputs, FileId{opened.st_dev, opened.st_ino}, path.string());
    return content;
}

namespace {

// --- removing the temporary file when the process is interrupted --------------------------

/// The temporary file being written, for the signal handler (async-signal-safe: a fixed
/// buffer and a flag, no allocation). Only one output is written at a time per process.
char g_temp_path[PATH_MAX + 1];
volatile std::sig_atomic_t g_temp_active = 0;
constexpr std::array<int, 4> k_cleanup_signals = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

extern "C" void remove_temp_and_reraise(int signal_number) {
    if (g_temp_active) ::unlink(g_temp_path);
    // Die of the same signal, so the caller's shell sees the usual status (130 for Ctrl-C).
    ::signal(signal_number, SIG_DFL);
    ::raise(signal_number);
}

/// Installs the clean-up handlers while a temporary file exists; restores the old ones after.
class TempGuard {
public:
    explicit TempGuard(const std::filesystem::path& temp) {
        const std::string& text = temp.native();
        if (text.size() <= PATH_MAX) {
            std::memcpy(g_temp_path, text.c_str(), text.size() + 1);
            g_temp_active = 1;
        }
        struct sigaction action {};
        action.sa_handler = remove_temp_and_reraise;
        sigemptyset(&action.sa_mask);
        for (std::size_t i = 0; i < k_cleanup_signals.size(); ++i)
            ::sigaction(k_cleanup_signals[i], &action, &m_previous[i]);
    }
    TempGuard(const TempGuard&) = delete;
    TempGuard& operator=(const TempGuard&) = delete;
    ~TempGuard() {
        g_temp_active = 0;
        for (std::size_t i = 0; i < k_cleanup_signals.size(); ++i)
            ::sigaction(k_cleanup_signals[i], &m_previous[i], nullptr);
    }

private:
    std::array<struct sigaction, k_cleanup_signals.size()> m_previous{};
};

/// Longest file name the directory allows (NAME_MAX when it does not say).
std::size_t name_max(const std::filesystem::path& directory) {
    errno = 0;
    const long n = ::pathconf(directory.c_str(), _PC_NAME_MAX);
    return n > 0 ? static_cast<std::size_t>(n) : NAME_MAX;
}

/// `.NAME.tmp-PID-N-STAMP`, with NAME cut so the whole fits the directory's name limit (a
/// legal 255-byte output name still gets a legal temporary name).
std::string temp_name(const std::string& base, std::size_t limit, unsigned counter) {
    auto stamp = static_cast<unsigned long long>(std::chrono::steady_clock::now().time_since_epoch().count());
    const std::string suffix = ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter) + "-" +
                               std::to_string(stamp % 1000000);
    std::string head = base;
    if (1 + head.size() + suffix.size() > limit)
        head.resize(limit > suffix.size() + 1 ? limit - suffix.size() - 1 : 0);
    return "." + head + suffix;
}

/// Writes everything to an open descriptor; false (errno set) on failure.
bool write_all(int fd, std::string_view content) {
    std::size_t written = 0;
    while (written < content.size()) {
        ssize_t n = ::write(fd, content.data() + written, content.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

/// A character device (`/dev/null`, a terminal) or a FIFO: written in place, never replaced.
void write_through(const std::filesystem::path& path, std::string_view content) {
    FileDescriptor fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY));
    if (fd.get() < 0) fail(path, "cannot write: " + describe_errno(errno));
    if (!write_all(fd.get(), content)) fail(path, "cannot write: " + describe_errno(errno));
    if (!fd.close()) fail(path, "cannot write: close failed: " + describe_errno(errno));
}

void replace_regular_file(const std::filesystem::path& path, std::string_view content, mode_t mode);

}  // namespace

void check_outputs(const std::vector<std::filesystem::path>& outputs) {
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        if (outputs[i] == "-") continue;
        const auto id = id_of(outputs[i]);
        for (std::size_t j = 0; j < i; ++j) {
            if (outputs[j] == "-") continue;
            const auto other = id_of(outputs[j]);
            const bool same_file = id && other && *id == *other;
            std::error_code ec_i, ec_j;  // never throws: an unreadable path compares by its text
            const auto canonical_i = std::filesystem::weakly_canonical(outputs[i], ec_i);
            const auto canonical_j = std::filesystem::weakly_canonical(outputs[j], ec_j);
            const bool same_name = ec_i || ec_j ? outputs[i] == outputs[j] : canonical_i == canonical_j;
            if (same_file || same_name)
                fail(outputs[i], "cannot write: the same file is given for two outputs (also " +
                                     outputs[j].string() + "); one would overwrite the other");
        }
        if (id) {
            if (auto input = find(g_inputs, *id))
                fail(outputs[i],
                     "cannot write: this file is also an input (" + *input + "); refusing to overwrite it");
        }
    }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view content, InputPolicy policy) {
    const std::string base = path.filename().string();
    if (base.empty() || base == "." || base == "..") fail(path, "cannot write: not a file name");
    // An edit in place (`calibrate --apply`) rewrites the very file it read; every other
    // output must not replace an input.
    if (policy == InputPolicy::refuse) check_outputs({path});

    // stat() follows symbolic links: a link's target is what gets written (or refused), and
    // the link itself stays a link.
    struct stat existing {};
    if (::stat(path.c_str(), &existing) == 0) {
        if (S_ISDIR(existing.st_mode)) fail(path, "cannot write: is a directory");
        if (S_ISCHR(existing.st_mode) || S_ISFIFO(existing.st_mode)) {
            write_through(path, content);
            return;
        }
        if (!S_ISREG(existing.st_mode))
            fail(path, std::string("cannot write: ") +
                           (S_ISBLK(existing.st_mode)    ? "is a block device"
                            : S_ISSOCK(existing.st_mode) ? "is a socket"
                                                         : "is not a regular file") +
                           "; only regular files are replaced, and only character devices and FIFOs "
                           "are written through");
        std::error_code ec;
        const std::filesystem::path target = std::filesystem::canonical(path, ec);
        replace_regular_file(ec ? path : target, content, existing.st_mode & 07777);
        return;
    }
    if (errno != ENOENT) fail(path, "cannot write: " + describe_errno(errno));
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
        fail(path, "cannot write: a symbolic link to a missing file");
    // A new file gets 0666 minus the umask.
    replace_regular_file(path, content, 0666);
}

namespace {

void replace_regular_file(const std::filesystem::path& path, std::string_view content, mode_t mode) {
    static std::atomic<unsigned> counter{0};
    const std::filesystem::path directory =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    const std::string base = path.filename().string();
    const std::size_t limit = name_max(directory);

    std::filesystem::path temp;
    int raw_fd = -1;
    for (int attempt = 0; attempt < 100 && raw_fd < 0; ++attempt) {
        temp = directory / temp_name(base, limit, counter++);
        raw_fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
        if (raw_fd < 0 && errno != EEXIST) fail(path, "cannot write: " + describe_errno(errno));
    }
    if (raw_fd < 0) fail(path, "cannot write: no unique temporary file name");
    FileDescriptor fd(raw_fd);
    TempGuard guard(temp);

    auto abandon = [&](const std::string& why) {
        int saved = errno;
        fd.close();
        ::unlink(temp.c_str());
        fail(path, "cannot write: " + why + (saved ? ": " + describe_errno(saved) : std::string()));
    };
    if (mode != 0666) ::fchmod(fd.get(), mode);
    if (!write_all(fd.get(), content)) abandon("write failed");
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

}  // namespace

std::string read_standard_input(const std::filesystem::path& display_name, std::uintmax_t max_bytes) {
    // The same rules as a file (size cap, no NUL, valid UTF-8), read from descriptor 0: a pipe
    // or a redirected file; diagnostics name the file the text stands for (--stdin-filename).
    std::string content;
    char buffer[65536];
    for (;;) {
        ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail_whole(display_name, "cannot read standard input: " + describe_errno(errno));
        }
        if (n == 0) break;
        content.append(buffer, static_cast<std::size_t>(n));
        if (content.size() > max_bytes) fail_whole(display_name, size_message(content.size(), max_bytes));
    }
    check_text(display_name, content);
    return content;
}

}  // namespace pipeadvise::util
