// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer window, offscreen: the panel comes from the registry, sliders drive the scenario
// and every view shows the core's numbers, bursts of changes coalesce, the heatmap click,
// preset switching, the inspector, theme switching, and extreme slider combinations.
#include "afd/metrics.hpp"
#include "afd/verdict.hpp"
#include "inspector.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "views.hpp"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include "qcustomplot_include.hpp"
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
    void initTestCase();
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
    void themeSwitchRestylesEveryElement();
    void extremeSliderCombinations();

  private:
    QTemporaryDir settingsDir_;
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestExplorer::initTestCase() {
    QVERIFY(settingsDir_.isValid());
    // Never read or write the user's real settings.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settingsDir_.path());
    QSettings::setDefaultFormat(QSettings::NativeFormat);
    QStandardPaths::setTestModeEnabled(true); // autosaves go to a test location
    QApplication::setFont(QFont(bundledFontFamily(), 10));
    QVERIFY(bundledFontFamily().contains(QLatin1String("DejaVu")));
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
    // The panel shows the paper's parameters; the throughput model's (Part C) are not on it.
    int paperParameters = 0;
    for (const ParamSpec& p : parameters()) {
        paperParameters += p.partC ? 0 : 1;
    }
    QCOMPARE(panel->rowCount(), paperParameters);
    for (const ParamSpec& p : parameters()) {
        if (p.partC) {
            QVERIFY2(panel->slider(p.id) == nullptr && panel->checkBox(p.id) == nullptr,
                     p.key.data());
            continue;
        }
        if (p.kind == ParamKind::Flag) {
            QVERIFY2(panel->checkBox(p.id) != nullptr, p.key.data());
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
        // The slider reflects the current value (within one slider step).
        QCOMPARE(slider->value(), valueToSlider(p, controller_->scenario()[p.id]));
        QVERIFY(slider->focusPolicy() & Qt::TabFocus); // keyboard-operable
    }
    for (ParamGroup g :
         {ParamGroup::Hardware, ParamGroup::Model, ParamGroup::Deployment, ParamGroup::Imbalance}) {
        QVERIFY(panel->groupBox(g) != nullptr);
    }
    // Log-scaled parameters use log sliders: the middle of 10..1000 GB/s is 100 GB/s.
    QCOMPARE(sliderToValue(spec(Param::ScaleOutBwGbS), kSliderSteps / 2), 100.0);
}

void TestExplorer::sliderChangesScenarioAndViews() {
    QSlider* nf = window_->parameterPanel()->slider(Param::Nf);
    const int position = valueToSlider(spec(Param::Nf), 8);
    nf->setValue(position); // what a drag or the keyboard does
    QCOMPARE(controller_->scenario()[Param::Nf], sliderToValue(spec(Param::Nf), position));
    QCOMPARE(controller_->scenario()[Param::Nf], 8.0);
    // The core's value at N_F = 8 on H800 (docs/model.md: dead-zone floor 2 M BW_out / FLOPS).
    const Result expected = evaluate(controller_->scenario());
    AFD_COMPARE_NEAR(expected.hfu, 2.0 * 2048 * 50e9 / 1979e12, 1e-12, "docs/model.md A4 floor");
    QCOMPARE(controller_->result().hfu, expected.hfu);
    // HFU vs N_F view: its plotted sweep is the core's sweep for this scenario.
    auto* hfuNf = qobject_cast<NfSweepView*>(window_->view(QStringLiteral("hfu-nf")));
    const Grid& g = hfuNf->lastSweep();
    for (std::size_t i = 0; i < g.nx(); ++i) {
        Scenario point = controller_->scenario();
        point[Param::Nf] = g.xs[i];
        QCOMPARE(g.values[0][i], evaluate(point).hfu);
    }
    // The roofline views (rebuilt when shown) carry the same numbers.
    window_->showView(QStringLiteral("roofline"));
    auto* roof = qobject_cast<RooflineView*>(window_->view(QStringLiteral("roofline")));
    QCOMPARE(roof->afdHfuPoint().y(), expected.hfu * 1979.0);
    QCOMPARE(roof->afdHfuPoint().x(), expected.intensity);
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
    QVERIFY2(text.contains(QLatin1String("nf = 1")), qPrintable(text));
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
    for (const MetricSpec& m : metrics()) {
        if (m.isFlag) {
            continue;
        }
        QCOMPARE(inspector->valueOf(QString::fromUtf8(m.key.data(), qsizetype(m.key.size()))),
                 QString::fromStdString(readableNumber(m.read(r), 5)));
    }
    // Default scenario (docs/model.md checks): 2,846 rows, t_B 0.38251 ms, scale-up bound.
    QCOMPARE(inspector->valueOf(QStringLiteral("tokens_per_rank")), QStringLiteral("2,846"));
    QCOMPARE(inspector->valueOf(QStringLiteral("t_budget_ms")), QStringLiteral("0.38251"));
    QCOMPARE(inspector->valueOf(QStringLiteral("regime")), QStringLiteral("Scale-up bound"));
    QVERIFY(inspector->verdictText().contains(QLatin1String("33.1 %")));
    controller_->setValue(Param::Nf, 16);
    QVERIFY(inspector->verdictText().contains(QLatin1String("dead zone")));
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

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
