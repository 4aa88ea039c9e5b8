// SPDX-License-Identifier: GPL-3.0-or-later
// End-to-end decode throughput of EP and AFD under a TPOT SLO (docs/model.md Part C, with B6).
// throughput() evaluates one configuration; it does not allocate, so the deployment search
// (deployment_search.hpp) can call it thousands of times per slider move.
#pragma once

#include "afd/model.hpp"

#include <cstdint>
#include <string_view>

namespace afd {

enum class ServingSystem : std::uint8_t { None, Afd, Ep };        // registry key `system`
enum class AttentionKind : std::uint8_t { Mla, Gqa, Mfa };        // `attention_type`
enum class EpOverlapMode : std::uint8_t { None, Sbo, Tbo, Auto }; // `ep_overlap`
enum class EpDispatchMode : std::uint8_t { PerExpert, TwoStage }; // `ep_dispatch`
enum class SharedExpertPlace : std::uint8_t { Attention, Ffn };   // `shared_expert_on`
// What sets the AFD 3BO cycle (C-O): a resource, or one micro-batch's round trip (Eqs. 3-4).
enum class AfdBound : std::uint8_t { Attention, Ffn, Link, RoundTrip };

ServingSystem servingSystem(const Scenario& s) noexcept;
std::string_view afdBoundKey(AfdBound b) noexcept; // "attention", "ffn", "link", "round-trip"
std::string_view overlapKey(EpOverlapMode m) noexcept;

// One GPU type in SI units, read from a scenario's hardware parameters.
struct Platform {
    double flops8 = 0;  // P8: dense peak of the GEMM precision, FLOP/s
    double flops16 = 0; // P16: dense BF16 peak, FLOP/s
    double hbmBw = 0;   // B/s
    double hbmBytes = 0;
    double upBw = 0;  // sustained unidirectional scale-up per GPU, B/s
    double outBw = 0; // scale-out per GPU, B/s
    bool superpod = false;
    double domainGpus = 0;
    double gpusPerNode = 0; // g
    double usdPerHour = 0;  // 0: unpriced
    double watts = 0;       // 0: unknown
};
Platform platformOf(const Scenario& s) noexcept;

// The efficiency parameters of Part C. `activationBytes` and `dispatchScale` are not registry
// parameters: they exist so that the reduction to Part A (every efficiency 1, nothing but
// weights and 3H bytes per row) can be stated and tested.
struct Efficiency {
    double gemm = 0.70; // eta_c
    double hbm = 0.85;  // eta_m
    double attention = 0.667;
    double scaleOut = 0.80;       // eta_net
    double scaleUp = 1.0;         // eta_up
    double blend = 2;             // p (infinity: the sharp roofline)
    double kernelTime = 4e-6;     // t_k, s
    double linkLatency = 5e-6;    // t_lat, s
    double commKernel = 34e-6;    // t_cks, s
    double layerOverhead = 60e-6; // t_ovh, s
    double attentionShare = 0.75;
    double stepOverhead = 1.75e-3; // t_g0, s
    bool activationBytes = true;
    double dispatchScale = 1.0 / 32; // FP8 fine-grained scales: 4 B per 128 elements
};
Efficiency efficiencyOf(const Scenario& s) noexcept;
// Every efficiency 1, every fixed time 0, the sharp roofline, weights only, 3H bytes per row.
Efficiency paperEfficiency() noexcept;

// C-G1: one GEMM kernel, t = ((F / (eta_c P))^p + (B / (eta_m BW_mem))^p)^(1/p) + kernels t_k.
double gemmTime(double flops, double bytes, double peak, const Platform& hw, const Efficiency& e,
                int kernels = 1) noexcept;

// Routed experts on one GPU: the gate+up and the down grouped GEMM over `localExperts` experts
// with `rows` token-expert rows in all (C-F). Time in s.
double expertGemmTime(const Scenario& s, const Platform& hw, const Efficiency& e, double rows,
                      double localExperts) noexcept;
// Operator FLOPs utilisation of those GEMMs at `tokensPerExpert` rows per expert (the paper's
// ~60 % EP reference at 740 tokens per expert).
double expertGemmOfu(const Scenario& s, const Platform& hw, const Efficiency& e,
                     double tokensPerExpert, double localExperts) noexcept;

// Per decode token over all layers (Step-3's Table 2): KV bytes read, attention-core FLOPs,
// projection FLOPs and FFN FLOPs, at `context` tokens of KV and `kvBytes` per element.
struct PerTokenCounts {
    double kvBytes = 0;
    double attentionFlops = 0;
    double linearFlops = 0;
    double ffnFlops = 0;
};
PerTokenCounts perTokenCounts(const Scenario& s, double context, double kvBytes) noexcept;

// Every term of one configuration. Times in s, sizes in B, unless the name says otherwise.
struct ThroughputResult {
    InputError error; // when set, nothing else is meaningful
    ServingSystem system = ServingSystem::None;

