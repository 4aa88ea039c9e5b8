// SPDX-License-Identifier: GPL-3.0-or-later
#include "imbalance_view.hpp"

#include "afd/imbalance.hpp"
#include "label_placement.hpp"
#include "plot_helpers.hpp"
#include "scenario_controller.hpp"

#include <algorithm>
#include <cmath>

namespace afd::ui {

ImbalanceView::ImbalanceView(ScenarioController& controller, QWidget* parent)
    : PlotView(controller, ViewId::Imbalance, parent) {}

void ImbalanceView::rebuild() {
    QCPAxisRect* rect = clearPlot();
    const Scenario& s = controller_.scenario();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    setLinearAxis(x);
    setLinearAxis(y);
    const double currentSigma = s[Param::Sigma];
    const double currentLambda = s[Param::Na] / s[Param::Nf];
    // The curves of the scenario file's figure block; without one, those of the paper's
    // Fig. 6 (lambda in [1, 5], sigma in {0.7, 0.75, 0.8, 0.85}, N_F in {2, 4, 6}). The current
    // sigma and lambda are added when they fall outside.
    const FigureSpec* figure = controller_.figure();
    const bool own = figure != nullptr && figure->view == "imbalance";
    const double lambdaLo = std::min(own ? figure->lambdaFrom : 1.0, std::floor(currentLambda));
    const double lambdaHi = std::max(own ? figure->lambdaTo : 5.0, std::ceil(currentLambda));
    std::vector<double> sigmas =
        own && !figure->sigmas.empty() ? figure->sigmas : std::vector<double>{0.7, 0.75, 0.8, 0.85};
    if (std::none_of(sigmas.begin(), sigmas.end(),
                     [&](double v) { return std::abs(v - currentSigma) < 1e-9; })) {
        sigmas.push_back(currentSigma);
        std::sort(sigmas.begin(), sigmas.end());
    }
    const std::vector<double> nfs =
        own && !figure->nfValues.empty() ? figure->nfValues : std::vector<double>{2, 4, 6};
    const QCPScatterStyle::ScatterShape shapes[] = {QCPScatterStyle::ssDisc,
                                                    QCPScatterStyle::ssSquare,
                                                    QCPScatterStyle::ssTriangle,
                                                    QCPScatterStyle::ssDiamond,
                                                    QCPScatterStyle::ssTriangleInverted,
                                                    QCPScatterStyle::ssCrossSquare};
    const double lw = theme_.lineWidth;
    const double ms = theme_.markerSize;
    double lowest = 1;
    // A paper column has no room for a legend of eleven entries beside or below the axes: the
    // EP curves are named where they end instead.
    const bool compact = drawnSmallerThan(QSize(400, 260));
    PlacedLabels* curveNames = compact ? new PlacedLabels(rect) : nullptr;
    for (std::size_t k = 0; k < sigmas.size(); ++k) {
        const double sigma = sigmas[k];
        const QColor c = theme_.series[k % theme_.series.size()];
        const bool current = std::abs(sigma - currentSigma) < 1e-9;
        QVector<double> xs, ys;
        for (int i = 0; i <= 200; ++i) {
            const double lambda = lambdaLo + (lambdaHi - lambdaLo) * i / 200.0;
            xs << lambda;
            ys << alphaEpImbalance(lambda, sigma);
        }
        addLine(rect, xs, ys, QPen(c, current ? lw * 1.6 : lw),
                tr("EP, sigma = %1").arg(numberText(sigma, 3)), !compact);
        if (compact) { // named at its right end instead of in the legend
            PlacedLabels::Label l;
            l.x = xs.last();
            l.y = ys.last();
            l.text = QStringLiteral("σ = %1").arg(numberText(sigma, 3));
            l.font = theme_.font;
            l.font.setPointSizeF(theme_.font.pointSizeF() * 0.85);
            l.colour = c.darker(theme_.isDark() ? 80 : 115);
            l.clearance = 2;
            l.optional = true;
            curveNames->add(l);
        }
        for (std::size_t j = 0; j < nfs.size(); ++j) {
            QVector<double> ax, ay;
            for (double na = std::ceil(lambdaLo * nfs[j]); na <= lambdaHi * nfs[j] + 1e-9; ++na) {
                const ImbalanceResult r = imbalance({na, nfs[j], sigma, 1});
                ax << na / nfs[j];
                ay << r.alphaAfd;
                lowest = std::min(lowest, r.alphaAfd);
            }
            addPoints(rect, ax, ay,
                      QCPScatterStyle(shapes[j % std::size(shapes)], c, ms * (current ? 1.0 : 0.8)),
                      tr("AFD, N_F = %1, sigma = %2").arg(nfs[j]).arg(numberText(sigma, 3)), false);
        }
        lowest = std::min(lowest, sigma);
    }
    // Marker legend for N_F (shape only).
    for (std::size_t j = 0; j < nfs.size(); ++j) {
        addPoints(rect, {qQNaN()}, {qQNaN()},
                  QCPScatterStyle(shapes[j % std::size(shapes)], theme_.foreground, ms),
                  compact ? tr("AFD, N_F = %1").arg(nfs[j])
                          : tr("AFD, N_F = %1 (lambda = N_A / N_F)").arg(nfs[j]));
    }
    // DP imbalance for the current sigma: EP reuses freed time (B4), AFD cannot (= sigma).
    QVector<double> xs, ys;
    for (int i = 0; i <= 100; ++i) {
        const double lambda = lambdaLo + (lambdaHi - lambdaLo) * i / 100.0;
        xs << lambda;
        ys << imbalance({1, 1, currentSigma, lambda}).alphaEpDp;
    }
    addLine(rect, xs, ys, QPen(theme_.ep, lw, Qt::DashLine),
            compact ? tr("DP, EP")
                    : tr("DP imbalance, EP (sigma = %1)").arg(numberText(currentSigma, 3)));
    addLine(rect, {lambdaLo, lambdaHi}, {currentSigma, currentSigma},
            QPen(theme_.ep, lw, Qt::DotLine),
            compact ? tr("DP, AFD") : tr("DP imbalance, AFD = sigma"));
    // The scenario's own point.
    const ImbalanceResult here =
        imbalance({s[Param::Na], s[Param::Nf], currentSigma, s[Param::LambdaEp]});
    addPoints(rect, {currentLambda}, {here.alphaAfd},
              QCPScatterStyle(QCPScatterStyle::ssStar, QPen(theme_.highlight, 2.5),
                              theme_.highlight, ms * 2.6),
              compact ? tr("this scenario")
                      : tr("this scenario: N_A %1, N_F %2, alpha_AFD %3 (%4)")
                            .arg(numberText(s[Param::Na]), numberText(s[Param::Nf]),
                                 numberText(here.alphaAfd, 4), qtext(roundingRuleKey(here.rule))));
    // Shorter names on a paper column, where the caption says the rest.
    x->setLabel(compact
                    ? tr("Attention / FFN [ratio]")
                    : tr("lambda = attention / FFN [ratio] (t_a / t_f for EP, N_A / N_F for AFD)"));
    y->setLabel(compact ? tr("Throughput factor [ratio]") : tr("Throughput factor alpha [ratio]"));
    x->setRange(lambdaLo - 0.1, lambdaHi + 0.1);
    y->setRange(std::max(0.0, lowest - 0.05), 1.01);
    finishPlot(Qt::AlignBottom | Qt::AlignRight);
    // Eleven entries over curves that fill the plot: in a free corner when there is one, else
    // below the axes.
    placeLegendAutomatically(*plot_, rect, Qt::AlignBottom | Qt::AlignRight);
}

} // namespace afd::ui
