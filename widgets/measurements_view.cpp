// SPDX-License-Identifier: GPL-3.0-or-later
#include "measurements_view.hpp"

#include "afd/preset_library.hpp"
#include "layout_elements.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"

#include <QToolTip>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace afd::ui {

namespace {

constexpr double kBand = 0.15; // the ±15 % band around y = x

double overlapArea(const QRectF& a, const QRectF& b) {
    const QRectF i = a.intersected(b);
    return i.isEmpty() ? 0.0 : i.width() * i.height();
}

QString systemText(ServingSystem s) {
    return s == ServingSystem::Afd ? QStringLiteral("AFD") : QStringLiteral("EP");
}

} // namespace

std::vector<QRectF> placeLabels(const std::vector<QPointF>& markers,
                                const std::vector<QSizeF>& sizes, double markerRadius,
                                const QRectF& bounds, const std::vector<QRectF>& obstacles) {
    std::vector<QRectF> blocked = obstacles;
    for (const QPointF& m : markers) {
        blocked.emplace_back(m.x() - markerRadius, m.y() - markerRadius, 2 * markerRadius,
                             2 * markerRadius);
    }
    // Right, left, above, below, then the diagonals, then between those: the horizontal places
    // read best.
    constexpr std::array<std::pair<double, double>, 16> kDirections{{{1, 0},
                                                                     {-1, 0},
                                                                     {0, -1},
                                                                     {0, 1},
                                                                     {1, -1},
                                                                     {1, 1},
                                                                     {-1, -1},
                                                                     {-1, 1},
                                                                     {1, -0.4},
                                                                     {1, 0.4},
                                                                     {-1, -0.4},
                                                                     {-1, 0.4},
                                                                     {0.4, -1},
                                                                     {-0.4, -1},
                                                                     {0.4, 1},
                                                                     {-0.4, 1}}};
    std::vector<QRectF> placed;
    placed.reserve(markers.size());
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const QPointF c = markers[i];
        const QSizeF size = i < sizes.size() ? sizes[i] : QSizeF();
        const double w = size.width();
        const double h = size.height();
        QRectF best;
        double bestCost = std::numeric_limits<double>::infinity();
        for (int ring = 0; ring < 10 && bestCost != 0; ++ring) {
            const double gap = markerRadius + 3 + ring * std::max(h, 4.0);
            for (const auto& [dx, dy] : kDirections) {
                // The label's edge (or corner) nearest the marker sits `gap` away from it.
                double left = dx > 0   ? c.x() + gap * (dy != 0 ? 0.7 : 1.0)
                              : dx < 0 ? c.x() - gap * (dy != 0 ? 0.7 : 1.0) - w
                                       : c.x() - w / 2;
                double top = dy > 0   ? c.y() + gap * (dx != 0 ? 0.7 : 1.0)
                             : dy < 0 ? c.y() - gap * (dx != 0 ? 0.7 : 1.0) - h
                                      : c.y() - h / 2;
                const QRectF r(left, top, w, h);
                double cost = 0;
                for (const QRectF& b : blocked) {
                    cost += overlapArea(r, b);
                }
                for (const QRectF& p : placed) {
                    cost += overlapArea(r, p);
                }
                // Outside the plot: worst. (Rounding can leave a hair of area: not an overlap.)
                cost += 4 * std::max(0.0, w * h - overlapArea(r, bounds));
                if (cost < 1e-6) {
                    cost = 0;
                }
                if (cost < bestCost) {
                    best = r;
                    bestCost = cost;
                }
                if (cost == 0) {
                    break;
                }
            }
        }
        placed.push_back(best);
    }
    return placed;
}

// Draws the labels where placeLabels() puts them for the current pixel geometry, so they stay
// apart at every size (window, export, slide).
class MeasurementsView::LabelItem : public QCPAbstractItem {
  public:
    struct Label {
        double x = 0;
        double y = 0;
        QString text;
        bool bold = false;
    };
    LabelItem(QCustomPlot* plot, QCPAxis* x, QCPAxis* y) : QCPAbstractItem(plot), x_(x), y_(y) {}

    std::vector<Label> labels;
    QFont font;
    QColor colour;
    QColor leader;
    double markerRadius = 5;
    std::vector<QRectF> rects;
    std::vector<QPointF> centres;

    double selectTest(const QPointF&, bool, QVariant*) const override { return -1; }

