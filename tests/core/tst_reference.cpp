// SPDX-License-Identifier: GPL-3.0-or-later
// The paper's own numbers (docs/model.md "Public reference checks" and the worked examples of Part
// A). Each expected value is derived in the row beside it from the paper's inputs. And every
// parameter and metric names where docs/model.md defines it.
#include "afd/metrics.hpp"
#include "afd/model.hpp"
#include "afd/roofline.hpp"
#include "afd/verdict.hpp"
#include "test_support.hpp"

#include <QFile>
#include <QObject>
#include <QRegularExpression>
#include <QTest>

using namespace afd;
using afd::test::paperPoint;

class TestReference : public QObject {
    Q_OBJECT
  private slots:
    void hfuCeilings_data();
    void hfuCeilings();
    void budget();
    void ratios();
    void deepSeekH800WorkedExample();
    void deepSeekH800NotDeployableOnOneNode();
    void deadZoneFloor_data();
    void deadZoneFloor();
    void stableRegime();
    void weakFlopsGpuIsComputeSaturated();
    void sparsityAndGranularity_data();
    void sparsityAndGranularity();
    void superpodIgnoresScaleOut();
    void everyReferenceIsInModelMd();
    void rooflinePointsAndAxis();
    void linkRoofs_data();
    void linkRoofs();
    void ceilingIsTheBestDeployablePoint_data();
    void ceilingIsTheBestDeployablePoint();
};

namespace {

QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// A reference is "SECTION[, SECTION...][, Eq. N...]": one hop from a number to docs/model.md.
// Returns what is wrong with it, or an empty string.
QString checkReference(const QString& doc, const QString& reference) {
    static const QRegularExpression section(QStringLiteral("^(A[1-7]|B[1-6]|C-[A-Z][A-Z0-9]*)$"));
    static const QRegularExpression equation(QStringLiteral("^Eq\\. ([0-9]+)$"));
    const QStringList tokens = reference.split(QStringLiteral(", "));
    if (reference.isEmpty() || !section.match(tokens.first()).hasMatch()) {
        return QStringLiteral("does not start with a section id");
    }
    for (const QString& t : tokens) {
        if (section.match(t).hasMatch()) {
            // Sections carry an anchor: <a id="a2"></a>, <a id="c-f"></a>.
            if (!doc.contains(QStringLiteral("<a id=\"") + t.toLower() +
                              QStringLiteral("\"></a>"))) {
                return QStringLiteral("section ") + t + QStringLiteral(" is not in docs/model.md");
            }
        } else if (const auto m = equation.match(t); m.hasMatch()) {
            // Equations carry their number in parentheses after the formula: "(17)", "(9, with
            // Eq. 17)", "(8), (19)".
            const QRegularExpression label(QStringLiteral("\\s\\(") + m.captured(1) +
                                           QStringLiteral("[),]"));
            if (!doc.contains(label)) {
                return QStringLiteral("equation ") + m.captured(1) +
                       QStringLiteral(" is not in docs/model.md");
            }
        } else {
            return QStringLiteral("'") + t + QStringLiteral("' is neither a section nor Eq. N");
        }
    }
    return {};
}

} // namespace

void TestReference::hfuCeilings_data() {
    QTest::addColumn<QString>("hardware");
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("nf");
    QTest::addColumn<double>("expected");
    // Eq. 19: HFU = 2 M BW_eff / FLOPS with the paper's 1 + 2 bytes per element.
    // 2 * 2048 * 720e9 / 4500e12 = 0.65536.
    QTest::newRow("Eq.19 GB200 DeepSeek-V3 65.5% (docs/model.md A3)")
        << "gb200"
        << "deepseek-v3" << 2.0 << 0.65536;
    QTest::newRow("Eq.19 GB300 DeepSeek-V3 65.5% (docs/model.md A3)")
        << "gb300"
        << "deepseek-v3" << 4.0 << 0.65536;
    QTest::newRow("Eq.19 GB200 Kimi-K2 65.5% (docs/model.md A3)") << "gb200"
                                                                  << "kimi-k2" << 8.0 << 0.65536;
    // 2 * 1536 * 720e9 / 4500e12 = 0.49152.
    QTest::newRow("GLM-4.7 on GB200 49.2% (docs/model.md checks)") << "gb200"
                                                                   << "glm-4.7" << 2.0 << 0.49152;
    // H800: the scale-up link binds for N_F = 1, 2 (TopK/N_F >= 4 > r = 3.2):
    // 2 * 2048 * 160e9 / 1979e12 = 0.331157.
    QTest::newRow("H800 DeepSeek-V3 N_F=1 33.1% (docs/model.md checks)")
        << "h800"
        << "deepseek-v3" << 1.0 << 2.0 * 2048 * 160e9 / 1979e12;
    QTest::newRow("H800 DeepSeek-V3 N_F=2 33.1% (docs/model.md checks)")
        << "h800"
        << "deepseek-v3" << 2.0 << 2.0 * 2048 * 160e9 / 1979e12;
}

