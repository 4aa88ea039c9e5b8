// SPDX-License-Identifier: GPL-3.0-or-later
// The "kind" of any input file: afd::inputFileKind, which must return one of the five kinds.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string kind;
    afd::fuzz::parsedOrRefused(
        [&] { kind = afd::inputFileKind(afd::fuzz::asText(data, size), "fuzz.json"); });
    if (!kind.empty() && kind != "hardware" && kind != "model" && kind != "scenario" &&
        kind != "deck" && kind != "measurement") {
        afd::fuzz::fail("inputFileKind returned \"" + kind + "\"");
    }
    return 0;
}