  protected:
    void draw(QCPPainter* painter) override {
        QFont bold = font;
        bold.setBold(true);
        const QFontMetricsF plain(font);
        const QFontMetricsF strong(bold);
        std::vector<QSizeF> sizes;
        centres.clear();
        for (const Label& l : labels) {
            centres.emplace_back(x_->coordToPixel(l.x), y_->coordToPixel(l.y));
            const QFontMetricsF& fm = l.bold ? strong : plain;
            sizes.emplace_back(fm.horizontalAdvance(l.text) + 4, fm.height());
        }
        std::vector<QRectF> obstacles;
        if (parentPlot()->legend != nullptr && parentPlot()->legend->visible()) {
            obstacles.push_back(QRectF(parentPlot()->legend->outerRect()).adjusted(-2, -2, 2, 2));
        }
        rects = placeLabels(centres, sizes, markerRadius, QRectF(clipRect()), obstacles);
        for (std::size_t i = 0; i < labels.size(); ++i) {
            const QRectF& r = rects[i];
            const QPointF c = centres[i];
            const QPointF near(std::clamp(c.x(), r.left(), r.right()),
                               std::clamp(c.y(), r.top(), r.bottom()));
            const QPointF d = near - c;
            const double len = std::hypot(d.x(), d.y());
            if (len > markerRadius + 8) { // far from its marker: a leader line says whose it is
                painter->setPen(QPen(leader, 1));
                painter->drawLine(c + d * (markerRadius / len), near);
            }
            painter->setFont(labels[i].bold ? bold : font);
            painter->setPen(colour);
            painter->drawText(r, Qt::AlignCenter, labels[i].text);
        }
    }

  private:
    QCPAxis* x_;
    QCPAxis* y_;
};

MeasurementsView::MeasurementsView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Measurements, parent) {
    note_ = new WrappedTextElement(plot_);
    plot_->plotLayout()->addElement(1, 0, note_);
    plot_->plotLayout()->setRowStretchFactor(1, 0.001);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        const QString text = describeAtPixel(e->position());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(e->globalPosition().toPoint(), text, plot_);
        }
    });
}

MeasurementsView::~MeasurementsView() = default;

const std::vector<QRectF>& MeasurementsView::labelRects() const {
    static const std::vector<QRectF> none;
    return labels_ != nullptr ? labels_->rects : none;
}

const std::vector<QPointF>& MeasurementsView::markerCentres() const {
    static const std::vector<QPointF> none;
    return labels_ != nullptr ? labels_->centres : none;
}

double MeasurementsView::markerRadius() const {
    return labels_ != nullptr ? labels_->markerRadius : 0;
}

void MeasurementsView::computePredictions() {
    // The predictions depend on the measurement files and the presets only, never on the
    // scenario: computed once.
    computed_ = true;
    ++predictionRuns_;
    const PresetLibrary& library = controller_.library();
    for (const Measurement& m : library.measurements()) {
        MeasurementCheck check;
        std::string problem;
        try {
            check = checkMeasurement(m, library);
            problem = check.problem;
        } catch (const std::exception& e) {
            problem = e.what();
        }
        const double predicted = check.predicted.tokensPerSecondPerGpu;
        const double measured = m.measuredTokensPerSecondPerGpu;
        if (problem.empty() && !(std::isfinite(predicted) && predicted > 0)) {
            problem = "the model predicts no throughput";
        }
        if (problem.empty() && !(std::isfinite(measured) && measured > 0)) {
            problem = "no published throughput";
        }
        if (!problem.empty()) {
            unplotted_ << tr("%1: %2").arg(qtext(m.id), qtext(problem));
            continue;
        }
        Point p;
        p.id = qtext(m.id);
        p.label = p.id;
        p.system = m.system;
        p.calibration = m.calibration;
        p.measured = measured;
        p.predicted = predicted;
        p.errorPercent = check.errorPercent;
        p.hover =
            tr("<b>%1</b><br>%2%3<br>published %4, predicted %5 tokens/s per GPU "
               "(%6%7 %)<br>source: %8")
                .arg(qtext(m.name).toHtmlEscaped(), systemText(m.system),
                     m.calibration ? tr(", calibration case") : QString(), numberText(measured),
                     numberText(predicted),
                     check.errorPercent >= 0 ? QStringLiteral("+") : QStringLiteral("−"),
                     numberText(std::abs(check.errorPercent), 3), qtext(m.source).toHtmlEscaped());
        if (!m.note.empty()) {
            p.hover +=
                QStringLiteral("<br><i>") + qtext(m.note).toHtmlEscaped() + QStringLiteral("</i>");
        }
        points_.push_back(std::move(p));
    }
}

QString MeasurementsView::describeAtPixel(const QPointF& pos) const {
    const std::vector<QPointF>& centres = markerCentres();
    double best = 14; // px: within a finger's width of a marker
    QString text;
    for (std::size_t i = 0; i < centres.size() && i < points_.size(); ++i) {
        const double d = std::hypot(centres[i].x() - pos.x(), centres[i].y() - pos.y());
        if (d < best) {
            best = d;
            text = points_[i].hover;
        }
    }
    return text;
}

