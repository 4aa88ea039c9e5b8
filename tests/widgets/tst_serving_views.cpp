// SPDX-License-Identifier: GPL-3.0-or-later
// The throughput frontier and the AFD-vs-EP breakdown on the default scenario (DeepSeek-V3 on
// H800): the frontier drawn is the core's, the SLO line sits at 1 / TPOT SLO, the best and the
// configured deployments are marked, the cost toggle follows the price, and the breakdown's bars
// are the ThroughputResult terms composed as docs/model.md C-O composes the MoE layer.
#include "afd/deployment_search.hpp"
#include "afd/optimal_ratio.hpp"
#include "afd/presets.hpp"
#include "afd/serving_comparison.hpp"
#include "main_window.hpp"
#include "plot_helpers.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QTest>
#include <algorithm>
#include <cmath>

using namespace afd;
using namespace afd::ui;

namespace {

QCPGraph* graphNamed(QCustomPlot* plot, const QString& objectName) {
    for (int i = 0; i < plot->graphCount(); ++i) {
        if (plot->graph(i)->objectName() == objectName) {
            return plot->graph(i);
        }
    }
    return nullptr;
}

QCPAbstractItem* itemNamed(QCustomPlot* plot, const QString& objectName) {
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (plot->item(i)->objectName() == objectName) {
            return plot->item(i);
        }
    }
    return nullptr;
}

// The stacked parts as drawn: value [µs] of part k in the bar at row i (bars sorted by key).
double drawnPart(QCustomPlot* plot, std::size_t k, int row) {
    for (int i = 0; i < plot->plottableCount(); ++i) {
        auto* bars = qobject_cast<QCPBars*>(plot->plottable(i));
        if (bars != nullptr && bars->objectName() == QStringLiteral("part_%1").arg(k)) {
            return bars->data()->at(row)->value;
        }
    }
    return qQNaN();
}

double drawnRowTotal(QCustomPlot* plot, int row) {
    double sum = 0;
    for (std::size_t k = 0; k < kBreakdownParts; ++k) {
        sum += drawnPart(plot, k, row);
    }
    return sum;
}

constexpr double kUs = 1e6;

} // namespace

class TestServingViews : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void frontierIsTheCoresFrontier();
    void sloLineAtOneOverTheSlo();
    void bestAndConfiguredPointsAreMarked();
    void hoverNamesTheConfiguration();
    void songRatioMarksItsDeployment();
    void costToggleFollowsThePrice();
    void nothingFitsShowsAMessage();
    void epBarsComposeTheLayerTime_data();
    void epBarsComposeTheLayerTime();
    void afdBarsComposeTheCycle();
    void ratioIsTheBestRatio();

  private:
    FrontierView* frontier() const {
        return qobject_cast<FrontierView*>(window_->view(QStringLiteral("frontier")));
    }
    BreakdownView* breakdown() const {
        return qobject_cast<BreakdownView*>(window_->view(QStringLiteral("breakdown")));
    }
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestServingViews::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1600, 1000);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QCOMPARE(controller_->hardwareId(), QStringLiteral("h800"));
    QCOMPARE(controller_->modelId(), QStringLiteral("deepseek-v3"));
}

