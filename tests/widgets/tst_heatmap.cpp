// SPDX-License-Identifier: GPL-3.0-or-later
// The heatmap's throughput-model colours (docs/model.md C-H) and Song et al.'s r* line (C-R):
// a cell's value is the core's value for that cell's scenario, evaluated here through the core
// API as the documentation defines it (the scenario's deployment with the automatic batch, or
// the full search); the computed "AFD beats EP" contour, the categorical legend of what binds,
// the throughput model's parameters and choices as axes, and the paper-lens toggle.
#include "afd/deployment_search.hpp"
#include "afd/optimal_ratio.hpp"
#include "afd/serving_comparison.hpp"
#include "afd/throughput_grid.hpp"
#include "main_window.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QTest>
#include <cmath>

using namespace afd;
using namespace afd::ui;

namespace {

// The index of `value` on a grid axis (the axes take every whole value of N_A and N_F).
std::size_t indexOf(const std::vector<double>& values, double value) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (values[i] == value) {
            return i;
        }
    }
    qFatal("value %g is not on the axis", value);
}

// The scenario's own deployment of `system` at a cell, as docs/model.md C-H defines it: the
// automatic batch (resolveAutomaticBatch), the attention hardware for AFD only.
ThroughputResult coreCell(Scenario s, ServingSystem system, const Scenario* attention) {
    s = withSystem(s, system);
    s[system == ServingSystem::Ep ? Param::BatchPerGpu : Param::BatchPerAttentionGpu] = 0;
    const Scenario* hw = system == ServingSystem::Afd ? attention : nullptr;
    return throughput(resolveAutomaticBatch(s, hw), hw);
}

QStringList plotTexts(QCustomPlot* plot) {
    QStringList texts;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i))) {
            texts << t->text();
        }
    }
    return texts;
}

QCPColorScale* colourScale(QCustomPlot* plot) {
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i) {
        if (auto* s = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) {
            return s;
        }
    }
    return nullptr;
}

} // namespace

class TestHeatmap : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void throughputCellEqualsTheCore();
    void attentionHardwareReachesEveryCell();
    void ratioContourWhereTheRatioCrossesOne();
    void categoricalLegendListsWhatBinds();
    void bestNfIsTheSearchsAnswer();
    void partCParameterAsAxis();
    void choiceAxesHaveNamedColumns();
    void paperLensToggleSwitchesTheOutline();
    void songLineOnAttentionByFfnNodes();
    void statusLineReportsTheGrid();

  private:
    HeatmapView* heatmap(Param x, Param y, const char* metric);
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestHeatmap::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    QVERIFY(controller_->setHardware(QStringLiteral("h100")));
    QVERIFY(controller_->setModel(QStringLiteral("deepseek-v3")));
    QVERIFY(controller_->setValues(
        {{Param::System, double(ServingSystem::Afd)}, {Param::Na, 5}, {Param::Nf, 2}}));
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1600, 1000);
    window_->show();
    window_->showView(QStringLiteral("heatmap"));
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void TestHeatmap::cleanup() {
    window_.reset();
    controller_.reset();
}

HeatmapView* TestHeatmap::heatmap(Param x, Param y, const char* metric) {
    HeatmapView* heat = window_->heatmap();
    heat->setAxes(x, y);
    heat->setMetric(QString::fromLatin1(metric));
    heat->finishPending();
    heat->refreshNow();
    return heat;
}

void TestHeatmap::throughputCellEqualsTheCore() {
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_tokens_per_s_per_gpu");
    const HeatmapData* d = heat->lastData();
    QVERIFY(d != nullptr && d->throughput);
    const ThroughputGrid& g = *d->throughput;
    // The map spans the nodes the search tries: N_A 1..24, N_F 1..16, one cell per value.
    QCOMPARE(g.xs.front(), 1.0);
    QCOMPARE(g.xs.back(), double(kMaxAttentionNodes));
    QCOMPARE(g.ys.back(), double(2 * kMaxFfnNodes));
    for (const auto& [na, nf] : {std::pair{5.0, 2.0}, std::pair{3.0, 1.0}, std::pair{12.0, 6.0}}) {
        Scenario s = controller_->scenario();
        s[Param::Na] = na;
        s[Param::Nf] = nf;
        const ThroughputResult r = coreCell(s, ServingSystem::Afd, nullptr);
        const std::size_t c = g.cell(indexOf(g.xs, na), indexOf(g.ys, nf));
        if (r.meetsSlo && r.fitsMemory) {
            QCOMPARE(g.values[c], r.tokensPerSecondPerGpu);
            QCOMPARE(g.status[c], CellStatus::Ok);
        } else {
            QVERIFY(std::isnan(g.values[c]));
        }
    }
    // The TPOT map reads the same deployment's TPOT, in ms.
    heat = heatmap(Param::Na, Param::Nf, "afd_tpot_ms");
    const ThroughputGrid& t = *heat->lastData()->throughput;
    Scenario s = controller_->scenario();
    const ThroughputResult r = coreCell(s, ServingSystem::Afd, nullptr);
    QVERIFY(r.meetsSlo); // the automatic batch meets the SLO by construction
    QCOMPARE(t.values[t.cell(indexOf(t.xs, 5), indexOf(t.ys, 2))], r.tpot * 1e3);
    // The hover names the metric and the value.
    const QString hover = heat->describeAt(5, 2);
    QVERIFY2(hover.contains(QLatin1String("AFD time per output token")), qPrintable(hover));
}

