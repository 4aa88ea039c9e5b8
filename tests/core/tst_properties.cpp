// SPDX-License-Identifier: GPL-3.0-or-later
// Properties of the model over many random valid design points, and every input-validation
// path: no NaN or infinity, 0 <= HFU <= 1, monotonicity in bandwidth and N_F, the Appendix-A
// closed form whenever a link binds, and regime boundaries where docs/model.md A4 puts them.
#include "afd/metrics.hpp"
#include "afd/model.hpp"

#include <QObject>
#include <QTest>
#include <cmath>
#include <limits>
#include <random>

using namespace afd;

namespace {

constexpr int kPoints = 20000;

// A random point inside every registry range, repaired to satisfy the cross-parameter rules.
Scenario randomPoint(std::mt19937_64& rng) {
    Scenario s;
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (const ParamSpec& p : parameters()) {
        const double t = unit(rng);
        double v = 0;
        if (p.scale == ParamScale::Log && p.minValue > 0) {
            v = p.minValue * std::pow(p.maxValue / p.minValue, t);
        } else {
            v = p.minValue + (p.maxValue - p.minValue) * t;
        }
        if (p.kind != ParamKind::Real) {
            v = std::clamp(std::round(v), p.minValue, p.maxValue);
        }
        s[p.id] = v;
    }
    // Keep the layer split consistent and TopK within E.
    s[Param::NumDenseLayers] = std::floor(unit(rng) * s[Param::NumLayers] * 0.5);
    s[Param::NumMoeLayers] = s[Param::NumLayers] - s[Param::NumDenseLayers];
    if (s[Param::NumMoeLayers] < 1) {
        s[Param::NumDenseLayers] = 0;
        s[Param::NumMoeLayers] = s[Param::NumLayers];
    }
    s[Param::TopK] = std::max(1.0, std::round(unit(rng) * std::min(64.0, s[Param::NumExperts])));
    // The budget must be positive: gap below SLO * L_accept.
    s[Param::GapMs] = std::min(spec(Param::GapMs).maxValue,
                               unit(rng) * 0.9 * s[Param::SloMs] * s[Param::AcceptLen]);
    // These are properties of the paper's model (Part A): no serving system, so B6 and the
    // throughput model's own checks stay out of it (tst_throughput covers those).
    s[Param::System] = 0;
    // Half the points use the paper's automatic batch (B1 reduces to Part A).
    if (unit(rng) < 0.5) {
        s[Param::BatchPerAttentionGpu] = 0;
    }
    return s;
}

bool allFinite(const Result& r) {
    for (const MetricSpec& m : metrics()) {
        if (!std::isfinite(m.read(r))) {
            return false;
        }
    }
    return true;
}

QString where(const Scenario& s) {
    QString text;
    for (const ParamSpec& p : parameters()) {
        text += QLatin1String(p.key.data(), static_cast<qsizetype>(p.key.size())) +
                QLatin1Char('=') + QString::number(s[p.id], 'g', 10) + QLatin1Char(' ');
    }
    return text;
}

} // namespace

class TestProperties : public QObject {
    Q_OBJECT
  private slots:
    void resultsAreFiniteAndBounded();
    void hfuNonDecreasingInBandwidth();
    void hfuNonIncreasingInNfOffSuperpod();
    void closedFormWheneverLinkBinds();
    void regimeBoundaries();
    void deadZoneBoundaryInNfAndScaleOut();
    void invalidInputs_data();
    void invalidInputs();
    void everyParameterRejectsNonFinite();
};

void TestProperties::resultsAreFiniteAndBounded() {
    std::mt19937_64 rng(20260210);
    for (int i = 0; i < kPoints; ++i) {
        const Scenario s = randomPoint(rng);
        const Result r = evaluate(s);
        QVERIFY2(!r.error, qPrintable(QString::fromStdString(describe(r.error, s))));
        QVERIFY2(allFinite(r), qPrintable(where(s)));
        // HFU and OFU are quotients (FLOPs over time x FLOPS): at their cap of 1 they may come
        // out a few ulps above it, so 1e-12 (far above an ulp, far below any real excess).
        QVERIFY2(r.hfu >= 0 && r.hfu <= 1.0 + 1e-12, qPrintable(where(s)));
        QVERIFY2(r.ofu >= 0 && r.ofu <= 1.0 + 1e-12, qPrintable(where(s)));
        // HFU = OFU * S_t by definition (docs/model.md section 2). The three are computed from
        // t_G and t_B separately, each rounding by a few ulps over inputs spanning many orders
        // of magnitude; 1e-9 leaves room for that, and a wrong formula is off by far more.
        QVERIFY(std::abs(r.hfu - r.ofu * r.occupancy) <= 1e-9 * std::max(1.0, r.hfu));
    }
}

