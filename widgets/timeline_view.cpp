// SPDX-License-Identifier: GPL-3.0-or-later
#include "timeline_view.hpp"

#include "afd/throughput_report.hpp"
#include "label_placement.hpp"
#include "layout_elements.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <vector>

namespace afd::ui {

namespace {

constexpr double kBarHalf = 0.32; // half a bar's height, in rows

QString stageLabel(const std::string& stage) {
    if (stage == "attention") {
        return QObject::tr("attention");
    }
    if (stage == "attention (projections)") {
        return QObject::tr("attention projections before the core");
    }
    if (stage == "dispatch") {
        return QObject::tr("dispatch");
    }
    if (stage == "shared expert") {
        return QObject::tr("shared expert");
    }
    if (stage == "FFN") {
        return QObject::tr("FFN (routed experts)");
    }
    if (stage == "overheads") {
        return QObject::tr("fixed overheads (layer, communication kernels)");
    }
    return QObject::tr("combine");
}

// Every guide, bubble and bar of one panel, painted in one pass: a hundred and more separate
// items would cost most of a frame to replot.
class GanttItem : public QCPAbstractItem {
  public:
    GanttItem(QCPAxisRect* rect)
        : QCPAbstractItem(rect->parentPlot()), x_(rect->axis(QCPAxis::atBottom)),
          y_(rect->axis(QCPAxis::atLeft)) {
        setClipAxisRect(rect);
    }
    // Plot coordinates: x0..x1 in time, y0..y1 in rows.
    void addBox(double x0, double y0, double x1, double y1, const QPen& pen, const QBrush& brush) {
        boxes_.push_back({x0, y0, x1, y1, pen, brush});
    }
    void addGuide(double x, const QPen& pen) { guides_.push_back({x, pen}); }
    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override {
        // Axis-parallel edges: sharp without antialiasing, and faster.
        painter->setAntialiasing(false);
        const QRect clip = clipRect();
        for (const Guide& g : guides_) {
            const double px = x_->coordToPixel(g.x);
            painter->setPen(g.pen);
            painter->drawLine(QPointF(px, clip.top()), QPointF(px, clip.bottom()));
        }
        for (const Box& b : boxes_) {
            const QRectF r(QPointF(x_->coordToPixel(b.x0), y_->coordToPixel(b.y1)),
                           QPointF(x_->coordToPixel(b.x1), y_->coordToPixel(b.y0)));
            painter->setPen(b.pen);
            painter->setBrush(b.brush);
            painter->drawRect(r.normalized());
        }
    }

