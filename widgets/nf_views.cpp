// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/metrics.hpp"
#include "afd/presets.hpp"
#include "afd/serving_comparison.hpp"
#include "afd/verdict.hpp"
#include "hfu_grid_view.hpp"
#include "label_placement.hpp"
#include "nf_sweep_view.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <algorithm>
#include <cmath>
#include <optional>

namespace afd::ui {

namespace {

// N_F from 1 to a little past the point where G reaches 1 (nothing changes after it).
double nfLimit(const Scenario& s) {
    const double gIsOne = std::ceil(s[Param::NumExperts] / s[Param::GpusPerNode]);
    return std::clamp(std::ceil(gIsOne * 1.25), 8.0, 64.0);
}

struct NfCurves {
    Grid grid;
    std::size_t hfu, intensity, intensityC, deadZone;
};

NfCurves sweepNf(const Scenario& s, double limit) {
    NfCurves c;
    c.hfu = *findMetric("hfu");
    c.intensity = *findMetric("intensity");
    c.intensityC = *findMetric("intensity_continuous");
    c.deadZone = *findMetric("dead_zone");
    c.grid = sweep(s, SweepAxis{Param::Nf, 1, limit, static_cast<int>(limit), false}, std::nullopt,
                   {c.hfu, c.intensity, c.intensityC, c.deadZone}, 1);
    return c;
}

QString reasonsText(std::uint8_t reasons) {
    QStringList parts;
    if ((reasons & kCapacity) != 0) {
        parts << QObject::tr("HBM capacity");
    }
    if ((reasons & kBandwidth) != 0) {
        parts << QObject::tr("HBM bandwidth");
    }
    return parts.join(QStringLiteral(" + "));
}

// Feasible values (NaN elsewhere, which breaks the line) and infeasible points separately.
void splitFeasible(const Grid& g, std::size_t metricIndex, QVector<double>& xs,
                   QVector<double>& feasibleY, QVector<double>& badX, QVector<double>& badY) {
    for (std::size_t i = 0; i < g.nx(); ++i) {
        const double v = g.values[metricIndex][i];
        xs << g.xs[i];
        if (g.errors[i]) {
            feasibleY << qQNaN();
        } else if (g.infeasible[i] == kFeasible) {
            feasibleY << v;
        } else {
            feasibleY << qQNaN();
            badX << g.xs[i];
            badY << v;
        }
    }
}

void drawRegimeBands(QCPAxisRect* rect, const Grid& g, const PlotTheme& theme, bool labels) {
    std::size_t start = 0;
    for (std::size_t i = 1; i <= g.nx(); ++i) {
        if (i < g.nx() && g.regime[i] == g.regime[start]) {
            continue;
        }
        const QColor c = theme.regime[static_cast<std::size_t>(g.regime[start])];
        addVerticalBand(rect, g.xs[start] - 0.5, g.xs[i - 1] + 0.5, withAlpha(c, 38));
        // Bands of one or two N_F values are too narrow for a legible name; the status bar and
        // the inspector still name the regime.
        if (labels && g.xs[i - 1] - g.xs[start] >= 2) {
            const double mid = (g.xs[start] + g.xs[i - 1]) / 2;
            const double width = g.xs[i - 1] - g.xs[start] + 1;
            // At the bottom edge: the legend owns the top right corner.
            auto* t = addText(rect, qtext(regimeLabel(g.regime[start])), mid, 0.99, theme,
                              Qt::AlignHCenter | Qt::AlignBottom, true, width >= 3 ? 0.9 : 0.7);
            t->setColor(c.darker(theme.isDark() ? 70 : 130));
        }
        start = i;
    }
}

} // namespace

NfSweepView::NfSweepView(ScenarioController& controller, Kind kind, QWidget* parent)
    : PlotView(controller, kind == Kind::Hfu ? ViewId::HfuNf : ViewId::Intensity, parent),
      kind_(kind) {
    if (kind_ == Kind::Hfu) {
        compare_ = new QCheckBox(tr("Compare the six paper models"), this);
        optionsBar()->addWidget(compare_);
        optionsBar()->addStretch();
        connect(compare_, &QCheckBox::toggled, this, &NfSweepView::requestRebuild);
    }
}

void NfSweepView::setCompareModels(bool on) {
    if (compare_ != nullptr) {
        compare_->setChecked(on);
    }
}

void NfSweepView::rebuild() {
    QCPAxisRect* rect = clearPlot();
    const Scenario& s = controller_.scenario();
    const Result& r = controller_.result();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    setLinearAxis(x);
    setLinearAxis(y);
    const double limit = nfLimit(s);
    x->setRange(0.5, limit + 0.5);
    x->setLabel(tr("FFN nodes N_F [nodes]"));
    const NfCurves c = sweepNf(s, limit);
    sweep_ = c.grid;
    const Grid& g = c.grid;
    const double lw = theme_.lineWidth;
    const double ms = theme_.markerSize;
    drawRegimeBands(rect, g, theme_, true);

    if (kind_ == Kind::Hfu) {
        y->setLabel(tr("FFN HFU [fraction of peak]"));
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        y->setTicker(ticker);
        ticker->setTickStep(0.1);
        y->setNumberFormat(QStringLiteral("f"));
        y->setNumberPrecision(1);
        // With a serving system set, EP is computed too: the routed-expert GEMM's OFU at the
        // tokens per expert of the best EP deployment under the SLO, the quantity the paper's
        // ~60 % constant stands for (OFU at ~740 tokens per expert, A7). The constant stays as
        // the paper lens.
        std::optional<double> computedEp;
        double computedTokens = 0;
        if (servingSystem(s) != ServingSystem::None) {
            const ServingComparison& serving = controller_.serving();
            if (serving.ep.found) {
                computedTokens = serving.ep.best.tokensPerExpert;
                computedEp = expertGemmOfu(s, platformOf(s), efficiencyOf(s), computedTokens,
                                           serving.ep.best.localExperts);
            }
        }
        // Dead zone: from the first N_F where scale-out binds.
        for (std::size_t i = 0; i < g.nx(); ++i) {
            if (g.values[3][i] == 1.0) {
                auto* band = addVerticalBand(rect, g.xs[i] - 0.5, limit + 0.5,
                                             QBrush(withAlpha(theme_.deadZone, 28)));
                band->setPen(QPen(withAlpha(theme_.deadZone, 160), 1, Qt::DashLine));
                // Clear of a computed EP line, which often lies across the zone's middle.
                addText(rect, tr("dead zone: scale-out caps HFU"), (g.xs[i] + limit) / 2,
                        computedEp ? 0.3 : 0.55, theme_, Qt::AlignHCenter | Qt::AlignVCenter, true,
                        1.1)
                    ->setColor(theme_.deadZone);
                break;
            }
        }
        double top = std::max({s[Param::EpReferenceHfu], computedEp.value_or(0.0), 0.1});
        if (compare_ != nullptr && compare_->isChecked()) {
            int colour = 1;
            for (const Preset* model : controller_.library().paperModels()) {
                if (model->id == controller_.modelId().toStdString()) {
                    continue;
                }
                Scenario other = s;
                model->applyTo(other);
                if (validate(other)) {
                    continue;
                }
                const NfCurves oc = sweepNf(other, limit);
                QVector<double> xs, ys, bx, by;
                splitFeasible(oc.grid, 0, xs, ys, bx, by);
                for (double v : ys) {
                    top = std::isfinite(v) ? std::max(top, v) : top;
                }
                auto* line =
                    addLine(rect, xs, ys, QPen(theme_.series[std::size_t(colour++ % 8)], lw * 0.7),
                            qtext(model->name).remove(QStringLiteral(" (paper)")));
                line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, ms * 0.6));
            }
        }
        QVector<double> xs, ys, bx, by;
        splitFeasible(g, 0, xs, ys, bx, by);
        auto* main =
            addLine(rect, xs, ys, QPen(theme_.series[0], lw * 1.4),
                    qtext(controller_.modelPreset().name).remove(QStringLiteral(" (paper)")));
        main->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ms));
        for (double v : g.values[0]) {
            top = std::isfinite(v) ? std::max(top, v) : top;
        }
        if (!bx.isEmpty()) {
            QCPScatterStyle hollow(QCPScatterStyle::ssCircle, QPen(theme_.infeasible, 2),
                                   Qt::NoBrush, ms * 1.2);
            addPoints(rect, bx, by, hollow, tr("not deployable"));
            std::size_t first = 0;
            while (g.infeasible[first] == kFeasible) {
                ++first;
            }
            // Below the point: the ceiling label sits beside it at the same height.
            auto* label = addText(
                rect, tr("not deployable:\n%1").arg(reasonsText(g.infeasible[first])), bx.first(),
                by.first() * 0.88, theme_, Qt::AlignLeft | Qt::AlignTop, false, 0.9);
            label->setColor(theme_.infeasible);
            label->setBrush(withAlpha(theme_.background, 200)); // legible over the curve
        }
        // Ceiling: the best deployable point (the core's, as the verdict quotes it).
        if (const AfdCeiling best = afdCeiling(s); best.found) {
            addPoints(
                rect, {best.nf}, {best.hfu},
                QCPScatterStyle(QCPScatterStyle::ssStar, QPen(theme_.highlight, 2.5),
                                theme_.highlight, ms * 2.6),
                tr("AFD ceiling %1 at N_F = %2").arg(percentText(best.hfu), numberText(best.nf)));
            addText(rect, tr("ceiling %1").arg(percentText(best.hfu)), best.nf + 0.4, best.hfu,
                    theme_, Qt::AlignLeft | Qt::AlignBottom)
                ->setColor(theme_.highlight.darker(theme_.isDark() ? 90 : 120));
        }
        const double ep = s[Param::EpReferenceHfu];
        addLine(rect, {0.5, limit + 0.5}, {ep, ep}, QPen(theme_.ep, lw, Qt::DashLine),
                computedEp ? tr("EP, paper lens %1").arg(percentText(ep, 0))
                           : tr("EP reference %1").arg(percentText(ep, 0)));
        if (computedEp) {
            addLine(rect, {0.5, limit + 0.5}, {*computedEp, *computedEp}, QPen(theme_.ep, lw),
                    tr("EP computed %1 (OFU at %2 tokens per expert)")
                        .arg(percentText(*computedEp, 0), numberText(computedTokens, 3)))
                ->setObjectName(QStringLiteral("ep_computed"));
        }
        y->setRange(0, std::min(1.08, top * 1.18 + 0.02));
    } else {
        y->setLabel(tr("Arithmetic intensity I [FLOP/B]"));
        QVector<double> xs, discrete, continuous;
        for (std::size_t i = 0; i < g.nx(); ++i) {
            xs << g.xs[i];
            discrete << g.values[1][i];
            continuous << g.values[2][i];
        }
        auto* cont = addLine(rect, xs, continuous, QPen(theme_.series[5], lw, Qt::DashLine),
                             tr("continuous G_c = max(1, E / (N_F g))"));
        cont->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, ms * 0.7));
        auto* disc = addLine(rect, xs, discrete, QPen(theme_.series[1], lw * 1.3),
                             tr("discrete G = ceil(E / (N_F g))"));
        disc->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ms));
        const double ridge = r.ridgeIntensity;
        addLine(rect, {0.5, limit + 0.5}, {ridge, ridge}, QPen(theme_.ep, lw, Qt::DotLine),
                tr("HBM ridge FLOPS / BW_mem = %1").arg(numberText(ridge, 3)));
        double top = ridge;
        for (double v : continuous + discrete) {
            top = std::isfinite(v) ? std::max(top, v) : top;
        }
        y->setRange(0, top * 1.15);
        setLinearAxis(y);
    }
    addSegment(rect, s[Param::Nf], 0, s[Param::Nf], 1, QPen(theme_.foreground, 1, Qt::DotLine),
               true);
    if (kind_ == Kind::Intensity) {
        // Beside the line, clear of the curves' markers, the regime names and the legend; the
        // regime names (the only text items so far) moved off the markers, or left out when a
        // small figure has no room for them.
        auto* labels = new PlacedLabels(rect);
        for (int i = 0; i < plot_->itemCount(); ++i) {
            if (auto* t = qobject_cast<QCPItemText*>(plot_->item(i))) {
                labels->manage(t, t->position->coords().x(), t->position->coords().y(), true, -1,
                               true);
            }
        }
        PlacedLabels::Label l;
        l.x = s[Param::Nf];
        l.y = 0.8;
        l.yIsAxisRatio = true;
        l.text = tr("N_F = %1").arg(numberText(s[Param::Nf]));
        l.font = theme_.font;
        l.font.setPointSizeF(theme_.font.pointSizeF() * 0.9);
        l.colour = theme_.foreground;
        l.clearance = 0;
        labels->add(l);
        finishPlot(Qt::AlignTop | Qt::AlignRight);
        placeLegendAutomatically(*plot_, rect, Qt::AlignTop | Qt::AlignRight);
        return;
    }
    addText(rect, tr("N_F = %1").arg(numberText(s[Param::Nf])), s[Param::Nf], 0.93, theme_,
            Qt::AlignLeft | Qt::AlignBottom, true, 0.9);
    finishPlot(Qt::AlignTop | Qt::AlignRight);
}

