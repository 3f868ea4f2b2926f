#include "deflateecho.h"

#include <QCryptographicHash>
#include <QTcpSocket>

#include <zlib.h>

namespace {

// One connection: the opening handshake, then frames in both directions.
class Connection : public QObject
{
public:
    Connection(QTcpSocket *socket, QObject *parent) : QObject(parent), m_socket(socket)
    {
        m_socket->setParent(this);
        connect(m_socket, &QTcpSocket::readyRead, this, [this] { onData(); });
        connect(m_socket, &QTcpSocket::disconnected, this, &QObject::deleteLater);
        deflateInit2(&m_out, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
        inflateInit2(&m_in, -15);
    }
    ~Connection() override
    {
        deflateEnd(&m_out);
        inflateEnd(&m_in);
    }

private:
    void onData()
    {
        m_buffer += m_socket->readAll();
        if (!m_open) {
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            handshake(m_buffer.left(end));
            m_buffer.remove(0, end + 4);
        }
        while (m_open && parseFrame()) {
        }
    }

    void handshake(const QByteArray &head)
    {
        QByteArray key;
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon < 0)
                continue;
            const QByteArray name = line.left(colon).trimmed().toLower();
            const QByteArray value = line.mid(colon + 1).trimmed();
            if (name == "sec-websocket-key")
                key = value;
            else if (name == "sec-websocket-extensions" && value.contains("permessage-deflate"))
                m_deflate = true;
        }
        if (key.isEmpty()) {
            m_socket->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            m_socket->disconnectFromHost();
            return;
        }
        const QByteArray accept =
            QCryptographicHash::hash(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11", QCryptographicHash::Sha1).toBase64();
        QByteArray response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                              "Sec-WebSocket-Accept: " + accept + "\r\n";
        if (m_deflate)
            response += "Sec-WebSocket-Extensions: permessage-deflate\r\n";
        m_socket->write(response + "\r\n");
        m_open = true;
    }

    // Parses one complete frame off m_buffer; false if there is none yet.
    bool parseFrame()
    {
        if (m_buffer.size() < 2)
            return false;
        const auto b0 = quint8(m_buffer[0]), b1 = quint8(m_buffer[1]);
        quint64 len = b1 & 0x7f;
        qsizetype header = 2;
        if (len == 126) {
            if (m_buffer.size() < 4)
                return false;
            len = (quint64(quint8(m_buffer[2])) << 8) | quint8(m_buffer[3]);
            header = 4;
        } else if (len == 127) {
            if (m_buffer.size() < 10)
                return false;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | quint8(m_buffer[2 + i]);
            header = 10;
        }
        const bool masked = b1 & 0x80;
        if (masked)
            header += 4;
        if (quint64(m_buffer.size()) < quint64(header) + len)
            return false;
        QByteArray payload = m_buffer.mid(header, qsizetype(len));
        if (masked) {
            const QByteArray mask = m_buffer.mid(header - 4, 4);
            for (qsizetype i = 0; i < payload.size(); ++i)
                payload[i] = char(payload[i] ^ mask[i & 3]);
        }
        m_buffer.remove(0, header + qsizetype(len));
        const int opcode = b0 & 0x0f;
        const bool compressed = b0 & 0x40;
        if (opcode == 0x8) { // close: answer with the same code, then hang up
            writeFrame(0x8, payload.left(2), false);
            m_socket->disconnectFromHost();
            m_open = false;
            return false;
        }
        if (opcode == 0x9) {
            writeFrame(0xA, payload, false);
            return true;
        }
        if (opcode != 0x1 && opcode != 0x2)
            return true; // pongs, continuations (the tests send none)
        if (compressed) {
            ++m_compressedReceived;
            payload = inflateMessage(payload);
        }
        if (opcode == 0x1 && payload == "stats")
            payload = "compressed:" + QByteArray::number(m_compressedReceived);
        if (m_deflate)
            writeFrame(opcode, deflateMessage(payload), true);
        else
            writeFrame(opcode, payload, false);
        return true;
    }

    QByteArray inflateMessage(QByteArray data)
    {
        data.append("\x00\x00\xff\xff", 4);
        QByteArray out;
        char buf[16384];
        m_in.next_in = reinterpret_cast<Bytef *>(data.data());
        m_in.avail_in = uInt(data.size());
        do {
            m_in.next_out = reinterpret_cast<Bytef *>(buf);
            m_in.avail_out = sizeof buf;
            if (inflate(&m_in, Z_SYNC_FLUSH) == Z_DATA_ERROR)
                return "inflate failed";
            out.append(buf, qsizetype(sizeof buf - m_in.avail_out));
        } while (m_in.avail_out == 0 || m_in.avail_in > 0);
        return out;
    }

    QByteArray deflateMessage(QByteArray data)
    {
        QByteArray out;
        char buf[16384];
        m_out.next_in = reinterpret_cast<Bytef *>(data.data());
        m_out.avail_in = uInt(data.size());
        do {
            m_out.next_out = reinterpret_cast<Bytef *>(buf);
            m_out.avail_out = sizeof buf;
            deflate(&m_out, Z_SYNC_FLUSH);
            out.append(buf, qsizetype(sizeof buf - m_out.avail_out));
        } while (m_out.avail_out == 0);
        if (out.endsWith(QByteArray("\x00\x00\xff\xff", 4)))
            out.chop(4);
        return out;
    }

    void writeFrame(int opcode, const QByteArray &payload, bool compressed)
    {
        QByteArray frame;
        frame.append(char(0x80 | (compressed ? 0x40 : 0) | opcode));
        const qsizetype n = payload.size();
        if (n < 126) {
            frame.append(char(n));
        } else if (n < 65536) {
            frame.append(char(126));
            frame.append(char(n >> 8));
            frame.append(char(n & 0xff));
        } else {
            frame.append(char(127));
            for (int i = 7; i >= 0; --i)
                frame.append(char((quint64(n) >> (8 * i)) & 0xff));
        }
        m_socket->write(frame + payload);
    }

    QTcpSocket *m_socket;
    QByteArray m_buffer;
    bool m_open = false;
    bool m_deflate = false;
    int m_compressedReceived = 0;
    z_stream m_out{};
    z_stream m_in{};
};

} // namespace

DeflateEchoServer::DeflateEchoServer(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            new Connection(socket, this); // deleted when the socket disconnects (or with the server)
    });
}

bool DeflateEchoServer::listen(quint16 port)
{
    return m_server.listen(QHostAddress::LocalHost, port);
}
