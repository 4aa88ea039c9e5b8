// SPDX-License-Identifier: GPL-3.0-or-later
#include "measurements_view.hpp"

#include "afd/preset_library.hpp"
#include "label_placement.hpp"
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

QString systemText(ServingSystem s) {
    return s == ServingSystem::Afd ? QStringLiteral("AFD") : QStringLiteral("EP");
}

} // namespace

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
    return labels_ != nullptr ? labels_->rects() : none;
}

const std::vector<QPointF>& MeasurementsView::markerCentres() const {
    static const std::vector<QPointF> none;
    return labels_ != nullptr ? labels_->anchors() : none;
}

double MeasurementsView::markerRadius() const {
    return labels_ != nullptr ? markerRadius_ : 0;
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
        // A paper column has room for a tick per decade only.
        const std::vector<double> steps = drawnSmallerThan(QSize(500, 0))
                                              ? std::vector<double>{1.0}
                                              : std::vector<double>{1.0, 2.0, 5.0};
        for (const double step : steps) {
            const double v = decade * step;
            if (v >= lo && v <= hi) {
                ticks->addTick(v, numberText(v));
            }
        }
    }
    // The lowest tick sits in the corner on both axes: on x only when it is not the range's
    // lower end, where the y axis's lowest label already stands.
    QSharedPointer<QCPAxisTickerText> xTicks(new QCPAxisTickerText);
    for (auto it = ticks->ticks().cbegin(); it != ticks->ticks().cend(); ++it) {
        if (it.key() > lo * 1.08) {
            xTicks->addTick(it.key(), it.value());
        }
    }
    x->setTicker(xTicks);
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

    // Placed at every replot, for the size the plot is drawn at (window, export, slide).
    labels_ = new PlacedLabels(rect);
    labels_->leaderColour = withAlpha(theme_.foreground, 150);
    // Half the widest marker (the highlight ring), so no label touches any marker.
    markerRadius_ = hx.isEmpty() ? ms * 0.6 : ms * 1.15;
    labels_->hardPadding = markerRadius_ - ms / 2;
    QFont bold = theme_.font;
    bold.setBold(true);
    for (const Point& p : points_) {
        PlacedLabels::Label l;
        l.x = p.measured;
        l.y = p.predicted;
        l.text = p.label;
        l.font = p.highlighted ? bold : theme_.font;
        l.colour = theme_.foreground;
        l.clearance = markerRadius_;
        // A paper column has no room for every name: those without a free place are left out
        // (the hover names every point).
        l.optional = drawnSmallerThan(QSize(500, 0));
        labels_->add(l);
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
    placeLegendAutomatically(*plot_, rect, Qt::AlignTop | Qt::AlignLeft);
    QFont f = theme_.font;
    f.setPointSizeF(theme_.font.pointSizeF() * 0.9);
    note_->setFont(f);
    note_->setTextColor(theme_.infeasible);
}

} // namespace afd::ui