  private:
    struct Box {
        double x0, y0, x1, y1;
        QPen pen;
        QBrush brush;
    };
    struct Guide {
        double x;
        QPen pen;
    };
    QCPAxis* x_;
    QCPAxis* y_;
    std::vector<Box> boxes_;
    std::vector<Guide> guides_;
};

// Row of resource r, counted from the top.
double rowY(int resource, int rows) {
    return rows - 1 - resource;
}

} // namespace

TimelineView::TimelineView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Timeline, parent) {
    config_ = new QComboBox(this);
    config_->setObjectName(QStringLiteral("timelineConfiguration"));
    // Short entries: the options bar must not widen the window's central area.
    config_->addItem(tr("Best under the SLO"));
    config_->addItem(tr("Current configuration"));
    config_->setToolTip(tr("The best deployment of each system under the TPOT SLO, or the "
                           "deployments the scenario's own parameters describe"));
    jitterStage_ = new QComboBox(this);
    jitterStage_->setObjectName(QStringLiteral("timelineJitterStage"));
    jitterStage_->addItem(tr("none"), QString());
    jitterStage_->addItem(tr("attention"), QStringLiteral("attention"));
    jitterStage_->addItem(tr("link"), QStringLiteral("dispatch"));
    jitterStage_->addItem(tr("FFN"), QStringLiteral("FFN"));
    jitterStage_->setToolTip(tr("Stretches one stage (the link: its dispatch) of the first "
                                "micro-batch in the first layer shown, to show how the delay "
                                "spreads to the other stages, micro-batches and layers"));
    jitterPercent_ = new QSpinBox(this);
    jitterPercent_->setObjectName(QStringLiteral("timelineJitterPercent"));
    jitterPercent_->setRange(0, 100);
    jitterPercent_->setSingleStep(10);
    jitterPercent_->setValue(50);
    jitterPercent_->setPrefix(QStringLiteral("+"));
    jitterPercent_->setSuffix(QStringLiteral(" %"));
    // Whole when there is room, but allowed to shrink (the popup still shows every entry
    // whole) so that this bar never widens the window's central area.
    config_->setMinimumWidth(100);
    jitterStage_->setMinimumWidth(70);
    auto* bar = optionsBar();
    bar->addWidget(config_);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Jitter:"), this));
    bar->addWidget(jitterStage_);
    bar->addWidget(jitterPercent_);
    bar->addStretch();
    connect(config_, &QComboBox::currentIndexChanged, this, [this] { requestRebuild(); });
    connect(jitterStage_, &QComboBox::currentIndexChanged, this, [this] { requestRebuild(); });
    connect(jitterPercent_, &QSpinBox::valueChanged, this, [this] { requestRebuild(); });
    buildLayout();

    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        QString text;
        for (std::size_t i = 0; i < rects_.size(); ++i) {
            QCPAxisRect* rect = rects_[i];
            if (rect->rect().contains(e->position().toPoint())) {
                text = describeAt(PanelIndex(i),
                                  rect->axis(QCPAxis::atBottom)->pixelToCoord(e->position().x()),
                                  rect->axis(QCPAxis::atLeft)->pixelToCoord(e->position().y()));
            }
        }
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(e->globalPosition().toPoint(), text, plot_);
        }
    });
}

void TimelineView::buildLayout() {
    QCustomPlot& p = *plot_;
    QCPLayoutGrid* layout = p.plotLayout();
    QCPAxisRect* afdRect = p.axisRect();
    FlowLegend* legend = installFlowLegend(p);
    layout->take(afdRect);
    layout->simplify();
    auto* epRect = new QCPAxisRect(&p);
    titles_ = {new WrappedTextElement(&p), new WrappedTextElement(&p)};
    layout->addElement(0, 0, titles_[0]);
    layout->addElement(1, 0, afdRect);
    layout->addElement(2, 0, titles_[1]);
    layout->addElement(3, 0, epRect);
    layout->addElement(4, 0, legend);
    legend->setLayer(QStringLiteral("legend"));
    for (int row : {0, 2, 4}) {
        layout->setRowStretchFactor(row, 0.001);
    }
    layout->setRowStretchFactor(1, 3); // three rows of bars
    layout->setRowStretchFactor(3, 2); // two
    layout->setRowSpacing(2);
    auto* group = new QCPMarginGroup(&p);
    rects_ = {afdRect, epRect};
    for (QCPAxisRect* rect : rects_) {
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
        rect->axis(QCPAxis::atTop)->setVisible(true);
        rect->axis(QCPAxis::atTop)->setTicks(true);
        rect->axis(QCPAxis::atTop)->setSubTicks(false);
        rect->axis(QCPAxis::atLeft)->setSubTicks(false);
        rect->axis(QCPAxis::atLeft)->grid()->setVisible(false);
    }
    legend->setIconSize(22, 10);
}

void TimelineView::setUseCurrent(bool current) {
    const QSignalBlocker block(config_);
    config_->setCurrentIndex(current ? 1 : 0);
    requestRebuild();
}

void TimelineView::setJitter(int stage, int percent) {
    const QSignalBlocker blockPercent(jitterPercent_);
    const QSignalBlocker blockStage(jitterStage_);
    jitterPercent_->setValue(percent);
    jitterStage_->setCurrentIndex(std::clamp(stage + 1, 0, jitterStage_->count() - 1));
    requestRebuild();
}

