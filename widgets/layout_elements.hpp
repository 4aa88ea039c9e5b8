// SPDX-License-Identifier: GPL-3.0-or-later
// Layout elements that fit the size a plot is drawn at (window, export, slide), not the size it
// was built at: a text that wraps to the plot's width and a legend that takes as many columns
// as fit. Private to widgets/ (includes qcustomplot.h).
#pragma once

#include "qcustomplot_include.hpp"

namespace afd::ui {

// A title or note that wraps at word boundaries to the plot's width.
class WrappedTextElement : public QCPTextElement {
    Q_OBJECT
  public:
    explicit WrappedTextElement(QCustomPlot* plot);

  protected:
    QSize minimumOuterSizeHint() const override;
    QSize maximumOuterSizeHint() const override;

  private:
    QSize wrappedSize() const;
};

// A legend laid out in rows, as many columns as the plot's width holds.
class FlowLegend : public QCPLegend {
    Q_OBJECT
  public:
    FlowLegend() = default;
    void update(UpdatePhase phase) override;
};

// Replaces the plot's default legend (inside the axis rect) by a FlowLegend and returns it; the
// caller places it in the plot layout.
FlowLegend* installFlowLegend(QCustomPlot& plot);

} // namespace afd::ui
