// SPDX-License-Identifier: GPL-3.0-or-later
// Layout elements that fit the size a plot is drawn at (window, export, slide), not the size it
// was built at: a text that wraps to the plot's width and a legend that takes as many columns
// as fit. Private to widgets/ (includes qcustomplot.h).
#pragma once

#include "qcustomplot_include.hpp"
#include "theme.hpp"

namespace afd::ui {

// A title or note that wraps at word boundaries to the plot's width.
class WrappedTextElement : public QCPTextElement {
    Q_OBJECT
  public:
    explicit WrappedTextElement(QCustomPlot* plot);

  protected:
    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

  private:
    QSize wrappedSize() const;
};

// A graph whose markers leave out the gaps in its data. QCustomPlot 2.1 gives the marker of a
// NaN value (the gap that breaks a line, or a legend-only graph's one NaN point) the pixel
// (0,0) instead of dropping it: a stray dot in the figure's top left corner, in SVG and PDF
// exports and at the corner of a PNG. No real marker is ever there: the axis rects have margins
// and clip what they draw. Every view's graphs are made by addLine (plot_helpers).
class GapSafeGraph : public QCPGraph {
    Q_OBJECT
  public:
    GapSafeGraph(QCPAxis* keyAxis, QCPAxis* valueAxis) : QCPGraph(keyAxis, valueAxis) {}

  protected:
    void drawScatterPlot(QCPPainter* painter, const QVector<QPointF>& scatters,
                         const QCPScatterStyle& style) const override;
};

// A legend laid out in rows, as many columns as the plot's width holds.
class FlowLegend : public QCPLegend {
    Q_OBJECT
  public:
    FlowLegend() = default;
    void update(UpdatePhase phase) override;
};

// The most columns of `legend`'s items that fit side by side in `available` pixels.
int legendColumnsThatFit(const QCPLegend& legend, int available);
// Legends laid out in rows (in the plot's layout, beside or below the axes) that are wider
// than the plot take fewer columns (never more than their view gave them). Call with the
// plot's viewport at the size being drawn.
void fitLegendColumns(QCustomPlot& plot);

// Replaces the plot's default legend (inside the axis rect) by a FlowLegend and returns it; the
// caller places it in the plot layout.
FlowLegend* installFlowLegend(QCustomPlot& plot);

// Legend icons as large as the theme's markers and lines (a presentation theme's hollow circle
// no longer shows as "( )"), and room below each entry's text for descenders: QCustomPlot
// clips every legend item to its rectangle moved up by one layout pixel, which cut the
// underscores and the tails of "g" and "p" (three pixels in a 300 dpi PNG).
void fitLegendToTheme(QCPLegend& legend, const PlotTheme& theme);

// Fewer ticks on every axis whose tick labels would touch at the size of its axis rect in the
// last layout: each ticker's own tick count (and a fixed step's scale strategy) is the most,
// and the count falls until the labels, measured in their font, fit the axis with a gap.
// Text tickers are left as they are (their labels are the view's).
void fitTickCounts(QCustomPlot& plot);
// Lays the plot out at `size` (margins, axis rects, tick labels) without drawing.
void layoutAt(QCustomPlot& plot, const QSize& size);

} // namespace afd::ui
