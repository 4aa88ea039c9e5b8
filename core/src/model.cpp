// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace afd {
namespace {

constexpr double kTera = 1e12;
constexpr double kGiga = 1e9;
constexpr double kMilli = 1e-3;

double budgetLayersOf(const Scenario& s) noexcept {
    return s[Param::BudgetLayers] > 0 ? s[Param::BudgetLayers] : s[Param::NumLayers];
}

// t_B of Eq. 1; may be <= 0 for inconsistent inputs (validate() rejects those).
double budgetTimeOf(const Scenario& s) noexcept {
    const double stepTime = s[Param::SloMs] * kMilli * s[Param::AcceptLen];
    return (stepTime - s[Param::GapMs] * kMilli) / (budgetLayersOf(s) * s[Param::NBo]);
}

// The attention dimension the throughput model needs but the scenario leaves at 0, or Count.
Param missingGeometry(const Scenario& s) noexcept {
    const auto type = static_cast<int>(s[Param::AttentionType]);
    if (type == 0) { // MLA
        for (Param p : {Param::KvLoraRank, Param::VHeadDim}) {
            if (s[p] <= 0) {
                return p;
            }
        }
        if (s[Param::QkNopeHeadDim] + s[Param::QkRopeHeadDim] <= 0) {
            return Param::QkNopeHeadDim;
        }
    }
    return Param::Count;
}

} // namespace

Scenario::Scenario() {
    for (const ParamSpec& p : parameters()) {
        values[index(p.id)] = p.defaultValue;
    }
}

InputError validate(const Scenario& s) noexcept {
    const auto& bounds = parameterBounds();
    for (std::size_t i = 0; i < kParamCount; ++i) {
        const double v = s.values[i];
        // NaN fails both comparisons; infinities fail the range.
        const bool inRange = v >= bounds[i].minValue && v <= bounds[i].maxValue;
        if (!inRange || (bounds[i].whole && v != std::floor(v))) {
            return {InputErrorCode::OutOfRange, static_cast<Param>(i)};
        }
    }
    if (s[Param::TopK] > s[Param::NumExperts]) {
        return {InputErrorCode::TopKAboveExperts, Param::TopK};
    }
    if (s[Param::NumDenseLayers] + s[Param::NumMoeLayers] != s[Param::NumLayers]) {
        return {InputErrorCode::LayerSplit, Param::NumLayers};
    }
    // Part C's checks come before the budget of Eq. 1, which only Part A needs: the throughput
    // model skips a NonPositiveBudget error, and must not skip these with it.
    if (s[Param::System] != 0) {
        // Part C counts q tokens per request per step and accepts L_accept of them: more
        // accepted than fed is impossible.
        if (s[Param::AcceptLen] > s[Param::TokensPerRequestStep]) {
            return {InputErrorCode::AcceptAboveTokens, Param::AcceptLen};
        }
        if (const Param missing = missingGeometry(s); missing != Param::Count) {
            return {InputErrorCode::Geometry, missing};
        }
        if (s[Param::ExpertSlots] != 0 && s[Param::ExpertSlots] < s[Param::NumExperts]) {
            return {InputErrorCode::SlotsBelowExperts, Param::ExpertSlots};
        }
        if (s[Param::KvCacheLayers] > s[Param::NumLayers]) {
            return {InputErrorCode::KvLayersAboveLayers, Param::KvCacheLayers};
        }
        const double slots =
            s[Param::ExpertSlots] > 0 ? s[Param::ExpertSlots] : s[Param::NumExperts];
        if (s[Param::System] == 2 && s[Param::EpGpus] > slots) {
            return {InputErrorCode::EpAboveSlots, Param::EpGpus};
        }
    }
    if (!(budgetTimeOf(s) > 0)) {
        return {InputErrorCode::NonPositiveBudget, Param::GapMs};
    }
    return {};
}