void TestServingViews::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestServingViews::frontierIsTheCoresFrontier() {
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    QVERIFY(v != nullptr);
    v->refreshNow();
    // The core's own search, run here, not through the controller's cache.
    const Scenario& s = controller_->scenario();
    const DeploymentSearch ep = searchDeployment(s, ServingSystem::Ep, nullptr, {}, true);
    const DeploymentSearch afd = searchDeployment(s, ServingSystem::Afd, nullptr, {}, true);
    QVERIFY(ep.frontier.size() > 2);
    QVERIFY(afd.frontier.size() > 2);
    for (const auto& [key, search] : {std::pair{QStringLiteral("frontier_ep"), &ep},
                                      std::pair{QStringLiteral("frontier_afd"), &afd}}) {
        QCPGraph* g = graphNamed(v->plot(), key);
        QVERIFY2(g != nullptr, qPrintable(key));
        QCOMPARE(g->data()->size(), int(search->frontier.size()));
        // Listed by tokens/s per user ascending (C-S2), so the first and last drawn points are
        // the core's first and last.
        QCOMPARE(g->data()->at(0)->key, search->frontier.front().tokensPerSecondPerUser);
        QCOMPARE(g->data()->at(0)->value, search->frontier.front().tokensPerSecondPerGpu);
        const int last = g->data()->size() - 1;
        QCOMPARE(g->data()->at(last)->key, search->frontier.back().tokensPerSecondPerUser);
        QCOMPARE(g->data()->at(last)->value, search->frontier.back().tokensPerSecondPerGpu);
        // Non-dominated: faster per user means fewer tokens/s per GPU.
        for (int i = 1; i < g->data()->size(); ++i) {
            QVERIFY(g->data()->at(i)->key > g->data()->at(i - 1)->key);
            QVERIFY(g->data()->at(i)->value < g->data()->at(i - 1)->value);
        }
    }
    QCOMPARE(v->plot()->xAxis->scaleType(), QCPAxis::stLogarithmic);
}

void TestServingViews::sloLineAtOneOverTheSlo() {
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    // tokens/s per user = 1 / TPOT (C-S1), so TPOT <= SLO is tokens/s per user >= 1 / SLO:
    // the default SLO of 50 ms puts the line at 1 / 0.050 s = 20 tokens/s per user.
    QCOMPARE(controller_->scenario()[Param::SloMs], 50.0);
    auto* line = qobject_cast<QCPItemLine*>(itemNamed(v->plot(), QStringLiteral("slo_line")));
    QVERIFY(line != nullptr);
    AFD_COMPARE_NEAR(line->start->coords().x(), 20.0, 1e-12, "1 / 50 ms");
    AFD_COMPARE_NEAR(line->end->coords().x(), 20.0, 1e-12, "vertical");
    // 80 ms: 1 / 0.080 s = 12.5 tokens/s per user.
    QVERIFY(controller_->setValue(Param::SloMs, 80));
    line = qobject_cast<QCPItemLine*>(itemNamed(v->plot(), QStringLiteral("slo_line")));
    QVERIFY(line != nullptr);
    AFD_COMPARE_NEAR(line->start->coords().x(), 12.5, 1e-12, "1 / 80 ms");
    AFD_COMPARE_NEAR(v->sloTokensPerUser(), 12.5, 1e-12, "1 / 80 ms");
    // The label names the SLO in words.
    bool labelled = false;
    for (int i = 0; i < v->plot()->itemCount(); ++i) {
        if (auto* t = qobject_cast<QCPItemText*>(v->plot()->item(i))) {
            labelled = labelled || t->text() == QStringLiteral("TPOT SLO 80 ms");
        }
    }
    QVERIFY(labelled);
}

void TestServingViews::bestAndConfiguredPointsAreMarked() {
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    const ServingComparison& serving = controller_->serving();
    QVERIFY(serving.bothFound());
    for (const auto& [key, best, own] :
         {std::tuple{QStringLiteral("ep"), &serving.ep.best, &serving.epCurrent},
          std::tuple{QStringLiteral("afd"), &serving.afd.best, &serving.afdCurrent}}) {
        QCPGraph* b = graphNamed(v->plot(), QStringLiteral("best_") + key);
        QVERIFY(b != nullptr);
        QCOMPARE(b->data()->size(), 1);
        QCOMPARE(b->data()->at(0)->key, best->tokensPerSecondPerUser);
        QCOMPARE(b->data()->at(0)->value, best->tokensPerSecondPerGpu);
        // The best point meets the SLO: right of the line at 20 tokens/s per user.
        QVERIFY(b->data()->at(0)->key >= 20.0);
        // ... and it is on the frontier (C-S2: the frontier holds `best`).
        QCPGraph* f = graphNamed(v->plot(), QStringLiteral("frontier_") + key);
        bool onFrontier = false;
        for (auto it = f->data()->constBegin(); it != f->data()->constEnd(); ++it) {
            onFrontier = onFrontier ||
                         (it->key == b->data()->at(0)->key && it->value == b->data()->at(0)->value);
        }
        QVERIFY(onFrontier);
        QCPGraph* c = graphNamed(v->plot(), QStringLiteral("current_") + key);
        QVERIFY(c != nullptr);
        QCOMPARE(c->data()->at(0)->key, own->tokensPerSecondPerUser);
        QCOMPARE(c->data()->at(0)->value, own->tokensPerSecondPerGpu);
    }
}

