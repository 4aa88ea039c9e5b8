// SPDX-License-Identifier: GPL-3.0-or-later
// Sweeps: axis parsing and spacing, the paper's N_F sweep on H800, agreement of every cell with
// a point evaluation, thread-count independence, masks for invalid cells, and numbers as text.
#include "afd/metrics.hpp"
#include "afd/number_format.hpp"
#include "afd/report.hpp"
#include "afd/sweep.hpp"
#include "test_support.hpp"

#include <QObject>
#include <QTest>
#include <charconv>
#include <cmath>
#include <string_view>

using namespace afd;
using afd::test::paperPoint;

class TestSweep : public QObject {
    Q_OBJECT
  private slots:
    void parseAxis_data();
    void parseAxis();
    void badAxis_data();
    void badAxis();
    void logAxisSpacing();
    void wholeNumberAxesTakeEachValueOnce_data();
    void wholeNumberAxesTakeEachValueOnce();
    void h800NfSweepMatchesPaper();
    void cellsEqualPointEvaluations();
    void threadCountDoesNotChangeResults();
    void invalidCellsAreMasked();
    void numbersAsText_data();
    void numbersAsText();
    void csvNumbersReadBackExactly();
    void csvHasOneFeasibleColumn();
};

void TestSweep::parseAxis_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("key");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("steps");
    QTest::addColumn<bool>("log");
    QTest::newRow("integer linear, default steps = every value")
        << "nf=1:64:lin"
        << "nf" << 1.0 << 64.0 << 64 << false;
    QTest::newRow("whole-number key without steps takes every value")
        << "nf=1:16"
        << "nf" << 1.0 << 16.0 << 16 << false;
    QTest::newRow("explicit log on a whole-number key") << "nf=1:64:log"
                                                        << "nf" << 1.0 << 64.0 << 64 << true;
    QTest::newRow("log-scaled key defaults to log")
        << "scale_out_bw_gb_s=10:1000"
        << "scale_out_bw_gb_s" << 10.0 << 1000.0 << 64 << true;
    QTest::newRow("explicit steps and log") << "slo_ms=20:200:10:log"
                                            << "slo_ms" << 20.0 << 200.0 << 10 << true;
    QTest::newRow("linear override") << "scale_up_bw_gb_s=100:900:9:lin"
                                     << "scale_up_bw_gb_s" << 100.0 << 900.0 << 9 << false;
}

void TestSweep::parseAxis() {
    QFETCH(QString, text);
    QFETCH(QString, key);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, steps);
    QFETCH(bool, log);
    const SweepAxis a = afd::parseAxis(text.toStdString());
    QCOMPARE(QString::fromUtf8(spec(a.param).key.data(), qsizetype(spec(a.param).key.size())), key);
    QCOMPARE(a.from, from);
    QCOMPARE(a.to, to);
    QCOMPARE(a.steps, steps);
    QCOMPARE(a.log, log);
}

void TestSweep::badAxis_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("no equals sign") << "nf"
                                    << "KEY=FROM:TO";
    QTest::newRow("unknown key") << "bogus=1:2"
                                 << "unknown parameter 'bogus'";
    QTest::newRow("one field") << "nf=4"
                               << "KEY=FROM:TO";
    QTest::newRow("non-numeric") << "nf=a:4"
                                 << "FROM 'a' is not a number";
    QTest::newRow("out of range") << "nf=0:4"
                                  << "expected a whole number in [1, 4096]";
    QTest::newRow("zero steps") << "nf=1:4:0"
                                << "STEPS";
    QTest::newRow("too many steps") << "nf=1:4:100000"
                                    << "STEPS";
    QTest::newRow("log through zero") << "gap_ms=0:10:5:log"
                                      << "positive";
    QTest::newRow("junk suffix") << "nf=1:4:5:cubic"
                                 << "expected log or lin";
}