void TimelineView::rebuild() {
    plot_->clearPlottables();
    plot_->clearItems();
    const ServingComparison& serving = controller_.serving();
    const bool current = config_->currentIndex() == 1;
    const Scenario& s = controller_.scenario();
    const std::string jitterName = jitterStage_->currentData().toString().toStdString();
    const double percent = jitterPercent_->value();
    for (PanelIndex i : {Afd, Ep}) {
        Panel& panel = panels_[std::size_t(i)];
        panel = Panel{};
        const DeploymentSearch& search = i == Afd ? serving.afd : serving.ep;
        const ThroughputResult& r =
            current ? (i == Afd ? serving.afdCurrent : serving.epCurrent) : search.best;
        panel.result = r;
        if (!current && !search.found) {
            panel.message = qtext(searchFailure(s, search));
        } else if (r.error) {
            panel.message = qtext(describe(r.error, s));
        } else {
            panel.input = pipelineOf(r, kShownLayers + 2);
            for (std::size_t k = 0; k < panel.input.stages.size(); ++k) {
                if (!jitterName.empty() && panel.input.stages[k].name == jitterName) {
                    panel.input.jitter = {int(k), 0, kFirstShownLayer,
                                          panel.input.stages[k].duration * percent / 100.0};
                }
            }
            panel.schedule = schedulePipeline(panel.input);
            if (!panel.schedule.valid || !(r.moeLayerTime > 0)) {
                panel.message = tr("This configuration's stage times cannot be scheduled.");
            }
        }
        if (!panel.message.isEmpty()) {
            continue;
        }
        const PipelineSchedule& sc = panel.schedule;
        const int n = panel.input.microBatches;
        const int lastShown = kFirstShownLayer + kShownLayers - 1;
        panel.origin = sc.find(0, 0, kFirstShownLayer)->start;
        panel.end = 0;
        for (const PipelineInterval& iv : sc.intervals) {
            if (iv.layer == lastShown) {
                panel.end = std::max(panel.end, iv.end);
            }
        }
        // The period without the straggler: what the configuration itself settles into.
        PipelineInput steady = panel.input;
        steady.jitter = {};
        const PipelineSchedule plain =
            steady.jitter.stage == panel.input.jitter.stage ? sc : schedulePipeline(steady);
        panel.period = plain.find(0, 0, lastShown)->start - plain.find(0, 0, lastShown - 1)->start;
        panel.budget = r.moeLayerTime / n;
        panel.unit = panel.end - panel.origin < 10e-3 ? 1e-6 : 1e-3;
        panel.drawn = true;
    }
    for (PanelIndex i : {Afd, Ep}) {
        drawPanel(i);
    }
    plot_->legend->setVisible(plot_->legend->itemCount() > 0);
    applyBaseTheme(*plot_, theme_);
    for (QCPTextElement* title : titles_) {
        QFont f = theme_.font;
        f.setBold(true);
        title->setFont(f);
        title->setTextColor(theme_.foreground);
    }
    // Rows of bars are lower than a line of text on a small figure: their names smaller.
    if (drawnSmallerThan(QSize(0, int(16 * theme_.font.pointSizeF() * 1.6)))) {
        QFont f = theme_.font;
        f.setPointSizeF(theme_.font.pointSizeF() * 0.7);
        for (QCPAxisRect* rect : rects_) {
            rect->axis(QCPAxis::atLeft)->setTickLabelFont(f);
        }
    }
    fitPlotText(*plot_); // fewer time ticks where they would run into each other
    queueReplot();
}

