// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/hf_import.hpp"

#include "afd/parameters.hpp"
#include "afd/presets.hpp"
#include "json_input.hpp"

#include <cmath>
#include <initializer_list>

namespace afd {
namespace {

using detail::Json;

// Looks a field up under its alternative names (first hit wins), also inside ffn_config /
// attn_config (DBRX nests them).
class ConfigFields {
  public:
    ConfigFields(const Json& root, std::string origin) : root_(root), origin_(std::move(origin)) {}

    const Json* find(std::initializer_list<std::string_view> names, std::string* foundName) const {
        for (std::string_view name : names) {
            const auto dot = name.find('.');
            const Json* node = &root_;
            std::string_view leaf = name;
            if (dot != std::string_view::npos) {
                const auto parent = root_.find(name.substr(0, dot));
                if (parent == root_.end() || !parent->is_object()) {
                    continue;
                }
                node = &*parent;
                leaf = name.substr(dot + 1);
            }
            const auto it = node->find(leaf);
            if (it != node->end() && !it->is_null()) {
                if (foundName != nullptr) {
                    *foundName = std::string(name);
                }
                return &*it;
            }
        }
        return nullptr;
    }

    double number(std::initializer_list<std::string_view> names, std::string* foundName) const {
        const Json* v = find(names, foundName);
        if (v == nullptr) {
            std::string list;
            for (std::string_view n : names) {
                list += (list.empty() ? "" : " or ") + std::string(n);
            }
            throw InputFileError(origin_, std::string(*names.begin()), "one of the fields " + list,
                                 "none present");
        }
        if (!v->is_number() || !std::isfinite(v->get<double>()) || v->get<double>() < 0) {
            throw InputFileError(origin_, *foundName, "a non-negative number",
                                 detail::describeJson(*v));
        }
        return v->get<double>();
    }

    bool has(std::initializer_list<std::string_view> names) const {
        return find(names, nullptr) != nullptr;
    }

