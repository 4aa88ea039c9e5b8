// SPDX-License-Identifier: GPL-3.0-or-later
#include "afd/metrics.hpp"
#include "afd/presets.hpp"
#include "afd/serving_comparison.hpp"
#include "afd/verdict.hpp"
#include "hfu_grid_view.hpp"
#include "label_placement.hpp"
#include "nf_sweep_view.hpp"
#include "plot_helpers.hpp"
#include "rich_text.hpp"
#include "scenario_controller.hpp"
#include "series_style.hpp"

#include <QCheckBox>
#include <QFontMetricsF>
#include <QHBoxLayout>
#include <QHash>
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

void drawRegimeBands(QCPAxisRect* rect, const Grid& g, const PlotTheme& theme, bool labels,
                     PlacedLabels* placer) {
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
            if (placer != nullptr) {
                // Centred on the band; left out where it would cover data or other text.
                placer->manage(t, mid, 0.99, true, -1, true);
            }
        }
        start = i;
    }
}

QString shortModelName(const Preset& model) {
    return qtext(model.name).remove(QStringLiteral(" (paper)"));
}

// "NVIDIA GB300 NVL72 (paper)" -> "GB300 NVL72": panel titles of a small multiple.
QString shortHardwareName(const Preset& hw) {
    QString name = qtext(hw.name);
    for (const char* noise : {" (paper)", "NVIDIA ", " SXM", " HGX"}) {
        name.remove(QLatin1String(noise));
    }
    return name;
}

// The paper's bold red line: HFU when the widest inbound link (scale-up, which a superpod uses
// for every N_F) binds, Eq. 19 with BW_eff = BW_up: 2 M BW_up / FLOPS * 3 / (d + c), at most 1.
double commBoundCeiling(const Scenario& s) {
    const double bw = s[Param::ScaleUpBwGbS] * 1e9;
    const double flops = s[Param::FlopsTflops] * 1e12;
    const double bytes = s[Param::DispatchBytes] + s[Param::CombineBytes];
    if (!(flops > 0) || !(bytes > 0)) {
        return 0;
    }
    return std::min(1.0, 2 * s[Param::MoeIntermediateSize] * bw / flops * 3 / bytes);
}

// "TPOT SLO 50 ms, 1.7 tokens accepted per step, 15 ms step gap": the settings that decide
// feasibility, which the paper does not print with Fig. 4.
QString settingsNote(const Scenario& s) {
    return QObject::tr("SLO %1 ms · %2 tokens accepted per step · %3 ms step gap")
        .arg(numberText(s[Param::SloMs]), numberText(s[Param::AcceptLen]),
             numberText(s[Param::GapMs]));
}

// One model's HFU against N_F, as drawn when models are compared.
struct ModelSeries {
    QString name;
    std::size_t style = 0; // series colour, line pattern and marker
    bool highlighted = false;
    QVector<double> xs, ys, bx, by; // ys: feasible only (NaN elsewhere); bx, by: not deployable
    QVector<double> all;            // every computed value, for the coincidence test
};

ModelSeries modelSeries(const Scenario& s, const QString& name, std::size_t style, bool highlighted,
                        double limit) {
    ModelSeries m;
    m.name = name;
    m.style = style;
    m.highlighted = highlighted;
    const NfCurves c = sweepNf(s, limit);
    splitFeasible(c.grid, 0, m.xs, m.ys, m.bx, m.by);
    for (std::size_t i = 0; i < c.grid.nx(); ++i) {
        m.all << (c.grid.errors[i] ? qQNaN() : c.grid.values[0][i]);
    }
    return m;
}

bool sameCurve(const ModelSeries& a, const ModelSeries& b) {
    if (a.all.size() != b.all.size()) {
        return false;
    }
    for (qsizetype i = 0; i < a.all.size(); ++i) {
        const double x = a.all[i];
        const double y = b.all[i];
        if (std::isnan(x) != std::isnan(y)) {
            return false;
        }
        if (!std::isnan(x) && std::abs(x - y) > 1e-9 * std::max(1.0, std::abs(x))) {
            return false;
        }
    }
    return true;
}