void TestSweep::badAxis() {
    QFETCH(QString, text);
    QFETCH(QString, messagePart);
    try {
        afd::parseAxis(text.toStdString());
        QFAIL("parseAxis accepted an invalid axis");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(messagePart), e.what());
    }
}

void TestSweep::logAxisSpacing() {
    // 10 .. 1000 in 3 log steps: 10, 100, 1000 (geometric mean in the middle).
    SweepAxis a{Param::ScaleOutBwGbS, 10, 1000, 3, true};
    const auto v = a.values();
    QCOMPARE(v.size(), std::size_t(3));
    QCOMPARE(v[0], 10.0);
    AFD_COMPARE_NEAR(v[1], 100.0, 1e-12, "geometric spacing");
    QCOMPARE(v[2], 1000.0);
    // Whole-number parameters are rounded: nf 1 .. 64 in 4 log steps = 1, 4, 16, 64.
    SweepAxis n{Param::Nf, 1, 64, 4, true};
    QCOMPARE(n.values(), (std::vector<double>{1, 4, 16, 64}));
}

void TestSweep::wholeNumberAxesTakeEachValueOnce_data() {
    QTest::addColumn<QString>("axis");
    QTest::addColumn<std::vector<double>>("expected");
    // nf is log-scaled: 9 geometric steps from 1 to 9 round to 1,1,2,2,3,4,5,7,9; with 9 steps
    // for 9 whole values the axis is every one of them.
    QTest::newRow("log, steps cover the range")
        << QStringLiteral("nf=1:9:9") << std::vector<double>{1, 2, 3, 4, 5, 6, 7, 8, 9};
    QTest::newRow("linear, more steps than values")
        << QStringLiteral("top_k=2:5:10:lin") << std::vector<double>{2, 3, 4, 5};
    QTest::newRow("descending") << QStringLiteral("nf=4:1:4") << std::vector<double>{4, 3, 2, 1};
    // Fewer steps than values: 1 * 64^(i/3) = 1, 4, 16, 64 (exact powers), no repeats to drop.
    QTest::newRow("log, fewer steps")
        << QStringLiteral("nf=1:64:4") << std::vector<double>{1, 4, 16, 64};
    // 5 linear steps over 1..3: 1, 1.5, 2, 2.5, 3 round (half away from zero) to 1, 2, 2, 3, 3,
    // but 5 steps cover the 3 values, so each whole value once.
    QTest::newRow("linear, halves")
        << QStringLiteral("nf=1:3:5:lin") << std::vector<double>{1, 2, 3};
}

void TestSweep::wholeNumberAxesTakeEachValueOnce() {
    QFETCH(QString, axis);
    QFETCH(std::vector<double>, expected);
    QCOMPARE(afd::parseAxis(axis.toStdString()).values(), expected);
}

void TestSweep::h800NfSweepMatchesPaper() {
    const Scenario base = paperPoint("h800", "deepseek-v3", 2);
    const auto hfu = *findMetric("hfu");
    const Grid g = sweep(base, SweepAxis{Param::Nf, 1, 32, 32, false}, std::nullopt, {hfu});
    QCOMPARE(g.nx(), std::size_t(32));
    QCOMPARE(g.ny(), std::size_t(1));
    // N_F = 1: capacity-infeasible (81.7 GB > 80 GB) but still evaluated (A5: drawn as such).
    QVERIFY((g.infeasible[0] & kCapacity) != 0);
    // N_F = 1, 2: 2 * 2048 * 160e9 / 1979e12; N_F = 3: TopK/N_F = 2.67 <= 3.2, stable, so
    // BW_eff = 50 * 8/3 GB/s; N_F >= 8: the floor 2 * 2048 * 50e9 / 1979e12.
    const double ceiling = 2.0 * 2048 * 160e9 / 1979e12;
    AFD_COMPARE_NEAR(g.values[0][1], ceiling, 1e-12, "A3 closed form, scale-up binds");
    QCOMPARE(g.regime[2], Regime::Stable);
    AFD_COMPARE_NEAR(g.values[0][2], 2.0 * 2048 * (50e9 * 8 / 3) / 1979e12, 1e-12, "stable");
    for (std::size_t i = 7; i < 32; ++i) {
        AFD_COMPARE_NEAR(g.values[0][i], 2.0 * 2048 * 50e9 / 1979e12, 1e-12, "dead-zone floor");
    }
    QCOMPARE(g.regime[31], Regime::MaxIntensity); // G = ceil(256 / 256) = 1 at N_F = 32
}

