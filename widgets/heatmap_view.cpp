// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmap_view.hpp"

#include "afd/deployment_search.hpp"
#include "afd/metrics.hpp"
#include "afd/optimal_ratio.hpp"
#include "afd/serving_comparison.hpp"
#include "label_placement.hpp"
#include "plot_helpers.hpp"
#include "rich_text.hpp"
#include "scenario_controller.hpp"
#include "wheel_guard.hpp"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolTip>
#include <chrono>
#include <cmath>

namespace afd::ui {

namespace {

// QCPColorMap cells are evenly spaced, so log-scaled parameters are drawn in log10 space; this
// ticker puts ticks at 1-2-5 steps and labels them with the real values.
class Log10SpaceTicker : public QCPAxisTicker {
  protected:
    QVector<double> createTickVector(double, const QCPRange& range) override {
        QVector<double> ticks;
        const double decades = range.upper - range.lower;
        // 1-2-5 while that many ticks are wanted (fewer on a small figure), else decades.
        const std::array<double, 3> steps = decades > 3 || 3 * decades > tickCount() * 1.5
                                                ? std::array<double, 3>{1, 1, 1}
                                                : std::array<double, 3>{1, 2, 5};
        for (int k = int(std::floor(range.lower)) - 1; k <= int(std::ceil(range.upper)); ++k) {
            for (double m : steps) {
                const double t = k + std::log10(m);
                if (t >= range.lower - 1e-9 && t <= range.upper + 1e-9 &&
                    (ticks.isEmpty() || t > ticks.last() + 1e-9)) {
                    ticks << t;
                }
            }
        }
        return ticks;
    }
    QVector<double> createSubTickVector(int, const QVector<double>&) override { return {}; }
    QString getTickLabel(double tick, const QLocale&, QChar, int) override {
        return QString::number(std::pow(10.0, tick), 'g', 4);
    }
};

QCPColorGradient gradientFrom(std::initializer_list<std::pair<double, QRgb>> stops) {
    QCPColorGradient g;
    g.clearColorStops();
    for (const auto& [position, rgb] : stops) {
        g.setColorStopAt(position, QColor::fromRgb(rgb));
    }
    g.setNanHandling(QCPColorGradient::nhTransparent); // NaN cells show the hatch behind
    return g;
}

// Perceptual blue-green-yellow gradient (QCustomPlot 2.1 has no viridis preset).
QCPColorGradient perceptualGradient() {
    return gradientFrom({{0.0, 0x440154u},
                         {0.25, 0x3B528Bu},
                         {0.5, 0x21918Cu},
                         {0.75, 0x5EC962u},
                         {1.0, 0xFDE725u}});
}

// Diverging gradient for signed metrics (HFU minus EP): red below zero, blue above.
QCPColorGradient divergingGradient() {
    return gradientFrom({{0.0, 0xB2182Bu}, {0.5, 0xF7F7F7u}, {1.0, 0x2166ACu}});
}

// One flat colour per whole value lo..lo+count-1, for a data range of (lo - 0.5, lo + count -
// 0.5): each value owns the band [k, k + 1) / count of the gradient. (QCPColorGradient's levels
// are floored, so n levels over that range would put the top value in the band below it.)
QCPColorGradient bandedGradient(const std::vector<QColor>& colours) {
    QCPColorGradient g;
    g.clearColorStops();
    const double n = double(colours.size());
    for (std::size_t k = 0; k < colours.size(); ++k) {
        g.setColorStopAt(std::max(0.0, double(k) / n + 1e-6), colours[k]);
        g.setColorStopAt(std::min(1.0, double(k + 1) / n - 1e-6), colours[k]);
    }
    g.setLevelCount(1000);
    g.setNanHandling(QCPColorGradient::nhTransparent);
    return g;
}

// Log-scaled axes are drawn in log10 space, where their cells are evenly spaced.
double toPlot(const SweepAxis& axis, double value) {
    return axis.log ? std::log10(value) : value;
}

// Where a grid's cells sit in plot coordinates: cell (ix, iy) is centred on
// (x0 + ix dx, y0 + iy dy) and spans half a step either side.
struct CellGeometry {
    double x0 = 0;
    double y0 = 0;
    double dx = 1;
    double dy = 1;
    std::size_t nx = 0;
    std::size_t ny = 0;

