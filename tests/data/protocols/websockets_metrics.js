// k6/websockets metrics: two sessions with known message counts; one stays open for 300 ms.
import { WebSocket } from 'k6/websockets';
import { setTimeout } from 'k6/timers';
import { check } from 'k6';

export const options = {
  thresholds: {
    'ws_sessions{kind:held}': ['count==1'],
    'ws_msgs_sent{kind:held}': ['count==3'],
    'ws_session_duration{kind:held}': ['min>=300'],
    'ws_connecting{status:101}': ['count==2'],
    [`ws_msgs_received{url:${__ENV.WS_BASE}}`]: ['count==5'],
    'ws_ping{subproto:}': ['count>=2'],
  },
};

function run(tags, holdMs, messages) {
  return new Promise((resolve) => {
    const ws = new WebSocket(__ENV.WS_BASE, null, { tags });
    let got = 0;
    ws.onopen = () => {
      for (let i = 0; i < messages; i++) ws.send(`m${i}`);
      ws.ping();
    };
    ws.onmessage = () => {
      if (++got === messages) setTimeout(() => ws.close(), holdMs);
    };
    ws.onclose = () => resolve(got);
  });
}

export default async function () {
  const [held, quick] = await Promise.all([run({ kind: 'held' }, 300, 3), run({ kind: 'quick' }, 0, 2)]);
  check(null, { 'all echoed': () => held === 3 && quick === 2 });
}
