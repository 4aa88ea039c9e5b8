// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/parameters.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

namespace afd {
namespace {

using enum Param;
constexpr auto Lin = ParamScale::Linear;
constexpr auto Log = ParamScale::Log;
constexpr auto Hw = ParamGroup::Hardware;
constexpr auto Mdl = ParamGroup::Model;
constexpr auto Dep = ParamGroup::Deployment;
constexpr auto Imb = ParamGroup::Imbalance;
constexpr auto Real = ParamKind::Real;
constexpr auto Int = ParamKind::Integer;
constexpr auto Flag = ParamKind::Flag;

// Defaults: DeepSeek-V3 on H800 with the paper's budget settings (MODEL.md A1, Tables 4-5).
constexpr std::array<ParamSpec, kParamCount> kParameters{{
    {FlopsTflops, "flops_tflops", "Peak compute", "FLOPS", "TFLOP/s", 1979, 1, 100000, Log, Hw,
     Real, "Dense peak FLOP/s of the GEMM precision (FP8 in the paper), per GPU", "", 50, 20000},
    {HbmBwTbS, "hbm_bw_tb_s", "HBM bandwidth", "BW_mem", "TB/s", 3.35, 0.05, 100, Log, Hw, Real,
     "HBM bandwidth per GPU", "", 0.5, 30},
    {HbmCapacityGb, "hbm_capacity_gb", "HBM capacity", "", "GB", 80, 1, 10000, Log, Hw, Real,
     "HBM capacity per GPU (decimal GB)", "", 16, 1024},
    {ScaleUpBwGbS, "scale_up_bw_gb_s", "Scale-up bandwidth", "BW_up", "GB/s", 160, 1, 100000, Log,
     Hw, Real, "Sustained unidirectional scale-up (NVLink) bandwidth per GPU", "", 10, 5000},
    {ScaleOutBwGbS, "scale_out_bw_gb_s", "Scale-out bandwidth", "BW_out", "GB/s", 50, 0.1, 100000,
     Log, Hw, Real, "Unidirectional scale-out (NIC) bandwidth per GPU", "", 10, 1000},
    {Superpod, "superpod", "Superpod", "", "", 0, 0, 1, Lin, Hw, Flag,
     "1 = scale-up domain spans the deployment (NVL72): scale-out is replaced by scale-up", "", 0,
     1},
    {GpusPerNode, "gpus_per_node", "GPUs per node", "g", "", 8, 1, 1024, Lin, Hw, Int,
     "GPUs per node, the deployment unit of N_A and N_F", "", 1, 72},

    {HiddenSize, "hidden_size", "Hidden size", "H", "", 7168, 64, 131072, Log, Mdl, Int,
     "Model hidden size (elements per token)", "", 1024, 16384},
    {NumLayers, "num_layers", "Layers", "", "", 61, 1, 1024, Lin, Mdl, Int,
     "Transformer layers, dense plus MoE", "", 8, 128},
    {NumDenseLayers, "num_dense_layers", "Dense layers", "", "", 3, 0, 1024, Lin, Mdl, Int,
     "Layers with a dense FFN instead of routed experts", "", 0, 16},
    {NumMoeLayers, "num_moe_layers", "MoE layers", "", "", 58, 1, 1024, Lin, Mdl, Int,
     "Layers with routed experts; their weights live on the FFN GPUs", "", 8, 128},
    {NumExperts, "num_experts", "Routed experts", "E", "", 256, 1, 65536, Log, Mdl, Int,
     "Routed experts per MoE layer", "", 8, 1024},
    {TopK, "top_k", "Experts per token", "TopK", "", 8, 1, 1024, Lin, Mdl, Int,
     "Routed experts activated per token", "", 1, 32},
    {MoeIntermediateSize, "moe_intermediate_size", "Expert width", "M", "", 2048, 16, 1048576, Log,
     Mdl, Int, "Intermediate size of one routed expert", "", 256, 32768},

    {Nf, "nf", "FFN nodes", "N_F", "nodes", 2, 1, 4096, Log, Dep, Int,
     "Nodes running the routed experts (F role)", "", 1, 64},
    {Na, "na", "Attention nodes", "N_A", "nodes", 8, 1, 4096, Log, Dep, Int,
     "Nodes running attention (A role)", "", 1, 64},
    {SloMs, "slo_ms", "TPOT SLO", "SLO", "ms", 50, 1, 10000, Log, Dep, Real,
     "Time-per-output-token target", "", 10, 500},
    {AcceptLen, "accept_len", "MTP accepted tokens", "L_accept", "", 1.7, 1, 16, Lin, Dep, Real,
     "Average tokens accepted per decode step (MTP); 1 without speculation", "", 1, 4},
    {GapMs, "gap_ms", "Per-step gap", "t_g", "ms", 15, 0, 10000, Lin, Dep, Real,
     "Batch preparation plus non-overlapped layers per step", "", 0, 100},
    {NBo, "n_bo", "Micro-batches in flight", "N_BO", "", 3, 1, 16, Lin, Dep, Int,
     "Micro-batches overlapped per layer (3 for three-batch overlap)", "", 1, 6},
    {BudgetLayers, "budget_layers", "Budget layers", "N_layers", "", 0, 0, 1024, Lin, Dep, Int,
     "Layers forwarded within the SLO budget (Eq. 1)", "the model's layer count", 0, 128},
    {WeightBytes, "weight_bytes", "Expert weight bytes", "", "B/element", 1, 0.125, 8, Lin, Dep,
     Real, "Bytes per expert weight element (1 = FP8)", "", 0.5, 2},
    {DispatchBytes, "dispatch_bytes", "Dispatch bytes", "", "B/element", 1, 0.125, 8, Lin, Dep,
     Real, "Bytes per hidden element sent A -> F (1 = FP8)", "", 0.5, 2},
    {CombineBytes, "combine_bytes", "Combine bytes", "", "B/element", 2, 0.125, 8, Lin, Dep, Real,
     "Bytes per hidden element sent F -> A (2 = BF16)", "", 0.5, 4},
    {HbmUsableFraction, "hbm_usable_fraction", "Usable HBM fraction", "", "", 1, 0.01, 1, Lin, Dep,
     Real, "Share of HBM capacity available to expert weights", "", 0.5, 1},
    {BatchPerAttentionGpu, "batch_per_attention_gpu", "Batch per attention GPU", "b_A", "requests",
     0, 0, 1000000, Lin, Dep, Real, "Decode requests per attention GPU per micro-batch (B1)",
     "auto: the attention side saturates the FFN, as the paper assumes", 0, 1024},
    {TokensPerRequestStep, "tokens_per_request_step", "Tokens per request", "q", "", 1, 1, 16, Lin,
     Dep, Real, "Tokens each request feeds per step (1 + MTP drafts)", "", 1, 4},
    {EpReferenceHfu, "ep_reference_hfu", "EP reference HFU", "", "", 0.6, 0, 1, Lin, Dep, Real,
     "EP's grouped-GEMM HFU the paper compares against (~60 % on H800)", "", 0, 1},
    {EpTokensPerExpert, "ep_tokens_per_expert", "EP tokens/expert", "", "", 740, 1, 1000000, Log,
     Dep, Real, "Tokens per expert at which the EP reference was measured", "", 32, 8192},

    {Sigma, "sigma", "Balancedness", "sigma", "", 0.8, 0.01, 1, Lin, Imb, Real,
     "Balancedness after imbalance (1 = perfectly balanced)", "", 0.5, 1},
    {LambdaEp, "lambda_ep", "EP time ratio t_a/t_f", "lambda_EP", "", 4, 0.01, 100, Log, Imb, Real,
     "t_a / t_f under EP", "", 0.5, 10},
}};

constexpr bool registryInOrder() {
    for (std::size_t i = 0; i < kParamCount; ++i) {
        if (static_cast<std::size_t>(kParameters[i].id) != i) {
            return false;
        }
    }
    return true;
}
static_assert(registryInOrder(), "kParameters must list the specs in the order of enum Param");

constexpr bool viewRangesInsideRanges() {
    for (const ParamSpec& p : kParameters) {
        const bool inside = p.minValue <= p.viewMin && p.viewMin < p.viewMax &&
                            p.viewMax <= p.maxValue && p.defaultValue >= p.minValue &&
                            p.defaultValue <= p.maxValue;
        if (!inside) {
            return false;
        }
    }
    return true;
}
static_assert(viewRangesInsideRanges(), "each view range must lie inside its parameter range");

constexpr std::array<ParamBounds, kParamCount> makeBounds() {
    std::array<ParamBounds, kParamCount> bounds{};
    for (std::size_t i = 0; i < kParamCount; ++i) {
        bounds[i] = {kParameters[i].minValue, kParameters[i].maxValue,
                     kParameters[i].kind != ParamKind::Real};
    }
    return bounds;
}
constexpr std::array<ParamBounds, kParamCount> kBounds = makeBounds();

} // namespace

std::span<const ParamSpec, kParamCount> parameters() noexcept {
    return kParameters;
}

const std::array<ParamBounds, kParamCount>& parameterBounds() noexcept {
    return kBounds;
}

const ParamSpec& spec(Param p) noexcept {
    return kParameters[index(p)];
}

std::optional<Param> findParam(std::string_view key) noexcept {
    for (const auto& s : kParameters) {
        if (s.key == key) {
            return s.id;
        }
    }
    return std::nullopt;
}

std::string_view groupName(ParamGroup g) noexcept {
    switch (g) {
    case ParamGroup::Hardware:
        return "Hardware";
    case ParamGroup::Model:
        return "Model";
    case ParamGroup::Deployment:
        return "Deployment";
    case ParamGroup::Imbalance:
        return "Imbalance";
    }
    return "?";
}

std::string formatNumber(double value) {
    if (!std::isfinite(value)) {
        return std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf");
    }
    // Whole numbers print as such ("100000", not "1e+05"): they are what users type.
    if (value == std::floor(value) && std::abs(value) < 1e15) {
        return std::to_string(static_cast<long long>(value));
    }
    std::array<char, 32> buffer{};
    auto [end, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
    if (ec != std::errc{}) {
        return "?";
    }
    return std::string(buffer.data(), end);
}

std::string expectation(Param p) {
    const ParamSpec& s = spec(p);
    if (s.kind == ParamKind::Flag) {
        return "0 or 1";
    }
    std::string text = s.kind == ParamKind::Integer ? "a whole number in [" : "a number in [";
    text += formatNumber(s.minValue) + ", " + formatNumber(s.maxValue) + "]";
    if (!s.unit.empty()) {
        text += " ";
        text += s.unit;
    }
    if (!s.zeroMeans.empty()) {
        text += " (0 = ";
        text += s.zeroMeans;
        text += ")";
    }
    return text;
}

std::string checkValue(Param p, double value) {
    const ParamSpec& s = spec(p);
    const bool inRange = std::isfinite(value) && value >= s.minValue && value <= s.maxValue;
    const bool whole = s.kind == ParamKind::Real || value == std::floor(value);
    if (inRange && whole) {
        return {};
    }
    return expectation(p);
}

} // namespace afd
