// SPDX-License-Identifier: GPL-3.0-or-later
// Every view of the view table, drawn at two window sizes and two paper sizes: no piece of text
// (labels, legend entries, titles, axis titles, tick labels) may overlap another, and no text or
// legend may cover a data marker. The text boxes are those the painter is asked to draw, caught
// by a paint device that records them; the markers are the scatter points of every graph and
// curve in pixels at the layout the plot was drawn at.
#include "export_preset.hpp"
#include "exporter.hpp"
#include "heatmap_view.hpp"
#include "plot_view.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "test_support.hpp"
#include "view_table.hpp"
#include "widget_test_main.hpp"

#include <QPaintDevice>
#include <QPaintEngine>
#include <QTest>
#include <QTextItem>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

using namespace afd;
using namespace afd::ui;

namespace {

struct TextBox {
    QRectF rect;
    QString text;
};

// Records where text is drawn (device coordinates, clipped); draws nothing else.
class TextRecorder : public QPaintEngine {
  public:
    TextRecorder() : QPaintEngine(QPaintEngine::AllFeatures) {}
    std::vector<TextBox> texts;

    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState&) override {}
    void drawPixmap(const QRectF&, const QPixmap&, const QRectF&) override {}
    void drawPath(const QPainterPath&) override {}
    void drawPolygon(const QPointF*, int, PolygonDrawMode) override {}
    void drawImage(const QRectF&, const QImage&, const QRectF&, Qt::ImageConversionFlags) override {
    }
    Type type() const override { return QPaintEngine::User; }
    void drawTextItem(const QPointF& p, const QTextItem& item) override {
        if (item.text().trimmed().isEmpty()) {
            return;
        }
        const QTransform t = painter()->combinedTransform();
        QRectF box = t.mapRect(
            QRectF(p.x(), p.y() - item.ascent(), item.width(), item.ascent() + item.descent()));
        if (painter()->hasClipping()) {
            box &= t.mapRect(painter()->clipBoundingRect());
        }
        if (box.width() > 0.5 && box.height() > 0.5) {
            texts.push_back({box, item.text()});
        }
    }
};

class RecordingDevice : public QPaintDevice {
  public:
    explicit RecordingDevice(QSize size) : size_(size) {}
    QPaintEngine* paintEngine() const override { return &engine; }
    mutable TextRecorder engine;

  protected:
    int metric(PaintDeviceMetric m) const override {
        switch (m) {
        case PdmWidth:
            return size_.width();
        case PdmHeight:
            return size_.height();
        case PdmWidthMM:
            return int(size_.width() * 25.4 / 96);
        case PdmHeightMM:
            return int(size_.height() * 25.4 / 96);
        case PdmNumColors:
            return 0xffffff;
        case PdmDepth:
            return 32;
        case PdmDpiX:
        case PdmDpiY:
        case PdmPhysicalDpiX:
        case PdmPhysicalDpiY:
            return 96; // as the widget tests' screen
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return int(QPaintDevice::devicePixelRatioFScale());
        default:
            return QPaintDevice::metric(m);
        }
    }

  private:
    QSize size_;
};

// Scatter markers of every graph and curve, in pixels, where they are visible (inside their
// axis rect).
std::vector<QRectF> markerBoxes(QCustomPlot& plot) {
    std::vector<QRectF> out;
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot.plottable(i);
        if (!p->realVisibility() || p->keyAxis() == nullptr) {
            continue;
        }
        const QRectF clip = p->keyAxis()->axisRect()->rect();
        const auto add = [&](double key, double value, const QCPScatterStyle& style) {
            if (style.shape() == QCPScatterStyle::ssNone ||
                style.shape() == QCPScatterStyle::ssDot) {
                return;
            }
            const QPointF c = p->coordsToPixels(key, value);
            if (!std::isfinite(c.x()) || !std::isfinite(c.y()) || !clip.contains(c)) {
                return;
            }
            // The marker's body; its anti-aliased rim may touch a label.
            const double r = std::max(1.5, style.size() / 2 - 0.5);
            out.emplace_back(c.x() - r, c.y() - r, 2 * r, 2 * r);
        };
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
                add(it->key, it->value, g->scatterStyle());
            }
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it) {
                add(it->key, it->value, c->scatterStyle());
            }
        }
    }
    return out;
}

// Every visible legend's box (a legend's background hides what is under it).
std::vector<QRectF> legendBoxes(const QCustomPlot& plot) {
    std::vector<QRectF> out;
    const QList<QCPLayoutElement*> all = plot.plotLayout()->elements(true);
    for (QCPLayoutElement* e : all) {
        if (auto* legend = qobject_cast<QCPLegend*>(e);
            legend != nullptr && legend->realVisibility() && legend->itemCount() > 0) {
            out.push_back(legend->outerRect());
        }
    }
    return out;
}

