// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window, offscreen: the panel comes from the registry, sliders drive the scenario
// and every view shows the core's numbers, bursts of changes coalesce, the heatmap click,
// preset switching, the inspector, theme switching, undo/redo, and extreme slider combinations.
#include "afd/metrics.hpp"
#include "afd/throughput_report.hpp"
#include "afd/verdict.hpp"
#include "inspector.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QScreen>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>
#include <clocale>
#include <random>

using namespace afd;
using namespace afd::ui;

namespace {

// Every axis of every axis rect has a finite, non-empty range.
bool axesSane(QCustomPlot* plot, QString* why) {
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            const QCPRange r = axis->range();
            if (!std::isfinite(r.lower) || !std::isfinite(r.upper) || !(r.upper > r.lower)) {
                *why = plot->objectName() +
                       QStringLiteral(": axis range %1..%2").arg(r.lower).arg(r.upper);
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestExplorer : public QObject {
    Q_OBJECT
  private slots:
    void environmentIsFixed();
    void init();
    void cleanup();
    void panelIsGeneratedFromRegistry();
    void sliderChangesScenarioAndViews();
    void spinBoxAppliesExactValue();
    void invalidChangeKeepsLastValidState();
    void burstOfChangesCoalesces();
    void hiddenViewsRebuildOnceWhenShown();
    void heatmapClickSetsBothParameters();
    void heatmapHoverDescribesCell();
    void presetSwitching();
    void resetParameterAndGroup();
    void inspectorShowsCoreNumbers();
    void inspectorShowsBothSystems();
    void attentionHardwarePicker();
    void computedEpReferenceWithServingSystem();
    void superpodInspectorSaysWhatApplies();
    void themeSwitchRestylesEveryElement();
    void extremeSliderCombinations();
    void undoRedo();
    void sliderDragIsOneUndoStep();

  private:
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestExplorer::environmentIsFixed() {
    // What AFD_WIDGET_TEST_MAIN promises every widget test (support/widget_test_main.hpp).
    QCOMPARE(QGuiApplication::platformName(), qEnvironmentVariable("QT_QPA_PLATFORM"));
    QCOMPARE(QGuiApplication::primaryScreen()->logicalDotsPerInch(), 96.0);
    QCOMPARE(QGuiApplication::primaryScreen()->devicePixelRatio(), 1.0);
    QCOMPARE(QLocale().decimalPoint(), QStringLiteral("."));
    QCOMPARE(QLocale(), QLocale::c());
    QCOMPARE(QString::fromLatin1(std::setlocale(LC_NUMERIC, nullptr)), QStringLiteral("C"));
    QCOMPARE(QApplication::font().family(), bundledFontFamily());
    QVERIFY(bundledFontFamily().contains(QLatin1String("DejaVu")));
    QCOMPARE(QApplication::font().pointSize(), 10);
    // Settings and autosaves live under the temporary home, never the user's.
    const QString home = QDir::homePath();
    QVERIFY2(home.startsWith(QDir::tempPath()), qPrintable(home));
    QVERIFY2(MainWindow::autosaveFolder().startsWith(home),
             qPrintable(MainWindow::autosaveFolder()));
    QVERIFY2(QSettings().fileName().startsWith(home), qPrintable(QSettings().fileName()));
}

void TestExplorer::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1600, 1000);
    window_->show();
    window_->showView(QStringLiteral("hfu-nf"));
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void TestExplorer::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestExplorer::panelIsGeneratedFromRegistry() {
    ParameterPanel* panel = window_->parameterPanel();
    // Every registry parameter has a row: the paper's open, the throughput model's (Part C)
    // folded in the paper's groups or in the Serving and Efficiency groups.
    QCOMPARE(panel->rowCount(), int(kParamCount));
    for (const ParamSpec& p : parameters()) {
        if (p.kind == ParamKind::Flag) {
            QVERIFY2(panel->checkBox(p.id) != nullptr, p.key.data());
            continue;
        }
        if (p.kind == ParamKind::Choice) {
            // One entry per name, in index order: the index is the stored value.
            QComboBox* combo = panel->comboBox(p.id);
            QVERIFY2(combo != nullptr, p.key.data());
            QCOMPARE(combo->count(), int(p.choices.size()));
            QCOMPARE(combo->itemText(0),
                     QString::fromUtf8(p.choices[0].data(), qsizetype(p.choices[0].size())));
            QCOMPARE(combo->currentIndex(), int(controller_->scenario()[p.id]));
            continue;
        }
        QSlider* slider = panel->slider(p.id);
        QDoubleSpinBox* spin = panel->spinBox(p.id);
        QVERIFY2(slider != nullptr && spin != nullptr, p.key.data());
        QCOMPARE(spin->minimum(), p.minValue);
        QCOMPARE(spin->maximum(), p.maxValue);
        if (!p.unit.empty()) {
            QVERIFY(spin->suffix().contains(
                QString::fromUtf8(p.unit.data(), qsizetype(p.unit.size()))));
        }
        if (!p.symbol.empty()) {
            QVERIFY(slider->toolTip().contains(
                QString::fromUtf8(p.symbol.data(), qsizetype(p.symbol.size()))));
        }
        QCOMPARE(slider->minimum(), 0);
        QCOMPARE(slider->maximum(), kSliderSteps);
        QVERIFY(slider->focusPolicy() & Qt::TabFocus); // keyboard-operable
    }
    // The sliders show the default scenario (docs/model.md defaults) over each parameter's view
    // range, linear or logarithmic (parameter_panel.hpp), as 1000 steps:
    //   N_F 2 on a log slider over 1..64:       1000 log(2) / log(64)         = 166.7 -> 167
    //   BW_out 50 on a log slider over 10..1000: 1000 log(50/10) / log(100)  = 349.5 -> 349
    //   FLOPS 1979 on a log slider 50..20000:  1000 log(1979/50) / log(400) = 613.9 -> 614
    //   sigma 0.8 on a linear slider 0.5..1:   1000 (0.8 - 0.5) / 0.5        = 600
    //   TopK 8 on a linear slider 1..32:       1000 (8 - 1) / 31             = 225.8 -> 226
    QCOMPARE(panel->slider(Param::Nf)->value(), 167);
    QCOMPARE(panel->slider(Param::ScaleOutBwGbS)->value(), 349);
    QCOMPARE(panel->slider(Param::FlopsTflops)->value(), 614);
    QCOMPARE(panel->slider(Param::Sigma)->value(), 600);
    QCOMPARE(panel->slider(Param::TopK)->value(), 226);
    for (ParamGroup g : {ParamGroup::Hardware, ParamGroup::Model, ParamGroup::Deployment,
                         ParamGroup::Imbalance, ParamGroup::Serving, ParamGroup::Efficiency}) {
        QVERIFY(panel->groupBox(g) != nullptr);
    }
    // Efficiencies and the throughput model's hardware and model details start folded;
    // Serving is open (its rows are what users change to compare AFD with EP).
    QVERIFY(!panel->sectionToggle(ParamGroup::Efficiency)->isChecked());
    QVERIFY(!panel->slider(Param::EffGemm)->isVisibleTo(panel));
    QVERIFY(panel->slider(Param::ContextTokens)->isVisibleTo(panel));
    QVERIFY(!panel->slider(Param::GpuHourUsd)->isVisibleTo(panel));
    panel->detailsToggle(ParamGroup::Hardware)->click();
    QVERIFY(panel->slider(Param::GpuHourUsd)->isVisibleTo(panel));
    panel->sectionToggle(ParamGroup::Efficiency)->click();
    QVERIFY(panel->slider(Param::EffGemm)->isVisibleTo(panel));
    QCOMPARE(panel->detailsToggle(ParamGroup::Deployment), nullptr); // no Part C rows there
    // A choice applies through the controller, like a slider.
    panel->comboBox(Param::EpOverlap)->activated(0);
    QCOMPARE(controller_->scenario()[Param::EpOverlap], 0.0);
    // Log-scaled parameters use log sliders: the middle of 10..1000 GB/s is 100 GB/s.
    QCOMPARE(sliderToValue(spec(Param::ScaleOutBwGbS), kSliderSteps / 2), 100.0);
}

void TestExplorer::sliderChangesScenarioAndViews() {
    QSlider* nf = window_->parameterPanel()->slider(Param::Nf);
    // The middle of N_F's log slider over 1..64 is sqrt(64) = 8.
    nf->setValue(kSliderSteps / 2); // what a drag or the keyboard does
    QCOMPARE(controller_->scenario()[Param::Nf], 8.0);
    // N_F = 8 on H800 is the dead-zone floor (docs/model.md A4): 2 M BW_out / FLOPS
    // = 2 * 2048 * 50e9 / 1979e12 = 0.103487. 1e-12: the model computes the same quantity
    // through B_rank and t_B, which round differently in the last bits.
    const double floor = 2.0 * 2048 * 50e9 / 1979e12;
    AFD_COMPARE_NEAR(controller_->result().hfu, floor, 1e-12, "docs/model.md A4 floor");
    // HFU vs N_F view: every plotted point is Eqs. 17 and 19 on H800 with DeepSeek-V3:
    // HFU(N_F) = 2 M min(BW_up, BW_out max(1, TopK / N_F)) / FLOPS
    //          = 2 * 2048 * min(160e9, 50e9 * max(1, 8 / N_F)) / 1979e12
    // (33.1 % for N_F <= 2, falling as 1/N_F to the floor at N_F = 8).
    auto* hfuNf = qobject_cast<NfSweepView*>(window_->view(QStringLiteral("hfu-nf")));
    const Grid& g = hfuNf->lastSweep();
    QVERIFY(g.nx() >= 32);
    for (std::size_t i = 0; i < g.nx(); ++i) {
        const double n = g.xs[i];
        AFD_COMPARE_NEAR(g.values[0][i],
                         2.0 * 2048 * std::min(160e9, 50e9 * std::max(1.0, 8 / n)) / 1979e12, 1e-12,
                         "Appendix A closed form; rounding order differs");
    }
    // The roofline views (rebuilt when shown) carry the same numbers: the AFD point sits at
    // HFU x FLOPS = 2 M BW_out = 2 * 2048 * 50e9 FLOP/s = 204.8 TFLOP/s, and at the intensity
    // I = 2 B_rank / G of Eq. 10 with G = ceil(256 / (8 * 8)) = 4 and
    // B_rank = BW_out t_B / (3 H) = 50e9 * (70 / 183) ms / (3 * 7168) = 889.40 rows: 444.70.
    window_->showView(QStringLiteral("roofline"));
    auto* roof = qobject_cast<RooflineView*>(window_->view(QStringLiteral("roofline")));
    AFD_COMPARE_NEAR(roof->afdHfuPoint().y(), 204.8, 1e-12, "2 M BW_out in TFLOP/s");
    AFD_COMPARE_NEAR(roof->afdHfuPoint().x(),
                     2.0 * (50e9 * (70.0 / 183.0 * 1e-3) / (3.0 * 7168)) / 4, 1e-12,
                     "Eq. 10 with Eq. 9; rounding order differs");
    window_->showView(QStringLiteral("comm-roofline"));
    auto* comm = qobject_cast<CommRooflineView*>(window_->view(QStringLiteral("comm-roofline")));
    QCOMPARE(comm->modelPoint().x(), 2.0 * 2048); // 6M / (1 + 2) = 2M
    QCOMPARE(comm->bindingRoof(), QStringLiteral("scale-out"));
    QVERIFY(window_->statusText().contains(QLatin1String("dead zone")));
}

void TestExplorer::spinBoxAppliesExactValue() {
    QDoubleSpinBox* spin = window_->parameterPanel()->spinBox(Param::ScaleOutBwGbS);
    spin->setValue(123.45);
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], 123.45);
    QVERIFY(controller_->isModified(Param::ScaleOutBwGbS));
    QVERIFY(window_->modifiedBadge()->text().contains(QLatin1Char('1')));
}

void TestExplorer::invalidChangeKeepsLastValidState() {
    QSignalSpy rejected(controller_.get(), &ScenarioController::rejected);
    const Scenario before = controller_->scenario();
    // SLO 50 ms x 1.7 = 85 ms: a 90 ms gap makes t_B negative (Eq. 1).
    window_->parameterPanel()->spinBox(Param::GapMs)->setValue(90);
    QCOMPARE(rejected.count(), 1);
    QVERIFY(rejected.first().first().toString().contains(QLatin1String("gap_ms")));
    QCOMPARE(controller_->scenario(), before);
    QCOMPARE(window_->parameterPanel()->spinBox(Param::GapMs)->value(), 15.0); // snapped back
}

void TestExplorer::burstOfChangesCoalesces() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    QTRY_VERIFY(!heat->computing());
    // Let the queued replot of that first grid happen before counting.
    QTRY_VERIFY(heat->replotCount() > 0);
    QCoreApplication::processEvents();
    const int computations = heat->gridComputations();
    const int heatReplots = heat->replotCount();
    QSignalSpy ready(heat, &HeatmapView::gridReady);
    QSlider* slider = window_->parameterPanel()->slider(Param::ScaleUpBwGbS);
    for (int i = 0; i < 50; ++i) {
        slider->setValue(300 + i * 5); // 50 slider moves with no event processing between
    }
    QVERIFY(ready.wait(5000));
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
    QCOMPARE(heat->gridComputations(), computations + 1);
    QCOMPARE(heat->replotCount(), heatReplots + 1);
    // The grid is the core's sweep of the final scenario.
    const Grid* g = heat->lastGrid();
    QVERIFY(g != nullptr);
    Scenario corner = controller_->scenario();
    corner[g->x.param] = g->xs.back();
    corner[g->y->param] = g->ys.back();
    QCOMPARE(g->values[0][g->cell(g->nx() - 1, g->ny() - 1)], evaluate(corner).hfu);