    CellGeometry(const SweepAxis& x, const std::vector<double>& xs, const SweepAxis& y,
                 const std::vector<double>& ys)
        : x0(toPlot(x, xs.front())), y0(toPlot(y, ys.front())), nx(xs.size()), ny(ys.size()) {
        dx = nx > 1 ? (toPlot(x, xs.back()) - x0) / double(nx - 1) : 1;
        dy = ny > 1 ? (toPlot(y, ys.back()) - y0) / double(ny - 1) : 1;
    }
    explicit CellGeometry(const Grid& g) : CellGeometry(g.x, g.xs, *g.y, g.ys) {}
    explicit CellGeometry(const ThroughputGrid& g) : CellGeometry(g.x, g.xs, g.y, g.ys) {}
    double centreX(std::size_t ix) const { return x0 + dx * double(ix); }
    double centreY(std::size_t iy) const { return y0 + dy * double(iy); }
    double lastCentreX() const { return centreX(nx - 1); }
    double lastCentreY() const { return centreY(ny - 1); }
    // The cell containing plot point (x, y); none outside the map.
    std::optional<std::pair<std::size_t, std::size_t>> cellAt(double x, double y) const {
        const long ix = std::lround((x - x0) / dx);
        const long iy = std::lround((y - y0) / dy);
        if (ix < 0 || iy < 0 || ix >= long(nx) || iy >= long(ny)) {
            return std::nullopt;
        }
        return std::pair{std::size_t(ix), std::size_t(iy)};
    }
};

// Outlines between cells where `inside(ix, iy)` changes. All edges go into a single curve,
// separated by NaN gaps: one plottable instead of hundreds of line items keeps the replot fast.
// Returns the centroid of the inside cells (NaN when there are none), where a label goes.
template <typename Inside>
QPointF drawOutline(QCPAxis* xa, QCPAxis* ya, const CellGeometry& cells, Inside inside,
                    const QPen& pen) {
    QVector<double> ex;
    QVector<double> ey;
    const auto edge = [&](double xa0, double ya0, double xa1, double ya1) {
        ex << xa0 << xa1 << qQNaN();
        ey << ya0 << ya1 << qQNaN();
    };
    const double dx = cells.dx;
    const double dy = cells.dy;
    double cx = 0;
    double cy = 0;
    int count = 0;
    for (std::size_t iy = 0; iy < cells.ny; ++iy) {
        for (std::size_t ix = 0; ix < cells.nx; ++ix) {
            if (!inside(ix, iy)) {
                continue;
            }
            const double xc = cells.centreX(ix);
            const double yc = cells.centreY(iy);
            cx += xc;
            cy += yc;
            ++count;
            if (ix + 1 == cells.nx || !inside(ix + 1, iy)) {
                edge(xc + dx / 2, yc - dy / 2, xc + dx / 2, yc + dy / 2);
            }
            if (ix == 0 || !inside(ix - 1, iy)) {
                edge(xc - dx / 2, yc - dy / 2, xc - dx / 2, yc + dy / 2);
            }
            if (iy + 1 == cells.ny || !inside(ix, iy + 1)) {
                edge(xc - dx / 2, yc + dy / 2, xc + dx / 2, yc + dy / 2);
            }
            if (iy == 0 || !inside(ix, iy - 1)) {
                edge(xc - dx / 2, yc - dy / 2, xc + dx / 2, yc - dy / 2);
            }
        }
    }
    if (!ex.isEmpty()) {
        auto* curve = new QCPCurve(xa, ya);
        curve->setData(ex, ey);
        curve->setPen(pen);
        curve->removeFromLegend();
    }
    return count > 0 ? QPointF(cx / count, cy / count) : QPointF(qQNaN(), qQNaN());
}

// Choice and on/off parameters are axes of named columns; `system` is not an axis at all, since
// every metric fixes the system it describes.
bool offeredAsAxis(const ParamSpec& p) {
    return p.id != Param::System;
}
bool categoryAxis(Param p) {
    const ParamKind k = spec(p).kind;
    return k == ParamKind::Choice || k == ParamKind::Flag;
}
QString categoryName(Param p, double value) {
    const ParamSpec& s = spec(p);
    if (s.kind == ParamKind::Flag) {
        return value != 0 ? QObject::tr("on") : QObject::tr("off");
    }
    return qtext(formatValue(p, value));
}

// What binds the AFD cycle, as the legend names it.
QString boundName(AfdBound b) {
    switch (b) {
    case AfdBound::Attention:
        return QObject::tr("attention GPUs bind");
    case AfdBound::Ffn:
        return QObject::tr("FFN GPUs bind");
    case AfdBound::Link:
        return QObject::tr("link binds");
    case AfdBound::RoundTrip:
        return QObject::tr("round trip binds");
    }
    return {};
}
constexpr int kBoundCount = 4;

QString statusName(CellStatus status) {
    switch (status) {
    case CellStatus::Ok:
        return {};
    case CellStatus::Invalid:
        return QObject::tr("invalid combination");
    case CellStatus::NotDeployable:
        return QObject::tr("AFD not deployable: no batch meets the SLO and fits in memory");
    case CellStatus::EpNotDeployable:
        return QObject::tr("EP not deployable: no batch meets the SLO and fits in memory");
    case CellStatus::NotFound:
        return QObject::tr("not deployable: no AFD deployment meets the SLO");
    }
    return {};
}

} // namespace

HeatmapView::HeatmapView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Heatmap, parent),
      job_(this, [this](HeatmapData&& result) { onComputed(std::move(result)); }) {
    auto* bar = optionsBar();
    xCombo_ = new QComboBox(this);
    yCombo_ = new QComboBox(this);
    metricCombo_ = new QComboBox(this);
    lensCheck_ = new QCheckBox(tr("paper lens"), this);
    status_ = new QLabel(this);
    xCombo_->setObjectName(QStringLiteral("heatmap_x"));
    yCombo_->setObjectName(QStringLiteral("heatmap_y"));
    metricCombo_->setObjectName(QStringLiteral("heatmap_metric"));
    lensCheck_->setObjectName(QStringLiteral("heatmap_lens"));
    status_->setObjectName(QStringLiteral("heatmap_status"));
    for (QComboBox* combo : {xCombo_, yCombo_, metricCombo_}) {
        // Long parameter names must not set the window's minimum width, but the closed box
        // shows enough of a name to read it ("Scale-out bandwidth per ...").
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(combo == metricCombo_ ? 16 : 22);
        // ... and on a small screen it gives way down to about seven characters.
        combo->setMinimumWidth(combo->fontMetrics().averageCharWidth() * 7 +
                               combo->style()->pixelMetric(QStyle::PM_ScrollBarExtent) * 2);
        takeWheelOnlyWhenFocused(combo);
    }
    // The status line must not set the window's minimum width: it gives way entirely.
    status_->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    status_->setMinimumWidth(0);
    const QString axisTip =
        tr("Any parameter, the throughput model's included. Choice and on/off parameters "
           "(EP overlap, attention type, ...) give one column per name. \"Serving system\" is "
           "not offered: every colour fixes the system it describes.");
    for (const ParamSpec& p : parameters()) {
        if (!offeredAsAxis(p)) {
            continue;
        }
        // Combo boxes show plain text: the notation in Unicode where it has the letters.
        const QString label = notationPlain(
            qtext(p.label) + (p.symbol.empty()
                                  ? QString()
                                  : QStringLiteral(" (") + qtext(p.symbol) + QLatin1Char(')')));
        for (QComboBox* combo : {xCombo_, yCombo_}) {
            combo->addItem(label, int(p.id));
            combo->setItemData(combo->count() - 1, qtext(p.help), Qt::ToolTipRole);
        }
    }
    xCombo_->setToolTip(axisTip);
    yCombo_->setToolTip(axisTip);
    for (const MetricSpec& m : metrics()) {
        if (m.heatmap) {
            metricCombo_->addItem(qtext(m.label), qtext(m.key));
            metricCombo_->setItemData(
                metricCombo_->count() - 1,
                tr("The paper's model (docs/model.md %1)").arg(qtext(m.reference)),
                Qt::ToolTipRole);
        }
    }
    metricCombo_->insertSeparator(metricCombo_->count());
    for (const ThroughputHeatmapMetric& m : throughputHeatmapMetrics()) {
        metricCombo_->addItem(qtext(m.label), qtext(m.key));
        metricCombo_->setItemData(
            metricCombo_->count() - 1,
            (m.search ? tr("The best AFD deployment under the SLO at each cell (docs/model.md "
                           "%1); a coarser grid, since each cell runs the full search.")
                      : tr("The scenario's own deployment at each cell, batch 0 meaning the "
                           "largest that meets the SLO and fits (docs/model.md %1)."))
                .arg(qtext(m.reference)),
            Qt::ToolTipRole);
    }
    metricCombo_->setCurrentIndex(metricCombo_->findData(QStringLiteral("hfu"))); // the default
    lensCheck_->setToolTip(
        tr("The EP reference of the \"AFD beats EP\" outline. Off: the computed EP, where "
           "AFD's tokens/s per GPU reach EP's (both the scenario's own deployments with the "
           "automatic batch; the ratio's 1.0 contour). On: the paper's lens, where the FFN HFU "
           "beats the paper's constant EP HFU. Without a serving system only the paper's "
           "constant applies."));
    // The open list shows every name in full, however narrow the closed box is.
    for (QComboBox* combo : {xCombo_, yCombo_, metricCombo_}) {
        int widest = 0;
        for (int i = 0; i < combo->count(); ++i) {
            widest = std::max(widest, combo->fontMetrics().horizontalAdvance(combo->itemText(i)));
        }
        combo->view()->setMinimumWidth(widest + 2 * combo->fontMetrics().averageCharWidth() +
                                       combo->style()->pixelMetric(QStyle::PM_ScrollBarExtent));
    }
    bar->addWidget(new QLabel(tr("x"), this));
    bar->addWidget(xCombo_);
    bar->addWidget(new QLabel(tr("y"), this));
    bar->addWidget(yCombo_);
    bar->addWidget(new QLabel(tr("colour"), this));
    bar->addWidget(metricCombo_);
    bar->addWidget(lensCheck_);
    bar->addWidget(status_);
    lensCheck_->setVisible(servingSystem(controller_.scenario()) != ServingSystem::None);
    status_->setVisible(false); // until there is something to report
    bar->addStretch();
    setAxes(Param::ScaleOutBwGbS, Param::Nf);
    connect(lensCheck_, &QCheckBox::toggled, this, [this] {
        resetMap();
        startComputation();
    });
    for (QComboBox* combo : {xCombo_, yCombo_, metricCombo_}) {
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo] {
            // x and y are two different parameters: picking for one axis the parameter of the
            // other swaps them.
            if (combo != metricCombo_ && xParam() == yParam()) {
                QComboBox* other = combo == xCombo_ ? yCombo_ : xCombo_;
                const Param previous = combo == xCombo_ ? shownX_ : shownY_;
                const QSignalBlocker block(other);
                other->setCurrentIndex(other->findData(int(previous)));
            }
            shownX_ = xParam();
            shownY_ = yParam();
            resetMap();
            startComputation();
        });
    }

    // A burst of changes within one event-loop turn (or faster than a grid computes) costs one
    // grid: changes only (re)arm this timer, and a change during a computation marks it stale.
    // The default grid takes about 2 ms, so no extra delay is needed to keep up with a drag;
    // grids above 64k cells wait 35 ms between computations so the worker cannot fall behind.
    throttle_.setSingleShot(true);
    throttle_.setInterval(0);
    connect(&throttle_, &QTimer::timeout, this, &HeatmapView::startComputation);
    // Throughput maps take a noticeable time: the status line counts up while they compute.
    progressTimer_.setInterval(100);
    connect(&progressTimer_, &QTimer::timeout, this, [this] {
        if (!computing()) {
            progressTimer_.stop();
            return;
        }
        status_->setText(tr("computing %1 %").arg(progress_->load() / 10));
        status_->setVisible(true);
    });

    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        QCPAxisRect* rect = plot_->axisRect();
        const double x = rect->axis(QCPAxis::atBottom)->pixelToCoord(e->position().x());
        const double y = rect->axis(QCPAxis::atLeft)->pixelToCoord(e->position().y());
        const QString text = describeAt(x, y);
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(e->globalPosition().toPoint(), text, plot_);
        }
    });
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        if (e->button() != Qt::LeftButton) {
            return;
        }
        QCPAxisRect* rect = plot_->axisRect();
        clickAt(rect->axis(QCPAxis::atBottom)->pixelToCoord(e->position().x()),
                rect->axis(QCPAxis::atLeft)->pixelToCoord(e->position().y()));
    });
}

