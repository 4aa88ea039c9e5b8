// SPDX-License-Identifier: GPL-3.0-or-later
#include "figure_labels.hpp"

#include <QFontMetricsF>
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace afd::ui {

namespace {

bool segmentCrosses(const QRectF& box, const QLineF& s) {
    if (box.contains(s.p1()) || box.contains(s.p2())) {
        return true;
    }
    const std::array<QLineF, 4> edges{
        QLineF(box.topLeft(), box.topRight()), QLineF(box.topRight(), box.bottomRight()),
        QLineF(box.bottomRight(), box.bottomLeft()), QLineF(box.bottomLeft(), box.topLeft())};
    for (const QLineF& e : edges) {
        if (s.intersects(e, nullptr) == QLineF::BoundedIntersection) {
            return true;
        }
    }
    return false;
}

// The point of `box` nearest to `p`.
QPointF nearestOnBox(const QRectF& box, QPointF p) {
    return {std::clamp(p.x(), box.left(), box.right()), std::clamp(p.y(), box.top(), box.bottom())};
}

// Box of a text of the item's font, text alignment and padding, aligned on `at` by `align`
// (the arithmetic QCPItemText::draw uses).
QRectF boxAt(const QCPItemText* item, QPointF at, Qt::Alignment align) {
    const QFontMetricsF fm(item->font());
    const QRectF text =
        fm.boundingRect(QRectF(), Qt::TextDontClip | item->textAlignment(), item->text());
    const QMargins pad = item->padding();
    const QSizeF size(text.width() + pad.left() + pad.right(),
                      text.height() + pad.top() + pad.bottom());
    double left = at.x();
    double top = at.y();
    if (align & Qt::AlignHCenter) {
        left -= size.width() / 2;
    } else if (align & Qt::AlignRight) {
        left -= size.width();
    }
    if (align & Qt::AlignVCenter) {
        top -= size.height() / 2;
    } else if (align & Qt::AlignBottom) {
        top -= size.height();
    }
    return {QPointF(left, top), size};
}

} // namespace

FigureLabels::FigureLabels(QCustomPlot* plot) : QObject(plot), plot_(plot) {
    connect(plot_, &QCustomPlot::afterLayout, this, &FigureLabels::place);
}

void FigureLabels::clear() {
    labels_.clear();
    points_.clear();
    curves_.clear();
    legends_.clear();
}

void FigureLabels::addLabel(QCPItemText* item, QCPAxisRect* rect, double x, double y,
                            bool yIsAxisRatio, bool keepFirst) {
    auto* leader = new QCPItemLine(plot_);
    leader->setClipAxisRect(rect);
    leader->setPen(QPen(item->color(), 1));
    leader->start->setType(QCPItemPosition::ptAbsolute);
    leader->end->setType(QCPItemPosition::ptAbsolute);
    leader->setVisible(false);
    // The alignment it was created with tells where "first" is.
    const Qt::Alignment align = item->positionAlignment();
    item->setProperty("firstAlignment", int(align));
    labels_.push_back({item, rect, x, y, yIsAxisRatio, keepFirst, {}, leader});
}

void FigureLabels::addPoints(QCPAxisRect* rect, const QVector<double>& xs,
                             const QVector<double>& ys, double radius) {
    points_.push_back({rect, xs, ys, radius});
}

void FigureLabels::addCurve(QCPAxisRect* rect, const QVector<double>& xs,
                            const QVector<double>& ys) {
    curves_.push_back({rect, xs, ys});
}

void FigureLabels::addLegend(QCPLegend* legend, QCPAxisRect* rect) {
    legends_.push_back({legend, rect});
}

QRectF FigureLabels::textBox(const QCPItemText* item) {
    const QPointF a = item->topLeft->pixelPosition();
    const QPointF b = item->bottomRight->pixelPosition();
    return QRectF(a, b).normalized();
}

QPointF FigureLabels::pixel(QCPAxisRect* rect, double x, double y, bool yRatio) const {
    const double px = rect->axis(QCPAxis::atBottom)->coordToPixel(x);
    const double py =
        yRatio ? rect->top() + y * rect->height() : rect->axis(QCPAxis::atLeft)->coordToPixel(y);
    return {px, py};
}

QVector<QRectF> FigureLabels::pointBoxes(const QCPAxisRect* rect) const {
    QVector<QRectF> boxes;
    for (const Points& p : points_) {
        if (p.rect != rect) {
            continue;
        }
        for (qsizetype i = 0; i < p.xs.size() && i < p.ys.size(); ++i) {
            if (!std::isfinite(p.xs[i]) || !std::isfinite(p.ys[i])) {
                continue;
            }
            const QPointF c = pixel(p.rect, p.xs[i], p.ys[i], false);
            boxes << QRectF(c.x() - p.radius, c.y() - p.radius, 2 * p.radius, 2 * p.radius);
        }
    }
    return boxes;
}

QVector<QLineF> FigureLabels::curveSegments(const QCPAxisRect* rect) const {
    QVector<QLineF> segments;
    for (const Curve& c : curves_) {
        if (c.rect != rect) {
            continue;
        }
        for (qsizetype i = 1; i < c.xs.size() && i < c.ys.size(); ++i) {
            if (!std::isfinite(c.ys[i - 1]) || !std::isfinite(c.ys[i])) {
                continue;
            }
            segments << QLineF(pixel(c.rect, c.xs[i - 1], c.ys[i - 1], false),
                               pixel(c.rect, c.xs[i], c.ys[i], false));
        }
    }
    return segments;
}

void FigureLabels::place() {
    // Legends first: the labels then keep clear of wherever they went.
    for (const LegendSlot& slot : legends_) {
        if (slot.legend == nullptr || !slot.legend->visible()) {
            continue;
        }
        QCPLayoutInset* inset = slot.rect->insetLayout();
        const QList<QCPLayoutElement*> elements = inset->elements(false);
        const int index =
            static_cast<int>(elements.indexOf(static_cast<QCPLayoutElement*>(slot.legend.data())));
        if (index < 0) {
            continue;
        }
        const QVector<QRectF> boxes = pointBoxes(slot.rect);
        const QVector<QLineF> segments = curveSegments(slot.rect);
        const QRectF area = slot.rect->rect();
        const QSizeF size = slot.legend->outerRect().size();
        const std::array<Qt::Alignment, 4> corners{
            Qt::AlignTop | Qt::AlignRight, Qt::AlignTop | Qt::AlignLeft,
            Qt::AlignBottom | Qt::AlignRight, Qt::AlignBottom | Qt::AlignLeft};
        Qt::Alignment best = corners[0];
        int bestCost = std::numeric_limits<int>::max();
        for (Qt::Alignment corner : corners) {
            const double left =
                (corner & Qt::AlignLeft) ? area.left() : area.right() - size.width();
            const double top = (corner & Qt::AlignTop) ? area.top() : area.bottom() - size.height();
            const QRectF box(QPointF(left, top), size);
            int cost = 0;
            for (const QRectF& b : boxes) {
                cost += box.intersects(b) ? 3 : 0;
            }
            for (const QLineF& s : segments) {
                cost += segmentCrosses(box, s) ? 1 : 0;
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = corner;
            }
        }
        inset->setInsetAlignment(index, best);
        inset->update(QCPLayoutElement::upLayout);
    }

    // Everything a label may not cover, per axis rect: the text not placed here, the legends.
    QVector<QRectF> taken;
    for (int i = 0; i < plot_->itemCount(); ++i) {
        auto* text = qobject_cast<QCPItemText*>(plot_->item(i));
        if (text == nullptr || !text->visible()) {
            continue;
        }
        const bool placedHere = std::any_of(labels_.cbegin(), labels_.cend(),
                                            [&](const Label& l) { return l.item == text; });
        if (!placedHere) {
            taken << textBox(text);
        }
    }
    for (QCPLayoutElement* element : plot_->plotLayout()->elements(true)) {
        if (auto* legend = qobject_cast<QCPLegend*>(element); legend && legend->visible()) {
            taken << QRectF(legend->outerRect());
        }
    }
    for (QCPAxisRect* rect : plot_->axisRects()) {
        for (QCPLayoutElement* element : rect->insetLayout()->elements(false)) {
            if (auto* legend = qobject_cast<QCPLegend*>(element); legend && legend->visible()) {
                taken << QRectF(legend->outerRect());
            }
        }
    }

    for (Label& label : labels_) {
        if (label.item == nullptr) {
            continue;
        }
        QCPItemText* item = label.item;
        const QPointF anchor = pixel(label.rect, label.x, label.y, label.yRatio);
        const QRectF area = QRectF(label.rect->rect()).adjusted(1, 1, -1, -1);
        const auto firstAlign = Qt::Alignment(item->property("firstAlignment").toInt());
        const QRectF probe = boxAt(item, {0, 0}, Qt::AlignLeft | Qt::AlignTop);
        const double w = probe.width();
        const double h = probe.height();
        const QVector<QRectF> points = pointBoxes(label.rect);
        const QVector<QLineF> segments = curveSegments(label.rect);

        QVector<QRectF> candidates;
        if (label.keepFirst) {
            candidates << boxAt(item, anchor, firstAlign);
            // Then straight up or down from there in steps of a line.
            for (int k = 1; k <= 6; ++k) {
                candidates << candidates.first().translated(0, -k * h * 0.8)
                           << candidates.first().translated(0, k * h * 0.8);
            }
        }
        const std::array<double, 5> rings{7, 7 + h, 7 + 2.5 * h, 7 + 4 * h, 7 + 6 * h};
        for (double d : rings) {
            const double e = d * 0.7071;
            candidates << QRectF(anchor.x() + d, anchor.y() - h / 2, w, h)     // E
                       << QRectF(anchor.x() + e, anchor.y() - e - h, w, h)     // NE
                       << QRectF(anchor.x() + e, anchor.y() + e, w, h)         // SE
                       << QRectF(anchor.x() - w / 2, anchor.y() - d - h, w, h) // N
                       << QRectF(anchor.x() - w / 2, anchor.y() + d, w, h)     // S
                       << QRectF(anchor.x() - d - w, anchor.y() - h / 2, w, h) // W
                       << QRectF(anchor.x() - e - w, anchor.y() - e - h, w, h) // NW
                       << QRectF(anchor.x() - e - w, anchor.y() + e, w, h);    // SW
        }
        int bestIndex = -1;
        double bestCost = std::numeric_limits<double>::max();
        for (int c = 0; c < candidates.size(); ++c) {
            const QRectF& box = candidates[c];
            if (!area.contains(box)) {
                continue;
            }
            // Two pixels of air: QCustomPlot measures text in whole pixels, this in fractions.
            const QRectF air = box.adjusted(-2, -2, 2, 2);
            const auto hits = [&](const QRectF& r) { return air.intersects(r); };
            if (std::any_of(taken.cbegin(), taken.cend(), hits) ||
                std::any_of(points.cbegin(), points.cend(), hits)) {
                continue;
            }
            int crossings = 0;
            for (const QLineF& s : segments) {
                crossings += segmentCrosses(box, s) ? 1 : 0;
            }
            const double cost = crossings * 1000.0 + c;
            if (cost < bestCost) {
                bestCost = cost;
                bestIndex = c;
            }
        }
        if (bestIndex < 0) {
            // Nowhere free: better no label than one on top of another (the legend still
            // names what the markers mean).
            item->setVisible(false);
            if (label.leader) {
                label.leader->setVisible(false);
            }
            continue;
        }
        const QRectF box = candidates[bestIndex];
        item->setVisible(true);
        item->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        item->position->setType(QCPItemPosition::ptAbsolute);
        item->position->setCoords(box.topLeft());
        taken << box;
        if (label.leader) {
            const QPointF near = nearestOnBox(box, anchor);
            const bool far = QLineF(anchor, near).length() > 14 && !label.keepFirst;
            label.leader->setVisible(far);
            if (far) {
                label.leader->start->setCoords(anchor);
                label.leader->end->setCoords(near);
            }
        }
    }
}

} // namespace afd::ui
