// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plot_view.hpp"

namespace afd::ui {

// Imbalance (Fig. 6): alpha against lambda, EP curves, AFD points, DP-imbalance lines.
class ImbalanceView : public PlotView {
    Q_OBJECT
  public:
    explicit ImbalanceView(ScenarioController& controller, QWidget* parent = nullptr);

  protected:
    void rebuild() override;
};

} // namespace afd::ui
