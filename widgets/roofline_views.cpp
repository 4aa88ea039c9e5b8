// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/presets.hpp"
#include "afd/roofline.hpp"
#include "afd/serving_comparison.hpp"
#include "comm_roofline_view.hpp"
#include "label_placement.hpp"
#include "plot_helpers.hpp"
#include "roofline_view.hpp"
#include "scenario_controller.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

namespace afd::ui {

namespace {

// Log-axis range that shows every value with a margin of `pad` decades.
QCPRange logRange(std::initializer_list<double> values, double pad) {
    double lo = 1e300;
    double hi = 0;
    for (double v : values) {
        if (v > 0 && std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    if (hi <= 0) {
        return {1, 10};
    }
    return {std::pow(10, std::floor(std::log10(lo) - pad)),
            std::pow(10, std::ceil(std::log10(hi) + pad))};
}

} // namespace

RooflineView::RooflineView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Roofline, parent) {}

void RooflineView::rebuild() {
    QCPAxisRect* rect = clearPlot();
    const Scenario& s = controller_.scenario();
    const Result& r = controller_.result();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPAxis* top = rect->axis(QCPAxis::atTop);
    setLogAxis(x);
    setLogAxis(y);
    setLogAxis(top);
    top->setVisible(true);
    top->setTickLabels(true);
    x->setLabel(tr("Arithmetic intensity I of the grouped GEMM [FLOP/B]"));
    y->setLabel(tr("Attainable [TFLOP/s]"));
    top->setLabel(tr("Tokens per expert B"));

    const double peak = s[Param::FlopsTflops];
    const double bwTb = s[Param::HbmBwTbS]; // TB/s, so TFLOP/s = TB/s * FLOP/B
    const double ridge = r.ridgeIntensity;
    const double w = s[Param::WeightBytes];
    // EP reference: ~60 % HFU measured at ~740 tokens per expert (A7), I = 2 B / w.
    const RooflinePoint epPoint = epReferencePoint(s);
    const double epIntensity = epPoint.intensity;
    const double epTflops = epPoint.flops / 1e12;
    // With a serving system set, EP is computed too (as on the HFU view): the expert GEMM's OFU
    // at the best EP deployment's tokens per expert under the SLO.
    std::optional<RooflinePoint> computedEp;
    double computedTokens = 0;
    if (servingSystem(s) != ServingSystem::None) {
        const ServingComparison& serving = controller_.serving();
        if (serving.ep.found) {
            computedTokens = serving.ep.best.tokensPerExpert;
            computedEp = RooflinePoint{intensityOfTokensPerExpert(computedTokens, w),
                                       expertGemmOfu(s, platformOf(s), efficiencyOf(s),
                                                     computedTokens, serving.ep.best.localExperts) *
                                           peak * 1e12};
        }
    }
    const QCPRange xr = logRange(
        {r.intensity, ridge, epIntensity, computedEp ? computedEp->intensity : epIntensity}, 1.0);
    const QCPRange yr = logRange({peak, r.hfu * peak, bwTb * xr.lower}, 0.3);
    x->setRange(xr);
    // The lowest attainable tick half a decade above the corner: on a decade it would sit where
    // the intensity axis' first tick label is.
    y->setRange(QCPRange(std::max(yr.lower, peak / 1e4) / 3, peak * 3));
    top->setRange(tokensPerExpertOfIntensity(xr.lower, w), tokensPerExpertOfIntensity(xr.upper, w));

    const double lw = theme_.lineWidth;
    addLine(rect, {xr.lower, ridge, xr.upper}, {bwTb * xr.lower, peak, peak},
            QPen(theme_.foreground, lw * 1.3),
            tr("Roofline (HBM %1 TB/s, peak %2 TFLOP/s)").arg(numberText(bwTb), numberText(peak)));
    addSegment(rect, ridge, 0, ridge, 1, QPen(theme_.grid, 1, Qt::DashLine), true);
    // Placed at every layout (window, export size) clear of the markers, the legend, the other
    // labels and each other.
    auto* labels = new PlacedLabels(rect);
    labels->manage(addText(rect, tr("ridge %1 FLOP/B").arg(numberText(ridge, 3)), ridge, 0.04,
                           theme_, Qt::AlignLeft | Qt::AlignBottom, true),
                   ridge, 0.04, true, 2);
    labels->manage(addText(rect, tr("compute roof"), xr.upper / 1.2, peak * 1.08, theme_,
                           Qt::AlignRight | Qt::AlignBottom),
                   xr.upper / 1.2, peak, false, 3);

    ofuPoint_ = QPointF(r.intensity, r.ofu * peak);
    hfuPoint_ = QPointF(r.intensity, r.hfu * peak);
    const double ms = theme_.markerSize;
    // The gap between OFU and HFU is what temporal sparsity S_t costs.
    auto* gap = addSegment(rect, r.intensity, ofuPoint_.y(), r.intensity, hfuPoint_.y(),
                           QPen(theme_.series[0], lw, Qt::DotLine));
    gap->setHead(QCPLineEnding::esSpikeArrow);
    addPoints(rect, {r.intensity}, {ofuPoint_.y()},
              QCPScatterStyle(QCPScatterStyle::ssCircle, theme_.series[0], ms * 1.3),
              tr("AFD while the GEMM runs (OFU %1)").arg(percentText(r.ofu)));
    addPoints(rect, {r.intensity}, {hfuPoint_.y()},
              QCPScatterStyle(QCPScatterStyle::ssDisc, theme_.series[0], ms * 1.3),
              tr("AFD achieved (HFU %1 = OFU × S_t %2)")
                  .arg(percentText(r.hfu), numberText(r.occupancy, 3)));
    addPoints(rect, {epIntensity}, {epTflops},
              QCPScatterStyle(QCPScatterStyle::ssDiamond, theme_.ep, ms * 1.4),
              tr("%1 (%2 at %3 tokens/expert)")
                  .arg(computedEp ? tr("EP, paper lens") : tr("EP reference"),
                       percentText(s[Param::EpReferenceHfu], 0),
                       numberText(s[Param::EpTokensPerExpert])));
    if (computedEp) {
        addPoints(rect, {computedEp->intensity}, {computedEp->flops / 1e12},
                  QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(theme_.ep, 2),
                                  QBrush(withAlpha(theme_.ep, 90)), ms * 1.4),
                  tr("EP computed (OFU %1 at %2 tokens/expert, best EP under the SLO)")
                      .arg(percentText(computedEp->flops / (peak * 1e12), 0),
                           numberText(computedTokens, 3)))
            ->setObjectName(QStringLiteral("ep_computed"));
    }
    const double gapY = std::sqrt(std::max(1e-9, ofuPoint_.y() * hfuPoint_.y()));
    labels->manage(addText(rect, tr("× S_t = %1").arg(numberText(r.occupancy, 3)), r.intensity,
                           gapY, theme_, Qt::AlignLeft | Qt::AlignVCenter),
                   r.intensity, gapY, false, ms * 0.7 + 2);

