// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the libFuzzer targets in tests/fuzz/. Each target feeds its input to one of the
// core's parsers. afd::InputFileError is the documented way to refuse a file and is swallowed;
// any other exception escapes (libFuzzer reports it as a crash), as do sanitizer reports and
// the invariant failures below.
#pragma once

#include "afd/presets.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace afd::fuzz {

inline std::string_view asText(const std::uint8_t* data, std::size_t size) noexcept {
    return {reinterpret_cast<const char*>(data), size};
}

// A broken invariant: print why and abort, so that libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "\n*** AFD fuzz invariant violated: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

// Runs body(); a refusal by InputFileError is the expected outcome for most inputs. Returns
// whether body() completed. The message must not be empty (it is what users see).
template <class Body>
bool parsedOrRefused(Body&& body) {
    try {
        body();
        return true;
    } catch (const InputFileError& e) {
        if (std::string_view(e.what()).empty()) {
            fail("InputFileError with an empty message");
        }
        return false;
    }
}

// The library of shipped presets, built before the first input (a broken shipped file is not
// a finding of the fuzzer's input).
inline const PresetLibrary& library() {
    return PresetLibrary::builtin();
}

} // namespace afd::fuzz

// Called once by libFuzzer before the first input. Not inline (libFuzzer finds it by a weak
// reference), so this header is included by exactly one file per target: the target itself.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
    (void)afd::fuzz::library();
    return 0;
}