void TestServingViews::songRatioMarksItsDeployment() {
    // Song et al.'s r* at the best AFD's N_F and batch (docs/model.md C-R), rounded to whole
    // attention nodes, evaluated with its largest batch under the SLO.
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    const ThroughputResult& best = controller_->serving().afd.best;
    Scenario at = withSystem(controller_->scenario(), ServingSystem::Afd);
    at[Param::Na] = best.na;
    at[Param::Nf] = best.nf;
    at[Param::SharedExpertOn] = static_cast<double>(best.sharedOn);
    const OptimalRatio ratio = optimalRatioAtBatch(at, nullptr, best.batchPerAttentionGpu);
    QVERIFY2(ratio.error.empty(), ratio.error.c_str());
    at[Param::Na] = std::round(ratio.rStar * best.nf);
    at[Param::BatchPerAttentionGpu] = 0;
    const ThroughputResult expected = throughput(resolveAutomaticBatch(at, nullptr), nullptr);
    QCPGraph* song = graphNamed(v->plot(), QStringLiteral("song_ratio"));
    QVERIFY(song != nullptr);
    QCOMPARE(song->data()->at(0)->key, expected.tokensPerSecondPerUser);
    QCOMPARE(song->data()->at(0)->value, expected.tokensPerSecondPerGpu);
    // The legend says what it is and which deployment it names.
    QVERIFY2(song->name().contains(QStringLiteral("SLO-free")), qPrintable(song->name()));
    QVERIFY2(song->name().contains(
                 QStringLiteral("%1 attention : %2 FFN nodes").arg(at[Param::Na]).arg(best.nf)),
             qPrintable(song->name()));
}

void TestServingViews::hoverNamesTheConfiguration() {
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    v->plot()->replot(); // axis pixel positions are known after a replot
    const ThroughputResult& best = controller_->serving().afd.best;
    const QPointF at(v->plot()->xAxis->coordToPixel(best.tokensPerSecondPerUser),
                     v->plot()->yAxis->coordToPixel(best.tokensPerSecondPerGpu));
    const QString text = v->describeNear(at);
    QVERIFY2(text.contains(QStringLiteral("%1 attention : %2 FFN nodes").arg(best.na).arg(best.nf)),
             qPrintable(text));
    QVERIFY2(
        text.contains(QStringLiteral("attention batch %1 per GPU").arg(best.batchPerAttentionGpu)),
        qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("TPOT")), qPrintable(text));
    // Far from every point: nothing.
    QCOMPARE(v->describeNear(QPointF(-500, -500)), QString());
}