// Overlap beyond a half-pixel hairline (adjacent runs of one line touch).
bool overlaps(const QRectF& a, const QRectF& b) {
    const QRectF i = a.intersected(b);
    return i.width() > 0.75 && i.height() > 0.75;
}

struct Kind {
    const char* name;
    QSize size;
    bool window; // else laid out and drawn as exportView() does with the preset
    ExportPreset preset = ExportPreset::Page;
};

// The window at two sizes, and the page (504 x 315 pt, 9 pt text) and column (252 x 189 pt,
// 8 pt text) presets as the export draws them (legend below, the height grown as needed).
const Kind kKinds[] = {{"1920x1080", {1920, 1080}, true},
                       {"1280x720", {1280, 720}, true},
                       {"page", {504, 315}, false, ExportPreset::Page},
                       {"column", {252, 189}, false, ExportPreset::Column}};

} // namespace

class TestLabelOverlap : public QObject {
    Q_OBJECT
  private slots:
    void noTextOverlapsTextOrData_data();
    void noTextOverlapsTextOrData();
};

void TestLabelOverlap::noTextOverlapsTextOrData_data() {
    QTest::addColumn<int>("view");
    QTest::addColumn<int>("kind");
    for (const ViewInfo& info : viewTable()) {
        for (int k = 0; k < int(std::size(kKinds)); ++k) {
            QTest::newRow(qPrintable(QStringLiteral("%1 %2").arg(QLatin1String(info.key),
                                                                 QLatin1String(kKinds[k].name))))
                << int(info.id) << k;
        }
    }
}

void TestLabelOverlap::noTextOverlapsTextOrData() {
    QFETCH(int, view);
    QFETCH(int, kind);
    const Kind& k = kKinds[kind];
    ScenarioController controller(PresetLibrary::builtin());
    std::unique_ptr<PlotView> v(createView(ViewId(view), controller, nullptr));
    QSize size = k.size;
    if (k.window) {
        v->setTheme(PlotTheme::light());
        v->resize(size);
        v->show();
        QVERIFY(QTest::qWaitForWindowExposed(v.get()));
        v->refreshNow();
        size = v->plot()->size();
    } else {
        v->refreshNow();
    }
    if (auto* heat = qobject_cast<HeatmapView*>(v.get())) {
        heat->finishPending();
    }
    std::vector<TextBox> texts;
    std::vector<QRectF> markers;
    std::vector<QRectF> legends;
    const auto record = [&](QCustomPlot& plot, QSize viewport,
                            const std::function<void(QCPPainter&)>& paint) {
        RecordingDevice device(viewport);
        QCPPainter painter(&device);
        paint(painter);
        painter.end();
        texts = device.engine.texts;
        markers = markerBoxes(plot);
        legends = legendBoxes(plot);
    };
    if (k.window) {
        record(*v->plot(), size, [&](QCPPainter& painter) {
            v->plot()->toPainter(&painter, size.width(), size.height());
        });
    } else { // laid out as the export lays it out (no title: the plot at the origin)
        ExportOptions options = presetExportOptions(k.preset, ExportFormat::Pdf);
        options.title = false;
        layOutForExport(*v, options, record);
    }
    QVERIFY(!texts.empty());

    const QString where = QStringLiteral("%1 at %2").arg(v->key(), QLatin1String(k.name));
    QStringList collisions;
    for (std::size_t i = 0; i < texts.size(); ++i) {
        for (std::size_t j = i + 1; j < texts.size(); ++j) {
            if (overlaps(texts[i].rect, texts[j].rect)) {
                collisions << QStringLiteral("%1: text \"%2\" overlaps \"%3\"")
                                  .arg(where, texts[i].text, texts[j].text);
            }
        }
        for (const QRectF& m : markers) {
            if (overlaps(texts[i].rect, m)) {
                collisions << QStringLiteral("%1: text \"%2\" covers a marker at %3,%4")
                                  .arg(where, texts[i].text)
                                  .arg(m.center().x(), 0, 'f', 0)
                                  .arg(m.center().y(), 0, 'f', 0);
                break;
            }
        }
    }
    for (const QRectF& l : legends) {
        int covered = 0;
        for (const QRectF& m : markers) {
            covered += overlaps(l, m) ? 1 : 0;
        }
        if (covered > 0) {
            collisions
                << QStringLiteral("%1: the legend covers %2 markers").arg(where).arg(covered);
        }
    }
    for (const QString& c : collisions) {
        qInfo().noquote() << c;
    }
    QVERIFY2(collisions.isEmpty(), qPrintable(collisions.join(QLatin1Char('\n'))));
}

AFD_WIDGET_TEST_MAIN(TestLabelOverlap)
#include "tst_label_overlap.moc"
