// SPDX-License-Identifier: GPL-3.0-or-later
// Base of every plot view: owns one QCustomPlot, follows the controller, rebuilds lazily (a
// hidden tab is marked dirty and rebuilt when shown) and replots only through queued replots.
#pragma once

#include "theme.hpp"
#include "view_table.hpp"

#include <QSize>
#include <QString>
#include <QWidget>

class QCustomPlot;
class QCPAxisRect;
class QVBoxLayout;
class QHBoxLayout;

namespace afd::ui {

class ScenarioController;

class PlotView : public QWidget {
    Q_OBJECT
  public:
    PlotView(ScenarioController& controller, ViewId id, QWidget* parent);

    ViewId id() const { return id_; }
    QString key() const { return QString::fromLatin1(viewInfo(id_).key); } // files, exports
    QString title() const { return viewTitle(id_); }                       // tab title
    QCustomPlot* plot() const { return plot_; }
    const PlotTheme& theme() const { return theme_; }
    void setTheme(const PlotTheme& theme);

    // Shows or hides the row of view options (hidden in presentation mode).
    void setOptionsVisible(bool visible);

    // Rebuilds now, visible or not (export, tests).
    void refreshNow();
    // The size the plot is about to be drawn at: an export's while one is under way (set by the
    // exporter before it rebuilds the view in the export's theme; an invalid size afterwards),
    // else the widget's own. Views that lay out differently when small read it in rebuild().
    void setRenderSize(const QSize& size) { renderSize_ = size; }
    QSize renderSize() const;
    // Whether the plot is drawn narrower or lower than `size`: an export's size, or a shown
    // widget's (a hidden widget's size means nothing: not small).
    bool drawnSmallerThan(QSize size) const;
    int rebuildCount() const { return rebuilds_; }
    int replotCount() const { return replots_; }

  signals:
    void replotted();

  protected:
    // Clears and redraws every plottable and item from controller_; ends with queueReplot().
    virtual void rebuild() = 0;
    // Applies theme_ to everything drawn; by default a full rebuild.
    virtual void restyle() { refreshNow(); }
    // Marks the view stale; rebuilt immediately if visible, otherwise when next shown.
    void requestRebuild();
    void queueReplot();
    // Starts a rebuild: removes every plottable and item, returns the main axis rect.
    QCPAxisRect* clearPlot();
    // Ends a rebuild: legend shown in the given corner, theme applied, replot queued.
    void finishPlot(Qt::Alignment legendCorner);
    void showEvent(class QShowEvent* event) override;
    // A row above the plot for view options (check boxes, combo boxes).
    QHBoxLayout* optionsBar();

    ScenarioController& controller_;
    QCustomPlot* plot_ = nullptr;
    PlotTheme theme_;

  private:
    ViewId id_;
    QSize renderSize_;
    QVBoxLayout* layout_ = nullptr;
    QWidget* optionsRow_ = nullptr;
    QHBoxLayout* options_ = nullptr;
    bool dirty_ = true;
    int rebuilds_ = 0;
    int replots_ = 0;
};

} // namespace afd::ui
