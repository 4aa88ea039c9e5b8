// SPDX-License-Identifier: GPL-3.0-or-later
// The core's output writer: a failed write never costs the previous file, devices and FIFOs are
// written in place and never replaced, and every failure names the file and the reason.
#include "afd/file_output.hpp"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace afd;

namespace {

std::string read(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return "<unreadable>";
    }
    return f.readAll().toStdString();
}

// Runs body with writes beyond `bytes` failing with EFBIG (as on a full disk), then lifts the
// limit again.
template <typename Body>
void withFileSizeLimit(rlim_t bytes, Body body) {
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    const auto previous = std::signal(SIGXFSZ, SIG_IGN);
    const rlimit limited{bytes, old.rlim_max};
    setrlimit(RLIMIT_FSIZE, &limited);
    body();
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, previous);
}

QStringList leftovers(const QTemporaryDir& dir) {
    return QDir(dir.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
}

} // namespace

class TestFiles : public QObject {
    Q_OBJECT
  private slots:
    void replacesAndKeepsPermissions();
    void failedWriteKeepsTheOriginal();
    void devicesAreWrittenInPlace();
    void fifoIsWrittenInPlace();
    void refusesFoldersAndMissingFolders();
};

void TestFiles::replacesAndKeepsPermissions() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("out.csv"));
    writeFileAtomically(path.toStdString(), "first\n");
    QCOMPARE(read(path), std::string("first\n"));
    ::chmod(path.toLocal8Bit().constData(), 0640);
    writeFileAtomically(path.toStdString(), "second\n");
    QCOMPARE(read(path), std::string("second\n"));
    struct stat st {};
    QCOMPARE(::stat(path.toLocal8Bit().constData(), &st), 0);
    QCOMPARE(st.st_mode & 07777U, 0640U);
    QCOMPARE(leftovers(dir), QStringList{QStringLiteral("out.csv")}); // no temporary file left
}

void TestFiles::failedWriteKeepsTheOriginal() {
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("saved.scenario.json"));
    const std::string original(4000, 'a');
    writeFileAtomically(path.toStdString(), original);
    bool threw = false;
    std::string message;
    withFileSizeLimit(1000, [&] {
        try {
            writeFileAtomically(path.toStdString(), std::string(8000, 'b'));
        } catch (const OutputFileError& e) {
            threw = true;
            message = e.what();
        }
    });
    QVERIFY(threw);
    QVERIFY2(message.find(path.toStdString() + ": cannot write (File too large)") == 0,
             message.c_str());
    QCOMPARE(read(path), original); // byte for byte
    QCOMPARE(leftovers(dir), QStringList{QStringLiteral("saved.scenario.json")});
}

void TestFiles::devicesAreWrittenInPlace() {
    // /dev/null stays the character device it is; /dev/full reports the disk full.
    writeFileAtomically("/dev/null", "data");
    struct stat st {};
    QCOMPARE(::stat("/dev/null", &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));
    try {
        writeFileAtomically("/dev/full", "data");
        QFAIL("writing /dev/full succeeded");
    } catch (const OutputFileError& e) {
        QVERIFY2(std::string(e.what()) == "/dev/full: cannot write (No space left on device)",
                 e.what());
    }
    QCOMPARE(::stat("/dev/full", &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));
}

void TestFiles::fifoIsWrittenInPlace() {
    QTemporaryDir dir;
    const QByteArray path = dir.filePath(QStringLiteral("pipe")).toLocal8Bit();
    QCOMPARE(::mkfifo(path.constData(), 0600), 0);
    std::string received;
    std::thread reader([&] { received = read(QString::fromLocal8Bit(path)); });
    writeFileAtomically(path.toStdString(), "through the pipe\n");
    reader.join();
    QCOMPARE(received, std::string("through the pipe\n"));
    struct stat st {};
    QCOMPARE(::stat(path.constData(), &st), 0);
    QVERIFY(S_ISFIFO(st.st_mode)); // still a FIFO, not replaced by a regular file
}

void TestFiles::refusesFoldersAndMissingFolders() {
    QTemporaryDir dir;
    try {
        writeFileAtomically(dir.path().toStdString(), "x");
        QFAIL("wrote over a folder");
    } catch (const OutputFileError& e) {
        QVERIFY2(std::string(e.what()).find("Is a directory") != std::string::npos, e.what());
    }
    const std::string missing =
        dir.filePath(QStringLiteral("no/such/folder/out.csv")).toStdString();
    try {
        writeFileAtomically(missing, "x");
        QFAIL("wrote into a missing folder");
    } catch (const OutputFileError& e) {
        QVERIFY2(std::string(e.what()) == missing + ": cannot write (No such file or directory)",
                 e.what());
    }
}

QTEST_GUILESS_MAIN(TestFiles)
#include "tst_files.moc"
