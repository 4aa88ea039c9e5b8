// SPDX-License-Identifier: GPL-3.0-or-later
// Named, unit-carrying views of a ThroughputResult, and their JSON, table and CSV renderings.
// `afd-model throughput`, `best` and `validate` and the GUI read the keys from this one table.
#pragma once

#include "afd/deployment_search.hpp"
#include "afd/serving_comparison.hpp"
#include "afd/throughput.hpp"

#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

namespace afd {

// Which deployments a field describes.
enum class FieldScope : std::uint8_t { Both, Ep, Afd };

struct ThroughputMetricSpec {
    std::string_view key;    // JSON key / CSV header, e.g. "tokens_per_s_per_gpu"
    std::string_view label;  // "Tokens/s per GPU"
    std::string_view symbol; // docs/model.md Part C symbol, e.g. "T_step"
    std::string_view unit;
    FieldScope scope;
    double (*read)(const ThroughputResult&) noexcept;
    bool isFlag = false;
};

std::span<const ThroughputMetricSpec> throughputMetrics() noexcept;
bool appliesTo(FieldScope scope, ServingSystem system) noexcept;

// Every applicable metric, the configuration (choices as names), the AFD bound, cost where
// priced, and the resolved inputs under "inputs" (registry key -> value; names for choices,
// "inf" for an unbounded value).
nlohmann::ordered_json throughputToJson(const Scenario& s, const ThroughputResult& r);
std::string throughputToTable(const Scenario& s, const ThroughputResult& r);
nlohmann::ordered_json inputsToJson(const Scenario& s, bool paperOnly);

// `best`: the chosen configuration per system (null when none meets the SLO, with the reason),
// under "afd" also Song et al.'s closed-form r_star at that deployment's N_F and b_A (C-R; null
// when it has none), the ratio afd_over_ep when both were searched, and the frontier rows when
// asked for.
struct SearchReport {
    const Scenario* scenario = nullptr;
    const DeploymentSearch* ep = nullptr;
    const DeploymentSearch* afd = nullptr;
    bool pareto = false;
    // The attention GPUs of heterogeneous AFD (or null), for AFD's r_star (docs/model.md C-R).
    const Scenario* attentionHardware = nullptr;
};
nlohmann::ordered_json searchToJson(const SearchReport& report);
std::string searchToTable(const SearchReport& report);
// One row per best configuration ("row" = best) and per frontier point ("row" = pareto).
std::string searchToCsv(const SearchReport& report);
// "no EP configuration meets slo_ms = 20 ms: the fastest that fits in memory has TPOT 31.2 ms
// (ep_gpus 8, batch_per_gpu 2, ep_overlap none)", or "" when one does.
std::string searchFailure(const Scenario& s, const DeploymentSearch& search);

// The deployment in words: "5 attention : 2 FFN nodes, attention batch 64 per GPU" or
// "EP over 32 GPUs, batch 96 per GPU, two-batch overlap".
std::string deploymentText(const ThroughputResult& r);

// The EP overlap mode in words: "two-batch overlap", "single-batch overlap", "no overlap".
std::string overlapText(EpOverlapMode mode);

// What binds an AFD 3BO cycle, in words ("the FFN GPUs", "the link", ...).
std::string boundText(AfdBound bound);

// Both lenses in plain language: which system serves more tokens/s per GPU under the SLO, by how
// much, with which deployments, what binds AFD's cycle, and where its FFN side sits in the
// paper's lens (HFU, dead zone). attentionHardwareName is empty for the same GPUs.
std::string servingVerdict(const Scenario& s, const ServingComparison& c);

} // namespace afd
