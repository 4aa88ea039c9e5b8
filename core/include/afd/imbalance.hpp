// SPDX-License-Identifier: GPL-3.0-or-later
// Imbalance penalties of section 3.3 (docs/model.md A6) and the EP DP-imbalance extension (B4).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace afd {

enum class AfdRoundingRule : std::uint8_t { Exact, Floor, Ceil };
std::string_view roundingRuleKey(AfdRoundingRule rule) noexcept; // "exact", "floor", "ceil"

struct ImbalanceInput {
    double na = 0;       // N_A, attention nodes
    double nf = 0;       // N_F, FFN nodes
    double sigma = 0;    // balancedness, (0, 1]
    double lambdaEp = 0; // t_a / t_f under EP
};

struct ImbalanceResult {
    double lambdaAfd = 0;  // N_A / N_F
    double alphaEp = 0;    // Eq. 12, EP imbalance under EP
    double alphaExact = 0; // Eq. 13
    double alphaFloor = 0; // Eq. 14 (corrected leading factor)
    double alphaCeil = 0;  // Eq. 15 (corrected leading factor)
    double alphaAfd = 0;   // Eq. 16
    AfdRoundingRule rule = AfdRoundingRule::Exact;
    double alphaEpDp = 0;   // B4: DP imbalance under EP
    double alphaAfdDp = 0;  // DP imbalance under AFD = sigma
    double ffnShareEp = 0;  // 1 / (1 + lambda_EP)
    double ffnShareAfd = 0; // N_F / (N_A + N_F)
};

// Returns a description of the first invalid input ("key 'sigma' = 1.5: expected ...") or an
// empty string. Uses the parameter registry's ranges for na, nf, sigma and lambda_ep.
std::string validateImbalance(const ImbalanceInput& in);

// Requires validateImbalance(in).empty().
ImbalanceResult imbalance(const ImbalanceInput& in) noexcept;

// Eq. 12 alone, for curves over lambda.
double alphaEpImbalance(double lambdaEp, double sigma) noexcept;

} // namespace afd