void TestSweep::cellsEqualPointEvaluations() {
    const Scenario base = paperPoint("b200", "kimi-k2", 2);
    const std::vector<std::size_t> ids{*findMetric("hfu"), *findMetric("intensity"),
                                       *findMetric("tokens_per_rank")};
    const SweepAxis x{Param::ScaleOutBwGbS, 10, 1000, 37, true};
    const SweepAxis y{Param::Nf, 1, 64, 29, false};
    const Grid g = sweep(base, x, y, ids, 2);
    for (std::size_t iy = 0; iy < g.ny(); iy += 3) {
        for (std::size_t ix = 0; ix < g.nx(); ix += 5) {
            Scenario p = base;
            p[Param::ScaleOutBwGbS] = g.xs[ix];
            p[Param::Nf] = g.ys[iy];
            const Result r = evaluate(p);
            QCOMPARE(g.values[0][g.cell(ix, iy)], r.hfu);
            QCOMPARE(g.values[1][g.cell(ix, iy)], r.intensity);
            QCOMPARE(g.values[2][g.cell(ix, iy)], r.tokensPerRank);
            QCOMPARE(g.regime[g.cell(ix, iy)], r.regime);
        }
    }
}

void TestSweep::threadCountDoesNotChangeResults() {
    const Scenario base = paperPoint("h800", "deepseek-v3", 2);
    const SweepAxis x{Param::ScaleOutBwGbS, 10, 1000, 100, true};
    const SweepAxis y{Param::Nf, 1, 64, 64, false};
    const std::vector<std::size_t> ids{*findMetric("hfu")};
    const Grid one = sweep(base, x, y, ids, 1);
    const Grid two = sweep(base, x, y, ids, 2);
    const Grid three = sweep(base, x, y, ids, 3);
    QCOMPARE(one.values, two.values);
    QCOMPARE(one.values, three.values);
}

void TestSweep::invalidCellsAreMasked() {
    // top_k beyond num_experts = 256 is an input error: NaN value, error set, neighbours fine.
    const Scenario base = paperPoint("h800", "deepseek-v3", 2);
    const Grid g = sweep(base, SweepAxis{Param::TopK, 250, 260, 11, false}, std::nullopt,
                         {*findMetric("hfu")});
    for (std::size_t i = 0; i < g.nx(); ++i) {
        const bool bad = g.xs[i] > 256;
        QCOMPARE(bool(g.errors[i]), bad);
        QCOMPARE(std::isnan(g.values[0][i]), bad);
    }
}

void TestSweep::numbersAsText_data() {
    QTest::addColumn<QString>("written");
    QTest::addColumn<QString>("expected");
    const auto row = [](const char* name, const std::string& written, const char* expected) {
        QTest::newRow(name) << QString::fromStdString(written) << QString::fromLatin1(expected);
    };
    // Data: the shortest text that reads back to the same double (C++ std::to_chars), whole
    // numbers without exponent or ".0".
    row("1.06 stays 1.06 (%.17g would give 1.0600000000000001)", formatNumber(1.06), "1.06");
    row("0.1 + 0.2 needs all 17 digits", formatNumber(0.1 + 0.2), "0.30000000000000004");
    row("whole number", formatNumber(100000), "100000");
    row("negative", formatNumber(-2.5), "-2.5");
    row("large whole number keeps its exponent", formatNumber(1e20), "1e+20");
    row("infinity", formatNumber(HUGE_VAL), "inf");
    // Tables and sentences: printf's %.Ng, %.Ne and %.Nf, C locale.
    row("%.3g", formatSignificant(0.38251366, 3), "0.383");
    row("%.6g of a large number", formatSignificant(1234567, 6), "1.23457e+06");
    row("%.3e", formatScientific(2.5072e11, 3), "2.507e+11");
    row("%.1f", formatFixed(33.116, 1), "33.1");
    row("%.1f keeps the sign of a small negative", formatFixed(-0.04, 1), "-0.0");
    row("%.0f", formatFixed(1855.873, 0), "1856");
}

