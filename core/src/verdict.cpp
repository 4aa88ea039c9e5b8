// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace afd {
namespace {

std::string percent(double fraction) {
    return formatFixed(fraction * 100.0, 1) + " %";
}

} // namespace

std::string readableNumber(double value, int significant) {
    if (!std::isfinite(value)) {
        return "-";
    }
    const double magnitude = std::abs(value);
    if (magnitude >= 1e9) {
        // FLOP and byte counts: "2.507e+11" reads better than fifteen grouped digits.
        return formatScientific(value, std::max(1, significant - 1));
    }
    if (magnitude >= 1000) {
        long long whole = std::llround(value);
        std::string digits = std::to_string(whole < 0 ? -whole : whole);
        std::string grouped;
        for (std::size_t i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) {
                grouped += ',';
            }
            grouped += digits[i];
        }
        return (whole < 0 ? "-" : "") + grouped;
    }
    return formatSignificant(value, significant);
}

AfdCeiling afdCeiling(const Scenario& scenario) noexcept {
    AfdCeiling best;
    Scenario point = scenario;
    const double lastUseful = std::ceil(scenario[Param::NumExperts] / scenario[Param::GpusPerNode]);
    const double limit = std::min(spec(Param::Nf).maxValue, std::max(1.0, lastUseful));
    for (double nf = 1; nf <= limit; ++nf) {
        point[Param::Nf] = nf;
        const Result r = evaluate(point);
        if (!r.error && r.feasible() && (!best.found || r.hfu > best.hfu * (1 + 1e-12))) {
            best = {true, nf, r.hfu};
        }
    }
    return best;
}

std::string verdict(const Scenario& s, const Result& r) {
    const std::string rows = readableNumber(r.tokensPerRank);
    const std::string budget = readableNumber(r.budgetTime * 1e3, 3) + " ms";
    std::string text;
    switch (r.rankCap) {
    case RankCap::Compute:
        text = "The links could deliver more rows than the GPU computes within the " + budget +
               " budget: the FFN is compute-saturated at 100 % HFU (weak-FLOPS hardware).";
        break;
    case RankCap::Demand:
        text = "The attention side offers only " + rows + " rows per FFN GPU per " + budget +
               " budget, below what the links carry: a larger batch or more attention nodes "
               "would raise HFU (" +
               percent(r.hfu) + " now).";
        break;
    case RankCap::ScaleUp:
        if (s[Param::Superpod] != 0) {
            text = "On a superpod the scale-up link replaces scale-out: each FFN GPU receives " +
                   rows + " rows per " + budget + " budget at every N_F, so HFU stays at " +
                   percent(r.hfu) + ".";
        } else {
            text = "The scale-up link caps each FFN GPU at " + rows + " rows per " + budget +
                   " budget (TopK/N_F = " + readableNumber(s[Param::TopK] / s[Param::Nf], 3) +
                   " > r = " + readableNumber(r.ratioUpOut, 3) + "): HFU " + percent(r.hfu) + ".";
        }
        break;
    case RankCap::ScaleOut:
        text = "Scale-out bandwidth caps each FFN GPU at " + rows + " rows per " + budget +
               " budget, so adding FFN nodes cannot raise HFU: you are in the dead zone (HFU " +
               percent(r.hfu) + ").";
        break;
    }
    if (!r.feasible()) {
        text += " Not deployable:";
        if ((r.infeasible & kCapacity) != 0) {
            text += " expert weights need " + readableNumber(r.weightBytesPerGpu / 1e9, 3) +
                    " GB per GPU, more than the " + readableNumber(r.usableHbmBytes / 1e9, 3) +
                    " GB of usable HBM;";
        }
        if ((r.infeasible & kBandwidth) != 0) {
            text += " one layer's experts take " +
                    readableNumber(r.weightBytesPerRank / (s[Param::HbmBwTbS] * 1e12) * 1e3, 3) +
                    " ms to stream from HBM, longer than the budget;";
        }
        text.back() = '.';
    }
    // B6: a superpod's scale-up link reaches only its domain; past it the traffic crosses the
    // NICs, which Part A's superpod mode does not model.
    const double gpus = (s[Param::Na] + s[Param::Nf]) * s[Param::GpusPerNode];
    const double domain = s[Param::ScaleUpDomainGpus];
    if (s[Param::Superpod] != 0 && domain > 0 && gpus > domain) {
        text += " Warning: N_A + N_F = " + readableNumber(s[Param::Na] + s[Param::Nf]) +
                " nodes of " + readableNumber(s[Param::GpusPerNode]) + " GPUs (" +
                readableNumber(gpus) + ") exceed the " + readableNumber(domain) +
                "-GPU scale-up domain: beyond it tokens cross the scale-out NICs (docs/model.md "
                "B6), which this superpod figure does not count.";
    }
    const double ep = s[Param::EpReferenceHfu];
    if (const AfdCeiling best = afdCeiling(s); best.found) {
        text += " AFD's FFN ceiling here is " + percent(best.hfu) +
                " (at N_F = " + readableNumber(best.nf) + ") against ~" + percent(ep) + " for EP" +
                (best.hfu > ep ? ": AFD can beat EP." : ".");
    } else {
        text += " No N_F up to G = 1 is deployable on this hardware.";
    }
    return text;
}

} // namespace afd
