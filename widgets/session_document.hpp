// SPDX-License-Identifier: GPL-3.0-or-later
// The window's document: the file it came from, whether it changed since, the recent-files
// list, opening files of every kind and the per-window autosave that survives a crash.
#pragma once

#include "afd/presets.hpp"

#include <QLockFile>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <functional>
#include <memory>
#include <optional>

namespace afd::ui {

class ScenarioController;

class SessionDocument : public QObject {
    Q_OBJECT
  public:
    // viewSettings() is asked for the window's view state whenever a scenario is written.
    SessionDocument(ScenarioController& controller, std::function<ViewSettings()> viewSettings,
                    QObject* parent = nullptr);
    ~SessionDocument() override;

    // What a file turned out to hold once opened: a scenario or preset is already applied to
    // the controller; view settings and decks are the window's to apply.
    struct Opened {
        std::optional<ViewSettings> view;
        std::optional<Deck> deck;
    };
    // Opens a scenario, hardware or model preset, or deck; nullopt with *error naming the file
    // and key when it cannot be used (the controller keeps its state).
    std::optional<Opened> open(const QString& path, QString* error);
    // Writes the current scenario (every value, presets, view settings) atomically.
    bool save(const QString& path, QString* error);
    QString currentFile() const { return currentFile_; }
    // Changed since the last open or save.
    bool hasUnsavedChanges() const;

    QStringList recentFiles() const;

    // Each window autosaves its working state to a file of its own, held under a lock while
    // the window lives and removed on a clean exit; two instances never share one.
    QString autosavePath() const { return autosavePath_; }
    static QString autosaveFolder();
    // Autosaves whose window is gone (its lock is free): what a crash left behind, newest first.
    static QStringList orphanedAutosaves();
    // Loads an autosave into the controller and takes it over (its file is removed once this
    // document's own autosave holds the state).
    std::optional<Opened> restoreAutosave(const QString& path, QString* error);
    static void discardAutosave(const QString& path);
    // A clean exit: this document's autosave is removed and its lock released.
    void closeCleanly();

  signals:
    void message(const QString& text, int timeoutMs);

  private:
    void autosave();
    // The current state as a scenario file, view settings included.
    ScenarioFile snapshot() const;
    void addRecentFile(const QString& path);
    void markSaved();

    ScenarioController& controller_;
    std::function<ViewSettings()> viewSettings_;
    QString currentFile_;
    quint64 savedGeneration_ = 0;
    QTimer autosaveTimer_;
    QString autosavePath_;
    std::unique_ptr<QLockFile> autosaveLock_;
};

} // namespace afd::ui
