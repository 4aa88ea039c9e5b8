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
    const PipelineJitter& j = in.jitter;
    return j.stage < 0 || (std::isfinite(j.extra) && j.extra >= 0);
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

PipelineSchedule schedulePipeline(const PipelineInput& in) {
    PipelineSchedule out;
    if (!validInput(in)) {
        return out;
    }
    out.valid = true;
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
        double duration = st.duration;
        if (in.jitter.stage == stage && in.jitter.microBatch == pick && in.jitter.layer == layer) {
            duration += in.jitter.extra;
        }
        const double end = pickStart + duration;
        out.intervals.push_back({st.resource, stage, pick, layer, pickStart, end});
        free[std::size_t(st.resource)] = end;
        ready[std::size_t(pick)] = end;
        ++next[std::size_t(pick)];
        out.makespan = std::max(out.makespan, end);
    }

    // Bubbles: gaps between consecutive stages of each resource, fill and drain excluded.
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
        // Scheduled by start already; a resource's stages never overlap.
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
    if (r.system == ServingSystem::Ep) {
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
