// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/deployment_search.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace afd {
namespace {

constexpr std::array kEpKeys{Param::EpGpus, Param::BatchPerGpu, Param::EpOverlap,
                             Param::ExpertSlots};
constexpr std::array kAfdKeys{Param::Na, Param::Nf, Param::BatchPerAttentionGpu,
                              Param::SharedExpertOn};

// Batches tried for the frontier: a 1-1.5-2 ladder, dense enough for a smooth curve.
constexpr std::array<double, 32> kBatchLadder{1,    2,    3,     4,     6,     8,     12,    16,
                                              24,   32,   48,    64,    96,    128,   192,   256,
                                              384,  512,  768,   1024,  1536,  2048,  3072,  4096,
                                              6144, 8192, 12288, 16384, 24576, 32768, 49152, 65536};

static_assert(kEpKeys.size() == 4 && kAfdKeys.size() == 4, "Searcher::Candidate holds four keys");

bool contains(std::span<const Param> list, Param p) {
    return std::find(list.begin(), list.end(), p) != list.end();
}

bool acceptable(const ThroughputResult& r) {
    return !r.error && r.meetsSlo && r.fitsMemory;
}

struct Searcher {
    const Scenario* attentionHardware;
    bool pareto;
    DeploymentSearch out;
    // A frontier candidate keeps its deployment keys' values only: the search changes nothing
    // else, and thousands of whole Scenarios (~0.8 kB each) cost more to store than to evaluate.
    std::span<const Param> keys;
    struct Candidate {
        double user;
        double gpu;
        std::array<double, 4> values; // of `keys`, in order
    };
    std::vector<Candidate> candidates;

    void addCandidate(const ThroughputResult& r, const Scenario& config) {
        Candidate c{r.tokensPerSecondPerUser, r.tokensPerSecondPerGpu, {}};
        for (std::size_t i = 0; i < keys.size(); ++i) {
            c.values[i] = config[keys[i]];
        }
        candidates.push_back(c);
    }

    ThroughputResult eval(const Scenario& s) {
        ++out.evaluations;
        return throughput(s, attentionHardware);
    }

    void consider(const ThroughputResult& r) {
        if (r.error || !r.fitsMemory) {
            return;
        }
        if (!out.anyFits || r.tpot < out.fastest.tpot) {
            out.fastest = r;
            out.anyFits = true;
        }
        if (r.meetsSlo &&
            (!out.found || r.tokensPerSecondPerGpu > out.best.tokensPerSecondPerGpu)) {
            out.best = r;
            out.found = true;
        }
    }

    // Largest whole batch in [lo, hi] meeting the SLO and memory (both monotone in the batch).
    void searchBatch(Scenario& s, Param batchKey, double lo, double hi) {
        s[batchKey] = lo;
        const ThroughputResult first = eval(s);
        consider(first);
        if (!acceptable(first)) {
            return;
        }
        s[batchKey] = hi;
        ThroughputResult top = eval(s);
        if (acceptable(top)) {
            consider(top);
            return;
        }
        ThroughputResult best = first;
        while (hi - lo > 1) {
            const double mid = std::floor((lo + hi) / 2);
            s[batchKey] = mid;
            ThroughputResult r = eval(s);
            if (acceptable(r)) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
        consider(best);
        if (pareto) {
            s[batchKey] =
                best.system == ServingSystem::Ep ? best.batchPerGpu : best.batchPerAttentionGpu;
            addCandidate(best, s);
        }
    }

    // The largest whole batch in [lo, hi] that fits in memory (monotone in the batch): the
    // slowest-per-user end of the configuration's curve, whatever the SLO.
    void largestFitting(Scenario& s, Param batchKey, double lo, double hi) {
        s[batchKey] = lo;
        ThroughputResult best = eval(s);
        if (best.error || !best.fitsMemory) {
            return;
        }
        s[batchKey] = hi;
        if (ThroughputResult top = eval(s); !top.error && top.fitsMemory) {
            best = top;
            lo = hi;
        }
        while (hi - lo > 1) {
            const double mid = std::floor((lo + hi) / 2);
            s[batchKey] = mid;
            ThroughputResult r = eval(s);
            if (!r.error && r.fitsMemory) {
                lo = mid;
                best = r;
            } else {
                hi = mid;
            }
        }
        consider(best);
        s[batchKey] = lo;
        addCandidate(best, s);
    }

    // Frontier candidates along the batch ladder, until memory runs out.
    void ladder(Scenario& s, Param batchKey, double hi) {
        for (double b : kBatchLadder) {
            if (b > hi) {
                break;
            }
            s[batchKey] = b;
            const ThroughputResult r = eval(s);
            if (r.error || !r.fitsMemory) {
                break;
            }
            consider(r);
            addCandidate(r, s);
        }
    }

    void configuration(Scenario& s, Param batchKey, double lo, double hi, bool batchFixed) {
        if (batchFixed) {
            const ThroughputResult r = eval(s);
            consider(r);
            if (pareto && !r.error && r.fitsMemory) {
                addCandidate(r, s);
            }
            return;
        }
        searchBatch(s, batchKey, lo, hi);
        if (pareto) {
            ladder(s, batchKey, hi);
            largestFitting(s, batchKey, lo, hi);
        }
    }

    // `base`: the searched scenario; each frontier point is it with a candidate's key values.
    void buildFrontier(const Scenario& base) {
        // Highest tokens/s per user first; a point joins the frontier when it serves more
        // tokens/s per GPU than every faster-per-user point.
        std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
            return a.user != b.user ? a.user > b.user : a.gpu > b.gpu;
        });
        double bestGpu = -1;
        for (const Candidate& c : candidates) {
            if (c.gpu > bestGpu) {
                bestGpu = c.gpu;
                Scenario config = base;
                for (std::size_t i = 0; i < keys.size(); ++i) {
                    config[keys[i]] = c.values[i];
                }
                out.frontier.push_back(throughput(config, attentionHardware));
            }
        }
        std::reverse(out.frontier.begin(), out.frontier.end());
    }
};