void TestServingViews::costToggleFollowsThePrice() {
    window_->showView(QStringLiteral("frontier"));
    FrontierView* v = frontier();
    // H800 is priced at 2 USD per GPU-hour (presets/hardware/h800.json).
    QCOMPARE(controller_->scenario()[Param::GpuHourUsd], 2.0);
    QVERIFY(v->costToggle()->isEnabled());
    v->setCostShown(true);
    QVERIFY(v->costShown());
    QVERIFY(v->plot()->yAxis->label().contains(QStringLiteral("USD per million tokens")));
    // C-S1 on one GPU type: USD per million tokens = price [USD/h] * GPUs / (tokens/s total *
    // 3600) * 1e6 = 2 / (3600 * tokens/s per GPU) * 1e6.
    const ThroughputResult& best = controller_->serving().ep.best;
    QCPGraph* b = graphNamed(v->plot(), QStringLiteral("best_ep"));
    QVERIFY(b != nullptr);
    AFD_COMPARE_NEAR(b->data()->at(0)->value, 2.0 / (3600.0 * best.tokensPerSecondPerGpu) * 1e6,
                     1e-12, "C-S1 cost on homogeneous hardware");
    // Unpriced hardware: the toggle is disabled, says why, and the y axis is throughput again.
    QVERIFY(controller_->setValue(Param::GpuHourUsd, 0));
    QVERIFY(!v->costToggle()->isEnabled());
    QVERIFY(!v->costShown());
    QVERIFY2(v->costToggle()->toolTip().contains(QStringLiteral("price")),
             qPrintable(v->costToggle()->toolTip()));
    QVERIFY(v->plot()->yAxis->label().contains(QStringLiteral("Tokens/s per GPU")));
}

void TestServingViews::nothingFitsShowsAMessage() {
    window_->showView(QStringLiteral("frontier"));
    // 1 GB per GPU holds no deployment of DeepSeek-V3's 671 B parameters (at most 320 GPUs).
    QVERIFY(controller_->setValue(Param::HbmCapacityGb, 1));
    FrontierView* v = frontier();
    QVERIFY(controller_->serving().ep.frontier.empty());
    QVERIFY(controller_->serving().afd.frontier.empty());
    auto* message =
        qobject_cast<QCPItemText*>(itemNamed(v->plot(), QStringLiteral("frontier_message")));
    QVERIFY(message != nullptr);
    QVERIFY2(QString(message->text())
                 .replace(QLatin1Char('\n'), QLatin1Char(' '))
                 .contains(QStringLiteral("fits in memory")),
             qPrintable(message->text()));
    for (QCPAxis* a : v->plot()->axisRect()->axes()) {
        QVERIFY(std::isfinite(a->range().lower) && std::isfinite(a->range().upper));
    }
    window_->showView(QStringLiteral("breakdown"));
    BreakdownView* b = breakdown();
    QVERIFY(b->rows().empty());
    QCOMPARE(b->ratio(), 0.0);
    QVERIFY(b->headline().contains(QStringLiteral("Neither")));
    QVERIFY(!b->headline().contains(QStringLiteral("nan")));
}

void TestServingViews::epBarsComposeTheLayerTime_data() {
    QTest::addColumn<double>("overlap"); // ep_overlap: 0 none, 1 sbo, 2 tbo
    QTest::newRow("none") << 0.0;
    QTest::newRow("sbo") << 1.0;
    QTest::newRow("tbo") << 2.0;
}

