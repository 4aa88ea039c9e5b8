// SPDX-License-Identifier: GPL-3.0-or-later
#include "view_navigator.hpp"

#include "view_table.hpp"

#include <QButtonGroup>
#include <QLabel>
#include <QLayout>
#include <QStyle>
#include <QToolButton>
#include <algorithm>
#include <optional>
#include <vector>

namespace afd::ui {

namespace {

// Lays its items out left to right and starts a new line when the next one does not fit.
class FlowLayout : public QLayout {
  public:
    explicit FlowLayout(QWidget* parent) : QLayout(parent) {}
    ~FlowLayout() override {
        while (QLayoutItem* item = takeAt(0)) {
            delete item;
        }
    }
    void addItem(QLayoutItem* item) override { items_.push_back(item); }
    int count() const override { return int(items_.size()); }
    QLayoutItem* itemAt(int i) const override {
        return i >= 0 && i < count() ? items_[std::size_t(i)] : nullptr;
    }
    QLayoutItem* takeAt(int i) override {
        if (i < 0 || i >= count()) {
            return nullptr;
        }
        QLayoutItem* item = items_[std::size_t(i)];
        items_.erase(items_.begin() + i);
        return item;
    }
    Qt::Orientations expandingDirections() const override { return {}; }
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override { return arrange(QRect(0, 0, width, 0), false); }
    void setGeometry(const QRect& rect) override {
        QLayout::setGeometry(rect);
        arrange(rect, true);
    }
    QSize sizeHint() const override { return minimumSize(); }
    // As narrow as the widest item: the navigator never sets the window's minimum width.
    QSize minimumSize() const override {
        QSize size;
        for (const QLayoutItem* item : items_) {
            size = size.expandedTo(item->minimumSize());
        }
        const QMargins m = contentsMargins();
        return size + QSize(m.left() + m.right(), m.top() + m.bottom());
    }

  private:
    int arrange(const QRect& rect, bool apply) const {
        const QMargins m = contentsMargins();
        const QRect area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom());
        const int gap = std::max(0, spacing());
        int x = area.x();
        int y = area.y();
        int lineHeight = 0;
        for (QLayoutItem* item : items_) {
            const QSize hint = item->sizeHint();
            if (x > area.x() && x + hint.width() > area.right() + 1) {
                x = area.x();
                y += lineHeight + gap;
                lineHeight = 0;
            }
            if (apply) {
                item->setGeometry(QRect(QPoint(x, y), hint));
            }
            x += hint.width() + gap;
            lineHeight = std::max(lineHeight, hint.height());
        }
        return y + lineHeight - rect.y() + m.bottom();
    }
    std::vector<QLayoutItem*> items_;
};

QString groupTitle(ViewGroup group) {
    switch (group) {
    case ViewGroup::Paper:
        return ViewNavigator::tr("The paper:");
    case ViewGroup::BeyondPaper:
        return ViewNavigator::tr("Beyond it:");
    }
    return {};
}

} // namespace

ViewNavigator::ViewNavigator(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("viewNavigator"));
    auto* flow = new FlowLayout(this);
    flow->setContentsMargins(4, 2, 4, 2);
    flow->setSpacing(2);
    buttons_ = new QButtonGroup(this);
    buttons_->setExclusive(true);
    int index = 0;
    std::optional<ViewGroup> group;
    for (const ViewInfo& info : viewTable()) {
        if (group != info.group) {
            group = info.group;
            auto* label = new QLabel(groupTitle(info.group), this);
            label->setContentsMargins(index == 0 ? 2 : 10, 0, 2, 0);
            label->setEnabled(false); // a heading, in the palette's muted text colour
            flow->addWidget(label);
        }
        auto* b = new QToolButton(this);
        b->setObjectName(QStringLiteral("view_") + QString::fromLatin1(info.key));
        b->setText(viewTitle(info.id));
        b->setToolTip(QString::fromLatin1(info.description));
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setFocusPolicy(Qt::TabFocus);
        buttons_->addButton(b, index++);
        flow->addWidget(b);
    }
    connect(buttons_, &QButtonGroup::idClicked, this, &ViewNavigator::viewChosen);
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
}

QAbstractButton* ViewNavigator::button(int index) const {
    return buttons_->button(index);
}

int ViewNavigator::count() const {
    return int(buttons_->buttons().size());
}

void ViewNavigator::setCurrentIndex(int index) {
    if (QAbstractButton* b = buttons_->button(index)) {
        b->setChecked(true);
    }
}

} // namespace afd::ui
