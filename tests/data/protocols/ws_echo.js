// k6/ws against stampede-wsserver (__ENV.WS_BASE).
import ws from 'k6/ws';
import { check } from 'k6';

export default function () {
    const got = [];
    let closeCode = 0;
    const res = ws.connect(`${__ENV.WS_BASE}/echo`, {}, function (socket) {
        socket.on('open', () => {
            socket.send('hello');
            socket.sendBinary(new Uint8Array([1, 2, 3]).buffer);
            socket.ping();
        });
        socket.on('message', (m) => {
            got.push(m);
            if (m === 'hello') socket.send('burst:3');
            if (m === 'm2') socket.send('ping');
            if (m.startsWith('pong:')) socket.setTimeout(() => socket.send('close:4001'), 20);
        });
        socket.on('binaryMessage', (b) => got.push('bin' + b.byteLength));
        socket.on('pong', () => got.push('PONG'));
        socket.on('ping', () => got.push('PING'));
        socket.on('close', (c) => { closeCode = c; });
    });
    check(res, { 'handshake 101': (r) => r.status === 101 });
    check(got, {
        'echo': (g) => g.includes('hello') && g.includes('bin3'),
        'burst': (g) => g.includes('m0') && g.includes('m1') && g.includes('m2'),
        'client ping answered': (g) => g.includes('PONG'),
        'server ping seen': (g) => g.includes('PING'),
    });
    check(closeCode, { 'server close code': (c) => c === 4001 });

    // Client-initiated close with an interval timer.
    let ticks = 0;
    ws.connect(`${__ENV.WS_BASE}/`, null, function (socket) {
        socket.setInterval(() => { ticks++; if (ticks === 3) socket.close(1000); }, 10);
    });
    check(ticks, { 'interval ran': (t) => t === 3 });
}
