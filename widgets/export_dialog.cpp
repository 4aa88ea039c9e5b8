// SPDX-License-Identifier: GPL-3.0-or-later
#include "export_dialog.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace afd::ui {

namespace {

constexpr ExportFormat kFormats[] = {ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png,
                                     ExportFormat::Csv, ExportFormat::Json};
constexpr PlotStyle kStyles[] = {PlotStyle::Light, PlotStyle::Dark, PlotStyle::Print,
                                 PlotStyle::Presentation};

QString formatLabel(ExportFormat f) {
    switch (f) {
    case ExportFormat::Pdf:
        return QObject::tr("PDF (vector, for papers)");
    case ExportFormat::Svg:
        return QObject::tr("SVG (vector)");
    case ExportFormat::Png:
        return QObject::tr("PNG (image)");
    case ExportFormat::Csv:
        return QObject::tr("CSV (the plotted data)");
    case ExportFormat::Json:
        return QObject::tr("JSON (the plotted data and the scenario)");
    }
    return {};
}

QString styleLabel(PlotStyle s) {
    switch (s) {
    case PlotStyle::Light:
        return QObject::tr("Light");
    case PlotStyle::Dark:
        return QObject::tr("Dark");
    case PlotStyle::Print:
        return QObject::tr("Print (black text, for paper)");
    case PlotStyle::Presentation:
        return QObject::tr("Presentation (large type)");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(const QString& viewTitle, const QString& caption, PlotStyle screenStyle,
                           QWidget* parent)
    : QDialog(parent), defaultCaption_(caption), screenStyle_(screenStyle) {
    setWindowTitle(tr("Export %1").arg(viewTitle));
    auto* form = new QFormLayout;

    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("exportPreset"));
    preset_->addItem(tr("Custom size"), QString());
    for (const ExportPresetInfo& info : exportPresets()) {
        preset_->addItem(tr(info.label), QString::fromLatin1(info.key));
    }
    form->addRow(tr("&Size preset:"), preset_);

    auto* sizeRow = new QHBoxLayout;
    width_ = new QSpinBox(this);
    height_ = new QSpinBox(this);
    width_->setObjectName(QStringLiteral("exportWidth"));
    height_->setObjectName(QStringLiteral("exportHeight"));
    for (QSpinBox* box : {width_, height_}) {
        box->setRange(16, 20000);
    }
    unit_ = new QLabel(this);
    sizeRow->addWidget(width_);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(height_);
    sizeRow->addWidget(unit_);
    sizeRow->addStretch(1);
    form->addRow(tr("Size:"), sizeRow);

    theme_ = new QComboBox(this);
    theme_->setObjectName(QStringLiteral("exportTheme"));
    for (PlotStyle s : kStyles) {
        theme_->addItem(styleLabel(s), plotStyleKey(s));
    }
    form->addRow(tr("&Theme:"), theme_);

    format_ = new QComboBox(this);
    format_->setObjectName(QStringLiteral("exportFormat"));
    for (ExportFormat f : kFormats) {
        format_->addItem(formatLabel(f), exportFormatSuffix(f));
    }
    form->addRow(tr("&Format:"), format_);

    title_ = new QCheckBox(tr("Title above the plot"), this);
    title_->setObjectName(QStringLiteral("exportTitle"));
    form->addRow(QString(), title_);
    caption_ = new QCheckBox(tr("Caption below the plot:"), this);
    caption_->setObjectName(QStringLiteral("exportCaption"));
    captionText_ = new QLineEdit(caption, this);
    captionText_->setObjectName(QStringLiteral("exportCaptionText"));
    captionText_->setEnabled(false);
    form->addRow(caption_, captionText_);

    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("exportSummary"));
    summary_->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export..."));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(summary_);
    layout->addWidget(buttons);

    connect(preset_, &QComboBox::currentIndexChanged, this, &ExportDialog::presetChosen);
    for (QSpinBox* box : {width_, height_}) {
        connect(box, &QSpinBox::valueChanged, this, &ExportDialog::updateSummary);
    }
    connect(format_, &QComboBox::currentIndexChanged, this, &ExportDialog::updateSummary);
    connect(caption_, &QCheckBox::toggled, captionText_, &QWidget::setEnabled);

    // A figure for a paper unless the last export said otherwise.
    setOptions(presetExportOptions(ExportPreset::Page, ExportFormat::Pdf));
}

std::optional<ExportPreset> ExportDialog::currentPreset() const {
    return parseExportPreset(preset_->currentData().toString());
}

void ExportDialog::presetChosen() {
    if (const auto preset = currentPreset()) {
        const ExportOptions o = presetExportOptions(*preset, ExportFormat::Pdf);
        const QSignalBlocker bw(width_);
        const QSignalBlocker bh(height_);
        width_->setValue(o.size.width());
        height_->setValue(o.size.height());
        theme_->setCurrentIndex(theme_->findData(plotStyleKey(o.style)));
        title_->setChecked(o.title);
    } else {
        theme_->setCurrentIndex(theme_->findData(plotStyleKey(screenStyle_)));
    }
    updateSummary();
}

void ExportDialog::updateSummary() {
    const ExportOptions o = options();
    const bool dataOnly = o.format == ExportFormat::Csv || o.format == ExportFormat::Json;
    for (QWidget* w :
         std::initializer_list<QWidget*>{preset_, width_, height_, theme_, title_, caption_}) {
        w->setEnabled(!dataOnly);
    }
    captionText_->setEnabled(!dataOnly && caption_->isChecked());
    unit_->setText(o.preset || o.format == ExportFormat::Pdf ? tr("pt (1/72 in)")
                   : o.format == ExportFormat::Png           ? tr("px")
                                                             : tr("units"));
    if (dataOnly) {
        summary_->setText(tr("The plotted data, with the scenario that produced it."));
        return;
    }
    const QSize file = exportedImageSize(o);
    QString text;
    if (o.preset) {
        const ExportPresetInfo& info = exportPresetInfo(*o.preset);
        text = tr("%1 × %2 in, text %3 pt")
                   .arg(o.size.width() / 72.0, 0, 'f', 2)
                   .arg(o.size.height() / 72.0, 0, 'f', 2)
                   .arg(info.textPoints);
        if (o.format == ExportFormat::Png) {
            text += tr("; %1 × %2 pixels at %3 dpi")
                        .arg(file.width())
                        .arg(file.height())
                        .arg(info.pngDpi);
        }
    } else {
        text = o.format == ExportFormat::Png
                   ? tr("%1 × %2 pixels, text as on screen").arg(file.width()).arg(file.height())
                   : tr("%1 × %2 pt, text as on screen").arg(file.width()).arg(file.height());
    }
    summary_->setText(text);
}

ExportOptions ExportDialog::options() const {
    ExportOptions o;
    o.format = ExportFormat::Pdf;
    parseExportFormat(format_->currentData().toString(), &o.format);
    o.preset = currentPreset();
    o.size = QSize(width_->value(), height_->value());
    o.style = parsePlotStyle(theme_->currentData().toString()).value_or(screenStyle_);
    o.title = title_->isChecked();
    o.caption = caption_->isChecked() ? captionText_->text().trimmed() : QString();
    return o;
}

void ExportDialog::setOptions(const ExportOptions& o) {
    {
        const QSignalBlocker b(preset_);
        preset_->setCurrentIndex(
            o.preset ? preset_->findData(QString::fromLatin1(exportPresetInfo(*o.preset).key)) : 0);
    }
    const QSignalBlocker bw(width_);
    const QSignalBlocker bh(height_);
    width_->setValue(o.size.width());
    height_->setValue(o.size.height());
    theme_->setCurrentIndex(std::max(0, theme_->findData(plotStyleKey(o.style))));
    format_->setCurrentIndex(std::max(0, format_->findData(exportFormatSuffix(o.format))));
    title_->setChecked(o.title);
    caption_->setChecked(!o.caption.isEmpty());
    captionText_->setText(o.caption.isEmpty() ? defaultCaption_ : o.caption);
    updateSummary();
}

void ExportDialog::saveSettings(QSettings& settings) const {
    const ExportOptions o = options();
    settings.beginGroup(QStringLiteral("export"));
    settings.setValue(QStringLiteral("preset"),
                      o.preset ? QString::fromLatin1(exportPresetInfo(*o.preset).key) : QString());
    settings.setValue(QStringLiteral("size"), o.size);
    settings.setValue(QStringLiteral("theme"), plotStyleKey(o.style));
    settings.setValue(QStringLiteral("format"), exportFormatSuffix(o.format));
    settings.setValue(QStringLiteral("title"), o.title);
    // The caption's on/off only: its generated text names the scenario of the moment.
    settings.setValue(QStringLiteral("caption"), !o.caption.isEmpty());
    settings.endGroup();
}

void ExportDialog::loadSettings(const QSettings& settings) {
    const auto value = [&settings](const char* key) {
        return settings.value(QStringLiteral("export/") + QLatin1String(key));
    };
    if (!value("format").isValid()) {
        return; // never exported: the defaults
    }
    ExportOptions o = options();
    o.preset = parseExportPreset(value("preset").toString());
    const QSize size = value("size").toSize();
    if (size.width() >= 16 && size.height() >= 16 && size.width() <= 20000 &&
        size.height() <= 20000) {
        o.size = size;
    }
    o.style = parsePlotStyle(value("theme").toString()).value_or(o.style);
    parseExportFormat(value("format").toString(), &o.format);
    o.title = value("title").toBool();
    o.caption = value("caption").toBool() ? defaultCaption_ : QString();
    setOptions(o);
}

} // namespace afd::ui
