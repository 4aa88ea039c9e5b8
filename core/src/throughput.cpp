// SPDX-License-Identifier: GPL-3.0-or-later
// docs/model.md Part C. Section names (C-G1, C-A, C-F, C-C1, C-C2, C-O, C-S1) mark each equation.
#include "afd/throughput.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace afd {
namespace {

constexpr double kTera = 1e12;
constexpr double kGiga = 1e9;
constexpr double kMicro = 1e-6;
constexpr double kMilli = 1e-3;
constexpr double kBf16Bytes = 2.0;   // absorbed MLA matrices, router and LM head stay in BF16
constexpr double kOutputBytes = 2.0; // GEMM outputs are BF16 (C-G1: input 1 B, output 2 B)

// The model's shape as the throughput model reads it.
struct Shape {
    double hidden, layers, denseLayers, moeLayers, experts, topK, m;
    double sharedExperts, sharedM, denseM, vocab;
    AttentionKind attention;
    double heads, qLora, kvLora, rope, nope, vHead, kvHeads, headDim;
    double kvLayers; // layers holding a KV cache
    double weightBytes, dispatchBytes, combineBytes;
};

Shape shapeOf(const Scenario& s) noexcept {
    return {s[Param::HiddenSize],
            s[Param::NumLayers],
            s[Param::NumDenseLayers],
            s[Param::NumMoeLayers],
            s[Param::NumExperts],
            s[Param::TopK],
            s[Param::MoeIntermediateSize],
            s[Param::NumSharedExperts],
            s[Param::SharedIntermediateSize],
            s[Param::DenseIntermediateSize],
            s[Param::VocabSize],
            static_cast<AttentionKind>(static_cast<int>(s[Param::AttentionType])),
            s[Param::NumQueryHeads],
            s[Param::QLoraRank],
            s[Param::KvLoraRank],
            s[Param::QkRopeHeadDim],
            s[Param::QkNopeHeadDim],
            s[Param::VHeadDim],
            s[Param::NumKvHeads],
            s[Param::HeadDim],
            s[Param::KvCacheLayers] > 0 ? s[Param::KvCacheLayers] : s[Param::NumLayers],
            s[Param::WeightBytes],
            s[Param::DispatchBytes],
            s[Param::CombineBytes]};
}

double smoothMax(double a, double b, double p) noexcept {
    if (std::isinf(p)) {
        return std::max(a, b);
    }
    if (a <= 0) {
        return b;
    }
    if (b <= 0) {
        return a;
    }
    if (p == 2) {
        return std::sqrt(a * a + b * b); // the default; pow() is several times slower
    }
    return std::pow(std::pow(a, p) + std::pow(b, p), 1.0 / p);
}

// KV elements cached per token per layer (MLA: latent plus RoPE part; GQA/MFA: K and V heads).
double kvElementsPerTokenLayer(const Shape& m) noexcept {
    return m.attention == AttentionKind::Mla ? m.kvLora + m.rope : 2.0 * m.kvHeads * m.headDim;
}

// Attention-core FLOPs per (query token, context token): absorbed MLA computes QK over
// d_c + d_r and PV over d_c; GQA/MFA QK and PV over head_dim each.
double attentionFlopsPerQueryContext(const Shape& m) noexcept {
    return m.attention == AttentionKind::Mla ? 2.0 * m.heads * (m.kvLora + m.rope + m.kvLora)
                                             : 2.0 * m.heads * 2.0 * m.headDim;
}

// One projection GEMM per token per layer: K_in -> N_out.
struct Projection {
    double in = 0;
    double out = 0;
    bool beforeCore = true; // A0 (else part of A1)
    bool bf16 = false;      // BF16 weights on the BF16 peak
    bool perHead = false;   // absorbed MLA matrices, batched per head
};

// The projection GEMMs of C-A. At most five; returns how many were written.
int projections(const Shape& m, Projection (&out)[5]) noexcept {
    const double h = m.hidden;
    int n = 0;
    if (m.attention == AttentionKind::Mla) {
        const double qk = m.nope + m.rope;
        if (m.qLora > 0) {
            out[n++] = {h, m.qLora + m.kvLora + m.rope}; // [q_a | kv_a]
            out[n++] = {m.qLora, m.heads * qk};          // q_b
        } else {
            out[n++] = {h, m.heads * qk + m.kvLora + m.rope}; // [q | kv_a] without low-rank q
        }
        out[n++] = {m.nope, m.kvLora * m.heads, true, true, true};   // W_UK, absorbed
        out[n++] = {m.kvLora, m.vHead * m.heads, false, true, true}; // W_UV, absorbed
        out[n++] = {m.heads * m.vHead, h, false};                    // o_proj
        return n;
    }
    const double kv = 2.0 * m.kvHeads * m.headDim;
    if (m.attention == AttentionKind::Mfa && m.qLora > 0) {
        out[n++] = {h, m.qLora + kv};              // [q_a | k | v]
        out[n++] = {m.qLora, m.heads * m.headDim}; // q_b
    } else {
        out[n++] = {h, m.heads * m.headDim + kv}; // qkv
    }
    out[n++] = {m.heads * m.headDim, h, false}; // o_proj
    return n;
}

double projectionWeightBytes(const Shape& m) noexcept {
    Projection list[5];
    const int n = projections(m, list);
    double bytes = 0;
    for (int i = 0; i < n; ++i) {
        bytes += list[i].in * list[i].out * (list[i].bf16 ? kBf16Bytes : m.weightBytes);
    }
    return bytes;
}

struct AttentionParts {
    double pre = 0; // A0
    double core = 0;
    double post = 0; // A1 - core
};

struct KvFormat {
    double bytes = 2;
    double extra = 0;
    bool fp8Core = false;
};

// C-A: one micro-batch of `batch` requests with q query tokens each at mean context `context`.
AttentionParts attentionParts(const Shape& m, const Platform& hw, const Efficiency& e,
                              const KvFormat& kv, double batch, double q, double context) noexcept {
    const double tokens = batch * q;
    AttentionParts out;
    Projection list[5];
    const int n = projections(m, list);
    for (int i = 0; i < n; ++i) {
        const Projection& p = list[i];
        const double flops = 2.0 * tokens * p.in * p.out;
        const double weights = p.in * p.out * (p.bf16 ? kBf16Bytes : m.weightBytes);
        double activations = 0;
        if (e.activationBytes) {
            activations = p.perHead ? tokens * m.heads * (p.in + p.out / m.heads) * kBf16Bytes
                                    : tokens * p.in * 1.0 + tokens * p.out * kOutputBytes;
        }
        const double t =
            gemmTime(flops, weights + activations, p.bf16 ? hw.flops16 : hw.flops8, hw, e);
        (p.beforeCore ? out.pre : out.post) += t;
    }
    // Router: BF16 gate H x E (weights only, as measured).
    out.post += gemmTime(2.0 * tokens * m.hidden * m.experts, m.hidden * m.experts * kBf16Bytes,
                         hw.flops16, hw, e);
    // Core: compute against KV streaming; the KV is read once per request for its q tokens.
    const double flops = tokens * attentionFlopsPerQueryContext(m) * context;
    const double kvBytes = batch * context * (kvElementsPerTokenLayer(m) * kv.bytes + kv.extra);
    const double peak = kv.fp8Core ? hw.flops8 : hw.flops16;
    out.core = smoothMax(flops / (e.attention * peak), kvBytes / (e.hbm * hw.hbmBw), e.blend) +
               e.kernelTime;
    return out;
}

// C-F: `count` SwiGLU FFNs of width `width` for `tokens` tokens, sharded `tp` ways.
double denseFfnTime(const Shape& m, const Platform& hw, const Efficiency& e, double tokens,
                    double width, double tp = 1, double count = 1) noexcept {
    if (tokens <= 0 || width <= 0 || count <= 0) {
        return 0;
    }
    const double h = m.hidden;
    const double flops = count * 6.0 * tokens * h * width / tp;
    const double weights = count * 3.0 * h * width * m.weightBytes / tp;
    const double activations = e.activationBytes ? (tokens * h + tokens * 2.0 * width / tp * 2.0 +
                                                    tokens * width / tp + tokens * h * 2.0) *
                                                       count
                                                 : 0.0;
    return gemmTime(flops, weights + activations, hw.flops8, hw, e, 2);
}

double expertGemm(const Shape& m, const Platform& hw, const Efficiency& e, double rows,
                  double localExperts, double* flopsOut = nullptr) noexcept {
    if (rows <= 0) {
        if (flopsOut != nullptr) {
            *flopsOut = 0;
        }
        return 0;
    }
    const double h = m.hidden;
    const double w = m.weightBytes;
    const double upFlops = 2.0 * rows * h * 2.0 * m.m;
    const double upBytes = localExperts * h * 2.0 * m.m * w +
                           (e.activationBytes ? rows * h + rows * 2.0 * m.m * 2.0 : 0.0);
    const double downFlops = 2.0 * rows * m.m * h;
    const double downBytes =
        localExperts * m.m * h * w + (e.activationBytes ? rows * m.m + rows * h * 2.0 : 0.0);
    if (flopsOut != nullptr) {
        *flopsOut = upFlops + downFlops;
    }
    return gemmTime(upFlops, upBytes, hw.flops8, hw, e) +
           gemmTime(downFlops, downBytes, hw.flops8, hw, e);
}

double lmHeadTime(const Shape& m, const Platform& hw, const Efficiency& e, double tokens) noexcept {
    const double activations =
        e.activationBytes ? tokens * m.hidden * 2.0 + tokens * m.vocab * 4.0 : 0.0;
    return gemmTime(2.0 * tokens * m.hidden * m.vocab,
                    m.hidden * m.vocab * kBf16Bytes + activations, hw.flops16, hw, e);
}

// Bytes on the wire per token copy: FP8 dispatch carries its scales, BF16 does not.
double dispatchBytesPerElement(const Shape& m, const Efficiency& e) noexcept {
    return m.dispatchBytes < 2 ? m.dispatchBytes * (1 + e.dispatchScale) : m.dispatchBytes;
}

struct PhaseTimes {
    double dispatch = 0;
    double combine = 0;
};

// C-C1: EP dispatch and combine of one micro-batch of `tokens` tokens per GPU, hottest GPU.
PhaseTimes epCommunication(const Shape& m, const Platform& hw, const Efficiency& e, double ep,
                           bool twoStage, double tokens, double sigma) noexcept {
    const bool inDomain = hw.superpod && ep <= hw.domainGpus;
    const double remoteShare = inDomain ? 0.0 : std::max(0.0, (ep - hw.gpusPerNode) / ep);
    const double outBw = e.scaleOut * hw.outBw;
    const double upBw = e.scaleUp * hw.upBw;
    const auto phase = [&](double bytesPerCopy) {
        if (twoStage && remoteShare > 0) {
            // One scale-out copy per distinct remote node, then fan-out over NVLink.
            const double nodes = ep / hw.gpusPerNode;
            const double remoteNodes = (nodes - 1) * (1 - std::pow(1 - 1 / nodes, m.topK));
            const double tOut = tokens * remoteNodes * bytesPerCopy / outBw;
            const double tUp = tokens * m.topK * bytesPerCopy * (1 - 1 / hw.gpusPerNode) / upBw;
            return std::max(tOut, tUp) / sigma + 2 * e.linkLatency;
        }
        const double copies = tokens * m.topK;
        const double tOut = remoteShare > 0 ? copies * remoteShare * bytesPerCopy / outBw : 0.0;
        const double tUp = copies * (1 - remoteShare) * bytesPerCopy / upBw;
        return std::max(tOut, tUp) / sigma + e.linkLatency;
    };
    return {phase(m.hidden * dispatchBytesPerElement(m, e)), phase(m.hidden * m.combineBytes)};
}

double usableBytes(const Platform& hw, const Scenario& s) noexcept {
    return hw.hbmBytes * s[Param::MemoryUsableFraction];
}

double kvBytesPerRequest(const Shape& m, const KvFormat& kv, double context) noexcept {
    return context * (kvElementsPerTokenLayer(m) * kv.bytes + kv.extra) * m.kvLayers;
}

double headAndEmbeddingBytes(const Shape& m) noexcept {
    return 2.0 * m.vocab * m.hidden * kBf16Bytes;
}

double sharedExpertBytes(const Shape& m) noexcept {
    return m.moeLayers * m.sharedExperts * 3.0 * m.hidden * m.sharedM * m.weightBytes;
}

void finishCostAndEnergy(ThroughputResult& r, double totalTokensPerSecond, double usdPerHour,
                         double watts) noexcept {
    // A configuration that serves nothing (batch 0) has no cost per token.
    r.priced = usdPerHour > 0 && totalTokensPerSecond > 0;
    r.usdPerMillionTokens = r.priced ? usdPerHour / (totalTokensPerSecond * 3600.0) * 1e6 : 0.0;
    r.powered = watts > 0;
    r.tokensPerJoule = r.powered ? totalTokensPerSecond / watts : 0.0;
}

// C-O (EP) for one overlap mode; fills the per-layer terms and the step.
void epStep(const Scenario& s, const Shape& m, const Platform& hw, const Efficiency& e,
            EpOverlapMode overlap, ThroughputResult& r) noexcept {
    const double ep = s[Param::EpGpus];
    const double batch = s[Param::BatchPerGpu];
    const double q = s[Param::TokensPerRequestStep];
    const double sigma = s[Param::Sigma];
    const bool mtp = s[Param::MtpLayer] != 0;
    const KvFormat kv{s[Param::KvBytes], s[Param::KvExtraBytes], s[Param::AttentionFp8] != 0};
    const double slots = s[Param::ExpertSlots] > 0 ? s[Param::ExpertSlots] : m.experts;

    r.overlap = overlap;
    r.microBatches = overlap == EpOverlapMode::Tbo ? 2 : 1;
    const double perMicroBatch = batch / r.microBatches;
    const double tokens = perMicroBatch * q;
    r.localExperts = slots / ep;
    const AttentionParts att =
        attentionParts(m, hw, e, kv, perMicroBatch, q, s[Param::ContextTokens]);
    const double a0 = att.pre;
    const double a1 = att.core + att.post;
    const double shared = denseFfnTime(m, hw, e, tokens, m.sharedM, 1, m.sharedExperts);
    const double hottestRows = tokens * m.topK / sigma;
    const double experts = expertGemm(m, hw, e, hottestRows, r.localExperts);
    const PhaseTimes comm = epCommunication(m, hw, e, ep, s[Param::EpDispatch] != 0, tokens, sigma);
    // GPU-driven all-to-all kernels take SM time: with TBO the send and receive kernels of both
    // phases are serial compute-stream work; otherwise only the receive side adds.
    const double commKernels = overlap == EpOverlapMode::Tbo ? 2 * e.commKernel : e.commKernel;
    double moe = 0;
    if (overlap == EpOverlapMode::Tbo) {
        // DeepSeek's five-stage pairing: dispatch hides under the shared expert and A0 of the
        // other micro-batch, combine under its core attention and post-core GEMMs.
        const double slot = std::max(shared + a0, comm.dispatch) + experts +
                            std::max(a1, comm.combine) + e.layerOverhead + commKernels;
        moe = r.microBatches * slot;
    } else if (overlap == EpOverlapMode::Sbo) {
        // Dispatch-receive under the shared expert, combine-send under the down GEMM (1/3).
        const double down = experts / 3.0;
        moe = a0 + a1 + std::max(shared, comm.dispatch) + (experts - down) +
              std::max(down, comm.combine) + e.layerOverhead + commKernels;
    } else {
        moe = a0 + a1 + shared + experts + comm.dispatch + comm.combine + e.layerOverhead +
              commKernels;
    }
    const double dense =
        r.microBatches * (a0 + a1 + denseFfnTime(m, hw, e, tokens, m.denseM) + e.layerOverhead);
    const double head = lmHeadTime(m, hw, e, batch * q);
    const double moeLayers = m.moeLayers + (mtp ? 1 : 0);
    r.stepOverhead = e.stepOverhead + head * (mtp ? 2 : 1);
    r.stepTime = moeLayers * moe + m.denseLayers * dense + r.stepOverhead;

    r.attentionPre = a0;
    r.attentionCore = att.core;
    r.attentionPost = att.post;
    r.sharedTime = shared;
    r.expertTime = experts;
    r.dispatchTime = comm.dispatch;
    r.combineTime = comm.combine;
    r.attentionTime = a0 + a1;
    r.ffnTime = shared + experts;
    r.moeLayerTime = moe;
    r.denseLayerTime = dense;
    r.tokensPerExpert = tokens * m.topK / r.localExperts;
}

void evaluateEp(const Scenario& s, const Shape& m, const Platform& hw, const Efficiency& e,
                ThroughputResult& r) noexcept {
    const auto mode = static_cast<EpOverlapMode>(static_cast<int>(s[Param::EpOverlap]));
    if (mode == EpOverlapMode::Auto) {
        // What an operator does: TBO loses at small batch, so take the faster of TBO and none.
        ThroughputResult none = r;
        epStep(s, m, hw, e, EpOverlapMode::Tbo, r);
        epStep(s, m, hw, e, EpOverlapMode::None, none);
        if (none.stepTime < r.stepTime) {
            r = none;
        }
    } else {
        epStep(s, m, hw, e, mode, r);
    }
    const double batch = s[Param::BatchPerGpu];
    const double ep = s[Param::EpGpus];
    const double accept = s[Param::AcceptLen];
    const double slots = s[Param::ExpertSlots] > 0 ? s[Param::ExpertSlots] : m.experts;
    const KvFormat kv{s[Param::KvBytes], s[Param::KvExtraBytes], s[Param::AttentionFp8] != 0};

    r.gpus = ep;
    r.epGpus = ep;
    r.batchPerGpu = batch;
    r.expertSlots = slots;
    r.inScaleUpDomain = hw.superpod && ep <= hw.domainGpus;
    r.tpot = r.stepTime / accept;
    r.tokensPerSecondPerGpu = batch * accept / r.stepTime;
    r.tokensPerSecondPerUser = 1.0 / r.tpot;

    // C-S1 memory: a data-parallel copy of attention, dense, shared and head/embedding weights,
    // the local experts, and the KV cache of the GPU's b requests.
    r.memoryPerGpu = projectionWeightBytes(m) * m.layers +
                     m.denseLayers * 3.0 * m.hidden * m.denseM * m.weightBytes +
                     sharedExpertBytes(m) + headAndEmbeddingBytes(m) +
                     slots / ep * 3.0 * m.hidden * m.m * m.weightBytes * m.moeLayers +
                     batch * kvBytesPerRequest(m, kv, s[Param::ContextTokens]);
    r.memoryCapacity = usableBytes(hw, s);
    r.memoryCapacityAttention = r.memoryCapacity;
    r.fitsMemory = r.memoryPerGpu <= r.memoryCapacity;

    const double expertFlopsPerStep =
        6.0 * batch * s[Param::TokensPerRequestStep] * m.topK * m.hidden * m.m * m.moeLayers;
    r.hfuFfn = expertFlopsPerStep / (hw.flops8 * r.stepTime);
    finishCostAndEnergy(r, r.tokensPerSecondPerGpu * ep, hw.usdPerHour * ep, hw.watts * ep);
}

// C-C2, C-O (AFD), C-S1. `ah` is the attention GPUs' hardware, `fh` the FFN GPUs'.
void evaluateAfd(const Scenario& s, const Shape& m, const Platform& ah, const Platform& fh,
                 const Efficiency& e, ThroughputResult& r) noexcept {
    const double na = s[Param::Na];
    const double nf = s[Param::Nf];
    const double batch = s[Param::BatchPerAttentionGpu];
    const double q = s[Param::TokensPerRequestStep];
    const double sigma = s[Param::Sigma];
    const double nbo = s[Param::NBo];
    const bool mtp = s[Param::MtpLayer] != 0;
    const bool sharedOnFfn = s[Param::SharedExpertOn] != 0;
    const KvFormat kv{s[Param::KvBytes], s[Param::KvExtraBytes], s[Param::AttentionFp8] != 0};
    const double ga = ah.gpusPerNode;
    const double gf = fh.gpusPerNode;
    const double totalGpus = na * ga + nf * gf;
    // B6: one scale-up domain spans the deployment only if both roles are in it.
    const bool inDomain =
        ah.superpod && fh.superpod && totalGpus <= std::min(ah.domainGpus, fh.domainGpus);

    const AttentionParts att = attentionParts(m, ah, e, kv, batch, q, s[Param::ContextTokens]);
    const double tokensPerAttentionGpu = batch * q; // T_A per micro-batch
    const double sharedOnAttention =
        sharedOnFfn ? 0.0
                    : denseFfnTime(m, ah, e, tokensPerAttentionGpu, m.sharedM, 1, m.sharedExperts);
    double ta =
        att.pre + att.core + att.post + sharedOnAttention + e.attentionShare * e.layerOverhead;
    const double tokensTotal = tokensPerAttentionGpu * na * ga;    // per micro-batch, whole system
    const double rowsPerFfnGpu = tokensTotal * m.topK / (nf * gf); // B_demand of B1
    const double localExperts = std::ceil(m.experts / (nf * gf));
    const double experts = expertGemm(m, fh, e, rowsPerFfnGpu / sigma, localExperts);
    // A shared expert on the FFN side runs tensor-parallel over an FFN node's GPUs, on the
    // tokens that node receives.
    const double sharedOnF =
        sharedOnFfn ? denseFfnTime(m, fh, e, tokensTotal / nf, m.sharedM, gf, m.sharedExperts)
                    : 0.0;
    double tf = experts + sharedOnF + (1 - e.attentionShare) * e.layerOverhead;

    // Eq. 17 with efficiencies: what one FFN GPU can take in.
    const double fanOut = std::max(1.0, m.topK / nf);
    const double inboundBw = inDomain
                                 ? e.scaleUp * fh.upBw
                                 : std::min(e.scaleOut * fh.outBw * fanOut, e.scaleUp * fh.upBw);
    const double dispatchPerRow = m.hidden * dispatchBytesPerElement(m, e);
    const double combinePerRow = m.hidden * m.combineBytes;
    const double hottestRows = rowsPerFfnGpu / sigma;
    double dispatch = hottestRows * dispatchPerRow / inboundBw + e.linkLatency;
    double combine = hottestRows * combinePerRow / inboundBw + e.linkLatency;
    const double commKernels = s[Param::AfdCommKernels] != 0 ? 2 * e.commKernel : 0.0;
    ta += commKernels;
    tf += commKernels;
    // The attention GPU's own NIC sends its tokens once per destination FFN node (and receives
    // one combined row per node): a lower bound on both phases.
    const double nodesHit = std::min(m.topK, nf);
    const double attentionNicBw = inDomain ? e.scaleUp * ah.upBw : e.scaleOut * ah.outBw;
    dispatch =
        std::max(dispatch, tokensPerAttentionGpu * nodesHit * dispatchPerRow / attentionNicBw +
                               e.linkLatency);
    combine = std::max(combine, tokensPerAttentionGpu * nodesHit * combinePerRow / attentionNicBw +
                                    e.linkLatency);
    const double link = dispatch + combine; // one link budget for both directions (3H per row)
    const double occupancy[4] = {nbo * ta, nbo * tf, nbo * link, ta + dispatch + tf + combine};
    const double cycle = *std::max_element(occupancy, occupancy + 4);
    r.bound = static_cast<AfdBound>(std::find(occupancy, occupancy + 4, cycle) - occupancy);

    // Dense layers: the FFN side runs the dense FFN tensor-parallel over all its GPUs; every
    // token crosses scale-out once per FFN node, so each FFN GPU's NIC carries T_total / g.
    const double denseFfn = denseFfnTime(m, fh, e, tokensTotal, m.denseM, nf * gf) +
                            (1 - e.attentionShare) * e.layerOverhead;
    const double denseAttention =
        att.pre + att.core + att.post + e.attentionShare * e.layerOverhead;
    const double denseBw = inDomain ? e.scaleUp * fh.upBw : e.scaleOut * fh.outBw;
    const double nicRows = tokensTotal / gf;
    const double denseDispatch = nicRows * dispatchPerRow / denseBw + e.linkLatency;
    const double denseCombine = nicRows * combinePerRow / denseBw + e.linkLatency;
    const double denseCycle = std::max({nbo * denseAttention, nbo * denseFfn,
                                        denseAttention + denseDispatch + denseFfn + denseCombine});

    const double moeLayers = m.moeLayers + (mtp ? 1 : 0);
    const double head = lmHeadTime(m, ah, e, tokensPerAttentionGpu);
    r.stepOverhead = e.stepOverhead + nbo * head * (mtp ? 2 : 1);
    r.stepTime = moeLayers * cycle + m.denseLayers * denseCycle + r.stepOverhead;

    r.na = na;
    r.nf = nf;
    r.batchPerAttentionGpu = batch;
    r.sharedOn = sharedOnFfn ? SharedExpertPlace::Ffn : SharedExpertPlace::Attention;
    r.microBatches = nbo;
    r.gpus = totalGpus;
    r.attentionPre = att.pre;
    r.attentionCore = att.core;
    r.attentionPost = att.post;
    r.sharedTime = sharedOnFfn ? sharedOnF : sharedOnAttention;
    r.expertTime = experts;
    r.dispatchTime = dispatch;
    r.combineTime = combine;
    r.attentionTime = ta;
    r.ffnTime = tf;
    r.moeLayerTime = cycle;
    r.denseLayerTime = denseCycle;
    r.localExperts = localExperts;
    r.rowsPerFfnGpu = rowsPerFfnGpu;
    r.tokensPerExpert = rowsPerFfnGpu / localExperts;
    r.inScaleUpDomain = inDomain;

    const double accept = s[Param::AcceptLen];
    r.tpot = r.stepTime / accept;
    const double totalTokensPerSecond = nbo * batch * na * ga * accept / r.stepTime;
    r.tokensPerSecondPerGpu = totalTokensPerSecond / totalGpus;
    r.tokensPerSecondPerUser = 1.0 / r.tpot;

    // Memory: FFN GPUs hold their local experts (+ shared expert, + a shard of the dense FFNs);
    // attention GPUs hold attention and head weights (+ shared expert) and N_BO micro-batches'
    // KV cache.
    const double sharedBytes = sharedExpertBytes(m);
    r.memoryPerFfnGpu = m.moeLayers * localExperts * 3.0 * m.hidden * m.m * m.weightBytes +
                        (sharedOnFfn ? sharedBytes : 0.0) +
                        m.denseLayers * 3.0 * m.hidden * m.denseM * m.weightBytes / (nf * gf);
    r.memoryPerAttentionGpu = projectionWeightBytes(m) * m.layers + headAndEmbeddingBytes(m) +
                              (sharedOnFfn ? 0.0 : sharedBytes) +
                              nbo * batch * kvBytesPerRequest(m, kv, s[Param::ContextTokens]);
    r.memoryCapacity = usableBytes(fh, s);
    r.memoryCapacityAttention = usableBytes(ah, s);
    r.fitsMemory = r.memoryPerFfnGpu <= r.memoryCapacity &&
                   r.memoryPerAttentionGpu <= r.memoryCapacityAttention;

    const double expertFlopsPerMicroBatch = 6.0 * rowsPerFfnGpu * m.hidden * m.m;
    r.hfuFfn = expertFlopsPerMicroBatch * nbo * m.moeLayers / (fh.flops8 * r.stepTime);
    r.hfuFfnCycle = expertFlopsPerMicroBatch / (fh.flops8 * cycle / nbo);
    const bool priced = ah.usdPerHour > 0 && fh.usdPerHour > 0;
    const bool powered = ah.watts > 0 && fh.watts > 0;
    finishCostAndEnergy(r, totalTokensPerSecond,
                        priced ? na * ga * ah.usdPerHour + nf * gf * fh.usdPerHour : 0.0,
                        powered ? na * ga * ah.watts + nf * gf * fh.watts : 0.0);
}

} // namespace