void TestProperties::hfuNonDecreasingInBandwidth() {
    std::mt19937_64 rng(7);
    for (int i = 0; i < kPoints; ++i) {
        const Scenario s = randomPoint(rng);
        const double base = evaluate(s).hfu;
        for (Param bw : {Param::ScaleOutBwGbS, Param::ScaleUpBwGbS}) {
            Scenario more = s;
            more[bw] = std::min(spec(bw).maxValue, s[bw] * 1.37);
            // 1e-12: where the bandwidth does not bind, both HFUs are the same quantity
            // computed through different intermediates and may differ in the last bits.
            QVERIFY2(evaluate(more).hfu >= base * (1 - 1e-12), qPrintable(where(s)));
        }
    }
}

void TestProperties::hfuNonIncreasingInNfOffSuperpod() {
    std::mt19937_64 rng(11);
    for (int i = 0; i < kPoints; ++i) {
        Scenario s = randomPoint(rng);
        s[Param::Superpod] = 0;
        if (s[Param::Nf] >= spec(Param::Nf).maxValue) {
            continue;
        }
        Scenario next = s;
        next[Param::Nf] = s[Param::Nf] + 1;
        // 1e-12: on the floor (N_F >= TopK) the two HFUs are equal up to rounding.
        QVERIFY2(evaluate(next).hfu <= evaluate(s).hfu * (1 + 1e-12), qPrintable(where(s)));
    }
}

void TestProperties::closedFormWheneverLinkBinds() {
    std::mt19937_64 rng(13);
    int linkBound = 0;
    for (int i = 0; i < kPoints; ++i) {
        const Scenario s = randomPoint(rng);
        const Result r = evaluate(s);
        if (r.rankCap != RankCap::ScaleUp && r.rankCap != RankCap::ScaleOut) {
            continue;
        }
        ++linkBound;
        // Appendix A: HFU = 2 M BW_eff / FLOPS * 3 / (d + c), independent of t_B and H.
        const double expected = 2.0 * s[Param::MoeIntermediateSize] * r.effectiveInboundBw /
                                (s[Param::FlopsTflops] * 1e12) * 3.0 /
                                (s[Param::DispatchBytes] + s[Param::CombineBytes]);
        // The model goes through B_rank and t_B, which cancel only algebraically: rounding of a
        // few ulps per step over random inputs; 1e-9 is far below any error in the formula.
        QVERIFY2(std::abs(r.hfu - expected) <= 1e-9 * expected, qPrintable(where(s)));
    }
    QVERIFY2(linkBound > kPoints / 10, "too few link-bound points to test the closed form");
}

void TestProperties::regimeBoundaries() {
    std::mt19937_64 rng(17);
    for (int i = 0; i < kPoints; ++i) {
        const Scenario s = randomPoint(rng);
        const Result r = evaluate(s);
        const double nf = s[Param::Nf];
        const double topK = s[Param::TopK];
        const double ratio = s[Param::ScaleUpBwGbS] / s[Param::ScaleOutBwGbS];
        const bool singleExpert = nf * s[Param::GpusPerNode] >= s[Param::NumExperts];
        Regime expected = Regime::Superpod;
        if (s[Param::Superpod] == 0) {
            // A4 with r >= 1: G = 1 -> max-intensity; TopK/N_F > r -> scale-up-bound;
            // 1 < TopK/N_F <= r -> stable; N_F >= TopK -> scale-out-bound. With r < 1 the
            // scale-up link binds at every N_F.
            if (singleExpert) {
                expected = Regime::MaxIntensity;
            } else if (topK / nf > ratio || ratio < 1) {
                expected = Regime::ScaleUpBound;
            } else if (topK > nf) {
                expected = Regime::Stable;
            } else {
                expected = Regime::ScaleOutBound;
            }
        }
        QVERIFY2(r.regime == expected, qPrintable(where(s)));
    }
}

