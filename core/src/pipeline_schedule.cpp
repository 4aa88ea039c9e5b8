// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/pipeline_schedule.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace afd {

namespace {

// Large enough for any figure, small enough that a typo cannot ask for millions of bars.
constexpr int kMaxMicroBatches = 64;
constexpr int kMaxLayers = 256;

bool validInput(const PipelineInput& in) {
    if (in.resources.empty() || in.stages.empty() || in.microBatches < 1 || in.layers < 1 ||
        in.microBatches > kMaxMicroBatches || in.layers > kMaxLayers) {
        return false;
    }
    for (const PipelineStage& st : in.stages) {
        if (st.resource < 0 || st.resource >= static_cast<int>(in.resources.size()) ||
            !std::isfinite(st.duration) || st.duration < 0) {
            return false;
        }
    }
    if (in.policy == PipelinePolicy::TwoBatchOverlap &&
        (in.microBatches != 2 || in.stages.size() != 7)) {
        return false;
    }
    const PipelineJitter& j = in.jitter;
    return j.stage < 0 || (std::isfinite(j.extra) && j.extra >= 0);
}

double stageTime(const PipelineInput& in, int stage, int mb, int layer) {
    double t = in.stages[std::size_t(stage)].duration;
    if (in.jitter.stage == stage && in.jitter.microBatch == mb && in.jitter.layer == layer) {
        t += in.jitter.extra;
    }
    return t;
}

// The fixed program order of EP's two-batch overlap (the header's TwoBatchOverlap).
void scheduleTwoBatchOverlap(const PipelineInput& in, PipelineSchedule& out) {
    enum { A0, A1, Dispatch, Shared, Experts, Combine, Overheads };
    const int layers = in.layers;
    std::vector<double> ends(std::size_t(7 * 2 * layers), 0.0);
    const auto endOf = [&](int stage, int mb, int layer) -> double& {
        return ends[std::size_t((layer * 2 + mb) * 7 + stage)];
    };
    std::vector<double> free(in.resources.size(), 0.0);
    const auto run = [&](int stage, int mb, int layer, double ready) {
        const int r = in.stages[std::size_t(stage)].resource;
        const double start = std::max(ready, free[std::size_t(r)]);
        const double end = start + stageTime(in, stage, mb, layer);
        free[std::size_t(r)] = end;
        endOf(stage, mb, layer) = end;
        out.intervals.push_back({r, stage, mb, layer, start, end});
        out.makespan = std::max(out.makespan, end);
    };
    // Micro-batch 0's attention of the first layer opens the pipeline; then slot k runs the
    // FFN side of Y = k mod 2 (layer k / 2) and the attention of X, the other one (layer
    // (k + 1) / 2), until no FFN side is left.
    run(A0, 0, 0, 0);
    run(A1, 0, 0, endOf(A0, 0, 0));
    double slotStart = endOf(A1, 0, 0);
    for (int k = 0; k < 2 * layers; ++k) {
        const int y = k % 2;
        const int ly = k / 2;
        const int x = 1 - y;
        const int lx = (k + 1) / 2;
        const bool attention = lx < layers;
        run(Dispatch, y, ly, std::max(endOf(A1, y, ly), slotStart));
        if (attention) {
            run(A0, x, lx, lx == 0 ? 0.0 : endOf(Combine, x, lx - 1));
        }
        run(Shared, y, ly, endOf(A1, y, ly));
        run(Experts, y, ly, std::max(endOf(Dispatch, y, ly), endOf(Shared, y, ly)));
        run(Combine, y, ly, endOf(Experts, y, ly));
        double last = endOf(Combine, y, ly);
        if (attention) {
            run(A1, x, lx, endOf(A0, x, lx));
            last = std::max(last, endOf(A1, x, lx));
        }
        run(Overheads, y, ly, last);
        slotStart = endOf(Overheads, y, ly);
    }
}

} // namespace

const PipelineInterval* PipelineSchedule::find(int stage, int microBatch,
                                               int layer) const noexcept {
    for (const PipelineInterval& iv : intervals) {
        if (iv.stage == stage && iv.microBatch == microBatch && iv.layer == layer) {
            return &iv;
        }
    }
    return nullptr;
}

