// SPDX-License-Identifier: GPL-3.0-or-later
#include "heatmap_view.hpp"

#include "afd/metrics.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"
#include "wheel_guard.hpp"

#include <QAbstractItemView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolTip>
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
        const std::array<double, 3> steps =
            decades > 3 ? std::array<double, 3>{1, 1, 1} : std::array<double, 3>{1, 2, 5};
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

    explicit CellGeometry(const Grid& g)
        : x0(toPlot(g.x, g.xs.front())), y0(toPlot(*g.y, g.ys.front())), nx(g.nx()), ny(g.ny()) {
        dx = nx > 1 ? (toPlot(g.x, g.xs.back()) - x0) / double(nx - 1) : 1;
        dy = ny > 1 ? (toPlot(*g.y, g.ys.back()) - y0) / double(ny - 1) : 1;
    }
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

} // namespace

HeatmapView::HeatmapView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Heatmap, parent),
      job_(this, [this](Grid&& grid) { onComputed(std::move(grid)); }) {
    auto* bar = optionsBar();
    xCombo_ = new QComboBox(this);
    yCombo_ = new QComboBox(this);
    metricCombo_ = new QComboBox(this);
    xCombo_->setObjectName(QStringLiteral("heatmap_x"));
    yCombo_->setObjectName(QStringLiteral("heatmap_y"));
    metricCombo_->setObjectName(QStringLiteral("heatmap_metric"));
    for (QComboBox* combo : {xCombo_, yCombo_, metricCombo_}) {
        // Long parameter names must not set the window's minimum width, but the closed box
        // shows enough of a name to read it ("Scale-out bandwidth per ...").
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(combo == metricCombo_ ? 16 : 22);
        // ... and on a small screen it gives way down to about ten characters.
        combo->setMinimumWidth(combo->fontMetrics().averageCharWidth() * 10 +
                               combo->style()->pixelMetric(QStyle::PM_ScrollBarExtent) * 2);
        takeWheelOnlyWhenFocused(combo);
    }
    for (const ParamSpec& p : parameters()) {
        if (p.kind == ParamKind::Flag || p.partC) {
            continue;
        }
        const QString label =
            qtext(p.label) + (p.symbol.empty()
                                  ? QString()
                                  : QStringLiteral(" (") + qtext(p.symbol) + QLatin1Char(')'));
        xCombo_->addItem(label, int(p.id));
        yCombo_->addItem(label, int(p.id));
    }
    for (const MetricSpec& m : metrics()) {
        if (m.heatmap) {
            metricCombo_->addItem(qtext(m.label), qtext(m.key));
        }
    }
    metricCombo_->setCurrentIndex(metricCombo_->findData(QStringLiteral("hfu"))); // the default
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
    bar->addStretch();
    setAxes(Param::ScaleOutBwGbS, Param::Nf);
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
            map_ = nullptr;
            grid_.reset();
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
    map_ = nullptr;
    grid_.reset();
    startComputation();
}

void HeatmapView::setMetric(const QString& key) {
    const QSignalBlocker block(metricCombo_);
    metricCombo_->setCurrentIndex(metricCombo_->findData(key));
    grid_.reset();
    startComputation();
}