void MeasurementsView::rebuild() {
    if (!computed_) {
        computePredictions();
    }
    QCPAxisRect* rect = clearPlot();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    setLogAxis(x);
    setLogAxis(y);
    x->setLabel(tr("Published throughput [tokens/s per GPU]"));
    y->setLabel(tr("Predicted throughput [tokens/s per GPU]"));
    const Scenario& s = controller_.scenario();
    const ServingSystem system = servingSystem(s);
    const std::string hw = controller_.hardwareId().toStdString();
    const std::string model = controller_.modelId().toStdString();
    const std::vector<Measurement>& all = controller_.library().measurements();
    double lo = 0;
    double hi = 0;
    for (Point& p : points_) {
        p.highlighted = false;
        for (const Measurement& m : all) {
            if (qtext(m.id) == p.id) {
                p.highlighted = m.hardwareId == hw && m.modelId == model && m.system == system;
            }
        }
        for (double v : {p.measured, p.predicted}) {
            lo = lo == 0 ? v : std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (points_.empty()) {
        lo = 100;
        hi = 10000;
    }
    // Same range on both axes, so y = x is the diagonal; room around for the labels.
    lo /= 1.8;
    hi *= 1.6;
    x->setRange(lo, hi);
    y->setRange(lo, hi);
    // Ticks on a 1-2-5 ladder: a log ticker labels every integer multiple within one decade,
    // and "5000" and "6000" run into each other on a small figure.
    QSharedPointer<QCPAxisTickerText> ticks(new QCPAxisTickerText);
    for (double decade = std::pow(10.0, std::floor(std::log10(lo))); decade <= hi; decade *= 10) {
        for (const double step : {1.0, 2.0, 5.0}) {
            const double v = decade * step;
            if (v >= lo && v <= hi) {
                ticks->addTick(v, numberText(v));
            }
        }
    }
    x->setTicker(ticks);
    y->setTicker(ticks);

    const double lw = theme_.lineWidth;
    const double ms = theme_.markerSize;
    auto* upper = addLine(rect, {lo, hi}, {lo * (1 + kBand), hi * (1 + kBand)},
                          QPen(withAlpha(theme_.ep, 90), 1), tr("within ±15 %"));
    auto* lower = addLine(rect, {lo, hi}, {lo * (1 - kBand), hi * (1 - kBand)},
                          QPen(withAlpha(theme_.ep, 90), 1), QString(), false);
    upper->setBrush(QBrush(withAlpha(theme_.ep, 45)));
    upper->setChannelFillGraph(lower);
    addLine(rect, {lo, hi}, {lo, hi}, QPen(theme_.ep, lw * 0.7, Qt::DashLine),
            tr("prediction = publication"));

    // EP circles, AFD triangles; calibration cases filled, the others hollow.
    struct Series {
        ServingSystem system;
        bool calibration;
        QString name;
    };
    const std::array<Series, 4> series{{
        {ServingSystem::Ep, true, tr("EP, calibration case")},
        {ServingSystem::Ep, false, tr("EP, other")},
        {ServingSystem::Afd, true, tr("AFD, calibration case")},
        {ServingSystem::Afd, false, tr("AFD, other")},
    }};
    for (const Series& se : series) {
        QVector<double> xs, ys;
        for (const Point& p : points_) {
            if (p.system == se.system && p.calibration == se.calibration) {
                xs << p.measured;
                ys << p.predicted;
            }
        }
        if (xs.isEmpty()) {
            continue;
        }
        const bool afd = se.system == ServingSystem::Afd;
        const QColor c = theme_.series[afd ? 1 : 0];
        const auto shape = afd ? QCPScatterStyle::ssTriangle : QCPScatterStyle::ssCircle;
        addPoints(rect, xs, ys,
                  QCPScatterStyle(shape, QPen(c, lw * 0.8),
                                  se.calibration ? QBrush(c) : QBrush(theme_.background), ms),
                  se.name);
    }
    QVector<double> hx, hy;
    for (const Point& p : points_) {
        if (p.highlighted) {
            hx << p.measured;
            hy << p.predicted;
        }
    }
    if (!hx.isEmpty()) {
        addPoints(rect, hx, hy,
                  QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme_.highlight, lw * 1.2),
                                  Qt::NoBrush, ms * 2.2),
                  tr("this scenario's measurement"));
    }

    labels_ = new LabelItem(plot_, x, y);
    labels_->setClipAxisRect(rect);
    labels_->font = theme_.font;
    labels_->colour = theme_.foreground;
    labels_->leader = withAlpha(theme_.foreground, 150);
    // Half the widest marker (the highlight ring), so no label touches any marker.
    labels_->markerRadius = hx.isEmpty() ? ms * 0.6 : ms * 1.15;
    for (const Point& p : points_) {
        labels_->labels.push_back({p.measured, p.predicted, p.label, p.highlighted});
    }

    QString note;
    if (points_.empty() && unplotted_.isEmpty()) {
        note = tr("No measurements in the library.");
    } else if (!unplotted_.isEmpty()) {
        note = tr("Not plotted, no prediction: %1").arg(unplotted_.join(QStringLiteral("; ")));
    }
    note_->setText(note);
    note_->setVisible(!note.isEmpty());
    finishPlot(Qt::AlignTop | Qt::AlignLeft);
    QFont f = theme_.font;
    f.setPointSizeF(theme_.font.pointSizeF() * 0.9);
    note_->setFont(f);
    note_->setTextColor(theme_.infeasible);
}

} // namespace afd::ui
