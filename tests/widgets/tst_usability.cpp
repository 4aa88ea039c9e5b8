// SPDX-License-Identifier: GPL-3.0-or-later
// How the explorer behaves in the hand: the mouse wheel over the parameter panel, the window's
// size on a small screen, the heatmap's pickers, hover text, outlines and legend, the inspector's
// names, the status bar's refusal message.
//
// The offscreen platform is given one 1366 x 768 screen with window frames (initMain), a
// common small laptop screen.
#include "afd/parameters.hpp"
#include "afd/sweep.hpp"
#include "heatmap_view.hpp"
#include "inspector.hpp"
#include "main_window.hpp"
#include "parameter_panel.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "view_navigator.hpp"
#include "widget_test_main.hpp"

#include <QAbstractItemView>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QRegularExpression>
#include <QScreen>
#include <QSlider>
#include <QStatusBar>
#include <QStyle>
#include <QTableWidget>
#include <QTest>
#include <QTextLayout>
#include <QWheelEvent>
#include <memory>

using namespace afd;
using namespace afd::ui;

namespace {

constexpr QSize kScreen(1366, 768);

// One notch of the wheel over the middle of `widget`, sent to it directly; returns whether
// the widget (or its filter) accepted it.
bool wheel(QWidget* widget, int notches) {
    const QPointF local = QRectF(widget->rect()).center();
    QWheelEvent event(local, widget->mapToGlobal(local), QPoint(), QPoint(0, 120 * notches),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
    return event.isAccepted();
}

QString text(std::string_view s) {
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

} // namespace

class TestUsability : public QObject {
    Q_OBJECT
  public:
    static void initMain();

  private slots:
    void init();
    void cleanup();
    void wheelChangesOnlyFocusedValueWidgets();
    void windowFitsSmallScreen();
    void restoredGeometryFromLargerScreenIsShrunk();
    void statusBarRefusalClearsOnNextChange();
    void heatmapAxesAreTwoParameters();
    void heatmapHoverUsesDisplayNames();
    void heatmapOutlinesMeetMapBorder();
    void heatmapLegendExplainsHatch();
    void heatmapPickersShowNames();
    void inspectorNamesAreNotElided();
    void everyViewIsOneClickAway();

  private:
    void makeWindow();
    std::unique_ptr<ScenarioController> controller_;
    std::unique_ptr<MainWindow> window_;
};

void TestUsability::initMain() {
    // A screen configuration for the offscreen platform (Qt 6's "configfile" option). The file
    // lives next to the test's temporary home, created by the environment before this runs.
    const QString path = QDir::temp().filePath(
        QStringLiteral("afd-usability-screen-%1.json").arg(QCoreApplication::applicationPid()));
    QFile file(path);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        file.write(QStringLiteral(R"({"synchronousWindowSystemEvents": true,
 "windowFrameMargins": true,
 "screens": [{"name": "small", "x": 0, "y": 0, "width": %1, "height": %2,
              "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
                       .arg(kScreen.width())
                       .arg(kScreen.height())
                       .toUtf8());
        file.close();
        qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + path.toLocal8Bit());
    }
}

void TestUsability::makeWindow() {
    controller_ = std::make_unique<ScenarioController>(PresetLibrary::builtin());
    window_ = std::make_unique<MainWindow>(*controller_);
    window_->setThemeName(QStringLiteral("light"));
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
}

void TestUsability::init() {
    QCOMPARE(QGuiApplication::primaryScreen()->geometry().size(), kScreen);
    makeWindow();
}

void TestUsability::cleanup() {
    window_.reset();
    controller_.reset();
}

void TestUsability::wheelChangesOnlyFocusedValueWidgets() {
    window_->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
    ParameterPanel* panel = window_->parameterPanel();
    QSlider* slider = panel->slider(Param::ScaleOutBwGbS);
    QDoubleSpinBox* spin = panel->spinBox(Param::ScaleOutBwGbS);
    const double before = controller_->scenario()[Param::ScaleOutBwGbS];
    // Not focused: the wheel is passed on (not accepted) and the value stays.
    window_->setFocus();
    QVERIFY(!slider->hasFocus());
    QVERIFY(!wheel(slider, 1));
    QVERIFY(!wheel(slider, -1));
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], before);
    QVERIFY(!spin->hasFocus());
    QVERIFY(!wheel(spin, 1));
    QVERIFY(!wheel(spin, -1));
    QCOMPARE(controller_->scenario()[Param::ScaleOutBwGbS], before);
    // The wheel never hands out focus (it would, with the spin box's default WheelFocus).
    QCOMPARE(slider->focusPolicy(), Qt::StrongFocus);
    QCOMPARE(spin->focusPolicy(), Qt::StrongFocus);
    QVERIFY(!spin->hasFocus());

    // Focused: the wheel changes the value. 50 GB/s is inside the slider's range, so one of
    // the two directions moves it.
    slider->setFocus();
    QVERIFY(slider->hasFocus());
    QVERIFY(wheel(slider, 1));
    QVERIFY(controller_->scenario()[Param::ScaleOutBwGbS] != before);
    const double afterSlider = controller_->scenario()[Param::ScaleOutBwGbS];
    spin->setFocus();
    QVERIFY(spin->hasFocus());
    wheel(spin, -1);
    QVERIFY(controller_->scenario()[Param::ScaleOutBwGbS] != afterSlider);

    // The heatmap's pickers behave the same.
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    auto* xCombo = heat->findChild<QComboBox*>(QStringLiteral("heatmap_x"));
    QVERIFY(xCombo != nullptr);
    const Param x = heat->xParam();
    window_->setFocus();
    QVERIFY(!wheel(xCombo, -1));
    QCOMPARE(heat->xParam(), x);
    xCombo->setFocus();
    wheel(xCombo, -1);
    QVERIFY(heat->xParam() != x);
}

void TestUsability::windowFitsSmallScreen() {
    const QRect area = window_->screen()->availableGeometry();
    QVERIFY2(area.contains(window_->frameGeometry()),
             qPrintable(QStringLiteral("frame %1,%2 %3x%4 in %5x%6")
                            .arg(window_->frameGeometry().x())
                            .arg(window_->frameGeometry().y())
                            .arg(window_->frameGeometry().width())
                            .arg(window_->frameGeometry().height())
                            .arg(area.width())
                            .arg(area.height())));
    // At most 90 % of the free area (the window itself; its frame, unknown to the window
    // before it is first shown, comes on top), and centred to a few pixels of rounding.
    QVERIFY(window_->geometry().width() <= area.width() * 0.9);
    QVERIFY(window_->geometry().height() <= area.height() * 0.9);
    QVERIFY(std::abs(window_->frameGeometry().center().x() - area.center().x()) <= 3);
    QVERIFY(std::abs(window_->frameGeometry().center().y() - area.center().y()) <= 3);
}

void TestUsability::restoredGeometryFromLargerScreenIsShrunk() {
    // A window as large as a 2560 x 1440 screen's, partly off this one, saved on closing.
    window_->setGeometry(QRect(-200, -100, 2560, 1400));
    QCOMPARE(window_->geometry().size(), QSize(2560, 1400));
    QVERIFY(window_->close());
    cleanup();
    makeWindow();
    const QRect area = window_->screen()->availableGeometry();
    QVERIFY2(area.contains(window_->frameGeometry()),
             qPrintable(QStringLiteral("frame %1x%2 at %3,%4")
                            .arg(window_->frameGeometry().width())
                            .arg(window_->frameGeometry().height())
                            .arg(window_->frameGeometry().x())
                            .arg(window_->frameGeometry().y())));
}

void TestUsability::statusBarRefusalClearsOnNextChange() {
    QStatusBar* bar = window_->statusBar();
    // SLO 50 ms x 1.7 = 85 ms: a 90 ms gap makes t_B negative (Eq. 1) and is refused.
    window_->parameterPanel()->spinBox(Param::GapMs)->setValue(90);
    QVERIFY2(bar->currentMessage().startsWith(QLatin1String("Not applied")),
             qPrintable(bar->currentMessage()));
    // A later accepted change: the refusal is stale and goes.
    window_->parameterPanel()->spinBox(Param::GapMs)->setValue(20);
    QCOMPARE(controller_->scenario()[Param::GapMs], 20.0);
    QCOMPARE(bar->currentMessage(), QString());
    // Another message is not the refusal's to clear.
    bar->showMessage(QStringLiteral("Exported x.png"));
    window_->parameterPanel()->spinBox(Param::GapMs)->setValue(25);
    QCOMPARE(bar->currentMessage(), QStringLiteral("Exported x.png"));
}

void TestUsability::heatmapAxesAreTwoParameters() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    auto* xCombo = heat->findChild<QComboBox*>(QStringLiteral("heatmap_x"));
    auto* yCombo = heat->findChild<QComboBox*>(QStringLiteral("heatmap_y"));
    QCOMPARE(heat->xParam(), Param::ScaleOutBwGbS);
    QCOMPARE(heat->yParam(), Param::Nf);
    // Picking y's parameter for x swaps the axes.
    xCombo->setCurrentIndex(xCombo->findData(int(Param::Nf)));
    QCOMPARE(heat->xParam(), Param::Nf);
    QCOMPARE(heat->yParam(), Param::ScaleOutBwGbS);
    heat->finishPending();
    QCOMPARE(heat->lastGrid()->x.param, Param::Nf);
    QCOMPARE(heat->lastGrid()->y->param, Param::ScaleOutBwGbS);
    // And picking x's parameter for y swaps them back.
    yCombo->setCurrentIndex(yCombo->findData(int(Param::Nf)));
    QCOMPARE(heat->xParam(), Param::ScaleOutBwGbS);
    QCOMPARE(heat->yParam(), Param::Nf);
    // A pick of a third parameter changes only its own axis.
    xCombo->setCurrentIndex(xCombo->findData(int(Param::TopK)));
    QCOMPARE(heat->xParam(), Param::TopK);
    QCOMPARE(heat->yParam(), Param::Nf);
    yCombo->setCurrentIndex(yCombo->findData(int(Param::TopK)));
    QCOMPARE(heat->xParam(), Param::Nf);
    QCOMPARE(heat->yParam(), Param::TopK);
    // Asked for one parameter on both axes (a hand-edited session file), y keeps its own.
    heat->setAxes(Param::Nf, Param::Nf);
    QCOMPARE(heat->xParam(), Param::Nf);
    QCOMPARE(heat->yParam(), Param::TopK);
    heat->setAxes(Param::TopK, Param::TopK);
    QCOMPARE(heat->xParam(), Param::TopK);
    QCOMPARE(heat->yParam(), Param::Nf);
}

