// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakdown_view.hpp"

#include "afd/throughput_report.hpp"
#include "frontier_view.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"
#include "wheel_guard.hpp"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace afd::ui {

namespace {

constexpr double kUs = 1e6;
constexpr double kMs = 1e3;
constexpr double kGb = 1e9;

std::size_t index(BreakdownPart p) {
    return static_cast<std::size_t>(p);
}

QString boundName(AfdBound b) {
    switch (b) {
    case AfdBound::Attention:
        return QObject::tr("the attention GPUs");
    case AfdBound::Ffn:
        return QObject::tr("the FFN GPUs");
    case AfdBound::Link:
        return QObject::tr("the link");
    case AfdBound::RoundTrip:
        return QObject::tr("one micro-batch's round trip");
    }
    return qtext(afdBoundKey(b));
}

// The row of breakdownRows() that sets the cycle for each AfdBound, in that order.
constexpr int kAfdBoundRow[] = {0, 1, 2, 3};

} // namespace

QString breakdownPartName(BreakdownPart part) {
    switch (part) {
    case BreakdownPart::AttentionPre:
        return QObject::tr("attention, before the core");
    case BreakdownPart::AttentionCore:
        return QObject::tr("attention core");
    case BreakdownPart::AttentionPost:
        return QObject::tr("attention, after the core");
    case BreakdownPart::Shared:
        return QObject::tr("shared expert");
    case BreakdownPart::Experts:
        return QObject::tr("routed experts");
    case BreakdownPart::Dispatch:
        return QObject::tr("dispatch");
    case BreakdownPart::Combine:
        return QObject::tr("combine");
    case BreakdownPart::Overheads:
        return QObject::tr("overheads");
    case BreakdownPart::Idle:
        return QObject::tr("idle (waits for the others)");
    case BreakdownPart::Count:
        break;
    }
    return {};
}

double BreakdownRow::total() const {
    return std::accumulate(seconds.begin(), seconds.end(), 0.0);
}

