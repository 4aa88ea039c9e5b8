// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

class QWidget;

namespace afd::ui {

// Makes a value widget (slider, spin box, combo box) take mouse-wheel events only while it has
// keyboard focus: it gets focus by click or Tab, never by the wheel, and an unfocused one passes
// the wheel on to its parent, so scrolling a panel over it scrolls the panel instead of changing
// the value.
void takeWheelOnlyWhenFocused(QWidget* widget);

} // namespace afd::ui
