// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/throughput_report.hpp"

#include "afd/optimal_ratio.hpp"
#include "afd/report.hpp"
#include "afd/verdict.hpp"
#include "text_format.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <string>

namespace afd {
namespace {

using detail::appendRow;
using detail::tableNumber;

constexpr double kUs = 1e6;
constexpr double kMs = 1e3;
constexpr double kGb = 1e-9;
constexpr auto Both = FieldScope::Both;
constexpr auto Ep = FieldScope::Ep;
constexpr auto Afd = FieldScope::Afd;
using R = ThroughputResult;

// Values are converted to the unit named beside them; ThroughputResult stays in SI units.
const std::array kFields{
    ThroughputMetricSpec{"tokens_per_s_per_gpu", "Tokens/s per GPU", "", "tokens/s", Both,
                         [](const R& r) noexcept { return r.tokensPerSecondPerGpu; }},
    ThroughputMetricSpec{"tokens_per_s_per_user", "Tokens/s per user", "1/TPOT", "tokens/s", Both,
                         [](const R& r) noexcept { return r.tokensPerSecondPerUser; }},
    ThroughputMetricSpec{"tpot_ms", "Time per output token", "TPOT", "ms", Both,
                         [](const R& r) noexcept { return r.tpot * kMs; }},
    ThroughputMetricSpec{"step_time_ms", "Decode step", "T_step", "ms", Both,
                         [](const R& r) noexcept { return r.stepTime * kMs; }},
    ThroughputMetricSpec{"meets_slo", "Meets the SLO", "", "", Both,
                         [](const R& r) noexcept { return r.meetsSlo ? 1.0 : 0.0; }, true},
    ThroughputMetricSpec{"fits_memory", "Fits in memory", "", "", Both,
                         [](const R& r) noexcept { return r.fitsMemory ? 1.0 : 0.0; }, true},
    ThroughputMetricSpec{"gpus", "GPUs", "", "", Both, [](const R& r) noexcept { return r.gpus; }},
    ThroughputMetricSpec{"memory_per_gpu_gb", "Memory per GPU", "", "GB", Ep,
                         [](const R& r) noexcept { return r.memoryPerGpu * kGb; }},
    ThroughputMetricSpec{"memory_capacity_gb", "Usable memory per GPU", "", "GB", Ep,
                         [](const R& r) noexcept { return r.memoryCapacity * kGb; }},
    ThroughputMetricSpec{"memory_per_attention_gpu_gb", "Memory per attention GPU", "", "GB", Afd,
                         [](const R& r) noexcept { return r.memoryPerAttentionGpu * kGb; }},
    ThroughputMetricSpec{"memory_capacity_attention_gb", "Usable memory per attention GPU", "",
                         "GB", Afd,
                         [](const R& r) noexcept { return r.memoryCapacityAttention * kGb; }},
    ThroughputMetricSpec{"memory_per_ffn_gpu_gb", "Memory per FFN GPU", "", "GB", Afd,
                         [](const R& r) noexcept { return r.memoryPerFfnGpu * kGb; }},
    ThroughputMetricSpec{"memory_capacity_ffn_gb", "Usable memory per FFN GPU", "", "GB", Afd,
                         [](const R& r) noexcept { return r.memoryCapacity * kGb; }},
    ThroughputMetricSpec{"moe_layer_time_us", "MoE layer (EP) / 3BO cycle (AFD)", "t_layer", "us",
                         Both, [](const R& r) noexcept { return r.moeLayerTime * kUs; }},
    ThroughputMetricSpec{"dense_layer_time_us", "Dense layer", "", "us", Both,
                         [](const R& r) noexcept { return r.denseLayerTime * kUs; }},
    ThroughputMetricSpec{"attention_time_us", "Attention per micro-batch", "t_a", "us", Both,
                         [](const R& r) noexcept { return r.attentionTime * kUs; }},
    ThroughputMetricSpec{"attention_pre_us", "Projections before the core", "A0", "us", Both,
                         [](const R& r) noexcept { return r.attentionPre * kUs; }},
    ThroughputMetricSpec{"attention_core_us", "Core attention", "t_core", "us", Both,
                         [](const R& r) noexcept { return r.attentionCore * kUs; }},
    ThroughputMetricSpec{"attention_post_us", "Projections after the core, router", "A1 - t_core",
                         "us", Both, [](const R& r) noexcept { return r.attentionPost * kUs; }},
    ThroughputMetricSpec{"ffn_time_us", "FFN per micro-batch", "t_f", "us", Both,
                         [](const R& r) noexcept { return r.ffnTime * kUs; }},
    ThroughputMetricSpec{"shared_expert_time_us", "Shared expert", "t_S", "us", Both,
                         [](const R& r) noexcept { return r.sharedTime * kUs; }},
    ThroughputMetricSpec{"expert_time_us", "Routed experts, hottest GPU", "t_E", "us", Both,
                         [](const R& r) noexcept { return r.expertTime * kUs; }},
    ThroughputMetricSpec{"dispatch_time_us", "Dispatch", "t_D", "us", Both,
                         [](const R& r) noexcept { return r.dispatchTime * kUs; }},
    ThroughputMetricSpec{"combine_time_us", "Combine", "t_C", "us", Both,
                         [](const R& r) noexcept { return r.combineTime * kUs; }},
    ThroughputMetricSpec{"step_overhead_ms", "Per-step time outside layers", "t_g", "ms", Both,
                         [](const R& r) noexcept { return r.stepOverhead * kMs; }},
    ThroughputMetricSpec{"micro_batches", "Micro-batches", "", "", Both,
                         [](const R& r) noexcept { return r.microBatches; }},
    ThroughputMetricSpec{"local_experts", "Local experts", "G", "", Both,
                         [](const R& r) noexcept { return r.localExperts; }},
    ThroughputMetricSpec{"tokens_per_expert", "Tokens per expert per micro-batch", "", "rows", Both,
                         [](const R& r) noexcept { return r.tokensPerExpert; }},
    ThroughputMetricSpec{"rows_per_ffn_gpu", "Rows per FFN GPU per micro-batch", "R_F", "rows", Afd,
                         [](const R& r) noexcept { return r.rowsPerFfnGpu; }},
    ThroughputMetricSpec{"hfu_ffn", "FFN-side HFU over the step", "", "", Both,
                         [](const R& r) noexcept { return r.hfuFfn; }},
    ThroughputMetricSpec{"hfu_ffn_cycle", "FFN-side HFU per budget t_B", "HFU", "", Afd,
                         [](const R& r) noexcept { return r.hfuFfnCycle; }},
    ThroughputMetricSpec{"in_scale_up_domain", "In one scale-up domain", "", "", Both,
                         [](const R& r) noexcept { return r.inScaleUpDomain ? 1.0 : 0.0; }, true},
};

std::string valueText(const ThroughputMetricSpec& m, double v) {
    return m.isFlag ? (v != 0 ? "yes" : "no") : tableNumber(v);
}

// The configuration keys of a result, choices as names.
void putConfiguration(nlohmann::ordered_json& j, const ThroughputResult& r) {
    j["system"] = formatValue(Param::System, static_cast<double>(r.system));
    if (r.system == ServingSystem::Ep) {
        j["ep_gpus"] = r.epGpus;
        j["batch_per_gpu"] = r.batchPerGpu;
        j["ep_overlap"] = overlapKey(r.overlap);
        j["expert_slots"] = r.expertSlots;
    } else {
        j["na"] = r.na;
        j["nf"] = r.nf;
        j["batch_per_attention_gpu"] = r.batchPerAttentionGpu;
        j["shared_expert_on"] = formatValue(Param::SharedExpertOn, static_cast<double>(r.sharedOn));
        j["bound"] = afdBoundKey(r.bound);
    }
}

nlohmann::ordered_json resultFields(const ThroughputResult& r) {
    nlohmann::ordered_json j;
    putConfiguration(j, r);
    for (const ThroughputMetricSpec& m : kFields) {
        if (!appliesTo(m.scope, r.system)) {
            continue;
        }
        const double v = m.read(r);
        if (m.isFlag) {
            j[std::string(m.key)] = v != 0;
        } else {
            j[std::string(m.key)] = v;
        }
    }
    if (r.priced) {
        j["usd_per_million_tokens"] = r.usdPerMillionTokens;
    }
    if (r.powered) {
        j["tokens_per_joule"] = r.tokensPerJoule;
    }
    return j;
}

std::string configurationText(const ThroughputResult& r) {
    if (r.system == ServingSystem::Ep) {
        return "ep_gpus " + formatNumber(r.epGpus) + ", batch_per_gpu " +
               formatNumber(r.batchPerGpu) + ", ep_overlap " + std::string(overlapKey(r.overlap));
    }
    return "na " + formatNumber(r.na) + ", nf " + formatNumber(r.nf) +
           ", batch_per_attention_gpu " + formatNumber(r.batchPerAttentionGpu) +
           ", shared_expert_on " +
           formatValue(Param::SharedExpertOn, static_cast<double>(r.sharedOn));
}

// The configuration, what binds an AFD cycle, and every metric that applies, as table rows.
void appendResultRows(std::string& out, const ThroughputResult& r) {
    appendRow(out, "Configuration", "", configurationText(r), "");
    if (r.system == ServingSystem::Afd) {
        appendRow(out, "3BO cycle bound by", "", std::string(afdBoundKey(r.bound)), "");
    }
    for (const ThroughputMetricSpec& m : kFields) {
        if (appliesTo(m.scope, r.system)) {
            appendRow(out, m.label, m.symbol, valueText(m, m.read(r)), m.unit);
        }
    }
}

std::string_view systemLabel(ServingSystem s) {
    return s == ServingSystem::Ep ? "EP" : "AFD";
}

} // namespace

std::span<const ThroughputMetricSpec> throughputMetrics() noexcept {
    return kFields;
}

bool appliesTo(FieldScope scope, ServingSystem system) noexcept {
    return scope == FieldScope::Both || (scope == FieldScope::Ep && system == ServingSystem::Ep) ||
           (scope == FieldScope::Afd && system == ServingSystem::Afd);
}

nlohmann::ordered_json inputsToJson(const Scenario& s, bool paperOnly) {
    nlohmann::ordered_json inputs = nlohmann::ordered_json::object();
    for (const ParamSpec& p : parameters()) {
        if (paperOnly && p.partC) {
            continue;
        }
        const double v = s[p.id];
        if (p.kind == ParamKind::Choice || std::isinf(v)) {
            inputs[std::string(p.key)] = formatValue(p.id, v);
        } else {
            inputs[std::string(p.key)] = v;
        }
    }
    return inputs;
}

nlohmann::ordered_json throughputToJson(const Scenario& s, const ThroughputResult& r) {
    nlohmann::ordered_json j = resultFields(r);
    j["inputs"] = inputsToJson(s, false);
    return j;
}

std::string throughputToTable(const Scenario& s, const ThroughputResult& r) {
    std::string out;
    appendResultRows(out, r);
    appendRow(out, "USD per million output tokens", "",
              r.priced ? tableNumber(r.usdPerMillionTokens) : "- (hardware has no price)", "");
    appendRow(out, "Tokens per joule", "",
              r.powered ? tableNumber(r.tokensPerJoule) : "- (hardware has no power figure)", "");
    out += "\nInputs\n" + inputsToTable(s, false);
    return out;
}

std::string searchFailure(const Scenario& s, const DeploymentSearch& search) {
    if (search.found) {
        return {};
    }
    const std::string what = "no " + std::string(systemLabel(search.system)) + " configuration";
    if (search.best.error) {
        return what + ": " + describe(search.best.error, s);
    }
    const std::string slo = "slo_ms = " + formatNumber(s[Param::SloMs]) + " ms";
    if (!search.anyFits) {
        return what + " fits in memory (memory_usable_fraction = " +
               formatNumber(s[Param::MemoryUsableFraction]) + ")";
    }
    return what + " meets " + slo + ": the fastest that fits in memory has TPOT " +
           tableNumber(search.fastest.tpot * kMs) + " ms (" + configurationText(search.fastest) +
           ")";
}

nlohmann::ordered_json searchToJson(const SearchReport& report) {
    const Scenario& s = *report.scenario;
    nlohmann::ordered_json j;
    j["slo_ms"] = s[Param::SloMs];
    for (const DeploymentSearch* search : {report.ep, report.afd}) {
        if (search == nullptr) {
            continue;
        }
        const std::string key = search->system == ServingSystem::Ep ? "ep" : "afd";
        if (search->found) {
            j[key] = resultFields(search->best);
            if (search->system == ServingSystem::Afd) {
                // The closed form at the chosen deployment: how far the exact search, with its
                // SLO, memory and whole nodes, sits from the SLO-free continuous optimum.
                Scenario chosen = s;
                chosen[Param::Na] = search->best.na;
                chosen[Param::Nf] = search->best.nf;
                chosen[Param::BatchPerAttentionGpu] = search->best.batchPerAttentionGpu;
                chosen[Param::SharedExpertOn] = double(search->best.sharedOn);
                const OptimalRatio r = optimalRatio(chosen, report.attentionHardware);
                j[key]["r_star"] = r.error.empty() ? nlohmann::ordered_json(r.rStar)
                                                   : nlohmann::ordered_json(nullptr);
            }
        } else {
            j[key] = nullptr;
            j[key + "_failure"] = searchFailure(s, *search);
        }
    }
    if (report.ep != nullptr && report.afd != nullptr) {
        const bool both = report.ep->found && report.afd->found;
        j["afd_over_ep"] = both ? nlohmann::ordered_json(report.afd->best.tokensPerSecondPerGpu /
                                                         report.ep->best.tokensPerSecondPerGpu)
                                : nlohmann::ordered_json(nullptr);
    }
    if (report.pareto) {
        auto& frontier = j["pareto"];
        frontier = nlohmann::ordered_json::object();
        for (const DeploymentSearch* search : {report.ep, report.afd}) {
            if (search == nullptr) {
                continue;
            }
            auto rows = nlohmann::ordered_json::array();
            for (const ThroughputResult& r : search->frontier) {
                rows.push_back(resultFields(r));
            }
            frontier[search->system == ServingSystem::Ep ? "ep" : "afd"] = std::move(rows);
        }
    }
    j["inputs"] = inputsToJson(s, false);
    return j;
}

std::string searchToTable(const SearchReport& report) {
    const Scenario& s = *report.scenario;
    std::string out =
        "Best configuration under slo_ms = " + formatNumber(s[Param::SloMs]) + " ms\n";
    for (const DeploymentSearch* search : {report.ep, report.afd}) {
        if (search == nullptr) {
            continue;
        }
        out += "\n" + std::string(systemLabel(search->system)) + "\n";
        if (!search->found) {
            out += "  " + searchFailure(s, *search) + "\n";
            continue;
        }
        const ThroughputResult& r = search->best;
        appendResultRows(out, r);
        if (r.priced) {
            appendRow(out, "USD per million output tokens", "", tableNumber(r.usdPerMillionTokens),
                      "");
        }
    }
    if (report.ep != nullptr && report.afd != nullptr && report.ep->found && report.afd->found) {
        out += "\n";
        appendRow(out, "AFD / EP tokens/s per GPU", "",
                  tableNumber(report.afd->best.tokensPerSecondPerGpu /
                              report.ep->best.tokensPerSecondPerGpu),
                  "");
    }
    if (report.pareto) {
        for (const DeploymentSearch* search : {report.ep, report.afd}) {
            if (search == nullptr) {
                continue;
            }
            out += "\nFrontier, " + std::string(systemLabel(search->system)) +
                   " (tokens/s per user, tokens/s per GPU, configuration)\n";
            for (const ThroughputResult& r : search->frontier) {
                out += "  " + tableNumber(r.tokensPerSecondPerUser) + "\t" +
                       tableNumber(r.tokensPerSecondPerGpu) + "\t" + configurationText(r) + "\n";
            }
        }
    }
    return out;
}

std::string searchToCsv(const SearchReport& report) {
    // Every number through appendNumber: the shortest text that reads back to the same double.
    std::string out = "row,system,ep_gpus,batch_per_gpu,ep_overlap,expert_slots,na,nf,"
                      "batch_per_attention_gpu,shared_expert_on,bound";
    for (const ThroughputMetricSpec& m : kFields) {
        out += ",";
        out += m.key;
        if (!m.unit.empty()) {
            out += " [" + std::string(m.unit) + "]";
        }
    }
    out += ",usd_per_million_tokens,tokens_per_joule\n";
    const auto row = [&out](std::string_view kind, const ThroughputResult& r) {
        const bool ep = r.system == ServingSystem::Ep;
        out += kind;
        out += ep ? ",ep," : ",afd,";
        if (ep) {
            appendNumber(out, r.epGpus);
            out += ",";
            appendNumber(out, r.batchPerGpu);
            out += ",";
            out += overlapKey(r.overlap);
            out += ",";
            appendNumber(out, r.expertSlots);
            out += ",,,,,";
        } else {
            out += ",,,,";
            appendNumber(out, r.na);
            out += ",";
            appendNumber(out, r.nf);
            out += ",";
            appendNumber(out, r.batchPerAttentionGpu);
            out += ",";
            out += formatValue(Param::SharedExpertOn, static_cast<double>(r.sharedOn));
            out += ",";
            out += afdBoundKey(r.bound);
        }
        for (const ThroughputMetricSpec& m : kFields) {
            out += ",";
            if (appliesTo(m.scope, r.system)) {
                const double v = m.read(r);
                if (m.isFlag) {
                    out += v != 0 ? "true" : "false";
                } else {
                    appendNumber(out, v);
                }
            }
        }
        out += ",";
        if (r.priced) {
            appendNumber(out, r.usdPerMillionTokens);
        }
        out += ",";
        if (r.powered) {
            appendNumber(out, r.tokensPerJoule);
        }
        out += "\n";
    };
    for (const DeploymentSearch* search : {report.ep, report.afd}) {
        if (search != nullptr && search->found) {
            row("best", search->best);
        }
    }
    if (report.pareto) {
        for (const DeploymentSearch* search : {report.ep, report.afd}) {
            if (search != nullptr) {
                for (const ThroughputResult& r : search->frontier) {
                    row("pareto", r);
                }
            }
        }
    }
    return out;
}

std::string overlapText(EpOverlapMode mode) {
    switch (mode) {
    case EpOverlapMode::Tbo:
    case EpOverlapMode::Auto: // resolved before any result shows it; the default is TBO
        return "two-batch overlap";
    case EpOverlapMode::Sbo:
        return "single-batch overlap";
    case EpOverlapMode::None:
        return "no overlap";
    }
    return "?";
}

std::string deploymentText(const ThroughputResult& r) {
    if (r.system == ServingSystem::Ep) {
        return "EP over " + formatNumber(r.epGpus) + " GPUs, batch " + formatNumber(r.batchPerGpu) +
               " per GPU, " + overlapText(r.overlap);
    }
    return formatNumber(r.na) + " attention : " + formatNumber(r.nf) +
           " FFN nodes, attention batch " + formatNumber(r.batchPerAttentionGpu) + " per GPU";
}

std::string boundText(AfdBound bound) {
    switch (bound) {
    case AfdBound::Attention:
        return "the attention GPUs";
    case AfdBound::Ffn:
        return "the FFN GPUs";
    case AfdBound::Link:
        return "the attention-FFN link";
    case AfdBound::RoundTrip:
        return "one micro-batch's round trip";
    }
    return "?";
}

std::string servingVerdict(const Scenario& s, const ServingComparison& c) {
    const std::string slo = "TPOT " + readableNumber(s[Param::SloMs], 3) + " ms";
    if (!c.bothFound()) {
        std::string text;
        for (const DeploymentSearch* search : {&c.afd, &c.ep}) {
            if (!search->found) {
                std::string failure = searchFailure(s, *search); // "no AFD configuration ..."
                failure.front() = static_cast<char>(std::toupper(failure.front()));
                text += (text.empty() ? "" : " ") + failure + ".";
            }
        }
        for (const DeploymentSearch* search : {&c.afd, &c.ep}) {
            if (search->found) {
                text += " " + std::string(systemLabel(search->system)) + " serves " +
                        readableNumber(search->best.tokensPerSecondPerGpu, 3) +
                        " tokens/s per GPU within " + slo + " (" + deploymentText(search->best) +
                        ").";
            }
        }
        return text;
    }
    const ThroughputResult& afd = c.afd.best;
    const ThroughputResult& ep = c.ep.best;
    const double ratio = c.bestRatio();
    const bool afdWins = ratio >= 1;
    std::string text =
        afdWins ? "AFD serves " + readableNumber(ratio, 3) + "x EP's tokens/s per GPU here"
                : "EP serves " + readableNumber(1 / ratio, 3) + "x AFD's tokens/s per GPU here";
    text += " within " + slo + ": " + readableNumber(afd.tokensPerSecondPerGpu, 3) + " against " +
            readableNumber(ep.tokensPerSecondPerGpu, 3) + " (AFD " + deploymentText(afd) + "; " +
            deploymentText(ep) + ").";
    // The paper's lens on the same AFD deployment: its FFN side's HFU and the dead zone (A4).
    Scenario atBest = s;
    atBest[Param::Na] = afd.na;
    atBest[Param::Nf] = afd.nf;
    const Result paper = evaluate(atBest);
    const std::string hfu = readableNumber(afd.hfuFfn * 100, 3) + " % HFU";
    if (!paper.error && paper.deadZone) {
        text += afdWins ? " It wins even though its FFN side sits in the dead zone at " + hfu
                        : " Its FFN side sits in the dead zone at " + hfu;
    } else {
        text += " Its FFN side runs at " + hfu;
    }
    text += "; the 3BO cycle is bound by " + boundText(afd.bound) + ".";
    return text;
}

} // namespace afd
