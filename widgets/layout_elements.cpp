// SPDX-License-Identifier: GPL-3.0-or-later
#include "layout_elements.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace afd::ui {

WrappedTextElement::WrappedTextElement(QCustomPlot* plot) : QCPTextElement(plot) {
    setTextFlags(Qt::AlignCenter | Qt::TextWordWrap);
}

QSize WrappedTextElement::wrappedSize() const {
    if (mText.isEmpty()) {
        return {0, 0};
    }
    // The viewport is the size being drawn: an export sets it before laying out.
    const int width =
        std::max(40, mParentPlot->viewport().width() - mMargins.left() - mMargins.right() - 8);
    const QFontMetrics metrics(mFont);
    const QRect r = metrics.boundingRect(QRect(0, 0, width, 100000), mTextFlags, mText);
    return {r.width() + mMargins.left() + mMargins.right(),
            r.height() + mMargins.top() + mMargins.bottom()};
}

QSize WrappedTextElement::minimumOuterSizeHint() const {
    const QSize s = wrappedSize();
    return {std::min(s.width(), 40), s.height()};
}

QSize WrappedTextElement::maximumOuterSizeHint() const {
    return {QWIDGETSIZE_MAX, wrappedSize().height()};
}

void GapSafeGraph::drawScatterPlot(QCPPainter* painter, const QVector<QPointF>& scatters,
                                   const QCPScatterStyle& style) const {
    QVector<QPointF> drawn;
    drawn.reserve(scatters.size());
    for (const QPointF& p : scatters) {
        if (!p.isNull()) {
            drawn.push_back(p);
        }
    }
    QCPGraph::drawScatterPlot(painter, drawn, style);
}

int legendColumnsThatFit(const QCPLegend& legend, int available) {
    // Cells of the grid may be empty (a partly filled last row).
    std::vector<int> widths;
    for (int i = 0; i < legend.itemCount(); ++i) {
        if (QCPAbstractLegendItem* it = legend.item(i)) {
            widths.push_back(it->minimumOuterSizeHint().width());
        }
    }
    // The most columns whose widest items, side by side, fit the width.
    const int n = static_cast<int>(widths.size());
    available -= legend.margins().left() + legend.margins().right();
    for (int c = std::max(n, 1); c > 1; --c) {
        int total = (c - 1) * legend.columnSpacing();
        for (int col = 0; col < c; ++col) {
            int widest = 0;
            for (int k = col; k < n; k += c) {
                widest = std::max(widest, widths[std::size_t(k)]);
            }
            total += widest;
        }
        if (total <= available) {
            return c;
        }
    }
    return 1;
}

void FlowLegend::update(UpdatePhase phase) {
    if (phase == upPreparation && mParentPlot != nullptr && itemCount() > 0) {
        const int columns = legendColumnsThatFit(*this, mParentPlot->viewport().width() - 24);
        if (columns != wrap()) {
            setWrap(columns);
            setFillOrder(foColumnsFirst, true);
        }
    }
    QCPLegend::update(phase);
}

void fitLegendColumns(QCustomPlot& plot) {
    for (QCPLayoutElement* element : plot.plotLayout()->elements(true)) {
        auto* legend = qobject_cast<QCPLegend*>(element);
        if (legend == nullptr || qobject_cast<FlowLegend*>(legend) != nullptr ||
            !legend->visible() || legend->fillOrder() != QCPLayoutGrid::foColumnsFirst ||
            legend->wrap() <= 1) {
            continue;
        }
        const int columns = legendColumnsThatFit(*legend, plot.viewport().width() - 8);
        if (columns < legend->wrap()) {
            legend->setWrap(columns);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
        }
    }
}

FlowLegend* installFlowLegend(QCustomPlot& plot) {
    if (plot.legend != nullptr) {
        if (plot.legend->layout() != nullptr) {
            plot.legend->layout()->take(plot.legend);
        }
        delete plot.legend; // clears plot.legend
    }
    auto* legend = new FlowLegend;
    plot.legend = legend;
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setVisible(true);
    return legend;
}

void fitLegendToTheme(QCPLegend& legend, const PlotTheme& theme) {
    const QFontMetricsF metrics(theme.font);
    bool markers = false;
    for (int i = 0; i < legend.itemCount(); ++i) {
        if (auto* entry = qobject_cast<QCPPlottableLegendItem*>(legend.item(i))) {
            auto* graph = qobject_cast<QCPGraph*>(entry->plottable());
            markers = markers || (graph != nullptr && !graph->scatterStyle().isNone());
        }
    }
    // QCustomPlot's default icon (32 x 18) is resized to the text; an icon a view chose (the
    // breakdown's swatches) is kept, and only grows to hold a marker with its pen.
    // (The size set here is remembered, so that a later theme resizes it again.)
    const QVariant autoIcon = legend.property("afdAutoIconSize");
    const bool defaultIcon = legend.iconSize() == QSize(32, 18) ||
                             (autoIcon.isValid() && autoIcon.toSize() == legend.iconSize());
    QSize icon = legend.iconSize();
    if (defaultIcon) {
        const int h = int(std::ceil(metrics.height()));
        icon = QSize(std::max(2 * h, 20), h);
    }
    if (markers) {
        const int shape = int(std::ceil(theme.markerSize + 2.0 * theme.lineWidth + 2.0));
        icon = icon.expandedTo(QSize(defaultIcon ? 2 * shape : shape, shape));
    }
    legend.setIconSize(icon);
    legend.setProperty("afdAutoIconSize", defaultIcon ? QVariant(icon) : QVariant());
    const int below = std::max(2, int(std::ceil(metrics.descent() / 2.0)));
    for (int i = 0; i < legend.itemCount(); ++i) {
        if (QCPAbstractLegendItem* item = legend.item(i)) {
            item->setMargins(QMargins(0, 0, 0, below));
        }
    }
}