double slotsFor(const Scenario& s, double ep, bool fixed) {
    const double experts = s[Param::NumExperts];
    if (fixed) {
        return s[Param::ExpertSlots];
    }
    // DeepSeek's practice: 32 redundant experts from EP 16 on, and at least one per GPU.
    double slots = experts + (ep >= 16 ? kRedundantExperts : 0);
    if (ep > slots) {
        slots = std::ceil(slots / ep) * ep;
    }
    return slots;
}

} // namespace

bool isDeploymentKey(Param p) noexcept {
    return contains(kEpKeys, p) || contains(kAfdKeys, p);
}

std::span<const Param> deploymentKeys(ServingSystem system) noexcept {
    if (system == ServingSystem::Ep) {
        return kEpKeys;
    }
    if (system == ServingSystem::Afd) {
        return kAfdKeys;
    }
    return {};
}

DeploymentSearch searchDeployment(const Scenario& base, ServingSystem system,
                                  const Scenario* attentionHardware, std::span<const Param> fixed,
                                  bool pareto) {
    Searcher search{attentionHardware, pareto, {}, deploymentKeys(system), {}};
    search.out.system = system;
    Scenario s = base;
    s[Param::System] = static_cast<double>(system);
    // An invalid scenario is reported once, with its error, rather than by every candidate.
    // (More EP GPUs than slots is a property of the scenario's own EP size, which the search
    // replaces unless it is fixed.)
    if (const ThroughputResult check = throughput(s, attentionHardware);
        check.error &&
        !(check.error.code == InputErrorCode::EpAboveSlots && !contains(fixed, Param::EpGpus))) {
        search.out.best = check;
        return search.out;
    }
    // Deployments larger than a superpod's scale-up domain are searched too: past the domain
    // their traffic crosses the scale-out NICs (B6), which the model charges.
    if (system == ServingSystem::Ep) {
        const bool epFixed = contains(fixed, Param::EpGpus);
        const bool batchFixed = contains(fixed, Param::BatchPerGpu) && s[Param::BatchPerGpu] > 0;
        const bool overlapFixed = contains(fixed, Param::EpOverlap);
        const bool slotsFixed = contains(fixed, Param::ExpertSlots);
        std::vector<double> sizes;
        if (epFixed) {
            sizes.push_back(s[Param::EpGpus]);
        } else {
            sizes.assign(std::begin(kEpSizes), std::end(kEpSizes));
        }
        const double overlaps[] = {2 /* tbo */, 1 /* sbo */, 0 /* none */};
        for (double ep : sizes) {
            s[Param::EpGpus] = ep;
            s[Param::ExpertSlots] = slotsFor(base, ep, slotsFixed);
            for (double overlap : overlaps) {
                s[Param::EpOverlap] = overlapFixed ? base[Param::EpOverlap] : overlap;
                search.configuration(s, Param::BatchPerGpu, 2, kMaxEpBatch, batchFixed);
                if (overlapFixed) {
                    break;
                }
            }
        }
    } else if (system == ServingSystem::Afd) {
        const bool naFixed = contains(fixed, Param::Na);
        const bool nfFixed = contains(fixed, Param::Nf);
        const bool batchFixed =
            contains(fixed, Param::BatchPerAttentionGpu) && s[Param::BatchPerAttentionGpu] > 0;
        const bool sharedFixed = contains(fixed, Param::SharedExpertOn);
        const int nfFrom = nfFixed ? static_cast<int>(s[Param::Nf]) : 1;
        const int nfTo = nfFixed ? nfFrom : kMaxFfnNodes;
        const int naFrom = naFixed ? static_cast<int>(s[Param::Na]) : 1;
        const int naTo = naFixed ? naFrom : kMaxAttentionNodes;
        for (int nf = nfFrom; nf <= nfTo; ++nf) {
            for (int na = naFrom; na <= naTo; ++na) {
                s[Param::Nf] = nf;
                s[Param::Na] = na;
                for (double shared : {1.0 /* ffn */, 0.0 /* attention */}) {
                    s[Param::SharedExpertOn] = sharedFixed ? base[Param::SharedExpertOn] : shared;
                    search.configuration(s, Param::BatchPerAttentionGpu, 1, kMaxAfdBatch,
                                         batchFixed);
                    if (sharedFixed) {
                        break;
                    }
                }
            }
        }
    }
    if (pareto) {
        search.buildFrontier(s);
    }
    return search.out;
}

Scenario resolveAutomaticBatch(const Scenario& s, const Scenario* attentionHardware) {
    const ServingSystem system = servingSystem(s);
    const Param batchKey =
        system == ServingSystem::Ep ? Param::BatchPerGpu : Param::BatchPerAttentionGpu;
    if (system == ServingSystem::None || s[batchKey] > 0) {
        return s;
    }
    // Every deployment key but the batch stays as the scenario sets it.
    std::vector<Param> fixed;
    for (Param p : deploymentKeys(system)) {
        if (p != batchKey) {
            fixed.push_back(p);
        }
    }
    const DeploymentSearch found = searchDeployment(s, system, attentionHardware, fixed, false);
    Scenario out = s;
    if (found.found) {
        out[batchKey] =
            system == ServingSystem::Ep ? found.best.batchPerGpu : found.best.batchPerAttentionGpu;
    }
    return out;
}

} // namespace afd
