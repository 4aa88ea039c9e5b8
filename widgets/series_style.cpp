// SPDX-License-Identifier: GPL-3.0-or-later
#include "series_style.hpp"

#include <array>

namespace afd::ui {

QVector<qreal> seriesDashPattern(std::size_t i) {
    // Solid, dashed, dotted, dash-dot, long dash, dash-dot-dot, short dash, long dash-dot:
    // told apart in greyscale even where two colours have the same lightness.
    switch (i % kSeriesStyles) {
    case 0:
        return {};
    case 1:
        return {5, 3};
    case 2:
        return {1, 2};
    case 3:
        return {6, 2.5, 1, 2.5};
    case 4:
        return {11, 3};
    case 5:
        return {5, 2, 1, 2, 1, 2};
    case 6:
        return {2.5, 2.5};
    default:
        return {11, 2.5, 2, 2.5};
    }
}

QCPScatterStyle::ScatterShape seriesShape(std::size_t i) {
    constexpr std::array<QCPScatterStyle::ScatterShape, kSeriesStyles> shapes{
        QCPScatterStyle::ssDisc,
        QCPScatterStyle::ssSquare,
        QCPScatterStyle::ssTriangle,
        QCPScatterStyle::ssDiamond,
        QCPScatterStyle::ssTriangleInverted,
        QCPScatterStyle::ssCross,
        QCPScatterStyle::ssPlus,
        QCPScatterStyle::ssCircle};
    return shapes[i % kSeriesStyles];
}

QPen seriesPen(const PlotTheme& theme, std::size_t i, double width) {
    QPen pen(theme.series[i % theme.series.size()], width);
    pen.setCapStyle(Qt::FlatCap);
    if (const QVector<qreal> dashes = seriesDashPattern(i); !dashes.isEmpty()) {
        pen.setDashPattern(dashes);
    }
    return pen;
}

QCPScatterStyle seriesMarker(const PlotTheme& theme, std::size_t i, double size) {
    const QColor c = theme.series[i % theme.series.size()];
    const QCPScatterStyle::ScatterShape shape = seriesShape(i);
    const bool filled = shape != QCPScatterStyle::ssCross && shape != QCPScatterStyle::ssPlus &&
                        shape != QCPScatterStyle::ssCircle;
    QPen pen(c, shape == QCPScatterStyle::ssCross || shape == QCPScatterStyle::ssPlus ? 2 : 1.2);
    pen.setStyle(Qt::SolidLine);
    return QCPScatterStyle(shape, pen, filled ? QBrush(c) : QBrush(Qt::NoBrush), size);
}

} // namespace afd::ui