ServingSystem servingSystem(const Scenario& s) noexcept {
    return static_cast<ServingSystem>(static_cast<int>(s[Param::System]));
}

std::string_view afdBoundKey(AfdBound b) noexcept {
    switch (b) {
    case AfdBound::Attention:
        return "attention";
    case AfdBound::Ffn:
        return "ffn";
    case AfdBound::Link:
        return "link";
    case AfdBound::RoundTrip:
        return "round-trip";
    }
    return "?";
}

std::string_view overlapKey(EpOverlapMode m) noexcept {
    return spec(Param::EpOverlap).choices[static_cast<std::size_t>(m)];
}

Platform platformOf(const Scenario& s) noexcept {
    Platform p;
    p.flops8 = s[Param::FlopsTflops] * kTera;
    p.flops16 =
        (s[Param::FlopsBf16Tflops] > 0 ? s[Param::FlopsBf16Tflops] : s[Param::FlopsTflops] / 2) *
        kTera;
    p.hbmBw = s[Param::HbmBwTbS] * kTera;
    p.hbmBytes = s[Param::HbmCapacityGb] * kGiga;
    p.upBw = s[Param::ScaleUpBwGbS] * kGiga;
    p.outBw = s[Param::ScaleOutBwGbS] * kGiga;
    p.superpod = s[Param::Superpod] != 0;
    p.domainGpus = s[Param::ScaleUpDomainGpus];
    p.gpusPerNode = s[Param::GpusPerNode];
    p.usdPerHour = s[Param::GpuHourUsd];
    p.watts = s[Param::TdpW];
    return p;
}