  private:
    const Json& root_;
    std::string origin_;
};

Json valueEntry(double value, Param param, const std::string& source) {
    Json entry = Json::object();
    entry["value"] = value;
    entry["unit"] = spec(param).unit;
    entry["source"] = source;
    return entry;
}

} // namespace

HfImport importHuggingFaceConfig(std::string_view configText, const std::string& origin,
                                 std::string id, std::string name) {
    const Json full = detail::parseJsonStrictly(configText, origin);
    if (!full.is_object()) {
        throw InputFileError(origin, "(top level)", "a config.json object",
                             detail::describeJson(full));
    }
    // Multimodal configs (Llama-4) keep the language model under text_config.
    const auto text = full.find("text_config");
    const bool nested = text != full.end() && text->is_object();
    const Json& root = nested ? *text : full;
    const ConfigFields f(root, origin);
    HfImport out;
    const std::string prefix = nested ? "text_config." : "";
    const auto from = [&](const std::string& field) {
        return "Hugging Face config.json field " + prefix + field + " (" + origin + ")";
    };

    std::string field;
    Json values = Json::object();
    const double hidden = f.number({"hidden_size", "d_model"}, &field);
    values["hidden_size"] = valueEntry(hidden, Param::HiddenSize, from(field));
    const double layers = f.number({"num_hidden_layers", "n_layers"}, &field);
    values["num_layers"] = valueEntry(layers, Param::NumLayers, from(field));
    const double experts = f.number({"n_routed_experts", "num_experts", "num_local_experts",
                                     "moe_num_experts", "ffn_config.moe_num_experts"},
                                    &field);
    values["num_experts"] = valueEntry(experts, Param::NumExperts, from(field));
    const double topK = f.number(
        {"num_experts_per_tok", "experts_per_token", "moe_top_k", "moe_k", "ffn_config.moe_top_k"},
        &field);
    values["top_k"] = valueEntry(topK, Param::TopK, from(field));
    // Mixtral, gpt-oss and Llama-4 call the expert width intermediate_size; DeepSeek-style
    // configs use intermediate_size for the dense layers, so moe_intermediate_size wins.
    const double m = f.number(
        {"moe_intermediate_size", "ffn_config.ffn_hidden_size", "intermediate_size"}, &field);
    values["moe_intermediate_size"] = valueEntry(m, Param::MoeIntermediateSize, from(field));

    double dense = 0;
    std::string denseSource;
    if (f.has({"first_k_dense_replace"})) {
        dense = f.number({"first_k_dense_replace"}, &field);
        denseSource = from(field);
    } else if (f.has({"moe_layer_start_index"})) {
        dense = f.number({"moe_layer_start_index"}, &field);
        denseSource = from(field) + " (layers before the first MoE layer)";
    } else if (const Json* enumList = f.find({"moe_layers_enum"}, &field);
               enumList != nullptr && enumList->is_string()) {
        // Step-3 lists its MoE layers as "4,5,...,59".
        double moeCount = 1;
        for (char c : enumList->get<std::string>()) {
            moeCount += c == ',' ? 1 : 0;
        }
        dense = layers - moeCount;
        denseSource = from(field) + " (layers not listed as MoE)";
    } else if (f.has({"interleave_moe_layer_step"})) {
        const double step = f.number({"interleave_moe_layer_step"}, &field);
        dense = step > 1 ? layers - std::floor(layers / step) : 0;
        denseSource = from(field) + " (every step-th layer is MoE)";
    } else if (const Json* onlyMlp = f.find({"mlp_only_layers"}, &field);
               onlyMlp != nullptr && onlyMlp->is_array()) {
        dense = static_cast<double>(onlyMlp->size());
        denseSource = from(field) + " (count of listed dense layers)";
    } else {
        denseSource = "assumed: the config names no dense layers, so every layer is MoE";
        out.guesses.push_back("num_dense_layers: no first_k_dense_replace, moe_layer_start_index, "
                              "moe_layers_enum, interleave_moe_layer_step or mlp_only_layers "
                              "field; assumed 0 (every layer MoE)");
    }
    values["num_dense_layers"] = valueEntry(dense, Param::NumDenseLayers, denseSource);
    values["num_moe_layers"] =
        valueEntry(layers - dense, Param::NumMoeLayers, "num_layers minus num_dense_layers");

    // Attention geometry (docs/model.md Part C), as registry values.
    const double heads = f.number({"num_attention_heads", "n_heads"}, &field);
    values["num_query_heads"] = valueEntry(heads, Param::NumQueryHeads, from(field));
    const auto put = [&](const char* key, Param param, double value, const std::string& source) {
        values[key] = valueEntry(value, param, source);
    };
    const auto optionalField = [&](std::initializer_list<std::string_view> names, Param param,
                                   const char* key, double fallback, const std::string& why) {
        if (f.has(names)) {
            put(key, param, f.number(names, &field), from(field));
        } else {
            put(key, param, fallback, why);
        }
    };
    Json attentionType = Json::object();
    attentionType["unit"] = "";
    if (f.has({"kv_lora_rank"})) {
        attentionType["value"] = "mla";
        attentionType["source"] = from("kv_lora_rank") + " (multi-head latent attention)";
        put("kv_lora_rank", Param::KvLoraRank, f.number({"kv_lora_rank"}, &field), from(field));
        put("qk_rope_head_dim", Param::QkRopeHeadDim, f.number({"qk_rope_head_dim"}, &field),
            from(field));
        optionalField({"qk_nope_head_dim"}, Param::QkNopeHeadDim, "qk_nope_head_dim", 128,
                      "assumed 128 (DeepSeek's value): no qk_nope_head_dim field");
        optionalField({"v_head_dim"}, Param::VHeadDim, "v_head_dim", 128,
                      "assumed 128 (DeepSeek's value): no v_head_dim field");
        optionalField({"q_lora_rank"}, Param::QLoraRank, "q_lora_rank", 0,
                      "no q_lora_rank field: full-rank query projection");
        put("num_kv_heads", Param::NumKvHeads, 1, "MLA caches one latent shared by every head");
        put("head_dim", Param::HeadDim, spec(Param::HeadDim).defaultValue,
            "unused by MLA (registry default)");
    } else {
        const bool mfa = f.has({"num_attention_groups"});
        attentionType["value"] = mfa ? "mfa" : "gqa";
        attentionType["source"] =
            mfa ? from("num_attention_groups") + " (Step-3's multi-matrix factorisation)"
                : "no kv_lora_rank field: grouped-query attention";
        double kvHeads = heads;
        std::string kvSource = "assumed multi-head attention: no num_key_value_heads field";
        if (f.has({"num_key_value_heads", "attn_config.kv_n_heads", "num_attention_groups"})) {
            kvHeads = f.number(
                {"num_key_value_heads", "attn_config.kv_n_heads", "num_attention_groups"}, &field);
            kvSource = from(field);
        } else {
            out.guesses.push_back("num_kv_heads: no num_key_value_heads field; assumed multi-head "
                                  "attention (KV heads = query heads)");
        }
        put("num_kv_heads", Param::NumKvHeads, kvHeads, kvSource);
        if (f.has({"head_dim"})) {
            put("head_dim", Param::HeadDim, f.number({"head_dim"}, &field), from(field));
        } else {
            const double headDim = std::floor(hidden / std::max(1.0, heads));
            put("head_dim", Param::HeadDim, headDim,
                "assumed hidden_size / num_attention_heads: no head_dim field");
            out.guesses.push_back("head_dim: no head_dim field; assumed hidden_size / "
                                  "num_attention_heads = " +
                                  formatNumber(headDim));
        }
        optionalField({"share_q_dim", "q_lora_rank"}, Param::QLoraRank, "q_lora_rank", 0,
                      "no low-rank query projection");
        for (const auto& [key, param] : {std::pair{"kv_lora_rank", Param::KvLoraRank},
                                         std::pair{"qk_rope_head_dim", Param::QkRopeHeadDim},
                                         std::pair{"qk_nope_head_dim", Param::QkNopeHeadDim},
                                         std::pair{"v_head_dim", Param::VHeadDim}}) {
            put(key, param, 0, "unused outside MLA");
        }
    }
    values["attention_type"] = attentionType;
    put("kv_cache_layers", Param::KvCacheLayers, layers, "every layer holds a KV cache");
    if (f.has({"sliding_window", "attention_chunk_size", "layer_types"})) {
        out.guesses.push_back("kv_cache_layers: the config has sliding-window or chunked "
                              "attention; every layer is counted as holding a full KV cache");
    }

    // Shared experts, dense FFN and vocabulary (docs/model.md Part C).
    double shared = 0;
    std::string sharedSource = "no shared-expert field: none";
    if (f.has({"n_shared_experts", "num_shared_experts", "moe_num_shared_experts"})) {
        shared =
            f.number({"n_shared_experts", "num_shared_experts", "moe_num_shared_experts"}, &field);
        sharedSource = from(field);
    } else if (f.has({"share_expert_dim", "shared_expert_intermediate_size"})) {
        shared = 1;
        sharedSource = "one shared expert (the config gives its width)";
    }
    put("num_shared_experts", Param::NumSharedExperts, shared, sharedSource);
    if (f.has({"share_expert_dim", "shared_expert_intermediate_size"})) {
        put("shared_intermediate_size", Param::SharedIntermediateSize,
            f.number({"share_expert_dim", "shared_expert_intermediate_size"}, &field), from(field));
    } else {
        // DeepSeek-style configs size the shared expert like a routed one.
        put("shared_intermediate_size", Param::SharedIntermediateSize, shared > 0 ? m : 0,
            shared > 0 ? "assumed moe_intermediate_size (DeepSeek-style shared expert)"
                       : "no shared expert");
    }
    if (f.has({"intermediate_size_mlp", "intermediate_size"})) {
        put("dense_intermediate_size", Param::DenseIntermediateSize,
            f.number({"intermediate_size_mlp", "intermediate_size"}, &field), from(field));
    } else {
        put("dense_intermediate_size", Param::DenseIntermediateSize, m,
            "assumed moe_intermediate_size: no intermediate_size field");
    }
    if (f.has({"vocab_size", "padded_vocab_size"})) {
        put("vocab_size", Param::VocabSize, f.number({"vocab_size", "padded_vocab_size"}, &field),
            from(field));
    } else {
        put("vocab_size", Param::VocabSize, spec(Param::VocabSize).defaultValue,
            "assumed the registry default: no vocab_size field");
        out.guesses.push_back("vocab_size: no vocab_size field; assumed " +
                              formatNumber(spec(Param::VocabSize).defaultValue));
    }

    if (id.empty()) {
        const Json* type = f.find({"model_type"}, nullptr);
        id = type != nullptr && type->is_string() ? type->get<std::string>() : "imported-model";
        for (char& c : id) {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
            const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_';
            c = ok ? c : '-';
        }
    }
    if (name.empty()) {
        const Json* path = full.contains("_name_or_path") ? &full["_name_or_path"] : nullptr;
        name = path != nullptr && path->is_string() && !path->get<std::string>().empty()
                   ? path->get<std::string>()
                   : "Imported from " + origin;
    }

    nlohmann::ordered_json preset;
    preset["schema_version"] = kSchemaVersion;
    preset["kind"] = "model";
    preset["id"] = id;
    preset["name"] = name;
    preset["description"] = "Imported from a Hugging Face config.json";
    preset["values"] = values;
    // A file name that is not UTF-8 ends up in the sources: shown with U+FFFD, never fatal.
    out.presetJson =
        preset.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
    // The result must pass the same validation as a hand-written preset.
    parsePreset(out.presetJson, origin + " (imported preset)");
    return out;
}

} // namespace afd
