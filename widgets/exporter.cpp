// SPDX-License-Identifier: GPL-3.0-or-later
#include "exporter.hpp"

#include "afd/file_output.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "heatmap_view.hpp"
#include "layout_elements.hpp"
#include "plot_helpers.hpp"
#include "plot_view.hpp"
#include "scenario_controller.hpp"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPageLayout>
#include <QPdfWriter>
#include <QPointer>
#include <QSvgGenerator>
#include <cmath>
#include <functional>
#include <nlohmann/json.hpp>

Q_GUI_EXPORT int qt_defaultDpiY();

namespace afd::ui {

namespace {

QString csvField(const QString& text) {
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n'))) {
        return text;
    }
    QString quoted = text;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

// The core's number format: C locale, shortest text that reads back as the same double.
QString number(double v) {
    return QString::fromStdString(formatNumber(v));
}

struct Series {
    QString name;
    QString xLabel;
    QString yLabel;
    QVector<double> x;
    QVector<double> y;
};

// Every named graph of the plot; in small multiples the panel title prefixes the name.
QVector<Series> plottedSeries(QCustomPlot& plot) {
    QVector<Series> out;
    const bool panels = plot.axisRects().size() > 1;
    for (int i = 0; i < plot.graphCount(); ++i) {
        QCPGraph* g = plot.graph(i);
        if (g->name().isEmpty()) {
            continue;
        }
        Series s;
        QCPAxisRect* rect = g->keyAxis()->axisRect();
        const QString panel = rect->axis(QCPAxis::atTop)->label();
        s.name = panels && !panel.isEmpty() ? panel + QStringLiteral(" / ") + g->name() : g->name();
        s.xLabel = g->keyAxis()->label();
        s.yLabel = g->valueAxis()->label();
        for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it) {
            if (std::isfinite(it->key) && std::isfinite(it->value)) {
                s.x << it->key;
                s.y << it->value;
            }
        }
        if (!s.x.isEmpty()) {
            out << s;
        }
    }
    // Named bars (the breakdown's stacked parts): one series per bar, named after the bar's
    // tick label when its axis has text ticks; x is the bar's position on that axis.
    for (int i = 0; i < plot.plottableCount(); ++i) {
        auto* bars = qobject_cast<QCPBars*>(plot.plottable(i));
        if (bars == nullptr || bars->name().isEmpty()) {
            continue;
        }
        const auto ticks = bars->keyAxis()->ticker().dynamicCast<QCPAxisTickerText>();
        for (auto it = bars->data()->constBegin(); it != bars->data()->constEnd(); ++it) {
            if (!std::isfinite(it->key) || !std::isfinite(it->value)) {
                continue;
            }
            Series s;
            const QString bar = ticks ? ticks->ticks().value(it->key) : QString();
            s.name = bar.isEmpty() ? bars->name() : bar + QStringLiteral(" / ") + bars->name();
            s.xLabel = bars->keyAxis()->label().isEmpty() ? QStringLiteral("bar position")
                                                          : bars->keyAxis()->label();
            s.yLabel = bars->valueAxis()->label();
            s.x << it->key;
            s.y << it->value;
            out << s;
        }
    }
    return out;
}

} // namespace

bool parseExportFormat(const QString& text, ExportFormat* format) {
    const QString t = text.toLower();
    const std::pair<const char*, ExportFormat> known[] = {{"png", ExportFormat::Png},
                                                          {"svg", ExportFormat::Svg},
                                                          {"pdf", ExportFormat::Pdf},
                                                          {"csv", ExportFormat::Csv},
                                                          {"json", ExportFormat::Json}};
    for (const auto& [name, f] : known) {
        if (t == QLatin1String(name)) {
            *format = f;
            return true;
        }
    }
    return false;
}

QString exportFormatSuffix(ExportFormat format) {
    switch (format) {
    case ExportFormat::Png:
        return QStringLiteral("png");
    case ExportFormat::Svg:
        return QStringLiteral("svg");
    case ExportFormat::Pdf:
        return QStringLiteral("pdf");
    case ExportFormat::Csv:
        return QStringLiteral("csv");
    case ExportFormat::Json:
        return QStringLiteral("json");
    }
    return {};
}

bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error) {
    // The core's writer checks every write and the rename (QSaveFile's commit() reported
    // success for a file truncated by a full disk), and writes devices and FIFOs in place.
    const std::string_view bytes(data.constData(), std::size_t(data.size()));
    try {
        if (path == QLatin1String("-")) {
            writeAll(1, bytes, "standard output"); // `export --out -`
            return true;
        }
        afd::writeFileAtomically(QFile::encodeName(path).toStdString(), bytes);
    } catch (const OutputFileError& e) {
        *error = QString::fromLocal8Bit(e.what());
        return false;
    }
    return true;
}

QString currentScenarioJson(const ScenarioController& controller, const QString& viewKey,
                            std::optional<ThemeChoice> theme) {
    ViewSettings view;
    view.current = viewKey.toStdString();
    view.theme = theme ? themeChoiceKey(*theme).toStdString() : std::string();
    ScenarioFile file =
        snapshotScenario(controller.name().toStdString(), controller.hardwareId().toStdString(),
                         controller.modelId().toStdString(), controller.scenario(), view);
    return QString::fromStdString(writeScenario(file));
}

QString viewDataCsv(PlotView& view) {
    if (auto* heat = qobject_cast<HeatmapView*>(&view)) {
        heat->finishPending();
        return heat->lastGrid() != nullptr ? QString::fromStdString(gridToCsv(*heat->lastGrid()))
                                           : QString();
    }
    QString csv;
    const QVector<Series> all = plottedSeries(*view.plot());
    if (all.isEmpty()) {
        return csv;
    }
    // Small multiples label their axes on the outer panels only: take the first label given.
    const auto firstLabel = [&all](QString Series::*label) {
        for (const Series& s : all) {
            if (!(s.*label).isEmpty()) {
                return s.*label;
            }
        }
        return QString();
    };
    csv += QStringLiteral("series,") + csvField(firstLabel(&Series::xLabel)) + QLatin1Char(',') +
           csvField(firstLabel(&Series::yLabel)) + QLatin1Char('\n');
    for (const Series& s : all) {
        for (int i = 0; i < s.x.size(); ++i) {
            csv += csvField(s.name) + QLatin1Char(',') + number(s.x[i]) + QLatin1Char(',') +
                   number(s.y[i]) + QLatin1Char('\n');
        }
    }
    return csv;
}

QString viewDataJson(PlotView& view, const ScenarioController& controller) {
    // One JSON writer for every part: the embedded scenario keeps the key order of a scenario
    // file, and numbers are written shortest-round-trip as everywhere else.
    using Json = nlohmann::ordered_json;
    Json root;
    root["view"] = view.key().toStdString();
    root["generator"] = "AFD Explorer " AFD_VERSION;
    root["scenario"] = Json::parse(currentScenarioJson(controller, view.key()).toStdString());
    if (auto* heat = qobject_cast<HeatmapView*>(&view)) {
        heat->finishPending();
        if (heat->lastGrid() != nullptr) {
            root["grid"] = gridToJson(*heat->lastGrid());
        }
    } else {
        Json series = Json::array();
        for (const Series& s : plottedSeries(*view.plot())) {
            series.push_back({{"name", s.name.toStdString()},
                              {"x_label", s.xLabel.toStdString()},
                              {"y_label", s.yLabel.toStdString()},
                              {"x", std::vector<double>(s.x.cbegin(), s.x.cend())},
                              {"y", std::vector<double>(s.y.cbegin(), s.y.cend())}});
        }
        root["series"] = std::move(series);
    }
    return QString::fromStdString(root.dump(2) + '\n');
}

