// SPDX-License-Identifier: GPL-3.0-or-later
// Hardware and model preset files (presets/hardware/, presets/models/): every value with its
// unit and source, validated strictly.
#pragma once

#include "afd/input_file.hpp"
#include "afd/model.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace afd {

enum class PresetKind { Hardware, Model };
std::string_view presetKindKey(PresetKind kind) noexcept; // "hardware" / "model"

struct SourcedValue {
    Param param = Param::Count;
    double value = 0;
    std::string source;
};

// Attention geometry of a model (docs/model.md B2), carried for the attention-side model.
struct AttentionGeometry {
    std::string type; // "MLA", "GQA" or "MFA"
    double queryHeads = 0;
    double kvHeads = 0;       // GQA/MFA: KV heads; MLA: 1 (latent)
    double headDim = 0;       // GQA/MFA: per-head dimension
    double kvLoraRank = 0;    // MLA: latent rank
    double qkRopeHeadDim = 0; // MLA: rope part cached beside the latent
    double kvLayers = 0;      // layers that hold a KV cache
    double kvBytesPerTokenPerLayerBf16 = 0;
    std::string source;
    double kvBytesPerTokenBf16() const noexcept { return kvBytesPerTokenPerLayerBf16 * kvLayers; }
};

struct Preset {
    PresetKind kind = PresetKind::Hardware;
    std::string id;
    std::string name;
    std::string description;
    std::string origin; // file path, or "presets/..." for built-in ones
    // One of the paper's presets (file key "paper": true): its six models (Table 4) and eight
    // platforms (Table 5). paperOrder ("paper_order", 1-based) is its place in the order the
    // paper presents them; 0 when not the paper's.
    bool paper = false;
    int paperOrder = 0;
    std::vector<SourcedValue> values;
    std::optional<AttentionGeometry> attention; // models only

    void applyTo(Scenario& scenario) const noexcept;
    const SourcedValue* find(Param p) const noexcept;
};

Preset parsePreset(std::string_view text, const std::string& origin);
Preset loadPresetFile(const std::string& path);

} // namespace afd