void TestReference::hfuCeilings() {
    QFETCH(QString, hardware);
    QFETCH(QString, model);
    QFETCH(double, nf);
    QFETCH(double, expected);
    const Result r = evaluate(paperPoint(hardware.toStdString(), model.toStdString(), nf));
    QVERIFY(!r.error);
    AFD_COMPARE_NEAR(r.hfu, expected, 1e-9, "closed form of Appendix A with Table 4/5 values");
    QVERIFY(!r.computeSaturated);
}

void TestReference::budget() {
    // Eq. 1: t_B = (50 ms * 1.7 - 15 ms) / (61 layers * 3) = 70 / 183 ms = 0.382514 ms.
    const Result r = evaluate(paperPoint("h800", "deepseek-v3", 2));
    AFD_COMPARE_NEAR(r.budgetTime, 70.0 / 183.0 * 1e-3, 1e-12, "docs/model.md A1 worked example");
    AFD_COMPARE_NEAR(r.budgetTime * 1e3, 0.38251, 1e-4, "printed as 0.38251 ms");
}

void TestReference::ratios() {
    // r = BW_up / BW_out: 160 / 50 and 360 / 50.
    AFD_COMPARE_NEAR(evaluate(paperPoint("h800", "deepseek-v3", 2)).ratioUpOut, 3.2, 1e-12,
                     "docs/model.md checks: r for H800");
    AFD_COMPARE_NEAR(evaluate(paperPoint("h20", "deepseek-v3", 2)).ratioUpOut, 7.2, 1e-12,
                     "docs/model.md checks: r for H20");
}

void TestReference::deepSeekH800WorkedExample() {
    const Result r = evaluate(paperPoint("h800", "deepseek-v3", 2));
    QVERIFY(!r.error);
    QCOMPARE(r.regime, Regime::ScaleUpBound); // TopK/N_F = 4 > r = 3.2
    QCOMPARE(r.rankCap, RankCap::ScaleUp);
    QCOMPARE(r.localExperts, 16.0); // ceil(256 / (2 * 8))
    // B_ScaleUp = 160e9 B/s * t_B / (3 B * 7168) = 2846.08 rows; equals 3.2 B_ScaleOut (A2).
    AFD_COMPARE_NEAR(r.tokensPerRank, 160e9 * (70.0 / 183.0 * 1e-3) / (3.0 * 7168), 1e-12,
                     "Eq. 9 with Eq. 17");
    AFD_COMPARE_NEAR(r.tokensPerRank, 2846.08, 1e-5, "docs/model.md checks: 2846 rows");
    AFD_COMPARE_NEAR(r.tokensPerRank, 3.2 * 50e9 * (70.0 / 183.0 * 1e-3) / (3.0 * 7168), 1e-12,
                     "A2: B_rank = B_ScaleUp = 3.2 B_ScaleOut");
    // Mem = 3 G H M w = 3 * 16 * 7168 * 2048 * 1 B = 704,643,072 B.
    QCOMPARE(r.weightBytesPerRank, 704643072.0);
    // I = 2 B_rank / G = 2 * 2846.08 / 16 = 355.76 FLOP/B.
    AFD_COMPARE_NEAR(r.intensity, 2.0 * 2846.08 / 16.0, 1e-5, "Eq. 10");
    QVERIFY(r.feasible());
    QVERIFY(!r.deadZone);
    // Capacity: 58 MoE layers * 704,643,072 B = 40.87 GB ("two 8-GPU H800 nodes are sufficient").
    AFD_COMPARE_NEAR(r.weightBytesPerGpu, 58.0 * 704643072.0, 1e-12, "A5 capacity rule");
}

