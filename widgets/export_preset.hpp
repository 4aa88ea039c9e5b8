// SPDX-License-Identifier: GPL-3.0-or-later
// Figure sizes for a paper column, a full page width, a 16:9 slide and a poster: a physical size
// and a text size that an export keeps whatever its format (PDF and SVG in points, PNG in pixels
// at the preset's resolution). The one table of presets: the command line, the export dialog
// and the documentation list these.
#pragma once

#include "theme.hpp"

#include <QSize>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <optional>
#include <span>

namespace afd::ui {

enum class ExportPreset { Column, Page, Slide, Poster };

struct ExportPresetInfo {
    ExportPreset id;
    const char* key;     // "column": command line, settings
    const char* label;   // "Paper column (3.5 in)": the export dialog
    QSizeF points;       // page size in points (1/72 in)
    double textPoints;   // tick labels, axis titles and legends
    double pngDpi;       // PNG pixels per inch
    PlotStyle style;     // the theme the preset is meant for
    bool titleByDefault; // a figure in a paper takes its title from the caption below it
    // A paper's figure must have the column's or the page's width, not its height: a view that
    // needs more height at this text size (stacked rows of text) gets it. A slide's is fixed.
    bool heightMayGrow;
};

std::span<const ExportPresetInfo> exportPresets();
const ExportPresetInfo& exportPresetInfo(ExportPreset preset);
std::optional<ExportPreset> parseExportPreset(QStringView key);
QStringList exportPresetKeys(); // in table order
// "column, page, slide or poster": what an error message says was expected.
QString exportPresetKeyList();

// The PNG pixel size of a figure `points` large at `dpi`.
QSize pixelsAt(QSizeF points, double dpi);

// `theme` with its text at `textPoints` (axis titles, tick labels and legends all at that size,
// panel titles bold at the same size) and its lines and markers scaled with the text, so that a
// column-sized figure is not all thick lines and a poster's lines are not hairlines.
PlotTheme themeAtTextSize(PlotTheme theme, double textPoints);

} // namespace afd::ui
