// SPDX-License-Identifier: GPL-3.0-or-later
// The paper's figures read like the paper: Fig. 4's "HBM − model" labels and bold red
// communication-bound ceiling, coincident curves named together and the highlighted model on
// top, a colour-blind-safe palette with line patterns for greyscale, and no text on text in the
// roofline, communication roofline, HFU vs FFN nodes and eight-panel views.
#include "main_window.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "series_style.hpp"
#include "views.hpp"
#include "widget_test_main.hpp"

#include <QCheckBox>
#include <QTest>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

// Box of a text item in pixels as QCustomPlot draws it (text, padding, alignment).
QRectF textBox(const QCPItemText* item) {
    const QPointF a = item->topLeft->pixelPosition();
    const QPointF b = item->bottomRight->pixelPosition();
    return QRectF(a, b).normalized();
}

QList<QCPItemText*> visibleTexts(QCustomPlot* plot) {
    QList<QCPItemText*> texts;
    for (int i = 0; i < plot->itemCount(); ++i) {
        if (auto* t = qobject_cast<QCPItemText*>(plot->item(i)); t && t->visible()) {
            texts << t;
        }
    }
    return texts;
}

QCPGraph* graphNamed(QCustomPlot* plot, const QString& objectName) {
    for (int i = 0; i < plot->graphCount(); ++i) {
        if (plot->graph(i)->objectName() == objectName) {
            return plot->graph(i);
        }
    }
    return nullptr;
}

double relativeLuminance(const QColor& c) {
    return 0.2126 * c.redF() + 0.7152 * c.greenF() + 0.0722 * c.blueF();
}

} // namespace

class TestPaperFigures : public QObject {
    Q_OBJECT
  private slots:
    void init();
    void cleanup();
    void paletteIsDistinctInColourAndGreyscale();
    void markersDrawSolidOnDashedLines();
    void infeasiblePointsCarryHbmLabels();
    void reproductionSloMakesHopperPointsInfeasible();
    void redCeilingHasThePapersValue();
    void coincidentCurvesShareALegendEntry();
    void highlightedModelIsDrawnLast();
    void commRooflineNamesTheCurrentModel();
    void noTextOverlaps_data();
    void noTextOverlaps();
    void gridShowsEightPanelsAt1280x720();

  private:
    void show(const QString& view, QSize size);
    PlotView* view(const QString& key) const { return window_->view(key); }
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestPaperFigures::init() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->resize(1600, 1000);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    QVERIFY(controller_->setHardware(QStringLiteral("h800")));
    QVERIFY(controller_->setModel(QStringLiteral("deepseek-v3")));
}

void TestPaperFigures::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestPaperFigures::show(const QString& key, QSize size) {
    window_->resize(size);
    window_->showView(key);
    QApplication::processEvents();
    view(key)->refreshNow();
    view(key)->plot()->replot(); // lays out, which places the labels
}

void TestPaperFigures::paletteIsDistinctInColourAndGreyscale() {
    for (const PlotTheme& theme :
         {PlotTheme::light(), PlotTheme::dark(), PlotTheme::print(), PlotTheme::presentation()}) {
        const QString name = plotStyleKey(theme.style);
        // The six paper models use series 0-5; all eight must differ.
        for (std::size_t i = 0; i < theme.series.size(); ++i) {
            for (std::size_t j = i + 1; j < theme.series.size(); ++j) {
                const QColor a = theme.series[i];
                const QColor b = theme.series[j];
                const int distance = std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) +
                                     std::abs(a.blue() - b.blue());
                QVERIFY2(distance > 60,
                         qPrintable(
                             QStringLiteral("%1: series %2 and %3 alike").arg(name).arg(i).arg(j)));
                // In greyscale: a different lightness or a different line pattern.
                const bool lighter = std::abs(relativeLuminance(a) - relativeLuminance(b)) > 0.08;
                const bool pattern = seriesDashPattern(i) != seriesDashPattern(j);
                const bool marker = seriesShape(i) != seriesShape(j);
                QVERIFY2(
                    (lighter || pattern) && marker,
                    qPrintable(QStringLiteral("%1: %2 and %3 greyscale").arg(name).arg(i).arg(j)));
            }
        }
    }
    // The complaint: in the dark theme DeepSeek-V3 (series 0) and GLM-4.7 (series 5) were the
    // same light blue. Hue now differs by far more than a shade.
    const PlotTheme dark = PlotTheme::dark();
    QVERIFY(std::abs(dark.series[0].hslHue() - dark.series[5].hslHue()) > 60);
}

