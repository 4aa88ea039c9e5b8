// SPDX-License-Identifier: GPL-3.0-or-later
#include "session_document.hpp"

#include "exporter.hpp"
#include "presentation_controller.hpp"
#include "scenario_controller.hpp"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

namespace afd::ui {

namespace {

constexpr int kRecentFiles = 8;
constexpr int kAutosaveDelayMs = 2000; // after the last change

} // namespace

SessionDocument::SessionDocument(ScenarioController& controller,
                                 std::function<ViewSettings()> viewSettings, QObject* parent)
    : QObject(parent), controller_(controller), viewSettings_(std::move(viewSettings)),
      savedGeneration_(controller.generation()) {
    // The file is removed on a clean exit, so one found unlocked at start is a crashed
    // session's.
    QDir().mkpath(autosaveFolder());
    static int documentsOpened = 0; // two windows of one process within a millisecond
    autosavePath_ = autosaveFolder() + QStringLiteral("/session-%1-%2-%3.scenario.json")
                                           .arg(QCoreApplication::applicationPid())
                                           .arg(QDateTime::currentMSecsSinceEpoch())
                                           .arg(++documentsOpened);
    autosaveLock_ = std::make_unique<QLockFile>(autosavePath_ + QStringLiteral(".lock"));
    autosaveLock_->setStaleLockTime(0); // only a dead owner makes a lock stale, never its age
    autosaveLock_->tryLock(0);
    autosaveTimer_.setSingleShot(true);
    autosaveTimer_.setInterval(kAutosaveDelayMs);
    connect(&autosaveTimer_, &QTimer::timeout, this, &SessionDocument::autosave);
    connect(&controller_, &ScenarioController::scenarioChanged, this,
            [this] { autosaveTimer_.start(); });
}

SessionDocument::~SessionDocument() = default;

QString SessionDocument::autosaveFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/autosave");
}

QStringList SessionDocument::orphanedAutosaves() {
    QDir folder(autosaveFolder());
    QStringList orphans;
    for (const QFileInfo& file : folder.entryInfoList({QStringLiteral("session-*.scenario.json")},
                                                      QDir::Files, QDir::Time)) {
        // A live window holds its lock; a crashed one's lock is stale and can be taken.
        QLockFile lock(file.absoluteFilePath() + QStringLiteral(".lock"));
        lock.setStaleLockTime(0);
        if (lock.tryLock(0)) {
            lock.unlock();
            orphans << file.absoluteFilePath();
        }
    }
    // Earlier versions kept a single autosave beside the folder; a crash may have left one.
    const QString single = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                           QStringLiteral("/autosave.scenario.json");
    if (QFile::exists(single)) {
        orphans << single;
    }
    return orphans;
}

void SessionDocument::discardAutosave(const QString& path) {
    QFile::remove(path);
    QFile::remove(path + QStringLiteral(".lock"));
}

std::optional<SessionDocument::Opened> SessionDocument::restoreAutosave(const QString& path,
                                                                        QString* error) {
    try {
        const ScenarioFile file = loadScenarioFile(QFile::encodeName(path).toStdString());
        QString rejected;
        const auto connection = connect(&controller_, &ScenarioController::rejected, this,
                                        [&rejected](const QString& m) { rejected = m; });
        const bool loaded = controller_.loadScenario(file);
        disconnect(connection);
        if (!loaded) {
            *error = rejected;
            return std::nullopt;
        }
        // This document autosaves the restored state under its own name from now on. Restored
        // work was never saved to a file of its own, so it counts as unsaved.
        autosave();
        discardAutosave(path);
        return Opened{file.view, std::nullopt};
    } catch (const InputFileError& e) {
        *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

void SessionDocument::autosave() {
    autosaveTimer_.stop();
    QDir().mkpath(autosaveFolder());
    const ScenarioFile file = snapshot();
    QString error;
    if (!writeFileAtomically(autosavePath_, QByteArray::fromStdString(writeScenario(file)),
                             &error)) {
        emit message(tr("Autosave failed: %1").arg(error), 8000);
    }
}

ScenarioFile SessionDocument::snapshot() const {
    return snapshotScenario(controller_.name().toStdString(),
                            controller_.hardwareId().toStdString(),
                            controller_.modelId().toStdString(), controller_.scenario(),
                            viewSettings_(), controller_.attentionHardwareId().toStdString());
}

void SessionDocument::closeCleanly() {
    autosaveTimer_.stop();
    QFile::remove(autosavePath_); // nothing to restore next time
    autosaveLock_->unlock();
}

std::optional<SessionDocument::Opened> SessionDocument::open(const QString& path, QString* error) {
    QString rejected;
    const auto connection = connect(&controller_, &ScenarioController::rejected, this,
                                    [&rejected](const QString& m) { rejected = m; });
    const auto done = [&] { disconnect(connection); };
    try {
        const std::string file = QFile::encodeName(path).toStdString();
        const std::string text = readInputFile(file);
        // The file's "kind" key decides the parser; each parser reports its own errors by key.
        const std::string kind = inputFileKind(text, file);
        Opened opened;
        bool ok = true;
        if (kind == "deck") {
            opened.deck = parseDeck(text, file, controller_.library());
            if (const QString problem = PresentationController::checkDeck(*opened.deck);
                !problem.isEmpty()) {
                done();
                *error = QStringLiteral("%1: %2").arg(path, problem);
                return std::nullopt;
            }
        } else if (kind == "scenario") {
            const ScenarioFile scenario = parseScenario(text, file);
            ok = controller_.loadScenario(scenario);
            if (ok) {
                currentFile_ = path;
                opened.view = scenario.view;
                markSaved();
            }
        } else {
            ok = controller_.usePreset(parsePreset(text, file));
        }
        done();
        if (!ok) {
            *error = QStringLiteral("%1: %2").arg(path, rejected);
            return std::nullopt;
        }
        addRecentFile(path);
        return opened;
    } catch (const InputFileError& e) {
        done();
        *error = QString::fromUtf8(e.what());
        return std::nullopt;
    }
}

bool SessionDocument::save(const QString& path, QString* error) {
    const ScenarioFile file = snapshot();
    if (!writeFileAtomically(path, QByteArray::fromStdString(writeScenario(file)), error)) {
        return false;
    }
    currentFile_ = path;
    markSaved();
    addRecentFile(path);
    emit message(tr("Saved %1").arg(path), 5000);
    return true;
}

void SessionDocument::markSaved() {
    savedGeneration_ = controller_.generation();
}

bool SessionDocument::hasUnsavedChanges() const {
    return controller_.generation() != savedGeneration_;
}

void SessionDocument::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(QStringLiteral("recentFiles")).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    settings.setValue(QStringLiteral("recentFiles"), recent.mid(0, kRecentFiles));
}

QStringList SessionDocument::recentFiles() const {
    return QSettings().value(QStringLiteral("recentFiles")).toStringList();
}

} // namespace afd::ui