    finishPlot(Qt::AlignBottom | Qt::AlignRight);
    placeLegendAutomatically(*plot_, rect, Qt::AlignBottom | Qt::AlignRight);
}

CommRooflineView::CommRooflineView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::CommRoofline, parent) {
    compare_ = new QCheckBox(tr("Show the other paper models"), this);
    compare_->setChecked(true);
    optionsBar()->addWidget(compare_);
    optionsBar()->addStretch();
    connect(compare_, &QCheckBox::toggled, this, &CommRooflineView::requestRebuild);
}

void CommRooflineView::rebuild() {
    QCPAxisRect* rect = clearPlot();
    const Scenario& s = controller_.scenario();
    const Result& r = controller_.result();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    rect->axis(QCPAxis::atTop)->setVisible(false);
    setLogAxis(x);
    setLogAxis(y);
    x->setLabel(tr("Communication intensity [FLOPs per inbound link byte]"));
    y->setLabel(tr("Attainable [TFLOP/s]"));

    const bool superpod = s[Param::Superpod] != 0 && r.inScaleUpDomain; // B6
    const double peak = s[Param::FlopsTflops];
    const double upTb = s[Param::ScaleUpBwGbS] / 1e3; // TB/s: TFLOP/s = TB/s * FLOP/B
    const double outTb = s[Param::ScaleOutBwGbS] / 1e3;
    const double xm = r.commIntensity;
    const QCPRange xr = logRange({xm, peak / upTb, peak / (superpod ? upTb : outTb)}, 1.0);
    x->setRange(xr);
    y->setRange(QCPRange(peak / 300, peak * 3));

    struct Roof {
        QString name;
        double bw; // TB/s
        double ridge;
        QColor color;
        Qt::PenStyle style;
        bool binding;
    };
    std::vector<Roof> roofs;
    for (const LinkRoof& link : linkRoofs(s, r)) {
        const double tb = link.bandwidth / 1e12;
        switch (link.kind) {
        case LinkRoofKind::ScaleOut:
            roofs.push_back({tr("scale-out %1 GB/s").arg(numberText(s[Param::ScaleOutBwGbS])), tb,
                             link.ridge, theme_.series[1], Qt::DashLine, link.binding});
            break;
        case LinkRoofKind::ScaleOutFanOut:
            roofs.push_back({tr("scale-out × fan-out %1 = %2 GB/s")
                                 .arg(numberText(r.fanOut, 3), numberText(tb * 1e3)),
                             tb, link.ridge, theme_.series[4], Qt::SolidLine, link.binding});
            break;
        case LinkRoofKind::ScaleUp:
            roofs.push_back({tr("scale-up %1 GB/s%2")
                                 .arg(numberText(s[Param::ScaleUpBwGbS]),
                                      superpod ? tr(" (superpod: replaces scale-out)") : QString()),
                             tb, link.ridge, theme_.series[2], Qt::SolidLine, link.binding});
            break;
        }
    }
    const double lw = theme_.lineWidth;
    // Placed at every layout (window, export size) clear of the markers, the roofs, the legend
    // and each other.
    auto* labels = new PlacedLabels(rect);
    labels->labelGap = 1;
    double labelY = peak / 1.15; // ridge labels step down so neighbouring ridges stay legible
    for (const Roof& roof : roofs) {
        const double ridge = roof.ridge;
        QPen pen(roof.color, roof.binding ? lw * 2.2 : lw, roof.style);
        addLine(rect, {xr.lower, std::min(ridge, xr.upper)},
                {roof.bw * xr.lower, roof.bw * std::min(ridge, xr.upper)}, pen,
                roof.name + (roof.binding ? tr("  ← binds") : QString()));
        if (ridge < xr.upper) {
            auto* t = addText(rect, tr("ridge %1").arg(numberText(ridge, 3)), ridge * 1.08, labelY,
                              theme_, Qt::AlignLeft | Qt::AlignTop, false, 0.9);
            t->setColor(roof.color);
            labels->manage(t, ridge * 1.08, labelY, false, 2);
            labelY /= 1.6;
        }
    }
    const bool computeBinds = r.rankCap == RankCap::Compute;
    addLine(rect, {xr.lower, xr.upper}, {peak, peak},
            QPen(theme_.foreground, computeBinds ? lw * 2.2 : lw * 1.2),
            tr("compute %1 TFLOP/s").arg(numberText(peak)) +
                (computeBinds ? tr("  ← binds") : QString()));
    bindingRoof_ = qtext(rankCapKey(r.rankCap));

    // Models that sit on the same point (DeepSeek-V3 and Kimi-K2 share M, so 2M and the HFU)
    // get one label naming both; the scenario's own model is always named at its own point.
    const QString modelName =
        qtext(controller_.modelPreset().name).remove(QStringLiteral(" (paper)"));
    modelPoint_ = QPointF(xm, r.hfu * peak);
    struct Spot {
        QPointF at;
        QStringList names;
        bool current;
    };
    QVector<Spot> spots{{modelPoint_, {modelName}, true}};
    if (compare_->isChecked()) {
        const PresetLibrary& lib = controller_.library();
        QVector<double> xs;
        QVector<double> ys;
        for (const Preset* model : lib.paperModels()) {
            if (model->id == controller_.modelId().toStdString()) {
                continue;
            }
            Scenario other = s;
            model->applyTo(other);
            const Result ro = evaluate(other);
            if (ro.error) {
                continue;
            }
            xs << ro.commIntensity;
            ys << ro.hfu * peak;
            const QPointF at(ro.commIntensity, ro.hfu * peak);
            const QString name = qtext(model->name).remove(QStringLiteral(" (paper)"));
            auto same = std::find_if(spots.begin(), spots.end(), [&](const Spot& spot) {
                return std::abs(spot.at.x() - at.x()) <= 1e-9 * at.x() &&
                       std::abs(spot.at.y() - at.y()) <= 1e-9 * std::max(1.0, at.y());
            });
            if (same == spots.end()) {
                spots.push_back({at, {name}, false});
            } else {
                same->names << name;
            }
        }
        addPoints(rect, xs, ys,
                  QCPScatterStyle(QCPScatterStyle::ssCircle, theme_.ep, theme_.markerSize),
                  tr("other paper models"));
    }
    for (const Spot& spot : spots) {
        auto* t = addText(rect, spot.names.join(QStringLiteral(" = ")), spot.at.x(), spot.at.y(),
                          theme_, Qt::AlignLeft | Qt::AlignTop, false, spot.current ? 0.95 : 0.85);
        t->setColor(spot.current ? theme_.series[0] : theme_.ep);
        t->setObjectName(spot.current ? QStringLiteral("model_label") : QString());
        // The other models' names give way where there is no room (the legend names them as a
        // group); the scenario's own model is always named.
        labels->manage(t, spot.at.x(), spot.at.y(), false,
                       theme_.markerSize * (spot.current ? 0.8 : 0.5) + 2, !spot.current);
    }
    addPoints(rect, {xm}, {modelPoint_.y()},
              QCPScatterStyle(QCPScatterStyle::ssDisc, theme_.series[0], theme_.markerSize * 1.6),
              tr("%1 at 6M/(d+c) = %2 FLOP/B: HFU %3")
                  .arg(modelName, numberText(xm), percentText(r.hfu)));
    addSegment(rect, xm, 0, xm, 1, QPen(theme_.series[0], 1, Qt::DotLine), true);

    finishPlot(Qt::AlignBottom | Qt::AlignRight);
    placeLegendAutomatically(*plot_, rect, Qt::AlignBottom | Qt::AlignRight);
}

} // namespace afd::ui
