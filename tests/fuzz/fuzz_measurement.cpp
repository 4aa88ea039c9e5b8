// SPDX-License-Identifier: GPL-3.0-or-later
// Measurement files: afd::parseMeasurement, then afd::checkMeasurement (resolution against the
// built-in presets and the throughput prediction, with its deployment search).
#include "afd/measurements.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    afd::fuzz::parsedOrRefused([&] {
        const afd::Measurement m =
            afd::parseMeasurement(afd::fuzz::asText(data, size), "fuzz.json");
        (void)afd::checkMeasurement(m, afd::fuzz::library());
    });
    return 0;
}
