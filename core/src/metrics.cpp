// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/metrics.hpp"

#include <array>

namespace afd {
namespace {

constexpr double kMs = 1e3;
constexpr double kGb = 1e-9;

constexpr double flag(bool b) noexcept {
    return b ? 1.0 : 0.0;
}

// Values are converted to the unit named beside them; the core's Result stays in SI units.
const std::array kMetrics{
    MetricSpec{"t_budget_ms", "Budget per micro-batch", "t_B", "ms",
               [](const Result& r) noexcept { return r.budgetTime * kMs; }},
    MetricSpec{"bw_effective_gb_s", "Effective inbound bandwidth", "BW_eff", "GB/s",
               [](const Result& r) noexcept { return r.effectiveInboundBw * kGb; }},
    MetricSpec{"ratio_up_out", "Scale-up / scale-out ratio", "r", "",
               [](const Result& r) noexcept { return r.ratioUpOut; }},
    MetricSpec{"fan_out", "Scale-out fan-out", "max(1, TopK/N_F)", "",
               [](const Result& r) noexcept { return r.fanOut; }},
    MetricSpec{"tokens_link", "Rows the link delivers", "B_link", "rows",
               [](const Result& r) noexcept { return r.tokensLink; }},
    MetricSpec{"tokens_compute", "Rows the GPU can compute", "B_compute", "rows",
               [](const Result& r) noexcept { return r.tokensCompute; }},
    MetricSpec{"tokens_demand", "Rows offered by attention (0 = no cap)", "B_demand", "rows",
               [](const Result& r) noexcept { return r.tokensDemand; }},
    MetricSpec{"tokens_per_rank", "Rows per FFN GPU", "B_rank", "rows",
               [](const Result& r) noexcept { return r.tokensPerRank; }},
    MetricSpec{"local_experts", "Local experts", "G", "",
               [](const Result& r) noexcept { return r.localExperts; }},
    MetricSpec{"local_experts_continuous", "Local experts (continuous)", "G_c", "",
               [](const Result& r) noexcept { return r.localExpertsContinuous; }},
    MetricSpec{"tokens_per_expert", "Tokens per expert", "B", "rows",
               [](const Result& r) noexcept { return r.tokensPerExpert; }},
    MetricSpec{"intensity", "Arithmetic intensity", "I", "FLOP/B",
               [](const Result& r) noexcept { return r.intensity; }},
    MetricSpec{"intensity_continuous", "Arithmetic intensity (continuous)", "I_c", "FLOP/B",
               [](const Result& r) noexcept { return r.intensityContinuous; }},
    MetricSpec{"flops_per_rank", "FLOPs per FFN GPU per budget", "FLOPs", "FLOP",
               [](const Result& r) noexcept { return r.flopsPerRank; }},
    MetricSpec{"weight_bytes_per_rank", "Expert weight bytes per layer", "Mem", "B",
               [](const Result& r) noexcept { return r.weightBytesPerRank; }},
    MetricSpec{"gemm_time_ms", "Grouped GEMM time", "t_G", "ms",
               [](const Result& r) noexcept { return r.gemmTime * kMs; }},
    MetricSpec{"hfu", "HFU", "HFU", "", [](const Result& r) noexcept { return r.hfu; }},
    MetricSpec{"hfu_uncapped", "HFU without the compute cap", "HFU_link", "",
               [](const Result& r) noexcept { return r.hfuUncapped; }},
    MetricSpec{"occupancy", "Occupancy (temporal sparsity)", "S_t", "",
               [](const Result& r) noexcept { return r.occupancy; }},
    MetricSpec{"ofu", "OFU", "OFU", "", [](const Result& r) noexcept { return r.ofu; }},
    MetricSpec{"comm_intensity", "Communication intensity", "I_comm", "FLOP/B",
               [](const Result& r) noexcept { return r.commIntensity; }},
    MetricSpec{"ridge_intensity", "HBM ridge point", "FLOPS/BW_mem", "FLOP/B",
               [](const Result& r) noexcept { return r.ridgeIntensity; }},
    MetricSpec{"weights_per_gpu_gb", "Expert weights per FFN GPU", "", "GB",
               [](const Result& r) noexcept { return r.weightBytesPerGpu * kGb; }},
    MetricSpec{"usable_hbm_gb", "Usable HBM per GPU", "", "GB",
               [](const Result& r) noexcept { return r.usableHbmBytes * kGb; }},
    MetricSpec{"hfu_minus_ep", "HFU minus EP reference", "", "",
               [](const Result& r) noexcept { return r.hfuMinusEp; }},
    MetricSpec{"lambda_afd", "Attention / FFN node ratio", "lambda_AFD", "",
               [](const Result& r) noexcept { return r.lambdaAfd; }},
    MetricSpec{"regime_index", "Regime index (0 scale-up-bound .. 4 superpod)", "", "",
               [](const Result& r) noexcept { return static_cast<double>(r.regime); }},
    MetricSpec{"compute_saturated", "Compute-saturated", "", "",
               [](const Result& r) noexcept { return flag(r.computeSaturated); }, true},
    MetricSpec{"dead_zone", "Dead zone", "", "",
               [](const Result& r) noexcept { return flag(r.deadZone); }, true},
    MetricSpec{"feasible", "Deployable", "", "",
               [](const Result& r) noexcept { return flag(r.feasible()); }, true},
};

} // namespace

std::span<const MetricSpec> metrics() noexcept {
    return kMetrics;
}

std::optional<std::size_t> findMetric(std::string_view key) noexcept {
    for (std::size_t i = 0; i < kMetrics.size(); ++i) {
        if (kMetrics[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

const MetricSpec& metric(std::size_t id) noexcept {
    return kMetrics[id];
}

} // namespace afd