void TestServingViews::epBarsComposeTheLayerTime() {
    QFETCH(double, overlap);
    QVERIFY(controller_->setValue(Param::EpOverlap, overlap));
    window_->showView(QStringLiteral("breakdown"));
    BreakdownView* v = breakdown();
    v->setShowCurrent(true);
    v->refreshNow();
    const ThroughputResult& r = controller_->serving().epCurrent;
    QVERIFY(!r.error);
    QCOMPARE(int(r.overlap), int(overlap));
    const Efficiency e = efficiencyOf(controller_->scenario());
    // The EP GPU is row 0, its link row 1.
    const double a0 = r.attentionPre;
    const double a1 = r.attentionCore + r.attentionPost;
    const double ts = r.sharedTime;
    const double te = r.expertTime;
    const double td = r.dispatchTime;
    const double tc = r.combineTime;
    // C-O, EP MoE layer, written out here:
    //   tbo:  2 (max(t_S + A0, t_D) + t_E + max(A1, t_C) + t_ovh + 2 t_cks)
    //   sbo:  A0 + A1 + max(t_S, t_D) + (2/3) t_E + max(t_E / 3, t_C) + t_ovh + t_cks
    //   none: A0 + A1 + t_S + t_E + t_D + t_C + t_ovh + t_cks
    double layer = 0;
    double n = 1;
    double exposedDispatch = td;
    double exposedCombine = tc;
    if (overlap == 2.0) {
        n = 2;
        layer = 2 * (std::max(ts + a0, td) + te + std::max(a1, tc) + e.layerOverhead +
                     2 * e.commKernel);
        exposedDispatch = std::max(0.0, td - ts - a0);
        exposedCombine = std::max(0.0, tc - a1);
    } else if (overlap == 1.0) {
        layer = a0 + a1 + std::max(ts, td) + 2.0 / 3.0 * te + std::max(te / 3, tc) +
                e.layerOverhead + e.commKernel;
        exposedDispatch = std::max(0.0, td - ts);
        exposedCombine = std::max(0.0, tc - te / 3);
    } else {
        layer = a0 + a1 + ts + te + td + tc + e.layerOverhead + e.commKernel;
    }
    QCOMPARE(r.microBatches, n);
    AFD_COMPARE_NEAR(r.moeLayerTime, layer, 1e-12, "the model's layer time is C-O's");
    QCustomPlot* p = v->plot();
    const auto part = [&](BreakdownPart k, int row) { return drawnPart(p, std::size_t(k), row); };
    AFD_COMPARE_NEAR(part(BreakdownPart::AttentionPre, 0), n * a0 * kUs, 1e-12, "A0 per slot");
    AFD_COMPARE_NEAR(part(BreakdownPart::AttentionCore, 0), n * r.attentionCore * kUs, 1e-12,
                     "core per slot");
    AFD_COMPARE_NEAR(part(BreakdownPart::AttentionPost, 0), n * r.attentionPost * kUs, 1e-12,
                     "A1 - core per slot");
    AFD_COMPARE_NEAR(part(BreakdownPart::Shared, 0), n * ts * kUs, 1e-12, "t_S per slot");
    AFD_COMPARE_NEAR(part(BreakdownPart::Experts, 0), n * te * kUs, 1e-12, "t_E per slot");
    QCOMPARE(part(BreakdownPart::Dispatch, 0), n * exposedDispatch * kUs);
    QCOMPARE(part(BreakdownPart::Combine, 0), n * exposedCombine * kUs);
    QCOMPARE(part(BreakdownPart::Idle, 0), 0.0);
    // The GPU row adds up to the model's layer time; so does the link row with its idle time,
    // which holds the whole of dispatch and combine.
    AFD_COMPARE_NEAR(drawnRowTotal(p, 0), r.moeLayerTime * kUs, 1e-12, "GPU row = t_layer");
    AFD_COMPARE_NEAR(part(BreakdownPart::Dispatch, 1), n * td * kUs, 1e-12, "link: all of t_D");
    AFD_COMPARE_NEAR(part(BreakdownPart::Combine, 1), n * tc * kUs, 1e-12, "link: all of t_C");
    AFD_COMPARE_NEAR(drawnRowTotal(p, 1), r.moeLayerTime * kUs, 1e-12, "link row = t_layer");
}

