// SPDX-License-Identifier: GPL-3.0-or-later
// A temporary HOME and XDG folders for a test process and every process it starts, so that no
// test reads or writes the user's settings, recent files or autosaves.
#pragma once

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <cstdio>
#include <cstdlib>

namespace afd::test {

// A temporary HOME with its XDG folders; the variables are set for this process and inherited
// by every process it starts. Lives as long as the test executable.
class TestHome {
  public:
    TestHome() {
        if (!dir_.isValid()) {
            std::fprintf(stderr, "cannot create a temporary home: %s\n",
                         qPrintable(dir_.errorString()));
            std::abort();
        }
        setFolder("HOME", QString());
        setFolder("XDG_CONFIG_HOME", QStringLiteral("config"));
        setFolder("XDG_DATA_HOME", QStringLiteral("data"));
        setFolder("XDG_CACHE_HOME", QStringLiteral("cache"));
        setFolder("XDG_STATE_HOME", QStringLiteral("state"));
        // Qt accepts a runtime folder only if it is private to the user (0700).
        setFolder("XDG_RUNTIME_DIR", QStringLiteral("runtime"));
        QFile::setPermissions(dir_.filePath(QStringLiteral("runtime")),
                              QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                  QFileDevice::ExeOwner);
    }
    QString path() const { return dir_.path(); }

  private:
    void setFolder(const char* variable, const QString& sub) {
        const QString folder = sub.isEmpty() ? dir_.path() : dir_.filePath(sub);
        QDir().mkpath(folder);
        qputenv(variable, QFile::encodeName(folder));
    }
    QTemporaryDir dir_;
};

} // namespace afd::test
