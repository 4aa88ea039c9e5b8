// SPDX-License-Identifier: GPL-3.0-or-later
#include "breakdown_view.hpp"

#include "afd/throughput_report.hpp"
#include "frontier_view.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"
#include "wheel_guard.hpp"

#include <QComboBox>
#include <QFontMetricsF>
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

namespace {

// How much fits, in units of the theme's type size: a paper column (252 x 180 at 13 pt) is
// compact, a docked window medium, a full window or a slide wide.
enum class Fit { Compact, Medium, Wide };

Fit fitFor(QSize size, double pointSize) {
    const double w = size.width() / pointSize;
    const double h = size.height() / pointSize;
    if (w < 34 || h < 40) { // the figures and the note need the height of a window
        return Fit::Compact;
    }
    return w < 80 ? Fit::Medium : Fit::Wide;
}

// Compact drawings merge the parts into five groups, so that their legend fits in two rows.
constexpr std::size_t kGroups = 5;
std::size_t groupOf(BreakdownPart p) {
    switch (p) {
    case BreakdownPart::AttentionPre:
    case BreakdownPart::AttentionCore:
    case BreakdownPart::AttentionPost:
        return 0;
    case BreakdownPart::Shared:
    case BreakdownPart::Experts:
        return 1;
    case BreakdownPart::Dispatch:
    case BreakdownPart::Combine:
        return 2;
    case BreakdownPart::Overheads:
        return 3;
    case BreakdownPart::Idle:
    case BreakdownPart::Count:
        break;
    }
    return 4;
}

QString groupName(std::size_t g) {
    switch (g) {
    case 0:
        return QObject::tr("attention");
    case 1:
        return QObject::tr("experts");
    case 2:
        return QObject::tr("communication");
    case 3:
        return QObject::tr("overheads");
    default:
        return QObject::tr("idle");
    }
}

QString compactLabel(const BreakdownRow& row, std::size_t rowInSystem) {
    if (row.system == ServingSystem::Ep) {
        return rowInSystem == 0 ? QObject::tr("EP GPU") : QObject::tr("EP link");
    }
    const char* names[] = {"AFD attention", "AFD FFN", "AFD link", "AFD round trip"};
    return QObject::tr(names[std::min<std::size_t>(rowInSystem, 3)]);
}

} // namespace

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
    plot_->setAutoAddPlottableToLegend(false);
    plot_->installEventFilter(this);
    buildLayout(int(Fit::Wide));
}

bool BreakdownView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::Resize &&
        int(fitFor(plot_->size(), theme_.font.pointSizeF())) != fit_) {
        requestRebuild();
    }
    return PlotView::eventFilter(watched, event);
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

