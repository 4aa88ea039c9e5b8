// SPDX-License-Identifier: GPL-3.0-or-later
// The closed-form throughput-optimal attention:FFN ratio of Song et al., "Theoretically Optimal
// Attention/FFN Ratios in Disaggregated LLM Serving", arXiv 2601.21351, Theorem 4.4, fed with
// linear fits of this model's own AFD stage times (docs/model.md "C-R").
//
// The paper's r A-1F bundle: r attention instances of B requests each share one FFN instance.
// With per-step stage times linear in their load,
//   t_A = α_A T + β_A      T: KV tokens an attention instance reads (horizon average
//                             T̄ = B (μ_P + μ_D), here B · S)
//   t_C = α_C B + β_C      the A→F→A transfer of one instance's B requests
//   t_F = α_F r B + β_F    the FFN instance on the r B aggregated requests
// the step takes τ = max{t_A, t_C, t_F} and each instance serves r B / ((r + 1) τ). Below
// r_A = (t̄_A − β_F) / (α_F B) and r_C = (t̄_C − β_F) / (α_F B) the FFN waits and throughput
// grows with r / (r + 1); beyond, the FFN binds and r B / ((r + 1)(α_F r B + β_F)) peaks at
// r_peak = √(β_F / (α_F B)). Hence r* = max{r_A, r_C, r_peak}. It ignores the TPOT SLO, memory
// and the whole-node granularity of a deployment: SLO-free and continuous.
#pragma once

#include "afd/throughput.hpp"

#include <span>
#include <string>

namespace afd {

// y = alpha x + beta by least squares.
struct LinearFit {
    double alpha = 0;
    double beta = 0;
    double rSquared = 0; // 1 for points on a line (and for a constant y)
    int samples = 0;
};
// Needs at least two distinct x; otherwise samples = 0 and alpha = beta = 0.
LinearFit fitLine(std::span<const double> x, std::span<const double> y) noexcept;

// Which term of Theorem 4.4 is the largest.
enum class RatioTerm : std::uint8_t { Attention, Communication, Peak };

struct OptimalRatio {
    std::string error;       // empty when the numbers below are meaningful
    double batch = 0;        // B: requests per attention GPU per micro-batch (b_A)
    double tokenLoad = 0;    // T̄ = B · S, KV tokens per attention GPU per micro-batch
    LinearFit attention;     // t_a [s] against T [tokens]
    LinearFit communication; // t_c = t_d + t_cb [s] against B [requests]
    LinearFit ffn;           // t_f [s] against r B [requests], r = N_A / N_F
    double rA = 0;
    double rC = 0;
    double rPeak = 0;
    double rStar = 0; // max of the three: attention nodes per FFN node
    RatioTerm term = RatioTerm::Attention;
};

// Theorem 4.4 from given fits at batch B and token load T̄ (the synthetic test feeds exact lines).
// A negative r_A or r_C is 0 (that stage never binds); β_F ≤ 0 gives r_peak = 0.
OptimalRatio songRatio(const LinearFit& attention, const LinearFit& communication,
                       const LinearFit& ffn, double batch, double tokenLoad);

// Fits the scenario's own AFD stage times (C-O: t_a, t_c = t_d + t_cb, t_f) at its N_F and
// N_A, over b_A = B/8, 2B/8, ..., 2B around its batch B (b_A, or the automatic batch when 0),
// and applies Theorem 4.4. attentionHardware as for throughput(). `error` says why not when the
// scenario is invalid, no batch qualifies or the FFN time does not grow with its load.
OptimalRatio optimalRatio(const Scenario& s, const Scenario* attentionHardware);
// The same at a given batch B > 0 (the heatmap holds B while N_F moves).
OptimalRatio optimalRatioAtBatch(const Scenario& s, const Scenario* attentionHardware,
                                 double batch);

} // namespace afd