    // The visible line view: one rebuild per change (microseconds each), one replot in all.
    window_->showView(QStringLiteral("hfu-nf"));
    QCoreApplication::processEvents();
    PlotView* line = window_->view(QStringLiteral("hfu-nf"));
    const int rebuilds = line->rebuildCount();
    const int replots = line->replotCount();
    for (int i = 0; i < 50; ++i) {
        slider->setValue(500 + i * 5);
    }
    QCOMPARE(line->rebuildCount(), rebuilds + 50);
    QCoreApplication::processEvents();
    QCOMPARE(line->replotCount(), replots + 1);
}

void TestExplorer::hiddenViewsRebuildOnceWhenShown() {
    PlotView* imbalance = window_->view(QStringLiteral("imbalance"));
    const int before = imbalance->rebuildCount();
    for (int i = 0; i < 20; ++i) {
        controller_->setValue(Param::Sigma, 0.7 + 0.01 * i);
    }
    QCOMPARE(imbalance->rebuildCount(), before); // hidden: nothing drawn
    window_->showView(QStringLiteral("imbalance"));
    QCOMPARE(imbalance->rebuildCount(), before + 1);
}

void TestExplorer::heatmapClickSetsBothParameters() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    const Grid* g = heat->lastGrid();
    QVERIFY(g != nullptr);
    QCOMPARE(g->x.param, Param::ScaleOutBwGbS);
    QCOMPARE(g->y->param, Param::Nf);
    // x is drawn in log10 space (log-scaled parameter), y linearly.
    heat->clickAt(std::log10(g->xs[40]), g->ys[15]);
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], g->xs[40]);
    QCOMPARE(controller_->scenario()[Param::Nf], g->ys[15]);
    QCOMPARE(g->ys[15], 16.0); // N_F = 1..64, one row per value
}