void BreakdownView::buildLayout(int fit) {
    // The headline (the ratio, large) on top. Wide: the bars with the figures beside them and
    // the legend below. Medium: bars, legend, then the figures of EP and AFD side by side.
    // Compact: headline, bars and legend only. The legend has a row of its own, never over a
    // bar. Text elements are at most as tall as their text, and a grid row at most as tall as
    // its shortest maximum, hence the empty elements that let the bars' row take the height.
    QCustomPlot& p = *plot_;
    fit_ = fit;
    p.clearPlottables();
    p.clearItems();
    // Elements a compact layout left out are in no grid: deleted here, the rest with the grid.
    for (QCPLayoutElement* e :
         std::initializer_list<QCPLayoutElement*>{subtitle_, epStats_, afdStats_, notes_}) {
        if (e != nullptr && e->layout() == nullptr) {
            delete e;
        }
    }
    p.plotLayout()->clear(); // deletes the previous elements, the legend included
    QCPLayoutGrid* root = p.plotLayout();
    headline_ = new QCPTextElement(&p);
    headline_->setObjectName(QStringLiteral("breakdown_headline"));
    subtitle_ = new QCPTextElement(&p);
    bars_ = new QCPAxisRect(&p);
    epStats_ = new QCPTextElement(&p);
    afdStats_ = new QCPTextElement(&p);
    notes_ = new QCPTextElement(&p);
    for (QCPTextElement* t : {epStats_, afdStats_, notes_}) {
        t->setTextFlags(Qt::AlignLeft | Qt::AlignTop);
    }
    epStats_->setObjectName(QStringLiteral("breakdown_ep"));
    afdStats_->setObjectName(QStringLiteral("breakdown_afd"));
    notes_->setObjectName(QStringLiteral("breakdown_notes"));
    auto* legend = new QCPLegend;
    int row = 0;
    int stretchRow = 0;
    root->addElement(row++, 0, headline_);
    if (fit != int(Fit::Compact)) {
        root->addElement(row++, 0, subtitle_);
    }
    if (fit == int(Fit::Wide)) {
        auto* middle = new QCPLayoutGrid;
        stretchRow = row;
        root->addElement(row++, 0, middle);
        auto* side = new QCPLayoutGrid;
        middle->addElement(0, 0, bars_);
        middle->addElement(0, 1, side);
        middle->setColumnStretchFactor(0, 3);
        middle->setColumnStretchFactor(1, 0.001);
        side->addElement(0, 0, epStats_);
        side->addElement(1, 0, afdStats_);
        side->addElement(2, 0, notes_);
        side->addElement(3, 0, new QCPLayoutElement(&p));
        for (int i = 0; i < 3; ++i) {
            side->setRowStretchFactor(i, 0.001);
        }
        root->addElement(row++, 0, legend);
    } else {
        stretchRow = row;
        root->addElement(row++, 0, bars_);
        root->addElement(row++, 0, legend);
        if (fit == int(Fit::Medium)) {
            auto* figures = new QCPLayoutGrid;
            root->addElement(row++, 0, figures);
            figures->addElement(0, 0, epStats_);
            figures->addElement(0, 1, afdStats_);
            root->addElement(row++, 0, notes_);
        } else {
            for (QCPLayoutElement* e :
                 std::initializer_list<QCPLayoutElement*>{subtitle_, epStats_, afdStats_, notes_}) {
                e->setVisible(false);
            }
        }
    }
    for (int i = 0; i < root->rowCount(); ++i) {
        root->setRowStretchFactor(i, i == stretchRow ? 1 : 0.001);
    }
    p.legend = legend;
    legend->setLayer(QStringLiteral("legend"));
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(fit == int(Fit::Compact) ? 3 : fit == int(Fit::Medium) ? 3 : 5);
    legend->setIconSize(fit == int(Fit::Compact) ? 10 : 18, fit == int(Fit::Compact) ? 6 : 10);
    legend->setMargins(QMargins(4, 2, 4, 2));
    // No top or right axis: their margins would cost a compact drawing a row of bars.
    bars_->axis(QCPAxis::atTop)->setVisible(false);
    bars_->axis(QCPAxis::atRight)->setVisible(false);
    if (fit == int(Fit::Compact)) {
        bars_->setAutoMargins(QCP::msLeft | QCP::msBottom);
        bars_->setMargins(QMargins(0, 2, 4, 0));
        headline_->setMargins(QMargins(2, 2, 2, 0));
    }
}