void TestReference::deepSeekH800NotDeployableOnOneNode() {
    const Result r = evaluate(paperPoint("h800", "deepseek-v3", 1));
    QVERIFY(!r.error);
    QVERIFY(!r.feasible());
    QVERIFY((r.infeasible & kCapacity) != 0);
    // 58 layers * G = 32 * 3 * 7168 * 2048 B = 81.74 GB > 80 GB.
    AFD_COMPARE_NEAR(r.weightBytesPerGpu, 58.0 * 32.0 * 3.0 * 7168.0 * 2048.0, 1e-12, "A5");
    AFD_COMPARE_NEAR(r.weightBytesPerGpu / 1e9, 81.7, 1e-3, "docs/model.md checks: 81.7 GB");
    // Bandwidth: Mem = 1.409 GB streams in 0.4207 ms > t_B = 0.3825 ms, also infeasible.
    QVERIFY((r.infeasible & kBandwidth) != 0);
}

void TestReference::deadZoneFloor_data() {
    QTest::addColumn<double>("nf");
    for (double nf : {8.0, 9.0, 12.0, 16.0, 32.0, 64.0, 256.0}) {
        QTest::newRow(
            qPrintable(QStringLiteral("H800 DeepSeek-V3 N_F=%1 (docs/model.md checks)").arg(nf)))
            << nf;
    }
}

void TestReference::deadZoneFloor() {
    QFETCH(double, nf);
    const Result r = evaluate(paperPoint("h800", "deepseek-v3", nf));
    QVERIFY(r.deadZone);
    QCOMPARE(r.rankCap, RankCap::ScaleOut);
    // Floor 2 M BW_out / FLOPS = 2 * 2048 * 50e9 / 1979e12 = 0.103487.
    AFD_COMPARE_NEAR(r.hfu, 2.0 * 2048 * 50e9 / 1979e12, 1e-12, "A4 dead-zone floor");
    AFD_COMPARE_NEAR(r.hfu, 0.1035, 1e-3, "printed as 0.1035");
    const Regime expected = nf >= 32 ? Regime::MaxIntensity : Regime::ScaleOutBound; // G = 1 at 32
    QCOMPARE(r.regime, expected);
}

void TestReference::stableRegime() {
    // N_F = 4 on H800: 1 <= TopK/N_F = 2 <= r = 3.2, BW_eff = 50 * 2 = 100 GB/s, so
    // HFU = 2 * 2048 * 100e9 / 1979e12 = 0.206973 (falls like 1/N_F through "stable").
    const Result r = evaluate(paperPoint("h800", "deepseek-v3", 4));
    QCOMPARE(r.regime, Regime::Stable);
    QVERIFY(r.deadZone);
    AFD_COMPARE_NEAR(r.effectiveInboundBw, 100e9, 1e-12, "Eq. 17 fan-out");
    AFD_COMPARE_NEAR(r.hfu, 2.0 * 2048 * 100e9 / 1979e12, 1e-12, "Appendix A closed form");
    QCOMPARE(r.localExperts, 8.0);
}

void TestReference::weakFlopsGpuIsComputeSaturated() {
    // H20 N_F = 1: BW_eff = min(50 * 8, 360) = 360 GB/s; the link could feed
    // 2 * 2048 * 360e9 / 296e12 = 4.98x the GPU's compute, so HFU caps at 1 (A3).
    const Result r = evaluate(paperPoint("h20", "deepseek-v3", 1));
    QVERIFY(r.computeSaturated);
    QCOMPARE(r.rankCap, RankCap::Compute);
    QCOMPARE(r.hfu, 1.0);
    AFD_COMPARE_NEAR(r.hfuUncapped, 2.0 * 2048 * 360e9 / 296e12, 1e-12, "uncapped closed form");
    QVERIFY(!r.deadZone);
}