std::vector<BreakdownRow> breakdownRows(const ThroughputResult& r, const Efficiency& e,
                                        bool afdCommKernels) {
    std::vector<BreakdownRow> rows;
    if (r.error || r.system == ServingSystem::None) {
        return rows;
    }
    const double a0 = r.attentionPre;
    const double a1 = r.attentionCore + r.attentionPost;
    const auto set = [](BreakdownRow& row, BreakdownPart p, double v) {
        row.seconds[index(p)] = v;
    };
    if (r.system == ServingSystem::Ep) {
        // C-O, EP: the GPU's own time per layer is n_mb slots; communication counts on it only
        // where the overlap leaves it exposed (the max() terms of t_slot and of sbo).
        const double n = r.microBatches;
        const bool tbo = r.overlap == EpOverlapMode::Tbo;
        const bool sbo = r.overlap == EpOverlapMode::Sbo;
        double dispatch = r.dispatchTime;
        double combine = r.combineTime;
        if (tbo) {
            dispatch = std::max(0.0, r.dispatchTime - (r.sharedTime + a0));
            combine = std::max(0.0, r.combineTime - a1);
        } else if (sbo) {
            dispatch = std::max(0.0, r.dispatchTime - r.sharedTime);
            combine = std::max(0.0, r.combineTime - r.expertTime / 3.0);
        }
        const double commKernels = tbo ? 2 * e.commKernel : e.commKernel;
        BreakdownRow gpu{ServingSystem::Ep, QObject::tr("EP GPU"), {}};
        set(gpu, BreakdownPart::AttentionPre, n * a0);
        set(gpu, BreakdownPart::AttentionCore, n * r.attentionCore);
        set(gpu, BreakdownPart::AttentionPost, n * r.attentionPost);
        set(gpu, BreakdownPart::Shared, n * r.sharedTime);
        set(gpu, BreakdownPart::Experts, n * r.expertTime);
        set(gpu, BreakdownPart::Dispatch, n * dispatch);
        set(gpu, BreakdownPart::Combine, n * combine);
        set(gpu, BreakdownPart::Overheads, n * (e.layerOverhead + commKernels));
        BreakdownRow link{ServingSystem::Ep, QObject::tr("EP link"), {}};
        set(link, BreakdownPart::Dispatch, n * r.dispatchTime);
        set(link, BreakdownPart::Combine, n * r.combineTime);
        set(link, BreakdownPart::Idle, std::max(0.0, r.moeLayerTime - link.total()));
        rows.push_back(gpu);
        rows.push_back(link);
        return rows;
    }
    // C-O, AFD: three resources each busy N_BO times per cycle, and one micro-batch's round
    // trip; the cycle is the largest of the four, the others wait for the rest of it.
    const double n = r.microBatches;
    const double commKernels = afdCommKernels ? 2 * e.commKernel : 0.0;
    const bool sharedOnFfn = r.sharedOn == SharedExpertPlace::Ffn;
    const double sharedA = sharedOnFfn ? 0.0 : r.sharedTime;
    const double sharedF = sharedOnFfn ? r.sharedTime : 0.0;
    const double overheadA = e.attentionShare * e.layerOverhead + commKernels;
    const double overheadF = (1 - e.attentionShare) * e.layerOverhead + commKernels;
    BreakdownRow attention{ServingSystem::Afd, QObject::tr("AFD attention GPU"), {}};
    set(attention, BreakdownPart::AttentionPre, n * a0);
    set(attention, BreakdownPart::AttentionCore, n * r.attentionCore);
    set(attention, BreakdownPart::AttentionPost, n * r.attentionPost);
    set(attention, BreakdownPart::Shared, n * sharedA);
    set(attention, BreakdownPart::Overheads, n * overheadA);
    BreakdownRow ffn{ServingSystem::Afd, QObject::tr("AFD FFN GPU"), {}};
    set(ffn, BreakdownPart::Shared, n * sharedF);
    set(ffn, BreakdownPart::Experts, n * r.expertTime);
    set(ffn, BreakdownPart::Overheads, n * overheadF);
    BreakdownRow link{ServingSystem::Afd, QObject::tr("AFD link"), {}};
    set(link, BreakdownPart::Dispatch, n * r.dispatchTime);
    set(link, BreakdownPart::Combine, n * r.combineTime);
    BreakdownRow trip{ServingSystem::Afd, QObject::tr("AFD round trip"), {}};
    set(trip, BreakdownPart::AttentionPre, a0);
    set(trip, BreakdownPart::AttentionCore, r.attentionCore);
    set(trip, BreakdownPart::AttentionPost, r.attentionPost);
    set(trip, BreakdownPart::Shared, r.sharedTime);
    set(trip, BreakdownPart::Experts, r.expertTime);
    set(trip, BreakdownPart::Dispatch, r.dispatchTime);
    set(trip, BreakdownPart::Combine, r.combineTime);
    set(trip, BreakdownPart::Overheads, overheadA + overheadF);
    for (BreakdownRow* row : {&attention, &ffn, &link, &trip}) {
        set(*row, BreakdownPart::Idle, std::max(0.0, r.moeLayerTime - row->total()));
        rows.push_back(*row);
    }
    return rows;
}

BreakdownView::BreakdownView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Breakdown, parent) {
    which_ = new QComboBox(this);
    which_->setObjectName(QStringLiteral("breakdown_which"));
    which_->addItem(tr("best of each under the SLO"));
    which_->addItem(tr("as configured"));
    takeWheelOnlyWhenFocused(which_);
    optionsBar()->addWidget(new QLabel(tr("Deployments"), this));
    optionsBar()->addWidget(which_);
    optionsBar()->addStretch();
    connect(which_, &QComboBox::currentIndexChanged, this, &BreakdownView::requestRebuild);
    buildLayout();
}

void BreakdownView::setShowCurrent(bool on) {
    which_->setCurrentIndex(on ? 1 : 0);
}

bool BreakdownView::showCurrent() const {
    return which_->currentIndex() == 1;
}

QString BreakdownView::headline() const {
    return headline_->text();
}