void BreakdownView::rebuild() {
    QCustomPlot& p = *plot_;
    const Fit fit = fitFor(renderSize(), theme_.font.pointSizeF());
    if (int(fit) != fit_) {
        buildLayout(int(fit));
    }
    const bool compact = fit == Fit::Compact;
    const bool wide = fit == Fit::Wide;
    PlotTheme look = theme_;
    if (compact && theme_.style != PlotStyle::Presentation) {
        // Paper-column type (7 pt from the print theme's 13), never below 7 pt on screen. A
        // slide keeps its large type: it is read from the back of a room.
        look.font.setPointSizeF(std::max(7.0, theme_.font.pointSizeF() * 0.55));
    }
    // Swatches in proportion to the text: a slide's 20 pt as a column's 7 pt.
    const double em = QFontMetricsF(look.font).height();
    p.legend->setIconSize(int(std::lround(em * (compact ? 1.0 : 1.6))), int(std::lround(em * 0.6)));
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
    QString missing[2];
    const std::pair<const DeploymentSearch*, const ThroughputResult*> systems[] = {
        {&serving.ep, &serving.epCurrent}, {&serving.afd, &serving.afdCurrent}};
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& [search, own] = systems[i];
        const QString name = i == 0 ? tr("EP") : tr("AFD");
        if (current) {
            if (own->error) {
                missing[i] = name + QStringLiteral(": ") + qtext(describe(own->error, s));
            } else if (!(own->tokensPerSecondPerGpu > 0) || !std::isfinite(own->moeLayerTime)) {
                missing[i] = tr("%1: the configured deployment serves no tokens").arg(name);
            } else {
                shown[i] = own;
            }
        } else if (search->found) {
            shown[i] = &search->best;
        } else {
            missing[i] = qtext(searchFailure(s, *search));
        }
    }
    for (const ThroughputResult* r : shown) {
        if (r != nullptr) {
            for (BreakdownRow& row : breakdownRows(*r, e, afdCommKernels)) {
                rows_.push_back(std::move(row));
            }
        }
    }
    // Each row's index within its system (EP: GPU, link; AFD: attention, FFN, link, trip).
    std::vector<std::size_t> inSystem(rows_.size(), 0);
    for (std::size_t i = 1; i < rows_.size(); ++i) {
        inSystem[i] = rows_[i].system == rows_[i - 1].system ? inSystem[i - 1] + 1 : 0;
    }

    // Rows top to bottom, a gap between the systems.
    QCPAxis* keys = bars_->axis(QCPAxis::atLeft);
    QCPAxis* values = bars_->axis(QCPAxis::atBottom);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> positions;
    double position = 0;
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        if (i > 0 && inSystem[i] == 0) {
            position += 0.6;
        }
        position += 1;
        positions << position;
        ticker->addTick(position, compact ? compactLabel(rows_[i], inSystem[i]) : rows_[i].label);
    }
    keys->setTicker(ticker);
    keys->setSubTicks(false);
    keys->setTickLength(0, 0);
    keys->setRangeReversed(true);
    keys->setRange(0.3, std::max(position, 1.0) + 0.7);
    keys->setLabel(QString());
    setLinearAxis(values);
    values->setLabel(tr("Time per MoE layer [µs]"));

    // The attention parts in three blues, light to dark; the FFN in green and yellow, the
    // communication in vermillion and pink (theme series: colour-blind safe).
    const QColor colours[kBreakdownParts] = {
        theme_.series[5],             // attention before the core
        theme_.series[0],             // attention core
        theme_.series[0].darker(170), // attention after the core
        theme_.series[2],             // shared expert
        theme_.series[4],             // routed experts
        theme_.series[1],             // dispatch
        theme_.series[3],             // combine
        theme_.ep,                    // overheads
        theme_.grid,                  // idle
    };
    const QColor groupColours[kGroups] = {theme_.series[0], theme_.series[4], theme_.series[1],
                                          theme_.ep, theme_.grid};
    double longest = 0;
    for (const BreakdownRow& row : rows_) {
        longest = std::max(longest, row.total() * kUs);
    }
    // One plottable per part (per group when compact), stacked in part order.
    const std::size_t stacks = compact ? kGroups : kBreakdownParts;
    QCPBars* below = nullptr;
    for (std::size_t k = 0; k < stacks && !rows_.empty(); ++k) {
        const bool idle = compact ? k == kGroups - 1 : k == index(BreakdownPart::Idle);
        QVector<double> ks, vs;
        bool any = false;
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            double v = 0;
            for (std::size_t part = 0; part < kBreakdownParts; ++part) {
                const bool member =
                    compact ? groupOf(static_cast<BreakdownPart>(part)) == k : part == k;
                v += member ? rows_[i].seconds[part] * kUs : 0.0;
            }
            ks << positions[int(i)];
            vs << (std::isfinite(v) ? v : 0.0);
            any = any || v > 1e-9 * longest;
        }
        auto* bars = new QCPBars(keys, values);
        bars->setObjectName(
            (compact ? QStringLiteral("group_%1") : QStringLiteral("part_%1")).arg(k));
        bars->setName(compact ? groupName(k) : breakdownPartName(static_cast<BreakdownPart>(k)));
        bars->setData(ks, vs, true);
        bars->setWidth(0.62);
        bars->setStackingGap(0);
        if (idle) {
            bars->setBrush(QBrush(withAlpha(theme_.foreground, 30)));
            bars->setPen(QPen(withAlpha(theme_.foreground, 90), 1));
        } else {
            bars->setBrush(compact ? groupColours[k] : colours[k]);
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
    for (std::size_t i = 0; i < rows_.size(); ++i) {
        const BreakdownRow& row = rows_[i];
        const ThroughputResult* r = shown[row.system == ServingSystem::Ep ? 0 : 1];
        QString text;
        if (inSystem[i] == 0) {
            const QString us = numberText(r->moeLayerTime * kUs, 4);
            text = !wide                             ? tr("%1 µs").arg(us)
                   : row.system == ServingSystem::Ep ? tr("layer %1 µs").arg(us)
                                                     : tr("3BO cycle %1 µs").arg(us);
        }
        if (row.system == ServingSystem::Afd &&
            inSystem[i] == std::size_t(kAfdBoundRow[static_cast<std::size_t>(r->bound)])) {
            // On a second line when the row also carries the cycle time: one long line runs past
            // the plot's right edge.
            text += (text.isEmpty() ? QString() : QStringLiteral("\n")) +
                    (compact ? tr("binds") : tr("sets the cycle"));
        }
        if (!text.isEmpty()) {
            auto* t = addText(bars_, text, row.total() * kUs, positions[int(i)], look,
                              Qt::AlignLeft | Qt::AlignVCenter, false, 0.9);
            t->setObjectName(QStringLiteral("row_label_%1").arg(i));
        }
    }
    // Nothing to draw: the reasons in the middle, no empty axes.
    keys->setVisible(!rows_.empty());
    values->setVisible(!rows_.empty());
    if (rows_.empty()) {
        auto* t = new QCPItemText(&p);
        t->setObjectName(QStringLiteral("breakdown_message"));
        t->setClipAxisRect(bars_);
        t->position->setAxisRect(bars_);
        t->position->setType(QCPItemPosition::ptAxisRectRatio);
        t->position->setCoords(0.5, 0.45);
        QStringList reasons;
        for (const QString& m : missing) {
            if (!m.isEmpty()) {
                reasons << wrapText(m, 60);
            }
        }
        t->setText(reasons.join(QLatin1Char('\n')));
        t->setFont(look.font);
        t->setColor(theme_.infeasible);
    }
    // Room on the right for those labels.
    values->setRange(0, longest > 0 ? longest * (wide ? 1.45 : 1.55) : 1.0);

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
        headline_->setText((!wide ? tr("AFD: %1× EP's tokens/s per GPU")
                                  : tr("AFD serves %1× EP's tokens/s per GPU"))
                               .arg(numberText(ratio_, 3)));
    } else if (rows_.empty()) {
        headline_->setText(tr("Neither EP nor AFD has a deployment to show"));
    } else {
        headline_->setText(
            tr("Only %1 has a deployment to show").arg(ep != nullptr ? tr("EP") : tr("AFD")));
    }
    QString sub = which;
    if (ep != nullptr && afd != nullptr) {
        sub += (wide ? QStringLiteral(": ") : QStringLiteral("\n")) +
               tr("AFD %1 against EP %2 tokens/s per GPU")
                   .arg(numberText(afd->tokensPerSecondPerGpu, 4),
                        numberText(ep->tokensPerSecondPerGpu, 4));
    }
    subtitle_->setText(sub);
    const auto memoryText = [](double used, double capacity) {
        return tr("%1 of %2 GB").arg(numberText(used / kGb, 3), numberText(capacity / kGb, 3));
    };
    QStringList epLines;
    QStringList afdLines;
    if (ep != nullptr) {
        epLines << tr("EP, %1 GPUs").arg(numberText(ep->gpus))
                << tr("%1 tokens/s per GPU").arg(numberText(ep->tokensPerSecondPerGpu, 4))
                << tr("TPOT %1 ms").arg(numberText(ep->tpot * kMs, 3)) << tr("memory per GPU:")
                << tr("  %1").arg(memoryText(ep->memoryPerGpu, ep->memoryCapacity))
                << tr("batch %1 per GPU").arg(numberText(ep->batchPerGpu))
                << tr("%1 micro-batches").arg(numberText(ep->microBatches));
    }
    if (afd != nullptr) {
        afdLines
            << tr("AFD, %1 attention : %2 FFN nodes").arg(numberText(afd->na), numberText(afd->nf))
            << tr("%1 GPUs").arg(numberText(afd->gpus))
            << tr("%1 tokens/s per GPU").arg(numberText(afd->tokensPerSecondPerGpu, 4))
            << tr("TPOT %1 ms").arg(numberText(afd->tpot * kMs, 3)) << tr("memory per GPU:")
            << tr("  attention %1")
                   .arg(memoryText(afd->memoryPerAttentionGpu, afd->memoryCapacityAttention))
            << tr("  FFN %1").arg(memoryText(afd->memoryPerFfnGpu, afd->memoryCapacity))
            << tr("attention batch %1 per GPU").arg(numberText(afd->batchPerAttentionGpu))
            << tr("%1 micro-batches").arg(numberText(afd->microBatches))
            << tr("cycle set by %1").arg(QString::fromStdString(boundText(afd->bound)));
    }
    for (std::size_t i = 0; i < 2; ++i) {
        // Said where the missing system's figures would be.
        if (!missing[i].isEmpty() && !rows_.empty()) { // else said in the middle
            (i == 0 ? epLines : afdLines) << wrapText(missing[i], 40);
        }
    }
    epStats_->setText(epLines.join(QLatin1Char('\n')));
    afdStats_->setText(afdLines.join(QLatin1Char('\n')));
    QStringList notes;
    if (ep != nullptr && ep->overlap != EpOverlapMode::None) {
        notes << tr("EP GPU: dispatch and combine only where the\noverlap leaves them exposed; "
                    "EP link: all of it.");
    }
    if (afd != nullptr) {
        notes << tr("AFD: each resource over the %1 micro-batches of a\ncycle; round trip: one "
                    "micro-batch end to end.")
                     .arg(numberText(afd->microBatches));
    }
    notes_->setText(notes.join(QStringLiteral("\n")));

    // Theme: the base theme, then the text elements, which it does not know.
    applyBaseTheme(p, look);
    QFont big = look.font;
    big.setPointSizeF(look.font.pointSizeF() * (wide ? 1.5 : compact ? 1.15 : 1.25));
    big.setBold(true);
    headline_->setFont(big);
    headline_->setTextColor(ratio_ > 0 ? theme_.foreground : theme_.infeasible);
    QFont body = look.font;
    body.setPointSizeF(look.font.pointSizeF() * (compact ? 0.85 : 0.95));
    for (QCPTextElement* t : {subtitle_, epStats_, afdStats_}) {
        t->setFont(body);
        t->setTextColor(theme_.foreground);
    }
    QFont small = look.font;
    small.setPointSizeF(look.font.pointSizeF() * 0.8);
    notes_->setFont(small);
    notes_->setTextColor(theme_.ep);
    keys->grid()->setVisible(false);
    p.legend->setVisible(p.legend->itemCount() > 0);
    queueReplot();
}

} // namespace afd::ui