void TestUsability::heatmapHoverUsesDisplayNames() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    const Grid* g = heat->lastGrid();
    QVERIFY(g != nullptr);
    // Cell (10, N_F = 1): x = scale-out bandwidth (log10 space), y = N_F.
    const QString hover = heat->describeAt(std::log10(g->xs[10]), 1);
    QVERIFY2(hover.contains(QLatin1String("FFN nodes (<i>N<sub>F</sub></i>) = 1 nodes")),
             qPrintable(hover));
    const ParamSpec& xs = spec(Param::ScaleOutBwGbS);
    QVERIFY2(hover.contains(text(xs.label)), qPrintable(hover));
    QVERIFY2(hover.contains(text(xs.unit)), qPrintable(hover));
    // No registry keys.
    QVERIFY2(!hover.contains(QLatin1String("nf =")), qPrintable(hover));
    QVERIFY2(!hover.contains(text(xs.key) + QStringLiteral(" =")), qPrintable(hover));
}

void TestUsability::heatmapOutlinesMeetMapBorder() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    const Grid* g = heat->lastGrid();
    QCustomPlot* plot = heat->findChild<QCustomPlot*>();
    QVERIFY(plot != nullptr);
    QCPColorMap* map = nullptr;
    QList<QCPCurve*> outlines;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        if (auto* m = qobject_cast<QCPColorMap*>(plot->plottable(i))) {
            map = m;
        } else if (auto* c = qobject_cast<QCPCurve*>(plot->plottable(i))) {
            outlines << c;
        }
    }
    QVERIFY(map != nullptr);
    QVERIFY(!outlines.isEmpty()); // the default map has a dead zone and an "AFD beats EP" area
    // Where QCPColorMap paints: cells centred on the data range's ends, each a full cell wide
    // unless the boundary is tight, which cuts the outer cells at their centres.
    const QCPColorMapData* data = map->data();
    const double halfX =
        map->tightBoundary() ? 0 : 0.5 * data->keyRange().size() / (data->keySize() - 1);
    const double halfY =
        map->tightBoundary() ? 0 : 0.5 * data->valueRange().size() / (data->valueSize() - 1);
    const QCPRange painted(data->keyRange().lower - halfX, data->keyRange().upper + halfX);
    const QCPRange paintedY(data->valueRange().lower - halfY, data->valueRange().upper + halfY);
    // The grid's own cell edges: N_F 1..64 one row per value, so rows span 0.5..64.5.
    QCOMPARE(g->ys.front(), 1.0);
    QCOMPARE(g->ys.back(), 64.0);
    AFD_COMPARE_ABS(paintedY.lower, 0.5, 1e-12, "N_F = 1's row starts half a step below");
    AFD_COMPARE_ABS(paintedY.upper, 64.5, 1e-12, "N_F = 64's row ends half a step above");
    // Every outline vertex lies within the painted map, and the outlines reach its border.
    double minX = 1e300, maxX = -1e300, minY = 1e300, maxY = -1e300;
    for (QCPCurve* c : outlines) {
        for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it) {
            if (std::isnan(it->key)) {
                continue;
            }
            minX = std::min(minX, it->key);
            maxX = std::max(maxX, it->key);
            minY = std::min(minY, it->value);
            maxY = std::max(maxY, it->value);
        }
    }
    const double eps = 1e-9;
    QVERIFY2(minX >= painted.lower - eps && maxX <= painted.upper + eps,
             qPrintable(QStringLiteral("outline x %1..%2, map %3..%4")
                            .arg(minX)
                            .arg(maxX)
                            .arg(painted.lower)
                            .arg(painted.upper)));
    QVERIFY2(minY >= paintedY.lower - eps && maxY <= paintedY.upper + eps,
             qPrintable(QStringLiteral("outline y %1..%2, map %3..%4")
                            .arg(minY)
                            .arg(maxY)
                            .arg(paintedY.lower)
                            .arg(paintedY.upper)));
    // The axes show exactly the painted map: no strip of background at the borders.
    QCPAxisRect* rect = plot->axisRect();
    AFD_COMPARE_ABS(rect->axis(QCPAxis::atBottom)->range().lower, painted.lower, 1e-9, "x from");
    AFD_COMPARE_ABS(rect->axis(QCPAxis::atBottom)->range().upper, painted.upper, 1e-9, "x to");
    AFD_COMPARE_ABS(rect->axis(QCPAxis::atLeft)->range().lower, paintedY.lower, 1e-9, "y from");
    AFD_COMPARE_ABS(rect->axis(QCPAxis::atLeft)->range().upper, paintedY.upper, 1e-9, "y to");
}