double PipelineSchedule::bubbleTime(int resource) const noexcept {
    double total = 0;
    for (const PipelineBubble& b : bubbles) {
        if (b.resource == resource) {
            total += b.end - b.start;
        }
    }
    return total;
}

namespace {

void scheduleFirstComeFirstServed(const PipelineInput& in, PipelineSchedule& out) {
    const int nStages = static_cast<int>(in.stages.size());
    const int chain = nStages * in.layers; // stages one micro-batch runs in all
    const auto mbs = static_cast<std::size_t>(in.microBatches);
    std::vector<int> next(mbs, 0);       // position in the chain of each micro-batch's next stage
    std::vector<double> ready(mbs, 0.0); // when that stage may start
    std::vector<double> free(in.resources.size(), 0.0);
    out.intervals.reserve(mbs * static_cast<std::size_t>(chain));
    for (;;) {
        // The waiting stage that can start first; ties as the header describes.
        int pick = -1;
        double pickStart = 0;
        auto key = [&](int m) {
            const int pos = next[std::size_t(m)];
            return std::make_tuple(ready[std::size_t(m)], pos / nStages, m, pos % nStages);
        };
        for (int m = 0; m < in.microBatches; ++m) {
            const int pos = next[std::size_t(m)];
            if (pos >= chain) {
                continue;
            }
            const PipelineStage& st = in.stages[std::size_t(pos % nStages)];
            const double start = std::max(ready[std::size_t(m)], free[std::size_t(st.resource)]);
            if (pick < 0 || start < pickStart || (start == pickStart && key(m) < key(pick))) {
                pick = m;
                pickStart = start;
            }
        }
        if (pick < 0) {
            break;
        }
        const int pos = next[std::size_t(pick)];
        const int stage = pos % nStages;
        const int layer = pos / nStages;
        const PipelineStage& st = in.stages[std::size_t(stage)];
        const double end = pickStart + stageTime(in, stage, pick, layer);
        out.intervals.push_back({st.resource, stage, pick, layer, pickStart, end});
        free[std::size_t(st.resource)] = end;
        ready[std::size_t(pick)] = end;
        ++next[std::size_t(pick)];
        out.makespan = std::max(out.makespan, end);
    }
}

// Gaps between consecutive stages of each resource, fill and drain excluded.
void addBubbles(const PipelineInput& in, PipelineSchedule& out) {
    const int nStages = static_cast<int>(in.stages.size());
    const double eps = 1e-9 * std::max(out.makespan, 1e-300);
    for (int r = 0; r < static_cast<int>(in.resources.size()); ++r) {
        int firstStage = -1;
        int lastStage = -1;
        for (int s = 0; s < nStages; ++s) {
            if (in.stages[std::size_t(s)].resource == r) {
                firstStage = firstStage < 0 ? s : firstStage;
                lastStage = s;
            }
        }
        if (firstStage < 0) {
            continue;
        }
        std::vector<const PipelineInterval*> mine;
        for (const PipelineInterval& iv : out.intervals) {
            if (iv.resource == r) {
                mine.push_back(&iv);
            }
        }
        // Sorted by start (both policies); a resource's stages never overlap.
        double fillEnd = out.makespan;
        double drainStart = 0;
        for (const PipelineInterval* iv : mine) {
            if (iv->stage == lastStage) {
                fillEnd = std::min(fillEnd, iv->start);
            }
            if (iv->stage == firstStage) {
                drainStart = std::max(drainStart, iv->end);
            }
        }
        for (std::size_t i = 1; i < mine.size(); ++i) {
            const double a = mine[i - 1]->end;
            const double b = mine[i]->start;
            if (b - a > eps && b > fillEnd && a < drainStart) {
                out.bubbles.push_back({r, a, b});
            }
        }
    }
}

} // namespace