void TestExplorer::heatmapHoverDescribesCell() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    const Grid* g = heat->lastGrid();
    // N_F = 1 on H800 is not deployable (81.7 GB > 80 GB): the tooltip says so.
    const QString text = heat->describeAt(std::log10(g->xs[10]), 1);
    QVERIFY2(text.contains(QLatin1String("FFN nodes (<i>N<sub>F</sub></i>) = 1 nodes")),
             qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("not deployable")), qPrintable(text));
    QVERIFY(heat->describeAt(100, 1).isEmpty()); // outside the map
}

void TestExplorer::presetSwitching() {
    QComboBox* hw = window_->hardwareCombo();
    const int gb200 = hw->findData(QStringLiteral("gb200"));
    QVERIFY(gb200 >= 0);
    hw->setCurrentIndex(gb200);
    emit hw->activated(gb200);
    QCOMPARE(controller_->hardwareId(), QStringLiteral("gb200"));
    QCOMPARE(controller_->scenario()[Param::FlopsTflops], 4500.0);
    // Eq. 19 on GB200: 2 * 2048 * 720e9 / 4500e12 = 0.65536.
    AFD_COMPARE_NEAR(controller_->result().hfu, 0.65536, 1e-9, "docs/model.md reference checks");
    QVERIFY(window_->windowTitle().startsWith(QLatin1String("AFD Explorer")));
    QVERIFY(window_->windowTitle().contains(QLatin1String("GB200")));
    QVERIFY(!controller_->isGroupModified(ParamGroup::Hardware));
    QCOMPARE(window_->parameterPanel()->checkBox(Param::Superpod)->isChecked(), true);
    QComboBox* model = window_->modelCombo();
    const int glm = model->findData(QStringLiteral("glm-4.7"));
    model->setCurrentIndex(glm);
    emit model->activated(glm);
    AFD_COMPARE_NEAR(controller_->result().hfu, 0.49152, 1e-9, "docs/model.md: GLM-4.7 on GB200");
}

