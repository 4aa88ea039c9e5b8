// SPDX-License-Identifier: GPL-3.0-or-later
// The row of view buttons above the plots, grouped as the view table groups them (the paper's
// figures, then serving). Unlike a tab bar it wraps onto a second line when the window is narrow,
// so every view stays one click away at 1280 pixels wide.
#pragma once

#include <QWidget>

class QAbstractButton;
class QButtonGroup;

namespace afd::ui {

class ViewNavigator : public QWidget {
    Q_OBJECT
  public:
    explicit ViewNavigator(QWidget* parent = nullptr);
    // Buttons in view-table order; index i is the i-th view of viewTable().
    QAbstractButton* button(int index) const;
    int count() const;

  public slots:
    void setCurrentIndex(int index);

  signals:
    void viewChosen(int index);

  private:
    QButtonGroup* buttons_ = nullptr;
};

} // namespace afd::ui