void TestUsability::heatmapLegendExplainsHatch() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    heat->finishPending();
    QCustomPlot* plot = heat->findChild<QCustomPlot*>();
    QVERIFY(plot->legend->visible());
    QCOMPARE(plot->legend->itemCount(), 1);
    auto* item = qobject_cast<QCPPlottableLegendItem*>(plot->legend->item(0));
    QVERIFY(item != nullptr);
    QCOMPARE(item->plottable()->name(), QStringLiteral("not deployable"));
    // Its swatch is the brush of the hatched background the infeasible cells show through.
    QCOMPARE(item->plottable()->brush().style(), Qt::DiagCrossPattern);
    QCOMPARE(item->plottable()->brush(), plot->axisRect()->backgroundBrush());
    // Off the map: the legend is not inside the axis rect.
    plot->replot();
    QVERIFY(!plot->axisRect()->rect().intersects(plot->legend->outerRect()));
    QVERIFY(plot->legend->outerRect().top() >= plot->axisRect()->outerRect().bottom());
    QVERIFY(plot->viewport().contains(plot->legend->outerRect()));
}

void TestUsability::heatmapPickersShowNames() {
    window_->showView(QStringLiteral("heatmap"));
    HeatmapView* heat = window_->heatmap();
    for (const char* name : {"heatmap_x", "heatmap_y"}) {
        auto* combo = heat->findChild<QComboBox*>(QLatin1String(name));
        QVERIFY(combo->minimumContentsLength() >= 22);
        // The open list is wide enough for its longest entry.
        int widest = 0;
        for (int i = 0; i < combo->count(); ++i) {
            widest = std::max(widest,
                              combo->view()->fontMetrics().horizontalAdvance(combo->itemText(i)));
        }
        QVERIFY2(
            combo->view()->minimumWidth() >= widest,
            qPrintable(QStringLiteral("%1 < %2").arg(combo->view()->minimumWidth()).arg(widest)));
    }
}