void TestHeatmap::attentionHardwareReachesEveryCell() {
    // Heterogeneous AFD: H20 attention GPUs. The AFD cells use them; EP's do not.
    QVERIFY(controller_->setAttentionHardware(QStringLiteral("h20")));
    const Scenario* attention = controller_->attentionHardware();
    QVERIFY(attention != nullptr);
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_tokens_per_s_per_gpu");
    const ThroughputGrid& g = *heat->lastData()->throughput;
    Scenario s = controller_->scenario();
    s[Param::Na] = 8;
    const ThroughputResult with = coreCell(s, ServingSystem::Afd, attention);
    const ThroughputResult without = coreCell(s, ServingSystem::Afd, nullptr);
    QVERIFY(with.meetsSlo && with.fitsMemory);
    QVERIFY(with.tokensPerSecondPerGpu != without.tokensPerSecondPerGpu);
    QCOMPARE(g.values[g.cell(indexOf(g.xs, 8), indexOf(g.ys, 2))], with.tokensPerSecondPerGpu);
}

void TestHeatmap::ratioContourWhereTheRatioCrossesOne() {
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_over_ep_current");
    const HeatmapData* d = heat->lastData();
    QVERIFY(d->computedLens); // system = afd, lens "computed"
    const ThroughputGrid& g = *d->throughput;
    // Two cells through the core: AFD at 5:2 serves more per GPU than EP (docs/model.md C-S2's
    // orientation: 1.3-1.9x at its best), at 24:16 far less (16 FFN nodes in the dead zone).
    const auto ratioAt = [&](double na, double nf) {
        Scenario s = controller_->scenario();
        s[Param::Na] = na;
        s[Param::Nf] = nf;
        return coreCell(s, ServingSystem::Afd, nullptr).tokensPerSecondPerGpu /
               coreCell(s, ServingSystem::Ep, nullptr).tokensPerSecondPerGpu;
    };
    const double high = ratioAt(5, 2);
    const double low = ratioAt(24, 16);
    QVERIFY2(high > 1 && low < 1, qPrintable(QStringLiteral("%1 %2").arg(high).arg(low)));
    QCOMPARE(g.values[g.cell(indexOf(g.xs, 5), indexOf(g.ys, 2))], high);
    QCOMPARE(g.ratio[g.cell(indexOf(g.xs, 24), indexOf(g.ys, 16))], low);
    // So the 1.0 contour is drawn and labelled, and the legend names the computed reference.
    QVERIFY2(plotTexts(heat->plot()).contains(QStringLiteral("AFD beats EP")),
             qPrintable(plotTexts(heat->plot()).join(QLatin1Char('|'))));
    QVERIFY(
        heat->legendNames().contains(QStringLiteral("AFD beats EP: computed EP tokens/s per GPU")));
    // A diverging scale centred on parity: 1.0 is the middle of the data range.
    const QCPRange range = colourScale(heat->plot())->dataRange();
    QCOMPARE((range.lower + range.upper) / 2, 1.0);
}

