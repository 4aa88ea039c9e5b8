// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plot_view.hpp"

#include <QPointF>

class QCheckBox;

namespace afd::ui {

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

} // namespace afd::ui