Efficiency efficiencyOf(const Scenario& s) noexcept {
    Efficiency e;
    e.gemm = s[Param::EffGemm];
    e.hbm = s[Param::EffHbm];
    e.attention = s[Param::EffAttention];
    e.scaleOut = s[Param::EffScaleOut];
    e.scaleUp = s[Param::EffScaleUp];
    e.blend = s[Param::GemmBlend];
    e.kernelTime = s[Param::KernelTimeUs] * kMicro;
    e.linkLatency = s[Param::LinkLatencyUs] * kMicro;
    e.commKernel = s[Param::CommKernelUs] * kMicro;
    e.layerOverhead = s[Param::LayerOverheadUs] * kMicro;
    e.attentionShare = s[Param::AttentionOverheadShare];
    e.stepOverhead = s[Param::StepOverheadMs] * kMilli;
    return e;
}

Efficiency paperEfficiency() noexcept {
    Efficiency e;
    e.gemm = e.hbm = e.attention = e.scaleOut = e.scaleUp = 1.0;
    e.blend = std::numeric_limits<double>::infinity();
    e.kernelTime = e.linkLatency = e.commKernel = e.layerOverhead = e.stepOverhead = 0.0;
    e.activationBytes = false;
    e.dispatchScale = 0.0;
    return e;
}