void TestExplorer::resetParameterAndGroup() {
    controller_->setValue(Param::ScaleOutBwGbS, 400);
    controller_->setValue(Param::FlopsTflops, 1000);
    QVERIFY(window_->parameterPanel()->resetButton(Param::ScaleOutBwGbS)->isEnabled());
    window_->parameterPanel()->resetButton(Param::ScaleOutBwGbS)->click();
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], 50.0);
    QVERIFY(controller_->isModified(Param::FlopsTflops));
    controller_->resetGroup(ParamGroup::Hardware);
    QCOMPARE(controller_->scenario()[Param::FlopsTflops], 1979.0);
    QVERIFY(!controller_->isGroupModified(ParamGroup::Hardware));
}

void TestExplorer::inspectorShowsCoreNumbers() {
    Inspector* inspector = window_->inspector();
    const Result& r = controller_->result();
    // Every number row reads back as the model's value: five significant digits (an error of
    // at most half a unit in the fifth digit, 5e-5 relative), except that values from 1,000 to
    // 1e9 are shown as whole numbers with thousands separators (an error of at most 0.5).
    for (const MetricSpec& m : metrics()) {
        if (m.isFlag) {
            continue;
        }
        const QString key = QString::fromUtf8(m.key.data(), qsizetype(m.key.size()));
        const QString text = inspector->valueOf(key);
        const double value = m.read(r);
        if (!std::isfinite(value)) {
            QCOMPARE(text, QStringLiteral("-"));
            continue;
        }
        bool ok = false;
        const double shown = QString(text).remove(QLatin1Char(',')).toDouble(&ok);
        QVERIFY2(ok, qPrintable(key + QStringLiteral(": ") + text));
        const double magnitude = std::abs(value);
        const double tolerance = magnitude >= 1000 && magnitude < 1e9 ? 0.5 : 5e-5 * magnitude;
        QVERIFY2(std::abs(shown - value) <= tolerance,
                 qPrintable(key + QStringLiteral(": ") + text +
                            QStringLiteral(" for %1").arg(value, 0, 'g', 17)));
        // Thousands separators every three digits, and only in whole numbers.
        if (text.contains(QLatin1Char(','))) {
            QVERIFY2(QRegularExpression(QStringLiteral(R"(^-?\d{1,3}(,\d{3})+$)"))
                         .match(text)
                         .hasMatch(),
                     qPrintable(key + QStringLiteral(": ") + text));
        }
    }
    // Default scenario (docs/model.md checks): 2,846 rows, t_B 0.38251 ms, scale-up bound.
    QCOMPARE(inspector->valueOf(QStringLiteral("tokens_per_rank")), QStringLiteral("2,846"));
    QCOMPARE(inspector->valueOf(QStringLiteral("t_budget_ms")), QStringLiteral("0.38251"));
    QCOMPARE(inspector->valueOf(QStringLiteral("regime")), QStringLiteral("Scale-up bound"));
    QVERIFY(inspector->verdictText().contains(QLatin1String("33.1 %")));
    controller_->setValue(Param::Nf, 16);
    QVERIFY(inspector->verdictText().contains(QLatin1String("dead zone")));
}

