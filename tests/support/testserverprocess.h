#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <memory>

namespace stampede::test {

// Runs build/bin/stampede-testserver for one test (or one test class):
//
//     TestServerProcess server;
//     QVERIFY2(server.start(), qPrintable(server.errorString()));
//     QUrl u = server.url(u"/delay/100"_s);
//
// start() waits (at most 10 s) for the "listening on" line; the destructor
// terminates the server. stats()/resetStats() talk to the server through a
// blocking loopback socket, so they work with or without a running event loop.
class TestServerProcess
{
public:
    TestServerProcess();
    ~TestServerProcess();
    TestServerProcess(const TestServerProcess &) = delete;
    TestServerProcess &operator=(const TestServerProcess &) = delete;

    static QString executablePath();

    // Starts the server on a free port. Returns false (see errorString()) on failure.
    bool start(const QStringList &extraArgs = {}, int timeoutMs = 10000);
    bool isRunning() const;
    QString errorString() const { return m_error; }

    // Sends SIGTERM and waits; returns the exit code, or -1 if it had to be killed or crashed.
    int stop(int timeoutMs = 5000);

    QUrl url() const { return m_url; }
    QUrl url(const QString &pathAndQuery) const; // e.g. url(u"/status/404"_s)
    int port() const { return m_url.port(); }
    qint64 processId() const;

    // GET /stats: {"requests", "connections", "accepted_connections", "open_connections"}; empty on
    // failure. The /stats queries themselves are not counted (see testserver/README.md).
    QJsonObject stats(int timeoutMs = 5000);
    // POST /stats/reset. Returns false on failure.
    bool resetStats(int timeoutMs = 5000);

    // One request on a fresh "Connection: close" socket; returns the raw response (head and body),
    // or an empty array on failure.
    QByteArray rawRequest(const QByteArray &request, int timeoutMs = 5000);

private:
    std::unique_ptr<QProcess> m_process;
    QUrl m_url;
    QString m_error;
};

} // namespace stampede::test