HeatmapView::~HeatmapView() = default;

void HeatmapView::resetMap() {
    map_ = nullptr;
    data_.reset();
}

void HeatmapView::setAxes(Param x, Param y) {
    if (x == y) { // e.g. from a hand-edited session file: y keeps a parameter of its own
        y = shownY_ != x ? shownY_ : shownX_;
    }
    const QSignalBlocker bx(xCombo_);
    const QSignalBlocker by(yCombo_);
    xCombo_->setCurrentIndex(xCombo_->findData(int(x)));
    yCombo_->setCurrentIndex(yCombo_->findData(int(y)));
    shownX_ = xParam();
    shownY_ = yParam();
    resetMap();
    startComputation();
}

void HeatmapView::setMetric(const QString& key) {
    const QSignalBlocker block(metricCombo_);
    metricCombo_->setCurrentIndex(metricCombo_->findData(key));
    resetMap();
    startComputation();
}

void HeatmapView::setPaperLens(bool paper) {
    const QSignalBlocker block(lensCheck_);
    lensCheck_->setChecked(paper);
    resetMap();
    startComputation();
}

bool HeatmapView::paperLensChosen() const {
    return lensCheck_->isChecked();
}

void HeatmapView::setResolution(int nx, int ny) {
    nx_ = std::clamp(nx, 2, 1024);
    ny_ = std::clamp(ny, 2, 1024);
    throttle_.setInterval(nx_ * ny_ > 65536 ? 35 : 0);
    resetMap();
    startComputation();
}

