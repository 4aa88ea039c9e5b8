// SPDX-License-Identifier: GPL-3.0-or-later
// One look per series index that survives greyscale printing and colour-vision deficiencies:
// the theme's colour, a line pattern and a marker shape of its own. Markers always draw with a
// solid pen, whatever the line's pattern (QCPScatterStyle has its own pen).
#pragma once

#include "qcustomplot_include.hpp"
#include "theme.hpp"

#include <QVector>

namespace afd::ui {

inline constexpr std::size_t kSeriesStyles = 8;

// Dash pattern of series i in units of the pen width; empty for a solid line.
QVector<qreal> seriesDashPattern(std::size_t i);
QCPScatterStyle::ScatterShape seriesShape(std::size_t i);
QPen seriesPen(const PlotTheme& theme, std::size_t i, double width);
// Filled where the shape has an inside, always with a solid pen of the series' colour.
QCPScatterStyle seriesMarker(const PlotTheme& theme, std::size_t i, double size);

} // namespace afd::ui
