// SPDX-License-Identifier: GPL-3.0-or-later
// The geometry of the roofline plots (docs/model.md A3 and A7): ridge points, the EP reference
// point, the tokens-per-expert scale of the intensity axis, and the link roofs of the
// communication roofline. SI units: FLOP/s, B/s, FLOP/B.
#pragma once

#include "afd/model.hpp"

#include <cstdint>
#include <vector>

namespace afd {

// A point of a roofline plot.
struct RooflinePoint {
    double intensity = 0; // FLOP/B
    double flops = 0;     // attainable FLOP/s
};

// Where a roof of bandwidth `bandwidth` meets the compute roof: FLOPS / BW (FLOP/B). With
// BW_mem it is the HBM ridge point (output ridge_intensity, A3).
double ridgeIntensity(double peakFlops, double bandwidth) noexcept;
// What a roof allows at an intensity: min(FLOPS, I * BW) (A3, "Communication intensity").
double attainableFlops(double peakFlops, double bandwidth, double intensity) noexcept;

// Eq. 10 for one expert: B rows per local expert give I = 2 B / w, since
// I = 2 B_rank / (G w) and B = B_rank / G. And back, B = I w / 2: the roofline's top axis.
double intensityOfTokensPerExpert(double tokensPerExpert, double weightBytes) noexcept;
double tokensPerExpertOfIntensity(double intensity, double weightBytes) noexcept;

// The EP reference of A7 on the HBM roofline: ep_tokens_per_expert rows per expert at
// ep_reference_hfu of the peak, (2 B_EP / w, HFU_EP * FLOPS).
RooflinePoint epReferencePoint(const Scenario& scenario) noexcept;

// The roofs of the communication roofline (A3): FLOPs per inbound link byte against FLOP/s, one
// roof per link an FFN GPU receives over.
enum class LinkRoofKind : std::uint8_t {
    ScaleOut,       // BW_out
    ScaleOutFanOut, // BW_out * max(1, TopK / N_F), when the fan-out exceeds 1 (Eq. 17)
    ScaleUp         // BW_up
};
struct LinkRoof {
    LinkRoofKind kind = LinkRoofKind::ScaleUp;
    double bandwidth = 0; // B/s
    double ridge = 0;     // FLOPS / bandwidth, FLOP/B
    bool binding = false; // the link that caps B_rank (result.rankCap)
};
// BW_out, BW_out * fan (when fan > 1) and BW_up, in that order; on a superpod whose scale-up
// domain holds the deployment (A2, B6) only BW_up. result must be evaluate(scenario) without
// an error.
std::vector<LinkRoof> linkRoofs(const Scenario& scenario, const Result& result);

} // namespace afd