double gemmTime(double flops, double bytes, double peak, const Platform& hw, const Efficiency& e,
                int kernels) noexcept {
    return smoothMax(flops / (e.gemm * peak), bytes / (e.hbm * hw.hbmBw), e.blend) +
           kernels * e.kernelTime;
}

double expertGemmTime(const Scenario& s, const Platform& hw, const Efficiency& e, double rows,
                      double localExperts) noexcept {
    return expertGemm(shapeOf(s), hw, e, rows, localExperts);
}

double expertGemmOfu(const Scenario& s, const Platform& hw, const Efficiency& e,
                     double tokensPerExpert, double localExperts) noexcept {
    double flops = 0;
    const double t =
        expertGemm(shapeOf(s), hw, e, tokensPerExpert * localExperts, localExperts, &flops);
    return t > 0 ? flops / (t * hw.flops8) : 0.0;
}

PerTokenCounts perTokenCounts(const Scenario& s, double context, double kvBytes) noexcept {
    const Shape m = shapeOf(s);
    PerTokenCounts c;
    c.kvBytes = context * kvElementsPerTokenLayer(m) * kvBytes * m.kvLayers;
    c.attentionFlops = attentionFlopsPerQueryContext(m) * context * m.layers;
    Projection list[5];
    const int n = projections(m, list);
    for (int i = 0; i < n; ++i) {
        c.linearFlops += 2.0 * list[i].in * list[i].out;
    }
    c.linearFlops *= m.layers;
    c.ffnFlops = m.moeLayers * (m.topK * 6.0 * m.hidden * m.m +
                                m.sharedExperts * 6.0 * m.hidden * m.sharedM) +
                 m.denseLayers * 6.0 * m.hidden * m.denseM;
    return c;
}

