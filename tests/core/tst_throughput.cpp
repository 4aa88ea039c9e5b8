// SPDX-License-Identifier: GPL-3.0-or-later
// The end-to-end throughput model (docs/model.md Part C, B6): every intermediate of the calibration
// and branch cases against the plain-Python reference of Part C, the reduction to Part A, hand
// derivations of the communication branches, heterogeneous AFD, the deployment search and
// properties (monotone in batch, finite everywhere, memory grows with context).
#include "afd/deployment_search.hpp"
#include "afd/measurements.hpp"
#include "afd/presets.hpp"
#include "afd/throughput.hpp"
#include "afd/throughput_report.hpp"
#include "test_support.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTest>
#include <cmath>
#include <random>

using namespace afd;

namespace {

// The reference values: tests/data/throughput_reference_values.json, written by
// tests/data/make_throughput_reference_values.py from the plain-Python reference of Part C.
const QJsonObject& referenceValues() {
    static const QJsonObject root = [] {
        QFile f(QStringLiteral(AFD_SOURCE_DIR "/tests/data/throughput_reference_values.json"));
        if (!f.open(QIODevice::ReadOnly)) {
            qFatal("cannot read throughput_reference_values.json");
        }
        return QJsonDocument::fromJson(f.readAll()).object();
    }();
    return root;
}

// A case's scenario: defaults <- hardware preset <- model preset <- the case's values.
Scenario caseScenario(const QJsonObject& c) {
    const PresetLibrary& lib = PresetLibrary::builtin();
    Scenario s;
    lib.hardware(c[QStringLiteral("hardware")].toString().toStdString())->applyTo(s);
    lib.model(c[QStringLiteral("model")].toString().toStdString())->applyTo(s);
    const QJsonObject values = c[QStringLiteral("values")].toObject();
    for (auto it = values.begin(); it != values.end(); ++it) {
        const Param p = *findParam(it.key().toStdString());
        if (it.value().isString()) {
            s[p] = *parseValueText(p, it.value().toString().toStdString());
        } else {
            s[p] = it.value().toDouble();
        }
    }
    s[Param::System] =
        *choiceIndex(Param::System, c[QStringLiteral("system")].toString().toStdString());
    return s;
}

// The reference agrees with the core to rounding (1e-9); docs/model.md asks for 1e-6.
constexpr double kRefTol = 1e-9;
constexpr const char* kRef = "plain-Python reference of docs/model.md Part C";

Scenario profileScenario() {
    return caseScenario(referenceValues()[QStringLiteral("cases")].toArray()[0].toObject());
}

Scenario kimiOnGb200Afd() {
    const QJsonArray cases = referenceValues()[QStringLiteral("cases")].toArray();
    return caseScenario(cases[cases.size() - 1].toObject());
}

} // namespace

class TestThroughput : public QObject {
    Q_OBJECT
  private slots:
    void referenceCases_data();
    void referenceCases();
    void modelMdCalibrationFigures();
    void components();
    void reductionToPartA();
    void reductionSpotValue();
    void epDispatchByHand();
    void twoStageDispatchByHand();
    void superpodDomainByHand();
    void partASeesTheDomainOnlyWithASystem();
    void mtpLayerAddsOneLayerAndOneHead();
    void autoOverlapTakesTheFaster();
    void heterogeneousAttention();
    void productionBatchSearch();
    void bestAndFrontier();
    void noConfigurationMeetsTheSlo();
    void searchGoesBeyondTheDomain();
    void frontierDoesNotDependOnTheSlo();
    void emptyBatchNeverMeetsTheSlo();
    void monotoneInBatch();
    void memoryGrowsWithContext();
    void neverNaN();
    void crossKeyErrors();
    void everyNewKeyRefusesBadValues();
    void measurementsShipAndPredict();
    void servingVerdictNamesTheWinner();
};

void TestThroughput::referenceCases_data() {
    QTest::addColumn<int>("index");
    const QJsonArray cases = referenceValues()[QStringLiteral("cases")].toArray();
    QVERIFY(cases.size() >= 12);
    for (int i = 0; i < cases.size(); ++i) {
        QTest::newRow(qPrintable(cases[i].toObject()[QStringLiteral("name")].toString())) << i;
    }
}