namespace {

// The resolution QFontMetrics measures text at (the primary screen's logical dpi): every export
// draws on a device of this resolution, so that QCustomPlot's layout, which measures text with
// QFontMetrics, and the drawing agree, and a font of p points is p points on paper.
double layoutDpi() {
    const int dpi = qt_defaultDpiY();
    return dpi > 0 ? dpi : 96.0;
}

QSize scaled(QSizeF size, double k) {
    return {std::max(1, int(std::lround(size.width() * k))),
            std::max(1, int(std::lround(size.height() * k)))};
}

// Where an image export draws: the plot's layout size (QCustomPlot's pixels) and the file's.
struct Geometry {
    QSize viewport;    // layout units (pixels at layoutDpi for PDF, presets and SVG)
    QSize pixels;      // PNG only
    double paintScale; // PNG only: file pixels per layout unit
    QSizeF points;     // PDF page
};

Geometry geometryOf(const ExportOptions& o) {
    Geometry g;
    const double dpi = layoutDpi();
    if (o.preset) {
        const ExportPresetInfo& info = exportPresetInfo(*o.preset);
        g.points = QSizeF(o.size);
        g.viewport = scaled(g.points, dpi / 72.0);
        g.pixels = pixelsAt(g.points, info.pngDpi * o.scale);
        g.paintScale = info.pngDpi * o.scale / dpi;
        return g;
    }
    g.points = QSizeF(o.size);
    g.viewport = o.format == ExportFormat::Pdf ? scaled(g.points, dpi / 72.0) : o.size;
    g.pixels = scaled(QSizeF(o.size), o.scale);
    g.paintScale = o.scale;
    return g;
}

// The title above the plot and the caption below it, wrapped to the figure's width.
struct Frame {
    QString title;
    QString caption;
    QFont titleFont;
    QFont captionFont;
    QColor color;
    QColor background;
    int titleHeight = 0;
    int captionHeight = 0;
    int margin = 0;
};

Frame frameFor(const PlotView& view, const ExportOptions& options, const PlotTheme& theme,
               int width) {
    Frame f;
    f.color = theme.foreground;
    f.background = theme.background;
    f.titleFont = theme.font;
    f.titleFont.setPointSizeF(theme.font.pointSizeF() * std::max(1.0, theme.titleScale));
    f.titleFont.setBold(true);
    f.captionFont = theme.font;
    const QFontMetricsF base(theme.font);
    f.margin = int(std::ceil(base.height() / 3.0));
    const auto height = [&](const QFont& font, const QString& text) {
        const QFontMetrics m(font);
        const QRect r = m.boundingRect(QRect(0, 0, std::max(20, width - 2 * f.margin), 100000),
                                       Qt::AlignHCenter | Qt::TextWordWrap, text);
        return r.height() + f.margin;
    };
    if (options.title) {
        f.title = view.title();
        f.titleHeight = height(f.titleFont, f.title) + f.margin;
    }
    if (!options.caption.trimmed().isEmpty()) {
        f.caption = options.caption.trimmed();
        f.captionHeight = height(f.captionFont, f.caption) + f.margin;
    }
    return f;
}

void paintFigure(QCPPainter& painter, QCustomPlot& plot, const QSize& viewport, const Frame& f) {
    painter.fillRect(QRect(QPoint(0, 0), viewport), f.background);
    const int plotHeight = viewport.height() - f.titleHeight - f.captionHeight;
    painter.save();
    painter.translate(0, f.titleHeight);
    plot.toPainter(&painter, viewport.width(), plotHeight);
    painter.restore();
    painter.setPen(f.color);
    const int textWidth = viewport.width() - 2 * f.margin;
    if (!f.title.isEmpty()) {
        painter.setFont(f.titleFont);
        painter.drawText(QRect(f.margin, f.margin, textWidth, f.titleHeight - f.margin),
                         Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, f.title);
    }
    if (!f.caption.isEmpty()) {
        painter.setFont(f.captionFont);
        painter.drawText(QRect(f.margin, viewport.height() - f.captionHeight, textWidth,
                               f.captionHeight - f.margin),
                         Qt::AlignHCenter | Qt::AlignVCenter | Qt::TextWordWrap, f.caption);
    }
}

// A paper figure's legend goes below the plot, in as many columns as fit, off the data: always
// when the figure may grow in height (column, page), else when it then takes at most a third of
// the figure's height (else it stays in the corner the view chose for it): for views whose legend
// sits inside the main axis rect (views that place their own legend elsewhere keep it there).
// Undone by the returned function.
std::function<void()> moveLegendBelow(QCustomPlot& plot, QSize size, bool anyHeight,
                                      int* legendHeight) {
    const int width = size.width();
    QCPLegend* legend = plot.legend;
    QCPLayoutInset* inset = plot.axisRect() != nullptr ? plot.axisRect()->insetLayout() : nullptr;
    if (legend == nullptr || !legend->visible() || legend->itemCount() == 0 || inset == nullptr ||
        legend->layout() != inset || inset->elementCount() != 1 ||
        plot.plotLayout()->columnCount() != 1) {
        return [] {};
    }
    const Qt::Alignment alignment = inset->insetAlignment(0);
    const int wrap = legend->wrap();
    const QCPLayoutGrid::FillOrder order = legend->fillOrder();
    const int columns = legendColumnsThatFit(*legend, width - 16);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    *legendHeight = legend->minimumOuterSizeHint().height();
    if (!anyHeight && *legendHeight > size.height() / 3) {
        legend->setWrap(wrap);
        legend->setFillOrder(order, true);
        return [] {};
    }
    inset->take(legend);
    inset->simplify();
    QCPLayoutGrid* root = plot.plotLayout();
    const int row = root->rowCount();
    root->addElement(row, 0, legend);
    root->setRowStretchFactor(row, 0.001);
    return [&plot, legend, inset, alignment, wrap, order] {
        if (plot.legend != legend) {
            return; // the view replaced its legend meanwhile
        }
        plot.plotLayout()->take(legend);
        plot.plotLayout()->simplify();
        inset->addElement(legend, alignment);
        legend->setWrap(wrap);
        legend->setFillOrder(order, true);
    };
}

// An axis title longer than its axis is broken into two lines at the space nearest its middle
// (else its ends are cut off by the figure's edge). Undone by the returned function.
std::function<void()> breakLongAxisTitles(QCustomPlot& plot) {
    QList<QPair<QPointer<QCPAxis>, QString>> changed;
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            const QString label = axis->label();
            const double length =
                axis->orientation() == Qt::Horizontal ? rect->width() : rect->height();
            if (!axis->visible() || label.isEmpty() || label.contains(QLatin1Char('\n')) ||
                QFontMetricsF(axis->labelFont()).horizontalAdvance(label) <= length) {
                continue;
            }
            const qsizetype middle = label.size() / 2;
            qsizetype best = -1;
            for (qsizetype i = 0; i < label.size(); ++i) {
                if (label[i] == QLatin1Char(' ') &&
                    (best < 0 || std::abs(i - middle) < std::abs(best - middle))) {
                    best = i;
                }
            }
            if (best > 0) {
                changed.push_back({axis, label});
                QString broken = label;
                broken[best] = QLatin1Char('\n');
                axis->setLabel(broken);
            }
        }
    }
    return [changed] {
        for (const auto& [axis, label] : changed) {
            if (axis) {
                axis->setLabel(label);
            }
        }
    };
}

} // namespace

