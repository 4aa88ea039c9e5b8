// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/sweep.hpp"
#include "plot_view.hpp"

class QCheckBox;

namespace afd::ui {}

namespace afd::ui {

// HFU (or intensity) against N_F for the current model, with regimes, dead zone,
// infeasible points, the ceiling and the EP reference (the paper's Figs. 4 and 2).
class NfSweepView : public PlotView {
    Q_OBJECT
  public:
    enum class Kind { Hfu, Intensity };
    NfSweepView(ScenarioController& controller, Kind kind, QWidget* parent = nullptr);
    const Grid& lastSweep() const { return sweep_; }
    void setCompareModels(bool on);
    bool compareModels() const;

  protected:
    void rebuild() override;

  private:
    Kind kind_;
    QCheckBox* compare_ = nullptr;
    Grid sweep_;
};

} // namespace afd::ui