void TestReference::sparsityAndGranularity_data() {
    QTest::addColumn<QString>("model");
    QTest::addColumn<double>("sparsity");
    QTest::addColumn<double>("granularity");
    QTest::addColumn<double>("granularityTolerance");
    // docs/model.md "Public reference checks": E / TopK and H / M as printed there. 32, 3.5, 16
    // and 1.4 are exact quotients of Table 4's integers (256 / 8, 7168 / 2048, 48 / 3,
    // 7168 / 5120), so they must match to rounding (1e-12). 2.286 is printed to three
    // decimals: the exact 8192 / 3584 = 2.2857... may differ from it by half a unit in the
    // last place, 0.0005 absolute = 2.19e-4 relative.
    QTest::newRow("DeepSeek-V3 32 / 3.5 (docs/model.md checks)")
        << "deepseek-v3" << 32.0 << 3.5 << 1e-12;
    QTest::newRow("Step3 16 / 1.4 (docs/model.md checks)") << "step3" << 16.0 << 1.4 << 1e-12;
    QTest::newRow("ERNIE-4.5 8 / 2.286 (docs/model.md checks)")
        << "ernie-4.5" << 8.0 << 2.286 << 0.0005 / 2.286;
}

void TestReference::sparsityAndGranularity() {
    QFETCH(QString, model);
    QFETCH(double, sparsity);
    QFETCH(double, granularity);
    QFETCH(double, granularityTolerance);
    const Scenario s = paperPoint("h800", model.toStdString(), 2);
    AFD_COMPARE_NEAR(s[Param::NumExperts] / s[Param::TopK], sparsity, 1e-12,
                     "exact quotient of Table 4 integers");
    AFD_COMPARE_NEAR(s[Param::HiddenSize] / s[Param::MoeIntermediateSize], granularity,
                     granularityTolerance, "as printed in docs/model.md (see the data rows)");
}

void TestReference::superpodIgnoresScaleOut() {
    // On a superpod BW_out := BW_up (A2), so the scale-out value must not matter.
    Scenario s = paperPoint("gb200", "deepseek-v3", 4);
    const double before = evaluate(s).hfu;
    s[Param::ScaleOutBwGbS] = 1;
    QCOMPARE(evaluate(s).hfu, before);
    QCOMPARE(evaluate(s).regime, Regime::Superpod);
    QVERIFY(!evaluate(s).deadZone);
}