void TimelineView::drawPanel(PanelIndex i) {
    const Panel& panel = panels_[std::size_t(i)];
    QCPAxisRect* rect = rects_[std::size_t(i)];
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* top = rect->axis(QCPAxis::atTop);
    setLinearAxis(x);
    const bool current = config_->currentIndex() == 1;
    const ThroughputResult& r = panel.result;
    const QString which = current ? tr("current configuration") : tr("best under the SLO");
    const int rows = i == Afd ? 3 : 2;
    y->setRange(-0.6, rows - 0.4);
    QSharedPointer<QCPAxisTickerText> rowTicks(new QCPAxisTickerText);
    for (int k = 0; k < rows; ++k) {
        QString label;
        if (i == Afd) {
            label = k == 0 ? tr("Attention GPUs") : k == 1 ? tr("Link") : tr("FFN GPUs");
        } else {
            label = k == 0 ? tr("EP compute") : tr("EP all-to-all");
        }
        rowTicks->addTick(rowY(k, rows), label);
    }
    y->setTicker(rowTicks);
    if (!panel.drawn) {
        titles_[std::size_t(i)]->setText(i == Afd ? tr("AFD (%1)").arg(which)
                                                  : tr("EP (%1)").arg(which));
        x->setRange(0, 1);
        x->setTickLabels(false);
        top->setTickLabels(false);
        auto* t =
            addText(rect, wrapText(panel.message, 90), 0.5, 0.5, theme_, Qt::AlignCenter, true);
        t->setColor(theme_.infeasible);
        return;
    }
    x->setTickLabels(true);
    top->setTickLabels(true);
    const double unit = panel.unit;
    const QString unitText = unit < 1e-3 ? QStringLiteral("µs") : QStringLiteral("ms");
    const auto ax = [&](double t) { return (t - panel.origin) / unit; };
    const double span = ax(panel.end);
    x->setRange(-0.02 * span, span * 1.02);
    // One time axis title, under the lower panel.
    x->setLabel(i == Ep || !panels_[Ep].drawn
                    ? tr("Time since the first layer shown [%1]").arg(unitText)
                    : QString());
    const PipelineSchedule& sc = panel.schedule;
    const int n = panel.input.microBatches;

    // Title: the configuration and the C-O cycle it gives.
    const QString period = numberText(panel.period / unit, 4) + QStringLiteral(" ") + unitText;
    const QString cycle = numberText(r.moeLayerTime / unit, 4) + QStringLiteral(" ") + unitText;
    QString title;
    if (i == Afd) {
        title =
            tr("AFD, %1 micro-batches (%2): %3 attention : %4 FFN nodes, %5 per attention GPU "
               "per micro-batch\ncycle %6 = %1 × %8 budget per micro-batch, set by %7")
                .arg(n)
                .arg(which, numberText(r.na), numberText(r.nf), numberText(r.batchPerAttentionGpu),
                     cycle, QString::fromStdString(afd::boundText(r.bound)),
                     numberText(panel.budget / unit, 4) + QStringLiteral(" ") + unitText);
    } else {
        title = tr("EP, %1 (%2): %3 GPUs, batch %4 per GPU\nlayer %5 = %6 × %7 per micro-batch")
                    .arg(QString::fromStdString(overlapText(r.overlap)), which,
                         numberText(r.epGpus), numberText(r.batchPerGpu), cycle)
                    .arg(n)
                    .arg(numberText(panel.budget / unit, 4) + QStringLiteral(" ") + unitText);
    }
    if (std::abs(panel.period - r.moeLayerTime) > 0.01 * r.moeLayerTime) {
        title += tr(" in the model, %1 in this schedule").arg(period);
    }
    if (!r.meetsSlo) {
        title += tr("; misses the SLO");
    }
    // A paper column has room for the system and its cycle only (the caption says the rest),
    // and none for the layer names above the bars.
    const double pt = theme_.font.pointSizeF();
    const bool compact = drawnSmallerThan(QSize(int(36 * pt), int(26 * pt * 1.6)));
    if (compact) {
        title = (i == Afd ? tr("AFD: cycle %1") : tr("EP: layer %1")).arg(cycle);
    }
    titles_[std::size_t(i)]->setText(title);
    top->setVisible(!compact);

    // Layer names on the top axis, at each shown layer's first attention.
    QSharedPointer<QCPAxisTickerText> layerTicks(new QCPAxisTickerText);
    for (int l = 0; l < kShownLayers; ++l) {
        layerTicks->addTick(ax(sc.find(0, 0, kFirstShownLayer + l)->start),
                            tr("layer %1").arg(l + 1));
    }
    top->setTicker(layerTicks);
    top->setRange(x->range());
    top->grid()->setVisible(false);

    auto* gantt = new GanttItem(rect);
    // Budget guides: one per micro-batch slot of the model's cycle.
    const QPen guide(withAlpha(theme_.foreground, 110), 1, Qt::DashLine);
    const QPen layerGuide(withAlpha(theme_.foreground, 160), 1.4);
    for (int k = 0; k * panel.budget <= panel.end - panel.origin + 1e-12; ++k) {
        const double gx = ax(panel.origin + k * panel.budget);
        gantt->addGuide(gx, k % n == 0 ? layerGuide : guide);
    }

    // Bubbles first, so the bars' outlines sit on top.
    const QColor bubbleColour = theme_.deadZone;
    for (const PipelineBubble& b : sc.bubbles) {
        if (i == Ep && b.resource != 0) {
            continue; // EP's communication stream idles by design: its transfers hide under compute
        }
        const double yc = rowY(b.resource, rows);
        gantt->addBox(ax(b.start), yc - kBarHalf - 0.06, ax(b.end), yc + kBarHalf + 0.06,
                      QPen(withAlpha(bubbleColour, 200), 1),
                      QBrush(bubbleColour, Qt::BDiagPattern));
    }
    // Bars: one colour per micro-batch; combines lighter than dispatches; the layers before and
    // after the shown ones faded; the stretched stage outlined.
    const PipelineJitter& j = panel.input.jitter;
    for (const PipelineInterval& iv : sc.intervals) {
        const bool shown =
            iv.layer >= kFirstShownLayer && iv.layer < kFirstShownLayer + kShownLayers;
        const std::string& name = panel.input.stages[std::size_t(iv.stage)].name;
        QColor c = name == "overheads"
                       ? theme_.ep
                       : theme_.series[std::size_t(iv.microBatch) % theme_.series.size()];
        int alpha = shown ? 255 : 70;
        if (name == "combine") {
            alpha = shown ? 140 : 45;
        }
        const bool jittered = j.stage == iv.stage && j.microBatch == iv.microBatch &&
                              j.layer == iv.layer && j.extra > 0;
        QPen pen = jittered ? QPen(theme_.foreground, theme_.lineWidth * 1.2)
                            : QPen(withAlpha(c.darker(130), shown ? 255 : 90), 1);
        const double yc = rowY(iv.resource, rows);
        gantt->addBox(ax(iv.start), yc - kBarHalf, ax(iv.end), yc + kBarHalf, pen,
                      QBrush(withAlpha(c, alpha)));
    }

    // The bars as data for CSV and JSON exports: one invisible series per stage and
    // micro-batch, each point a bar's start and end on the time axis.
    rect->axis(QCPAxis::atRight)->setLabel(tr("Stage end [%1]").arg(unitText));
    for (std::size_t k = 0; k < panel.input.stages.size(); ++k) {
        for (int m = 0; m < n; ++m) {
            QVector<double> starts, ends;
            for (const PipelineInterval& iv : sc.intervals) {
                if (iv.stage == int(k) && iv.microBatch == m && iv.layer >= kFirstShownLayer &&
                    iv.layer < kFirstShownLayer + kShownLayers) {
                    starts << ax(iv.start);
                    ends << ax(iv.end);
                }
            }
            // On the hidden right axis: its label names the second column of the export.
            QCPGraph* bars = plot_->addGraph(x, rect->axis(QCPAxis::atRight));
            bars->setData(starts, ends, true);
            bars->setName(tr("%1 %2, micro-batch %3")
                              .arg(i == Afd ? QStringLiteral("AFD") : QStringLiteral("EP"),
                                   stageLabel(panel.input.stages[k].name))
                              .arg(m + 1));
            bars->removeFromLegend();
            bars->setLineStyle(QCPGraph::lsNone);
            bars->setPen(Qt::NoPen);
            bars->setVisible(false);
        }
    }

    // Legend (once, from the AFD panel or, without it, the EP one).
    const bool legendHere = i == Afd || !panels_[Afd].drawn;
    if (!legendHere || plot_->legend->itemCount() > 0) {
        return;
    }
    const auto key = [&](const QString& name, const QBrush& brush, const QPen& pen) {
        auto* bars = new QCPBars(x, y);
        bars->setName(name);
        bars->setBrush(brush);
        bars->setPen(pen);
    };
    // One key per colour: past the palette's size the colours repeat.
    const int batches = std::max(n, panels_[Ep].drawn ? panels_[Ep].input.microBatches : 0);
    const int colours = static_cast<int>(theme_.series.size());
    for (int m = 0; m < std::min(batches, colours); ++m) {
        const QColor c = theme_.series[std::size_t(m)];
        key(batches > colours ? tr("micro-batch %1, %2, ...").arg(m + 1).arg(m + 1 + colours)
                              : tr("micro-batch %1").arg(m + 1),
            QBrush(c), QPen(c.darker(130)));
    }
    const QColor c0 = theme_.series[0];
    key(tr("combine (lighter)"), QBrush(withAlpha(c0, 140)), QPen(c0.darker(130)));
    if (panels_[Ep].drawn && panels_[Ep].input.policy == PipelinePolicy::TwoBatchOverlap) {
        key(tr("fixed overheads"), QBrush(theme_.ep), QPen(theme_.ep.darker(130)));
    }
    key(tr("idle (bubble)"), QBrush(bubbleColour, Qt::BDiagPattern),
        QPen(withAlpha(bubbleColour, 200)));
    addLine(rect, {qQNaN()}, {qQNaN()}, guide, tr("budget per micro-batch"));
    if (j.stage >= 0 && j.extra > 0) {
        key(tr("stretched stage (+%1 %)").arg(jitterPercent_->value()), Qt::NoBrush,
            QPen(theme_.foreground, theme_.lineWidth * 1.2));
    }
}