void TestUsability::inspectorNamesAreNotElided() {
    auto* table = window_->inspector()->findChild<QTableWidget*>(QStringLiteral("inspector_table"));
    QVERIFY(table != nullptr);
    QVERIFY(table->isVisible());
    const int width = table->columnWidth(0);
    QVERIFY(width > 0);
    // Text space in a cell: the column less the style's text margin on each side (what
    // QCommonStyle takes off an item's text rectangle).
    const int margin =
        table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table) + 1;
    const int room = width - 2 * margin;
    for (int row = 0; row < table->rowCount(); ++row) {
        const QString name = table->item(row, 0)->text();
        // Laid out as the view lays out item text (QTextOption::WordWrap, which breaks where
        // Unicode allows, never inside a word): no line is wider than the cell, which would
        // elide it, and all lines fit the row's height.
        QTextLayout layout(name, table->font());
        QTextOption option;
        option.setWrapMode(QTextOption::WordWrap);
        layout.setTextOption(option);
        layout.beginLayout();
        qreal height = 0;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(room);
            QVERIFY2(line.naturalTextWidth() <= room,
                     qPrintable(QStringLiteral("%1: a line of %2 px in %3 px")
                                    .arg(name)
                                    .arg(line.naturalTextWidth())
                                    .arg(room)));
            height += line.height();
        }
        layout.endLayout();
        QVERIFY2(height <= table->rowHeight(row),
                 qPrintable(QStringLiteral("%1: needs %2 px, row %3 px")
                                .arg(name)
                                .arg(height)
                                .arg(table->rowHeight(row))));
    }
    // The reasons a design is not deployable, a list that may not fit its cell, are whole in
    // the cell's tooltip. N_F = 1 on H800: 81.7 GB of expert weights > 80 GB of HBM.
    controller_->setValue(Param::Nf, 1);
    bool found = false;
    for (int row = 0; row < table->rowCount(); ++row) {
        if (table->item(row, 0)->data(Qt::UserRole).toString() ==
            QLatin1String("infeasible_reasons")) {
            const QString reasons = table->item(row, 1)->text();
            QVERIFY2(reasons.contains(QLatin1String("capacity")), qPrintable(reasons));
            QCOMPARE(table->item(row, 1)->toolTip(), reasons);
            found = true;
        }
    }
    QVERIFY(found);
}

