// SPDX-License-Identifier: GPL-3.0-or-later
#include "frontier_view.hpp"

#include "afd/optimal_ratio.hpp"
#include "afd/throughput_report.hpp"
#include "label_placement.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QMouseEvent>
#include <QToolTip>
#include <algorithm>
#include <cmath>

namespace afd::ui {

namespace {

constexpr double kMs = 1e3;

// A point a log axis can draw: finite and positive.
bool drawable(double v) {
    return std::isfinite(v) && v > 0;
}

// Extends [lo, hi] to hold v.
void cover(double v, double& lo, double& hi) {
    if (drawable(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
}

// A log axis range around [lo, hi] with a margin, sane when empty or a single value.
QCPRange logRange(double lo, double hi) {
    if (!(lo <= hi)) {
        return QCPRange(1, 100);
    }
    if (hi / lo < 1.5) {
        lo /= 1.5;
        hi *= 1.5;
    }
    return QCPRange(lo / 1.3, hi * 1.3);
}

// Ticks at 1, 2 and 5 times the powers of ten within `range`, so that a log axis spanning
// about a decade still has several labels (QCPAxisTickerLog labels powers of ten only).
void setOneTwoFiveTicks(QCPAxis* axis, const QCPRange& range) {
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    ticker->setSubTickCount(0);
    for (int k = int(std::floor(std::log10(range.lower)));
         k <= int(std::ceil(std::log10(range.upper))); ++k) {
        for (const double m : {1.0, 2.0, 5.0}) {
            const double v = m * std::pow(10.0, k);
            if (v >= range.lower && v <= range.upper) {
                ticker->addTick(v, numberText(v, 3));
            }
        }
    }
    axis->setTicker(ticker);
}

// A paper column (252 x 180 at 13 pt) is compact; a window or a slide is not.
bool isCompact(QSize size, double pointSize) {
    return size.width() < 34 * pointSize || size.height() < 22 * pointSize;
}

// Narrow (a docked window): shorter legend names. 0 compact, 1 narrow, 2 wide.
int sizeClass(QSize size, double pointSize) {
    return isCompact(size, pointSize) ? 0 : size.width() < 70 * pointSize ? 1 : 2;
}

} // namespace

// The hover's full configuration (the core's deploymentText() is the short form).
QString hoverConfiguration(const ThroughputResult& r) {
    if (r.system == ServingSystem::Ep) {
        return QObject::tr("EP %1 GPUs, batch %2 per GPU, %3, %4 expert slots")
            .arg(numberText(r.epGpus), numberText(r.batchPerGpu),
                 QString::fromStdString(overlapText(r.overlap)), numberText(r.expertSlots));
    }
    if (r.system == ServingSystem::Afd) {
        return QObject::tr("%1 attention : %2 FFN nodes, attention batch %3 per GPU, shared "
                           "expert on the %4 GPUs")
            .arg(numberText(r.na), numberText(r.nf), numberText(r.batchPerAttentionGpu),
                 r.sharedOn == SharedExpertPlace::Ffn ? QObject::tr("FFN")
                                                      : QObject::tr("attention"));
    }
    return {};
}

FrontierView::FrontierView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Frontier, parent) {
    cost_ = new QCheckBox(tr("Cost (USD per million tokens)"), this);
    cost_->setObjectName(QStringLiteral("frontier_cost"));
    optionsBar()->addWidget(cost_);
    optionsBar()->addStretch();
    connect(cost_, &QCheckBox::toggled, this, &FrontierView::requestRebuild);
    updateCostToggle();

    // The legend goes below the plot in two columns (EP, AFD): inside, it would cover the
    // frontier on a narrow plot.
    QCustomPlot& p = *plot_;
    if (p.axisRect()->insetLayout()->take(p.legend)) {
        p.axisRect()->insetLayout()->simplify();
        p.plotLayout()->addElement(1, 0, p.legend);
        p.plotLayout()->setRowStretchFactor(1, 0.001);
        p.legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        p.legend->setWrap(2);
        p.legend->setMargins(QMargins(6, 3, 6, 3));
    }

    plot_->installEventFilter(this);
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, [this](QMouseEvent* e) {
        const QString text = describeNear(e->position());
        if (text.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(e->globalPosition().toPoint(), text, plot_);
        }
    });
}

bool FrontierView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::Resize &&
        sizeClass(plot_->size(), theme_.font.pointSizeF()) != sizeClass_) {
        requestRebuild();
    }
    return PlotView::eventFilter(watched, event);
}