void BreakdownView::buildLayout() {
    // Headline (the ratio, large) on top; the bars with the figures beside them; the legend in
    // a row of its own below, so it never covers a bar.
    QCustomPlot& p = *plot_;
    p.setAutoAddPlottableToLegend(false);
    p.plotLayout()->clear();
    headline_ = new QCPTextElement(&p);
    headline_->setObjectName(QStringLiteral("breakdown_headline"));
    auto* middle = new QCPLayoutGrid;
    bars_ = new QCPAxisRect(&p);
    auto* side = new QCPLayoutGrid;
    stats_ = new QCPTextElement(&p);
    stats_->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
    stats_->setObjectName(QStringLiteral("breakdown_stats"));
    notes_ = new QCPTextElement(&p);
    notes_->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
    notes_->setObjectName(QStringLiteral("breakdown_notes"));
    auto* legend = new QCPLegend;
    // Sub-grids first, then their elements: an element takes the plot of the grid it joins.
    p.plotLayout()->addElement(0, 0, headline_);
    p.plotLayout()->addElement(1, 0, middle);
    p.plotLayout()->addElement(2, 0, legend);
    middle->addElement(0, 0, bars_);
    middle->addElement(0, 1, side);
    side->addElement(0, 0, stats_);
    side->addElement(1, 0, notes_);
    side->setRowStretchFactor(0, 0.001);
    side->setRowStretchFactor(1, 1);
    middle->setColumnStretchFactor(0, 3);
    middle->setColumnStretchFactor(1, 0.001);
    p.plotLayout()->setRowStretchFactor(0, 0.001);
    p.plotLayout()->setRowStretchFactor(1, 1);
    p.plotLayout()->setRowStretchFactor(2, 0.001);
    p.legend = legend;
    legend->setLayer(QStringLiteral("legend"));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(5);
    legend->setIconSize(18, 10);
    legend->setMargins(QMargins(6, 3, 6, 3));
    bars_->setupFullAxesBox(false);
    for (QCPAxis* a : {bars_->axis(QCPAxis::atTop), bars_->axis(QCPAxis::atRight)}) {
        a->setTicks(false);
        a->setTickLabels(false);
    }
}