// The paper's six models on scenario `s` (the highlighted one is `s` itself, so its edits show),
// in the paper's order, each with the style of its place in that order; a model that is not
// one of the paper's is added with a style of its own. The highlighted series comes last so that
// it is drawn on top.
std::vector<ModelSeries> paperModelSeries(const Scenario& s, const ScenarioController& controller,
                                          double limit, bool othersToo) {
    std::vector<ModelSeries> out;
    std::optional<ModelSeries> highlighted;
    std::size_t index = 0;
    const std::string currentId = controller.modelId().toStdString();
    for (const Preset* model : controller.library().paperModels()) {
        const std::size_t style = index++;
        if (model->id == currentId) {
            highlighted = modelSeries(s, shortModelName(*model), style, true, limit);
            continue;
        }
        if (!othersToo) {
            continue;
        }
        Scenario other = s;
        model->applyTo(other);
        if (validate(other)) {
            continue;
        }
        out.push_back(modelSeries(other, shortModelName(*model), style, false, limit));
    }
    if (!highlighted) {
        highlighted = modelSeries(s, shortModelName(controller.modelPreset()), kSeriesStyles - 2,
                                  true, limit);
    }
    out.push_back(*highlighted);
    return out;
}

// Groups of identical curves: group[i] is the index of the first series equal to series i.
std::vector<std::size_t> coincidentGroups(const std::vector<ModelSeries>& series) {
    std::vector<std::size_t> group(series.size());
    for (std::size_t i = 0; i < series.size(); ++i) {
        group[i] = i;
        for (std::size_t j = 0; j < i; ++j) {
            if (group[j] == j && sameCurve(series[i], series[j])) {
                group[i] = j;
                break;
            }
        }
    }
    return group;
}

// "DeepSeek-V3 = Kimi-K2" for a group of identical curves, names in the paper's order.
QString groupName(const std::vector<ModelSeries>& series, const std::vector<std::size_t>& group,
                  std::size_t g) {
    std::vector<const ModelSeries*> members;
    for (std::size_t i = 0; i < series.size(); ++i) {
        if (group[i] == g) {
            members.push_back(&series[i]);
        }
    }
    std::sort(members.begin(), members.end(),
              [](const ModelSeries* a, const ModelSeries* b) { return a->style < b->style; });
    QStringList names;
    for (const ModelSeries* m : members) {
        names << m->name;
    }
    return names.join(QStringLiteral(" = "));
}

struct SeriesLook {
    double lineWidth;
    double markerSize;
    int markerSkip;   // draw every (skip + 1)-th marker
    double textScale; // of the "HBM − model" labels
    // One model name per line: a narrow panel has no room for "HBM − A, B" on one line.
    bool namesOnLines = false;
};

