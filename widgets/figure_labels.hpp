// SPDX-License-Identifier: GPL-3.0-or-later
// Keeps the text of the paper's figures (roofline, communication roofline, HFU vs FFN nodes and
// the eight-panel grid) off each other, off the markers and out from under the legends. Pixel
// positions exist only once the plot is laid out, so the labels are placed on every
// afterLayout (window resize, export size) from anchors kept in plot coordinates. The interface
// is deliberately small (labels, points, curves, legends) so that the views can move to a
// shared placement helper without touching their drawing code.
#pragma once

#include "qcustomplot_include.hpp"

#include <QObject>
#include <QPointer>
#include <QRectF>
#include <QVector>

namespace afd::ui {

class FigureLabels : public QObject {
    Q_OBJECT
  public:
    explicit FigureLabels(QCustomPlot* plot);

    // Forgets everything; call at the start of a rebuild (clearItems deletes the items).
    void clear();
    // A label placed next to (x, y), in `rect`'s plot coordinates (y as a fraction of the rect's
    // height when yIsAxisRatio): first at the spot it was created at when `keepFirst`, then
    // around the anchor and farther out with a leader line; hidden when no spot is free.
    void addLabel(QCPItemText* item, QCPAxisRect* rect, double x, double y,
                  bool yIsAxisRatio = false, bool keepFirst = false);
    // Markers no label may cover (plot coordinates, radius in pixels).
    void addPoints(QCPAxisRect* rect, const QVector<double>& xs, const QVector<double>& ys,
                   double radius);
    // Curves a label should rather not cross (a cost, not a ban).
    void addCurve(QCPAxisRect* rect, const QVector<double>& xs, const QVector<double>& ys);
    // A legend inside `rect` (its inset layout), moved to the corner that covers the fewest
    // markers and curves before the labels are placed.
    void addLegend(QCPLegend* legend, QCPAxisRect* rect);

    // Box of a text item in pixels as QCustomPlot draws it (text, padding, alignment).
    static QRectF textBox(const QCPItemText* item);

  private:
    struct Label {
        QPointer<QCPItemText> item;
        QCPAxisRect* rect;
        double x, y;
        bool yRatio, keepFirst;
        QRectF first; // where it was created, in pixels, once laid out
        QPointer<QCPItemLine> leader;
    };
    struct Points {
        QCPAxisRect* rect;
        QVector<double> xs, ys;
        double radius;
    };
    struct Curve {
        QCPAxisRect* rect;
        QVector<double> xs, ys;
    };
    struct LegendSlot {
        QPointer<QCPLegend> legend;
        QCPAxisRect* rect;
    };
    void place();
    QPointF pixel(QCPAxisRect* rect, double x, double y, bool yRatio) const;
    QVector<QRectF> pointBoxes(const QCPAxisRect* rect) const;
    QVector<QLineF> curveSegments(const QCPAxisRect* rect) const;

    QCustomPlot* plot_;
    QVector<Label> labels_;
    QVector<Points> points_;
    QVector<Curve> curves_;
    QVector<LegendSlot> legends_;
};

} // namespace afd::ui