Param HeatmapView::xParam() const {
    return static_cast<Param>(xCombo_->currentData().toInt());
}
Param HeatmapView::yParam() const {
    return static_cast<Param>(yCombo_->currentData().toInt());
}
QString HeatmapView::metricKey() const {
    return metricCombo_->currentData().toString();
}

bool HeatmapView::computing() const {
    return job_.busy() || throttle_.isActive();
}

QString HeatmapView::statusText() const {
    return status_->text();
}

QStringList HeatmapView::legendNames() const {
    QStringList names;
    for (int i = 0; i < plot_->legend->itemCount(); ++i) {
        if (auto* item = qobject_cast<QCPPlottableLegendItem*>(plot_->legend->item(i))) {
            names << item->plottable()->name();
        }
    }
    return names;
}

SweepAxis HeatmapView::makeAxis(Param p, int steps, bool throughputMetric) const {
    const ParamSpec& s = spec(p);
    SweepAxis axis{p, s.viewMin, s.viewMax, steps, s.scale == ParamScale::Log && s.viewMin > 0};
    if (throughputMetric && (p == Param::Na || p == Param::Nf)) {
        // The throughput model's maps span the nodes the deployment search tries (N_F up to 8,
        // N_A up to 24; N_F twice that, to show where more FFN nodes stop paying).
        axis.from = 1;
        axis.to = p == Param::Na ? kMaxAttentionNodes : 2 * kMaxFfnNodes;
    }
    if (s.kind != ParamKind::Real) {
        // One cell per whole value when the range is small (N_F 1..64, TopK 1..32, a choice's
        // names), so every cell is a value and the cells are evenly spaced.
        const int values = int(axis.to - axis.from) + 1;
        if (values <= (throughputMetric ? std::max(steps, 24) : 256)) {
            axis.steps = values;
            axis.log = false;
        }
    }
    return axis;
}

void HeatmapView::rebuild() {
    // Scenario changed: recompute (throttled). The old map, marker included, stays on screen
    // until the new grid arrives, so a burst of changes costs one grid and one replot.
    // Without a serving system only the paper's constant applies: no toggle to offer.
    lensCheck_->setVisible(servingSystem(controller_.scenario()) != ServingSystem::None);
    if (!throttle_.isActive()) {
        throttle_.start();
    }
}

void HeatmapView::restyle() {
    if (data_) {
        draw();
    } else {
        applyBaseTheme(*plot_, theme_);
        queueReplot();
        rebuild();
    }
}

