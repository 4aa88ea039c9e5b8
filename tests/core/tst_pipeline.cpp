// SPDX-License-Identifier: GPL-3.0-or-later
// The pipeline schedule of the timeline view (core/include/afd/pipeline_schedule.hpp): stage
// intervals, bubbles, jitter and the steady cycle of docs/model.md A1 (Eqs. 3-5) and C-O. Every
// expected time is worked out by hand beside the check, following the header's rules (a stage
// starts when its micro-batch's previous stage is done and its resource is free; first come,
// first served; ties to the lower layer, then the lower micro-batch).
#include "afd/pipeline_schedule.hpp"
#include "test_support.hpp"

#include <QObject>
#include <QTest>
#include <cmath>
#include <limits>

using namespace afd;

namespace {

constexpr int kAttention = 0;
constexpr int kLink = 1;
constexpr int kFfn = 2;
constexpr int kStageAttention = 0;
constexpr int kStageDispatch = 1;
constexpr int kStageFfn = 2;
constexpr int kStageCombine = 3;

// AFD under 3BO: attention -> dispatch -> FFN -> combine, the link carrying both transfers.
PipelineInput afdChain(double ta, double td, double tf, double tcb, int microBatches, int layers) {
    PipelineInput in;
    in.resources = {"Attention GPUs", "Link", "FFN GPUs"};
    in.stages = {{"attention", kAttention, ta},
                 {"dispatch", kLink, td},
                 {"FFN", kFfn, tf},
                 {"combine", kLink, tcb}};
    in.microBatches = microBatches;
    in.layers = layers;
    return in;
}

double startOf(const PipelineSchedule& s, int stage, int mb, int layer) {
    const PipelineInterval* iv = s.find(stage, mb, layer);
    return iv != nullptr ? iv->start : std::numeric_limits<double>::quiet_NaN();
}

int bubbleCount(const PipelineSchedule& s, int resource) {
    int n = 0;
    for (const PipelineBubble& b : s.bubbles) {
        n += b.resource == resource ? 1 : 0;
    }
    return n;
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
  private slots:
    void balancedStagesHaveNoBubbles();
    void slowFfnLeavesAttentionAndLinkIdle();
    void slowAttentionLeavesFfnIdle();
    void roundTripBindsWithTwoMicroBatches();
    void jitterPropagatesBothWays();
    void epTwoBatchOverlapKeepsComputeBusy();
    void epFiveStagePairingMatchesTheSlotFormula();
    void steadyCycleIsTheLargestTerm();
    void invalidInputGivesNoSchedule();
};

void TestPipeline::balancedStagesHaveNoBubbles() {
    // t_a = t_f = 1 ms, t_c = 0.5 + 0.5 = 1 ms, N_BO 3: Eqs. 3 and 4 hold with equality
    // (2 t_a = 2 = t_f + t_c), so t_B = 1 ms and no resource ever waits between micro-batches.
    const PipelineSchedule s = schedulePipeline(afdChain(1, 0.5, 1, 0.5, 3, 4));
    QVERIFY(s.valid);
    QCOMPARE(s.intervals.size(), std::size_t(3 * 4 * 4));
    QVERIFY(s.bubbles.empty());
    // Micro-batch 0: attention [0, 1], dispatch [1, 1.5], FFN [1.5, 2.5], combine [2.5, 3],
    // next layer's attention at 3 (micro-batches 1 and 2 hold the attention GPUs until then).
    QCOMPARE(startOf(s, kStageDispatch, 0, 0), 1.0);
    QCOMPARE(startOf(s, kStageFfn, 0, 0), 1.5);
    QCOMPARE(startOf(s, kStageCombine, 0, 0), 2.5);
    QCOMPARE(startOf(s, kStageAttention, 0, 1), 3.0);
    // Steady state: one layer every N_BO t_B = 3 ms.
    QCOMPARE(startOf(s, kStageAttention, 0, 3) - startOf(s, kStageAttention, 0, 2), 3.0);
    // Last stage: micro-batch 2's attention of layer 3 starts at 3 * 3 + 2 = 11, then 1 + 0.5 +
    // 1 + 0.5 ms of its round trip.
    QCOMPARE(s.makespan, 14.0);
}

void TestPipeline::slowFfnLeavesAttentionAndLinkIdle() {
    // t_f = 1.5 ms > t_B of the balanced case: Eq. 3 fails, 2 t_a = 2 < t_f + t_c = 2.5, so the
    // attention GPUs wait 0.5 ms per micro-batch; the cycle is N_BO t_f = 4.5 ms (C-O).
    const PipelineSchedule s = schedulePipeline(afdChain(1, 0.5, 1.5, 0.5, 3, 3));
    QVERIFY(s.valid);
    // By hand: A0 [0,1] A1 [1,2] A2 [2,3]; D0 [1,1.5] F0 [1.5,3]; D1 [2,2.5] waits for the FFN
    // until 3, F1 [3,4.5]; at 3 the link has C0 and D2 ready, C0 first (micro-batch 0) [3,3.5],
    // D2 [3.5,4]; micro-batch 0 is back at 3.5: the attention GPUs idled from 3 to 3.5.
    QCOMPARE(startOf(s, kStageFfn, 1, 0), 3.0);
    QCOMPARE(startOf(s, kStageCombine, 0, 0), 3.0);
    QCOMPARE(startOf(s, kStageDispatch, 2, 0), 3.5);
    QCOMPARE(startOf(s, kStageAttention, 0, 1), 3.5);
    QCOMPARE(s.bubbles.front().resource, kAttention);
    QCOMPARE(s.bubbles.front().start, 3.0);
    QCOMPARE(s.bubbles.front().end, 3.5);
    // Every attention run of layers 1 and 2 (6 runs) waits 0.5 ms: 2 t_a + 0.5 = t_f + t_c.
    QCOMPARE(bubbleCount(s, kAttention), 6);
    for (const PipelineBubble& b : s.bubbles) {
        QCOMPARE(b.end - b.start, 0.5);
    }
    AFD_COMPARE_NEAR(s.bubbleTime(kAttention), 3.0, 1e-12, "6 x 0.5 ms");
    // The link carries 1 ms per micro-batch in a 1.5 ms slot: 0.5 ms idle per slot. The first:
    // D2 ends at 4, C1 waits for F1 (ends 4.5).
    QCOMPARE(bubbleCount(s, kLink), 6);
    AFD_COMPARE_NEAR(s.bubbleTime(kLink), 3.0, 1e-12, "6 x 0.5 ms");
    // The FFN GPUs bind: never idle.
    QCOMPARE(bubbleCount(s, kFfn), 0);
    // One layer per cycle 3 t_f = 4.5 ms.
    QCOMPARE(startOf(s, kStageFfn, 0, 2) - startOf(s, kStageFfn, 0, 1), 4.5);
    QCOMPARE(steadyCycle(afdChain(1, 0.5, 1.5, 0.5, 3, 3)), 4.5);
}

void TestPipeline::slowAttentionLeavesFfnIdle() {
    // t_a = 1.5 ms: Eq. 4 fails, 2 t_f = 2 < t_a + t_c = 2.5; the attention GPUs bind.
    const PipelineSchedule s = schedulePipeline(afdChain(1.5, 0.5, 1, 0.5, 3, 3));
    QCOMPARE(bubbleCount(s, kAttention), 0);
    QVERIFY(bubbleCount(s, kFfn) > 0);
    // By hand: A0 [0,1.5], D0 [1.5,2], F0 [2,3]; A1 [1.5,3]; at 3 the link has C0 and D1 ready,
    // C0 first [3,3.5], D1 [3.5,4], F1 [4,5]: the FFN GPUs idle from 3 to 4.
    bool found = false;
    for (const PipelineBubble& b : s.bubbles) {
        if (b.resource == kFfn && b.start == 3.0) {
            QCOMPARE(b.end, 4.0);
            found = true;
        }
    }
    QVERIFY(found);
    // The attention GPUs run back to back: a layer every 3 t_a = 4.5 ms.
    QCOMPARE(startOf(s, kStageAttention, 0, 1), 4.5);
    QCOMPARE(startOf(s, kStageAttention, 0, 2), 9.0);
    // Idle FFN time over the three layers: busy 9 x 1 ms within the span from its first run (2)
    // to its last end; every gap in between is a bubble (single-stage resource, no fill rule).
    const PipelineInterval* last = nullptr;
    for (const PipelineInterval& iv : s.intervals) {
        if (iv.resource == kFfn && (last == nullptr || iv.end > last->end)) {
            last = &iv;
        }
    }
    QVERIFY(last != nullptr);
    AFD_COMPARE_NEAR(s.bubbleTime(kFfn), (last->end - 2.0) - 9.0, 1e-12, "span minus busy time");
}

void TestPipeline::roundTripBindsWithTwoMicroBatches() {
    // N_BO 2, stages 1, 0.5, 1, 0.5: occupancies 2, 2, 2 but the round trip is 3 ms, the fourth
    // term of C-O: cycle 3, and the attention GPUs wait 3 - 2 t_a = 1 ms per layer.
    const PipelineInput in = afdChain(1, 0.5, 1, 0.5, 2, 3);
    QCOMPARE(steadyCycle(in), 3.0);
    const PipelineSchedule s = schedulePipeline(in);
    // A0 [0,1], A1 [1,2]; micro-batch 0 back at 0 + 3 = 3: attention idle [2,3].
    QCOMPARE(startOf(s, kStageAttention, 0, 1), 3.0);
    QCOMPARE(startOf(s, kStageAttention, 0, 2), 6.0);
    QCOMPARE(bubbleCount(s, kAttention), 2); // [2,3] and [5,6]
    AFD_COMPARE_NEAR(s.bubbleTime(kAttention), 2.0, 1e-12, "1 ms per layer boundary");
}

void TestPipeline::jitterPropagatesBothWays() {
    // The balanced pipeline of the first test, with micro-batch 0's FFN stage of layer 1
    // 0.5 ms longer (a straggler): F0 of layer 1 runs [4.5, 6] instead of [4.5, 5.5].
    PipelineInput in = afdChain(1, 0.5, 1, 0.5, 3, 4);
    in.jitter = {kStageFfn, 0, 1, 0.5};
    const PipelineSchedule s = schedulePipeline(in);
    QCOMPARE(startOf(s, kStageFfn, 0, 1), 4.5);
    QCOMPARE(s.find(kStageFfn, 0, 1)->end, 6.0);
    // Downstream, same micro-batch: combine [6, 6.5], attention of layer 2 at 6.5 (was 6).
    QCOMPARE(startOf(s, kStageCombine, 0, 1), 6.0);
    QCOMPARE(startOf(s, kStageAttention, 0, 2), 6.5);
    // The other micro-batches: F1 of layer 1 waits for the FFN GPUs until 6 (was 5.5), and the
    // dispatch of micro-batch 2, an earlier stage of the chain, waits behind C0 until 6.5 (was 6).
    QCOMPARE(startOf(s, kStageFfn, 1, 1), 6.0);
    QCOMPARE(startOf(s, kStageDispatch, 2, 1), 6.5);
    // Bubbles where there were none: the link idles [5.5, 6] waiting for F0, the attention
    // GPUs [6, 6.5] waiting for micro-batch 0.
    QCOMPARE(bubbleCount(s, kLink), 1);
    QCOMPARE(bubbleCount(s, kAttention), 1);
    QCOMPARE(s.bubbleTime(kLink), 0.5);
    QCOMPARE(s.bubbleTime(kAttention), 0.5);
    // A balanced pipeline has no slack: every later layer is 0.5 ms late, so is the end.
    QCOMPARE(startOf(s, kStageAttention, 0, 3), 9.0 + 0.5);
    QCOMPARE(s.makespan, 14.0 + 0.5);
    // Without the jitter, the same stage is 1 ms and nothing moves (the first test).
    in.jitter = {};
    QCOMPARE(schedulePipeline(in).makespan, 14.0);
}

void TestPipeline::epTwoBatchOverlapKeepsComputeBusy() {
    // EP with two micro-batches (TBO) on one GPU's compute and communication streams:
    // attention 1, dispatch 0.3, experts 1, combine 0.3. The transfers hide under the other
    // micro-batch's compute: compute A0 [0,1] A1 [1,2] E0 [2,3] E1 [3,4], then A0 of the next
    // layer at 4 = 2 (t_a + t_f), and the compute stream never waits.
    PipelineInput in;
    in.resources = {"compute", "communication"};
    in.stages = {{"attention", 0, 1}, {"dispatch", 1, 0.3}, {"FFN", 0, 1}, {"combine", 1, 0.3}};
    in.microBatches = 2;
    in.layers = 3;
    const PipelineSchedule s = schedulePipeline(in);
    QCOMPARE(startOf(s, 2, 0, 0), 2.0);
    QCOMPARE(startOf(s, 2, 1, 0), 3.0);
    QCOMPARE(startOf(s, 0, 0, 1), 4.0);
    QCOMPARE(startOf(s, 0, 0, 2), 8.0);
    QCOMPARE(bubbleCount(s, 0), 0);
    QCOMPARE(s.makespan, 12.3); // E1 of layer 2 ends at 12, its combine 0.3 later
    QCOMPARE(steadyCycle(in), 4.0);
}

void TestPipeline::epFiveStagePairingMatchesTheSlotFormula() {
    // DeepSeek's TBO pairing (C-O): A0 0.2, A1 0.5, dispatch 0.4, shared 0.1, experts 0.6,
    // combine 0.3, overheads 0.1 ms. t_slot = max(0.1 + 0.2, 0.4) + 0.6 + max(0.5, 0.3) + 0.1
    // = 1.6, t_layer = 3.2: the dispatch is exposed by 0.1 ms per slot, the combine hidden.
    PipelineInput in;
    in.resources = {"compute", "communication"};
    in.stages = {{"attention (projections)", 0, 0.2},
                 {"attention", 0, 0.5},
                 {"dispatch", 1, 0.4},
                 {"shared expert", 0, 0.1},
                 {"FFN", 0, 0.6},
                 {"combine", 1, 0.3},
                 {"overheads", 0, 0.1}};
    in.microBatches = 2;
    in.layers = 4;
    in.policy = PipelinePolicy::TwoBatchOverlap;
    AFD_COMPARE_NEAR(steadyCycle(in), 3.2, 1e-12, "2 t_slot");
    const PipelineSchedule s = schedulePipeline(in);
    QVERIFY(s.valid);
    // By hand: micro-batch 0's attention [0, 0.2] [0.2, 0.7]; slot 0 from 0.7: dispatch of 0
    // [0.7, 1.1] beside A0 of 1 [0.7, 0.9] and the shared expert of 0 [0.9, 1.0]; experts of 0
    // wait for the dispatch: [1.1, 1.7]; combine of 0 [1.7, 2.0] beside A1 of 1 [1.7, 2.2];
    // overheads [2.2, 2.3]. Slot 1 from 2.3: A0 of micro-batch 0, layer 1.
    AFD_COMPARE_NEAR(startOf(s, 4, 0, 0), 1.1, 1e-12, "experts wait for the dispatch");
    AFD_COMPARE_NEAR(startOf(s, 1, 1, 0), 1.7, 1e-12, "A1 of the other micro-batch");
    AFD_COMPARE_NEAR(startOf(s, 6, 0, 0), 2.2, 1e-12, "overheads after A1 and the combine");
    AFD_COMPARE_NEAR(startOf(s, 0, 0, 1), 2.3, 1e-12, "slot 1");
    AFD_COMPARE_NEAR(startOf(s, 0, 0, 2) - startOf(s, 0, 0, 1), 3.2, 1e-12, "t_layer");
    AFD_COMPARE_NEAR(startOf(s, 0, 1, 3) - startOf(s, 0, 1, 2), 3.2, 1e-12, "t_layer");
    // Compute bubbles: 0.1 ms before each experts stage from slot 1 on (slot 0's is the fill,
    // before the first overheads), none elsewhere.
    QVERIFY(bubbleCount(s, 0) > 0);
    for (const PipelineBubble& b : s.bubbles) {
        if (b.resource == 0) {
            AFD_COMPARE_NEAR(b.end - b.start, 0.1, 1e-9, "t_D - (t_S + A0)");
        }
    }
    AFD_COMPARE_NEAR(s.bubbles.front().start, 2.6, 1e-12, "slot 1: A0 [2.3, 2.5], S [2.5, 2.6]");
    // Wrong shape: not two micro-batches, or not the seven stages.
    PipelineInput three = in;
    three.microBatches = 3;
    QVERIFY(!schedulePipeline(three).valid);
    PipelineInput four = afdChain(1, 0.5, 1, 0.5, 2, 3);
    four.policy = PipelinePolicy::TwoBatchOverlap;
    QVERIFY(!schedulePipeline(four).valid);
}

void TestPipeline::steadyCycleIsTheLargestTerm() {
    // C-O: max(N t_a, N t_f, N t_c, t_a + t_d + t_f + t_cb).
    QCOMPARE(steadyCycle(afdChain(1, 0.5, 1, 0.5, 3, 1)), 3.0); // all equal
    QCOMPARE(steadyCycle(afdChain(2, 0.5, 1, 0.5, 3, 1)), 6.0); // attention
    QCOMPARE(steadyCycle(afdChain(1, 1, 1, 1.5, 3, 1)), 7.5);   // link: 3 x 2.5
    QCOMPARE(steadyCycle(afdChain(1, 0.5, 1, 0.5, 1, 1)), 3.0); // one micro-batch: round trip
    // The schedule reaches it when a GPU side binds: t_f = 2 ms, 8 layers, a layer per 6 ms.
    const PipelineSchedule s = schedulePipeline(afdChain(1, 0.25, 2, 0.25, 3, 8));
    QCOMPARE(startOf(s, kStageFfn, 0, 7) - startOf(s, kStageFfn, 0, 6), 6.0);
    QCOMPARE(startOf(s, kStageAttention, 1, 7) - startOf(s, kStageAttention, 1, 6), 6.0);
}

void TestPipeline::invalidInputGivesNoSchedule() {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const double inf = std::numeric_limits<double>::infinity();
    for (const PipelineInput& in :
         {afdChain(-1, 0.5, 1, 0.5, 3, 3), afdChain(nan, 0.5, 1, 0.5, 3, 3),
          afdChain(1, inf, 1, 0.5, 3, 3), afdChain(1, 0.5, 1, 0.5, 0, 3),
          afdChain(1, 0.5, 1, 0.5, 3, 0), afdChain(1, 0.5, 1, 0.5, 3, 100000)}) {
        const PipelineSchedule s = schedulePipeline(in);
        QVERIFY(!s.valid);
        QVERIFY(s.intervals.empty());
        QVERIFY(s.bubbles.empty());
    }
    PipelineInput badResource = afdChain(1, 0.5, 1, 0.5, 3, 3);
    badResource.stages[1].resource = 7;
    QVERIFY(!schedulePipeline(badResource).valid);
    PipelineInput badJitter = afdChain(1, 0.5, 1, 0.5, 3, 3);
    badJitter.jitter = {kStageFfn, 0, 1, nan};
    QVERIFY(!schedulePipeline(badJitter).valid);
    QVERIFY(!schedulePipeline(PipelineInput{}).valid);
}

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