void TestExplorer::inspectorShowsBothSystems() {
    // The throughput rows come from a worker: wait for it, then read them against the core.
    controller_->servingIfReady();
    controller_->finishServing();
    QCoreApplication::processEvents();
    Inspector* inspector = window_->inspector();
    const ServingComparison c = compareServing(controller_->scenario(), nullptr, true);
    QVERIFY(c.bothFound());
    const auto shown = [](double v) { return QString::fromStdString(readableNumber(v, 5)); };
    QCOMPARE(inspector->valueOf(QStringLiteral("afd.tokens_per_s_per_gpu")),
             shown(c.afd.best.tokensPerSecondPerGpu));
    QCOMPARE(inspector->valueOf(QStringLiteral("ep.tokens_per_s_per_gpu")),
             shown(c.ep.best.tokensPerSecondPerGpu));
    // TPOT in ms (the table's unit) and what binds AFD's cycle, in words.
    QCOMPARE(inspector->valueOf(QStringLiteral("afd.tpot_ms")), shown(c.afd.best.tpot * 1e3));
    QCOMPARE(inspector->valueOf(QStringLiteral("afd.bound")),
             QString::fromStdString(boundText(c.afd.best.bound)));
    // The verdict opens with the throughput lens and keeps the paper's.
    const QString verdict = inspector->verdictText();
    QVERIFY2(verdict.startsWith(QString::fromStdString(servingVerdict(controller_->scenario(), c))),
             qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("AFD's FFN ceiling")), qPrintable(verdict));
    // Nothing fits: dashes, never a stale or meaningless number. 2 % of H800's 80 GB is 1.6 GB
    // per GPU; DeepSeek-V3's routed experts are 58 layers x 256 x 3 x 7168 x 2048 B = 654 GB,
    // 2.0 GB per GPU even over the largest EP size searched (320) and 10 GB over AFD's largest
    // FFN side (8 nodes x 8 GPUs).
    QVERIFY(controller_->setValue(Param::MemoryUsableFraction, 0.02));
    controller_->servingIfReady();
    controller_->finishServing();
    QCoreApplication::processEvents();
    QCOMPARE(inspector->valueOf(QStringLiteral("afd.tokens_per_s_per_gpu")),
             QStringLiteral("\u2014"));
    QVERIFY2(
        inspector->verdictText().startsWith(QStringLiteral("No AFD configuration fits in memory")),
        qPrintable(inspector->verdictText()));
}