void TestSweep::numbersAsText() {
    QFETCH(QString, written);
    QFETCH(QString, expected);
    QCOMPARE(written, expected);
}

void TestSweep::csvNumbersReadBackExactly() {
    // Every number a CSV sweep writes reads back to the very double that was computed: a log
    // axis gives values like 21.544346900318832 that no fixed precision below 17 digits keeps.
    const Scenario base = paperPoint("h800", "deepseek-v3", 2);
    const std::vector<std::size_t> ids{*findMetric("hfu"), *findMetric("intensity"),
                                       *findMetric("t_budget_ms")};
    const Grid g =
        sweep(base, SweepAxis{Param::ScaleOutBwGbS, 10, 1000, 37, true}, std::nullopt, ids);
    const std::string csv = gridToCsv(g);
    std::string_view rest(csv);
    rest.remove_prefix(rest.find('\n') + 1); // header
    const auto number = [](std::string_view cell) {
        double v = 0;
        const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        return ec == std::errc{} && end == cell.data() + cell.size() ? v : std::nan("");
    };
    for (std::size_t i = 0; i < g.nx(); ++i) {
        const std::string_view line = rest.substr(0, rest.find('\n'));
        rest.remove_prefix(line.size() + 1);
        std::vector<std::string_view> cells;
        for (std::size_t at = 0; at <= line.size();) {
            const std::size_t comma = std::min(line.find(',', at), line.size());
            cells.push_back(line.substr(at, comma - at));
            at = comma + 1;
        }
        QCOMPARE(number(cells[0]), g.xs[i]);
        for (std::size_t m = 0; m < ids.size(); ++m) {
            QCOMPARE(number(cells[1 + m]), g.values[m][i]);
        }
    }
}

void TestSweep::csvHasOneFeasibleColumn() {
    // Asked for as a metric, "feasible" is the row's own true/false column, not a second one.
    // N_F = 1 and 2 on H800 with DeepSeek-V3. At N_F = 1 each GPU holds 256 / 8 = 32 experts of
    // 3 x 7168 x 2048 B = 44 MB: 1.41 GB per layer, 81.7 GB over 58 layers (> 80 GB HBM), and
    // 1.41 GB / 3.35 TB/s = 0.42 ms > the 0.383 ms budget: capacity and bandwidth. Its HFU is
    // the scale-up cap 2 M BW_up / FLOPS = 2 x 2048 x 160e9 / 1979e12 = 0.33116 (A2, Eq. 19).
    const Scenario base = paperPoint("h800", "deepseek-v3", 2);
    const Grid g = sweep(base, SweepAxis{Param::Nf, 1, 2, 2, false}, std::nullopt,
                         {*findMetric("hfu"), *findMetric("feasible")});
    const std::string csv = gridToCsv(g);
    const std::string header = csv.substr(0, csv.find('\n'));
    QCOMPARE(header, std::string("nf [nodes],hfu,regime,feasible,infeasible_reasons,error"));
    QVERIFY2(csv.find("\n1,0.3311") != std::string::npos, csv.c_str());
    QVERIFY2(csv.find(",false,capacity+bandwidth,\n") != std::string::npos, csv.c_str());
    QVERIFY2(csv.find(",true,,\n") != std::string::npos, csv.c_str());
}

QTEST_GUILESS_MAIN(TestSweep)
#include "tst_sweep.moc"
