// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector.hpp"

#include "afd/metrics.hpp"
#include "afd/report.hpp"
#include "afd/throughput_report.hpp"
#include "afd/verdict.hpp"
#include "scenario_controller.hpp"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace afd::ui {

namespace {
QString qs(std::string_view s) {
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}
} // namespace

Inspector::Inspector(ScenarioController& controller, QWidget* parent)
    : QWidget(parent), controller_(controller) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    // A fixed-height text box rather than a word-wrapped label: new text must not re-run the
    // window's layout on every slider step.
    verdict_ = new QPlainTextEdit(this);
    verdict_->setObjectName(QStringLiteral("verdict"));
    verdict_->setReadOnly(true);
    // Both lenses: the throughput model's (tokens/s per GPU) and the paper's (FFN HFU). A
    // splitter lets the reader give the text more room; its height never follows the text.
    verdict_->setFrameShape(QFrame::StyledPanel);
    verdict_->setMinimumHeight(verdict_->fontMetrics().lineSpacing() * 3 + 12);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(verdict_);
    table_ = new QTableWidget(this);
    table_->setObjectName(QStringLiteral("inspector_table"));
    // The paper symbol goes with the term ("Budget per micro-batch (t_B)"), so the term column
    // keeps a useful width in a narrow dock.
    table_->setColumnCount(3);
    table_->setHorizontalHeaderLabels({tr("Term (symbol)"), tr("Value"), tr("Unit")});
    table_->setMinimumWidth(240);
    // Long terms ("Effective inbound bandwidth (BW_eff)") wrap onto a second line rather than
    // being cut in the middle; values and units are short and stay on one line.
    table_->setWordWrap(true);
    table_->setTextElideMode(Qt::ElideRight);
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    // Values and units always show in full; the term column takes what is left.
    table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    // Fixed widths: resize-to-contents would measure every row on every slider step.
    const int digit = table_->fontMetrics().horizontalAdvance(QLatin1Char('0'));
    for (const auto& [column, chars] : {std::pair{1, 14}, std::pair{2, 7}}) {
        table_->horizontalHeader()->setSectionResizeMode(column, QHeaderView::Interactive);
        table_->setColumnWidth(column, digit * chars);
    }
    table_->setAlternatingRowColors(true);
    splitter->addWidget(table_);
    splitter->setSizes({verdict_->fontMetrics().lineSpacing() * 12 + 12, 600});
    splitter->setStretchFactor(1, 1);
    layout->addWidget(splitter, 1);
    connect(&controller_, &ScenarioController::scenarioChanged, this, &Inspector::refresh);
    connect(&controller_, &ScenarioController::servingReady, this, &Inspector::refresh);
    refresh();
    // Row heights follow the term column's width: measured when that width changes (the dock
    // is resized), never on a value change, since the terms themselves never change.
    // The new width comes with the signal: while the header lays out its stretched section,
    // columnWidth() may still answer the old one.
    connect(table_->horizontalHeader(), &QHeaderView::sectionResized, this,
            [this](int section, int, int width) {
                if (section == 0) {
                    fitRowHeights(width);
                }
            });
    fitRowHeights(table_->columnWidth(0));
}

void Inspector::fitRowHeights(int width) {
    // Measured here rather than by resizeRowsToContents: that asks every cell's delegate, and
    // its estimate of a wrapped text's lines can be one short of what it then paints.
    const QFontMetrics fm(table_->font());
    const int margin = table_->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, table_);
    const int room = std::max(1, width - 2 * (margin + 1));
    const int padding = table_->verticalHeader()->defaultSectionSize() - fm.height();
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QTableWidgetItem* item = table_->item(row, 0);
        if (item == nullptr) {
            continue;
        }
        const int text =
            fm.boundingRect(QRect(0, 0, room, 100000), Qt::TextWordWrap, item->text()).height();
        const int height = std::max(table_->verticalHeader()->defaultSectionSize(), text + padding);
        if (table_->rowHeight(row) != height) {
            table_->setRowHeight(row, height);
        }
    }
}