void TestExplorer::attentionHardwarePicker() {
    QComboBox* combo = window_->attentionHardwareCombo();
    QCOMPARE(combo->currentData().toString(), QString()); // same GPUs by default
    QCOMPARE(controller_->attentionHardware(), nullptr);
    const int h20 = combo->findData(QStringLiteral("h20"));
    QVERIFY(h20 > 0);
    combo->activated(h20); // what choosing it does
    QCOMPARE(controller_->attentionHardwareId(), QStringLiteral("h20"));
    QVERIFY(controller_->attentionHardware() != nullptr);
    QCOMPARE((*controller_->attentionHardware())[Param::FlopsTflops], 296.0); // H20, Table 5
    QCOMPARE(controller_->scenario()[Param::FlopsTflops], 1979.0); // the FFN side stays H800
    // AFD's own deployment is evaluated with the H20 attention GPUs; EP is not affected.
    const ServingComparison& c = controller_->serving();
    const Scenario attention =
        attentionScenario(controller_->scenario(), *PresetLibrary::builtin().hardware("h20"));
    const ThroughputResult expected = throughput(
        resolveAutomaticBatch(withSystem(controller_->scenario(), ServingSystem::Afd), &attention),
        &attention);
    QCOMPARE(c.afdCurrent.attentionTime, expected.attentionTime);
    QCOMPARE(c.afdCurrent.tokensPerSecondPerGpu, expected.tokensPerSecondPerGpu);
    // One undo step; the picker follows.
    controller_->undoStack().undo();
    QCOMPARE(controller_->attentionHardware(), nullptr);
    QCOMPARE(combo->currentData().toString(), QString());
    controller_->undoStack().redo();
    QCOMPARE(controller_->attentionHardwareId(), QStringLiteral("h20"));
    // An unknown id is refused and changes nothing.
    QSignalSpy rejected(controller_.get(), &ScenarioController::rejected);
    QVERIFY(!controller_->setAttentionHardware(QStringLiteral("h9000")));
    QCOMPARE(rejected.count(), 1);
    QCOMPARE(controller_->attentionHardwareId(), QStringLiteral("h20"));
}

