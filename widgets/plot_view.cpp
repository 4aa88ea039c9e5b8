// SPDX-License-Identifier: GPL-3.0-or-later
#include "plot_view.hpp"

#include "layout_elements.hpp"
#include "qcustomplot_include.hpp"
#include "scenario_controller.hpp"
#include "slide_renderer.hpp"

#include <QHBoxLayout>
#include <QVBoxLayout>

namespace afd::ui {

PlotView::PlotView(ScenarioController& controller, ViewId id, QWidget* parent)
    : QWidget(parent), controller_(controller), theme_(PlotTheme::light()), id_(id) {
    layout_ = new QVBoxLayout(this);
    layout_->setContentsMargins(0, 0, 0, 0);
    layout_->setSpacing(2);
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(key() + QStringLiteral("_plot"));
    plot_->setAntialiasedElements(QCP::aeAll);
    // Tick labels read like every other number the program writes (inspector, CSV, JSON):
    // "0.5" whatever the desktop locale, as the paper prints them.
    plot_->setLocale(QLocale::c());
    plot_->setMinimumSize(280, 220);
    layout_->addWidget(plot_, 1);
    // Tick labels never pile up: as many ticks as the axes' lengths hold at this size.
    connect(plot_, &QCustomPlot::beforeReplot, this, [this] { fitTickCounts(*plot_); });
    connect(plot_, &QCustomPlot::afterReplot, this, [this] {
        ++replots_;
        emit replotted();
    });
    // Slides: text a view drew small (a label scaled down to fit) is raised before each replot,
    // so that it stays legible from the back of a room.
    connect(plot_, &QCustomPlot::beforeReplot, this, [this] {
        if (theme_.minimumTextPixels > 0) {
            raiseSmallText(*plot_, theme_.minimumTextPixels);
        }
    });
    connect(&controller_, &ScenarioController::scenarioChanged, this, &PlotView::requestRebuild);
}

QHBoxLayout* PlotView::optionsBar() {
    if (options_ == nullptr) {
        // A row widget of its own: presentation mode hides the row, and the widgets in it keep
        // their own visibility (a check box that applies only to some scenarios stays hidden).
        optionsRow_ = new QWidget(this);
        options_ = new QHBoxLayout(optionsRow_);
        options_->setContentsMargins(6, 2, 6, 0);
        layout_->insertWidget(0, optionsRow_);
    }
    return options_;
}

void PlotView::setOptionsVisible(bool visible) {
    if (optionsRow_ != nullptr) {
        optionsRow_->setVisible(visible);
    }
}

void PlotView::setTheme(const PlotTheme& theme) {
    theme_ = theme;
    restyle(); // a theme change restyles every element, visible or not (exports use it)
}

QSize PlotView::renderSize() const {
    return renderSize_.isValid() ? renderSize_ : plot_->size();
}

bool PlotView::drawnSmallerThan(QSize size) const {
    if (!renderSize_.isValid() && !plot_->isVisible()) {
        return false;
    }
    const QSize drawn = renderSize();
    return drawn.width() < size.width() || drawn.height() < size.height();
}

void PlotView::refreshNow() {
    dirty_ = false;
    ++rebuilds_;
    rebuild();
    if (theme_.minimumTextPixels > 0) { // an export or slide rendering may not replot first
        raiseSmallText(*plot_, theme_.minimumTextPixels);
    }
}

void PlotView::requestRebuild() {
    if (isVisible()) {
        refreshNow();
    } else {
        dirty_ = true;
    }
}

void PlotView::queueReplot() {
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QCPAxisRect* PlotView::clearPlot() {
    plot_->clearPlottables();
    plot_->clearItems();
    return plot_->axisRect();
}

void PlotView::finishPlot(Qt::Alignment legendCorner) {
    plot_->legend->setVisible(true);
    // Only while the legend is inside the axes (a view may have moved it out).
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    for (int i = 0; i < inset->elementCount(); ++i) {
        if (inset->elementAt(i) == plot_->legend) {
            inset->setInsetAlignment(i, legendCorner);
        }
    }
    applyBaseTheme(*plot_, theme_);
    queueReplot();
}

void PlotView::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    if (dirty_) {
        refreshNow();
    }
}

} // namespace afd::ui