    // The configuration evaluated (after "auto" choices were resolved).
    double gpus = 0;
    double epGpus = 0;
    double batchPerGpu = 0; // EP b
    double expertSlots = 0; // EP
    EpOverlapMode overlap = EpOverlapMode::Tbo;
    double na = 0;
    double nf = 0;
    double batchPerAttentionGpu = 0; // AFD b_A per micro-batch
    SharedExpertPlace sharedOn = SharedExpertPlace::Ffn;
    double microBatches = 0; // EP: 2 with TBO, else 1; AFD: N_BO

    // Per MoE layer, per micro-batch (C-A, C-F, C-C).
    double attentionPre = 0;  // A0: projections before the core
    double attentionCore = 0; // core attention
    double attentionPost = 0; // A1 - core: W_UV, o_proj, router
    double sharedTime = 0;    // t_S: shared expert (EP; AFD on whichever side runs it)
    double expertTime = 0;    // t_E: routed experts on the hottest GPU
    double dispatchTime = 0;  // t_D / t_d
    double combineTime = 0;   // t_C / t_cb
    double attentionTime = 0; // t_a (EP: A0 + A1)
    double ffnTime = 0;       // t_f (EP: t_S + t_E)
    double moeLayerTime = 0;  // EP t_layer; AFD the 3BO cycle
    double denseLayerTime = 0;
    double stepOverhead = 0; // t_g
    AfdBound bound = AfdBound::Attention;

    // Step (C-S1).
    double stepTime = 0; // T_step
    double tpot = 0;
    double tokensPerSecondPerGpu = 0;
    double tokensPerSecondPerUser = 0;
    bool meetsSlo = false;

    // Memory per GPU (EP: memoryPerGpu; AFD: attention and FFN GPUs) against usable capacity.
    double memoryPerGpu = 0;
    double memoryPerAttentionGpu = 0;
    double memoryPerFfnGpu = 0;
    double memoryCapacity = 0;          // usable, FFN (or EP) GPU
    double memoryCapacityAttention = 0; // usable, attention GPU
    bool fitsMemory = false;

    // FFN side.
    double localExperts = 0;      // G
    double tokensPerExpert = 0;   // rows per local expert per micro-batch (balanced)
    double rowsPerFfnGpu = 0;     // AFD R_F per micro-batch (B_demand of B1)
    double hfuFfn = 0;            // routed-expert FLOPs of one FFN GPU / (P8 T_step)
    double hfuFfnCycle = 0;       // AFD: the same per 3BO budget t_B = cycle / N_BO (Part A's HFU)
    bool inScaleUpDomain = false; // B6

    // Cost and energy (0 and false when the hardware has no price or power).
    bool priced = false;
    double usdPerMillionTokens = 0;
    bool powered = false;
    double tokensPerJoule = 0;
};

// Evaluates the configuration the scenario describes under its `system` (afd or ep; none gives
// an error-free result with system None and no numbers). attentionHardware, when given, supplies
// the attention GPUs' hardware under AFD (heterogeneous AFD); t_f and the FFN links come from
// the scenario's own hardware. A batch of 0 is not resolved here (deployment_search.hpp does).
ThroughputResult throughput(const Scenario& s,
                            const Scenario* attentionHardware = nullptr) noexcept;
// The same with an explicit efficiency set (the reduction test uses paperEfficiency()).
ThroughputResult throughput(const Scenario& s, const Scenario* attentionHardware,
                            const Efficiency& e) noexcept;

// The reduction of Part C to Part A (docs/model.md "Reduction to Part A"): rows an FFN GPU takes
// within the budget t_B of Eq. 1, B_rank = min(B_link, B_compute) with Part C's kernel times and
// efficiencies, and its HFU. With paperEfficiency() this equals evaluate().hfu.
struct BudgetHfu {
    double budgetTime = 0;
    double tokensLink = 0;
    double tokensCompute = 0;
    double tokensPerRank = 0;
    double hfu = 0;
};
BudgetHfu budgetHfu(const Scenario& s, const Efficiency& e) noexcept;

} // namespace afd
