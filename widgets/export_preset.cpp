// SPDX-License-Identifier: GPL-3.0-or-later
#include "export_preset.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace afd::ui {

namespace {

// Column and page: the widths of a two-column paper (3.5 in and 7 in; ACM, IEEE, USENIX), at
// 4:3 and 16:10, text at 8 pt and 9 pt as in the papers' own figures, 300 dpi for print.
// Slide: 13.333 x 7.5 in is 16:9 (PowerPoint, Keynote, LaTeX beamer at 16:9 scale), whose
// 1920 x 1080 pixels are 144 dpi; 20 pt text reads from the back of a room. Poster: a figure
// 15 in wide (under half an A0 portrait poster's 33.1 in), 24 pt text: about the text-to-width
// ratio of a slide, which the multi-panel figures need; 150 dpi.
constexpr std::array<ExportPresetInfo, 4> kPresets{{
    {ExportPreset::Column, "column", "Paper column (3.5 in, 8 pt)", QSizeF(252, 189), 8.0, 300.0,
     PlotStyle::Print, false, true},
    {ExportPreset::Page, "page", "Full page width (7 in, 9 pt)", QSizeF(504, 315), 9.0, 300.0,
     PlotStyle::Print, false, true},
    {ExportPreset::Slide, "slide", "Slide 16:9 (1920 x 1080, 20 pt)", QSizeF(960, 540), 20.0, 144.0,
     PlotStyle::Presentation, true, false},
    {ExportPreset::Poster, "poster", "Poster (15 in, 24 pt)", QSizeF(1080, 720), 24.0, 150.0,
     PlotStyle::Print, true, false},
}};

} // namespace

std::span<const ExportPresetInfo> exportPresets() {
    return kPresets;
}

const ExportPresetInfo& exportPresetInfo(ExportPreset preset) {
    for (const ExportPresetInfo& info : kPresets) {
        if (info.id == preset) {
            return info;
        }
    }
    return kPresets.front();
}

std::optional<ExportPreset> parseExportPreset(QStringView key) {
    for (const ExportPresetInfo& info : kPresets) {
        if (key == QLatin1String(info.key)) {
            return info.id;
        }
    }
    return std::nullopt;
}

QStringList exportPresetKeys() {
    QStringList keys;
    for (const ExportPresetInfo& info : kPresets) {
        keys << QString::fromLatin1(info.key);
    }
    return keys;
}

QString exportPresetKeyList() {
    QStringList keys = exportPresetKeys();
    const QString last = keys.takeLast();
    return keys.join(QStringLiteral(", ")) + QStringLiteral(" or ") + last;
}

QSize pixelsAt(QSizeF points, double dpi) {
    return {int(std::lround(points.width() * dpi / 72.0)),
            int(std::lround(points.height() * dpi / 72.0))};
}

PlotTheme themeAtTextSize(PlotTheme theme, double textPoints) {
    const double k = textPoints / theme.font.pointSizeF();
    theme.font.setPointSizeF(textPoints);
    // Axis titles at the text size: a paper's figure has one text size, the caption's or less.
    theme.labelScale = 1.0;
    theme.titleScale = 1.0;
    // Lines and markers follow the text, with floors that keep a 1 pt line and a marker that
    // is still a shape (in the 96 dpi layout units QCustomPlot draws in).
    theme.lineWidth = std::max(1.2, theme.lineWidth * k);
    theme.markerSize = std::max(5.0, theme.markerSize * k);
    return theme;
}

} // namespace afd::ui