void TestExplorer::computedEpReferenceWithServingSystem() {
    PlotView* view = window_->view(QStringLiteral("hfu-nf"));
    const auto computedLine = [view]() -> QCPGraph* {
        for (int i = 0; i < view->plot()->graphCount(); ++i) {
            if (view->plot()->graph(i)->objectName() == QLatin1String("ep_computed")) {
                return view->plot()->graph(i);
            }
        }
        return nullptr;
    };
    // Without a serving system only the paper's constant is drawn.
    view->refreshNow();
    QCOMPARE(computedLine(), nullptr);
    // With one, EP is computed as the paper's constant is defined (A7: the routed-expert GEMM's
    // OFU at EP's tokens per expert), at the best EP deployment under the SLO; the constant
    // stays, named the paper lens.
    QVERIFY(controller_->setValue(Param::System, double(ServingSystem::Afd)));
    view->refreshNow();
    QCPGraph* line = computedLine();
    QVERIFY(line != nullptr);
    const Scenario& s = controller_->scenario();
    const DeploymentSearch ep = searchDeployment(s, ServingSystem::Ep, nullptr, {}, false);
    QVERIFY(ep.found);
    const double expected = expertGemmOfu(s, platformOf(s), efficiencyOf(s),
                                          ep.best.tokensPerExpert, ep.best.localExperts);
    QCOMPARE(line->data()->at(0)->value, expected);
    QVERIFY(expected > 0 && expected < 1);
    bool paperLens = false;
    for (int i = 0; i < view->plot()->graphCount(); ++i) {
        paperLens =
            paperLens || view->plot()->graph(i)->name().startsWith(QLatin1String("EP, paper lens"));
    }
    QVERIFY(paperLens);
    // The roofline marks the same computed EP at its intensity, I = 2 B / w (A3).
    PlotView* roofline = window_->view(QStringLiteral("roofline"));
    roofline->refreshNow();
    QCPGraph* point = nullptr;
    for (int i = 0; i < roofline->plot()->graphCount(); ++i) {
        if (roofline->plot()->graph(i)->objectName() == QLatin1String("ep_computed")) {
            point = roofline->plot()->graph(i);
        }
    }
    QVERIFY(point != nullptr);
    QCOMPARE(point->data()->at(0)->key,
             2 * ep.best.tokensPerExpert / controller_->scenario()[Param::WeightBytes]);
    QCOMPARE(point->data()->at(0)->value, expected * controller_->scenario()[Param::FlopsTflops]);
}

void TestExplorer::superpodInspectorSaysWhatApplies() {
    // GB200 NVL72 (superpod, Table 5): the scale-out ratio and fan-out do not apply (A2), and
    // 8 attention + 2 FFN nodes of 8 GPUs are 80 GPUs, more than the 72-GPU domain (B6).
    QVERIFY(controller_->setHardware(QStringLiteral("gb200")));
    QVERIFY(controller_->setValues({{Param::Na, 8}, {Param::Nf, 2}}));
    Inspector* inspector = window_->inspector();
    QCOMPARE(inspector->valueOf(QStringLiteral("fan_out")), QStringLiteral("n/a (superpod)"));
    QCOMPARE(inspector->valueOf(QStringLiteral("ratio_up_out")), QStringLiteral("n/a (superpod)"));
    QVERIFY2(
        inspector->verdictText().contains(QStringLiteral("(80) exceed the 72-GPU scale-up domain")),
        qPrintable(inspector->verdictText()));
    // 7 + 2 nodes are 72 GPUs: inside the domain, no warning.
    QVERIFY(controller_->setValue(Param::Na, 7));
    QVERIFY(!inspector->verdictText().contains(QStringLiteral("scale-up domain")));
    // On H800 (not a superpod) the fan-out is a number again: max(1, TopK / N_F) = 4 (A2).
    QVERIFY(controller_->setHardware(QStringLiteral("h800")));
    QCOMPARE(inspector->valueOf(QStringLiteral("fan_out")), QStringLiteral("4"));
}

