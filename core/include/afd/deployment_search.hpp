// SPDX-License-Identifier: GPL-3.0-or-later
// Best deployment under the TPOT SLO and the throughput frontier (docs/model.md C-S2).
#pragma once

#include "afd/throughput.hpp"

#include <span>
#include <string>
#include <vector>

namespace afd {

// The deployment keys a search chooses: EP size, batch, overlap and expert slots for EP; N_A,
// N_F, b_A and the shared expert's placement for AFD. The others describe hardware, model and
// serving, and are never searched.
bool isDeploymentKey(Param p) noexcept;
std::span<const Param> deploymentKeys(ServingSystem system) noexcept;

// Candidate values the search tries (C-S2; the reference's ranges).
inline constexpr double kEpSizes[] = {8, 16, 32, 64, 72, 128, 144, 256, 320};
inline constexpr double kRedundantExperts = 32; // DeepSeek's redundant experts from EP 16 on
inline constexpr int kMaxFfnNodes = 8;
inline constexpr int kMaxAttentionNodes = 24;
// Batches are searched up to here; memory or the SLO stop every real deployment far below.
inline constexpr double kMaxEpBatch = 65536;
inline constexpr double kMaxAfdBatch = 65536;

struct DeploymentSearch {
    ServingSystem system = ServingSystem::None;
    bool found = false;       // some configuration meets the SLO and fits in memory
    ThroughputResult best;    // the most tokens/s per GPU among those (when found)
    bool anyFits = false;     // some configuration fits in memory at its smallest batch
    ThroughputResult fastest; // the lowest TPOT among those (when anyFits): what the SLO misses
    // Pareto frontier over every configuration that fits in memory, SLO swept: no point has
    // both more tokens/s per user and more per GPU. Sorted by tokens/s per user, ascending.
    // Each configuration contributes its batches on a 1-1.5-2 ladder, its largest batch that
    // fits in memory and its best batch under the current SLO (so the frontier holds `best`).
    std::vector<ThroughputResult> frontier;
    long evaluations = 0;
};

// Searches the deployments of `system` for the scenario (its slo_ms and everything else held),
// holding the keys in `fixed` at their values (a batch of 0 is searched even when fixed).
// attentionHardware as for throughput(). Throws nothing; an invalid scenario gives found = false
// with best.error set.
DeploymentSearch searchDeployment(const Scenario& s, ServingSystem system,
                                  const Scenario* attentionHardware, std::span<const Param> fixed,
                                  bool pareto);

// Replaces a batch of 0 (automatic) by the largest batch that meets the SLO and fits in memory,
// keeping every other key: what `afd-model throughput` evaluates. Returns the scenario as given
// when the batch is not 0 or no batch qualifies.
Scenario resolveAutomaticBatch(const Scenario& s, const Scenario* attentionHardware);

} // namespace afd
