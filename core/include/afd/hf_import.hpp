// SPDX-License-Identifier: GPL-3.0-or-later
// Turns a Hugging Face config.json into a model preset (DeepSeek-V3/Kimi-K2, Qwen3-MoE,
// GLM-4.5, Step-3, Mixtral, DBRX, gpt-oss, Llama-4 and ERNIE-4.5 field names).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace afd {

struct HfImport {
    std::string presetJson;           // a complete model preset, formatted, valid per parsePreset
    std::vector<std::string> guesses; // fields that had to be assumed, one sentence each
};

// Throws InputFileError (naming origin and the missing or malformed config field).
// id and name default to ones derived from the config's model_type / _name_or_path.
HfImport importHuggingFaceConfig(std::string_view configText, const std::string& origin,
                                 std::string id = {}, std::string name = {});

} // namespace afd