void HeatmapView::setResolution(int nx, int ny) {
    nx_ = std::clamp(nx, 2, 1024);
    ny_ = std::clamp(ny, 2, 1024);
    throttle_.setInterval(nx_ * ny_ > 65536 ? 35 : 0);
    grid_.reset();
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

SweepAxis HeatmapView::makeAxis(Param p, int steps) const {
    const ParamSpec& s = spec(p);
    SweepAxis axis{p, s.viewMin, s.viewMax, steps, s.scale == ParamScale::Log && s.viewMin > 0};
    if (s.kind != ParamKind::Real) {
        // One cell per whole value when the view range is small (N_F 1..64, TopK 1..32).
        const int values = int(s.viewMax - s.viewMin) + 1;
        if (values <= 256) {
            axis.steps = values;
            axis.log = false;
        }
    }
    return axis;
}

void HeatmapView::rebuild() {
    // Scenario changed: recompute (throttled). The old map, marker included, stays on screen
    // until the new grid arrives, so a burst of changes costs one grid and one replot.
    if (!throttle_.isActive()) {
        throttle_.start();
    }
}

void HeatmapView::restyle() {
    if (grid_) {
        draw();
    } else {
        applyBaseTheme(*plot_, theme_);
        queueReplot();
        rebuild();
    }
}

void HeatmapView::startComputation() {
    throttle_.stop();
    const Param xp = static_cast<Param>(xCombo_->currentData().toInt());
    const Param yp = static_cast<Param>(yCombo_->currentData().toInt());
    const std::size_t metricId = *findMetric(metricCombo_->currentData().toString().toStdString());
    const std::vector<std::size_t> ids{metricId, *findMetric("dead_zone"),
                                       *findMetric("hfu_minus_ep")};
    const SweepAxis xa = makeAxis(xp, nx_);
    const SweepAxis ya = makeAxis(yp, ny_);
    const Scenario base = controller_.scenario();
    job_.submit([base, xa, ya, ids](const std::atomic<bool>&) {
        // Two threads: the GUI thread stays free, and a 2-core machine is fully used. One grid
        // takes milliseconds, so it runs to the end even when a newer one is waiting.
        return sweep(base, xa, ya, ids, 2);
    });
}

void HeatmapView::onComputed(Grid&& grid) {
    if (throttle_.isActive()) {
        return; // a newer scenario is about to be submitted: do not flash this grid
    }
    grid_ = std::move(grid);
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
    if (!grid_) {
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
    }
    const Grid& g = *grid_;
    QCPAxisRect* rect = p.axisRect();
    QCPAxis* xa = rect->axis(QCPAxis::atBottom);
    QCPAxis* ya = rect->axis(QCPAxis::atLeft);
    const auto configure = [](QCPAxis* axis, const SweepAxis& sa) {
        axis->setScaleType(QCPAxis::stLinear);
        if (sa.log) {
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new Log10SpaceTicker));
        } else {
            axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        }
        const ParamSpec& s = spec(sa.param);
        axis->setLabel(
            qtext(s.label) +
            (s.symbol.empty() ? QString() : QStringLiteral(" ") + qtext(s.symbol)) +
            (s.unit.empty() ? QString() : QStringLiteral(" [") + qtext(s.unit) + QLatin1Char(']')) +
            (sa.log ? tr(" (log)") : QString()));
    };
    configure(xa, g.x);
    configure(ya, *g.y);

    const CellGeometry cells(g);
    const std::size_t nx = cells.nx;
    const std::size_t ny = cells.ny;
    const double x0 = cells.x0;
    const double x1 = cells.lastCentreX();
    const double y0 = cells.y0;
    const double y1 = cells.lastCentreY();
    map_ = new QCPColorMap(xa, ya);
    map_->setName(tr("heatmap"));
    map_->removeFromLegend();
    map_->data()->setSize(int(nx), int(ny));
    map_->data()->setRange(QCPRange(x0, x1), QCPRange(y0, y1));
    const std::size_t metricId = g.metricIds[0];
    const MetricSpec& m = afd::metric(metricId);
    const bool regimeMap = m.key == "regime_index";
    double lo = 1e300;
    double hi = -1e300;
    for (std::size_t iy = 0; iy < ny; ++iy) {
        for (std::size_t ix = 0; ix < nx; ++ix) {
            const std::size_t c = g.cell(ix, iy);
            // Infeasible cells are masked (NaN = transparent over the hatched background).
            const bool masked = g.errors[c] || g.infeasible[c] != kFeasible;
            const double v = masked ? qQNaN() : g.values[0][c];
            map_->data()->setCell(int(ix), int(iy), v);
            if (!masked) {
                lo = std::min(lo, v);
                hi = std::max(hi, v);
            }
        }
    }
    map_->setColorScale(scale);
    map_->setInterpolate(false);
    // Not tight: every cell, the outermost included, is a full step wide and centred on its
    // grid point, so the map fills the axis range (centres +- half a step) and the outlines
    // below, drawn on cell edges, meet its border.
    map_->setTightBoundary(false);
    if (regimeMap) {
        QCPColorGradient gr;
        gr.clearColorStops();
        for (std::size_t i = 0; i < kRegimeCount; ++i) {
            gr.setColorStopAt(double(i) / double(kRegimeCount - 1), theme_.regime[i]);
        }
        gr.setLevelCount(int(kRegimeCount));
        gr.setNanHandling(QCPColorGradient::nhTransparent);
        map_->setGradient(gr);
        map_->setDataRange(QCPRange(-0.5, kRegimeCount - 0.5));
        QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
        for (std::size_t i = 0; i < kRegimeCount; ++i) {
            ticker->addTick(double(i), qtext(regimeLabel(static_cast<Regime>(i))));
        }
        scale->axis()->setTicker(ticker);
    } else if (m.key == "hfu_minus_ep") {
        const double span = std::max({std::abs(lo), std::abs(hi), 1e-6});
        map_->setGradient(divergingGradient());
        map_->setDataRange(QCPRange(-span, span));
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
    scale->axis()->setLabel(
        qtext(m.label) +
        (m.unit.empty() ? QString() : QStringLiteral(" [") + qtext(m.unit) + QLatin1Char(']')));
    if (!regimeMap) {
        scale->axis()->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    }
    const double dx = cells.dx;
    const double dy = cells.dy;
    xa->setRange(x0 - dx / 2, x1 + dx / 2);
    ya->setRange(y0 - dy / 2, y1 + dy / 2);
    // Infeasible cells show this hatch through their transparent colour; the legend below the
    // colour bar names it.
    const QBrush hatch(withAlpha(theme_.infeasible, 110), Qt::DiagCrossPattern);
    auto* hatchKey = new QCPBars(xa, ya); // no data: only its legend swatch shows
    hatchKey->setName(tr("not deployable"));
    hatchKey->setBrush(hatch);
    hatchKey->setPen(QPen(theme_.foreground, 1));

    // Outlines between cells where a flag changes: the dead zone and "AFD beats EP". All edges
    // of one outline go into a single curve, separated by NaN gaps: one plottable instead of
    // hundreds of line items keeps the replot fast.
    const auto outline = [&](auto inside, const QPen& pen) -> QPointF {
        QVector<double> ex;
        QVector<double> ey;
        const auto edge = [&](double xa0, double ya0, double xa1, double ya1) {
            ex << xa0 << xa1 << qQNaN();
            ey << ya0 << ya1 << qQNaN();
        };
        double cx = 0, cy = 0;
        int count = 0;
        for (std::size_t iy = 0; iy < ny; ++iy) {
            for (std::size_t ix = 0; ix < nx; ++ix) {
                if (!inside(g.cell(ix, iy))) {
                    continue;
                }
                const double xc = cells.centreX(ix);
                const double yc = cells.centreY(iy);
                cx += xc;
                cy += yc;
                ++count;
                if (ix + 1 == nx || !inside(g.cell(ix + 1, iy))) {
                    edge(xc + dx / 2, yc - dy / 2, xc + dx / 2, yc + dy / 2);
                }
                if (ix == 0 || !inside(g.cell(ix - 1, iy))) {
                    edge(xc - dx / 2, yc - dy / 2, xc - dx / 2, yc + dy / 2);
                }
                if (iy + 1 == ny || !inside(g.cell(ix, iy + 1))) {
                    edge(xc - dx / 2, yc + dy / 2, xc + dx / 2, yc + dy / 2);
                }
                if (iy == 0 || !inside(g.cell(ix, iy - 1))) {
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
    };
    const QColor outlineColour =
        theme_.isDark() ? QColor::fromRgb(0xFFFFFFu) : QColor::fromRgb(0x111111u);
    const QPointF dead =
        outline([&](std::size_t c) { return !g.errors[c] && g.values[1][c] == 1.0; },
                QPen(outlineColour, theme_.lineWidth * 1.2));
    if (std::isfinite(dead.x())) {
        auto* t = addText(rect, tr("dead zone"), dead.x(), dead.y(), theme_, Qt::AlignCenter, false,
                          1.15);
        t->setColor(outlineColour);
        t->setBrush(withAlpha(theme_.background, 170));
    }
    const QPointF beats = outline(
        [&](std::size_t c) {
            return !g.errors[c] && g.infeasible[c] == kFeasible && g.values[2][c] > 0;
        },
        QPen(theme_.highlight, theme_.lineWidth * 1.2, Qt::DashLine));
    if (std::isfinite(beats.x())) {
        auto* t = addText(rect, tr("AFD beats EP"), beats.x(), beats.y(), theme_, Qt::AlignCenter,
                          false, 1.1);
        t->setColor(theme_.highlight);
        t->setBrush(withAlpha(theme_.background, 170));
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
    if (!grid_) {
        return {};
    }
    const Grid& g = *grid_;
    const auto at = CellGeometry(g).cellAt(x, y);
    if (!at) {
        return {};
    }
    const auto [ix, iy] = *at;
    const std::size_t c = g.cell(ix, iy);
    const ParamSpec& xs = spec(g.x.param);
    const ParamSpec& ys = spec(g.y->param);
    const MetricSpec& m = afd::metric(g.metricIds[0]);
    // Display names, as on the axes: "Scale-out bandwidth per GPU (BW_out) = 50 GB/s".
    const auto line = [](const ParamSpec& p, double value) -> QString {
        QString name = qtext(p.label).toHtmlEscaped();
        if (!p.symbol.empty()) {
            name +=
                QStringLiteral(" (<i>") + qtext(p.symbol).toHtmlEscaped() + QStringLiteral("</i>)");
        }
        return name + QStringLiteral(" = ") + numberText(value) +
               (p.unit.empty() ? QString() : QLatin1Char(' ') + qtext(p.unit).toHtmlEscaped());
    };
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
    if (!grid_) {
        return;
    }
    const Grid& g = *grid_;
    const auto at = CellGeometry(g).cellAt(x, y);
    if (!at) {
        return;
    }
    const auto [ix, iy] = *at;
    controller_.setValues({{g.x.param, g.xs[ix]}, {g.y->param, g.ys[iy]}});
}

} // namespace afd::ui