std::string describe(const InputError& error, const Scenario& s) {
    const auto key = [](Param p) { return std::string(spec(p).key); };
    const auto num = [&s](Param p) { return formatNumber(s[p]); };
    switch (error.code) {
    case InputErrorCode::None:
        return {};
    case InputErrorCode::OutOfRange:
        return "key '" + key(error.param) + "' = " + num(error.param) + ": expected " +
               expectation(error.param);
    case InputErrorCode::NonPositiveBudget:
        return "keys 'slo_ms', 'accept_len', 'gap_ms': SLO x L_accept = " +
               formatNumber(s[Param::SloMs] * s[Param::AcceptLen]) +
               " ms must exceed t_g = " + num(Param::GapMs) +
               " ms, otherwise the budget t_B (Eq. 1) is not positive";
    case InputErrorCode::TopKAboveExperts:
        return "key 'top_k' = " + num(Param::TopK) +
               ": expected at most num_experts = " + num(Param::NumExperts);
    case InputErrorCode::LayerSplit:
        return "keys 'num_dense_layers' + 'num_moe_layers' = " + num(Param::NumDenseLayers) +
               " + " + num(Param::NumMoeLayers) +
               ": expected them to add up to num_layers = " + num(Param::NumLayers);
    case InputErrorCode::AcceptAboveTokens:
        return "keys 'accept_len' = " + num(Param::AcceptLen) +
               " and 'tokens_per_request_step' = " + num(Param::TokensPerRequestStep) +
               ": expected accept_len at most tokens_per_request_step (a step cannot accept more "
               "tokens than each request feeds)";
    case InputErrorCode::Geometry:
        return "key '" + key(error.param) +
               "' = 0: expected a positive value for attention_type mla";
    case InputErrorCode::SlotsBelowExperts:
        return "key 'expert_slots' = " + num(Param::ExpertSlots) +
               ": expected 0 (one slot per expert) or at least num_experts = " +
               num(Param::NumExperts);
    case InputErrorCode::EpAboveSlots:
        return "key 'ep_gpus' = " + num(Param::EpGpus) + ": expected at most the expert slots (" +
               formatNumber(s[Param::ExpertSlots] > 0 ? s[Param::ExpertSlots]
                                                      : s[Param::NumExperts]) +
               ", expert_slots or else num_experts): every EP GPU holds at least one expert";
    case InputErrorCode::KvLayersAboveLayers:
        return "key 'kv_cache_layers' = " + num(Param::KvCacheLayers) +
               ": expected at most num_layers = " + num(Param::NumLayers);
    }
    return "invalid input";
}

