// SPDX-License-Identifier: GPL-3.0-or-later
// Imbalance factors of section 3.3 (docs/model.md A6, reference values) and the EP DP-imbalance
// extension B4. Expected values are worked out beside each row.
#include "afd/imbalance.hpp"
#include "test_support.hpp"

#include <QObject>
#include <QTest>
#include <random>

using namespace afd;

class TestImbalance : public QObject {
    Q_OBJECT
  private slots:
    void epImbalance();
    void exactBranch();
    void floorBeatsCeil();
    void integerTestToleratesRounding();
    void dpImbalance();
    void ffnShare();
    void correctedFactorNeverExceedsOne();
    void invalidInputs_data();
    void invalidInputs();
};

void TestImbalance::epImbalance() {
    // Eq. 12: (4 + 1) / (4 + 1/0.8) = 5 / 5.25 = 0.952381.
    AFD_COMPARE_NEAR(alphaEpImbalance(4, 0.8), 5.0 / 5.25, 1e-12, "docs/model.md A6 reference");
    AFD_COMPARE_NEAR(alphaEpImbalance(4, 0.8), 0.95238, 1e-5, "printed 0.95238");
    // (5 + 1) / (5 + 1/0.75) = 6 / 6.3333 = 0.947368.
    AFD_COMPARE_NEAR(alphaEpImbalance(5, 0.75), 0.94737, 1e-5, "docs/model.md A6 reference");
}

void TestImbalance::exactBranch() {
    // sigma N_A = 8 is whole: Eq. 13, 0.8 * 12 / (8 + 2) = 0.96.
    const ImbalanceResult r = imbalance({10, 2, 0.8, 4});
    QCOMPARE(r.rule, AfdRoundingRule::Exact);
    AFD_COMPARE_NEAR(r.alphaAfd, 0.96, 1e-12, "docs/model.md A6 reference alpha_exact");
    AFD_COMPARE_NEAR(r.alphaExact, 0.96, 1e-12, "Eq. 13");
}

void TestImbalance::floorBeatsCeil() {
    // sigma N_A = 7.5: floor (12/10) * 7 / (7 + 2) = 0.93333; ceil (12/10) * 7.5 / (8 + 2) = 0.9.
    const ImbalanceResult r = imbalance({10, 2, 0.75, 5});
    AFD_COMPARE_NEAR(r.alphaFloor, 1.2 * 7.0 / 9.0, 1e-12, "Eq. 14 corrected");
    AFD_COMPARE_NEAR(r.alphaCeil, 0.9, 1e-12, "Eq. 15 corrected");
    QCOMPARE(r.rule, AfdRoundingRule::Floor);
    AFD_COMPARE_NEAR(r.alphaAfd, 0.93333, 1e-5, "docs/model.md A6: alpha_AFD = floor");
    // AFD pays more than EP at the same lambda = 5 (0.94737).
    QVERIFY(r.alphaAfd < r.alphaEp);
    AFD_COMPARE_NEAR(r.alphaEp, 0.94737, 1e-5, "Eq. 12 at lambda 5, sigma 0.75");
}

void TestImbalance::integerTestToleratesRounding() {
    // sigma N_A is whole on paper but not in binary floating point: 0.7 * 90 evaluates to
    // 62.99999999999999 and 0.55 * 100 to 55.00000000000001. Both must take the exact branch.
    const double sigma = 0.7; // a variable, so the product is formed at run time
    QVERIFY(sigma * 90 != 63.0);
    const ImbalanceResult r = imbalance({90, 2, sigma, 4});
    QCOMPARE(r.rule, AfdRoundingRule::Exact);
    AFD_COMPARE_NEAR(r.alphaAfd, 0.7 * 92 / (63 + 2), 1e-12, "Eq. 13 with sigma N_A = 63");
    const double sigma2 = 0.55;
    QVERIFY(sigma2 * 100 != 55.0);
    QCOMPARE(imbalance({100, 4, sigma2, 4}).rule, AfdRoundingRule::Exact);
}

