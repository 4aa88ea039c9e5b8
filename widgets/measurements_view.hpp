// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/measurements.hpp"
#include "plot_view.hpp"

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

class QCPTextElement;

namespace afd::ui {
class PlacedLabels;
}

namespace afd::ui {

// Validation: the model's tokens/s per GPU against the published ones (presets/measurements/),
// log-log, with y = x and a ±15 % band; the current scenario's measurement highlighted.
class MeasurementsView : public PlotView {
    Q_OBJECT
  public:
    explicit MeasurementsView(ScenarioController& controller, QWidget* parent = nullptr);
    ~MeasurementsView() override;

    struct Point {
        QString id;
        QString label; // the short name drawn beside the marker
        ServingSystem system = ServingSystem::Ep;
        bool calibration = false;
        double measured = 0;  // tokens/s per GPU
        double predicted = 0; // tokens/s per GPU
        double errorPercent = 0;
        QString hover;
        bool highlighted = false; // the current scenario's hardware, model and system
    };
    // Plotted points (measurements with a prediction), in the library's order.
    const std::vector<Point>& points() const { return points_; }
    // "name: reason" of each measurement without a prediction (listed in the note, not drawn).
    const QStringList& unplotted() const { return unplotted_; }
    // Pixel rectangles of the labels and centres of the markers at the last replot.
    const std::vector<QRectF>& labelRects() const;
    const std::vector<QPointF>& markerCentres() const;
    double markerRadius() const;
    // Hover text at pixel position `pos` of the plot; empty away from every point.
    QString describeAtPixel(const QPointF& pos) const;
    // How many times the predictions were computed (once per view: they do not depend on the
    // scenario).
    int predictionRuns() const { return predictionRuns_; }

  protected:
    void rebuild() override;

  private:
    void computePredictions();

    std::vector<Point> points_;
    QStringList unplotted_;
    bool computed_ = false;
    int predictionRuns_ = 0;
    PlacedLabels* labels_ = nullptr;
    double markerRadius_ = 0;
    QCPTextElement* note_ = nullptr;
};

} // namespace afd::ui
