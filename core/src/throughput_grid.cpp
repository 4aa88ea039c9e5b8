// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/throughput_grid.hpp"

#include "afd/deployment_search.hpp"
#include "afd/serving_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <thread>

namespace afd {
namespace {

using enum GridQuantity;

constexpr ThroughputHeatmapMetric kMetrics[] = {
    {"afd_tokens_per_s_per_gpu", "AFD tokens/s per GPU", "tokens/s", "C-S1", AfdTokensPerGpu},
    {"ep_tokens_per_s_per_gpu", "EP tokens/s per GPU", "tokens/s", "C-S1", EpTokensPerGpu},
    {"afd_tpot_ms", "AFD time per output token", "ms", "C-S1", AfdTpot},
    {"afd_over_ep_current", "AFD ÷ EP tokens/s per GPU", "", "C-S1, C-H", AfdOverEp},
    {"best_nf", "FFN nodes of the best AFD deployment", "nodes", "C-S2", BestNf, true, false, true},
    {"afd_bound", "What sets the AFD cycle", "", "C-O", CycleBound, false, true, false},
};

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool isAfdDeploymentKey(Param p) {
    const auto keys = deploymentKeys(ServingSystem::Afd);
    return std::find(keys.begin(), keys.end(), p) != keys.end();
}

// Runs fn(i) for i in [0, count) on `threads` threads, stopping early when cancelled.
void parallelFor(std::size_t count, unsigned threads, const std::atomic<bool>* cancelled,
                 const std::function<void(std::size_t)>& fn) {
    std::atomic<std::size_t> next{0};
    const auto worker = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            if (cancelled != nullptr && cancelled->load(std::memory_order_relaxed)) {
                return;
            }
            fn(i);
        }
    };
    const unsigned n = std::max(1U, std::min<unsigned>(threads, unsigned(count)));
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < n; ++t) {
        pool.emplace_back(worker);
    }
    worker();
    for (std::thread& t : pool) {
        t.join();
    }
}

struct Evaluated {
    ThroughputResult r;
    CellStatus status = CellStatus::Ok;
};

// The scenario's own deployment of `system` at the cell, as compareServing() evaluates it but
// with the automatic batch unless the batch is an axis (`keepBatch`): a batch set for one cell
// would miss the SLO at most others.
Evaluated current(const Scenario& cell, ServingSystem system, const Scenario* attentionHardware,
                  bool keepBatch) {
    const Scenario* hw = system == ServingSystem::Afd ? attentionHardware : nullptr;
    Scenario s = withSystem(cell, system);
    if (!keepBatch) {
        s[system == ServingSystem::Ep ? Param::BatchPerGpu : Param::BatchPerAttentionGpu] = 0;
    }
    Evaluated out;
    out.r = throughput(resolveAutomaticBatch(s, hw), hw);
    if (out.r.error) {
        out.status = CellStatus::Invalid;
    } else if (!out.r.meetsSlo || !out.r.fitsMemory) {
        out.status =
            system == ServingSystem::Ep ? CellStatus::EpNotDeployable : CellStatus::NotDeployable;
    }
    return out;
}

} // namespace

std::span<const ThroughputHeatmapMetric> throughputHeatmapMetrics() noexcept {
    return kMetrics;
}

std::optional<std::size_t> findThroughputHeatmapMetric(std::string_view key) noexcept {
    for (std::size_t i = 0; i < std::size(kMetrics); ++i) {
        if (kMetrics[i].key == key) {
            return i;
        }
    }
    return std::nullopt;
}

