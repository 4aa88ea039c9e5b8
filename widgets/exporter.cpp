// SPDX-License-Identifier: GPL-3.0-or-later
#include "exporter.hpp"

#include "afd/file_output.hpp"
#include "afd/presets.hpp"
#include "afd/report.hpp"
#include "heatmap_view.hpp"
#include "plot_helpers.hpp"
#include "plot_view.hpp"
#include "scenario_controller.hpp"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSvgGenerator>
#include <QTemporaryDir>
#include <cmath>
#include <nlohmann/json.hpp>

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

bool exportView(PlotView& view, const ScenarioController& controller, const QString& path,
                const ExportOptions& options, QString* error) {
    const QSize size = options.size;
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

    if (auto* heat = qobject_cast<HeatmapView*>(&view)) {
        heat->finishPending();
    }
    const PlotTheme previous = view.theme();
    view.setRenderSize(size);
    view.setTheme(PlotTheme::forStyle(options.style));
    QCustomPlot* plot = view.plot();
    // Rendered in memory first, then written like every other file: a failed write leaves
    // the previous file as it was.
    QByteArray bytes;
    switch (options.format) {
    case ExportFormat::Png: {
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        const QImage image = plot->toPixmap(size.width(), size.height(), options.scale).toImage();
        if (!image.save(&buffer, "PNG")) {
            bytes.clear();
        }
        break;
    }
    case ExportFormat::Pdf: {
        // QCustomPlot prints PDF to a file name only: print into a private temporary folder,
        // and accept the result only if it is complete (it ends with the %%EOF trailer).
        QTemporaryDir scratch;
        const QString printed = scratch.filePath(QStringLiteral("export.pdf"));
        if (scratch.isValid() &&
            plot->savePdf(printed, size.width(), size.height(), QCP::epNoCosmetic,
                          QStringLiteral("AFD Explorer " AFD_VERSION), view.title())) {
            QFile pdf(printed);
            if (pdf.open(QIODevice::ReadOnly)) {
                bytes = pdf.readAll();
            }
            if (!bytes.trimmed().endsWith("%%EOF")) {
                bytes.clear();
            }
        }
        break;
    }
    case ExportFormat::Svg: {
        QBuffer buffer(&bytes);
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(size);
        generator.setViewBox(QRect(QPoint(0, 0), size));
        generator.setTitle(view.title());
        generator.setDescription(QStringLiteral("AFD Explorer " AFD_VERSION));
        QCPPainter painter;
        bool ok = painter.begin(&generator);
        if (ok) {
            plot->toPainter(&painter, size.width(), size.height());
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
    view.setRenderSize(QSize());
    view.setTheme(previous);
    if (bytes.isEmpty()) {
        *error = options.format == ExportFormat::Pdf
                     ? QStringLiteral("%1: cannot write (the PDF could not be printed completely "
                                      "to a temporary file: is the disk full?)")
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
