// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/serving_comparison.hpp"

namespace afd {

double ServingComparison::bestRatio() const noexcept {
    if (!bothFound() || ep.best.tokensPerSecondPerGpu <= 0) {
        return 0;
    }
    return afd.best.tokensPerSecondPerGpu / ep.best.tokensPerSecondPerGpu;
}

Scenario withSystem(const Scenario& s, ServingSystem system) {
    Scenario out = s;
    out[Param::System] = static_cast<double>(system);
    return out;
}

ServingComparison compareServing(const Scenario& s, const Scenario* attentionHardware,
                                 bool frontier) {
    ServingComparison out;
    const Scenario ep = withSystem(s, ServingSystem::Ep);
    const Scenario afd = withSystem(s, ServingSystem::Afd);
    // EP GPUs are the scenario's own hardware: the attention hardware is AFD's alone.
    out.epCurrent = throughput(resolveAutomaticBatch(ep, nullptr), nullptr);
    out.afdCurrent = throughput(resolveAutomaticBatch(afd, attentionHardware), attentionHardware);
    out.ep = searchDeployment(ep, ServingSystem::Ep, nullptr, {}, frontier);
    out.afd = searchDeployment(afd, ServingSystem::Afd, attentionHardware, {}, frontier);
    return out;
}

} // namespace afd