// Draws the series (the highlighted one last, thicker), their not-deployable points and the
// paper's "HBM − model" labels. Legend entries go to `legend` when given: one per group of
// identical curves, and one for the not-deployable marker.
void drawModelSeries(QCPAxisRect* rect, const std::vector<ModelSeries>& series,
                     const std::vector<std::size_t>& group, const std::vector<QString>& legendNames,
                     const PlotTheme& theme, const SeriesLook& look, PlacedLabels* placer,
                     QCPLegend* legend, QHash<std::size_t, QCPGraph*>* legendGraphs) {
    bool infeasibleInLegend = false;
    QVector<QPair<QPointF, QStringList>> hbm; // first not-deployable point of each model
    for (std::size_t i = 0; i < series.size(); ++i) {
        const ModelSeries& m = series[i];
        const double width = look.lineWidth * (m.highlighted ? 1.7 : 1.0);
        auto* line = addLine(rect, m.xs, m.ys, seriesPen(theme, m.style, width), m.name, false);
        line->setScatterStyle(
            seriesMarker(theme, m.style, look.markerSize * (m.highlighted ? 1.15 : 0.85)));
        line->setScatterSkip(look.markerSkip);
        line->setObjectName(m.highlighted ? QStringLiteral("highlighted_series")
                                          : QStringLiteral("model_series"));
        line->setProperty("model", m.name);
        // The legend shows a group once, with the look of its highlighted member if any.
        const std::size_t g = group[i];
        const bool representative =
            m.highlighted || (g == i && std::none_of(series.begin(), series.end(), [&](auto& o) {
                                  return o.highlighted && group[std::size_t(&o - &series[0])] == g;
                              }));
        if (representative) {
            line->setName(legendNames[g]);
            if (legendGraphs != nullptr) {
                (*legendGraphs)[g] = line;
            }
            if (legend != nullptr) {
                line->addToLegend(legend);
            }
        }
        if (m.bx.isEmpty()) {
            continue;
        }
        auto* bad = addPoints(rect, m.bx, m.by,
                              QCPScatterStyle(QCPScatterStyle::ssCircle,
                                              QPen(theme.infeasible, look.markerSize > 8 ? 2 : 1.5),
                                              Qt::NoBrush, look.markerSize * 1.35),
                              QObject::tr("not deployable (HBM capacity or bandwidth)"), false);
        bad->setObjectName(QStringLiteral("not_deployable"));
        if (legend != nullptr && !infeasibleInLegend) {
            bad->addToLegend(legend);
            infeasibleInLegend = true;
        }
        const QPointF at(m.bx.first(), m.by.first());
        auto same = std::find_if(hbm.begin(), hbm.end(), [&](const auto& entry) {
            return std::abs(entry.first.x() - at.x()) < 1e-9 &&
                   std::abs(entry.first.y() - at.y()) <= 1e-9 * std::max(1.0, at.y());
        });
        if (same == hbm.end()) {
            hbm.push_back({at, {m.name}});
        } else {
            same->second << m.name;
        }
    }
    // The paper's own wording for the points a model cannot be deployed at.
    for (const auto& [at, names] : hbm) {
        auto* label = addText(
            rect,
            QObject::tr("HBM − %1")
                .arg(names.join(look.namesOnLines ? QStringLiteral(",\n") : QStringLiteral(", "))),
            at.x(), at.y(), theme, Qt::AlignLeft | Qt::AlignBottom, false, look.textScale);
        label->setColor(theme.infeasible);
        label->setBrush(withAlpha(theme.background, 215));
        label->setObjectName(QStringLiteral("hbm_label"));
        if (placer != nullptr) {
            placer->manage(label, at.x(), at.y(), false, look.markerSize * 0.7 + 2);
        }
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

bool NfSweepView::compareModels() const {
    return compare_ != nullptr && compare_->isChecked();
}

void NfSweepView::rebuild() {
    QCPAxisRect* rect = clearPlot();
    // Placed at every layout (window, export size) clear of the markers, the curves, the legend
    // and each other.
    auto* labels = new PlacedLabels(rect);
    // Region names after the labels of points (a later set avoids an earlier one): left out,
    // not the labels of data, where a small figure has no room for both.
    auto* regionNames = new PlacedLabels(rect);
    labels->labelGap = 1;
    regionNames->labelGap = 1;
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
    drawRegimeBands(rect, g, theme_, true, regionNames);

    if (kind_ == Kind::Hfu) {
        y->setLabel(tr("FFN HFU [% of peak]"));
        setPercentTicks(y, 0.1);
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
                const double ly = computedEp ? 0.3 : 0.55;
                auto* dz = addText(rect, tr("dead zone: scale-out caps HFU"), (g.xs[i] + limit) / 2,
                                   ly, theme_, Qt::AlignHCenter | Qt::AlignVCenter, true, 1.1);
                dz->setColor(theme_.deadZone);
                regionNames->manage(dz, (g.xs[i] + limit) / 2, ly, true, -1, true);
                break;
            }
        }
        const bool compare = compare_ != nullptr && compare_->isChecked();
        const std::vector<ModelSeries> series = paperModelSeries(s, controller_, limit, compare);
        const std::vector<std::size_t> group = coincidentGroups(series);
        std::vector<QString> names(series.size());
        for (std::size_t i = 0; i < series.size(); ++i) {
            names[i] = groupName(series, group, group[i]);
        }
        double top = std::max({s[Param::EpReferenceHfu], computedEp.value_or(0.0), 0.1});
        for (const ModelSeries& m : series) {
            for (double v : m.all) {
                top = std::isfinite(v) ? std::max(top, v) : top;
            }
        }
        // The paper's bold red communication-bound ceiling of the highlighted model, under the
        // curves so that the curve that reaches it stays visible.
        const double ceiling = commBoundCeiling(s);
        if (ceiling > 0) {
            auto* roof = addLine(
                rect, {0.5, limit + 0.5}, {ceiling, ceiling}, QPen(theme_.commCeiling, lw * 2.2),
                compare ? tr("communication-bound ceiling of %1: %2")
                              .arg(series.back().name, percentText(ceiling))
                        : tr("communication-bound ceiling %1").arg(percentText(ceiling)));
            roof->setObjectName(QStringLiteral("comm_ceiling"));
            top = std::max(top, ceiling);
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
        drawModelSeries(rect, series, group, names, theme_, SeriesLook{lw, ms, 0, 0.9}, labels,
                        plot_->legend, nullptr);
        // Ceiling: the best deployable point (the core's, as the verdict quotes it). Named in
        // the legend only: a label beside the star would sit on the curve it marks.
        if (const AfdCeiling best = afdCeiling(s); best.found) {
            addPoints(
                rect, {best.nf}, {best.hfu},
                QCPScatterStyle(QCPScatterStyle::ssStar, QPen(theme_.highlight, 2.5),
                                theme_.highlight, ms * 2.6),
                tr("AFD ceiling %1 at N_F = %2").arg(percentText(best.hfu), numberText(best.nf)));
        }
        y->setRange(0, std::min(1.08, top * 1.18 + 0.02));
        // The settings behind feasibility, and whose regimes the shading shows, above the plot
        // (the top axis carries no scale here), where it cannot cover data.
        QCPAxis* note = rect->axis(QCPAxis::atTop);
        note->setVisible(true);
        note->setTicks(false);
        note->setTickLabels(false);
        note->setLabel(
            settingsNote(s) +
            (compare ? tr(" · shading: %1's regimes").arg(series.back().name) : QString()));
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
        // regime names moved off the markers, or left out when a small figure has no room.
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
    auto* nfLabel = addText(rect, tr("N_F = %1").arg(numberText(s[Param::Nf])), s[Param::Nf], 0.93,
                            theme_, Qt::AlignLeft | Qt::AlignBottom, true, 0.9);
    labels->manage(nfLabel, s[Param::Nf], 0.93, true, 2);
    finishPlot(Qt::AlignTop | Qt::AlignRight);
    placeLegendAutomatically(*plot_, rect, Qt::AlignTop | Qt::AlignRight);
    if (kind_ == Kind::Hfu) {
        // A note, not an axis title: the plot's text size, not the larger title size.
        QCPAxis* note = rect->axis(QCPAxis::atTop);
        QFont f = theme_.font;
        f.setPointSizeF(theme_.font.pointSizeF() * 0.9);
        note->setLabelFont(f);
        note->setSelectedLabelFont(f);
    }
}

HfuGridView::HfuGridView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::HfuGrid, parent) {
    QCustomPlot& p = *plot_;
    p.setAutoAddPlottableToLegend(false);
    p.plotLayout()->clear(); // also removes the default legend: one legend below the panels
    panels_ = new QCPLayoutGrid;
    p.plotLayout()->addElement(0, 0, panels_);
    panels_->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    panels_->setWrap(4);
    for (int i = 0; i < 8; ++i) {
        auto* rect = new QCPAxisRect(&p);
        panels_->addElement(rect);
        rect->setupFullAxesBox(false);
        rect->axis(QCPAxis::atRight)->setTicks(false);
        rect->axis(QCPAxis::atRight)->setTickLabels(false);
        rect->axis(QCPAxis::atTop)->setTicks(false);
        rect->axis(QCPAxis::atTop)->setTickLabels(false);
        rect->setMinimumSize(60, 50);
    }
    // Outside the panels: a legend inside one panel covers its data (the GB300 panel's did).
    legend_ = new QCPLegend;
    legend_->setLayer(QStringLiteral("legend"));
    legend_->setIconSize(26, 10);
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, false);
    legend_->setWrap(5);
    note_ = new QCPTextElement(&p);
    auto* footer = new QCPLayoutGrid;
    footer->addElement(0, 0, legend_);
    footer->addElement(1, 0, note_);
    footer->setRowSpacing(0);
    p.plotLayout()->addElement(1, 0, footer);
    p.plotLayout()->setRowStretchFactor(1, 0.001);
}

