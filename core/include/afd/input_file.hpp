// SPDX-License-Identifier: GPL-3.0-or-later
// Reading input files: the limits every reader applies, the one error every reader throws, and
// the "kind" key that says what a file is.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace afd {

inline constexpr int kSchemaVersion = 1;
// Hostile-file guards: nothing we ship or export comes near these.
inline constexpr std::size_t kMaxInputFileBytes = 4U * 1024U * 1024U;
inline constexpr int kMaxJsonDepth = 32;

// A problem with an input file: "<file>: key '<key>': expected <expected>[, got <got>]".
class InputFileError : public std::runtime_error {
  public:
    InputFileError(std::string file, std::string key, std::string expected, std::string got = {});
    const std::string& file() const noexcept { return file_; }
    const std::string& key() const noexcept { return key_; }

  private:
    std::string file_;
    std::string key_;
};

// Reads a whole file, refusing anything above maxBytes (checked before reading).
std::string readInputFile(const std::string& path, std::size_t maxBytes = kMaxInputFileBytes);

// The "kind" of an input file's text ("hardware", "model", "scenario", "deck" or "measurement"),
// read from the JSON rather than guessed; throws InputFileError for anything else.
std::string inputFileKind(std::string_view text, const std::string& origin);

} // namespace afd