ExportOptions presetExportOptions(ExportPreset preset, ExportFormat format) {
    const ExportPresetInfo& info = exportPresetInfo(preset);
    ExportOptions o;
    o.format = format;
    o.preset = preset;
    o.size = info.points.toSize();
    o.style = info.style;
    o.title = info.titleByDefault;
    return o;
}

QString scenarioCaption(const ScenarioController& controller) {
    // "NVIDIA H800 SXM (paper)" -> "NVIDIA H800 SXM": where the values come from belongs to the
    // scenario file beside the figure, not to a one-line caption.
    const auto shortName = [](const std::string& name) {
        QString n = QString::fromStdString(name).trimmed();
        if (n.endsWith(QLatin1Char(')')) && n.lastIndexOf(QStringLiteral(" (")) > 0) {
            n.truncate(n.lastIndexOf(QStringLiteral(" (")));
        }
        return n;
    };
    const QString model = shortName(controller.modelPreset().name);
    QString hardware = shortName(controller.hardwarePreset().name);
    if (const Preset* attention = controller.attentionHardwarePreset()) {
        hardware =
            QStringLiteral("%1 FFN + %2 attention").arg(hardware, shortName(attention->name));
    }
    return QStringLiteral("%1 · %2 · TPOT SLO %3 ms")
        .arg(hardware, model, numberText(controller.scenario()[Param::SloMs], 3));
}