void TestImbalance::dpImbalance() {
    // B4: (4 + 1) / (4 / 0.8 + 1) = 5 / 6 = 0.8333; AFD cannot reuse freed time: sigma.
    const ImbalanceResult r = imbalance({10, 2, 0.8, 4});
    AFD_COMPARE_NEAR(r.alphaEpDp, 5.0 / 6.0, 1e-12, "docs/model.md B4 reference 0.833");
    QCOMPARE(r.alphaAfdDp, 0.8);
    QVERIFY(r.alphaEpDp > r.alphaAfdDp);
}

void TestImbalance::ffnShare() {
    // FFN share 1 / (1 + lambda): 0.2 at 4, 0.1667 at 5.
    AFD_COMPARE_NEAR(imbalance({8, 2, 0.8, 4}).ffnShareEp, 0.2, 1e-12, "docs/model.md A6");
    AFD_COMPARE_NEAR(imbalance({10, 2, 0.8, 5}).ffnShareEp, 1.0 / 6.0, 1e-12, "docs/model.md A6");
    AFD_COMPARE_NEAR(imbalance({10, 2, 0.8, 5}).ffnShareAfd, 2.0 / 12.0, 1e-12, "N_F/(N_A+N_F)");
}

void TestImbalance::correctedFactorNeverExceedsOne() {
    // The paper's printed (lambda_AFD + 1) factor gives 4.67 for N_A 10, N_F 2, sigma 0.75; the
    // corrected (N_A + N_F) / N_A factor keeps every alpha within (0, 1].
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> nodes(1, 200);
    std::uniform_real_distribution<double> sigma(0.01, 1.0);
    for (int i = 0; i < 20000; ++i) {
        const ImbalanceInput in{double(nodes(rng)), double(nodes(rng)), sigma(rng), 4};
        const ImbalanceResult r = imbalance(in);
        // The factors are quotients that reach 1 exactly in exact arithmetic (sigma = 1, or
        // N_A a multiple of N_F): 1e-12 allows the few ulps of rounding there, and the sigma
        // bound likewise.
        QVERIFY(r.alphaAfd <= 1.0 + 1e-12 && r.alphaAfd >= 0);
        QVERIFY(r.alphaFloor <= 1.0 + 1e-12);
        QVERIFY(r.alphaCeil <= 1.0 + 1e-12);
        QVERIFY(r.alphaEp <= 1.0 + 1e-12 && r.alphaEp >= in.sigma - 1e-12);
    }
}

void TestImbalance::invalidInputs_data() {
    QTest::addColumn<double>("na");
    QTest::addColumn<double>("nf");
    QTest::addColumn<double>("sigma");
    QTest::addColumn<double>("lambda");
    QTest::addColumn<QString>("key");
    QTest::newRow("sigma 0") << 10.0 << 2.0 << 0.0 << 4.0 << "'sigma'";
    QTest::newRow("sigma above 1") << 10.0 << 2.0 << 1.5 << 4.0 << "'sigma'";
    QTest::newRow("sigma NaN") << 10.0 << 2.0 << std::nan("") << 4.0 << "'sigma'";
    QTest::newRow("na 0") << 0.0 << 2.0 << 0.8 << 4.0 << "'na'";
    QTest::newRow("nf 0") << 10.0 << 0.0 << 0.8 << 4.0 << "'nf'";
    QTest::newRow("nf fractional") << 10.0 << 1.5 << 0.8 << 4.0 << "'nf'";
    QTest::newRow("lambda negative") << 10.0 << 2.0 << 0.8 << -1.0 << "'lambda_ep'";
}

void TestImbalance::invalidInputs() {
    QFETCH(double, na);
    QFETCH(double, nf);
    QFETCH(double, sigma);
    QFETCH(double, lambda);
    QFETCH(QString, key);
    const QString message = QString::fromStdString(validateImbalance({na, nf, sigma, lambda}));
    QVERIFY2(message.contains(key) && message.contains(QLatin1String("expected")),
             qPrintable(message));
}

QTEST_GUILESS_MAIN(TestImbalance)
#include "tst_imbalance.moc"