void TestHeatmap::categoricalLegendListsWhatBinds() {
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_bound");
    const ThroughputGrid& g = *heat->lastData()->throughput;
    const QStringList legend = heat->legendNames();
    const auto boundAt = [&](double na, double nf) {
        Scenario s = controller_->scenario();
        s[Param::Na] = na;
        s[Param::Nf] = nf;
        return coreCell(s, ServingSystem::Afd, nullptr).bound;
    };
    // One attention node per 2 FFN nodes leaves the FFN and the link idle: attention binds;
    // 24 attention nodes flood the 2 FFN nodes' links.
    QCOMPARE(boundAt(1, 2), AfdBound::Attention);
    QCOMPARE(boundAt(24, 2), AfdBound::Link);
    QCOMPARE(g.values[g.cell(0, indexOf(g.ys, 2))], double(AfdBound::Attention));
    QVERIFY2(legend.contains(QStringLiteral("attention GPUs bind")),
             qPrintable(legend.join(QLatin1Char('|'))));
    QVERIFY2(legend.contains(QStringLiteral("link binds")),
             qPrintable(legend.join(QLatin1Char('|'))));
    // Every category in the legend occurs on the map, and no continuous colour bar is shown.
    for (const QString& name : legend) {
        QVERIFY(!name.contains(QLatin1String("FFN GPUs bind")) ||
                std::count(g.values.begin(), g.values.end(), double(AfdBound::Ffn)) > 0);
    }
    QVERIFY(!colourScale(heat->plot())->visible());
    QVERIFY(heat->describeAt(1, 2).contains(QLatin1String("attention GPUs bind")));
}

void TestHeatmap::bestNfIsTheSearchsAnswer() {
    HeatmapView* heat = heatmap(Param::ScaleOutBwGbS, Param::ContextTokens, "best_nf");
    const ThroughputGrid& g = *heat->lastData()->throughput;
    // A search map is coarse: at most kSearchGridSteps a side.
    QVERIFY(g.nx() <= std::size_t(kSearchGridSteps) && g.ny() <= std::size_t(kSearchGridSteps));
    const std::size_t ix = g.nx() - 1;
    const std::size_t iy = 0;
    Scenario s = controller_->scenario();
    s[Param::ScaleOutBwGbS] = g.xs[ix];
    s[Param::ContextTokens] = g.ys[iy];
    const DeploymentSearch best =
        searchDeployment(withSystem(s, ServingSystem::Afd), ServingSystem::Afd, nullptr, {}, false);
    QVERIFY(best.found);
    QCOMPARE(g.values[g.cell(ix, iy)], best.best.nf);
    // Whole numbers within the search's range wherever a deployment was found.
    for (double v : g.values) {
        QVERIFY(std::isnan(v) || (v == std::round(v) && v >= 1 && v <= kMaxFfnNodes));
    }
}

void TestHeatmap::partCParameterAsAxis() {
    // Context length (a serving parameter) against scale-out bandwidth, EP's tokens/s per GPU.
    HeatmapView* heat =
        heatmap(Param::ContextTokens, Param::ScaleOutBwGbS, "ep_tokens_per_s_per_gpu");
    QCOMPARE(heat->xParam(), Param::ContextTokens);
    const ThroughputGrid& g = *heat->lastData()->throughput;
    QCOMPARE(g.x.param, Param::ContextTokens);
    Scenario s = controller_->scenario();
    s[Param::ContextTokens] = g.xs[2];
    s[Param::ScaleOutBwGbS] = g.ys[3];
    const ThroughputResult ep = coreCell(s, ServingSystem::Ep, nullptr);
    const std::size_t c = g.cell(2, 3);
    if (ep.meetsSlo && ep.fitsMemory) {
        QCOMPARE(g.values[c], ep.tokensPerSecondPerGpu);
    } else {
        QVERIFY(std::isnan(g.values[c]));
    }
    // A Part A colour over a Part C axis is computed too (constant along it: Part A ignores it).
    heat = heatmap(Param::ContextTokens, Param::Nf, "hfu");
    const Grid* partA = heat->lastGrid();
    QCOMPARE(partA->x.param, Param::ContextTokens);
    QCOMPARE(partA->values[0][partA->cell(0, 1)], partA->values[0][partA->cell(5, 1)]);
}