void TestPaperFigures::markersDrawSolidOnDashedLines() {
    const PlotTheme theme = PlotTheme::light();
    for (std::size_t i = 1; i < kSeriesStyles; ++i) {
        QCOMPARE(seriesPen(theme, i, 2).style(), Qt::CustomDashLine);
        QCOMPARE(seriesMarker(theme, i, 9).pen().style(), Qt::SolidLine);
    }
    QCOMPARE(seriesPen(theme, 0, 2).style(), Qt::SolidLine);
}

void TestPaperFigures::infeasiblePointsCarryHbmLabels() {
    // H800 at the default 50 ms (docs/model.md A5): N_F = 1 needs 58 x 32 x 3 x 7168 x 2048 B =
    // 81.7 GB for DeepSeek-V3 and 60 x 48 x 3 x 7168 x 2048 B = 126.8 GB for Kimi-K2, both over
    // 80 GB; both fit at N_F = 2 (40.9 and 63.4 GB) and stream within t_B = 0.3825 ms (0.210
    // and 0.316 ms at 3.35 TB/s). Their HFU at N_F = 1 is the same (equal M), so one label
    // names both at that point.
    auto* hfu = qobject_cast<NfSweepView*>(view(QStringLiteral("hfu-nf")));
    hfu->setCompareModels(true);
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    QStringList hbm;
    for (QCPItemText* t : visibleTexts(hfu->plot())) {
        if (t->objectName() == QLatin1String("hbm_label")) {
            QVERIFY2(t->text().startsWith(QStringLiteral("HBM − ")), qPrintable(t->text()));
            hbm << t->text();
        }
    }
    QCOMPARE(hbm.size(), 1);
    QVERIFY(hbm.first().contains(QLatin1String("DeepSeek-V3")));
    QVERIFY(hbm.first().contains(QLatin1String("Kimi-K2")));
    QCPGraph* bad = graphNamed(hfu->plot(), QStringLiteral("not_deployable"));
    QVERIFY(bad != nullptr);
    QCOMPARE(bad->data()->size(), 1);
    QCOMPARE(bad->data()->at(0)->key, 1.0);
    // The settings that decide this are on the figure.
    const QString note = hfu->plot()->axisRect()->axis(QCPAxis::atTop)->label();
    QVERIFY2(note.contains(QLatin1String("SLO 50 ms")) && note.contains(QLatin1String("1.7")) &&
                 note.contains(QLatin1String("15 ms")),
             qPrintable(note));
    QVERIFY2(note.contains(QLatin1String("shading: DeepSeek-V3's regimes")), qPrintable(note));
}

void TestPaperFigures::reproductionSloMakesHopperPointsInfeasible() {
    // At SLO 37.2 ms (reproduce-paper's Fig. 4), t_B = (37.2 x 1.7 - 15) / 183 = 0.263607 ms.
    // On H200 (4.0 TB/s, 141 GB) DeepSeek-V3 needs 3 x 32 x 7168 x 2048 B / 4.0 TB/s =
    // 0.35232 ms at N_F = 1 (not deployable) and 0.17616 ms at N_F = 2 (deployable); Kimi-K2
    // at N_F = 2 needs 3 x 24 x 7168 x 2048 B / 4.0 TB/s = 0.264241 ms (not deployable). At
    // 50 ms (t_B 0.3825 ms) DeepSeek-V3 passes at N_F = 1.
    QVERIFY(controller_->setHardware(QStringLiteral("h200")));
    auto* hfu = qobject_cast<NfSweepView*>(view(QStringLiteral("hfu-nf")));
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    QCOMPARE(graphNamed(hfu->plot(), QStringLiteral("not_deployable")), nullptr);
    QVERIFY(controller_->setValue(Param::SloMs, 37.2));
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    QCPGraph* bad = graphNamed(hfu->plot(), QStringLiteral("not_deployable"));
    QVERIFY(bad != nullptr);
    QCOMPARE(bad->data()->size(), 1);
    QCOMPARE(bad->data()->at(0)->key, 1.0);
    QCPGraph* line = graphNamed(hfu->plot(), QStringLiteral("highlighted_series"));
    QVERIFY(std::isfinite(line->data()->at(1)->value));
    QVERIFY(controller_->setModel(QStringLiteral("kimi-k2")));
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    bad = graphNamed(hfu->plot(), QStringLiteral("not_deployable"));
    QVERIFY(bad != nullptr);
    QCOMPARE(bad->data()->size(), 2);
    QCOMPARE(bad->data()->at(1)->key, 2.0);
}

