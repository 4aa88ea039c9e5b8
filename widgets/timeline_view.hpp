// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "afd/pipeline_schedule.hpp"
#include "afd/serving_comparison.hpp"
#include "plot_view.hpp"

#include <QString>
#include <array>
#include <optional>

class QComboBox;
class QSpinBox;
class QCPTextElement;
class QCPAxisRect;

namespace afd::ui {

// The pipeline timeline (the paper's Fig. 1b): a Gantt chart of three consecutive MoE layers for
// AFD under 3BO (top) and EP under TBO (bottom), from the core's schedule of one configuration's
// stage terms, with the budget per micro-batch and the bubbles marked, and an optional straggler
// stage ("jitter") in the first layer shown.
class TimelineView : public PlotView {
    Q_OBJECT
  public:
    explicit TimelineView(ScenarioController& controller, QWidget* parent = nullptr);

    // Layers shown; one more is scheduled before and after them so the picture is the steady
    // state, not the pipeline's fill.
    static constexpr int kShownLayers = 3;
    static constexpr int kFirstShownLayer = 1;

    struct Panel {
        bool drawn = false; // false: `message` says why nothing is drawn
        QString message;    // the search's failure, or an error
        ThroughputResult result;
        PipelineInput input; // what was scheduled (jitter included)
        PipelineSchedule schedule;
        double budget = 0;  // t_B = cycle / N_BO of the model (EP: t_layer / n_mb), s
        double origin = 0;  // schedule time shown as 0: the first shown layer's first attention
        double end = 0;     // schedule time at the right edge
        double period = 0;  // this schedule's layer period (attention of micro-batch 0), s
        double unit = 1e-6; // seconds per axis unit (µs or ms)
    };
    enum PanelIndex { Afd = 0, Ep = 1 };
    const Panel& panel(PanelIndex i) const { return panels_[static_cast<std::size_t>(i)]; }

    // "best under the SLO" (false) or the scenario's own deployments (true).
    void setUseCurrent(bool current);
    // Stage 0..2 (attention, the link's dispatch, FFN; -1 none) of the first micro-batch in the
    // first layer shown, on both panels, stretched by `percent` of its own duration.
    void setJitter(int stage, int percent);
    // Hover text at plot coordinates of a panel; empty where there is no bar or bubble.
    QString describeAt(PanelIndex i, double x, double y) const;

  protected:
    void rebuild() override;

  private:
    void buildLayout();
    void drawPanel(PanelIndex i);

    QComboBox* config_ = nullptr;
    QComboBox* jitterStage_ = nullptr;
    QSpinBox* jitterPercent_ = nullptr;
    std::array<Panel, 2> panels_;
    std::array<QCPAxisRect*, 2> rects_{};
    std::array<QCPTextElement*, 2> titles_{};
};

} // namespace afd::ui
