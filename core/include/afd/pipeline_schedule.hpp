// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline timeline of the paper's Fig. 1b (docs/model.md A1, B5 and C-O): micro-batches
// passing through the stages of consecutive MoE layers on shared resources, as a list of busy
// intervals and of the bubbles (idle time) between them. Pure: no Qt, no allocation beyond the
// result.
//
// Semantics. Every micro-batch runs the same chain of stages in every layer; under AFD
//   attention (attention GPUs) -> dispatch (link) -> FFN (FFN GPUs) -> combine (link)
// and the next layer's attention follows the combine. A stage of micro-batch m in layer l
// starts when the previous stage of the same micro-batch has finished and its resource is free.
// A resource runs one stage at a time, without preemption, first come first served: among the
// stages waiting for it, the one that became ready first (ties: the lower layer, then the lower
// micro-batch, then the earlier stage of the chain). The attention and FFN GPUs therefore take
// the micro-batches in order, and the link interleaves dispatches and combines as they come.
//
// With N_BO micro-batches and stage times t_a, t_d, t_f, t_cb (t_c = t_d + t_cb) the steady
// state repeats every
//   cycle = max(N_BO t_a, N_BO t_f, N_BO t_c, t_a + t_d + t_f + t_cb)        (C-O)
// and the budget per micro-batch is t_B = cycle / N_BO. For N_BO = 3 the attention GPUs never
// wait when 2 t_a >= t_f + t_c (Eq. 3) and the FFN GPUs never wait when 2 t_f >= t_a + t_c
// (Eq. 4); a stage longer than the others leaves the other resources idle (bubbles), and only
// t_a, t_f -> t_B (Eq. 5) keeps every GPU busy. With N_BO >= 3 and the attention or FFN GPUs
// binding, this schedule settles into exactly that cycle. When the link binds, or with two
// micro-batches, first come first served can leave the binding resource idle now and then, so
// the schedule's period may exceed the C-O cycle (which assumes an ideal interleaving);
// steadyCycle() gives the C-O value.
//
// Bubbles are the idle gaps between two stages on one resource, except the pipeline's fill and
// drain: on a resource that runs several stages of the chain (the link), the idle time before
// its first run of the chain's last stage on it (the first combine) is fill, and the idle time
// after its last run of the first stage on it (the last dispatch) is drain; neither is a bubble.
#pragma once

#include "afd/throughput.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace afd {

struct PipelineStage {
    std::string name; // "attention", "dispatch", ...
    int resource = 0; // index into PipelineInput::resources
    double duration = 0;
};

// How the resources pick their next stage. FirstComeFirstServed: as described above.
// TwoBatchOverlap: DeepSeek's five-stage pairing of EP under TBO (C-O), a fixed program order
// for two micro-batches X and Y on one GPU's compute and communication streams. Each slot runs
//   compute: A0(X), t_S(Y), t_E(Y), A1(X), overheads      communication: t_D(Y), t_C(Y)
// where the dispatch of Y starts with the slot, its experts wait for both the dispatch and the
// shared expert, the combine follows the experts, and the slot's fixed overheads (t_ovh and the
// comm kernels) wait for both A1 and the combine; the next slot swaps X and Y. In steady state
//   t_slot = max(t_S + A0, t_D) + t_E + max(A1, t_C) + overheads,   t_layer = 2 t_slot.
// It needs exactly two micro-batches and the seven stages pipelineOf() gives, in that order:
// A0, A1, dispatch, shared expert, experts, combine, overheads.
enum class PipelinePolicy : std::uint8_t { FirstComeFirstServed, TwoBatchOverlap };

// Stretches one stage of one micro-batch in one layer by `extra` (s): a straggler.
struct PipelineJitter {
    int stage = -1; // -1: none
    int microBatch = 0;
    int layer = 0;
    double extra = 0;
};

struct PipelineInput {
    std::vector<std::string> resources; // the rows: "Attention GPUs", "Link", "FFN GPUs"
    std::vector<PipelineStage> stages;  // the chain of one micro-batch through one layer
    int microBatches = 3;               // N_BO
    int layers = 3;
    PipelineJitter jitter;
    PipelinePolicy policy = PipelinePolicy::FirstComeFirstServed;
};

struct PipelineInterval {
    int resource = 0;
    int stage = 0;
    int microBatch = 0;
    int layer = 0;
    double start = 0;
    double end = 0;
};

struct PipelineBubble {
    int resource = 0;
    double start = 0;
    double end = 0;
};

struct PipelineSchedule {
    std::vector<PipelineInterval> intervals; // in the order they were scheduled (by start)
    std::vector<PipelineBubble> bubbles;     // by resource, then time
    double makespan = 0;                     // end of the last stage
    bool valid = false; // false when the input is empty or a duration is negative or not finite

    // The interval of (stage, micro-batch, layer), or null.
    const PipelineInterval* find(int stage, int microBatch, int layer) const noexcept;
    // Total bubble time of one resource.
    double bubbleTime(int resource) const noexcept;
};

PipelineSchedule schedulePipeline(const PipelineInput& input);

// The steady-state cycle of the chain (C-O): the largest of each resource's busy time per
// layer (its stages times N_BO) and one micro-batch's round trip (the sum of all stages); under
// TwoBatchOverlap, 2 t_slot.
double steadyCycle(const PipelineInput& input) noexcept;

// One configuration's MoE layer as a chain, from its throughput terms (C-O), over `layers`
// layers. AFD: rows attention GPUs, link, FFN GPUs; stages attention t_a, dispatch t_d, FFN t_f,
// combine t_cb; N_BO micro-batches. EP: rows compute and communication of the EP GPUs. Under
// TBO, two micro-batches in the TwoBatchOverlap order with stages A0 ("attention
// (projections)"), A1 ("attention"), dispatch t_D, shared expert t_S, routed experts t_E ("FFN"),
// combine t_C and the fixed overheads; otherwise one micro-batch through attention A0 + A1,
// dispatch, FFN t_S + t_E plus the overheads, combine (exact for no overlap; single-batch
// overlap hides part of the transfers, which this chain does not). Resource 0 is the attention
// (EP: compute) row; the stages named "attention", "dispatch" and "FFN" exist in every chain.
PipelineInput pipelineOf(const ThroughputResult& r, int layers);
// EP: the fixed per-micro-batch overheads (t_ovh and the comm kernels of C-O) that t_layer
// charges beyond its stage terms, recovered from t_layer and the terms; 0 for AFD.
double epFixedOverhead(const ThroughputResult& r) noexcept;

} // namespace afd
