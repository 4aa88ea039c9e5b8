// SPDX-License-Identifier: GPL-3.0-or-later
// The paper's analytical model (docs/model.md Part A) plus the attention-side demand cap (B1).
// evaluate() is the hot path of every sweep and slider move: it does not allocate.
#pragma once

#include "afd/parameters.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace afd {

// One design point: a value for every registry parameter. A plain value type, cheap to copy.
struct Scenario {
    std::array<double, kParamCount> values{};

    Scenario(); // every parameter at its registry default
    double operator[](Param p) const noexcept { return values[index(p)]; }
    double& operator[](Param p) noexcept { return values[index(p)]; }
    bool operator==(const Scenario&) const = default;
};

// Section 3.1 / Fig. 2 of the paper (docs/model.md A4), plus the superpod case.
enum class Regime : std::uint8_t { ScaleUpBound, Stable, ScaleOutBound, MaxIntensity, Superpod };
inline constexpr std::size_t kRegimeCount = 5;

// What limited B_rank, the rows one FFN GPU processes per budget.
enum class RankCap : std::uint8_t {
    ScaleUp,  // the scale-up link (Eq. 9 with BW_eff = BW_up; always so on a superpod)
    ScaleOut, // the scale-out link, with fan-out max(1, TopK/N_F) (Eq. 17)
    Compute,  // the GPU cannot compute more rows within t_B (compute-saturated, A3)
    Demand    // the attention side offers fewer rows (B1, batch_per_attention_gpu > 0)
};

// Why a point cannot be deployed (docs/model.md A5); a bit set.
enum InfeasibleReason : std::uint8_t {
    kFeasible = 0,
    kCapacity = 1U << 0U, // expert weights exceed usable HBM capacity
    kBandwidth = 1U << 1U // one layer's expert weights cannot stream from HBM within t_B
};

enum class InputErrorCode : std::uint8_t {
    None,
    OutOfRange,          // a parameter is outside its registry range (or not finite / not whole)
    NonPositiveBudget,   // SLO * L_accept <= t_g, or budget layers beyond what the SLO allows
    TopKAboveExperts,    // top_k > num_experts
    LayerSplit,          // num_dense_layers + num_moe_layers != num_layers
    AcceptAboveTokens,   // with a system set: accept_len > tokens_per_request_step
    Geometry,            // with a system set: the attention geometry misses a dimension it needs
    SlotsBelowExperts,   // with a system set: 0 < expert_slots < num_experts
    KvLayersAboveLayers, // with a system set: kv_cache_layers > num_layers
    EpAboveSlots         // system ep: more EP GPUs than expert slots (a GPU without an expert)
};

struct InputError {
    InputErrorCode code = InputErrorCode::None;
    Param param = Param::Count; // the offending parameter where one is to blame
    explicit operator bool() const noexcept { return code != InputErrorCode::None; }
};

// Human-readable text for an input error, naming the key and what was expected.
std::string describe(const InputError& error, const Scenario& scenario);

// Every intermediate term of Part A for one point. All quantities in SI base units
// (seconds, bytes, FLOP, B/s) unless the name says otherwise.
struct Result {
    InputError error; // when set, no other field is meaningful (all zero)

    double budgetLayers = 0;       // N_layers actually used
    double budgetTime = 0;         // t_B, s (Eq. 1)
    double ratioUpOut = 0;         // r = BW_up / BW_out
    double fanOut = 0;             // max(1, TopK / N_F)
    double effectiveInboundBw = 0; // BW_eff, B/s (Eq. 17)
    double bytesPerRow = 0;        // (dispatch + combine) * H
    double tokensLink = 0;         // B_link (Eq. 9)
    double tokensCompute = 0;      // B_compute = FLOPS t_B / (6 H M)
    double tokensDemand = 0;       // B_demand (B1); 0 when the batch is automatic (no cap)
    double tokensPerRank = 0;      // B_rank = min of the three
    RankCap rankCap = RankCap::ScaleUp;
    double localExperts = 0;           // G = ceil(E / (N_F g))
    double localExpertsContinuous = 0; // G_c = max(1, E / (N_F g))
    double tokensPerExpert = 0;        // B = B_rank / G
    double intensity = 0;              // I = 2 B_rank / (G w), FLOP/B (Eq. 10)
    double intensityContinuous = 0;    // with G_c
    double flopsPerRank = 0;           // 6 B_rank H M
    double weightBytesPerRank = 0;     // Mem = 3 G H M w, one layer
    double gemmTime = 0;               // t_G = max(FLOPs / FLOPS, Mem / BW_mem)
    double hfu = 0;                    // FLOPs / (FLOPS t_B), <= 1
    double hfuUncapped = 0;            // same with B_rank not capped by compute (may exceed 1)
    double occupancy = 0;              // S_t = t_G / t_B
    double ofu = 0;                    // FLOPs / (t_G FLOPS)
    double commIntensity = 0;          // FLOPs per inbound link byte = 6 M / (d + c)
    double ridgeIntensity = 0;         // FLOPS / BW_mem, FLOP/B
    double weightBytesPerGpu = 0;      // all MoE layers' local experts, B
    double usableHbmBytes = 0;         // capacity * usable fraction, B
    double hfuMinusEp = 0;             // hfu - ep_reference_hfu
    double lambdaAfd = 0;              // N_A / N_F
    // B6: false when a superpod's scale-up domain cannot hold the (N_A + N_F) g GPUs, so the
    // scale-out link is used. Only applied with a system set; the paper assumes it always fits.
    bool inScaleUpDomain = true;
    Regime regime = Regime::ScaleUpBound;
    bool computeSaturated = false;
    bool deadZone = false;
    std::uint8_t infeasible = kFeasible; // InfeasibleReason bits
    bool feasible() const noexcept { return infeasible == kFeasible; }
};

// Checks a scenario without evaluating it.
InputError validate(const Scenario& scenario) noexcept;

// Evaluates one design point (docs/model.md A1-A5 and B1). Never returns NaN or infinity in a
// result whose error is unset; never allocates.
Result evaluate(const Scenario& scenario) noexcept;

std::string_view regimeKey(Regime r) noexcept;   // "scale-up-bound", ...
std::string_view regimeLabel(Regime r) noexcept; // "Scale-up bound", ...
std::string_view rankCapKey(RankCap c) noexcept; // "scale-up", "scale-out", "compute", "demand"

} // namespace afd
