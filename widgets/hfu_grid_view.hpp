// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plot_view.hpp"

namespace afd::ui {

// Small multiples: HFU vs N_F for the six paper models on each of the eight paper platforms.
class HfuGridView : public PlotView {
    Q_OBJECT
  public:
    explicit HfuGridView(ScenarioController& controller, QWidget* parent = nullptr);

  protected:
    void rebuild() override;
};

} // namespace afd::ui