void FrontierView::setCostShown(bool on) {
    cost_->setChecked(on);
}

bool FrontierView::costShown() const {
    return cost_->isChecked() && cost_->isEnabled();
}

void FrontierView::updateCostToggle() {
    // Cost needs a price for every GPU type of a deployment (C-S1): the scenario's hardware,
    // and the attention GPUs' when they are other hardware.
    const Scenario& s = controller_.scenario();
    const Scenario* attention = controller_.attentionHardware();
    const bool ffnPriced = s[Param::GpuHourUsd] > 0;
    const bool attentionPriced = attention == nullptr || (*attention)[Param::GpuHourUsd] > 0;
    cost_->setEnabled(ffnPriced && attentionPriced);
    const QString price = qtext(spec(Param::GpuHourUsd).label);
    if (!ffnPriced) {
        cost_->setToolTip(tr("%1 has no price per GPU-hour: set \"%2\" to see the cost")
                              .arg(qtext(controller_.hardwarePreset().name), price));
    } else if (!attentionPriced) {
        cost_->setToolTip(tr("The attention GPUs' hardware has no price per GPU-hour"));
    } else {
        cost_->setToolTip(tr("USD per million output tokens on the y axis, from the price per "
                             "GPU-hour of every GPU in the deployment"));
    }
}