Result evaluate(const Scenario& s) noexcept {
    Result r;
    r.error = validate(s);
    if (r.error) {
        return r;
    }
    const double flops = s[Param::FlopsTflops] * kTera;
    const double hbmBw = s[Param::HbmBwTbS] * kTera;
    const double upBw = s[Param::ScaleUpBwGbS] * kGiga;
    const double outBw = s[Param::ScaleOutBwGbS] * kGiga;
    const bool superpod = s[Param::Superpod] != 0;
    const double g = s[Param::GpusPerNode];
    const double hidden = s[Param::HiddenSize];
    const double m = s[Param::MoeIntermediateSize];
    const double experts = s[Param::NumExperts];
    const double topK = s[Param::TopK];
    const double nf = s[Param::Nf];
    const double w = s[Param::WeightBytes];

    // A1: budget per micro-batch per stage per layer.
    r.budgetLayers = budgetLayersOf(s);
    r.budgetTime = budgetTimeOf(s);

    // A2: effective inbound bandwidth (Eq. 17). Two-stage forwarding fans a token out to
    // TopK/N_F GPUs per node over scale-up, so the NIC's bytes count max(1, TopK/N_F) times.
    r.ratioUpOut = upBw / outBw;
    r.fanOut = std::max(1.0, topK / nf);
    // B6: once a system is chosen the deployment is concrete, and a superpod only spans it while
    // (N_A + N_F) g GPUs fit in one scale-up domain. Without a system the paper's assumption holds.
    r.inScaleUpDomain = !superpod || s[Param::System] == 0 ||
                        (s[Param::Na] + nf) * g <= s[Param::ScaleUpDomainGpus];
    const bool superpodLink = superpod && r.inScaleUpDomain;
    const double outWithFanOut = superpodLink ? upBw : outBw * r.fanOut;
    const bool scaleUpBinds = superpodLink || upBw < outWithFanOut;
    r.effectiveInboundBw = scaleUpBinds ? upBw : outWithFanOut;
    r.bytesPerRow = (s[Param::DispatchBytes] + s[Param::CombineBytes]) * hidden;
    r.tokensLink = r.effectiveInboundBw * r.budgetTime / r.bytesPerRow;

    // A3: rows the GPU can compute within t_B; B1: rows the attention side offers.
    const double flopsPerRow = 6.0 * hidden * m;
    r.tokensCompute = flops * r.budgetTime / flopsPerRow;
    const double batch = s[Param::BatchPerAttentionGpu];
    // B_demand = N_A g b_A q TopK / (N_F g); g cancels.
    // With the automatic batch the demand is unbounded; the result reports 0 ("no cap") so that
    // no infinity ever reaches a table, a plot or a JSON file.
    const double demand = batch > 0
                              ? s[Param::Na] * batch * s[Param::TokensPerRequestStep] * topK / nf
                              : std::numeric_limits<double>::infinity();
    r.tokensDemand = batch > 0 ? demand : 0.0;

    r.rankCap = scaleUpBinds ? RankCap::ScaleUp : RankCap::ScaleOut;
    double tokensUncapped = r.tokensLink;
    if (demand < tokensUncapped) {
        tokensUncapped = demand;
        r.rankCap = RankCap::Demand;
    }
    r.tokensPerRank = tokensUncapped;
    if (r.tokensCompute < tokensUncapped) {
        r.tokensPerRank = r.tokensCompute;
        r.rankCap = RankCap::Compute;
        r.computeSaturated = true;
    }

    // A3: grouped GEMM of the local experts.
    const double expertsPerGpu = experts / (nf * g);
    r.localExperts = std::ceil(expertsPerGpu);
    r.localExpertsContinuous = std::max(1.0, expertsPerGpu);
    r.tokensPerExpert = r.tokensPerRank / r.localExperts;
    r.intensity = 2.0 * r.tokensPerRank / (r.localExperts * w);
    r.intensityContinuous = 2.0 * r.tokensPerRank / (r.localExpertsContinuous * w);
    r.flopsPerRank = flopsPerRow * r.tokensPerRank;
    const double expertBytes = 3.0 * hidden * m * w;
    r.weightBytesPerRank = r.localExperts * expertBytes;
    r.gemmTime = std::max(r.flopsPerRank / flops, r.weightBytesPerRank / hbmBw);
    r.hfu = r.flopsPerRank / (flops * r.budgetTime);
    r.hfuUncapped = flopsPerRow * tokensUncapped / (flops * r.budgetTime);
    r.occupancy = r.gemmTime / r.budgetTime;
    r.ofu = r.flopsPerRank / (r.gemmTime * flops);
    r.commIntensity = flopsPerRow / r.bytesPerRow;
    r.ridgeIntensity = flops / hbmBw;
    r.hfuMinusEp = r.hfu - s[Param::EpReferenceHfu];
    r.lambdaAfd = s[Param::Na] / nf;

    // A4: regime. G = 1 ends every trend; otherwise the binding link names the regime.
    if (superpodLink) {
        r.regime = Regime::Superpod;
    } else if (r.localExperts <= 1.0) {
        r.regime = Regime::MaxIntensity;
    } else if (scaleUpBinds) {
        r.regime = Regime::ScaleUpBound;
    } else if (topK > nf) {
        r.regime = Regime::Stable;
    } else {
        r.regime = Regime::ScaleOutBound;
    }
    r.deadZone = r.rankCap == RankCap::ScaleOut;

    // A5: feasibility.
    r.weightBytesPerGpu = s[Param::NumMoeLayers] * r.weightBytesPerRank;
    r.usableHbmBytes = s[Param::HbmCapacityGb] * kGiga * s[Param::HbmUsableFraction];
    if (r.weightBytesPerGpu > r.usableHbmBytes) {
        r.infeasible |= kCapacity;
    }
    if (r.weightBytesPerRank / hbmBw > r.budgetTime) {
        r.infeasible |= kBandwidth;
    }
    return r;
}

std::string_view regimeKey(Regime r) noexcept {
    switch (r) {
    case Regime::ScaleUpBound:
        return "scale-up-bound";
    case Regime::Stable:
        return "stable";
    case Regime::ScaleOutBound:
        return "scale-out-bound";
    case Regime::MaxIntensity:
        return "max-intensity";
    case Regime::Superpod:
        return "superpod";
    }
    return "?";
}

std::string_view regimeLabel(Regime r) noexcept {
    switch (r) {
    case Regime::ScaleUpBound:
        return "Scale-up bound";
    case Regime::Stable:
        return "Stable";
    case Regime::ScaleOutBound:
        return "Scale-out bound";
    case Regime::MaxIntensity:
        return "Max intensity";
    case Regime::Superpod:
        return "Superpod";
    }
    return "?";
}

std::string_view rankCapKey(RankCap c) noexcept {
    switch (c) {
    case RankCap::ScaleUp:
        return "scale-up";
    case RankCap::ScaleOut:
        return "scale-out";
    case RankCap::Compute:
        return "compute";
    case RankCap::Demand:
        return "demand";
    }
    return "?";
}

} // namespace afd