void HeatmapView::startComputation() {
    throttle_.stop();
    const Param xp = xParam();
    const Param yp = yParam();
    const std::string key = metricKey().toStdString();
    const std::optional<std::size_t> tm = findThroughputHeatmapMetric(key);
    const bool search = tm && throughputHeatmapMetrics()[*tm].search;
    const int cap = search ? kSearchGridSteps : kThroughputGridSteps;
    // Part C maps are coarser: each cell bisects the batch of two systems (or searches).
    const SweepAxis xa = tm ? makeAxis(xp, std::min(nx_, cap), true) : makeAxis(xp, nx_, false);
    const SweepAxis ya = tm ? makeAxis(yp, std::min(ny_, cap), true) : makeAxis(yp, ny_, false);
    const std::size_t partA = tm ? *findMetric("hfu") : findMetric(key).value_or(0);
    const std::vector<std::size_t> ids{partA, *findMetric("dead_zone"),
                                       *findMetric("hfu_minus_ep")};
    const Scenario base = controller_.scenario();
    const bool computedLens = servingSystem(base) != ServingSystem::None && !paperLensChosen();
    std::optional<Scenario> attention;
    if (const Scenario* a = controller_.attentionHardware()) {
        attention = *a;
    }
    const bool song = (xp == Param::Na && yp == Param::Nf) || (xp == Param::Nf && yp == Param::Na);
    // The computed outline on a Part A map comes from a coarser ratio grid of its own, over
    // the same ranges.
    const SweepAxis rx = makeAxis(xp, std::min(nx_, kThroughputGridSteps), false);
    const SweepAxis ry = makeAxis(yp, std::min(ny_, kThroughputGridSteps), false);
    const std::size_t ratioMetric = *findThroughputHeatmapMetric("afd_over_ep_current");
    progress_->store(0);
    auto progress = progress_;
    job_.submit([=](const std::atomic<bool>& cancelled) {
        const auto started = std::chrono::steady_clock::now();
        HeatmapData d;
        const Scenario* hw = attention ? &*attention : nullptr;
        // Two threads: the GUI thread stays free, and a 2-core machine is fully used.
        d.grid = sweep(base, xa, ya, ids, 2);
        d.throughputMetric = tm;
        d.computedLens = computedLens;
        if (tm || computedLens) {
            ThroughputGridOptions o;
            o.withRatio = computedLens;
            o.threads = 2;
            o.cancelled = &cancelled;
            o.progress = progress.get();
            d.throughput = tm ? throughputSweep(base, hw, xa, ya, *tm, o)
                              : throughputSweep(base, hw, rx, ry, ratioMetric, o);
        }
        if (song && !cancelled) {
            // One batch for every row: the scenario's b_A, or its automatic batch.
            double batch = base[Param::BatchPerAttentionGpu];
            if (batch == 0) {
                batch = resolveAutomaticBatch(withSystem(base, ServingSystem::Afd),
                                              hw)[Param::BatchPerAttentionGpu];
            }
            if (batch == 0) {
                d.songError = "no batch per attention GPU meets the SLO here";
            } else {
                const SweepAxis& nfAxis = xp == Param::Nf ? xa : ya;
                for (double nf : nfAxis.values()) {
                    Scenario s = base;
                    s[Param::Nf] = nf;
                    const OptimalRatio r = optimalRatioAtBatch(s, hw, batch);
                    if (r.error.empty()) {
                        d.songLine.emplace_back(nf, r.rStar * nf);
                    } else {
                        d.songError = r.error;
                    }
                }
            }
        }
        d.milliseconds =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        return d;
    });
    if (tm || computedLens) {
        progressTimer_.start();
    }
}

void HeatmapView::onComputed(HeatmapData&& result) {
    if (throttle_.isActive()) {
        return; // a newer scenario is about to be submitted: do not flash this grid
    }
    data_ = std::move(result);
    progressTimer_.stop();
    const Grid& g = data_->grid;
    const std::size_t cells = data_->throughputMetric
                                  ? data_->throughput->xs.size() * data_->throughput->ys.size()
                                  : g.nx() * g.ny();
    status_->setText(data_->throughput
                         ? tr("%1 cells, %2 ms").arg(cells).arg(qRound(data_->milliseconds))
                         : QString());
    draw();
    emit gridReady();
}

void HeatmapView::finishPending() {
    for (int guard = 0; guard < 100 && computing(); ++guard) {
        if (throttle_.isActive()) {
            startComputation();
        }
        job_.finish();
    }
}

