// stampede-testserver: a loopback HTTP/1.1 server for Stampede's tests and benchmarks.
//
//   stampede-testserver --port 0 [--host 127.0.0.1]
//
// Prints "listening on http://<host>:<port>" once ready and runs until SIGTERM/SIGINT.

#include "core/testserver/httptestserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int g_signalFds[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    // Async-signal-safe; the event loop picks it up through the socket notifier.
    [[maybe_unused]] const auto n = ::write(g_signalFds[0], &c, 1);
}

bool installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalFds) != 0)
        return false;
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (::sigaction(SIGTERM, &sa, nullptr) != 0 || ::sigaction(SIGINT, &sa, nullptr) != 0)
        return false;
    std::signal(SIGPIPE, SIG_IGN);
    return true;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"stampede-testserver"_s);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Loopback HTTP/1.1 server for Stampede's tests and benchmarks."_s);
    parser.addHelpOption();
    const QCommandLineOption portOption(u"port"_s, u"TCP port; 0 picks a free one."_s, u"port"_s, u"0"_s);
    const QCommandLineOption hostOption(u"host"_s, u"Loopback address to bind."_s, u"host"_s, u"127.0.0.1"_s);
    const QCommandLineOption logOption(u"log"_s, u"Log every request line to stderr."_s);
    parser.addOption(portOption);
    parser.addOption(logOption);
    parser.addOption(hostOption);
    parser.process(app);

    bool portOk = false;
    const uint port = parser.value(portOption).toUInt(&portOk);
    if (!portOk || port > 65535) {
        std::fprintf(stderr, "stampede-testserver: invalid --port %s\n", qPrintable(parser.value(portOption)));
        return 2;
    }
    const QString hostText = parser.value(hostOption);
    const QHostAddress host = hostText == u"localhost"_s ? QHostAddress(QHostAddress::LocalHost) : QHostAddress(hostText);
    if (host.isNull() || !host.isLoopback()) {
        std::fprintf(stderr, "stampede-testserver: --host must be a loopback address, not %s\n", qPrintable(hostText));
        return 2;
    }

    if (!installSignalHandlers()) {
        std::perror("stampede-testserver: cannot install signal handlers");
        return 1;
    }
    QSocketNotifier signalNotifier(g_signalFds[1], QSocketNotifier::Read);
    QObject::connect(&signalNotifier, &QSocketNotifier::activated, &app, [] {
        char c = 0;
        [[maybe_unused]] const auto n = ::read(g_signalFds[1], &c, 1);
        QCoreApplication::quit();
    });

    stampede::testserver::HttpTestServer server;
    server.setLogging(parser.isSet(logOption));
    if (!server.listen(host, quint16(port))) {
        std::fprintf(stderr, "stampede-testserver: cannot listen on %s:%u: %s\n", qPrintable(hostText), port,
                     qPrintable(server.errorString()));
        return 1;
    }
    const QString shownHost = host.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + host.toString() + u']'
                                                                                : host.toString();
    std::printf("listening on http://%s:%u\n", qPrintable(shownHost), unsigned(server.serverPort()));
    std::fflush(stdout);

    const int rc = app.exec();
    ::close(g_signalFds[0]);
    ::close(g_signalFds[1]);
    return rc;
}
