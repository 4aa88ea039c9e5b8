// SPDX-License-Identifier: GPL-3.0-or-later
// Both serving systems on one scenario, as the explorer's throughput views show them: EP and AFD
// as the scenario configures them, and the best deployment of each under its TPOT SLO with the
// throughput frontier (docs/model.md Part C).
#pragma once

#include "afd/deployment_search.hpp"

namespace afd {

struct ServingComparison {
    // The scenario's own deployments, its `system` key aside: EP with ep_gpus, batch_per_gpu
    // and ep_overlap; AFD with N_A, N_F and b_A. A batch of 0 is the largest that meets the SLO
    // and fits in memory (resolveAutomaticBatch).
    ThroughputResult epCurrent;
    ThroughputResult afdCurrent;
    // The best deployment of each under slo_ms, every deployment key searched.
    DeploymentSearch ep;
    DeploymentSearch afd;

    bool bothFound() const noexcept { return ep.found && afd.found; }
    // AFD's best tokens/s per GPU over EP's; 0 unless both found one.
    double bestRatio() const noexcept;
};

// Searches both systems (with their frontiers when `frontier`). attentionHardware as for
// throughput(): the attention GPUs of heterogeneous AFD, or null.
ServingComparison compareServing(const Scenario& s, const Scenario* attentionHardware,
                                 bool frontier);

// The scenario with its `system` set (the value every other key keeps).
Scenario withSystem(const Scenario& s, ServingSystem system);

} // namespace afd