void HfuGridView::rebuild() {
    QCustomPlot& p = *plot_;
    p.clearPlottables();
    p.clearItems();
    legend_->clearItems();
    const Scenario& base = controller_.scenario();
    const QList<QCPAxisRect*> rects = p.axisRects();
    // Two columns when four would leave a panel too narrow to read (a docked window, a column
    // figure); four on a wide landscape figure (a slide, a poster) a little earlier, where two
    // would squash each panel flat. The tick spacing follows the panel's width and tick font.
    const QSize size = renderSize();
    const QFontMetricsF fm(theme_.font);
    const double digits = size.width() / fm.horizontalAdvance(QStringLiteral("0"));
    const bool landscape = size.height() < size.width() * 0.7;
    const int columns = digits >= 90 || (landscape && digits >= 60) ? 4 : 2;
    if (panels_->wrap() != columns) {
        panels_->setWrap(columns);
        panels_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        panels_->simplify();
    }
    const double panelWidth =
        size.width() / double(columns) - fm.horizontalAdvance(QStringLiteral("0.00")) - 24;
    const double tickRoom = fm.horizontalAdvance(QStringLiteral("32")) * 2.2;
    double step = 1;
    while (step < 16 && 32 / step > panelWidth / tickRoom) {
        step *= 2;
    }
    const double panelHeight = size.height() / double(8 / columns) - fm.height() * 3;
    const double yStep = panelHeight / (fm.height() * 1.6) >= 6 ? 0.2 : 0.5;

    // As many legend columns as fit the width, so that no entry is cut.
    legend_->setWrap(std::clamp(int(size.width() / (fm.averageCharWidth() * 36)), 2, 5));
    legend_->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
    const double lw = theme_.lineWidth * 0.8;
    const std::vector<const Preset*> paperHardware = controller_.library().paperHardware();
    // Curves that coincide on every panel are named once, "DeepSeek-V3 = Kimi-K2".
    std::vector<std::vector<ModelSeries>> panels;
    std::vector<std::size_t> group;
    for (int i = 0; i < rects.size() && i < int(paperHardware.size()); ++i) {
        Scenario s = base;
        paperHardware[std::size_t(i)]->applyTo(s);
        panels.push_back(paperModelSeries(s, controller_, 32, true));
        const std::vector<std::size_t> here = coincidentGroups(panels.back());
        if (group.empty()) {
            group = here;
        }
        for (std::size_t k = 0; k < group.size() && k < here.size(); ++k) {
            if (group[k] != here[k]) {
                group[k] = k; // not identical everywhere: its own entry
            }
        }
    }
    std::vector<QString> names;
    if (!panels.empty()) {
        for (std::size_t k = 0; k < panels.front().size(); ++k) {
            names.push_back(groupName(panels.front(), group, group[k]));
        }
    }
    QString highlightedName;
    for (int i = 0; i < rects.size() && i < int(panels.size()); ++i) {
        QCPAxisRect* rect = rects[i];
        // Each panel's "HBM − model" labels, placed at every layout clear of its data.
        auto* labels = new PlacedLabels(rect);
        labels->labelGap = 1;
        const Preset* hw = paperHardware[std::size_t(i)];
        Scenario s = base;
        hw->applyTo(s);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QSharedPointer<QCPAxisTickerFixed> xt(new QCPAxisTickerFixed);
        xt->setTickStep(step);
        xt->setScaleStrategy(QCPAxisTickerFixed::ssNone);
        x->setTicker(xt);
        x->setScaleType(QCPAxis::stLinear);
        x->setNumberFormat(QStringLiteral("g"));
        y->setScaleType(QCPAxis::stLinear);
        setPercentTicks(y, yStep);
        x->setRange(0.5, 32.5);
        y->setRange(0, 1.05);
        const bool bottomRow = i >= 8 - columns;
        x->setLabel(bottomRow ? tr("N_F [nodes]") : QString());
        y->setLabel(i % columns == 0 ? tr("HFU [%]") : QString());
        rect->axis(QCPAxis::atTop)->setLabel(shortHardwareName(*hw));
        const std::vector<ModelSeries>& series = panels[std::size_t(i)];
        highlightedName = series.back().name;
        const double ceiling = commBoundCeiling(s);
        auto* roof =
            addLine(rect, {0.5, 32.5}, {ceiling, ceiling}, QPen(theme_.commCeiling, lw * 2.2),
                    tr("communication-bound ceiling of %1").arg(highlightedName), false);
        roof->setObjectName(QStringLiteral("comm_ceiling"));
        const double ep = s[Param::EpReferenceHfu];
        auto* epLine = addLine(rect, {0.5, 32.5}, {ep, ep}, QPen(theme_.ep, lw, Qt::DashLine),
                               tr("EP reference"), false);
        // Markers on every fourth point: the shape tells the series apart in greyscale, and
        // 48 curves of markers at every point would triple the replot time of this view.
        drawModelSeries(rect, series, group, names, theme_,
                        SeriesLook{lw, theme_.markerSize * 0.7, 3, 0.72, true}, labels,
                        i == 0 ? legend_ : nullptr, nullptr);
        if (i == 0) {
            roof->addToLegend(legend_);
            epLine->addToLegend(legend_);
        }
    }
    // One legend entry for the not-deployable marker, from whichever panel has one.
    for (int i = 0; i < p.graphCount(); ++i) {
        if (p.graph(i)->objectName() == QLatin1String("not_deployable")) {
            p.graph(i)->addToLegend(legend_);
            break;
        }
    }
    note_->setText(settingsNote(base));
    applyBaseTheme(p, theme_);
    for (QCPAxisRect* rect : rects) {
        rect->axis(QCPAxis::atTop)->setBasePen(QPen(theme_.foreground, 1));
        // Panel titles at the plot's text size: the larger axis-title size overlaps neighbours.
        rect->axis(QCPAxis::atTop)->setLabelFont(theme_.font);
        rect->axis(QCPAxis::atTop)->setLabelPadding(2);
    }
    QFont small = theme_.font;
    small.setPointSizeF(theme_.font.pointSizeF() * 0.9);
    note_->setFont(small);
    note_->setTextColor(theme_.foreground);
    queueReplot();
}

} // namespace afd::ui
