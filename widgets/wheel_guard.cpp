// SPDX-License-Identifier: GPL-3.0-or-later
#include "wheel_guard.hpp"

#include <QCoreApplication>
#include <QEvent>
#include <QWidget>

namespace afd::ui {

namespace {

class WheelGuard : public QObject {
  public:
    using QObject::QObject;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Wheel) {
            const auto* widget = qobject_cast<QWidget*>(watched);
            if (widget != nullptr && !widget->hasFocus()) {
                // Ignored and filtered: the widget never sees it, and QApplication offers it to
                // the parents (the scroll area).
                event->ignore();
                return true;
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

WheelGuard* guard() {
    // One filter for the whole application, owned by the application object.
    static WheelGuard* instance = new WheelGuard(QCoreApplication::instance());
    return instance;
}

} // namespace

void takeWheelOnlyWhenFocused(QWidget* widget) {
    widget->setFocusPolicy(Qt::StrongFocus);
    widget->installEventFilter(guard());
}

} // namespace afd::ui
