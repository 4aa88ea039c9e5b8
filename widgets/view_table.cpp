// SPDX-License-Identifier: GPL-3.0-or-later
#include "view_table.hpp"

#include "breakdown_view.hpp"
#include "comm_roofline_view.hpp"
#include "frontier_view.hpp"
#include "heatmap_view.hpp"
#include "hfu_grid_view.hpp"
#include "imbalance_view.hpp"
#include "measurements_view.hpp"
#include "nf_sweep_view.hpp"
#include "roofline_view.hpp"
#include "timeline_view.hpp"

#include <QCoreApplication>
#include <array>

namespace afd::ui {

namespace {

constexpr std::array<ViewInfo, 11> kViews{{
    {ViewId::Roofline, ViewGroup::Paper, "roofline",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Roofline"),
     "grouped-GEMM roofline of one FFN GPU (memory level)"},
    {ViewId::CommRoofline, ViewGroup::Paper, "comm-roofline",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Comm. roofline"),
     "communication-level roofline: TFLOP/s against FLOPs per link byte"},
    {ViewId::HfuNf, ViewGroup::Paper, "hfu-nf",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "HFU vs FFN nodes"),
     "FFN HFU against the number of FFN nodes, regimes and dead zone (Fig. 4)"},
    {ViewId::HfuGrid, ViewGroup::Paper, "hfu-grid",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "All hardware"),
     "HFU against N_F for the paper's models on every paper platform (Fig. 4)"},
    {ViewId::Intensity, ViewGroup::Paper, "intensity",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Intensity"),
     "arithmetic intensity against N_F (Fig. 2)"},
    {ViewId::Imbalance, ViewGroup::Paper, "imbalance",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Imbalance"),
     "imbalance penalty alpha against lambda (Fig. 6)"},
    {ViewId::Heatmap, ViewGroup::BeyondPaper, "heatmap",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Heatmap"),
     "any metric over two parameters, with dead zone and AFD-beats-EP outlines"},
    {ViewId::Frontier, ViewGroup::BeyondPaper, "frontier",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Throughput frontier"),
     "tokens/s per GPU against tokens/s per user for EP and AFD under the TPOT SLO"},
    {ViewId::Breakdown, ViewGroup::BeyondPaper, "breakdown",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "AFD vs EP"),
     "per-layer time of the best EP and AFD deployments, what binds, and their ratio"},
    {ViewId::Timeline, ViewGroup::BeyondPaper, "timeline",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Pipeline"),
     "AFD (3BO) and EP (TBO) pipeline timelines with budget, bubbles and jitter (Fig. 1b)"},
    {ViewId::Measurements, ViewGroup::BeyondPaper, "measurements",
     QT_TRANSLATE_NOOP("afd::ui::ViewTable", "Measurements"),
     "predicted against published tokens/s per GPU for the shipped measurements"},
}};

// The table is in ViewId order, so viewInfo() can index it.
constexpr bool tableInIdOrder() {
    for (std::size_t i = 0; i < kViews.size(); ++i) {
        if (static_cast<std::size_t>(kViews[i].id) != i) {
            return false;
        }
    }
    return true;
}
static_assert(tableInIdOrder());

} // namespace

std::span<const ViewInfo> viewTable() {
    return kViews;
}

const ViewInfo& viewInfo(ViewId id) {
    return kViews[static_cast<std::size_t>(id)];
}

const ViewInfo* findViewInfo(QStringView key) {
    for (const ViewInfo& v : kViews) {
        if (key == QLatin1String(v.key)) {
            return &v;
        }
    }
    return nullptr;
}

QStringList viewKeys() {
    QStringList keys;
    for (const ViewInfo& v : kViews) {
        keys << QString::fromLatin1(v.key);
    }
    return keys;
}

QString viewKeyList() {
    return viewKeys().join(QStringLiteral(", "));
}

QString viewTitle(ViewId id) {
    return QCoreApplication::translate("afd::ui::ViewTable", viewInfo(id).title);
}

PlotView* createView(ViewId id, ScenarioController& controller, QWidget* parent) {
    switch (id) {
    case ViewId::Roofline:
        return new RooflineView(controller, parent);
    case ViewId::CommRoofline:
        return new CommRooflineView(controller, parent);
    case ViewId::HfuNf:
        return new NfSweepView(controller, NfSweepView::Kind::Hfu, parent);
    case ViewId::HfuGrid:
        return new HfuGridView(controller, parent);
    case ViewId::Intensity:
        return new NfSweepView(controller, NfSweepView::Kind::Intensity, parent);
    case ViewId::Heatmap:
        return new HeatmapView(controller, parent);
    case ViewId::Imbalance:
        return new ImbalanceView(controller, parent);
    case ViewId::Frontier:
        return new FrontierView(controller, parent);
    case ViewId::Breakdown:
        return new BreakdownView(controller, parent);
    case ViewId::Timeline:
        return new TimelineView(controller, parent);
    case ViewId::Measurements:
        return new MeasurementsView(controller, parent);
    }
    return nullptr;
}

} // namespace afd::ui
