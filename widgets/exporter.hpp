// SPDX-License-Identifier: GPL-3.0-or-later
// Export of a view as an image (PNG, SVG, PDF) in a chosen theme, or of its plotted data (CSV,
// JSON), each with the scenario that produced it. Exporters take a path and never open dialogs.
#pragma once

#include "export_preset.hpp"
#include "theme.hpp"

#include <QSize>
#include <QString>
#include <functional>
#include <optional>

class QCustomPlot;
class QCPPainter;

namespace afd::ui {

class PlotView;
class ScenarioController;

enum class ExportFormat { Png, Svg, Pdf, Csv, Json };
// "png" -> Png, ...; false for anything else.
bool parseExportFormat(const QString& text, ExportFormat* format);
QString exportFormatSuffix(ExportFormat format);

struct ExportOptions {
    ExportFormat format = ExportFormat::Png;
    // Without a preset: pixels for PNG, points (1/72 in) for PDF, user units for SVG. With a
    // preset: points for every format (a PNG has the preset's dpi).
    QSize size{1600, 1000};
    double scale = 1.0;                 // PNG only: device pixels per pixel (2 = high-DPI)
    PlotStyle style = PlotStyle::Light; // light, dark, print or presentation
    bool writeScenario = true;          // also write PATH.scenario.json beside images
    // A paper, slide or poster figure: text at the preset's point size in every format.
    std::optional<ExportPreset> preset;
    bool title = false; // the view's title above the plot
    QString caption;    // a line below the plot; empty for none
};

// The options of a preset: its size, its theme, its title default.
ExportOptions presetExportOptions(ExportPreset preset, ExportFormat format);
// "H800 · DeepSeek-V3 · TPOT SLO 50 ms": hardware, model and the SLO of the current scenario.
QString scenarioCaption(const ScenarioController& controller);
// The size of the image file: PNG pixels (with the scale and a preset's dpi), PDF and SVG
// points; what the export dialog shows beside its size.
QSize exportedImageSize(const ExportOptions& options);

// Renders `view` (in options.style, restoring its own afterwards) or writes its data to path.
// Images get a sidecar "<path>.scenario.json"; CSV starts with '#' comment lines holding the
// scenario, JSON embeds it. Returns false with *error set on failure.
bool exportView(PlotView& view, const ScenarioController& controller, const QString& path,
                const ExportOptions& options, QString* error);

// What exportView() does to a view before it draws an image (theme and text size, the preset's
// legend below the plot, a paper figure grown in height, long axis titles broken, ticks fitted):
// `render` gets the plot so laid out, the figure's size in layout units (pixels at the screen's
// dpi) and a function that paints the figure (title, plot, caption) at the painter's origin;
// afterwards the view has its own look back. Lets tests check what an export draws.
using ExportPaint = std::function<void(QCPPainter&)>;
void layOutForExport(
    PlotView& view, const ExportOptions& options,
    const std::function<void(QCustomPlot& plot, QSize viewport, const ExportPaint& paint)>& render);

// The plotted data of a view, tidy long format: series, x, y (with the axis labels, units
// included, as headers). The heatmap writes its grid in the core's CSV/JSON format instead.
QString viewDataCsv(PlotView& view);
QString viewDataJson(PlotView& view, const ScenarioController& controller);

// Scenario file text for the controller's current state (every registry value); the view
// block names the view and the theme when given.
QString currentScenarioJson(const ScenarioController& controller, const QString& viewKey = {},
                            std::optional<ThemeChoice> theme = std::nullopt);

// Writes data so that a failure leaves the previous file intact (see afd/file_output.hpp);
// "-" is standard output. On failure *error names the file and the reason.
bool writeFileAtomically(const QString& path, const QByteArray& data, QString* error);

} // namespace afd::ui
