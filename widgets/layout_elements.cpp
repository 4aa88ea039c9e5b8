// SPDX-License-Identifier: GPL-3.0-or-later
#include "layout_elements.hpp"

#include <algorithm>
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

void FlowLegend::update(UpdatePhase phase) {
    if (phase == upPreparation && mParentPlot != nullptr && itemCount() > 0) {
        // Cells of the grid may be empty (a partly filled last row).
        std::vector<int> widths;
        for (int i = 0; i < itemCount(); ++i) {
            if (QCPAbstractLegendItem* it = item(i)) {
                widths.push_back(it->minimumOuterSizeHint().width());
            }
        }
        // The most columns whose widest items, side by side, fit the plot's width.
        const int available = mParentPlot->viewport().width() - 24;
        const int n = static_cast<int>(widths.size());
        int columns = 1;
        for (int c = std::max(n, 1); c > 1; --c) {
            int total = (c - 1) * columnSpacing();
            for (int col = 0; col < c; ++col) {
                int widest = 0;
                for (int k = col; k < n; k += c) {
                    widest = std::max(widest, widths[std::size_t(k)]);
                }
                total += widest;
            }
            if (total <= available) {
                columns = c;
                break;
            }
        }
        if (columns != wrap()) {
            setWrap(columns);
            setFillOrder(foColumnsFirst, true);
        }
    }
    QCPLegend::update(phase);
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

} // namespace afd::ui