void TestExplorer::themeSwitchRestylesEveryElement() {
    for (const QString& name : {QStringLiteral("dark"), QStringLiteral("light")}) {
        window_->setThemeName(name);
        const PlotStyle style = *parsePlotStyle(name);
        const PlotTheme t = PlotTheme::forStyle(style);
        QCOMPARE(QApplication::palette().color(QPalette::Window).lightness() < 128,
                 name == QLatin1String("dark"));
        for (PlotView* v : window_->views()) {
            QCustomPlot* p = v->plot();
            QCOMPARE(v->theme().style, style);
            // What is painted, not what was set: the plot's corner pixel is the background.
            QCOMPARE(p->toPixmap(800, 600).toImage().pixelColor(1, 1), t.background);
            for (QCPAxisRect* rect : p->axisRects()) {
                for (QCPAxis* axis : rect->axes()) {
                    QCOMPARE(axis->basePen().color(), t.foreground);
                    QCOMPARE(axis->tickLabelColor(), t.foreground);
                    QCOMPARE(axis->labelColor(), t.foreground);
                    QCOMPARE(axis->tickLabelFont().family(), t.font.family());
                }
                for (int i = 0; i < rect->insetLayout()->elementCount(); ++i) {
                    if (auto* legend =
                            qobject_cast<QCPLegend*>(rect->insetLayout()->elementAt(i))) {
                        QCOMPARE(legend->textColor(), t.foreground);
                        QCOMPARE(legend->brush().color(), t.legendBackground);
                    }
                }
            }
            // No text item keeps the other theme's foreground colour.
            const QColor other =
                PlotTheme::forStyle(style == PlotStyle::Dark ? PlotStyle::Light : PlotStyle::Dark)
                    .foreground;
            for (int i = 0; i < p->itemCount(); ++i) {
                if (auto* text = qobject_cast<QCPItemText*>(p->item(i))) {
                    QVERIFY2(text->color() != other,
                             qPrintable(v->key() + QLatin1String(": ") + text->text()));
                }
            }
        }
    }
}

void TestExplorer::extremeSliderCombinations() {
    // Random slider positions, ends included, across every parameter: each change is either
    // applied (finite results, sane axes) or refused with a message; nothing throws or NaNs.
    std::mt19937 rng(42);
    std::uniform_int_distribution<int> pick(0, 3);
    std::uniform_int_distribution<int> mid(0, kSliderSteps);
    ParameterPanel* panel = window_->parameterPanel();
    window_->heatmap()->setResolution(24, 16);
    for (int round = 0; round < 60; ++round) {
        for (const ParamSpec& p : parameters()) {
            if (p.partC) {
                continue; // not on the panel
            }
            if (p.kind == ParamKind::Flag) {
                panel->checkBox(p.id)->setChecked(pick(rng) == 0);
                continue;
            }
            const int choice = pick(rng);
            panel->slider(p.id)->setValue(choice == 0 ? 0 : choice == 1 ? kSliderSteps : mid(rng));
        }
        const Result& r = controller_->result();
        QVERIFY(!r.error);
        for (const MetricSpec& m : metrics()) {
            QVERIFY2(std::isfinite(m.read(r)), m.key.data());
        }
        if (round % 10 == 0) {
            window_->heatmap()->finishPending();
            for (PlotView* v : window_->views()) {
                v->refreshNow();
                QString why;
                QVERIFY2(axesSane(v->plot(), &why), qPrintable(why));
            }
            QVERIFY(!window_->inspector()->verdictText().contains(QLatin1String("nan")));
        }
    }
}

void TestExplorer::undoRedo() {
    QUndoStack& stack = controller_->undoStack();
    QCOMPARE(stack.count(), 0); // opening the default scenario is not undoable
    controller_->setValue(Param::Nf, 4);
    controller_->setValue(Param::Nf, 8);
    controller_->setHardware(QStringLiteral("gb200"));
    QCOMPARE(stack.count(), 3);
    stack.undo();
    QCOMPARE(controller_->hardwareId(), QStringLiteral("h800"));
    QCOMPARE(controller_->scenario()[Param::FlopsTflops], 1979.0);
    QCOMPARE(controller_->scenario()[Param::Nf], 8.0);
    stack.undo();
    QCOMPARE(controller_->scenario()[Param::Nf], 4.0);
    stack.redo();
    stack.redo();
    QCOMPARE(controller_->hardwareId(), QStringLiteral("gb200"));
    AFD_COMPARE_NEAR(controller_->result().hfu, 0.65536, 1e-9, "Eq. 19 after redo");
    // A refused change is no step.
    controller_->setValue(Param::GapMs, 500);
    QCOMPARE(stack.count(), 3);
}

void TestExplorer::sliderDragIsOneUndoStep() {
    window_->show();
    QSlider* slider = window_->parameterPanel()->slider(Param::ScaleOutBwGbS);
    const double before = controller_->scenario()[Param::ScaleOutBwGbS];
    emit slider->sliderPressed();
    for (int position = 100; position < 600; position += 25) {
        slider->setValue(position);
    }
    emit slider->sliderReleased();
    QCOMPARE(controller_->undoStack().count(), 1);
    controller_->undoStack().undo();
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], before);
}

AFD_WIDGET_TEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