QString TimelineView::describeAt(PanelIndex i, double x, double y) const {
    const Panel& panel = panels_[std::size_t(i)];
    if (!panel.drawn) {
        return {};
    }
    const int rows = static_cast<int>(panel.input.resources.size());
    const int resource = rows - 1 - static_cast<int>(std::lround(y));
    if (resource < 0 || resource >= rows || std::abs(rows - 1 - resource - y) > kBarHalf + 0.06) {
        return {};
    }
    const double t = panel.origin + x * panel.unit;
    const QString unitText = panel.unit < 1e-3 ? QStringLiteral("µs") : QStringLiteral("ms");
    const auto time = [&](double v) -> QString {
        return numberText(v / panel.unit, 4) + QStringLiteral(" ") + unitText;
    };
    for (const PipelineInterval& iv : panel.schedule.intervals) {
        if (iv.resource == resource && t >= iv.start && t <= iv.end) {
            const int layer = iv.layer - kFirstShownLayer + 1;
            const QString layerText =
                layer >= 1 && layer <= kShownLayers
                    ? tr("layer %1").arg(layer)
                    : (layer < 1 ? tr("the layer before") : tr("the layer after"));
            QString text = tr("<b>%1</b>, micro-batch %2, %3<br>start %4, end %5, duration %6")
                               .arg(stageLabel(panel.input.stages[std::size_t(iv.stage)].name))
                               .arg(iv.microBatch + 1)
                               .arg(layerText, time(iv.start - panel.origin),
                                    time(iv.end - panel.origin), time(iv.end - iv.start));
            const PipelineJitter& j = panel.input.jitter;
            if (j.stage == iv.stage && j.microBatch == iv.microBatch && j.layer == iv.layer &&
                j.extra > 0) {
                text += tr("<br>stretched by %1 (jitter)").arg(time(j.extra));
            }
            if (i == Ep && panel.input.policy == PipelinePolicy::FirstComeFirstServed &&
                panel.input.stages[std::size_t(iv.stage)].name == "FFN") {
                text += tr("<br>includes %1 of fixed per-layer overheads")
                            .arg(time(epFixedOverhead(panel.result)));
            }
            return text;
        }
    }
    for (const PipelineBubble& b : panel.schedule.bubbles) {
        if (b.resource == resource && t >= b.start && t <= b.end && (i == Afd || resource == 0)) {
            return tr("<b>bubble</b>: %1 idle for %2, waiting for a micro-batch")
                .arg(qtext(panel.input.resources[std::size_t(resource)]), time(b.end - b.start));
        }
    }
    return {};
}

} // namespace afd::ui
