// SPDX-License-Identifier: GPL-3.0-or-later
// The explorer's views, once: their keys (command line, scenario files, exports), titles (tabs,
// menus) and one line each for help texts. The window, the command line, export and the tests
// all read this table.
#pragma once

#include <QString>
#include <QStringList>
#include <span>

class QWidget;

namespace afd::ui {

class PlotView;
class ScenarioController;

enum class ViewId {
    Roofline,
    CommRoofline,
    HfuNf,
    HfuGrid,
    Intensity,
    Imbalance,
    Heatmap,
    Frontier,
    Breakdown,
    Timeline,
    Measurements,
};

// How the navigation groups the views: the paper's figures, then what goes beyond them
// (any metric over any two parameters, the throughput comparison of AFD and EP).
enum class ViewGroup { Paper, BeyondPaper };

struct ViewInfo {
    ViewId id;
    ViewGroup group;
    const char* key;         // "hfu-nf": stable, used in files and on the command line
    const char* title;       // tab title (translated through the "afd::ui::ViewTable" context)
    const char* description; // one line for help texts
};

// Every view in tab order.
std::span<const ViewInfo> viewTable();
const ViewInfo& viewInfo(ViewId id);
// nullptr when no view has this key.
const ViewInfo* findViewInfo(QStringView key);
QStringList viewKeys();
// "roofline, comm-roofline, ...": what a message says was expected.
QString viewKeyList();
QString viewTitle(ViewId id);

// Creates the view's widget, following the controller.
PlotView* createView(ViewId id, ScenarioController& controller, QWidget* parent);

} // namespace afd::ui
