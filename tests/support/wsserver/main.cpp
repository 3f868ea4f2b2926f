// stampede-wsserver: a loopback WebSocket echo server for the k6/ws tests.
//
//     stampede-wsserver --port 0
//
// Prints "listening on ws://127.0.0.1:<port>" and runs until SIGTERM/SIGINT. Every text and
// binary message is echoed. Text commands: "close:<code>" closes the connection from the
// server side with that code; "ping" makes the server send a ping frame (the client's pong
// comes back as a "pong:<ms>" text message); "burst:<n>" sends n text messages "m<i>";
// "header:<name>" answers with that header of the opening handshake ("" if absent).
// Subprotocols "chat" and "superchat" are accepted (the first one the client offers).
// Client pings are answered with pongs by QWebSocket itself.
//
// A second line, "deflate echo on ws://127.0.0.1:<port>", names a permessage-deflate echo
// server (deflateecho.h) on another port (--deflate-port, 0 = any free port).

#include "deflateecho.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkRequest>
#include <QSocketNotifier>
#include <QWebSocket>
#include <QWebSocketServer>

#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace {
int g_signalPipe[2] = {-1, -1};
void onSignal(int)
{
    const char c = 1;
    (void)!::write(g_signalPipe[1], &c, 1);
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("port"), QStringLiteral("port (0 = any free port)"), QStringLiteral("port"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("deflate-port"), QStringLiteral("port of the permessage-deflate echo (0 = any free port)"),
                      QStringLiteral("port"), QStringLiteral("0")});
    parser.addHelpOption();
    parser.process(app);

    if (::pipe(g_signalPipe) != 0)
        return 1;
    std::signal(SIGTERM, onSignal);
    std::signal(SIGINT, onSignal);
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [] { QCoreApplication::exit(0); });

    QWebSocketServer server(QStringLiteral("stampede-wsserver"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("chat"), QStringLiteral("superchat")});
    if (!server.listen(QHostAddress::LocalHost, quint16(parser.value(QStringLiteral("port")).toUInt()))) {
        std::fprintf(stderr, "stampede-wsserver: %s\n", qPrintable(server.errorString()));
        return 1;
    }
    QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&server] {
        while (QWebSocket *ws = server.nextPendingConnection()) {
            QObject::connect(ws, &QWebSocket::textMessageReceived, ws, [ws](const QString &msg) {
                if (msg.startsWith(QLatin1String("close:"))) {
                    ws->close(QWebSocketProtocol::CloseCode(msg.mid(6).toInt()), QStringLiteral("bye"));
                } else if (msg == QLatin1String("ping")) {
                    ws->ping("srv");
                } else if (msg.startsWith(QLatin1String("header:"))) {
                    ws->sendTextMessage(QString::fromLatin1(ws->request().rawHeader(msg.mid(7).toLatin1())));
                } else if (msg.startsWith(QLatin1String("burst:"))) {
                    const int n = msg.mid(6).toInt();
                    for (int i = 0; i < n; ++i)
                        ws->sendTextMessage(QStringLiteral("m%1").arg(i));
                } else {
                    ws->sendTextMessage(msg);
                }
            });
            QObject::connect(ws, &QWebSocket::binaryMessageReceived, ws,
                             [ws](const QByteArray &data) { ws->sendBinaryMessage(data); });
            QObject::connect(ws, &QWebSocket::pong, ws, [ws](quint64 elapsed, const QByteArray &) {
                ws->sendTextMessage(QStringLiteral("pong:%1").arg(elapsed));
            });
            QObject::connect(ws, &QWebSocket::disconnected, ws, &QObject::deleteLater);
        }
    });
    DeflateEchoServer deflateServer;
    if (!deflateServer.listen(quint16(parser.value(QStringLiteral("deflate-port")).toUInt()))) {
        std::fprintf(stderr, "stampede-wsserver: %s\n", qPrintable(deflateServer.errorString()));
        return 1;
    }
    std::printf("listening on ws://127.0.0.1:%u\n", unsigned(server.serverPort()));
    std::printf("deflate echo on ws://127.0.0.1:%u\n", unsigned(deflateServer.port()));
    std::fflush(stdout);
    return app.exec();
}
