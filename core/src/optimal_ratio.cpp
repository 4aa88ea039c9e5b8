// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/optimal_ratio.hpp"

#include "afd/deployment_search.hpp"
#include "afd/serving_comparison.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace afd {

LinearFit fitLine(std::span<const double> x, std::span<const double> y) noexcept {
    LinearFit fit;
    const std::size_t n = std::min(x.size(), y.size());
    if (n < 2) {
        return fit;
    }
    double mx = 0;
    double my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= double(n);
    my /= double(n);
    double sxx = 0;
    double sxy = 0;
    double syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        sxx += (x[i] - mx) * (x[i] - mx);
        sxy += (x[i] - mx) * (y[i] - my);
        syy += (y[i] - my) * (y[i] - my);
    }
    if (!(sxx > 0) || !std::isfinite(sxx) || !std::isfinite(sxy)) {
        return fit;
    }
    fit.alpha = sxy / sxx;
    fit.beta = my - fit.alpha * mx;
    // A constant y is fitted exactly by alpha = 0.
    fit.rSquared = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1.0;
    fit.samples = int(n);
    return fit;
}

OptimalRatio songRatio(const LinearFit& attention, const LinearFit& communication,
                       const LinearFit& ffn, double batch, double tokenLoad) {
    OptimalRatio out;
    out.batch = batch;
    out.tokenLoad = tokenLoad;
    out.attention = attention;
    out.communication = communication;
    out.ffn = ffn;
    if (!(batch > 0) || !std::isfinite(batch) || !std::isfinite(tokenLoad)) {
        out.error = "the batch per attention GPU must be positive";
        return out;
    }
    // Every r is "FFN never binds" when its time does not grow with its load: no optimum.
    if (!(ffn.alpha > 0) || !std::isfinite(ffn.alpha) || !std::isfinite(ffn.beta)) {
        out.error = "the FFN time does not grow with its load, so no ratio is optimal";
        return out;
    }
    const double perRatio = ffn.alpha * batch; // dt_F / dr
    const double tA = attention.alpha * tokenLoad + attention.beta;
    const double tC = communication.alpha * batch + communication.beta;
    out.rA = std::max(0.0, (tA - ffn.beta) / perRatio);
    out.rC = std::max(0.0, (tC - ffn.beta) / perRatio);
    out.rPeak = ffn.beta > 0 ? std::sqrt(ffn.beta / perRatio) : 0.0;
    out.rStar = std::max({out.rA, out.rC, out.rPeak});
    out.term = out.rStar == out.rA   ? RatioTerm::Attention
               : out.rStar == out.rC ? RatioTerm::Communication
                                     : RatioTerm::Peak;
    if (!std::isfinite(out.rStar)) {
        out.error = "the fitted stage times give no finite ratio";
    }
    return out;
}

OptimalRatio optimalRatioAtBatch(const Scenario& s, const Scenario* attentionHardware,
                                 double batch) {
    OptimalRatio out;
    if (!(batch > 0) || !std::isfinite(batch)) {
        out.error = "the batch per attention GPU must be positive";
        return out;
    }
    Scenario afd = withSystem(s, ServingSystem::Afd);
    const double ratio = afd[Param::Na] / afd[Param::Nf];
    const double context = afd[Param::ContextTokens];
    // Sixteen batches from B/8 to 2B: the fit describes the stage times around the operating
    // point, where the smooth roofline (C-G1) is closest to a line.
    constexpr int kSamples = 16;
    std::array<double, kSamples> tokens{};
    std::array<double, kSamples> requests{};
    std::array<double, kSamples> ffnLoad{};
    std::array<double, kSamples> ta{};
    std::array<double, kSamples> tc{};
    std::array<double, kSamples> tf{};
    for (int k = 0; k < kSamples; ++k) {
        const double b = batch * double(k + 1) / 8.0;
        afd[Param::BatchPerAttentionGpu] = b;
        const ThroughputResult r = throughput(afd, attentionHardware);
        if (r.error) {
            out.error = describe(r.error, afd);
            return out;
        }
        tokens[k] = b * context;
        requests[k] = b;
        ffnLoad[k] = ratio * b;
        ta[k] = r.attentionTime;
        tc[k] = r.dispatchTime + r.combineTime;
        tf[k] = r.ffnTime;
    }
    return songRatio(fitLine(tokens, ta), fitLine(requests, tc), fitLine(ffnLoad, tf), batch,
                     batch * context);
}

OptimalRatio optimalRatio(const Scenario& s, const Scenario* attentionHardware) {
    const Scenario afd = withSystem(s, ServingSystem::Afd);
    double batch = afd[Param::BatchPerAttentionGpu];
    if (batch == 0) {
        batch = resolveAutomaticBatch(afd, attentionHardware)[Param::BatchPerAttentionGpu];
        if (batch == 0) {
            OptimalRatio out;
            out.error = "no batch per attention GPU meets the SLO and fits in memory here; set "
                        "batch_per_attention_gpu";
            return out;
        }
    }
    return optimalRatioAtBatch(s, attentionHardware, batch);
}

} // namespace afd