void TestPaperFigures::redCeilingHasThePapersValue() {
    // docs/model.md A3, Eq. 19 with BW_eff = BW_up: H800 with DeepSeek-V3,
    // 2 x 2048 x 160e9 / 1979e12 = 6.5536e14 / 1.979e15 = 0.331157 (the paper's 33.1 %); GB200,
    // 2 x 2048 x 720e9 / 4500e12 = 0.65536 (65.5 %).
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    QCPGraph* roof =
        graphNamed(view(QStringLiteral("hfu-nf"))->plot(), QStringLiteral("comm_ceiling"));
    QVERIFY(roof != nullptr);
    QCOMPARE(roof->pen().color(), PlotTheme::light().commCeiling);
    QVERIFY(roof->pen().widthF() > PlotTheme::light().lineWidth * 1.5); // bold
    QVERIFY(std::abs(roof->data()->at(0)->value - 0.331157) < 1e-6);
    QVERIFY(controller_->setHardware(QStringLiteral("gb200")));
    show(QStringLiteral("hfu-nf"), {1600, 1000});
    roof = graphNamed(view(QStringLiteral("hfu-nf"))->plot(), QStringLiteral("comm_ceiling"));
    QVERIFY(std::abs(roof->data()->at(0)->value - 0.65536) < 1e-6);
    // And one per panel of the eight-panel figure, GB200 being the seventh.
    show(QStringLiteral("hfu-grid"), {1600, 1000});
    QCustomPlot* grid = view(QStringLiteral("hfu-grid"))->plot();
    int ceilings = 0;
    for (int i = 0; i < grid->graphCount(); ++i) {
        if (grid->graph(i)->objectName() == QLatin1String("comm_ceiling")) {
            ++ceilings;
            if (grid->graph(i)->keyAxis()->axisRect() == grid->axisRects().at(6)) {
                QVERIFY(std::abs(grid->graph(i)->data()->at(0)->value - 0.65536) < 1e-6);
            }
        }
    }
    QCOMPARE(ceilings, 8);
}

void TestPaperFigures::coincidentCurvesShareALegendEntry() {
    // DeepSeek-V3 and Kimi-K2 have the same M (2048) and TopK (8), so the same B_rank and HFU
    // at every N_F (Eq. 19 does not depend on E): one legend entry names both.
    auto* hfu = qobject_cast<NfSweepView*>(view(QStringLiteral("hfu-nf")));
    hfu->setCompareModels(true);
    for (const QString& key : {QStringLiteral("hfu-nf"), QStringLiteral("hfu-grid")}) {
        show(key, {1600, 1000});
        QStringList names;
        for (QCPAbstractLegendItem* item :
             view(key)->plot()->findChildren<QCPAbstractLegendItem*>()) {
            if (auto* p = qobject_cast<QCPPlottableLegendItem*>(item)) {
                names << p->plottable()->name();
            }
        }
        QVERIFY2(names.contains(QStringLiteral("DeepSeek-V3 = Kimi-K2")),
                 qPrintable(names.join(QLatin1Char('|'))));
        QVERIFY2(!names.contains(QStringLiteral("Kimi-K2")), qPrintable(key));
        // Step-3 and ERNIE meet at 100 % but differ elsewhere: entries of their own.
        QVERIFY(names.contains(QStringLiteral("Step-3")));
        QVERIFY(names.contains(QStringLiteral("ERNIE-4.5-300B-A47B")));
    }
}

void TestPaperFigures::highlightedModelIsDrawnLast() {
    auto* hfu = qobject_cast<NfSweepView*>(view(QStringLiteral("hfu-nf")));
    hfu->setCompareModels(true);
    for (const QString& key : {QStringLiteral("hfu-nf"), QStringLiteral("hfu-grid")}) {
        show(key, {1600, 1000});
        QCustomPlot* plot = view(key)->plot();
        for (QCPAxisRect* rect : plot->axisRects()) {
            int highlighted = -1;
            int lastOther = -1;
            for (int i = 0; i < plot->graphCount(); ++i) {
                QCPGraph* g = plot->graph(i);
                if (g->keyAxis()->axisRect() != rect) {
                    continue;
                }
                if (g->objectName() == QLatin1String("highlighted_series")) {
                    highlighted = i;
                    QCOMPARE(g->property("model").toString(), QStringLiteral("DeepSeek-V3"));
                    QCOMPARE(g->layer()->name(), QStringLiteral("main"));
                } else if (g->objectName() == QLatin1String("model_series")) {
                    lastOther = i;
                    QCOMPARE(g->layer()->name(), QStringLiteral("main"));
                }
            }
            QVERIFY(highlighted >= 0);
            QVERIFY(lastOther >= 0);
            QVERIFY2(highlighted > lastOther, qPrintable(key));
        }
    }
}