void TestServingViews::afdBarsComposeTheCycle() {
    window_->showView(QStringLiteral("breakdown"));
    BreakdownView* v = breakdown();
    QVERIFY(!v->showCurrent());
    const ServingComparison& serving = controller_->serving();
    const ThroughputResult& r = serving.afd.best;
    const Efficiency e = efficiencyOf(controller_->scenario());
    QCOMPARE(controller_->scenario()[Param::AfdCommKernels], 0.0); // no t_cks in t_a, t_f
    // Rows: EP GPU, EP link, then AFD attention GPU, FFN GPU, link, round trip (2..5).
    QCOMPARE(int(v->rows().size()), 6);
    QCustomPlot* p = v->plot();
    // C-O, AFD, written out here with s_A = attention_overhead_share:
    //   t_a = A0 + A1 + t_S,A + s_A t_ovh,  t_f = t_E + t_S,F + (1 - s_A) t_ovh
    //   cycle = max(N_BO t_a, N_BO t_f, N_BO (t_d + t_cb), t_a + t_d + t_f + t_cb)
    const double n = r.microBatches;
    QCOMPARE(n, controller_->scenario()[Param::NBo]);
    const bool sharedOnFfn = r.sharedOn == SharedExpertPlace::Ffn;
    const double ta = r.attentionPre + r.attentionCore + r.attentionPost +
                      (sharedOnFfn ? 0.0 : r.sharedTime) + e.attentionShare * e.layerOverhead;
    const double tf = r.expertTime + (sharedOnFfn ? r.sharedTime : 0.0) +
                      (1 - e.attentionShare) * e.layerOverhead;
    const double link = r.dispatchTime + r.combineTime;
    const double terms[4] = {n * ta, n * tf, n * link, ta + link + tf};
    const double cycle = *std::max_element(terms, terms + 4);
    AFD_COMPARE_NEAR(r.moeLayerTime, cycle, 1e-12, "the model's cycle is C-O's");
    AFD_COMPARE_NEAR(r.attentionTime, ta, 1e-12, "t_a");
    AFD_COMPARE_NEAR(r.ffnTime, tf, 1e-12, "t_f");
    for (int row = 0; row < 4; ++row) {
        const double busy = drawnRowTotal(p, 2 + row) - drawnPart(p, kBreakdownParts - 1, 2 + row);
        AFD_COMPARE_NEAR(busy, terms[row] * kUs, 1e-12, "busy time of each AFD row");
        AFD_COMPARE_NEAR(drawnRowTotal(p, 2 + row), cycle * kUs, 1e-12, "every row = the cycle");
    }
    // The row named by `bound` waits for nothing.
    const int boundRow = 2 + int(r.bound);
    QCOMPARE(drawnPart(p, kBreakdownParts - 1, boundRow), 0.0);
    AFD_COMPARE_NEAR(drawnPart(p, std::size_t(BreakdownPart::Experts), 3), n * r.expertTime * kUs,
                     1e-12, "FFN GPU: N_BO t_E");
    AFD_COMPARE_NEAR(drawnPart(p, std::size_t(BreakdownPart::Dispatch), 4),
                     n * r.dispatchTime * kUs, 1e-12, "link: N_BO t_d");
    // And the text names what sets the cycle.
    bool named = false;
    for (int i = 0; i < p->itemCount(); ++i) {
        if (auto* t = qobject_cast<QCPItemText*>(p->item(i))) {
            named = named || (t->objectName() == QStringLiteral("row_label_%1").arg(boundRow) &&
                              t->text().contains(QStringLiteral("sets the cycle")));
        }
    }
    QVERIFY(named);
}

void TestServingViews::ratioIsTheBestRatio() {
    window_->showView(QStringLiteral("breakdown"));
    BreakdownView* v = breakdown();
    const ServingComparison& serving = controller_->serving();
    QVERIFY(serving.bothFound());
    const double expected =
        serving.afd.best.tokensPerSecondPerGpu / serving.ep.best.tokensPerSecondPerGpu;
    AFD_COMPARE_NEAR(v->ratio(), expected, 1e-12, "AFD best over EP best, tokens/s per GPU");
    QVERIFY2(v->headline().contains(numberText(expected, 3) + QStringLiteral("×")),
             qPrintable(v->headline()));
    // As configured: the scenario's own deployments' ratio.
    v->setShowCurrent(true);
    v->refreshNow();
    AFD_COMPARE_NEAR(v->ratio(),
                     serving.afdCurrent.tokensPerSecondPerGpu /
                         serving.epCurrent.tokensPerSecondPerGpu,
                     1e-12, "configured AFD over configured EP");
}

AFD_WIDGET_TEST_MAIN(TestServingViews)
#include "tst_serving_views.moc"
