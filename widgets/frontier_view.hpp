// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/throughput.hpp"
#include "plot_view.hpp"

#include <QPointF>
#include <QString>
#include <vector>

class QCheckBox;

namespace afd::ui {

// Throughput frontier (docs/model.md C-S2): tokens/s per GPU against tokens/s per user for EP
// and AFD, the TPOT SLO as a vertical line, the best deployment of each under it and the
// scenario's own deployments. Optionally USD per million tokens instead of tokens/s per GPU.
class FrontierView : public PlotView {
    Q_OBJECT
  public:
    explicit FrontierView(ScenarioController& controller, QWidget* parent = nullptr);

    // Cost on the y axis; ignored (and the toggle disabled) when the hardware has no price.
    void setCostShown(bool on);
    bool costShown() const;
    QCheckBox* costToggle() const { return cost_; }
    // Tokens/s per user where the SLO line is drawn (1 / slo_ms), 0 when none is drawn.
    double sloTokensPerUser() const { return sloX_; }
    // What hovering at a pixel of the plot shows: the nearest frontier or marked point within
    // a few pixels, or "" when none is that close.
    QString describeNear(QPointF pixel) const;

  protected:
    void rebuild() override;
    // Rebuilds when a resize crosses to another layout (smaller type, shorter names).
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    struct Hoverable {
        double x = 0;
        double y = 0;
        ThroughputResult result;
        QString role; // "EP frontier", "AFD, best under the SLO", ...
    };
    void updateCostToggle();

    QCheckBox* cost_ = nullptr;
    std::vector<Hoverable> hoverables_;
    double sloX_ = 0;
    int sizeClass_ = -1; // what the last rebuild laid out for (frontier_view.cpp)
};

} // namespace afd::ui
