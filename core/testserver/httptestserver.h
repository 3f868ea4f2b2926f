#pragma once

#include "core/testserver/demoapp.h"

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTcpServer>

namespace stampede::testserver {

// What reached the server, for /stats.
struct Counters
{
    // Complete requests parsed, /stats and /stats/reset excluded.
    quint64 requests = 0;
    // Connections that carried at least one counted request since the last reset, so
    // a test's own /stats queries never show up; a keep-alive connection that was
    // already open at the reset counts again with its next request.
    quint64 connections = 0;
    quint64 accepted = 0;     // every connection accepted since the last reset
    quint64 open = 0;         // connections open right now (never reset)
    quint64 generation = 0;   // bumped by /stats/reset
    bool log = false;
};

// A small HTTP/1.1 server for Stampede's integration tests and benchmarks.
//
// Single-threaded and event driven: keep-alive and pipelining per connection,
// Content-Length and chunked request bodies, "Expect: 100-continue", timers for
// delayed responses and streamed large bodies. Every response carries Content-Length.
// Endpoints are documented in README.md next to this file.
class HttpTestServer : public QObject
{
    Q_OBJECT

public:
    explicit HttpTestServer(QObject *parent = nullptr);
    ~HttpTestServer() override;

    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_server.errorString(); }
    QHostAddress serverAddress() const { return m_server.serverAddress(); }
    quint16 serverPort() const { return m_server.serverPort(); }

    Counters &counters() { return m_counters; }
    // Logs every request line (and connection events) to stderr.
    void setLogging(bool on) { m_counters.log = on; }

private:
    void acceptPending();

    QTcpServer m_server;
    Counters m_counters;
    DemoApp m_demo;
};

} // namespace stampede::testserver
