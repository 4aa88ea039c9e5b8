// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plot_view.hpp"

class QCPLayoutGrid;
class QCPLegend;
class QCPTextElement;

namespace afd::ui {

// Small multiples: HFU vs N_F for the six paper models on each of the eight paper platforms,
// four panels a row (two when narrow), one legend and the settings below them.
class HfuGridView : public PlotView {
    Q_OBJECT
  public:
    explicit HfuGridView(ScenarioController& controller, QWidget* parent = nullptr);

  protected:
    void rebuild() override;

  private:
    QCPLayoutGrid* panels_ = nullptr;
    QCPLegend* legend_ = nullptr;
    QCPTextElement* note_ = nullptr;
};

} // namespace afd::ui