ThroughputGrid throughputSweep(const Scenario& base, const Scenario* attentionHardware,
                               const SweepAxis& x, const SweepAxis& y, std::size_t metric,
                               const ThroughputGridOptions& options) {
    ThroughputGrid g;
    g.x = x;
    g.y = y;
    g.xs = x.values();
    g.ys = y.values();
    g.metric = std::min(metric, std::size(kMetrics) - 1);
    const GridQuantity q = kMetrics[g.metric].quantity;
    const std::size_t nx = g.nx();
    const std::size_t ny = g.ny();
    const std::size_t cells = nx * ny;
    g.values.assign(cells, kNaN);
    g.status.assign(cells, CellStatus::Ok);
    if (options.withRatio) {
        g.ratio.assign(cells, kNaN);
    }
    const auto cellScenario = [&](std::size_t ix, std::size_t iy) {
        Scenario s = base;
        s[x.param] = g.xs[ix];
        s[y.param] = g.ys[iy];
        return s;
    };
    const bool needEp = q == EpTokensPerGpu || q == AfdOverEp || options.withRatio;
    const bool needAfd = (q != EpTokensPerGpu && q != BestNf) || options.withRatio;
    const bool needSearch = q == BestNf;
    // EP's deployment and AFD's best do not depend on an AFD deployment key: one evaluation per
    // row or column (or one in all) stands for every cell along such an axis.
    const std::size_t sx = isAfdDeploymentKey(x.param) ? 1 : nx;
    const std::size_t sy = isAfdDeploymentKey(y.param) ? 1 : ny;
    const std::size_t shared = sx * sy;
    const std::size_t work =
        (needEp ? shared : 0) + (needSearch ? shared : 0) + (needAfd ? cells : 0);
    std::atomic<std::size_t> done{0};
    const auto tick = [&] {
        const std::size_t d = ++done;
        if (options.progress != nullptr && work > 0) {
            options.progress->store(int(1000 * d / work), std::memory_order_relaxed);
        }
    };

    std::vector<Evaluated> ep(needEp ? shared : 0);
    if (needEp) {
        parallelFor(shared, options.threads, options.cancelled, [&](std::size_t i) {
            ep[i] = current(cellScenario(i % sx, i / sx), ServingSystem::Ep, nullptr,
                            x.param == Param::BatchPerGpu || y.param == Param::BatchPerGpu);
            tick();
        });
    }
    std::vector<DeploymentSearch> best(needSearch ? shared : 0);
    if (needSearch) {
        parallelFor(shared, options.threads, options.cancelled, [&](std::size_t i) {
            best[i] = searchDeployment(withSystem(cellScenario(i % sx, i / sx), ServingSystem::Afd),
                                       ServingSystem::Afd, attentionHardware, {}, false);
            tick();
        });
    }
    const auto sharedIndex = [&](std::size_t ix, std::size_t iy) {
        return (sy == 1 ? 0 : iy) * sx + (sx == 1 ? 0 : ix);
    };
    parallelFor(cells, options.threads, options.cancelled, [&](std::size_t c) {
        const std::size_t ix = c % nx;
        const std::size_t iy = c / nx;
        Evaluated afd;
        if (needAfd) {
            afd = current(cellScenario(ix, iy), ServingSystem::Afd, attentionHardware,
                          x.param == Param::BatchPerAttentionGpu ||
                              y.param == Param::BatchPerAttentionGpu);
            tick();
        }
        const Evaluated* e = needEp ? &ep[sharedIndex(ix, iy)] : nullptr;
        double value = kNaN;
        CellStatus status = CellStatus::Ok;
        switch (q) {
        case AfdTokensPerGpu:
            status = afd.status;
            value = afd.r.tokensPerSecondPerGpu;
            break;
        case EpTokensPerGpu:
            status = e->status;
            value = e->r.tokensPerSecondPerGpu;
            break;
        case AfdTpot:
            status = afd.status;
            value = afd.r.tpot * 1e3;
            break;
        case AfdOverEp:
            status = afd.status != CellStatus::Ok ? afd.status : e->status;
            value = status == CellStatus::Ok && e->r.tokensPerSecondPerGpu > 0
                        ? afd.r.tokensPerSecondPerGpu / e->r.tokensPerSecondPerGpu
                        : kNaN;
            break;
        case BestNf: {
            const DeploymentSearch& b = best[sharedIndex(ix, iy)];
            status = b.best.error ? CellStatus::Invalid
                     : b.found    ? CellStatus::Ok
                                  : CellStatus::NotFound;
            value = b.best.nf;
            break;
        }
        case CycleBound:
            status = afd.status;
            value = double(afd.r.bound);
            break;
        }
        g.status[c] = status;
        g.values[c] = status == CellStatus::Ok && std::isfinite(value) ? value : kNaN;
        if (options.withRatio && afd.status == CellStatus::Ok && e->status == CellStatus::Ok &&
            e->r.tokensPerSecondPerGpu > 0) {
            g.ratio[c] = afd.r.tokensPerSecondPerGpu / e->r.tokensPerSecondPerGpu;
        }
    });
    g.cancelled = options.cancelled != nullptr && options.cancelled->load();
    return g;
}

} // namespace afd