void TestHeatmap::choiceAxesHaveNamedColumns() {
    auto* xCombo = window_->heatmap()->findChild<QComboBox*>(QStringLiteral("heatmap_x"));
    QVERIFY(xCombo->findData(int(Param::EpOverlap)) >= 0);
    QVERIFY(xCombo->findData(int(Param::AttentionType)) >= 0);
    QVERIFY(xCombo->findData(int(Param::SharedExpertOn)) >= 0);
    // The serving system is never an axis; the tooltip says why.
    QCOMPARE(xCombo->findData(int(Param::System)), -1);
    QVERIFY(xCombo->toolTip().contains(QLatin1String("Serving system")));
    HeatmapView* heat = heatmap(Param::EpOverlap, Param::ContextTokens, "ep_tokens_per_s_per_gpu");
    const ThroughputGrid& g = *heat->lastData()->throughput;
    QCOMPARE(g.xs, (std::vector<double>{0, 1, 2, 3})); // none, sbo, tbo, auto
    auto ticker = heat->plot()->xAxis->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().value(0), QStringLiteral("none"));
    QCOMPARE(ticker->ticks().value(2), QStringLiteral("tbo"));
    QCOMPARE(ticker->ticks().size(), 4);
    // The hover names the choice, not its index.
    const double y0 = g.y.log ? std::log10(g.ys[0]) : g.ys[0];
    QVERIFY2(heat->describeAt(1, y0).contains(QLatin1String("EP overlap = sbo")),
             qPrintable(heat->describeAt(1, y0)));
}

void TestHeatmap::paperLensToggleSwitchesTheOutline() {
    // Scale-out bandwidth x N_F on H100: AFD's own deployment beats EP's tokens/s per GPU near
    // N_F = 2 (C-S2's orientation), and the FFN HFU passes the paper's constant 60 % at high
    // bandwidth (0.41 at 50 GB/s and N_F = 2, A4), so both lenses have an outline to draw.
    HeatmapView* heat = heatmap(Param::ScaleOutBwGbS, Param::Nf, "hfu");
    auto* lens = heat->findChild<QCheckBox*>(QStringLiteral("heatmap_lens"));
    const QString computed = QStringLiteral("AFD beats EP: computed EP tokens/s per GPU");
    const QString paper = QStringLiteral("AFD beats EP: paper's constant EP HFU");
    QVERIFY(!lens->isHidden());
    QVERIFY(heat->lastData()->computedLens);
    QVERIFY(!heat->lastData()->throughput->ratio.empty());
    QVERIFY2(heat->legendNames().contains(computed),
             qPrintable(heat->legendNames().join(QLatin1Char('|'))));
    QVERIFY(!heat->legendNames().contains(paper));
    heat->setPaperLens(true);
    heat->finishPending();
    heat->refreshNow();
    QVERIFY(!heat->lastData()->computedLens);
    QVERIFY(!heat->lastData()->throughput); // a Part A colour needs no throughput grid then
    QVERIFY2(heat->legendNames().contains(paper),
             qPrintable(heat->legendNames().join(QLatin1Char('|'))));
    QVERIFY(!heat->legendNames().contains(computed));
    // Without a serving system only the paper's constant applies.
    heat->setPaperLens(false);
    QVERIFY(controller_->setValue(Param::System, double(ServingSystem::None)));
    heat->finishPending();
    heat->refreshNow();
    QVERIFY(lens->isHidden());
    QVERIFY(!heat->lastData()->computedLens);
    QVERIFY(heat->legendNames().contains(paper));
}

void TestHeatmap::songLineOnAttentionByFfnNodes() {
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_tokens_per_s_per_gpu");
    const HeatmapData* d = heat->lastData();
    QVERIFY2(!d->songLine.empty(), d->songError.c_str());
    // The point at N_F = 2: r* of the core at the scenario's automatic batch, times 2.
    Scenario s = controller_->scenario();
    const double batch = resolveAutomaticBatch(withSystem(s, ServingSystem::Afd),
                                               nullptr)[Param::BatchPerAttentionGpu];
    QVERIFY(batch > 0);
    const OptimalRatio r = optimalRatioAtBatch(s, nullptr, batch);
    bool found = false;
    for (const auto& [nf, na] : d->songLine) {
        if (nf == 2) {
            QCOMPARE(na, r.rStar * 2);
            found = true;
        }
    }
    QVERIFY(found);
    QVERIFY(heat->legendNames().contains(QStringLiteral("Song et al. r* (SLO-free, continuous)")));
    // Not on other axes.
    heat = heatmap(Param::ScaleOutBwGbS, Param::Nf, "hfu");
    QVERIFY(heat->lastData()->songLine.empty());
}

void TestHeatmap::statusLineReportsTheGrid() {
    HeatmapView* heat = heatmap(Param::Na, Param::Nf, "afd_over_ep_current");
    const ThroughputGrid& g = *heat->lastData()->throughput;
    QVERIFY2(
        heat->statusText().startsWith(QString::number(g.nx() * g.ny()) + QStringLiteral(" cells")),
        qPrintable(heat->statusText()));
}

AFD_WIDGET_TEST_MAIN(TestHeatmap)
#include "tst_heatmap.moc"