ThroughputResult throughput(const Scenario& s, const Scenario* attentionHardware) noexcept {
    return throughput(s, attentionHardware, efficiencyOf(s));
}

ThroughputResult throughput(const Scenario& s, const Scenario* attentionHardware,
                            const Efficiency& e) noexcept {
    ThroughputResult r;
    // Eq. 1's budget is Part A's alone: the throughput model has no t_B to keep positive.
    if (InputError error = validate(s); error && error.code != InputErrorCode::NonPositiveBudget) {
        r.error = error;
        return r;
    }
    if (attentionHardware != nullptr) {
        if (InputError error = validate(*attentionHardware);
            error && error.code != InputErrorCode::NonPositiveBudget) {
            r.error = error;
            return r;
        }
    }
    r.system = servingSystem(s);
    const Shape m = shapeOf(s);
    const Platform hw = platformOf(s);
    if (r.system == ServingSystem::Ep) {
        evaluateEp(s, m, hw, e, r);
    } else if (r.system == ServingSystem::Afd) {
        const Platform ah = attentionHardware != nullptr ? platformOf(*attentionHardware) : hw;
        evaluateAfd(s, m, ah, hw, e, r);
    } else {
        return r;
    }
    // A configuration without requests serves nothing, whatever its step time.
    const double batch = r.system == ServingSystem::Ep ? r.batchPerGpu : r.batchPerAttentionGpu;
    r.meetsSlo = batch > 0 && r.tpot <= s[Param::SloMs] * kMilli;
    return r;
}

