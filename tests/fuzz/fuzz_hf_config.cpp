// SPDX-License-Identifier: GPL-3.0-or-later
// Hugging Face config.json import: afd::importHuggingFaceConfig. An accepted config must give
// a model preset that parsePreset accepts (hf_import.hpp: "valid per parsePreset").
#include "afd/hf_import.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    afd::HfImport imported;
    if (!afd::fuzz::parsedOrRefused([&] {
            imported =
                afd::importHuggingFaceConfig(afd::fuzz::asText(data, size), "config.json", "", "");
        })) {
        return 0;
    }
    try {
        const afd::Preset preset = afd::parsePreset(imported.presetJson, "imported.json");
        if (preset.kind != afd::PresetKind::Model) {
            afd::fuzz::fail("the imported preset is not a model preset");
        }
    } catch (const afd::InputFileError& e) {
        afd::fuzz::fail(std::string("the imported preset does not parse again: ") + e.what());
    }
    return 0;
}