void TestPaperFigures::commRooflineNamesTheCurrentModel() {
    // DeepSeek-V3 and Kimi-K2 sit on the same point (x = 2M = 4096 FLOP/B, the same HFU): the
    // label there names the current model first, never Kimi-K2 alone.
    show(QStringLiteral("comm-roofline"), {1600, 1000});
    QCustomPlot* plot = view(QStringLiteral("comm-roofline"))->plot();
    QCPItemText* label = nullptr;
    for (QCPItemText* t : visibleTexts(plot)) {
        if (t->objectName() == QLatin1String("model_label")) {
            label = t;
        }
        QVERIFY2(t->text() != QLatin1String("Kimi-K2"), "Kimi-K2 labelled alone");
    }
    QVERIFY(label != nullptr);
    QCOMPARE(label->text(), QStringLiteral("DeepSeek-V3 = Kimi-K2"));
}

void TestPaperFigures::noTextOverlaps_data() {
    QTest::addColumn<QString>("key");
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("compare");
    for (const QSize size : {QSize(1920, 1080), QSize(1280, 720)}) {
        for (const char* key : {"roofline", "comm-roofline", "hfu-nf", "hfu-grid"}) {
            for (bool compare : {false, true}) {
                if (compare && QLatin1String(key) != QLatin1String("hfu-nf")) {
                    continue;
                }
                QTest::addRow("%s %dx%d%s", key, size.width(), size.height(),
                              compare ? " compare" : "")
                    << QString::fromLatin1(key) << size << compare;
            }
        }
    }
}

void TestPaperFigures::noTextOverlaps() {
    QFETCH(QString, key);
    QFETCH(QSize, size);
    QFETCH(bool, compare);
    if (auto* hfu = qobject_cast<NfSweepView*>(view(QStringLiteral("hfu-nf")))) {
        hfu->setCompareModels(compare);
    }
    for (const char* hw : {"h800", "h200", "gb200"}) {
        QVERIFY(controller_->setHardware(QString::fromLatin1(hw)));
        show(key, size);
        QCustomPlot* plot = view(key)->plot();
        const QList<QCPItemText*> texts = visibleTexts(plot);
        QVector<QRectF> legends;
        for (QCPLayoutElement* e : plot->plotLayout()->elements(true)) {
            if (auto* l = qobject_cast<QCPLegend*>(e); l && l->visible()) {
                legends << QRectF(l->outerRect());
            }
        }
        for (QCPAxisRect* rect : plot->axisRects()) {
            for (QCPLayoutElement* e : rect->insetLayout()->elements(false)) {
                if (auto* l = qobject_cast<QCPLegend*>(e); l && l->visible()) {
                    legends << QRectF(l->outerRect());
                }
            }
        }
        for (qsizetype i = 0; i < texts.size(); ++i) {
            const QRectF a = textBox(texts[i]);
            for (qsizetype j = i + 1; j < texts.size(); ++j) {
                const QRectF overlap = a.intersected(textBox(texts[j]));
                QVERIFY2(
                    overlap.width() * overlap.height() < 1,
                    qPrintable(QStringLiteral("%1: '%2' on '%3'")
                                   .arg(QLatin1String(hw), texts[i]->text(), texts[j]->text())));
            }
            for (const QRectF& legend : legends) {
                const QRectF overlap = a.intersected(legend);
                QVERIFY2(overlap.width() * overlap.height() < 1,
                         qPrintable(QStringLiteral("%1: '%2' under the legend")
                                        .arg(QLatin1String(hw), texts[i]->text())));
            }
        }
    }
}

void TestPaperFigures::gridShowsEightPanelsAt1280x720() {
    show(QStringLiteral("hfu-grid"), {1280, 720});
    QCustomPlot* plot = view(QStringLiteral("hfu-grid"))->plot();
    const QList<QCPAxisRect*> rects = plot->axisRects();
    QCOMPARE(rects.size(), 8);
    for (QCPAxisRect* rect : rects) {
        QVERIFY2(rect->width() >= 60 && rect->height() >= 40,
                 qPrintable(rect->axis(QCPAxis::atTop)->label()));
        QVERIFY2(plot->viewport().contains(rect->outerRect()),
                 qPrintable(rect->axis(QCPAxis::atTop)->label()));
    }
    QCOMPARE(rects.last()->axis(QCPAxis::atTop)->label(), QStringLiteral("GB300 NVL72"));
}

AFD_WIDGET_TEST_MAIN(TestPaperFigures)
#include "tst_paper_figures.moc"