void HeatmapView::draw() {
    if (!data_) {
        return;
    }
    QCustomPlot& p = *plot_;
    p.clearPlottables();
    p.clearItems();
    // The colour scale and its margin group are created once and reused by every draw.
    QCPColorScale* scale = nullptr;
    for (int i = 0; i < p.plotLayout()->elementCount(); ++i) {
        if (auto* existing = qobject_cast<QCPColorScale*>(p.plotLayout()->elementAt(i))) {
            scale = existing;
        }
    }
    if (scale == nullptr) {
        scale = new QCPColorScale(&p);
        p.plotLayout()->addElement(0, 1, scale);
        scale->setType(QCPAxis::atRight);
        auto* group = new QCPMarginGroup(&p);
        p.axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
        scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
        // The legend (the hatch's key) goes below the map, off it, at the right: a row of
        // its own, where an empty element to its left takes the rest of the width. (Under
        // the colour bar it would widen the bar's column and squeeze the map.)
        if (p.axisRect()->insetLayout()->take(p.legend)) {
            auto* below = new QCPLayoutGrid;
            p.plotLayout()->addElement(1, 0, below);
            p.plotLayout()->setRowStretchFactor(1, 0.001);
            below->setMargins(QMargins(0, 0, 0, 0));
            below->addElement(0, 0, new QCPLayoutElement(&p));
            below->addElement(0, 1, p.legend);
            below->setColumnStretchFactor(0, 1);
            below->setColumnStretchFactor(1, 0.001);
        }
        p.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    }
    // Several keys (categories, outlines, r*, the hatch) sit two to a row. (The width is not
    // known here: an export draws first and sizes later.)
    p.legend->setWrap(2);
    const HeatmapData& d = *data_;
    const Grid& g = d.grid;
    const ThroughputGrid* tg = d.throughput ? &*d.throughput : nullptr;
    const bool partC = d.throughputMetric.has_value();
    const ThroughputHeatmapMetric* tm =
        partC ? &throughputHeatmapMetrics()[*d.throughputMetric] : nullptr;
    QCPAxisRect* rect = p.axisRect();
    QCPAxis* xa = rect->axis(QCPAxis::atBottom);
    QCPAxis* ya = rect->axis(QCPAxis::atLeft);
    const auto configure = [](QCPAxis* axis, const SweepAxis& sa) {
        axis->setScaleType(QCPAxis::stLinear);
        if (categoryAxis(sa.param)) {
            // Named columns: a tick per name, no in-between values.
            QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
            ticker->setSubTickCount(0);
            for (double v : sa.values()) {
                ticker->addTick(v, categoryName(sa.param, v));
            }
            axis->setTicker(ticker);
        } else if (sa.log) {
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new Log10SpaceTicker));
        } else if (spec(sa.param).kind == ParamKind::Integer) {
            // Whole numbers: no "2.5 nodes" ticks.
            QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
            ticker->setTickStep(1);
            ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
            axis->setTicker(ticker);
        } else {
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        }
        const ParamSpec& s = spec(sa.param);
        axis->setLabel(parameterTitle(s) + (sa.log ? tr(" (log)") : QString()));
    };
    configure(xa, g.x);
    configure(ya, *g.y);

    // The coloured grid: the Part A sweep, or the throughput grid on the same axes.
    const CellGeometry cells = partC ? CellGeometry(*tg) : CellGeometry(g);
    const std::size_t nx = cells.nx;
    const std::size_t ny = cells.ny;
    const auto valueAt = [&](std::size_t ix, std::size_t iy) -> double {
        if (partC) {
            return tg->values[tg->cell(ix, iy)]; // NaN where not deployable
        }
        const std::size_t c = g.cell(ix, iy);
        // Infeasible cells are masked (NaN = transparent over the hatched background).
        const bool masked = g.errors[c] || g.infeasible[c] != kFeasible;
        return masked ? qQNaN() : g.values[0][c];
    };
    const double x0 = cells.x0;
    const double x1 = cells.lastCentreX();
    const double y0 = cells.y0;
    const double y1 = cells.lastCentreY();
    map_ = new QCPColorMap(xa, ya);
    map_->setName(tr("heatmap"));
    map_->removeFromLegend();
    map_->data()->setSize(int(nx), int(ny));
    map_->data()->setRange(QCPRange(x0, x1), QCPRange(y0, y1));
    const MetricSpec& m = afd::metric(g.metricIds[0]);
    const bool regimeMap = !partC && m.key == "regime_index";
    const bool boundMap = partC && tm->categorical;
    double lo = 1e300;
    double hi = -1e300;
    std::array<bool, kBoundCount> boundsSeen{};
    for (std::size_t iy = 0; iy < ny; ++iy) {
        for (std::size_t ix = 0; ix < nx; ++ix) {
            const double v = valueAt(ix, iy);
            map_->data()->setCell(int(ix), int(iy), v);
            if (std::isfinite(v)) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
                if (boundMap && v >= 0 && v < kBoundCount) {
                    boundsSeen[std::size_t(v)] = true;
                }
            }
        }
    }
    map_->setColorScale(scale);
    map_->setInterpolate(false);
    // Not tight: every cell, the outermost included, is a full step wide and centred on its
    // grid point, so the map fills the axis range (centres +- half a step) and the outlines
    // below, drawn on cell edges, meet its border.
    map_->setTightBoundary(false);
    QSharedPointer<QCPAxisTicker> scaleTicker(new QCPAxisTicker);
    if (regimeMap) {
        // Banded: with kRegimeCount floored levels over this range the upper regimes took the
        // colour of the one below.
        map_->setGradient(bandedGradient({theme_.regime.begin(), theme_.regime.end()}));
        map_->setDataRange(QCPRange(-0.5, kRegimeCount - 0.5));
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (std::size_t i = 0; i < kRegimeCount; ++i) {
            ticker->addTick(double(i), qtext(regimeLabel(static_cast<Regime>(i))));
        }
        scaleTicker = ticker;
    } else if (boundMap) {
        // Categories, not a scale: the colour bar gives way to legend swatches below.
        map_->setGradient(
            bandedGradient({theme_.series.begin(), theme_.series.begin() + kBoundCount}));
        map_->setDataRange(QCPRange(-0.5, kBoundCount - 0.5));
    } else if (!partC && m.key == "hfu_minus_ep") {
        const double span = std::max({std::abs(lo), std::abs(hi), 1e-6});
        map_->setGradient(divergingGradient());
        map_->setDataRange(QCPRange(-span, span));
    } else if (partC && tm->quantity == GridQuantity::AfdOverEp) {
        // Diverging about parity: red where EP serves more per GPU, blue where AFD does.
        const double span = lo > hi ? 0.5 : std::max({std::abs(lo - 1), std::abs(hi - 1), 1e-6});
        map_->setGradient(divergingGradient());
        map_->setDataRange(QCPRange(1 - span, 1 + span));
    } else if (partC && tm->whole) {
        // Whole numbers: one colour per value, a tick on each.
        if (lo > hi) {
            lo = hi = 1;
        }
        const int count = int(std::round(hi - lo)) + 1;
        QCPColorGradient smooth = perceptualGradient(); // color() is not const
        std::vector<QColor> colours;
        for (int k = 0; k < count; ++k) {
            colours.push_back(QColor::fromRgb(
                smooth.color(count > 1 ? double(k) / (count - 1) : 0.5, QCPRange(0, 1))));
        }
        map_->setGradient(bandedGradient(colours));
        map_->setDataRange(QCPRange(lo - 0.5, hi + 0.5));
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(1);
        ticker->setScaleStrategy(count > 12 ? QCPAxisTickerFixed::ssMultiples
                                            : QCPAxisTickerFixed::ssNone);
        scaleTicker = ticker;
    } else {
        map_->setGradient(perceptualGradient());
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        // A map of one value (HFU on a superpod) still needs a readable scale: widen it by 10 %
        // around that value, which then shows in the middle of the gradient.
        if (hi - lo <= 1e-9 * std::max(1.0, std::abs(hi))) {
            const double pad = std::max(std::abs(hi) * 0.1, 1e-6);
            lo -= pad;
            hi += pad;
        }
        map_->setDataRange(QCPRange(lo, hi));
    }
    scale->setVisible(!boundMap);
    // A hidden scale still takes its column unless its width is capped.
    scale->setMaximumSize(boundMap ? 0 : QWIDGETSIZE_MAX, QWIDGETSIZE_MAX);
    const QString label =
        partC ? qtext(tm->label) + (tm->unit.empty()
                                        ? QString()
                                        : QStringLiteral(" [") + qtext(tm->unit) + QLatin1Char(']'))
              : qtext(m.label) + (m.unit.empty()
                                      ? QString()
                                      : QStringLiteral(" [") + qtext(m.unit) + QLatin1Char(']'));
    // Utilisations read in percent, as every legend and label gives them.
    const bool percent = !partC && (m.key == "hfu" || m.key == "ofu" || m.key == "hfu_uncapped");
    scale->axis()->setLabel(percent ? label + QStringLiteral(" [%]") : label);
    scale->axis()->setTicker(scaleTicker);
    if (percent) {
        setPercentTicks(scale->axis());
    }
    const double dx = cells.dx;
    const double dy = cells.dy;
    xa->setRange(x0 - dx / 2, x1 + dx / 2);
    ya->setRange(y0 - dy / 2, y1 + dy / 2);
    // Infeasible cells show this hatch through their transparent colour; the legend below the
    // map names it.
    const QBrush hatch(withAlpha(theme_.infeasible, 110), Qt::DiagCrossPattern);
    if (boundMap) {
        for (int i = 0; i < kBoundCount; ++i) {
            if (boundsSeen[std::size_t(i)]) {
                auto* key = new QCPBars(xa, ya); // no data: only its legend swatch shows
                key->setName(boundName(static_cast<AfdBound>(i)));
                key->setBrush(theme_.series[std::size_t(i)]);
                key->setPen(QPen(theme_.foreground, 1));
            }
        }
    }
    auto* hatchKey = new QCPBars(xa, ya);
    hatchKey->setName(tr("not deployable"));
    hatchKey->setBrush(hatch);
    hatchKey->setPen(QPen(theme_.foreground, 1));

    // Outlines between cells where a flag changes: the dead zone and "AFD beats EP".
    const QColor outlineColour =
        theme_.isDark() ? QColor::fromRgb(0xFFFFFFu) : QColor::fromRgb(0x111111u);
    const CellGeometry partACells(g);
    auto* labels = new PlacedLabels(rect);
    const QPointF dead = drawOutline(
        xa, ya, partACells,
        [&](std::size_t ix, std::size_t iy) {
            const std::size_t c = g.cell(ix, iy);
            return !g.errors[c] && g.values[1][c] == 1.0;
        },
        QPen(outlineColour, theme_.lineWidth * 1.2));
    if (std::isfinite(dead.x())) {
        auto* t = addText(rect, tr("dead zone"), dead.x(), dead.y(), theme_, Qt::AlignCenter, false,
                          1.15);
        t->setColor(outlineColour);
        t->setBrush(withAlpha(theme_.background, 170));
        // On its region when free, else beside it, never on the other region's name.
        labels->manage(t, dead.x(), dead.y(), false, -1);
    }
    const QPen beatsPen(theme_.highlight, theme_.lineWidth * 1.2, Qt::DashLine);
    QPointF beats;
    if (d.computedLens && tg != nullptr && !tg->ratio.empty()) {
        // The computed lens: the AFD/EP ratio's 1.0 contour.
        beats = drawOutline(
            xa, ya, CellGeometry(*tg),
            [&](std::size_t ix, std::size_t iy) {
                const double r = tg->ratio[tg->cell(ix, iy)];
                return std::isfinite(r) && r >= 1.0;
            },
            beatsPen);
    } else {
        beats = drawOutline(
            xa, ya, partACells,
            [&](std::size_t ix, std::size_t iy) {
                const std::size_t c = g.cell(ix, iy);
                return !g.errors[c] && g.infeasible[c] == kFeasible && g.values[2][c] > 0;
            },
            beatsPen);
    }
    if (std::isfinite(beats.x())) {
        // The legend names the EP reference the outline compares against.
        auto* key = new QCPGraph(xa, ya); // no data: only its legend line shows
        key->setPen(beatsPen);
        key->setName(d.computedLens ? tr("AFD beats EP: computed EP tokens/s per GPU")
                                    : tr("AFD beats EP: paper's constant EP HFU"));
        auto* t = addText(rect, tr("AFD beats EP"), beats.x(), beats.y(), theme_, Qt::AlignCenter,
                          false, 1.1);
        t->setColor(theme_.highlight);
        t->setBrush(withAlpha(theme_.background, 170));
        labels->manage(t, beats.x(), beats.y(), false, -1);
    }
    // Song et al.'s closed-form r*: the line N_A = r* N_F, in the legend rather than on the map.
    if (!d.songLine.empty()) {
        QVector<double> lx;
        QVector<double> ly;
        const bool naOnX = g.x.param == Param::Na;
        for (const auto& [nf, na] : d.songLine) {
            const double px = naOnX ? toPlot(g.x, na) : toPlot(g.x, nf);
            const double py = naOnX ? toPlot(*g.y, nf) : toPlot(*g.y, na);
            lx << px;
            ly << py;
        }
        auto* line = new QCPCurve(xa, ya);
        line->setData(lx, ly);
        line->setPen(QPen(outlineColour, theme_.lineWidth * 1.6, Qt::DotLine));
        line->setName(tr("Song et al. r* (SLO-free, continuous)"));
    }
    // The current design point.
    const Scenario& s = controller_.scenario();
    const double cx = toPlot(g.x, s[g.x.param]);
    const double cy = toPlot(*g.y, s[g.y->param]);
    auto* marker = new QCPItemTracer(&p);
    marker->setClipAxisRect(rect);
    marker->position->setAxes(xa, ya);
    marker->position->setCoords(cx, cy);
    marker->setStyle(QCPItemTracer::tsCircle);
    marker->setSize(theme_.markerSize * 2);
    marker->setPen(QPen(outlineColour, 2));
    marker->setBrush(withAlpha(theme_.series[0], 200));

    applyBaseTheme(p, theme_);
    rect->setBackground(hatch); // after the theme, which gives every axis rect a plain one
    scale->axis()->setBasePen(QPen(theme_.foreground));
    scale->axis()->setTickPen(QPen(theme_.foreground));
    scale->axis()->setSubTickPen(QPen(theme_.foreground));
    scale->axis()->setTickLabelColor(theme_.foreground);
    scale->axis()->setLabelColor(theme_.foreground);
    scale->axis()->setTickLabelFont(theme_.font);
    scale->axis()->setLabelFont(theme_.font);
    xa->grid()->setVisible(false);
    ya->grid()->setVisible(false);
    p.legend->setVisible(true);
    queueReplot();
}

