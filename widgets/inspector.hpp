// SPDX-License-Identifier: GPL-3.0-or-later
// Every term of the model for the current point (symbol, value, unit), which cap bound
// B_rank, the regime, and a plain-language verdict.
#pragma once

#include "afd/serving_comparison.hpp"

#include <QWidget>

class QPlainTextEdit;
class QTableWidget;

namespace afd::ui {

class ScenarioController;

class Inspector : public QWidget {
    Q_OBJECT
  public:
    explicit Inspector(ScenarioController& controller, QWidget* parent = nullptr);
    QString verdictText() const;
    // The value column of the row whose first column is `term` (a metric key), or empty.
    QString valueOf(const QString& term) const;

  private:
    void refresh();
    // Rows as tall as their wrapped term needs in a term column `width` pixels wide.
    void fitRowHeights(int width);
    ScenarioController& controller_;
    QPlainTextEdit* verdict_ = nullptr;
    QTableWidget* table_ = nullptr;
    ServingComparison serving_; // the last comparison the worker delivered
    QString servingText_;
};

} // namespace afd::ui
