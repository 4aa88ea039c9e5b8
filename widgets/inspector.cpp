// SPDX-License-Identifier: GPL-3.0-or-later
#include "inspector.hpp"

#include "afd/metrics.hpp"
#include "afd/report.hpp"
#include "afd/verdict.hpp"
#include "scenario_controller.hpp"

#include <QHeaderView>
#include <QPlainTextEdit>
#include <QTableWidget>
#include <QVBoxLayout>

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
    verdict_->setFixedHeight(verdict_->fontMetrics().lineSpacing() * 6 + 12);
    verdict_->setFrameShape(QFrame::StyledPanel);
    layout->addWidget(verdict_);
    table_ = new QTableWidget(this);
    table_->setObjectName(QStringLiteral("inspector_table"));
    // The paper symbol goes with the term ("Budget per micro-batch (t_B)"), so the term column
    // keeps a useful width in a narrow dock.
    table_->setColumnCount(3);
    table_->setHorizontalHeaderLabels({tr("Term (symbol)"), tr("Value"), tr("Unit")});
    table_->setMinimumWidth(240);
    table_->setWordWrap(false);
    table_->setTextElideMode(Qt::ElideMiddle);
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
    layout->addWidget(table_, 1);
    connect(&controller_, &ScenarioController::scenarioChanged, this, &Inspector::refresh);
    refresh();
}

void Inspector::refresh() {
    const Result& r = controller_.result();
    const Scenario& s = controller_.scenario();
    const QString text = QString::fromStdString(verdict(s, r));
    if (text != verdict_->toPlainText()) {
        verdict_->setPlainText(text);
    }
    const auto& all = metrics();
    const int extra = 3;
    if (table_->rowCount() != int(all.size()) + extra) {
        table_->setRowCount(int(all.size()) + extra);
    }
    int row = 0;
    // Items are created on the first refresh and only their texts change afterwards: a slider
    // drag refreshes the inspector at display rate.
    // The tooltip names where the term is defined: docs/model.md's section and equations.
    const auto put = [&](const QString& term, const QString& key, const QString& symbol,
                         const QString& value, const QString& unit, const QString& reference) {
        if (table_->item(row, 0) == nullptr) {
            auto* t = new QTableWidgetItem(
                symbol.isEmpty() ? term : term + QStringLiteral(" (") + symbol + QLatin1Char(')'));
            t->setData(Qt::UserRole, key);
            t->setToolTip(t->text() + QStringLiteral("\nkey: ") + key +
                          QStringLiteral("\nsee: docs/model.md ") + reference);
            table_->setItem(row, 0, t);
            auto* v = new QTableWidgetItem;
            v->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            table_->setItem(row, 1, v);
            table_->setItem(row, 2, new QTableWidgetItem(unit));
        }
        if (table_->item(row, 1)->text() != value) {
            table_->item(row, 1)->setText(value);
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
    for (const MetricSpec& m : all) {
        const double v = m.read(r);
        put(qs(m.label), qs(m.key), qs(m.symbol),
            m.isFlag ? (v != 0 ? tr("yes") : tr("no"))
                     : QString::fromStdString(readableNumber(v, 5)),
            qs(m.unit), qs(m.reference));
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
