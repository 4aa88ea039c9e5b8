// SPDX-License-Identifier: GPL-3.0-or-later
// Deck files: afd::parseDeck against the built-in presets (every slide is resolved).
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    afd::fuzz::parsedOrRefused([&] {
        (void)afd::parseDeck(afd::fuzz::asText(data, size), "fuzz.json", afd::fuzz::library());
    });
    return 0;
}
