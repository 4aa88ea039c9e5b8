// SPDX-License-Identifier: GPL-3.0-or-later
// Throughput-model (Part C) quantities over two registry parameters: what the explorer's heatmap
// colours besides the Part A metrics of metrics.hpp (docs/model.md "C-H").
//
// What a cell evaluates. The cell's scenario is the base with the two axis values set.
// - "Current" metrics take the scenario's own deployments there: AFD with its N_A, N_F and
//   shared-expert side on the attention hardware given, EP with its EP size, slots and overlap
//   on the scenario's hardware, each with the automatic batch (the largest that meets the SLO
//   and fits in memory, resolveAutomaticBatch) unless its batch is an axis. A batch fixed for
//   one cell would miss the SLO in most others, and the map asks what each cell can serve. A
//   deployment with no qualifying batch is not deployable there, and the cell has no value.
// - Search metrics (best N_F) run the full deployment search per cell (C-S2), about 3 ms per
//   system, so their grids are smaller (kSearchGridSteps).
// Quantities that do not depend on an axis are computed once per row or column: EP's own
// deployment and AFD's best ignore the AFD deployment keys (N_A, N_F, b_A, shared-expert side;
// the search chooses them itself).
#pragma once

#include "afd/sweep.hpp"
#include "afd/throughput.hpp"

#include <atomic>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace afd {

enum class GridQuantity : std::uint8_t {
    AfdTokensPerGpu,
    EpTokensPerGpu,
    AfdTpot,
    AfdOverEp,
    BestNf,
    CycleBound,
};

struct ThroughputHeatmapMetric {
    std::string_view key;   // also the GUI's metric id; distinct from every metrics() key
    std::string_view label; // colour-bar title
    std::string_view unit;
    std::string_view reference; // docs/model.md section
    GridQuantity quantity;
    bool search = false;      // runs searchDeployment per cell
    bool categorical = false; // values are AfdBound indices
    bool whole = false;       // whole-number values (an integer colour scale)
};

std::span<const ThroughputHeatmapMetric> throughputHeatmapMetrics() noexcept;
std::optional<std::size_t> findThroughputHeatmapMetric(std::string_view key) noexcept;

// Grid sides for the heatmap. An automatic-batch cell (two bisections) takes about 17 µs on
// this 2-core machine's two threads, so 64 × 64 cells take about 70 ms; a search cell about
// 3 ms, so 14 × 14 cells take about 0.6 s (the heatmap shows progress meanwhile).
inline constexpr int kThroughputGridSteps = 64;
inline constexpr int kSearchGridSteps = 14;

enum class CellStatus : std::uint8_t {
    Ok,
    Invalid,         // the cell's scenario is invalid (an input error)
    NotDeployable,   // AFD: no batch meets the SLO and fits in memory (or the set batch does not)
    EpNotDeployable, // EP: the same
    NotFound,        // the search found no deployment under the SLO
};

struct ThroughputGrid {
    SweepAxis x;
    SweepAxis y;
    std::vector<double> xs;
    std::vector<double> ys;
    std::size_t metric = 0;
    std::vector<double> values; // NaN where status is not Ok
    std::vector<CellStatus> status;
    // AFD over EP tokens/s per GPU of the current deployments, when asked for (empty otherwise);
    // NaN where either is not deployable.
    std::vector<double> ratio;
    bool cancelled = false; // stopped early: the values are incomplete
    std::size_t nx() const noexcept { return xs.size(); }
    std::size_t ny() const noexcept { return ys.size(); }
    std::size_t cell(std::size_t ix, std::size_t iy) const noexcept { return iy * nx() + ix; }
};

struct ThroughputGridOptions {
    bool withRatio = false; // also fill `ratio` (the computed "AFD beats EP" outline)
    unsigned threads = 2;
    const std::atomic<bool>* cancelled = nullptr; // polled between cells
    std::atomic<int>* progress = nullptr;         // work done, in thousandths
};

// attentionHardware as for throughput(). Choice and flag axes take their index values.
ThroughputGrid throughputSweep(const Scenario& base, const Scenario* attentionHardware,
                               const SweepAxis& x, const SweepAxis& y, std::size_t metric,
                               const ThroughputGridOptions& options);

} // namespace afd