namespace {

// The ticks `ticker` makes for `axis` at `count`, and whether their labels fit `length` pixels.
bool ticksFit(QCPAxis& axis, QCPAxisTicker& ticker, double length) {
    QVector<double> ticks;
    QVector<QString> labels;
    const QString format = axis.numberFormat();
    ticker.generate(axis.range(), axis.parentPlot()->locale(),
                    format.isEmpty() ? QLatin1Char('g') : format.at(0), axis.numberPrecision(),
                    ticks, nullptr, &labels);
    const QFontMetricsF metrics(axis.tickLabelFont());
    int shown = 0;
    double extent = 0;
    for (int i = 0; i < ticks.size(); ++i) {
        if (!axis.range().contains(ticks[i])) {
            continue;
        }
        ++shown;
        const QString label = i < labels.size() ? labels[i] : QString();
        extent =
            std::max(extent, axis.orientation() == Qt::Horizontal ? metrics.horizontalAdvance(label)
                                                                  : metrics.height());
    }
    // A gap of an "m" between labels side by side, of a third of a line between rows.
    const double gap = axis.orientation() == Qt::Horizontal
                           ? metrics.horizontalAdvance(QLatin1Char('m'))
                           : metrics.height() / 3.0;
    return shown <= 1 || shown * (extent + gap) <= length;
}

// The view's own count and strategy if its labels fit, else the most ticks that do.
void fitTicker(QCPAxis& axis, QCPAxisTicker& ticker, QCPAxisTickerFixed* fixed, int wanted,
               int strategy, double length) {
    ticker.setTickCount(wanted);
    if (fixed != nullptr) {
        fixed->setScaleStrategy(QCPAxisTickerFixed::ScaleStrategy(strategy));
    }
    if (ticksFit(axis, ticker, length)) {
        return;
    }
    // A fixed step may then grow by whole multiples (a step of 1 becomes 2, 5, ...), trying
    // the view's own count first.
    const bool multiplesNew = fixed != nullptr && strategy != int(QCPAxisTickerFixed::ssMultiples);
    if (fixed != nullptr) {
        fixed->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    }
    for (int count = multiplesNew ? wanted : std::max(wanted, 2) - 1; count >= 1; --count) {
        ticker.setTickCount(count);
        if (ticksFit(axis, ticker, length)) {
            return;
        }
    }
}

} // namespace

void fitTickCounts(QCustomPlot& plot) {
    for (QCPAxisRect* rect : plot.axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            QSharedPointer<QCPAxisTicker> ticker = axis->ticker();
            if (!axis->visible() || !axis->tickLabels() || ticker.isNull() ||
                !ticker.dynamicCast<QCPAxisTickerText>().isNull()) {
                continue;
            }
            const double length =
                axis->orientation() == Qt::Horizontal ? rect->width() : rect->height();
            if (length < 8) {
                continue;
            }
            // What the view asked for, remembered per ticker: a rebuild may set a new ticker,
            // or a new count or strategy on its ticker (what differs from what was set here).
            auto fixed = ticker.dynamicCast<QCPAxisTickerFixed>();
            const int currentStrategy = fixed ? int(fixed->scaleStrategy()) : -1;
            const auto id = QVariant::fromValue(quintptr(ticker.data()));
            if (axis->property("afdTicker") != id ||
                axis->property("afdSetCount").toInt() != ticker->tickCount() ||
                axis->property("afdSetStrategy").toInt() != currentStrategy) {
                axis->setProperty("afdTicker", id);
                axis->setProperty("afdTickCount", ticker->tickCount());
                axis->setProperty("afdScaleStrategy", currentStrategy);
            }
            const int wanted = axis->property("afdTickCount").toInt();
            const int strategy = axis->property("afdScaleStrategy").toInt();
            fitTicker(*axis, *ticker, fixed.data(), wanted, strategy, length);
            axis->setProperty("afdSetCount", ticker->tickCount());
            axis->setProperty("afdSetStrategy", fixed ? int(fixed->scaleStrategy()) : -1);
        }
    }
}

void layoutAt(QCustomPlot& plot, const QSize& size) {
    const QRect previous = plot.viewport();
    plot.setViewport(QRect(QPoint(0, 0), size));
    for (auto phase : {QCPLayoutElement::upPreparation, QCPLayoutElement::upMargins,
                       QCPLayoutElement::upLayout}) {
        plot.plotLayout()->update(phase);
    }
    plot.setViewport(previous);
}

} // namespace afd::ui
