// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "plot_view.hpp"

#include <QPointF>

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

} // namespace afd::ui
