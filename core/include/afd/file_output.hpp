// SPDX-License-Identifier: GPL-3.0-or-later
// Writing output files so that nothing is lost: a regular file is replaced only once the new
// contents are completely on disk (temporary file, checked writes, fsync, rename); a device or
// FIFO is written in place and never replaced; every failure names the file and the reason.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace afd {

// "<path>: cannot write (<reason>)".
class OutputFileError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Writes data to path as described above. On failure the previous file is untouched and any
// temporary file removed. Throws OutputFileError.
void writeFileAtomically(const std::string& path, std::string_view data);

// Writes all of data to a file descriptor (retrying short writes); throws OutputFileError
// naming `what` on failure. Used for standard output too ("-").
void writeAll(int fd, std::string_view data, const std::string& what);

} // namespace afd
