// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's plot views. Each draws the core's numbers for the controller's scenario; none
// does model arithmetic of its own.
#pragma once

#include "afd/sweep.hpp"
#include "plot_view.hpp"

#include <QFutureWatcher>
#include <QPointF>
#include <QTimer>
#include <QVector>
#include <optional>

class QCheckBox;
class QComboBox;
class QCPColorMap;

namespace afd::ui {

// Grouped-GEMM roofline of one FFN GPU: attainable TFLOP/s against arithmetic intensity.
class RooflineView : public PlotView {
    Q_OBJECT
  public:
    explicit RooflineView(ScenarioController& controller, QWidget* parent = nullptr);
    QPointF afdOfuPoint() const { return ofuPoint_; } // (I, OFU * FLOPS in TFLOP/s)
    QPointF afdHfuPoint() const { return hfuPoint_; } // (I, HFU * FLOPS in TFLOP/s)

  protected:
    void rebuild() override;

  private:
    QPointF ofuPoint_;
    QPointF hfuPoint_;
};

// Communication-level roofline: attainable TFLOP/s against FLOPs per inbound link byte.
class CommRooflineView : public PlotView {
    Q_OBJECT
  public:
    explicit CommRooflineView(ScenarioController& controller, QWidget* parent = nullptr);
    QPointF modelPoint() const { return modelPoint_; }
    QString bindingRoof() const { return bindingRoof_; }

  protected:
    void rebuild() override;

  private:
    QCheckBox* compare_ = nullptr;
    QPointF modelPoint_;
    QString bindingRoof_;
};

// HFU (or intensity) against N_F for the current model, with regimes, dead zone,
// infeasible points, the ceiling and the EP reference (the paper's Figs. 4 and 2).
class NfSweepView : public PlotView {
    Q_OBJECT
  public:
    enum class Kind { Hfu, Intensity };
    NfSweepView(ScenarioController& controller, Kind kind, QWidget* parent = nullptr);
    const Grid& lastSweep() const { return sweep_; }
    void setCompareModels(bool on);

  protected:
    void rebuild() override;

  private:
    Kind kind_;
    QCheckBox* compare_ = nullptr;
    Grid sweep_;
};

// Small multiples: HFU vs N_F for the six paper models on each of the eight paper platforms.
class HfuGridView : public PlotView {
    Q_OBJECT
  public:
    explicit HfuGridView(ScenarioController& controller, QWidget* parent = nullptr);

  protected:
    void rebuild() override;
};

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
    int gridComputations() const { return computations_; }
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
    void onComputed();
    void draw();
    double toPlot(const SweepAxis& axis, double value) const;
    double fromPlot(const SweepAxis& axis, double coordinate) const;
    SweepAxis makeAxis(Param p, int steps) const;

    QComboBox* xCombo_ = nullptr;
    QComboBox* yCombo_ = nullptr;
    QComboBox* metricCombo_ = nullptr;
    QCPColorMap* map_ = nullptr;
    QTimer throttle_;
    QFutureWatcher<Grid> watcher_;
    std::optional<Grid> grid_;
    quint64 requested_ = 0;   // controller generation of the newest request
    quint64 computedFor_ = 0; // generation the running computation was started for
    bool pending_ = false;
    bool awaitingResult_ = false; // started, result not yet handled on the GUI thread
    int computations_ = 0;
    int nx_ = 128;
    int ny_ = 96;
};

// Imbalance (Fig. 6): alpha against lambda, EP curves, AFD points, DP-imbalance lines.
class ImbalanceView : public PlotView {
    Q_OBJECT
  public:
    explicit ImbalanceView(ScenarioController& controller, QWidget* parent = nullptr);

  protected:
    void rebuild() override;
};

} // namespace afd::ui