void Inspector::refresh() {
    const Result& r = controller_.result();
    const Scenario& s = controller_.scenario();
    const QString paper = QString::fromStdString(verdict(s, r));
    // The throughput search takes milliseconds: it runs on a worker, and until it is back the
    // throughput rows and sentence keep the previous scenario's (servingReady refreshes).
    if (const ServingComparison* ready = controller_.servingIfReady()) {
        serving_ = *ready;
        servingText_ = QString::fromStdString(servingVerdict(s, serving_));
    }
    const ServingComparison& serving = serving_;
    const QString& both = servingText_;
    // The question users bring first (AFD or EP?), then the paper's lens on the FFN side.
    const QString text = both + QStringLiteral("\n\n") + paper;
    if (text != verdict_->toPlainText()) {
        verdict_->setPlainText(text);
    }
    const auto& all = metrics();
    int row = 0;
    // Items are created on the first refresh and only their texts change afterwards: a slider
    // drag refreshes the inspector at display rate.
    // The tooltip names where the term is defined: docs/model.md's section and equations.
    const auto put = [&](const QString& term, const QString& key, const QString& symbol,
                         const QString& value, const QString& unit, const QString& reference) {
        if (row >= table_->rowCount()) {
            table_->setRowCount(row + 1);
        }
        if (table_->item(row, 0) == nullptr) {
            // A zero-width space after each '/' lets a long ratio ("(FLOPS/BW_mem)") wrap
            // there: the view wraps at word boundaries only and cuts a word that does not fit.
            QString shown =
                symbol.isEmpty() ? term : term + QStringLiteral(" (") + symbol + QLatin1Char(')');
            shown.replace(QLatin1Char('/'), QStringLiteral("/\u200B"));
            auto* t = new QTableWidgetItem(shown);
            t->setData(Qt::UserRole, key);
            t->setToolTip(QString(shown).remove(QChar(0x200B)) + QStringLiteral("\nkey: ") + key +
                          QStringLiteral("\nsee: docs/model.md ") + reference);
            table_->setItem(row, 0, t);
            auto* v = new QTableWidgetItem;
            v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, 1, v);
            table_->setItem(row, 2, new QTableWidgetItem(unit));
        }
        if (table_->item(row, 1)->text() != value) {
            table_->item(row, 1)->setText(value);
            // The one value that is a list ("capacity+bandwidth") may not fit its
            // cell: the tooltip has it whole.
            if (key == QLatin1String("infeasible_reasons")) {
                table_->item(row, 1)->setToolTip(value);
            }
        }
        ++row;
    };
    const auto referenceOf = [](std::string_view metricKey) {
        return qs(afd::metric(*findMetric(metricKey)).reference);
    };
    put(tr("Regime"), QStringLiteral("regime"), QString(), qs(regimeLabel(r.regime)), QString(),
        referenceOf("regime_index"));
    put(tr("B_rank bound by"), QStringLiteral("rank_cap"), QString(), qs(rankCapKey(r.rankCap)),
        QString(), referenceOf("tokens_per_rank"));
    const std::string reasons = infeasibleReasonsText(r.infeasible);
    put(tr("Not deployable because"), QStringLiteral("infeasible_reasons"), QString(),
        reasons.empty() ? tr("(deployable)") : QString::fromStdString(reasons), QString(),
        referenceOf("feasible"));
    // On a superpod the scale-up link replaces scale-out (A2): the scale-out ratio and fan-out
    // have no meaning there, whatever numbers the formulas give.
    const bool superpod = s[Param::Superpod] != 0;
    for (const MetricSpec& m : all) {
        const double v = m.read(r);
        const bool scaleOutOnly = m.key == "ratio_up_out" || m.key == "fan_out";
        put(qs(m.label), qs(m.key), qs(m.symbol),
            superpod && scaleOutOnly ? tr("n/a (superpod)")
            : m.isFlag               ? (v != 0 ? tr("yes") : tr("no"))
                                     : QString::fromStdString(readableNumber(v, 5)),
            qs(m.unit), qs(m.reference));
    }
    // The throughput model (docs/model.md Part C): each system's best deployment under the SLO.
    const auto heading = [&](const QString& title) {
        if (row >= table_->rowCount()) {
            table_->setRowCount(row + 1);
        }
        if (table_->item(row, 0) == nullptr) {
            auto* t = new QTableWidgetItem;
            QFont bold = t->font();
            bold.setBold(true);
            t->setFont(bold);
            table_->setItem(row, 0, t);
            table_->setSpan(row, 0, 1, 3);
        }
        if (table_->item(row, 0)->text() != title) {
            table_->item(row, 0)->setText(title);
        }
        ++row;
    };
    heading(tr("Throughput model, best under the SLO"));
    // The system comes from the pair, not the search: before the first comparison arrives the
    // searches are empty (system None), and the rows must keep their places.
    for (const auto& [system, search] :
         {std::pair{ServingSystem::Afd, &serving.afd}, std::pair{ServingSystem::Ep, &serving.ep}}) {
        const bool afd = system == ServingSystem::Afd;
        const QString prefix = afd ? QStringLiteral("afd.") : QStringLiteral("ep.");
        const QString name = afd ? tr("AFD") : tr("EP");
        heading(search->found
                    ? tr("%1: %2").arg(name, QString::fromStdString(deploymentText(search->best)))
                    : tr("%1: none meets the SLO").arg(name));
        const ThroughputResult& t = search->best;
        put(tr("%1 deployment").arg(name), prefix + QStringLiteral("configuration"), QString(),
            search->found ? QString::fromStdString(deploymentText(t)) : tr("none"), QString(),
            QStringLiteral("C-S2"));
        if (afd) {
            put(tr("3BO cycle bound by"), prefix + QStringLiteral("bound"), QString(),
                search->found ? QString::fromStdString(boundText(t.bound))
                              : QStringLiteral("\u2014"),
                QString(), QStringLiteral("C-O"));
        }
        for (const ThroughputMetricSpec& m : throughputMetrics()) {
            if (!appliesTo(m.scope, system)) {
                continue;
            }
            const double v = m.read(t);
            QString value = QStringLiteral("\u2014"); // nothing qualifies: no number to show
            if (search->found && std::isfinite(v)) {
                value = m.isFlag ? (v != 0 ? tr("yes") : tr("no"))
                                 : QString::fromStdString(readableNumber(v, 5));
            }
            put(qs(m.label), prefix + qs(m.key), qs(m.symbol), value, qs(m.unit),
                QStringLiteral("Part C"));
        }
    }
    if (row != table_->rowCount()) {
        table_->setRowCount(row);
    }
}

QString Inspector::verdictText() const {
    return verdict_->toPlainText();
}

QString Inspector::valueOf(const QString& term) const {
    for (int row = 0; row < table_->rowCount(); ++row) {
        if (table_->item(row, 0)->data(Qt::UserRole).toString() == term) {
            return table_->item(row, 1)->text();
        }
    }
    return {};
}

} // namespace afd::ui