void TestUsability::everyViewIsOneClickAway() {
    // On this 1366 x 768 screen (a window of 90 %: 1229 px wide) every view's button lies inside
    // the window, none cut by its right edge (a tab bar would scroll), and a click shows that view.
    ViewNavigator* nav = window_->navigator();
    QCOMPARE(nav->count(), int(viewTable().size()));
    for (int i = 0; i < nav->count(); ++i) {
        QAbstractButton* b = nav->button(i);
        QVERIFY2(b->isVisible(), qPrintable(b->text()));
        const QRect inWindow(b->mapTo(window_.get(), QPoint(0, 0)), b->size());
        QVERIFY2(window_->rect().contains(inWindow), qPrintable(b->text()));
        b->click();
        QCOMPARE(window_->tabs()->currentIndex(), i);
        QVERIFY(b->isChecked());
    }
    // Narrower than 1500 px the inspector shares the left dock; the plot keeps at least half
    // the window's width.
    auto* inspectorDock = window_->findChild<QDockWidget*>(QStringLiteral("inspectorDock"));
    QCOMPARE(window_->dockWidgetArea(inspectorDock), Qt::LeftDockWidgetArea);
    QTRY_VERIFY2(
        window_->tabs()->width() >= window_->width() / 2,
        qPrintable(QStringLiteral("%1 of %2").arg(window_->tabs()->width()).arg(window_->width())));
    // Wide again: back on the right.
    window_->resize(1700, 700);
    QCOMPARE(window_->dockWidgetArea(inspectorDock), Qt::RightDockWidgetArea);
}

AFD_WIDGET_TEST_MAIN(TestUsability)
#include "tst_usability.moc"
