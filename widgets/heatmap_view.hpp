// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/sweep.hpp"
#include "afd/throughput_grid.hpp"
#include "latest_wins_job.hpp"
#include "plot_view.hpp"

#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QCPColorMap;
class QLabel;

namespace afd::ui {

// One computed map: the Part A sweep (dead zone and the paper lens's outline, and the colour
// when a Part A metric is shown), the throughput grid (a Part C metric, or the AFD/EP ratio for
// the computed lens), and Song et al.'s r* on an N_A x N_F map.
struct HeatmapData {
    Grid grid; // values: [0] the Part A metric (hfu under a Part C metric), [1] dead_zone,
               // [2] hfu_minus_ep
    std::optional<std::size_t> throughputMetric; // index into throughputHeatmapMetrics()
    std::optional<ThroughputGrid> throughput;
    bool computedLens = false; // the "AFD beats EP" outline is the ratio's 1.0 contour
    // (N_F, N_A = r* N_F) per FFN-node row, when the axes are N_A and N_F; else empty.
    std::vector<std::pair<double, double>> songLine;
    std::string songError;   // why there is no line, when the axes ask for one
    double milliseconds = 0; // worker time, for the status line and benchmarks
};

// Any metric over two registry parameters, computed on a worker thread (latest wins): Part A
// metrics (metrics.hpp) and the throughput model's (throughput_grid.hpp).
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
    const Grid* lastGrid() const { return data_ ? &data_->grid : nullptr; }
    const HeatmapData* lastData() const { return data_ ? &*data_ : nullptr; }
    // The "paper lens" check box: the paper's constant EP HFU, or the computed EP (used only when
    // the scenario has a serving system).
    void setPaperLens(bool paper);
    bool paperLensChosen() const;
    // The names in the legend below the map, in order (tests: the categorical legend).
    QStringList legendNames() const;
    // The progress / timing line beside the pickers.
    QString statusText() const;
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
    void onComputed(HeatmapData&& result);
    void draw();
    SweepAxis makeAxis(Param p, int steps, bool throughputMetric) const;
    void resetMap();

    QComboBox* xCombo_ = nullptr;
    QComboBox* yCombo_ = nullptr;
    QComboBox* metricCombo_ = nullptr;
    QCheckBox* lensCheck_ = nullptr;
    QLabel* status_ = nullptr;
    QCPColorMap* map_ = nullptr;
    // The axes as last picked: what a swap puts on the other axis.
    Param shownX_ = Param::ScaleOutBwGbS;
    Param shownY_ = Param::Nf;
    QTimer throttle_; // coalesces a burst of changes within one event-loop turn
    LatestWinsJob<HeatmapData> job_;
    std::optional<HeatmapData> data_;
    // Work done by the running computation, in thousandths (shown while it lasts).
    std::shared_ptr<std::atomic<int>> progress_ = std::make_shared<std::atomic<int>>(0);
    QTimer progressTimer_;
    int nx_ = 128;
    int ny_ = 96;
};

} // namespace afd::ui