BudgetHfu budgetHfu(const Scenario& s, const Efficiency& e) noexcept {
    const Shape m = shapeOf(s);
    const Platform hw = platformOf(s);
    BudgetHfu out;
    const double layers = s[Param::BudgetLayers] > 0 ? s[Param::BudgetLayers] : m.layers;
    out.budgetTime = (s[Param::SloMs] * kMilli * s[Param::AcceptLen] - s[Param::GapMs] * kMilli) /
                     (layers * s[Param::NBo]);
    const double nf = s[Param::Nf];
    const double fanOut = std::max(1.0, m.topK / nf);
    const double bw = hw.superpod ? e.scaleUp * hw.upBw
                                  : std::min(e.scaleOut * hw.outBw * fanOut, e.scaleUp * hw.upBw);
    const double bytesPerRow = (dispatchBytesPerElement(m, e) + m.combineBytes) * m.hidden;
    out.tokensLink = std::max(0.0, bw * (out.budgetTime - 2 * e.linkLatency) / bytesPerRow);
    const double localExperts = std::ceil(m.experts / (nf * hw.gpusPerNode));
    // Rows the GPU computes within t_B: the largest R with t_E(R) <= t_B (bisection), or the
    // FLOP bound alone when the weights by themselves overrun the budget.
    const double flopsOnly = e.gemm * hw.flops8 * out.budgetTime / (6.0 * m.hidden * m.m);
    if (expertGemm(m, hw, e, 1e-9, localExperts) > out.budgetTime) {
        out.tokensCompute = flopsOnly;
    } else {
        double lo = 0;
        double hi = flopsOnly * 1.0000001 + 1;
        for (int i = 0; i < 200; ++i) {
            const double mid = (lo + hi) / 2;
            (expertGemm(m, hw, e, mid, localExperts) <= out.budgetTime ? lo : hi) = mid;
        }
        out.tokensCompute = lo;
    }
    out.tokensPerRank = std::min(out.tokensLink, out.tokensCompute);
    out.hfu = 6.0 * out.tokensPerRank * m.hidden * m.m / (hw.flops8 * out.budgetTime);
    return out;
}

} // namespace afd
