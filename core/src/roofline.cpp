// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/roofline.hpp"

#include <algorithm>

namespace afd {
namespace {

constexpr double kTera = 1e12;
constexpr double kGiga = 1e9;

} // namespace

double ridgeIntensity(double peakFlops, double bandwidth) noexcept {
    return peakFlops / bandwidth;
}

double attainableFlops(double peakFlops, double bandwidth, double intensity) noexcept {
    return std::min(peakFlops, intensity * bandwidth);
}

double intensityOfTokensPerExpert(double tokensPerExpert, double weightBytes) noexcept {
    return 2.0 * tokensPerExpert / weightBytes;
}

double tokensPerExpertOfIntensity(double intensity, double weightBytes) noexcept {
    return intensity * weightBytes / 2.0;
}

RooflinePoint epReferencePoint(const Scenario& s) noexcept {
    return {intensityOfTokensPerExpert(s[Param::EpTokensPerExpert], s[Param::WeightBytes]),
            s[Param::EpReferenceHfu] * s[Param::FlopsTflops] * kTera};
}

std::vector<LinkRoof> linkRoofs(const Scenario& s, const Result& r) {
    const double peak = s[Param::FlopsTflops] * kTera;
    const double out = s[Param::ScaleOutBwGbS] * kGiga;
    const double up = s[Param::ScaleUpBwGbS] * kGiga;
    // The same test as evaluate(): a superpod replaces scale-out only inside its domain (B6).
    const bool superpodLink = s[Param::Superpod] != 0 && r.inScaleUpDomain;
    const bool outBinds = r.rankCap == RankCap::ScaleOut;
    std::vector<LinkRoof> roofs;
    const auto add = [&](LinkRoofKind kind, double bandwidth, bool binding) {
        roofs.push_back({kind, bandwidth, ridgeIntensity(peak, bandwidth), binding});
    };
    if (!superpodLink) {
        // Without fan-out the NIC's own roof is the one that binds; with it, the fanned-out one.
        add(LinkRoofKind::ScaleOut, out, outBinds && r.fanOut <= 1);
        if (r.fanOut > 1) {
            add(LinkRoofKind::ScaleOutFanOut, out * r.fanOut, outBinds);
        }
    }
    add(LinkRoofKind::ScaleUp, up, r.rankCap == RankCap::ScaleUp);
    return roofs;
}

} // namespace afd
