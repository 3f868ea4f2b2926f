#pragma once

#include <QTcpServer>

// A WebSocket echo server that speaks permessage-deflate (RFC 7692), which QWebSocketServer
// does not. Handshake and framing are written out here (test code only): it accepts the
// extension when the client offers it, inflates compressed messages, and echoes every data
// message back compressed (or plain, without the extension). The text message "stats"
// answers "compressed:<n>", the number of compressed messages received so far on that
// connection. A close frame is answered with the same code.
class DeflateEchoServer : public QObject
{
public:
    explicit DeflateEchoServer(QObject *parent = nullptr);
    bool listen(quint16 port);
    quint16 port() const { return m_server.serverPort(); }
    QString errorString() const { return m_server.errorString(); }

private:
    QTcpServer m_server;
};
