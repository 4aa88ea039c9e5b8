// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/metrics.hpp"

#include <array>

namespace afd {
namespace {

constexpr double kMs = 1e3;
constexpr double kGb = 1e-9;

constexpr bool kNumber = false; // MetricSpec::isFlag
constexpr bool kFlag = true;
constexpr bool kHeatmap = true; // MetricSpec::heatmap

constexpr double flag(bool b) noexcept {
    return b ? 1.0 : 0.0;
}

// Values are converted to the unit named beside them; the core's Result stays in SI units.
const std::array kMetrics{
    MetricSpec{"t_budget_ms", "Budget per micro-batch", "t_B", "ms", "A1, Eq. 1",
               [](const Result& r) noexcept { return r.budgetTime * kMs; }},
    MetricSpec{
        "bw_effective_gb_s", "Effective inbound bandwidth", "BW_eff", "GB/s", "A2, B6, Eq. 17",
        [](const Result& r) noexcept { return r.effectiveInboundBw * kGb; }, kNumber, kHeatmap},
    MetricSpec{"ratio_up_out", "Scale-up / scale-out ratio", "r", "", "A2, A4",
               [](const Result& r) noexcept { return r.ratioUpOut; }},
    MetricSpec{"fan_out", "Scale-out fan-out", "max(1, TopK/N_F)", "", "A2",
               [](const Result& r) noexcept { return r.fanOut; }},
    MetricSpec{"tokens_link", "Rows the link delivers", "B_link", "rows", "A2, Eq. 9",
               [](const Result& r) noexcept { return r.tokensLink; }},
    MetricSpec{"tokens_compute", "Rows the GPU can compute", "B_compute", "rows", "A3",
               [](const Result& r) noexcept { return r.tokensCompute; }},
    MetricSpec{"tokens_demand", "Rows offered by attention (0 = no cap)", "B_demand", "rows", "B1",
               [](const Result& r) noexcept { return r.tokensDemand; }},
    MetricSpec{"tokens_per_rank", "Rows per FFN GPU", "B_rank", "rows", "A3, B1",
               [](const Result& r) noexcept { return r.tokensPerRank; }, kNumber, kHeatmap},
    MetricSpec{"local_experts", "Local experts", "G", "", "A3",
               [](const Result& r) noexcept { return r.localExperts; }},
    MetricSpec{"local_experts_continuous", "Local experts (continuous)", "G_c", "", "A3",
               [](const Result& r) noexcept { return r.localExpertsContinuous; }},
    MetricSpec{"tokens_per_expert", "Tokens per expert", "B", "rows", "A3",
               [](const Result& r) noexcept { return r.tokensPerExpert; }, kNumber, kHeatmap},
    MetricSpec{"intensity", "Arithmetic intensity", "I", "FLOP/B", "A3, A4, Eq. 10",
               [](const Result& r) noexcept { return r.intensity; }, kNumber, kHeatmap},
    MetricSpec{"intensity_continuous", "Arithmetic intensity (continuous)", "I_c", "FLOP/B",
               "A3, A4, Eq. 10", [](const Result& r) noexcept { return r.intensityContinuous; }},
    MetricSpec{"flops_per_rank", "FLOPs per FFN GPU per budget", "FLOPs", "FLOP", "A3",
               [](const Result& r) noexcept { return r.flopsPerRank; }},
    MetricSpec{"weight_bytes_per_rank", "Expert weight bytes per layer", "Mem", "B", "A3",
               [](const Result& r) noexcept { return r.weightBytesPerRank; }},
    MetricSpec{"gemm_time_ms", "Grouped GEMM time", "t_G", "ms", "A3",
               [](const Result& r) noexcept { return r.gemmTime * kMs; }},
    MetricSpec{"hfu", "HFU", "HFU", "", "A3, Eq. 8, Eq. 19",
               [](const Result& r) noexcept { return r.hfu; }, kNumber, kHeatmap},
    MetricSpec{"hfu_uncapped", "HFU without the compute cap", "HFU_link", "", "A3",
               [](const Result& r) noexcept { return r.hfuUncapped; }},
    MetricSpec{"occupancy", "Occupancy (temporal sparsity)", "S_t", "", "A3",
               [](const Result& r) noexcept { return r.occupancy; }, kNumber, kHeatmap},
    MetricSpec{"ofu", "OFU", "OFU", "", "A3", [](const Result& r) noexcept { return r.ofu; },
               kNumber, kHeatmap},
    MetricSpec{"comm_intensity", "Communication intensity", "I_comm", "FLOP/B", "A3",
               [](const Result& r) noexcept { return r.commIntensity; }},
    MetricSpec{"ridge_intensity", "HBM ridge point", "FLOPS/BW_mem", "FLOP/B", "A3",
               [](const Result& r) noexcept { return r.ridgeIntensity; }},
    MetricSpec{"weights_per_gpu_gb", "Expert weights per FFN GPU", "", "GB", "A5",
               [](const Result& r) noexcept { return r.weightBytesPerGpu * kGb; }, kNumber,
               kHeatmap},
    MetricSpec{"usable_hbm_gb", "Usable HBM per GPU", "", "GB", "A5",
               [](const Result& r) noexcept { return r.usableHbmBytes * kGb; }},
    MetricSpec{"hfu_minus_ep", "HFU minus EP reference", "", "", "A7",
               [](const Result& r) noexcept { return r.hfuMinusEp; }, kNumber, kHeatmap},
    MetricSpec{"lambda_afd", "Attention / FFN node ratio", "lambda_AFD", "", "A6",
               [](const Result& r) noexcept { return r.lambdaAfd; }},
    MetricSpec{"regime_index", "Regime index (0 scale-up-bound .. 4 superpod)", "", "", "A4",
               [](const Result& r) noexcept { return static_cast<double>(r.regime); }, kNumber,
               kHeatmap},
    MetricSpec{"compute_saturated", "Compute-saturated", "", "", "A3",
               [](const Result& r) noexcept { return flag(r.computeSaturated); }, kFlag},
    MetricSpec{"dead_zone", "Dead zone", "", "", "A4",
               [](const Result& r) noexcept { return flag(r.deadZone); }, kFlag},
    MetricSpec{"feasible", "Deployable", "", "", "A5",
               [](const Result& r) noexcept { return flag(r.feasible()); }, kFlag},
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
