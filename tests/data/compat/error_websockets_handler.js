import { WebSocket } from 'k6/websockets';
export default function () {
  const ws = new WebSocket(__ENV.WS_TARGET);
  ws.onopen = () => ws.send('boom');
  ws.onmessage = (e) => { throw new Error(`handler failed on ${e.data}`); };
}