void TestReference::everyReferenceIsInModelMd() {
    QFile file(QStringLiteral(AFD_SOURCE_DIR "/docs/model.md"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString doc = QString::fromUtf8(file.readAll());
    for (const ParamSpec& p : parameters()) {
        const QString problem = checkReference(doc, qs(p.reference));
        QVERIFY2(problem.isEmpty(), qPrintable(qs(p.key) + QStringLiteral(": '") + qs(p.reference) +
                                               QStringLiteral("' ") + problem));
    }
    // The metrics' sections are the ones docs/model.md's own trace table gives each key
    // ("How to trace a number", Part A outputs): "| `key` | what | A3, B1 |".
    const qsizetype tableStart = doc.indexOf(QStringLiteral("Part A outputs"));
    const qsizetype tableEnd = doc.indexOf(QStringLiteral("Imbalance outputs"), tableStart);
    QVERIFY(tableStart > 0 && tableEnd > tableStart);
    const QStringList rows = doc.mid(tableStart, tableEnd - tableStart).split(QLatin1Char('\n'));
    for (const MetricSpec& m : metrics()) {
        const QString reference = qs(m.reference);
        const QString problem = checkReference(doc, reference);
        QVERIFY2(problem.isEmpty(), qPrintable(qs(m.key) + QStringLiteral(": '") + reference +
                                               QStringLiteral("' ") + problem));
        const QString key = QLatin1Char('`') + qs(m.key) + QLatin1Char('`');
        QStringList documented;
        for (const QString& row : rows) {
            const QStringList cells = row.split(QLatin1Char('|')); // "", keys, what, section, ""
            if (cells.size() == 5 && cells[1].contains(key)) {
                documented = cells[3].trimmed().split(QStringLiteral(", "));
            }
        }
        QVERIFY2(!documented.isEmpty(),
                 qPrintable(key + QStringLiteral(" not in the trace table")));
        QStringList sections = reference.split(QStringLiteral(", "));
        sections.removeIf([](const QString& t) { return t.startsWith(QLatin1String("Eq.")); });
        QVERIFY2(sections == documented, qPrintable(key + QStringLiteral(": '") + reference +
                                                    QStringLiteral("', the trace table says ") +
                                                    documented.join(QStringLiteral(", "))));
    }
}

void TestReference::rooflinePointsAndAxis() {
    const Scenario s = paperPoint("h800", "deepseek-v3", 2);
    // A7: the EP reference, 60 % of 1979 TFLOP/s at 740 tokens per expert; Eq. 10 for one
    // expert's rows with FP8 weights (w = 1 B): I = 2 * 740 / 1 = 1480 FLOP/B.
    const RooflinePoint ep = epReferencePoint(s);
    QCOMPARE(ep.intensity, 1480.0);
    AFD_COMPARE_NEAR(ep.flops, 0.6 * 1979e12, 1e-15, "A7: HFU_EP x FLOPS");
    Scenario bf16 = s;
    bf16[Param::WeightBytes] = 2; // BF16 weights halve the intensity: 2 * 740 / 2 = 740
    QCOMPARE(epReferencePoint(bf16).intensity, 740.0);
    // The top axis: B = I w / 2, the inverse of I = 2 B / w.
    QCOMPARE(tokensPerExpertOfIntensity(1480, 1), 740.0);
    QCOMPARE(intensityOfTokensPerExpert(740, 0.5), 2960.0);
    // With the model's own numbers: I = 2 B_rank / (G w) and B = B_rank / G give B = I w / 2.
    const Result r = evaluate(s);
    AFD_COMPARE_NEAR(tokensPerExpertOfIntensity(r.intensity, 1), r.tokensPerExpert, 1e-15,
                     "Eq. 10 with B = B_rank / G");
    // A3: the HBM ridge FLOPS / BW_mem = 1979 / 3.35 = 590.746... FLOP/B.
    AFD_COMPARE_NEAR(ridgeIntensity(1979e12, 3.35e12), 1979.0 / 3.35, 1e-15, "A3 ridge point");
    AFD_COMPARE_NEAR(r.ridgeIntensity, ridgeIntensity(1979e12, 3.35e12), 1e-15, "A3 ridge");
    // A3, communication intensity: I_comm = 6 M / (d + c) = 6 * 2048 / 3 = 4096 FLOP/B, and on
    // the binding 160 GB/s link min(1979e12, 4096 * 160e9) = 6.5536e14 FLOP/s, i.e. HFU
    // 6.5536e14 / 1979e12 = 0.33116 (Eq. 19).
    QCOMPARE(attainableFlops(1979e12, 160e9, 4096), 6.5536e14);
    AFD_COMPARE_NEAR(attainableFlops(1979e12, 160e9, 4096) / 1979e12, 0.33116, 1e-5,
                     "docs/model.md reference checks: 33.1 %");
    QCOMPARE(attainableFlops(1979e12, 160e9, 1e6), 1979e12); // past the ridge: the compute roof
}

void TestReference::linkRoofs_data() {
    QTest::addColumn<QString>("hardware");
    QTest::addColumn<double>("nf");
    QTest::addColumn<double>("system");
    // kind (0 scale-out, 1 scale-out x fan-out, 2 scale-up), GB/s, binding; per roof.
    QTest::addColumn<QList<double>>("roofs");
    // DeepSeek-V3 (TopK 8) on H800 (BW_out 50, BW_up 160 GB/s), A2 and A4:
    // N_F 2: fan 4, 50 * 4 = 200 > 160: scale-up binds.
    QTest::newRow("H800, N_F 2: scale-up binds")
        << "h800" << 2.0 << 0.0 << QList<double>{0, 50, 0, 1, 200, 0, 2, 160, 1};
    // N_F 4: fan 2, 50 * 2 = 100 < 160: scale-out with fan-out binds.
    QTest::newRow("H800, N_F 4: scale-out x fan-out binds")
        << "h800" << 4.0 << 0.0 << QList<double>{0, 50, 0, 1, 100, 1, 2, 160, 0};
    // N_F 8: fan 1, no fan-out roof: the NIC itself binds (the dead-zone floor).
    QTest::newRow("H800, N_F 8: scale-out binds")
        << "h800" << 8.0 << 0.0 << QList<double>{0, 50, 1, 2, 160, 0};
    // GB200 NVL72: scale-up replaces scale-out (720 GB/s).
    QTest::newRow("GB200, superpod") << "gb200" << 2.0 << 0.0 << QList<double>{2, 720, 1};
    // B6: with a system set, N_A 8 + N_F 2 = 80 GPUs exceed the 72-GPU domain: BW_eff =
    // min(50 * 4, 720) = 200 GB/s, the fanned-out scale-out link.
    QTest::newRow("GB200, outside its domain (B6)")
        << "gb200" << 2.0 << 1.0 << QList<double>{0, 50, 0, 1, 200, 1, 2, 720, 0};
}

void TestReference::linkRoofs() {
    QFETCH(QString, hardware);
    QFETCH(double, nf);
    QFETCH(double, system);
    QFETCH(QList<double>, roofs);
    Scenario s = paperPoint(hardware.toStdString(), "deepseek-v3", nf);
    s[Param::System] = system;
    const Result r = evaluate(s);
    QVERIFY(!r.error);
    const std::vector<LinkRoof> got = afd::linkRoofs(s, r);
    QCOMPARE(qsizetype(got.size()) * 3, roofs.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
        const auto at = qsizetype(i) * 3;
        QCOMPARE(double(got[i].kind), roofs[at]);
        AFD_COMPARE_NEAR(got[i].bandwidth, roofs[at + 1] * 1e9, 1e-15, "GB/s of the roof");
        // The ridge of each roof: FLOPS / BW.
        AFD_COMPARE_NEAR(got[i].ridge, s[Param::FlopsTflops] * 1e12 / (roofs[at + 1] * 1e9), 1e-15,
                         "FLOPS / BW");
        QCOMPARE(double(got[i].binding), roofs[at + 2]);
    }
}

void TestReference::ceilingIsTheBestDeployablePoint_data() {
    QTest::addColumn<QString>("hardware");
    QTest::addColumn<double>("nf");
    QTest::addColumn<double>("hfu");
    // H800: N_F 1 is not deployable (81.7 GB > 80 GB, A5), N_F 2 gives 33.1 % (Eq. 19 with
    // BW_up 160: 2 * 2048 * 160e9 / 1979e12 = 0.331157...) and more N_F only less (A4).
    QTest::newRow("H800: N_F 2 at 33.1 %") << "h800" << 2.0 << 2.0 * 2048 * 160e9 / 1979e12;
    // GB200: 65.5 % at every N_F (superpod, Eq. 19: 2 * 2048 * 720e9 / 4500e12 = 0.65536) and
    // N_F 1 fits (81.7 GB < 180 GB): the first of equal points, N_F 1.
    QTest::newRow("GB200: N_F 1 at 65.5 %") << "gb200" << 1.0 << 0.65536;
    // H20: N_F 1 fits (81.7 GB < 96 GB) and is compute-saturated (A3: the link alone would give
    // 498 %), so HFU is exactly 1.
    QTest::newRow("H20: N_F 1 at 100 %") << "h20" << 1.0 << 1.0;
}

void TestReference::ceilingIsTheBestDeployablePoint() {
    QFETCH(QString, hardware);
    QFETCH(double, nf);
    QFETCH(double, hfu);
    const AfdCeiling best = afdCeiling(paperPoint(hardware.toStdString(), "deepseek-v3", 4));
    QVERIFY(best.found);
    QCOMPARE(best.nf, nf);
    AFD_COMPARE_NEAR(best.hfu, hfu, 1e-12, "Eq. 19 / A3 compute cap, derived in the row");
}

QTEST_GUILESS_MAIN(TestReference)
#include "tst_reference.moc"
