// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/sweep.hpp"
#include "latest_wins_job.hpp"
#include "plot_view.hpp"

#include <QTimer>
#include <optional>

class QComboBox;
class QCPColorMap;

namespace afd::ui {

// Any metric over two registry parameters, computed on a worker thread (latest wins).
class HeatmapView : public PlotView {
    Q_OBJECT
  public:
    explicit HeatmapView(ScenarioController& controller, QWidget* parent = nullptr);
    ~HeatmapView() override;

    void setAxes(Param x, Param y);
    void setMetric(const QString& key);
    Param xParam() const;
    Param yParam() const;
    QString metricKey() const;
    void setResolution(int nx, int ny);
    int gridComputations() const { return job_.runs(); }
    bool computing() const;
    const Grid* lastGrid() const { return grid_ ? &*grid_ : nullptr; }
    // What hovering at plot coordinates (x, y) shows; empty outside the map.
    QString describeAt(double x, double y) const;
    // Moves the scenario to the cell at plot coordinates (x, y).
    void clickAt(double x, double y);
    // Waits for the pending grid, if any, and draws it (export, tests).
    void finishPending();

  signals:
    void gridReady();

  protected:
    void rebuild() override;
    // Redraws the last grid in the new theme at once (recomputing it is not needed).
    void restyle() override;

  private:
    void startComputation();
    void onComputed(Grid&& grid);
    void draw();
    SweepAxis makeAxis(Param p, int steps) const;

    QComboBox* xCombo_ = nullptr;
    QComboBox* yCombo_ = nullptr;
    QComboBox* metricCombo_ = nullptr;
    QCPColorMap* map_ = nullptr;
    // The axes as last picked: what a swap puts on the other axis.
    Param shownX_ = Param::ScaleOutBwGbS;
    Param shownY_ = Param::Nf;
    QTimer throttle_; // coalesces a burst of changes within one event-loop turn
    LatestWinsJob<Grid> job_;
    std::optional<Grid> grid_;
    int nx_ = 128;
    int ny_ = 96;
};

} // namespace afd::ui
