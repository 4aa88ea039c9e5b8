// SPDX-License-Identifier: GPL-3.0-or-later
// Labels and legends that never cover data or each other, at whatever size the plot is drawn
// (window, export, slide): placed in pixel space once the layout and the axis ranges are known,
// i.e. at every replot, not when the view is rebuilt.
#pragma once

#include "qcustomplot_include.hpp"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPointF>
#include <QPointer>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <vector>

namespace afd::ui {

// What a label must keep clear of, in pixels. Hard obstacles (markers, bars, the legend, other
// labels) are never covered when any other place is free; soft ones (pieces of curves) are
// avoided when a place a little farther away is free.
struct LabelObstacles {
    std::vector<QRectF> hard;
    std::vector<QRectF> soft;
};

// The best place for one label of `size` beside `anchor`: candidate places right, above right,
// above, left, below and between those, at growing distances (the first ring `clearance` away
// from the anchor), inside `bounds`; the first free one of the nearest ring wins, else the one
// covering least.
QRectF placeLabel(const QPointF& anchor, const QSizeF& size, double clearance, const QRectF& bounds,
                  const LabelObstacles& obstacles);

// One label beside each marker (pixel coordinates) so that no label overlaps another label, any
// marker or any of the `obstacles` (a legend), and stays inside `bounds` when it can. Returns
// the labels' rectangles in the markers' order.
std::vector<QRectF> placeLabels(const std::vector<QPointF>& markers,
                                const std::vector<QSizeF>& sizes, double markerRadius,
                                const QRectF& bounds, const std::vector<QRectF>& obstacles = {});

// The data drawn in `rect` in pixels at the plot's current layout: each marker of a graph or
// curve as a hard box (its scatter size), bars as hard boxes, lines cut into pieces of at most
// about 10 px as soft boxes, and the text items not managed here (their boxes) as hard ones.
// Colour maps and background bands are not data a label could hide.
LabelObstacles plotObstacles(QCustomPlot& plot, const QCPAxisRect& rect);

// The labels of one axis rect, placed at every draw: each beside its anchor (plot coordinates,
// or axis-rect ratios), clear of the data, the legend, other text and each other, with a thin
// leader line when it had to move away from its anchor.
class PlacedLabels : public QCPAbstractItem {
  public:
    struct Label {
        double x = 0;
        double y = 0;
        bool xIsAxisRatio = false; // x in [0, 1] of the axis rect's width
        bool yIsAxisRatio = false; // y in [0, 1] of its height, 0 at the top
        QString text;
        QFont font;
        QColor colour;
        QBrush background = Qt::NoBrush;
        // Radius kept free around the anchor (its marker); negative: the label may sit on the
        // anchor itself (a region's name, centred on it).
        double clearance = 6;
        Qt::Alignment textAlignment = Qt::AlignCenter;
        // A text item of the plot placed like a label instead of drawn by this set (it stays
        // an item for whatever reads the plot's items); text, font and colour are its own.
        QPointer<QCPItemText> item;
        // Left out (an item hidden) where it would cover data or text: a name the status bar or
        // the inspector also gives.
        bool optional = false;
    };

    explicit PlacedLabels(QCPAxisRect* rect);

    // Returns the label's index (its rectangle's, after a replot).
    int add(const Label& label);
    // Places an existing text item beside (x, y) like a label (see Label::item).
    int manage(QCPItemText* item, double x, double y, bool yIsAxisRatio = false,
               double clearance = 6, bool optional = false);
    const std::vector<Label>& labels() const { return labels_; }
    QColor leaderColour;
    // Air kept around every marker, bar and legend beyond its own box.
    double hardPadding = 1;
    // Air kept around every label (against the others too): QCustomPlot draws text in whole
    // pixels, this measures it in fractions, so labels placed edge to edge can touch.
    double labelGap = 0;
    // Pixel rectangles of the labels and their anchors at the last draw.
    const std::vector<QRectF>& rects() const { return rects_; }
    const std::vector<QPointF>& anchors() const { return anchors_; }

    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

    // Places the labels for the plot's current layout (after every layout; tests may too).
    void place();

  protected:
    void draw(QCPPainter* painter) override;

  private:
    QCPAxisRect* rect_;
    std::vector<Label> labels_;
    std::vector<QRectF> rects_;
    std::vector<QPointF> anchors_;
};

// At every layout of the plot: tick labels that run into each other thinned (fewer ticks),
// axis titles longer than their axis broken into lines; the views' own settings come back
// when the plot grows again. Call once per plot (labels and legend placement do).
void fitPlotText(QCustomPlot& plot);

// Keeps the plot's legend where it covers no data: at every layout, in the corner of `rect`
// (the preferred one first) under which the fewest markers and curve pieces lie, or below the
// axes, in as many columns as fit, when every corner covers some. Call once per plot; later calls
// only change the preferred corner.
void placeLegendAutomatically(QCustomPlot& plot, QCPAxisRect* rect, Qt::Alignment preferred);

} // namespace afd::ui