QSize exportedImageSize(const ExportOptions& options) {
    const Geometry g = geometryOf(options);
    return options.format == ExportFormat::Png ? g.pixels : options.size;
}

namespace {

// Lays the view out as `options` asks (theme, size, legend, paper growth, titles, ticks), hands
// the plot, the figure's geometry and a function painting it to `render`, then gives the view
// its own look back.
void layOutFigure(
    PlotView& view, const ExportOptions& options,
    const std::function<void(QCustomPlot& plot, const Geometry& geometry, const PlotTheme& theme,
                             const ExportPaint& paint)>& render) {
    if (auto* heat = qobject_cast<HeatmapView*>(&view)) {
        heat->finishPending();
    }
    const PlotTheme previous = view.theme();
    PlotTheme theme = PlotTheme::forStyle(options.style);
    if (options.preset) {
        theme = themeAtTextSize(theme, exportPresetInfo(*options.preset).textPoints);
    }
    Geometry geometry = geometryOf(options);
    QSize viewport = geometry.viewport;
    const Frame frame = frameFor(view, options, theme, viewport.width());
    QSize plotSize(viewport.width(),
                   std::max(16, viewport.height() - frame.titleHeight - frame.captionHeight));
    view.setRenderSize(plotSize);
    view.setTheme(theme);
    QCustomPlot* plot = view.plot();
    std::function<void()> restoreLegend = [] {};
    for (int attempt = 0; attempt < 2; ++attempt) {
        int legendHeight = 0;
        const bool mayGrow = options.preset && exportPresetInfo(*options.preset).heightMayGrow;
        if (options.preset) {
            restoreLegend = moveLegendBelow(*plot, plotSize, mayGrow, &legendHeight);
        }
        // Legends as wide as the figure at most.
        const QRect shown = plot->viewport();
        plot->setViewport(QRect(QPoint(0, 0), plotSize));
        fitLegendColumns(*plot);
        plot->setViewport(shown);
        layoutAt(*plot, plotSize);
        // Rows of text squeezed onto each other: a paper figure grows to the height the view
        // needs (a fifth more for the axes), keeping its width; the view lays itself out again.
        const int minimum = plot->plotLayout()->minimumOuterSizeHint().height();
        int needed = minimum > plotSize.height() ? minimum + minimum / 5 : 0;
        // A legend moved below takes at most a quarter of the plot's height from the axes.
        if (legendHeight > plotSize.height() / 4) {
            needed = std::max(needed, plotSize.height() * 3 / 4 + legendHeight);
        }
        // A view that put its legend (or notes) below the axes itself: the axes keep at least
        // 55 % of the height. Growth goes to the axes alone, so d more pixels give
        // (axes + d) / (H + d) >= 0.55 for d >= (0.55 H - axes) / 0.45.
        if (plot->axisRects().size() == 1) {
            const double axes = plot->axisRect()->outerRect().height();
            const double h = plotSize.height();
            if (axes < 0.55 * h) {
                needed = std::max(needed, int(std::ceil(h + (0.55 * h - axes) / 0.45)));
            }
        }
        if (attempt > 0 || !mayGrow || needed <= plotSize.height()) {
            break;
        }
        restoreLegend();
        restoreLegend = [] {};
        plotSize.setHeight(std::min(20000, needed));
        viewport.setHeight(plotSize.height() + frame.titleHeight + frame.captionHeight);
        geometry.viewport = viewport;
        geometry.points.setHeight(viewport.height() * 72.0 / layoutDpi());
        geometry.pixels =
            pixelsAt(geometry.points, exportPresetInfo(*options.preset).pngDpi * options.scale);
        view.setRenderSize(plotSize);
        view.refreshNow();
    }
    layoutAt(*plot, plotSize);
    const auto restoreTitles = breakLongAxisTitles(*plot);
    for (int pass = 0; pass < 2; ++pass) {
        layoutAt(*plot, plotSize);
        fitTickCounts(*plot);
    }
    QCustomPlot& figure = *plot;
    render(figure, geometry, theme, [&figure, viewport, &frame](QCPPainter& painter) {
        paintFigure(painter, figure, viewport, frame);
    });
    restoreTitles();
    restoreLegend();
    view.setRenderSize(QSize());
    view.setTheme(previous);
}

} // namespace

