// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/file_output.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace afd {
namespace {

[[noreturn]] void fail(const std::string& path, int error) {
    throw OutputFileError(path + ": cannot write (" + std::strerror(error) + ")");
}

// Closes the descriptor and removes the temporary file unless released.
struct TemporaryFile {
    int fd = -1;
    std::string path;
    ~TemporaryFile() {
        if (fd >= 0) {
            ::close(fd);
        }
        if (!path.empty()) {
            ::unlink(path.c_str());
        }
    }
};

} // namespace

void writeAll(int fd, std::string_view data, const std::string& what) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail(what, errno);
        }
        if (n == 0) {
            fail(what, EIO);
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void writeFileAtomically(const std::string& path, std::string_view data) {
    struct stat existing {};
    const bool exists = ::stat(path.c_str(), &existing) == 0;
    if (exists && !S_ISREG(existing.st_mode)) {
        if (S_ISDIR(existing.st_mode)) {
            fail(path, EISDIR);
        }
        // A device, FIFO or socket: write through it; renaming over it would replace a system
        // file (as root, /dev/full) with a regular one.
        const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
        if (fd < 0) {
            fail(path, errno);
        }
        TemporaryFile guard{fd, {}};
        writeAll(fd, data, path);
        guard.fd = -1;
        if (::close(fd) != 0) {
            fail(path, errno);
        }
        return;
    }
    const std::filesystem::path target(path);
    const std::filesystem::path folder =
        target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
    std::string pattern = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
    TemporaryFile temp;
    temp.fd = ::mkostemp(pattern.data(), O_CLOEXEC);
    if (temp.fd < 0) {
        fail(path, errno);
    }
    temp.path = pattern;
    writeAll(temp.fd, data, path);
    // Keep the permissions of the file being replaced; a new file gets the usual 0666 & ~umask.
    mode_t mode = existing.st_mode & 07777;
    if (!exists) {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = 0666 & ~mask;
    }
    if (::fchmod(temp.fd, mode) != 0 || ::fsync(temp.fd) != 0) {
        fail(path, errno);
    }
    const int fd = temp.fd;
    temp.fd = -1;
    if (::close(fd) != 0) {
        fail(path, errno);
    }
    if (::rename(temp.path.c_str(), path.c_str()) != 0) {
        fail(path, errno);
    }
    temp.path.clear(); // renamed: nothing to remove
}

} // namespace afd