PipelineSchedule schedulePipeline(const PipelineInput& in) {
    PipelineSchedule out;
    if (!validInput(in)) {
        return out;
    }
    out.valid = true;
    if (in.policy == PipelinePolicy::TwoBatchOverlap) {
        scheduleTwoBatchOverlap(in, out);
        std::stable_sort(
            out.intervals.begin(), out.intervals.end(),
            [](const PipelineInterval& a, const PipelineInterval& b) { return a.start < b.start; });
    } else {
        scheduleFirstComeFirstServed(in, out);
    }
    addBubbles(in, out);
    return out;
}

double epFixedOverhead(const ThroughputResult& r) noexcept {
    if (r.system != ServingSystem::Ep) {
        return 0;
    }
    const double a0 = r.attentionPre;
    const double a1 = r.attentionTime - r.attentionPre;
    const double ts = r.sharedTime;
    const double te = r.expertTime;
    const double td = r.dispatchTime;
    const double tc = r.combineTime;
    double exposed = 0; // what C-O charges for the stage terms, without the overheads
    switch (r.overlap) {
    case EpOverlapMode::Tbo:
    case EpOverlapMode::Auto: // resolved before a result is made; TBO is what auto prefers
        // t_slot = max(t_S + A0, t_D) + t_E + max(A1, t_C) + overheads; t_layer = 2 t_slot.
        return std::max(0.0, r.moeLayerTime / 2 - (std::max(ts + a0, td) + te + std::max(a1, tc)));
    case EpOverlapMode::Sbo:
        exposed = a0 + a1 + std::max(ts, td) + te * 2 / 3 + std::max(te / 3, tc);
        break;
    case EpOverlapMode::None:
        exposed = a0 + a1 + ts + te + td + tc;
        break;
    }
    return std::max(0.0, r.moeLayerTime - exposed);
}

PipelineInput pipelineOf(const ThroughputResult& r, int layers) {
    PipelineInput in;
    in.layers = layers;
    const double n = std::isfinite(r.microBatches) ? std::round(r.microBatches) : 0;
    in.microBatches = static_cast<int>(std::clamp(n, 0.0, double(kMaxMicroBatches + 1)));
    if (r.system == ServingSystem::Ep && r.overlap == EpOverlapMode::Tbo) {
        in.resources = {"EP GPUs: compute", "EP GPUs: communication"};
        in.policy = PipelinePolicy::TwoBatchOverlap;
        in.stages = {{"attention (projections)", 0, r.attentionPre},
                     {"attention", 0, r.attentionTime - r.attentionPre},
                     {"dispatch", 1, r.dispatchTime},
                     {"shared expert", 0, r.sharedTime},
                     {"FFN", 0, r.expertTime},
                     {"combine", 1, r.combineTime},
                     {"overheads", 0, epFixedOverhead(r)}};
    } else if (r.system == ServingSystem::Ep) {
        in.resources = {"EP GPUs: compute", "EP GPUs: communication"};
        in.stages = {{"attention", 0, r.attentionTime},
                     {"dispatch", 1, r.dispatchTime},
                     {"FFN", 0, r.ffnTime + epFixedOverhead(r)},
                     {"combine", 1, r.combineTime}};
    } else {
        in.resources = {"Attention GPUs", "Link (dispatch/combine)", "FFN GPUs"};
        in.stages = {{"attention", 0, r.attentionTime},
                     {"dispatch", 1, r.dispatchTime},
                     {"FFN", 2, r.ffnTime},
                     {"combine", 1, r.combineTime}};
    }
    return in;
}

double steadyCycle(const PipelineInput& in) noexcept {
    if (in.policy == PipelinePolicy::TwoBatchOverlap && in.stages.size() == 7) {
        const auto t = [&](std::size_t i) { return in.stages[i].duration; };
        return 2 * (std::max(t(3) + t(0), t(2)) + t(4) + std::max(t(1), t(5)) + t(6));
    }
    std::vector<double> busy(in.resources.size(), 0.0);
    double roundTrip = 0;
    for (const PipelineStage& st : in.stages) {
        if (st.resource >= 0 && st.resource < static_cast<int>(busy.size())) {
            busy[std::size_t(st.resource)] += st.duration;
        }
        roundTrip += st.duration;
    }
    double cycle = roundTrip;
    for (double b : busy) {
        cycle = std::max(cycle, b * in.microBatches);
    }
    return cycle;
}

} // namespace afd
