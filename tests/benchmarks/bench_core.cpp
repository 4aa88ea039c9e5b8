// SPDX-License-Identifier: GPL-3.0-or-later
// Core throughput benchmark (not a test): prints JSON with single-thread point evaluations per
// second and the wall time of a 512 x 512 HFU sweep on all cores. Each figure is the best of
// several repetitions, which filters out scheduler noise on a shared machine.
#include "afd/metrics.hpp"
#include "afd/model.hpp"
#include "afd/sweep.hpp"

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
    const SweepAxis y{Param::Nf, 1, 64, 512, false};
    const std::vector<std::size_t> ids{*findMetric("hfu")};
    double bestSweepMs = 1e300;
    for (int rep = 0; rep < 10; ++rep) {
        const auto start = Clock::now();
        const Grid g = sweep(base, x, y, ids);
        bestSweepMs = std::min(
            bestSweepMs, std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        checksum += g.values[0][g.cell(511, 511)];
    }
    std::printf("{\n  \"point_evaluations_per_second_single_thread\": %.0f,\n"
                "  \"sweep_512x512_hfu_ms\": %.2f,\n  \"threads\": %u,\n  \"checksum\": %.6f\n}\n",
                bestPointRate, bestSweepMs, std::max(1U, std::thread::hardware_concurrency()),
                checksum);
    return 0;
}