void TestThroughput::referenceCases() {
    QFETCH(int, index);
    const QJsonObject c = referenceValues()[QStringLiteral("cases")].toArray()[index].toObject();
    const QJsonObject x = c[QStringLiteral("expect")].toObject();
    const auto want = [&x](const char* key) { return x[QLatin1String(key)].toDouble(); };
    const Scenario s = caseScenario(c);
    const ThroughputResult r = throughput(s);
    QVERIFY2(!r.error, describe(r.error, s).c_str());
    if (r.system == ServingSystem::Ep) {
        AFD_COMPARE_NEAR(r.attentionPre, want("A0"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.attentionCore, want("core"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.attentionPost, want("A1post"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.sharedTime, want("S"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.expertTime, want("E"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.dispatchTime, want("D"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.combineTime, want("C"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.moeLayerTime, want("t_moe"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.denseLayerTime, want("t_dense"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.memoryPerGpu, want("memory"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.hfuFfn, want("hfu_ffn_step"), kRefTol, kRef);
    } else {
        AFD_COMPARE_NEAR(r.attentionTime, want("t_a"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.ffnTime, want("t_f"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.dispatchTime, want("d"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.combineTime, want("c"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.moeLayerTime, want("cyc_moe"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.denseLayerTime, want("cyc_dense"), kRefTol, kRef);
        AFD_COMPARE_NEAR(r.hfuFfnCycle, want("hfu_F"), kRefTol, kRef);
        QCOMPARE(QString::fromUtf8(afdBoundKey(r.bound).data()),
                 x[QStringLiteral("bound")].toString());
        QCOMPARE(r.fitsMemory, x[QStringLiteral("memory_ok")].toBool());
    }
    AFD_COMPARE_NEAR(r.stepOverhead, want("t_g"), kRefTol, kRef);
    AFD_COMPARE_NEAR(r.stepTime, want("T_step"), kRefTol, kRef);
    AFD_COMPARE_NEAR(r.tpot, want("tpot"), kRefTol, kRef);
    AFD_COMPARE_NEAR(r.tokensPerSecondPerGpu, want("tps_gpu"), kRefTol, kRef);
    AFD_COMPARE_NEAR(r.tokensPerSecondPerUser, 1.0 / want("tpot"), kRefTol, "1 / TPOT (C-S1)");
}

void TestThroughput::modelMdCalibrationFigures() {
    // The table "Calibration cases and oracles" of docs/model.md Part C, printed to three decimals:
    // half a unit of the last digit is the tolerance.
    const Scenario profile = profileScenario();
    const ThroughputResult r = throughput(profile);
    const auto us = [](double s) { return s * 1e6; };
    QVERIFY(std::abs(us(r.attentionPre) - 49.109) <= 5e-4);
    QVERIFY(std::abs(us(r.attentionCore) - 249.361) <= 5e-4);
    QVERIFY(std::abs(us(r.attentionPost) - 74.902) <= 5e-4);
    QVERIFY(std::abs(us(r.sharedTime) - 26.751) <= 5e-4);
    QVERIFY(std::abs(us(r.expertTime) - 87.923) <= 5e-4);
    QVERIFY(std::abs(us(r.dispatchTime) - 182.408) <= 5e-4);
    QVERIFY(std::abs(us(r.combineTime) - 349.064) <= 5e-4);
    QVERIFY(std::abs(us(r.moeLayerTime) - 1494.789) <= 5e-4);
    QVERIFY(std::abs(r.stepTime * 1e3 - 95.527) <= 5e-4);
    QVERIFY(std::abs(r.tokensPerSecondPerGpu - 2411.892) <= 5e-4);
}

void TestThroughput::components() {
    const QJsonObject c = referenceValues()[QStringLiteral("components")].toObject();
    const Scenario ds = profileScenario();
    const Platform h800 = platformOf(ds);
    const Efficiency e = efficiencyOf(ds);
    // One GEMM of 128 tokens, 16384 -> 7168 on H800: FP8 weights, 1 B inputs, 2 B outputs.
    const double flops = 2.0 * 128 * 16384 * 7168;
    const double bytes = 16384.0 * 7168 + 128.0 * 16384 + 128.0 * 7168 * 2;
    AFD_COMPARE_NEAR(gemmTime(flops, bytes, h800.flops8, h800, e),
                     c[QStringLiteral("gemm_128x16384x7168_h800")].toDouble(), kRefTol, kRef);
    QVERIFY(std::abs(gemmTime(flops, bytes, h800.flops8, h800, e) * 1e6 - 51.831) <= 5e-4);
    // The paper's ~60 % EP reference: expert-GEMM OFU at 740 tokens per expert (docs/model.md).
    AFD_COMPARE_NEAR(expertGemmOfu(ds, h800, e, 740, 2), 0.58020, 1e-5, "docs/model.md Part C");
    AFD_COMPARE_NEAR(expertGemmOfu(ds, h800, e, 740, 3), 0.59416, 1e-5, "docs/model.md Part C");
    // Per-token counts at 8K with FP8 KV (Step-3's Table 2 columns).
    const QJsonObject perToken = c[QStringLiteral("per_token_8K_fp8kv")].toObject();
    for (const char* id : {"deepseek-v3", "kimi-k2", "step3"}) {
        Scenario s;
        PresetLibrary::builtin().model(id)->applyTo(s);
        const PerTokenCounts counts = perTokenCounts(s, 8192, 1.0);
        const QJsonArray want = perToken[QLatin1String(id)].toArray();
        AFD_COMPARE_NEAR(counts.kvBytes, want[0].toDouble(), kRefTol, kRef);
        AFD_COMPARE_NEAR(counts.attentionFlops, want[1].toDouble(), kRefTol, kRef);
        AFD_COMPARE_NEAR(counts.linearFlops, want[2].toDouble(), kRefTol, kRef);
        AFD_COMPARE_NEAR(counts.ffnFlops, want[3].toDouble(), kRefTol, kRef);
    }
    // Step-3's own Table 2 (two significant digits): KV 2.88e8 / 2.56e8, FFN 4.84e10 / 5.33e10.
    Scenario step3;
    PresetLibrary::builtin().model("step3")->applyTo(step3);
    AFD_COMPARE_NEAR(perTokenCounts(step3, 8192, 1.0).kvBytes, 2.56e8, 0.005, "Step-3 Table 2");
    AFD_COMPARE_NEAR(perTokenCounts(step3, 8192, 1.0).ffnFlops, 5.33e10, 0.005, "Step-3 Table 2");
    AFD_COMPARE_NEAR(perTokenCounts(ds, 8192, 1.0).kvBytes, 2.88e8, 0.005, "Step-3 Table 2");
    AFD_COMPARE_NEAR(perTokenCounts(ds, 8192, 1.0).ffnFlops, 4.84e10, 0.005, "Step-3 Table 2");
}

void TestThroughput::reductionToPartA() {
    // docs/model.md "Reduction to Part A": every efficiency 1, no fixed times, the sharp roofline,
    // weights only and 3H bytes per row turn Part C's kernel times into Part A's HFU exactly,
    // over the paper's 8 platforms x 6 models x N_F 1-8 x 3 SLOs.
    const Efficiency paper = paperEfficiency();
    int points = 0;
    for (const char* hw : {"h20", "h100", "h200", "h800", "b200", "b300", "gb200", "gb300"}) {
        for (const char* md :
             {"deepseek-v3", "kimi-k2", "step3", "qwen3-coder", "ernie-4.5", "glm-4.7"}) {
            for (double nf = 1; nf <= 8; ++nf) {
                for (double slo : {30.0, 50.0, 100.0}) {
                    Scenario s = test::paperPoint(hw, md, nf);
                    s[Param::SloMs] = slo;
                    const Result a = evaluate(s);
                    QVERIFY(!a.error);
                    const BudgetHfu c = budgetHfu(s, paper);
                    AFD_COMPARE_NEAR(c.budgetTime, a.budgetTime, 1e-12, "Eq. 1 in both");
                    AFD_COMPARE_NEAR(c.tokensPerRank, a.tokensPerRank, 1e-12, "A2/A3");
                    AFD_COMPARE_NEAR(c.hfu, a.hfu, 1e-12, "Eq. 8 / 19");
                    ++points;
                }
            }
        }
    }
    QCOMPARE(points, 8 * 6 * 8 * 3);
}

void TestThroughput::reductionSpotValue() {
    // docs/model.md: DeepSeek-V3 on H800 at N_F = 2 gives t_c = t_B = 0.38251 ms and HFU 0.33116.
    const Scenario s = test::paperPoint("h800", "deepseek-v3", 2);
    const BudgetHfu c = budgetHfu(s, paperEfficiency());
    AFD_COMPARE_NEAR(c.budgetTime * 1e3, 0.38251, 1e-5, "docs/model.md A1 example");
    AFD_COMPARE_NEAR(c.hfu, 0.33116, 1e-5, "docs/model.md reference checks");
    // The link delivers exactly the rows it can carry in t_B: 3H bytes each at BW_up.
    AFD_COMPARE_NEAR(c.tokensLink * 3 * 7168 / 160e9, c.budgetTime, 1e-12, "t_c = t_B");
}

void TestThroughput::epDispatchByHand() {
    // DeepSeek profile, per-expert sends (C-C1). One micro-batch: b/2 = 64 requests x q 2 = 128
    // tokens; 128 x TopK 8 = 1024 copies. Remote share f_out = (128 - 8) / 128 = 0.9375.
    // Dispatch copy: 7168 x 1 B x (1 + 1/32) = 7392 B; combine copy 7168 x 2 B = 14336 B.
    //   scale-out: 1024 x 0.9375 x 7392 B / (0.8 x 50 GB/s) = 177.408 us
    //   scale-up : 1024 x 0.0625 x 7392 B / 160 GB/s        =   2.9568 us
    //   t_D = max(...) / sigma(1) + t_lat 5 us              = 182.408 us
    //   t_C = 1024 x 0.9375 x 14336 / 40e9 + 5 us           = 349.064 us
    const ThroughputResult r = throughput(profileScenario());
    AFD_COMPARE_NEAR(r.dispatchTime * 1e6, 182.408, 1e-9, "hand derivation above");
    AFD_COMPARE_NEAR(r.combineTime * 1e6, 349.064, 1e-9, "hand derivation above");
}

void TestThroughput::twoStageDispatchByHand() {
    // Two-stage (C-C1): N_n = 128 / 8 = 16 nodes; expected distinct remote nodes per token
    // 15 x (1 - (15/16)^8) = 15 x (1 - 0.596719...) = 6.049208...
    //   scale-out: 128 tokens x 6.049208 x 7392 B / 40 GB/s = 143.0904 us
    //   scale-up : 128 x 8 x 7392 B x (1 - 1/8) / 160 GB/s = 41.3952 us
    //   t_D = 143.0904 + 2 t_lat (10 us) = 153.0904 us
    Scenario s = profileScenario();
    s[Param::EpDispatch] = *choiceIndex(Param::EpDispatch, "two-stage");
    const double remote = 15.0 * (1.0 - std::pow(15.0 / 16.0, 8));
    AFD_COMPARE_NEAR(remote, 6.049208, 1e-6, "the expected-value formula above");
    const ThroughputResult r = throughput(s);
    AFD_COMPARE_NEAR(r.dispatchTime * 1e6, 153.0904, 1e-6, "hand derivation above");
    AFD_COMPARE_NEAR(r.combineTime, 128.0 * remote * 14336 / 40e9 + 10e-6, 1e-12,
                     "hand derivation above");
    // Fewer scale-out copies: the two-stage step is faster (7.0 -> 6.05 copies per token).
    QVERIFY(r.stepTime < throughput(profileScenario()).stepTime);
}

void TestThroughput::superpodDomainByHand() {
    // B6 on GB200 NVL72 (domain 72 GPUs, scale-up 720 GB/s, NIC 50 GB/s).
    // EP 72 fits: every copy goes over scale-up. 128 tokens x 8 copies x 7392 B / 720 GB/s
    // = 1.051 us + 5 us.
    Scenario ep = profileScenario();
    PresetLibrary::builtin().hardware("gb200")->applyTo(ep);
    ep[Param::EpGpus] = 72;
    ep[Param::ExpertSlots] = 288;
    const ThroughputResult in = throughput(ep);
    QVERIFY(in.inScaleUpDomain);
    AFD_COMPARE_NEAR(in.dispatchTime, 1024.0 * 7392 / 720e9 + 5e-6, 1e-12, "hand derivation");
    // EP 144 does not fit: (144 - 8) / 144 of the copies cross the 50 GB/s NIC at 80 %.
    ep[Param::EpGpus] = 144;
    const ThroughputResult out = throughput(ep);
    QVERIFY(!out.inScaleUpDomain);
    AFD_COMPARE_NEAR(out.dispatchTime, 1024.0 * (136.0 / 144.0) * 7392 / 40e9 + 5e-6, 1e-12,
                     "hand derivation");
    // AFD: 6A3F = 72 GPUs fits, the FFN GPU takes rows at 720 GB/s; 7A3F = 80 GPUs does not,
    // and BW_eff = min(0.8 x 50 x max(1, 8/3), 720) = 106.67 GB/s.
    Scenario afd = kimiOnGb200Afd();
    const ThroughputResult a = throughput(afd);
    QVERIFY(a.inScaleUpDomain);
    const double rows = 64.0 * 2 * 6 * 8 * 8 / (3 * 8) / 0.8; // R_F / sigma
    AFD_COMPARE_NEAR(a.dispatchTime, rows * 7392 / 720e9 + 5e-6, 1e-12, "hand derivation");
    afd[Param::Na] = 7;
    const ThroughputResult b = throughput(afd);
    QVERIFY(!b.inScaleUpDomain);
    const double rows7 = 64.0 * 2 * 7 * 8 * 8 / (3 * 8) / 0.8;
    AFD_COMPARE_NEAR(b.dispatchTime, rows7 * 7392 / (40e9 * 8.0 / 3.0) + 5e-6, 1e-12,
                     "hand derivation");
}

void TestThroughput::partASeesTheDomainOnlyWithASystem() {
    // GB200 with N_A 8 + N_F 2 nodes = 80 GPUs > 72. Without a system the paper's assumption
    // holds: HFU = 2 M BW_up / FLOPS = 2 x 2048 x 720e9 / 4500e12 = 0.65536 (Eq. 19). With a
    // system the deployment is concrete: BW_eff = min(50 x 8/2, 720) = 200 GB/s, HFU =
    // 2 x 2048 x 200e9 / 4500e12 = 0.18204.
    Scenario s = test::paperPoint("gb200", "deepseek-v3", 2);
    s[Param::Na] = 8;
    AFD_COMPARE_NEAR(evaluate(s).hfu, 0.65536, 1e-9, "Eq. 19, the paper's 65.5 %");
    s[Param::System] = *choiceIndex(Param::System, "afd");
    const Result r = evaluate(s);
    QVERIFY(!r.inScaleUpDomain);
    QCOMPARE(r.regime, Regime::Stable); // TopK 8 > N_F 2: the fanned-out NIC binds
    AFD_COMPARE_NEAR(r.hfu, 2.0 * 2048 * 200e9 / 4500e12, 1e-9, "hand derivation above");
    s[Param::Na] = 7; // 72 GPUs fit again
    AFD_COMPARE_NEAR(evaluate(s).hfu, 0.65536, 1e-9, "inside the domain");
}

void TestThroughput::mtpLayerAddsOneLayerAndOneHead() {
    // C-S1: T_step = (L_moe + m) t_layer + L_dense t_dense + t_g0 + (1 + m) t_head. Switching the
    // MTP module off (m = 0) at the same q removes one MoE layer and one LM head, nothing else.
    Scenario s = profileScenario();
    const ThroughputResult with = throughput(s);
    s[Param::MtpLayer] = 0;
    const ThroughputResult without = throughput(s);
    QCOMPARE(with.moeLayerTime, without.moeLayerTime);
    const double head = without.stepOverhead - s[Param::StepOverheadMs] * 1e-3;
    AFD_COMPARE_NEAR(with.stepTime - without.stepTime, with.moeLayerTime + head, 1e-12,
                     "one more MoE layer and one more LM head");
}

void TestThroughput::autoOverlapTakesTheFaster() {
    // "auto" is the faster of TBO and none: TBO at large batch, none at tiny batch (where TBO's
    // two passes through the weights and the four kernel phases cost more than they hide).
    Scenario s = profileScenario();
    for (double batch : {2.0, 128.0}) {
        s[Param::BatchPerGpu] = batch;
        s[Param::EpOverlap] = *choiceIndex(Param::EpOverlap, "tbo");
        const double tbo = throughput(s).stepTime;
        s[Param::EpOverlap] = *choiceIndex(Param::EpOverlap, "none");
        const double none = throughput(s).stepTime;
        s[Param::EpOverlap] = *choiceIndex(Param::EpOverlap, "auto");
        const ThroughputResult a = throughput(s);
        QCOMPARE(a.stepTime, std::min(tbo, none));
        QCOMPARE(a.overlap, tbo <= none ? EpOverlapMode::Tbo : EpOverlapMode::None);
    }
    s[Param::BatchPerGpu] = 2;
    s[Param::EpOverlap] = *choiceIndex(Param::EpOverlap, "auto");
    QCOMPARE(throughput(s).overlap, EpOverlapMode::None);
    s[Param::BatchPerGpu] = 128;
    QCOMPARE(throughput(s).overlap, EpOverlapMode::Tbo);
}

void TestThroughput::heterogeneousAttention() {
    // Attention on H20, FFN on H800: t_a is what an all-H20 deployment computes for the same
    // attention batch, t_f what an all-H800 deployment computes (C-A runs on the attention GPUs,
    // C-F on the FFN GPUs). Memory is checked against each side's own HBM.
    const QJsonArray cases = referenceValues()[QStringLiteral("cases")].toArray();
    const Scenario h800 = caseScenario(cases[7].toObject()); // Step-3 2A2F FP8
    Scenario h20 = h800;
    PresetLibrary::builtin().hardware("h20")->applyTo(h20);
    const ThroughputResult mixed = throughput(h800, &h20);
    const ThroughputResult allH20 = throughput(h20);
    const ThroughputResult allH800 = throughput(h800);
    QCOMPARE(mixed.attentionTime, allH20.attentionTime);
    QCOMPARE(mixed.ffnTime, allH800.ffnTime);
    QCOMPARE(mixed.memoryCapacityAttention, 96e9 * 0.92);
    QCOMPARE(mixed.memoryCapacity, 80e9 * 0.92);
    QVERIFY(mixed.attentionTime > allH800.attentionTime); // H20: 148 TFLOP/s BF16 against 989.5
    // Cost mixes the two prices: 16 H20 at 0.8 USD/h + 16 H800 at 2 USD/h.
    QVERIFY(mixed.priced);
    AFD_COMPARE_NEAR(mixed.usdPerMillionTokens,
                     (16 * 0.8 + 16 * 2.0) / (mixed.tokensPerSecondPerGpu * 32 * 3600) * 1e6, 1e-12,
                     "sum of GPU-hours over tokens per hour");
}

void TestThroughput::productionBatchSearch() {
    // docs/model.md calibration: DeepSeek-V3 production (EP 144, S 4,989, sigma 0.8, SLO 47.619 ms)
    // with the batch searched gives b = 88, T_step 85.351 ms, 1,855.873 tokens/s per GPU.
    const QJsonArray cases = referenceValues()[QStringLiteral("cases")].toArray();
    Scenario s = caseScenario(cases[1].toObject());
    s[Param::SloMs] = 47.619;
    s[Param::BatchPerGpu] = 0;
    const Param fixed[] = {Param::EpGpus, Param::EpOverlap, Param::ExpertSlots};
    const DeploymentSearch d = searchDeployment(s, ServingSystem::Ep, nullptr, fixed, false);
    QVERIFY(d.found);
    QCOMPARE(d.best.batchPerGpu, 88.0);
    QVERIFY(std::abs(d.best.stepTime * 1e3 - 85.351) <= 5e-4);
    QVERIFY(std::abs(d.best.tokensPerSecondPerGpu - 1855.873) <= 5e-4);
    // resolveAutomaticBatch is the same search with every other key held.
    QCOMPARE(resolveAutomaticBatch(s, nullptr)[Param::BatchPerGpu], 88.0);
}

void TestThroughput::bestAndFrontier() {
    Scenario s = test::paperPoint("h800", "deepseek-v3", 2);
    s[Param::SloMs] = 50;
    const DeploymentSearch afd = searchDeployment(s, ServingSystem::Afd, nullptr, {}, true);
    const DeploymentSearch ep = searchDeployment(s, ServingSystem::Ep, nullptr, {}, true);
    for (const DeploymentSearch* d : {&afd, &ep}) {
        QVERIFY(d->found);
        QVERIFY(d->best.meetsSlo && d->best.fitsMemory);
        QVERIFY(d->frontier.size() >= 5);
        // Sorted by tokens/s per user; tokens/s per GPU falls as users get faster (a frontier).
        for (std::size_t i = 1; i < d->frontier.size(); ++i) {
            QVERIFY(d->frontier[i].tokensPerSecondPerUser >
                    d->frontier[i - 1].tokensPerSecondPerUser);
            QVERIFY(d->frontier[i].tokensPerSecondPerGpu <
                    d->frontier[i - 1].tokensPerSecondPerGpu);
            QVERIFY(d->frontier[i].fitsMemory);
        }
        // The SLO swept: the best frontier point at least as fast per user as the SLO asks is
        // the best configuration under the SLO.
        double bestAtSlo = 0;
        for (const ThroughputResult& r : d->frontier) {
            if (r.tpot <= 50e-3) {
                bestAtSlo = std::max(bestAtSlo, r.tokensPerSecondPerGpu);
            }
        }
        QCOMPARE(bestAtSlo, d->best.tokensPerSecondPerGpu);
    }
    // docs/model.md's orientation: on 8-GPU nodes with ~50 GB/s NICs AFD's best serves 1.3-1.9x
    // EP's tokens/s per GPU with per-expert sends, and its FFN side sits in the dead zone or at
    // the link's HFU ceiling (well under EP's ~60 %).
    const double ratio = afd.best.tokensPerSecondPerGpu / ep.best.tokensPerSecondPerGpu;
    QVERIFY2(ratio >= 1.3 && ratio <= 1.9, qPrintable(QString::number(ratio)));
    QVERIFY(afd.best.hfuFfnCycle < 0.4);
    // Fixing keys holds them: N_F = 4 stays 4.
    s[Param::Nf] = 4;
    const Param nf[] = {Param::Nf};
    const DeploymentSearch fixed = searchDeployment(s, ServingSystem::Afd, nullptr, nf, false);
    QVERIFY(fixed.found);
    QCOMPARE(fixed.best.nf, 4.0);
}

void TestThroughput::noConfigurationMeetsTheSlo() {
    // 5 ms per output token is beyond any H800 deployment of DeepSeek-V3 (61 layers of at least
    // ~100 us each): the search says so and reports the fastest configuration it found.
    Scenario s = test::paperPoint("h800", "deepseek-v3", 2);
    s[Param::SloMs] = 5;
    const DeploymentSearch d = searchDeployment(s, ServingSystem::Ep, nullptr, {}, false);
    QVERIFY(!d.found);
    QVERIFY(d.anyFits);
    QVERIFY(d.fastest.tpot > 5e-3);
}

void TestThroughput::searchGoesBeyondTheDomain() {
    // A superpod whose domain holds one 8-GPU node: DeepSeek-V3 fits on no 8 GPUs, but larger
    // deployments do, using the scale-out NICs past the domain (B6). The search finds them.
    Scenario s = test::paperPoint("h800", "deepseek-v3", 2);
    s[Param::Superpod] = 1;
    s[Param::ScaleUpDomainGpus] = 8;
    for (ServingSystem system : {ServingSystem::Ep, ServingSystem::Afd}) {
        const DeploymentSearch d = searchDeployment(s, system, nullptr, {}, false);
        QVERIFY(d.found);
        QVERIFY(d.best.gpus > 8);
        QVERIFY(!d.best.inScaleUpDomain);
    }
}

void TestThroughput::frontierDoesNotDependOnTheSlo() {
    // The frontier is the SLO swept: every configuration contributes its batch ladder and its
    // largest batch that fits, whatever slo_ms says. So the slowest-per-user end (the most
    // tokens/s per GPU that fits at all) is the same at 50 ms and at 10 s; at 10 s it is also
    // the best configuration.
    Scenario s = test::paperPoint("h800", "deepseek-v3", 2);
    s[Param::SloMs] = 50;
    const DeploymentSearch tight = searchDeployment(s, ServingSystem::Ep, nullptr, {}, true);
    s[Param::SloMs] = 10000;
    const DeploymentSearch loose = searchDeployment(s, ServingSystem::Ep, nullptr, {}, true);
    QCOMPARE(tight.frontier.front().tokensPerSecondPerGpu,
             loose.frontier.front().tokensPerSecondPerGpu);
    QCOMPARE(loose.best.tokensPerSecondPerGpu, loose.frontier.front().tokensPerSecondPerGpu);
    QVERIFY(tight.best.tokensPerSecondPerGpu < tight.frontier.front().tokensPerSecondPerGpu);
}

void TestThroughput::emptyBatchNeverMeetsTheSlo() {
    Scenario s = profileScenario();
    s[Param::BatchPerGpu] = 0;
    const ThroughputResult r = throughput(s);
    QVERIFY(!r.error);
    QCOMPARE(r.tokensPerSecondPerGpu, 0.0);
    QVERIFY(!r.meetsSlo);
    QVERIFY(!r.priced); // no cost per token of nothing
}

void TestThroughput::monotoneInBatch() {
    // TPOT and memory grow with the batch (what makes the bisection of C-S2 valid), on both
    // systems and every overlap mode.
    for (const char* overlap : {"none", "sbo", "tbo", "auto"}) {
        Scenario s = profileScenario();
        s[Param::EpOverlap] = *choiceIndex(Param::EpOverlap, overlap);
        double lastTpot = 0;
        double lastMemory = 0;
        for (double b = 2; b <= 4096; b *= 1.5) {
            s[Param::BatchPerGpu] = std::round(b);
            const ThroughputResult r = throughput(s);
            QVERIFY(r.tpot >= lastTpot && r.memoryPerGpu > lastMemory);
            lastTpot = r.tpot;
            lastMemory = r.memoryPerGpu;
        }
    }
    Scenario a = kimiOnGb200Afd();
    double lastTpot = 0;
    for (double b = 1; b <= 2048; b *= 1.5) {
        a[Param::BatchPerAttentionGpu] = std::round(b);
        const ThroughputResult r = throughput(a);
        QVERIFY(r.tpot >= lastTpot);
        lastTpot = r.tpot;
    }
}

void TestThroughput::memoryGrowsWithContext() {
    Scenario ep = profileScenario();
    Scenario afd = kimiOnGb200Afd();
    double lastEp = 0;
    double lastAfd = 0;
    for (double ctx = 256; ctx <= 262144; ctx *= 2) {
        ep[Param::ContextTokens] = ctx;
        afd[Param::ContextTokens] = ctx;
        const ThroughputResult e = throughput(ep);
        const ThroughputResult a = throughput(afd);
        QVERIFY(e.memoryPerGpu > lastEp && a.memoryPerAttentionGpu > lastAfd);
        // The FFN GPUs hold no KV cache.
        QCOMPARE(a.memoryPerFfnGpu, throughput(kimiOnGb200Afd()).memoryPerFfnGpu);
        lastEp = e.memoryPerGpu;
        lastAfd = a.memoryPerAttentionGpu;
    }
}

void TestThroughput::neverNaN() {
    // Random values across every Part C range (and every model/hardware preset): a result is an
    // error or entirely finite.
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0, 1);
    const PresetLibrary& lib = PresetLibrary::builtin();
    int evaluated = 0;
    for (int i = 0; i < 4000; ++i) {
        Scenario s;
        lib.hardwarePresets()[i % lib.hardwarePresets().size()].applyTo(s);
        lib.modelPresets()[(i / 7) % lib.modelPresets().size()].applyTo(s);
        for (const ParamSpec& p : parameters()) {
            if (!p.partC || p.group == ParamGroup::Model || p.id == Param::System) {
                continue;
            }
            const double lo = p.viewMin;
            const double hi = p.viewMax;
            double v = lo + (hi - lo) * unit(rng);
            if (p.kind != ParamKind::Real) {
                v = std::round(v);
            }
            s[p.id] = v;
        }
        s[Param::System] = 1 + i % 2;
        s[Param::Na] = 1 + std::floor(unit(rng) * 24);
        s[Param::Nf] = 1 + std::floor(unit(rng) * 8);
        s[Param::BatchPerAttentionGpu] = std::floor(unit(rng) * 1024);
        s[Param::Sigma] = 0.5 + 0.5 * unit(rng);
        s[Param::AcceptLen] = std::min(s[Param::AcceptLen], s[Param::TokensPerRequestStep]);
        s[Param::ExpertSlots] = 0;
        s[Param::EpGpus] = std::min(s[Param::EpGpus], s[Param::NumExperts]);
        if (i % 50 == 0) {
            s[Param::GemmBlend] = std::numeric_limits<double>::infinity();
        }
        const ThroughputResult r = throughput(s);
        if (r.error) {
            continue;
        }
        ++evaluated;
        for (double v : {r.stepTime, r.tpot, r.tokensPerSecondPerGpu, r.tokensPerSecondPerUser,
                         r.memoryPerGpu, r.memoryPerAttentionGpu, r.memoryPerFfnGpu, r.hfuFfn,
                         r.hfuFfnCycle, r.dispatchTime, r.combineTime, r.moeLayerTime,
                         r.usdPerMillionTokens, r.tokensPerJoule, r.tokensPerExpert}) {
            QVERIFY2(std::isfinite(v), qPrintable(QString::number(i)));
        }
    }
    QVERIFY(evaluated > 3000);
}

void TestThroughput::crossKeyErrors() {
    Scenario s = profileScenario();
    s[Param::AcceptLen] = 2.5; // q is 2
    ThroughputResult r = throughput(s);
    QCOMPARE(r.error.code, InputErrorCode::AcceptAboveTokens);
    const std::string text = describe(r.error, s);
    QVERIFY(text.find("accept_len") != std::string::npos &&
            text.find("tokens_per_request_step") != std::string::npos);
    // Without a system the same values are Part A's business, which has no such rule.
    s[Param::System] = 0;
    QVERIFY(!evaluate(s).error);

    s = profileScenario();
    s[Param::ExpertSlots] = 100; // fewer than 256 experts
    QCOMPARE(throughput(s).error.code, InputErrorCode::SlotsBelowExperts);
    s = profileScenario();
    s[Param::KvLoraRank] = 0;
    r = throughput(s);
    QCOMPARE(r.error.code, InputErrorCode::Geometry);
    QVERIFY(describe(r.error, s).find("kv_lora_rank") != std::string::npos);
    s = profileScenario();
    s[Param::KvCacheLayers] = 62;
    QCOMPARE(throughput(s).error.code, InputErrorCode::KvLayersAboveLayers);
    s = profileScenario();
    s[Param::EpGpus] = 320; // 288 slots: a GPU would hold no expert
    QCOMPARE(throughput(s).error.code, InputErrorCode::EpAboveSlots);
    s[Param::System] = *choiceIndex(Param::System, "afd"); // EP keys mean nothing to AFD
    QVERIFY(!throughput(s).error);
    // Part A's budget (SLO x L_accept > t_g) is not the throughput model's: 5 ms evaluates.
    s = profileScenario();
    s[Param::SloMs] = 5;
    r = throughput(s);
    QVERIFY(!r.error);
    QVERIFY(!r.meetsSlo);
}

void TestThroughput::everyNewKeyRefusesBadValues() {
    for (const ParamSpec& p : parameters()) {
        if (!p.partC) {
            continue;
        }
        const std::string key(p.key);
        QVERIFY2(!parseValueText(p.id, "nonsense"), key.c_str());
        QVERIFY2(!parseValueText(p.id, ""), key.c_str());
        QVERIFY2(!parseValueText(p.id, "nan"), key.c_str());
        QVERIFY2(!checkValue(p.id, std::nan("")).empty(), key.c_str());
        QVERIFY2(!checkValue(p.id, p.minValue - 1).empty(), key.c_str());
        if (std::isfinite(p.maxValue)) {
            QVERIFY2(!checkValue(p.id, p.maxValue * 2 + 1).empty(), key.c_str());
            QVERIFY2(!parseValueText(p.id, "inf"), key.c_str());
        } else {
            QCOMPARE(*parseValueText(p.id, "inf"), p.maxValue);
        }
        if (p.kind == ParamKind::Choice) {
            // Names, not numbers, and a wrong name lists the allowed ones.
            QVERIFY2(!parseValueText(p.id, "0"), key.c_str());
            for (std::size_t i = 0; i < p.choices.size(); ++i) {
                QCOMPARE(*parseValueText(p.id, p.choices[i]), double(i));
                QVERIFY(expectation(p.id).find(p.choices[i]) != std::string::npos);
            }
        } else if (p.kind != ParamKind::Real) {
            QVERIFY2(!parseValueText(p.id, formatNumber(p.minValue + 0.5)), key.c_str());
        }
    }
}

void TestThroughput::measurementsShipAndPredict() {
    // Every docs/model.md calibration case ships as a measurement, and its prediction is the figure
    // docs/model.md prints for it (three decimals).
    const PresetLibrary& lib = PresetLibrary::builtin();
    struct Expected {
        const char* id;
        double predicted;
        double measured;
    };
    const Expected cases[] = {{"deepseek-v3-decode-profile", 2411.892, 2324},
                              {"deepseek-v3-production", 1855.873, 1850},
                              {"step3-2a2f-fp8-4k", 4108.222, 4039},
                              {"step3-3a2f-bf16-4k", 2952.630, 3321},
                              {"step3-4a2f-fp8-8k", 2831.243, 2643}};
    for (const Expected& e : cases) {
        const auto it = std::find_if(lib.measurements().begin(), lib.measurements().end(),
                                     [&e](const Measurement& m) { return m.id == e.id; });
        QVERIFY2(it != lib.measurements().end(), e.id);
        QVERIFY(it->calibration);
        QCOMPARE(it->measuredTokensPerSecondPerGpu, e.measured);
        const MeasurementCheck c = checkMeasurement(*it, lib);
        QVERIFY2(c.problem.empty(), c.problem.c_str());
        QVERIFY2(std::abs(c.predicted.tokensPerSecondPerGpu - e.predicted) <= 5e-4, e.id);
        // Against docs/model.md's three-decimal prediction: 5e-4 tokens/s of error in the percent.
        QVERIFY(std::abs(c.errorPercent - (e.predicted - e.measured) / e.measured * 100) <=
                5e-4 / e.measured * 100);
    }
}

void TestThroughput::servingVerdictNamesTheWinner() {
    using namespace afd::test;
    Scenario s = paperPoint("h800", "deepseek-v3", 2);
    const ServingComparison c = compareServing(s, nullptr, false);
    QVERIFY(c.bothFound());
    // The comparison is the two searches', nothing else: the ratio of their best throughputs.
    QCOMPARE(c.bestRatio(), c.afd.best.tokensPerSecondPerGpu / c.ep.best.tokensPerSecondPerGpu);
    const std::string text = servingVerdict(s, c);
    const bool afdWins = c.bestRatio() >= 1;
    QVERIFY2(text.rfind(afdWins ? "AFD serves " : "EP serves ", 0) == 0, text.c_str());
    QVERIFY2(text.find("within TPOT 50 ms") != std::string::npos, text.c_str());
    // The winning deployments in words, and AFD's cycle bound and FFN HFU (the paper's lens).
    QVERIFY2(text.find(deploymentText(c.afd.best)) != std::string::npos, text.c_str());
    QVERIFY2(text.find(deploymentText(c.ep.best)) != std::string::npos, text.c_str());
    QVERIFY2(text.find("bound by " + boundText(c.afd.best.bound)) != std::string::npos,
             text.c_str());
    QVERIFY2(text.find("% HFU") != std::string::npos, text.c_str());
    QVERIFY(deploymentText(c.afd.best)
                .rfind(formatNumber(c.afd.best.na) + " attention : " + formatNumber(c.afd.best.nf) +
                           " FFN nodes",
                       0) == 0);

    // At 1 ms per output token nothing qualifies. docs/model.md C-S1: TPOT = T_step / L_accept
    // and T_step >= t_g0 + 61 layers x t_ovh = 1.75 ms + 61 x 60 us = 5.41 ms, so TPOT >=
    // 5.41 / 1.7 = 3.2 ms whatever the deployment. Both searches say so.
    s[Param::SloMs] = 1;
    const ServingComparison none = compareServing(s, nullptr, false);
    QVERIFY(!none.afd.found && !none.ep.found);
    QCOMPARE(none.bestRatio(), 0.0);
    const std::string failure = servingVerdict(s, none);
    QVERIFY2(failure.rfind("No AFD configuration meets slo_ms = 1 ms", 0) == 0, failure.c_str());
    QVERIFY2(failure.find("No EP configuration meets slo_ms = 1 ms") != std::string::npos,
             failure.c_str());
}

QTEST_GUILESS_MAIN(TestThroughput)
#include "tst_throughput.moc"