QString HeatmapView::describeAt(double x, double y) const {
    if (!data_) {
        return {};
    }
    const HeatmapData& d = *data_;
    const Grid& g = d.grid;
    const bool partC = d.throughputMetric.has_value();
    const auto at = partC ? CellGeometry(*d.throughput).cellAt(x, y) : CellGeometry(g).cellAt(x, y);
    if (!at) {
        return {};
    }
    const auto [ix, iy] = *at;
    const ParamSpec& xs = spec(g.x.param);
    const ParamSpec& ys = spec(g.y->param);
    // Display names, as on the axes: "Scale-out bandwidth per GPU (BW_out) = 50 GB/s".
    const auto line = [](const ParamSpec& p, double value) -> QString {
        QString name = qtext(p.label).toHtmlEscaped();
        if (!p.symbol.empty()) {
            name += QStringLiteral(" (<i>") + parameterSymbolHtml(p) + QStringLiteral("</i>)");
        }
        const QString shown =
            categoryAxis(p.id) ? categoryName(p.id, value).toHtmlEscaped() : numberText(value);
        return name + QStringLiteral(" = ") + shown +
               (p.unit.empty() ? QString() : QLatin1Char(' ') + qtext(p.unit).toHtmlEscaped());
    };
    if (partC) {
        const ThroughputGrid& tg = *d.throughput;
        const ThroughputHeatmapMetric& tm = throughputHeatmapMetrics()[*d.throughputMetric];
        const std::size_t c = tg.cell(ix, iy);
        QString text = line(xs, tg.xs[ix]) + QStringLiteral("<br>") + line(ys, tg.ys[iy]);
        if (tg.status[c] != CellStatus::Ok) {
            return text + QStringLiteral("<br><span style='color:#c00'>") +
                   statusName(tg.status[c]).toHtmlEscaped() + QStringLiteral("</span>");
        }
        const double v = tg.values[c];
        const QString value =
            tm.categorical
                ? boundName(static_cast<AfdBound>(int(v)))
                : numberText(v) + (tm.unit.empty() ? QString() : QLatin1Char(' ') + qtext(tm.unit));
        text += QStringLiteral("<br><b>%1: %2</b>")
                    .arg(qtext(tm.label).toHtmlEscaped(), value.toHtmlEscaped());
        if (!tg.ratio.empty() && std::isfinite(tg.ratio[c])) {
            text += tr("<br>AFD ÷ EP tokens/s per GPU: %1").arg(numberText(tg.ratio[c]));
        }
        return text;
    }
    const std::size_t c = g.cell(ix, iy);
    const MetricSpec& m = afd::metric(g.metricIds[0]);
    QString text = line(xs, g.xs[ix]) + QStringLiteral("<br>") + line(ys, g.ys[iy]);
    if (g.errors[c]) {
        return text + tr("<br>invalid combination");
    }
    text += QStringLiteral("<br><b>%1 = %2 %3</b><br>regime: %4")
                .arg(qtext(m.label).toHtmlEscaped(), numberText(g.values[0][c]),
                     qtext(m.unit).toHtmlEscaped(), qtext(regimeLabel(g.regime[c])));
    if (g.values[1][c] == 1.0) {
        text += tr("<br>dead zone");
    }
    if (g.infeasible[c] != kFeasible) {
        text += tr("<br><span style='color:#c00'>not deployable</span>");
    }
    return text;
}

void HeatmapView::clickAt(double x, double y) {
    if (!data_) {
        return;
    }
    const HeatmapData& d = *data_;
    if (d.throughputMetric) {
        const ThroughputGrid& tg = *d.throughput;
        if (const auto at = CellGeometry(tg).cellAt(x, y)) {
            controller_.setValues(
                {{tg.x.param, tg.xs[at->first]}, {tg.y.param, tg.ys[at->second]}});
        }
        return;
    }
    const Grid& g = d.grid;
    if (const auto at = CellGeometry(g).cellAt(x, y)) {
        controller_.setValues({{g.x.param, g.xs[at->first]}, {g.y->param, g.ys[at->second]}});
    }
}

} // namespace afd::ui