void BreakdownView::rebuild() {
    QCustomPlot& p = *plot_;
    p.clearPlottables();
    p.clearItems();
    p.legend->clearItems();
    rows_.clear();
    ratio_ = 0;
    const Scenario& s = controller_.scenario();
    const ServingComparison& serving = controller_.serving();
    const bool current = showCurrent();
    const Efficiency e = efficiencyOf(s);
    const bool afdCommKernels = s[Param::AfdCommKernels] != 0;
    const ThroughputResult* shown[2] = {nullptr, nullptr};
    QStringList missing;
    const std::pair<const DeploymentSearch*, const ThroughputResult*> systems[] = {
        {&serving.ep, &serving.epCurrent}, {&serving.afd, &serving.afdCurrent}};
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& [search, own] = systems[i];
        const QString name = i == 0 ? tr("EP") : tr("AFD");
        if (current) {
            if (own->error) {
                missing << name + QStringLiteral(": ") + qtext(describe(own->error, s));
            } else if (!(own->tokensPerSecondPerGpu > 0) || !std::isfinite(own->moeLayerTime)) {
                missing << tr("%1: the configured deployment serves no tokens").arg(name);
            } else {
                shown[i] = own;
            }
        } else if (search->found) {
            shown[i] = &search->best;
        } else {
            missing << qtext(searchFailure(s, *search));
        }
    }
    for (const ThroughputResult* r : shown) {
        if (r != nullptr) {
            for (BreakdownRow& row : breakdownRows(*r, e, afdCommKernels)) {
                rows_.push_back(std::move(row));
            }
        }
    }

    // Rows top to bottom, a gap between the systems.
    QCPAxis* keys = bars_->axis(QCPAxis::atLeft);
    QCPAxis* values = bars_->axis(QCPAxis::atBottom);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> positions;
    double position = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (i > 0 && rows_[i].system != rows_[i - 1].system) {
            position += 0.6;
        }
        position += 1;
        positions << position;
        ticker->addTick(position, rows_[i].label);
    }
    keys->setTicker(ticker);
    keys->setSubTicks(false);
    keys->setTickLength(0, 0);
    keys->setRangeReversed(true);
    keys->setRange(0.3, std::max(position, 1.0) + 0.7);
    keys->grid()->setVisible(false);
    keys->setLabel(QString());
    setLinearAxis(values);
    values->setLabel(tr("Time per MoE layer [µs]"));

    const QColor parts[kBreakdownParts] = {
        theme_.series[5],                                    // attention before the core
        theme_.series[0],                                    // attention core
        theme_.series[5].darker(theme_.isDark() ? 60 : 150), // attention after the core
        theme_.series[2],                                    // shared expert
        theme_.series[4],                                    // routed experts
        theme_.series[1],                                    // dispatch
        theme_.series[3],                                    // combine
        theme_.ep,                                           // overheads
        theme_.grid,                                         // idle
    };
    QCPBars* below = nullptr;
    double longest = 0;
    for (const BreakdownRow& row : rows_) {
        longest = std::max(longest, row.total() * kUs);
    }
    for (std::size_t k = 0; k < kBreakdownParts && !rows_.empty(); ++k) {
        const auto part = static_cast<BreakdownPart>(k);
        QVector<double> ks, vs;
        bool any = false;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            const double v = rows_[i].seconds[k] * kUs;
            ks << positions[int(i)];
            vs << (std::isfinite(v) ? v : 0.0);
            any = any || v > 1e-9 * longest;
        }
        auto* bars = new QCPBars(keys, values);
        bars->setObjectName(QStringLiteral("part_%1").arg(k));
        bars->setName(breakdownPartName(part));
        bars->setData(ks, vs, true);
        bars->setWidth(0.62);
        bars->setStackingGap(0);
        if (part == BreakdownPart::Idle) {
            bars->setBrush(QBrush(withAlpha(theme_.foreground, 70), Qt::BDiagPattern));
            bars->setPen(QPen(withAlpha(theme_.foreground, 90), 1));
        } else {
            bars->setBrush(parts[k]);
            bars->setPen(QPen(theme_.background, 1));
        }
        if (below != nullptr) {
            bars->moveAbove(below);
        }
        below = bars;
        if (any) {
            bars->addToLegend(p.legend);
        }
    }

    // Each system's layer time at the end of its first row; the row that sets the AFD cycle
    // named at its end.
    const double labelScale = 0.9;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const BreakdownRow& row = rows_[i];
        const bool first = i == 0 || rows_[i - 1].system != row.system;
        const ThroughputResult* r = shown[row.system == ServingSystem::Ep ? 0 : 1];
        QString text;
        if (first && row.system == ServingSystem::Ep) {
            text = tr("layer %1 µs").arg(numberText(r->moeLayerTime * kUs, 4));
        } else if (first) {
            text = tr("3BO cycle %1 µs").arg(numberText(r->moeLayerTime * kUs, 4));
        }
        const int rowInSystem =
            int(i) -
            int(std::find_if(rows_.begin(), rows_.end(),
                             [&](const BreakdownRow& b) { return b.system == row.system; }) -
                rows_.begin());
        if (row.system == ServingSystem::Afd &&
            rowInSystem == kAfdBoundRow[static_cast<std::size_t>(r->bound)]) {
            text += (text.isEmpty() ? QString() : QStringLiteral(" · ")) + tr("sets the cycle");
        }
        if (!text.isEmpty()) {
            auto* t = addText(bars_, text, row.total() * kUs, positions[int(i)], theme_,
                              Qt::AlignLeft | Qt::AlignVCenter, false, labelScale);
            t->setObjectName(QStringLiteral("row_label_%1").arg(i));
        }
    }
    // Room on the right for those labels: about 40 % of the longest bar.
    values->setRange(0, longest > 0 ? longest * 1.45 : 1.0);

    // Headline and figures.
    const ThroughputResult* ep = shown[0];
    const ThroughputResult* afd = shown[1];
    if (ep != nullptr && afd != nullptr) {
        ratio_ =
            current ? afd->tokensPerSecondPerGpu / ep->tokensPerSecondPerGpu : serving.bestRatio();
    }
    const QString which =
        current ? tr("as configured")
                : tr("best of each under TPOT ≤ %1 ms").arg(numberText(s[Param::SloMs], 3));
    if (ratio_ > 0 && std::isfinite(ratio_)) {
        headline_->setText(tr("AFD serves %1× EP's tokens/s per GPU").arg(numberText(ratio_, 3)) +
                           QStringLiteral("  (") + which + QLatin1Char(')'));
    } else if (rows_.empty()) {
        headline_->setText(tr("Neither EP nor AFD has a deployment to show (%1)").arg(which));
    } else {
        headline_->setText(tr("Only %1 has a deployment to show (%2)")
                               .arg(ep != nullptr ? tr("EP") : tr("AFD"), which));
    }
    QStringList lines;
    const auto memoryText = [](double used, double capacity) {
        return tr("%1 of %2 GB").arg(numberText(used / kGb, 3), numberText(capacity / kGb, 3));
    };
    if (ep != nullptr) {
        lines << tr("EP, %1 GPUs").arg(numberText(ep->gpus))
              << tr("  %1 tokens/s per GPU").arg(numberText(ep->tokensPerSecondPerGpu, 4))
              << tr("  TPOT %1 ms").arg(numberText(ep->tpot * kMs, 3))
              << tr("  memory per GPU %1").arg(memoryText(ep->memoryPerGpu, ep->memoryCapacity))
              << tr("  batch %1 per GPU, %2 micro-batches")
                     .arg(numberText(ep->batchPerGpu), numberText(ep->microBatches));
    }
    if (afd != nullptr) {
        if (!lines.isEmpty()) {
            lines << QString();
        }
        lines << tr("AFD, %1 attention : %2 FFN nodes, %3 GPUs")
                     .arg(numberText(afd->na), numberText(afd->nf), numberText(afd->gpus))
              << tr("  %1 tokens/s per GPU").arg(numberText(afd->tokensPerSecondPerGpu, 4))
              << tr("  TPOT %1 ms").arg(numberText(afd->tpot * kMs, 3))
              << tr("  memory per attention GPU %1")
                     .arg(memoryText(afd->memoryPerAttentionGpu, afd->memoryCapacityAttention))
              << tr("  memory per FFN GPU %1")
                     .arg(memoryText(afd->memoryPerFfnGpu, afd->memoryCapacity))
              << tr("  attention batch %1 per GPU, %2 micro-batches")
                     .arg(numberText(afd->batchPerAttentionGpu), numberText(afd->microBatches))
              << tr("  cycle set by %1").arg(boundName(afd->bound));
    }
    for (const QString& m : missing) {
        if (!m.isEmpty()) {
            lines << QString() << m;
        }
    }
    stats_->setText(lines.join(QLatin1Char('\n')));
    QStringList notes;
    if (ep != nullptr && ep->overlap != EpOverlapMode::None) {
        notes << tr("EP GPU row: dispatch and combine only where\nthe overlap leaves them exposed; "
                    "the EP link\nrow shows all of their time.");
    }
    if (afd != nullptr) {
        notes << tr("AFD rows: each resource over the %1 micro-batches\nof a cycle; the round "
                    "trip is one micro-batch's\nattention, dispatch, FFN and combine.")
                     .arg(numberText(afd->microBatches));
    }
    notes_->setText(notes.join(QStringLiteral("\n")));

    // Theme: the base theme, then the text elements, which it does not know.
    applyBaseTheme(p, theme_);
    QFont big = theme_.font;
    big.setPointSizeF(theme_.font.pointSizeF() * 1.5);
    big.setBold(true);
    headline_->setFont(big);
    headline_->setTextColor(ratio_ > 0 ? theme_.foreground : theme_.infeasible);
    QFont body = theme_.font;
    body.setPointSizeF(theme_.font.pointSizeF() * 0.95);
    stats_->setFont(body);
    stats_->setTextColor(theme_.foreground);
    QFont small = theme_.font;
    small.setPointSizeF(theme_.font.pointSizeF() * 0.8);
    notes_->setFont(small);
    notes_->setTextColor(theme_.ep);
    keys->grid()->setVisible(false);
    queueReplot();
}

} // namespace afd::ui