HfuGridView::HfuGridView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::HfuGrid, parent) {
    QCustomPlot& p = *plot_;
    p.setAutoAddPlottableToLegend(false);
    p.plotLayout()->clear(); // also removes the default legend: each panel gets its own below
    for (int i = 0; i < 8; ++i) {
        auto* rect = new QCPAxisRect(&p);
        p.plotLayout()->addElement(i / 4, i % 4, rect);
        rect->setupFullAxesBox(false);
        rect->axis(QCPAxis::atRight)->setTicks(false);
        rect->axis(QCPAxis::atRight)->setTickLabels(false);
        rect->axis(QCPAxis::atTop)->setTicks(false);
        rect->axis(QCPAxis::atTop)->setTickLabels(false);
    }
    auto* legend = new QCPLegend;
    // Bottom right of the GB300 panel: its curves sit high (superpod), the bottom is empty.
    p.axisRects().last()->insetLayout()->addElement(legend, Qt::AlignBottom | Qt::AlignRight);
    legend->setLayer(QStringLiteral("legend"));
    legend->setIconSize(18, 8);
}

void HfuGridView::rebuild() {
    QCustomPlot& p = *plot_;
    p.clearPlottables();
    p.clearItems();
    const Scenario& base = controller_.scenario();
    const QList<QCPAxisRect*> rects = p.axisRects();
    QCPLegend* legend = qobject_cast<QCPLegend*>(rects.last()->insetLayout()->elementAt(0));
    legend->clearItems();
    const double lw = theme_.lineWidth * 0.8;
    const std::vector<const Preset*> paperHardware = controller_.library().paperHardware();
    const std::vector<const Preset*> paperModels = controller_.library().paperModels();
    for (int i = 0; i < rects.size() && i < int(paperHardware.size()); ++i) {
        QCPAxisRect* rect = rects[i];
        const Preset* hw = paperHardware[std::size_t(i)];
        Scenario s = base;
        hw->applyTo(s);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        setLinearAxis(x);
        setLinearAxis(y);
        x->setRange(0.5, 32.5);
        y->setRange(0, 1.05);
        x->setLabel(i >= 4 ? tr("N_F [nodes]") : QString());
        y->setLabel(i % 4 == 0 ? tr("HFU [fraction]") : QString());
        rect->axis(QCPAxis::atTop)->setLabel(qtext(hw->name).remove(QStringLiteral(" (paper)")));
        int colour = 0;
        for (const Preset* model : paperModels) {
            Scenario point = s;
            model->applyTo(point);
            const QColor c = theme_.series[std::size_t(colour++ % 8)];
            if (validate(point)) {
                continue;
            }
            const NfCurves curves = sweepNf(point, 32);
            QVector<double> xs, ys, bx, by;
            splitFeasible(curves.grid, 0, xs, ys, bx, by);
            // Lines only: 48 curves of markers would triple the replot time of this view.
            auto* line = addLine(rect, xs, ys, QPen(c, lw),
                                 qtext(model->name).remove(QStringLiteral(" (paper)")), false);
            if (i == 7) {
                line->addToLegend(legend);
            }
            if (!bx.isEmpty()) {
                addPoints(rect, bx, by,
                          QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme_.infeasible, 1.5),
                                          Qt::NoBrush, theme_.markerSize * 0.8),
                          tr("not deployable"), false);
            }
        }
        const double ep = s[Param::EpReferenceHfu];
        auto* epLine = addLine(rect, {0.5, 32.5}, {ep, ep}, QPen(theme_.ep, lw, Qt::DashLine),
                               tr("EP reference"), false);
        if (i == 7) {
            epLine->addToLegend(legend);
        }
    }
    applyBaseTheme(p, theme_);
    for (QCPAxisRect* rect : rects) {
        rect->axis(QCPAxis::atTop)->setBasePen(QPen(theme_.foreground, 1));
    }
    queueReplot();
}

} // namespace afd::ui