void FrontierView::rebuild() {
    updateCostToggle();
    QCPAxisRect* rect = clearPlot();
    hoverables_.clear();
    sloX_ = 0;
    const Scenario& s = controller_.scenario();
    const ServingComparison& serving = controller_.serving();
    const bool cost = costShown();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    // Tokens/s per user spans a decade or more along a frontier: log. Tokens/s per GPU reads
    // best linear from 0 (the best deployments, at the top, get the room); cost, its inverse
    // per GPU-hour, runs up steeply at high tokens/s per user: log.
    setLogAxis(x);
    if (cost) {
        setLogAxis(y);
    } else {
        setLinearAxis(y);
    }

    const auto yOf = [cost](const ThroughputResult& r) {
        return cost ? (r.priced ? r.usdPerMillionTokens : qQNaN()) : r.tokensPerSecondPerGpu;
    };
    // A small drawing (a paper column: 252 x 180 at 13 pt) gets smaller type and shorter names.
    const QSize size = renderSize();
    const double pt = theme_.font.pointSizeF();
    sizeClass_ = sizeClass(size, pt);
    const bool compact = sizeClass_ == 0;
    PlotTheme look = theme_;
    if (compact) {
        look.font.setPointSizeF(std::max(7.0, pt * 0.55));
        look.markerSize *= 0.7;
        look.lineWidth *= 0.7;
    }
    if (compact) {
        x->setLabel(tr("Tokens/s per user (log)"));
        y->setLabel(cost ? tr("USD per million tokens") : tr("Tokens/s per GPU"));
        if (!cost) {
            y->ticker()->setTickCount(3);
        }
    } else {
        x->setLabel(tr("Tokens/s per user [tokens/s] (log)"));
        y->setLabel(cost ? tr("Cost [USD per million tokens] (log)")
                         : tr("Tokens/s per GPU [tokens/s]"));
    }
    const double lw = look.lineWidth;
    const double ms = look.markerSize;
    double xlo = 1e300, xhi = -1e300, ylo = 1e300, yhi = -1e300;

    struct System {
        const DeploymentSearch* search;
        const ThroughputResult* current;
        QString name;
        QColor colour;
        QString key;
    };
    const System systems[] = {
        {&serving.ep, &serving.epCurrent, tr("EP"), theme_.series[0], QStringLiteral("ep")},
        {&serving.afd, &serving.afdCurrent, tr("AFD"), theme_.series[1], QStringLiteral("afd")},
    };
    QStringList missing;
    for (const System& sys : systems) {
        QVector<double> xs, ys;
        for (const ThroughputResult& r : sys.search->frontier) {
            const double px = r.tokensPerSecondPerUser;
            const double py = yOf(r);
            if (!drawable(px) || !drawable(py)) {
                continue;
            }
            xs << px;
            ys << py;
            cover(px, xlo, xhi);
            cover(py, ylo, yhi);
            hoverables_.push_back({px, py, r, tr("%1 frontier").arg(sys.name)});
        }
        // Why a system has no frontier, or no best point under the SLO (the core's words).
        if (xs.isEmpty() || !sys.search->found) {
            const std::string why = searchFailure(s, *sys.search);
            missing << wrapText(why.empty() ? tr("%1: no deployment fits in memory").arg(sys.name)
                                            : qtext(why),
                                compact ? 44 : 60);
        }
        if (xs.isEmpty()) {
            continue;
        }
        // The frontier is listed by tokens/s per user ascending: drawn as a step-free line.
        auto* line = addLine(rect, xs, ys, QPen(sys.colour, lw), tr("%1 frontier").arg(sys.name));
        line->setObjectName(QStringLiteral("frontier_") + sys.key);
        line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, ms * 0.55));
    }
    // The best deployment of each under the SLO.
    for (const System& sys : systems) {
        if (!sys.search->found) {
            continue;
        }
        const ThroughputResult& b = sys.search->best;
        const double px = b.tokensPerSecondPerUser;
        const double py = yOf(b);
        if (!drawable(px) || !drawable(py)) {
            continue;
        }
        cover(px, xlo, xhi);
        cover(py, ylo, yhi);
        // Shorter as the plot narrows: the legend's two columns share its width.
        const bool narrow = sizeClass_ == 1;
        const QString label =
            compact  ? tr("%1 best").arg(sys.name)
            : narrow ? (cost ? tr("%1 best: %2 USD").arg(sys.name, numberText(py, 3))
                             : tr("%1 best: %2").arg(sys.name, numberText(py, 4)))
            : cost   ? tr("%1 best: %2 USD per million tokens").arg(sys.name, numberText(py, 3))
                     : tr("%1 best: %2 tokens/s per GPU").arg(sys.name, numberText(py, 4));
        auto* best = addPoints(rect, {px}, {py},
                               QCPScatterStyle(QCPScatterStyle::ssStar, QPen(sys.colour, 2.5),
                                               sys.colour, ms * (compact ? 1.7 : 2.4)),
                               label);
        best->setObjectName(QStringLiteral("best_") + sys.key);
        hoverables_.push_back({px, py, b, tr("%1, best under the SLO").arg(sys.name)});
    }
    // Song et al.'s closed-form ratio (Theorem 4.4, docs/model.md C-R) at the best AFD's FFN
    // nodes and batch: N_A = r* N_F rounded to whole nodes, with its largest batch under the
    // SLO. Where it lands on the best star, the exact search and the closed form agree.
    if (serving.afd.found && !compact) {
        const ThroughputResult& b = serving.afd.best;
        const Scenario* attention = controller_.attentionHardware();
        Scenario at = withSystem(s, ServingSystem::Afd);
        at[Param::Na] = b.na;
        at[Param::Nf] = b.nf;
        at[Param::SharedExpertOn] = static_cast<double>(b.sharedOn);
        const OptimalRatio ratio = optimalRatioAtBatch(at, attention, b.batchPerAttentionGpu);
        if (ratio.error.empty() && ratio.rStar > 0) {
            at[Param::Na] =
                std::clamp(std::round(ratio.rStar * b.nf), 1.0, double(kMaxAttentionNodes));
            at[Param::BatchPerAttentionGpu] = 0;
            const ThroughputResult t = throughput(resolveAutomaticBatch(at, attention), attention);
            const double px = t.tokensPerSecondPerUser;
            const double py = yOf(t);
            if (!t.error && t.fitsMemory && t.batchPerAttentionGpu > 0 && drawable(px) &&
                drawable(py)) {
                cover(px, xlo, xhi);
                cover(py, ylo, yhi);
                // Short on a paper-column figure, so that the legend takes two columns there.
                const QString label =
                    (renderSize().width() < 400
                         ? tr("Song et al. r* = %1: %2 : %3 nodes")
                         : tr("Song et al. r* = %1 (SLO-free): %2 attention : %3 FFN nodes"))
                        .arg(numberText(ratio.rStar, 3), numberText(t.na), numberText(t.nf));
                auto* song =
                    addPoints(rect, {px}, {py},
                              QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(theme_.foreground, 2),
                                              QBrush(Qt::NoBrush), ms * 1.6),
                              label);
                song->setObjectName(QStringLiteral("song_ratio"));
                hoverables_.push_back({px, py, t, label});
            }
        }
    }
    // The scenario's own deployments (batch 0 already resolved by the comparison).
    for (const System& sys : systems) {
        const ThroughputResult& c = *sys.current;
        const double px = c.tokensPerSecondPerUser;
        const double py = yOf(c);
        if (c.error || !drawable(px) || !drawable(py)) {
            continue;
        }
        cover(px, xlo, xhi);
        cover(py, ylo, yhi);
        const bool fits = c.fitsMemory;
        auto* point = addPoints(
            rect, {px}, {py},
            QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(sys.colour.darker(140), 2),
                            fits ? QBrush(withAlpha(sys.colour, 120)) : QBrush(Qt::NoBrush),
                            ms * 1.5),
            compact ? tr("%1 configured").arg(sys.name)
            : fits  ? tr("%1 as configured").arg(sys.name)
                    : tr("%1 as configured (does not fit in memory)").arg(sys.name));
        point->setObjectName(QStringLiteral("current_") + sys.key);
        hoverables_.push_back({px, py, c, tr("%1 as configured").arg(sys.name)});
    }

    // TPOT <= SLO is tokens/s per user >= 1 / SLO, since tokens/s per user = 1 / TPOT (C-S1).
    const double slo = s[Param::SloMs];
    const bool anyPoint = xlo <= xhi;
    if (drawable(slo) && anyPoint) {
        sloX_ = kMs / slo;
        cover(sloX_, xlo, xhi);
    }
    const QCPRange xr = logRange(xlo, xhi);
    const QCPRange yr = cost ? logRange(ylo, yhi) : QCPRange(0, anyPoint ? yhi * 1.1 : 1.0);
    x->setRange(xr);
    y->setRange(yr);
    setOneTwoFiveTicks(x, xr);
    if (cost) {
        setOneTwoFiveTicks(y, yr);
    }
    if (sloX_ > 0) {
        // Deployments left of the line miss the SLO: shaded lightly.
        addVerticalBand(rect, xr.lower, sloX_, QBrush(withAlpha(theme_.ep, 26)));
        auto* line =
            addSegment(rect, sloX_, 0, sloX_, 1, QPen(theme_.foreground, lw, Qt::DashLine), true);
        line->setObjectName(QStringLiteral("slo_line"));
        const QString sloText = tr("TPOT SLO %1 ms").arg(numberText(slo, 3));
        if (renderSize().width() < 400) {
            // A paper-column figure has no room along the line that the markers leave free:
            // the legend names the line instead.
            addLine(rect, {}, {}, QPen(theme_.foreground, lw, Qt::DashLine), sloText);
        } else {
            // Along the line, on its left, where the frontier is not: it is high there for
            // throughput (label at the bottom) and low for cost (label at the top).
            auto* label =
                addText(rect, sloText, sloX_, cost ? 0.02 : 0.98, look,
                        (cost ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom, true, 0.95);
            label->setRotation(-90);
            label->setPadding(QMargins(3, 1, 3, 5)); // the bottom, once turned, is the line's side
            label->setObjectName(QStringLiteral("slo_label"));
            // Along the line where no deployment's marker is (on a small figure they crowd it).
            (new PlacedLabels(rect))->manage(label, sloX_, cost ? 0.15 : 0.85, true, 0);
        }
    }
    if (!anyPoint) {
        QString text = tr("Nothing to show");
        for (const QString& m : missing) {
            text += QLatin1Char('\n') + m;
        }
        auto* t = addText(rect, text, std::sqrt(xr.lower * xr.upper), 0.5, look, Qt::AlignCenter,
                          true, 1.1);
        t->setObjectName(QStringLiteral("frontier_message"));
        t->setColor(theme_.infeasible);
    } else if (!missing.isEmpty()) {
        // Said in the empty corner above the frontier: the top right for throughput (it falls
        // with tokens/s per user), the top left for cost (it rises).
        auto* t = addText(rect, missing.join(QLatin1Char('\n')), cost ? xr.lower : xr.upper, 0.02,
                          look, (cost ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignTop, true, 0.85);
        t->setObjectName(QStringLiteral("frontier_message"));
        t->setColor(theme_.infeasible);
        t->setBrush(withAlpha(theme_.background, 200));
    }
    // Items come EP, AFD, EP, AFD, ...: two columns (EP, AFD) in a window, two rows in a
    // paper column.
    plot_->legend->setWrap(2);
    plot_->legend->setFillOrder(compact ? QCPLayoutGrid::foRowsFirst
                                        : QCPLayoutGrid::foColumnsFirst);
    plot_->legend->setIconSize(compact ? 10 : 24, compact ? 8 : 12);
    plot_->legend->setIconTextPadding(compact ? 2 : 7);
    plot_->legend->setVisible(plot_->legend->itemCount() > 0);
    applyBaseTheme(*plot_, look);
    queueReplot();
}

QString FrontierView::describeNear(QPointF pixel) const {
    QCPAxisRect* rect = plot_->axisRect();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const double reach = std::max(8.0, theme_.markerSize);
    const Hoverable* nearest = nullptr;
    double bestDistance = reach * reach;
    for (const Hoverable& h : hoverables_) {
        const double dx = x->coordToPixel(h.x) - pixel.x();
        const double dy = y->coordToPixel(h.y) - pixel.y();
        const double d = dx * dx + dy * dy;
        if (d <= bestDistance) {
            bestDistance = d;
            nearest = &h;
        }
    }
    if (nearest == nullptr) {
        return {};
    }
    const ThroughputResult& r = nearest->result;
    QString text = QStringLiteral("<b>%1</b><br>%2<br>TPOT %3 ms · %4 tokens/s per GPU · %5 "
                                  "tokens/s per user")
                       .arg(nearest->role.toHtmlEscaped(), hoverConfiguration(r).toHtmlEscaped(),
                            numberText(r.tpot * kMs, 3), numberText(r.tokensPerSecondPerGpu, 4),
                            numberText(r.tokensPerSecondPerUser, 3));
    if (r.priced) {
        text += tr("<br>%1 USD per million tokens").arg(numberText(r.usdPerMillionTokens, 3));
    }
    text += tr("<br>%1 GPUs").arg(numberText(r.gpus));
    if (!r.fitsMemory) {
        text += tr("<br><span style='color:#c00'>does not fit in memory</span>");
    }
    return text;
}

} // namespace afd::ui
