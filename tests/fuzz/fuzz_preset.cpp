// SPDX-License-Identifier: GPL-3.0-or-later
// Hardware and model preset files: afd::parsePreset.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    afd::fuzz::parsedOrRefused(
        [&] { (void)afd::parsePreset(afd::fuzz::asText(data, size), "fuzz.json"); });
    return 0;
}