void layOutForExport(PlotView& view, const ExportOptions& options,
                     const std::function<void(QCustomPlot& plot, QSize viewport,
                                              const ExportPaint& paint)>& render) {
    layOutFigure(view, options,
                 [&render](QCustomPlot& plot, const Geometry& geometry, const PlotTheme&,
                           const ExportPaint& paint) { render(plot, geometry.viewport, paint); });
}

bool exportView(PlotView& view, const ScenarioController& controller, const QString& path,
                const ExportOptions& options, QString* error) {
    const QSize size = options.size;
    if (options.preset && (size.width() < 16 || size.height() < 16)) {
        *error = QStringLiteral("size %1x%2 pt: expected at least 16x16")
                     .arg(size.width())
                     .arg(size.height());
        return false;
    }
    if (size.width() < 16 || size.height() < 16 || size.width() > 20000 || size.height() > 20000) {
        *error = QStringLiteral("size %1x%2: expected 16x16 to 20000x20000")
                     .arg(size.width())
                     .arg(size.height());
        return false;
    }
    // Hidden views draw lazily: bring this one up to date with the scenario first.
    if (qobject_cast<HeatmapView*>(&view) == nullptr) {
        view.refreshNow();
    }
    if (options.format == ExportFormat::Csv) {
        QString csv = viewDataCsv(view);
        if (csv.isEmpty()) {
            *error = QStringLiteral("%1: the view has no data to export").arg(view.key());
            return false;
        }
        // The scenario that produced the data, as comment lines a CSV reader can skip.
        QString header;
        for (const QString& line :
             currentScenarioJson(controller, view.key()).split(QLatin1Char('\n'))) {
            if (!line.isEmpty()) {
                header += QStringLiteral("# ") + line + QLatin1Char('\n');
            }
        }
        return writeFileAtomically(path, (header + csv).toUtf8(), error);
    }
    if (options.format == ExportFormat::Json) {
        return writeFileAtomically(path, viewDataJson(view, controller).toUtf8(), error);
    }

    QByteArray bytes;
    layOutFigure(view, options,
                 [&](QCustomPlot&, const Geometry& geometry, const PlotTheme& theme,
                     const ExportPaint& paint) {
                     const QSize viewport = geometry.viewport;
                     // Rendered in memory first, then written like every other file: a failed write
                     // leaves the previous file as it was.
                     switch (options.format) {
                     case ExportFormat::Png: {
                         QImage image(geometry.pixels, QImage::Format_ARGB32_Premultiplied);
                         // Drawn at the layout's resolution (fonts in points become the pixels
                         // QCustomPlot measured), stored with the file's own (a preset's 300 dpi).
                         const int layoutDpm = int(std::lround(layoutDpi() / 0.0254));
                         image.setDotsPerMeterX(layoutDpm);
                         image.setDotsPerMeterY(layoutDpm);
                         image.fill(theme.background);
                         QCPPainter painter;
                         if (painter.begin(&image)) {
                             painter.setMode(QCPPainter::pmNoCaching);
                             if (geometry.paintScale > 1.0) {
                                 painter.setMode(QCPPainter::pmNonCosmetic);
                             }
                             painter.scale(geometry.paintScale, geometry.paintScale);
                             paint(painter);
                             painter.end();
                             if (options.preset) {
                                 const double dpi =
                                     exportPresetInfo(*options.preset).pngDpi * options.scale;
                                 image.setDotsPerMeterX(int(std::lround(dpi / 0.0254)));
                                 image.setDotsPerMeterY(int(std::lround(dpi / 0.0254)));
                             }
                             QBuffer buffer(&bytes);
                             buffer.open(QIODevice::WriteOnly);
                             if (!image.save(&buffer, "PNG")) {
                                 bytes.clear();
                             }
                         }
                         break;
                     }
                     case ExportFormat::Pdf: {
                         QBuffer buffer(&bytes);
                         buffer.open(QIODevice::WriteOnly);
                         {
                             QPdfWriter writer(&buffer);
                             writer.setCreator(QStringLiteral("AFD Explorer " AFD_VERSION));
                             writer.setTitle(view.title());
                             writer.setResolution(int(layoutDpi()));
                             QPageLayout page(QPageSize(geometry.points, QPageSize::Point,
                                                        QString(), QPageSize::ExactMatch),
                                              QPageLayout::Portrait, QMarginsF(0, 0, 0, 0),
                                              QPageLayout::Point);
                             page.setMode(QPageLayout::FullPageMode);
                             writer.setPageLayout(page);
                             QCPPainter painter;
                             bool ok = painter.begin(&writer);
                             if (ok) {
                                 painter.setMode(QCPPainter::pmVectorized);
                                 painter.setMode(QCPPainter::pmNoCaching);
                                 painter.setMode(QCPPainter::pmNonCosmetic);
                                 // The page in device units is the viewport up to rounding.
                                 painter.scale(double(writer.width()) / viewport.width(),
                                               double(writer.height()) / viewport.height());
                                 paint(painter);
                                 ok = painter.end();
                             }
                             if (!ok) {
                                 bytes.clear();
                             }
                         }
                         if (!bytes.trimmed().endsWith("%%EOF")) {
                             bytes.clear();
                         }
                         break;
                     }
                     case ExportFormat::Svg: {
                         QBuffer buffer(&bytes);
                         QSvgGenerator generator;
                         generator.setOutputDevice(&buffer);
                         generator.setResolution(int(layoutDpi()));
                         generator.setSize(viewport);
                         generator.setViewBox(QRect(QPoint(0, 0), viewport));
                         generator.setTitle(view.title());
                         generator.setDescription(QStringLiteral("AFD Explorer " AFD_VERSION));
                         QCPPainter painter;
                         bool ok = painter.begin(&generator);
                         if (ok) {
                             painter.setMode(QCPPainter::pmVectorized);
                             painter.setMode(QCPPainter::pmNoCaching);
                             paint(painter);
                             ok = painter.end();
                         }
                         if (!ok) {
                             bytes.clear();
                         }
                         break;
                     }
                     default:
                         break;
                     }
                 });
    if (bytes.isEmpty()) {
        *error = options.format == ExportFormat::Pdf
                     ? QStringLiteral("%1: cannot write (the PDF could not be printed completely)")
                           .arg(path)
                     : QStringLiteral("%1: cannot render the %2 file")
                           .arg(path, exportFormatSuffix(options.format));
        return false;
    }
    // The scenario beside the image goes first: if it cannot be written, the previous image
    // is still in place. Devices, FIFOs and standard output get no file beside them.
    const QFileInfo target(path);
    const bool besideAllowed = path != QLatin1String("-") && (!target.exists() || target.isFile());
    if (options.writeScenario && besideAllowed &&
        !writeFileAtomically(path + QStringLiteral(".scenario.json"),
                             currentScenarioJson(controller, view.key(),
                                                 options.style == PlotStyle::Dark
                                                     ? ThemeChoice::Dark
                                                     : ThemeChoice::Light)
                                 .toUtf8(),
                             error)) {
        return false;
    }
    return writeFileAtomically(path, bytes, error);
}

} // namespace afd::ui
