// SPDX-License-Identifier: GPL-3.0-or-later
// Core benchmark (not a test): prints JSON with single-thread Part A point evaluations per
// second, the wall time of a 512 x 512 HFU sweep on all cores, single-thread throughput-model
// (Part C) evaluations per second, the wall time of `best --system both` with the Pareto
// frontier for DeepSeek-V3 on H800, and a 4096 x 64 HFU sweep written as CSV (compute and
// printing separately). Each figure is the best of several repetitions, which filters out
// scheduler noise on a shared machine.
#include "afd/deployment_search.hpp"
#include "afd/metrics.hpp"
#include "afd/model.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "afd/sweep.hpp"
#include "afd/throughput.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace afd;
using Clock = std::chrono::steady_clock;

int main() {
    Scenario s; // registry defaults: DeepSeek-V3 on H800, N_F = 2
    constexpr int kPoints = 5'000'000;
    double bestPointRate = 0;
    double checksum = 0;
    for (int rep = 0; rep < 5; ++rep) {
        const auto start = Clock::now();
        for (int i = 0; i < kPoints; ++i) {
            // Vary two inputs so the compiler cannot hoist the evaluation out of the loop.
            s[Param::Nf] = 1 + (i & 63);
            s[Param::ScaleOutBwGbS] = 10 + (i & 1023);
            checksum += evaluate(s).hfu;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        bestPointRate = std::max(bestPointRate, kPoints / seconds);
    }

    const Scenario base;
    const SweepAxis x{Param::ScaleOutBwGbS, 10, 1000, 512, true};
    // A real-valued y axis: a whole-number one (N_F 1..64) takes each value once, 64 rows.
    const SweepAxis y{Param::FlopsTflops, 100, 5000, 512, true};
    const std::vector<std::size_t> ids{*findMetric("hfu")};
    double bestSweepMs = 1e300;
    for (int rep = 0; rep < 10; ++rep) {
        const auto start = Clock::now();
        const Grid g = sweep(base, x, y, ids);
        bestSweepMs = std::min(
            bestSweepMs, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        checksum += g.values[0][g.cell(g.nx() - 1, g.ny() - 1)];
    }
    // Part C: one EP and one AFD configuration per iteration (DeepSeek-V3 on H800).
    const PresetLibrary& lib = PresetLibrary::builtin();
    Scenario ds = resolve(*lib.scenario("default"), lib).values;
    Scenario ep = ds;
    ep[Param::System] = *choiceIndex(Param::System, "ep");
    Scenario afd = ds;
    afd[Param::System] = *choiceIndex(Param::System, "afd");
    afd[Param::BatchPerAttentionGpu] = 64;
    constexpr int kConfigs = 1'000'000;
    double bestThroughputRate = 0;
    for (int rep = 0; rep < 5; ++rep) {
        const auto start = Clock::now();
        for (int i = 0; i < kConfigs; i += 2) {
            ep[Param::BatchPerGpu] = 16 + (i & 255);
            afd[Param::Na] = 1 + (i & 15);
            checksum += throughput(ep).tokensPerSecondPerGpu;
            checksum += throughput(afd).tokensPerSecondPerGpu;
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        bestThroughputRate = std::max(bestThroughputRate, kConfigs / seconds);
    }

    double bestSearchMs = 1e300;
    long searchEvaluations = 0;
    for (int rep = 0; rep < 10; ++rep) {
        const auto start = Clock::now();
        const DeploymentSearch e = searchDeployment(ds, ServingSystem::Ep, nullptr, {}, true);
        const DeploymentSearch a = searchDeployment(ds, ServingSystem::Afd, nullptr, {}, true);
        bestSearchMs = std::min(
            bestSearchMs, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        searchEvaluations = e.evaluations + a.evaluations;
        checksum += a.best.tokensPerSecondPerGpu / e.best.tokensPerSecondPerGpu;
    }

    const SweepAxis tall{Param::ScaleOutBwGbS, 10, 1000, 4096, true};
    const SweepAxis wide{Param::Nf, 1, 64, 64, false};
    double bestTallSweepMs = 1e300;
    double bestCsvMs = 1e300;
    std::size_t csvBytes = 0;
    for (int rep = 0; rep < 5; ++rep) {
        const auto start = Clock::now();
        const Grid g = sweep(base, tall, wide, ids);
        const auto computed = Clock::now();
        const std::string csv = gridToCsv(g);
        const auto printed = Clock::now();
        bestTallSweepMs = std::min(
            bestTallSweepMs, std::chrono::duration<double, std::milli>(computed - start).count());
        bestCsvMs = std::min(bestCsvMs,
                             std::chrono::duration<double, std::milli>(printed - computed).count());
        csvBytes = csv.size();
    }

    std::printf("{\n  \"point_evaluations_per_second_single_thread\": %.0f,\n"
                "  \"sweep_512x512_hfu_ms\": %.2f,\n"
                "  \"throughput_evaluations_per_second_single_thread\": %.0f,\n"
                "  \"best_both_with_pareto_deepseek_v3_h800_ms\": %.2f,\n"
                "  \"best_both_with_pareto_evaluations\": %ld,\n"
                "  \"sweep_4096x64_hfu_compute_ms\": %.2f,\n"
                "  \"sweep_4096x64_hfu_csv_ms\": %.2f,\n"
                "  \"sweep_4096x64_hfu_csv_bytes\": %zu,\n"
                "  \"threads\": %u,\n  \"checksum\": %.6f\n}\n",
                bestPointRate, bestSweepMs, bestThroughputRate, bestSearchMs, searchEvaluations,
                bestTallSweepMs, bestCsvMs, csvBytes,
                std::max(1U, std::thread::hardware_concurrency()), checksum);
    return 0;
}
