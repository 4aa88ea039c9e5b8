// SPDX-License-Identifier: GPL-3.0-or-later
// Hardware and model preset files.
#include "afd/preset_files.hpp"

#include "json_input.hpp"

#include <cmath>
#include <string>
#include <utility>

namespace afd {

using detail::describeJson;
using detail::Json;
using detail::ObjectReader;
using detail::parameterValue;

namespace {

ParamGroup groupOf(PresetKind kind) {
    return kind == PresetKind::Hardware ? ParamGroup::Hardware : ParamGroup::Model;
}

std::string keysOfGroup(ParamGroup group) {
    std::string list;
    for (const ParamSpec& p : parameters()) {
        if (p.group == group) {
            list += (list.empty() ? "" : ", ") + std::string(p.key);
        }
    }
    return list;
}

AttentionGeometry parseAttention(const ObjectReader& parent) {
    const Json& node = parent.required("attention", "an object with the attention geometry");
    const ObjectReader a(node, parent.origin(), parent.keyPath("attention"));
    AttentionGeometry g;
    g.type = a.string("type");
    if (g.type == "MLA") {
        a.allowOnly({"type", "query_heads", "kv_lora_rank", "qk_rope_head_dim", "kv_layers",
                     "kv_bytes_per_token_per_layer_bf16", "source"});
        g.kvHeads = 1;
        g.kvLoraRank = a.number("kv_lora_rank", 1, 65536);
        g.qkRopeHeadDim = a.number("qk_rope_head_dim", 0, 65536);
    } else if (g.type == "GQA" || g.type == "MFA") {
        a.allowOnly({"type", "query_heads", "kv_heads", "head_dim", "kv_layers",
                     "kv_bytes_per_token_per_layer_bf16", "source"});
        g.kvHeads = a.number("kv_heads", 1, 4096);
        g.headDim = a.number("head_dim", 1, 65536);
    } else {
        a.fail("type", "\"MLA\", \"GQA\" or \"MFA\"", "\"" + g.type + "\"");
    }
    g.queryHeads = a.number("query_heads", 1, 4096);
    g.kvLayers = a.number("kv_layers", 1, 1024);
    g.kvBytesPerTokenPerLayerBf16 = a.number("kv_bytes_per_token_per_layer_bf16", 1, 1e9, "B");
    g.source = a.string("source");
    // The stored byte count must follow from the geometry (docs/model.md B2 / reference B3), so a
    // typo in either shows up here rather than as a wrong KV budget later.
    const double derived = g.type == "MLA" ? (g.kvLoraRank + g.qkRopeHeadDim) * 2.0
                                           : 2.0 * g.kvHeads * g.headDim * 2.0;
    if (derived != g.kvBytesPerTokenPerLayerBf16) {
        a.fail("kv_bytes_per_token_per_layer_bf16",
               formatNumber(derived) + " B (what the geometry gives in BF16)",
               formatNumber(g.kvBytesPerTokenPerLayerBf16));
    }
    return g;
}

} // namespace

std::string_view presetKindKey(PresetKind kind) noexcept {
    return kind == PresetKind::Hardware ? "hardware" : "model";
}

void Preset::applyTo(Scenario& scenario) const noexcept {
    for (const SourcedValue& v : values) {
        scenario[v.param] = v.value;
    }
}

const SourcedValue* Preset::find(Param p) const noexcept {
    for (const SourcedValue& v : values) {
        if (v.param == p) {
            return &v;
        }
    }
    return nullptr;
}

Preset parsePreset(std::string_view text, const std::string& origin) {
    const Json root = detail::parseJsonStrictly(text, origin);
    const ObjectReader r(root, origin, "");
    r.schemaVersion();
    Preset preset;
    preset.origin = origin;
    const std::string kind = r.string("kind");
    if (kind == "hardware") {
        preset.kind = PresetKind::Hardware;
        r.allowOnly({"schema_version", "kind", "id", "name", "description", "paper", "paper_order",
                     "values"});
    } else if (kind == "model") {
        preset.kind = PresetKind::Model;
        // "attention": the older form of the attention geometry (now registry values).
        r.allowOnly({"schema_version", "kind", "id", "name", "description", "paper", "paper_order",
                     "values", "attention"});
    } else {
        r.fail("kind", "\"hardware\" or \"model\"", "\"" + kind + "\"");
    }
    preset.id = r.identifier("id");
    preset.name = r.string("name");
    preset.description = r.optionalString("description");
    // One of the paper's presets (its Table 4 models, Table 5 platforms), and its row there.
    if (r.has("paper")) {
        const Json& paper = r.required("paper", "true or false");
        if (!paper.is_boolean()) {
            r.fail("paper", "true or false", describeJson(paper));
        }
        preset.paper = paper.get<bool>();
    }
    if (preset.paper) {
        const double order = r.number("paper_order", 1, 64);
        if (order != std::floor(order)) {
            r.fail("paper_order", "a whole number in [1, 64]", formatNumber(order));
        }
        preset.paperOrder = static_cast<int>(order);
    } else if (r.has("paper_order")) {
        r.fail("paper_order", "\"paper\": true beside it (the place among the paper's presets)",
               "no \"paper\": true");
    }

    const ParamGroup group = groupOf(preset.kind);
    const ObjectReader values(r.required("values", "an object of parameter values"), origin,
                              "values");
    for (const auto& [key, entry] : values.json().items()) {
        const auto param = findParam(key);
        if (!param || spec(*param).group != group) {
            values.fail(key,
                        "a " + std::string(presetKindKey(preset.kind)) + " parameter (one of " +
                            keysOfGroup(group) + ")",
                        "unknown key");
        }
        const ObjectReader item(entry, origin, values.keyPath(key));
        item.allowOnly({"value", "unit", "source", "note"});
        SourcedValue v;
        v.param = *param;
        v.value = parameterValue(item, "value", *param);
        const Json& unit = item.required("unit", "the unit string");
        if (!unit.is_string() || unit.get<std::string>() != spec(*param).unit) {
            item.fail("unit", "\"" + std::string(spec(*param).unit) + "\"", describeJson(unit));
        }
        v.source = item.string("source");
        if (item.has("note")) {
            item.string("note");
        }
        preset.values.push_back(std::move(v));
    }
    // The paper's keys are required; the throughput model's (Part C) may be left out, and then
    // take their registry defaults, so presets written for the paper's model still load.
    for (const ParamSpec& p : parameters()) {
        if (p.group == group && !p.partC && preset.find(p.id) == nullptr) {
            values.fail(p.key, expectation(p.id), "missing key");
        }
    }
    if (preset.kind == PresetKind::Model && r.has("attention")) {
        // Older model presets carry the attention geometry in an "attention" object; values
        // given under "values" take precedence.
        preset.attention = parseAttention(r);
        const AttentionGeometry& a = *preset.attention;
        if (a.kvLayers > preset.find(Param::NumLayers)->value) {
            r.fail("attention.kv_layers",
                   "at most num_layers = " + formatNumber(preset.find(Param::NumLayers)->value),
                   formatNumber(a.kvLayers));
        }
        const bool mla = a.type == "MLA";
        const std::pair<Param, double> geometry[] = {
            {Param::AttentionType,
             *choiceIndex(Param::AttentionType, mla ? "mla" : (a.type == "MFA" ? "mfa" : "gqa"))},
            {Param::NumQueryHeads, a.queryHeads},
            {Param::KvLoraRank, mla ? a.kvLoraRank : 0},
            {Param::QkRopeHeadDim, mla ? a.qkRopeHeadDim : 0},
            {Param::NumKvHeads, a.kvHeads},
            {Param::HeadDim, mla ? spec(Param::HeadDim).defaultValue : a.headDim},
            {Param::KvCacheLayers, a.kvLayers}};
        for (const auto& [param, value] : geometry) {
            if (preset.find(param) == nullptr) {
                preset.values.push_back({param, value, a.source});
            }
        }
    }
    // Cross-parameter rules (top_k <= num_experts, the layer split) on the preset's own values.
    Scenario check;
    preset.applyTo(check);
    if (const InputError error = validate(check); error) {
        throw InputFileError(origin, "values." + std::string(spec(error.param).key),
                             "consistent values (" + describe(error, check) + ")");
    }
    return preset;
}

Preset loadPresetFile(const std::string& path) {
    return parsePreset(readInputFile(path), path);
}

} // namespace afd
