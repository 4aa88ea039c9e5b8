// SPDX-License-Identifier: GPL-3.0-or-later
// The window's export dialog: preset, size, theme, format, title and caption. It only chooses
// options (ExportOptions); the window asks for the file and exports, so that a test can drive
// the dialog without a file dialog. The last choices are kept in QSettings.
#pragma once

#include "exporter.hpp"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSettings;
class QSpinBox;

namespace afd::ui {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    // `caption` is the generated caption the caption box starts with; `screenStyle` the theme
    // on screen (the default for a custom size).
    ExportDialog(const QString& viewTitle, const QString& caption, PlotStyle screenStyle,
                 QWidget* parent = nullptr);

    ExportOptions options() const;
    void setOptions(const ExportOptions& options);

    // Under the group "export" of `settings`: the last options, restored when next shown.
    void saveSettings(QSettings& settings) const;
    void loadSettings(const QSettings& settings);

  private:
    void presetChosen();
    void updateSummary();
    std::optional<ExportPreset> currentPreset() const;

    QComboBox* preset_ = nullptr;
    QSpinBox* width_ = nullptr;
    QSpinBox* height_ = nullptr;
    QLabel* unit_ = nullptr;
    QComboBox* theme_ = nullptr;
    QComboBox* format_ = nullptr;
    QCheckBox* title_ = nullptr;
    QCheckBox* caption_ = nullptr;
    QLineEdit* captionText_ = nullptr;
    QLabel* summary_ = nullptr;
    QString defaultCaption_;
    PlotStyle screenStyle_;
};

} // namespace afd::ui
