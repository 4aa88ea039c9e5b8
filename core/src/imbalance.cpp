// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/imbalance.hpp"

#include "afd/parameters.hpp"

#include <algorithm>
#include <cmath>

namespace afd {

std::string_view roundingRuleKey(AfdRoundingRule rule) noexcept {
    switch (rule) {
    case AfdRoundingRule::Exact:
        return "exact";
    case AfdRoundingRule::Floor:
        return "floor";
    case AfdRoundingRule::Ceil:
        return "ceil";
    }
    return "?";
}

std::string validateImbalance(const ImbalanceInput& in) {
    const std::pair<Param, double> checks[] = {{Param::Na, in.na},
                                               {Param::Nf, in.nf},
                                               {Param::Sigma, in.sigma},
                                               {Param::LambdaEp, in.lambdaEp}};
    for (const auto& [param, value] : checks) {
        if (std::string expected = checkValue(param, value); !expected.empty()) {
            return "key '" + std::string(spec(param).key) + "' = " + formatNumber(value) +
                   ": expected " + expected;
        }
    }
    return {};
}

double alphaEpImbalance(double lambdaEp, double sigma) noexcept {
    return (lambdaEp + 1.0) / (lambdaEp + 1.0 / sigma);
}

ImbalanceResult imbalance(const ImbalanceInput& in) noexcept {
    ImbalanceResult r;
    const double na = in.na;
    const double nf = in.nf;
    const double sigma = in.sigma;
    r.lambdaAfd = na / nf;
    r.alphaEp = alphaEpImbalance(in.lambdaEp, sigma);

    // Eq. 13: the attention side could shrink continuously to sigma N_A nodes.
    const double activeNodes = sigma * na;
    r.alphaExact = sigma * (na + nf) / (sigma * na + nf);

    // Eqs. 14-15 with the leading factor (lambda_AFD + 1) / lambda_AFD = (N_A + N_F) / N_A; the
    // paper's printed (lambda_AFD + 1) yields values above 1 (docs/model.md A6).
    const double scale = (na + nf) / na;
    const double floorNodes = std::floor(activeNodes);
    const double ceilNodes = std::ceil(activeNodes);
    r.alphaFloor = scale * floorNodes / (floorNodes + nf);
    r.alphaCeil = scale * activeNodes / (ceilNodes + nf);

    // "sigma N_A is an integer" must survive rounding: 0.7 * 10 = 7.000000000000001.
    const double nearest = std::round(activeNodes);
    const bool integral = std::abs(activeNodes - nearest) <= 1e-9 * std::max(1.0, nearest);
    if (integral) {
        r.alphaAfd = r.alphaExact;
        r.rule = AfdRoundingRule::Exact;
    } else if (r.alphaFloor >= r.alphaCeil) {
        r.alphaAfd = r.alphaFloor;
        r.rule = AfdRoundingRule::Floor;
    } else {
        r.alphaAfd = r.alphaCeil;
        r.rule = AfdRoundingRule::Ceil;
    }

    // B4: EP grows its batch into the time freed by short contexts (Eq. 11's linear model).
    r.alphaEpDp = (in.lambdaEp + 1.0) / (in.lambdaEp / sigma + 1.0);
    r.alphaAfdDp = sigma;
    r.ffnShareEp = 1.0 / (1.0 + in.lambdaEp);
    r.ffnShareAfd = nf / (na + nf);
    return r;
}

} // namespace afd