void TestProperties::deadZoneBoundaryInNfAndScaleOut() {
    // For the N_F x BW_out map, A4 puts the dead zone at N_F >= TopK BW_out / BW_up (with the
    // automatic batch, off superpod, not compute-saturated, r >= 1).
    std::mt19937_64 rng(19);
    int checked = 0;
    for (int i = 0; i < kPoints; ++i) {
        Scenario s = randomPoint(rng);
        s[Param::Superpod] = 0;
        s[Param::BatchPerAttentionGpu] = 0;
        const Result r = evaluate(s);
        if (r.computeSaturated || s[Param::ScaleUpBwGbS] < s[Param::ScaleOutBwGbS]) {
            continue;
        }
        ++checked;
        const bool expected =
            s[Param::Nf] >= s[Param::TopK] * s[Param::ScaleOutBwGbS] / s[Param::ScaleUpBwGbS];
        QVERIFY2(r.deadZone == expected, qPrintable(where(s)));
    }
    QVERIFY(checked > kPoints / 10);
}

void TestProperties::invalidInputs_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<double>("value");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("messagePart");
    const int range = static_cast<int>(InputErrorCode::OutOfRange);
    QTest::newRow("nf = 0 (N_F < 1)")
        << "nf" << 0.0 << range << "expected a whole number in [1, 4096] nodes";
    QTest::newRow("nf = -3") << "nf" << -3.0 << range << "'nf' = -3";
    QTest::newRow("nf = 2.5 (not whole)") << "nf" << 2.5 << range << "whole number";
    QTest::newRow("sigma = 0 (outside (0,1])") << "sigma" << 0.0 << range << "'sigma'";
    QTest::newRow("sigma = 1.2 (outside (0,1])") << "sigma" << 1.2 << range << "'sigma'";
    QTest::newRow("flops = 0") << "flops_tflops" << 0.0 << range << "TFLOP/s";
    QTest::newRow("flops negative") << "flops_tflops" << -1979.0 << range << "'flops_tflops'";
    QTest::newRow("scale-out = 0") << "scale_out_bw_gb_s" << 0.0 << range << "GB/s";
    QTest::newRow("superpod = 2") << "superpod" << 2.0 << range << "0 or 1";
    QTest::newRow("top_k > num_experts")
        << "top_k" << 300.0 << static_cast<int>(InputErrorCode::TopKAboveExperts)
        << "at most num_experts = 256";
    QTest::newRow("gap >= SLO x L_accept (t_B <= 0)")
        << "gap_ms" << 85.0 << static_cast<int>(InputErrorCode::NonPositiveBudget) << "t_B";
    QTest::newRow("layer split broken")
        << "num_dense_layers" << 4.0 << static_cast<int>(InputErrorCode::LayerSplit)
        << "num_layers = 61";
}

void TestProperties::invalidInputs() {
    QFETCH(QString, key);
    QFETCH(double, value);
    QFETCH(int, code);
    QFETCH(QString, messagePart);
    Scenario s; // registry defaults: DeepSeek-V3 on H800
    QVERIFY(!evaluate(s).error);
    s[*findParam(key.toStdString())] = value;
    const Result r = evaluate(s);
    QCOMPARE(static_cast<int>(r.error.code), code);
    const QString message = QString::fromStdString(describe(r.error, s));
    QVERIFY2(message.contains(messagePart), qPrintable(message));
    // An error result carries no numbers at all, so nothing NaN can leak out.
    QCOMPARE(r.hfu, 0.0);
    QCOMPARE(r.budgetTime, 0.0);
}

void TestProperties::everyParameterRejectsNonFinite() {
    for (const ParamSpec& p : parameters()) {
        for (double bad :
             {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
              -std::numeric_limits<double>::infinity()}) {
            Scenario s;
            s[p.id] = bad;
            const Result r = evaluate(s);
            if (bad == p.maxValue) {
                // An unbounded range (gemm_blend: inf is the sharp roofline) takes infinity.
                QVERIFY2(!r.error, p.key.data());
                continue;
            }
            QCOMPARE(r.error.code, InputErrorCode::OutOfRange);
            QCOMPARE(r.error.param, p.id);
        }
    }
}

QTEST_GUILESS_MAIN(TestProperties)
#include "tst_properties.moc"
