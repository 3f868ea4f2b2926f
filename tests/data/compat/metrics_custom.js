// Custom metrics with tags; thresholds on them; k6/metrics types.
import { check } from 'k6';
import { Counter, Gauge, Rate, Trend } from 'k6/metrics';
const c = new Counter('my_counter');
const g = new Gauge('my_gauge');
const r = new Rate('my_rate');
const t = new Trend('my_trend', true);
export const options = {
  iterations: 4,
  thresholds: { my_counter: ['count==8'], my_rate: ['rate==0.5'], my_trend: ['max<1000', 'p(50)>0'], 'my_counter{kind:a}': ['count==4'] },
};
export default function () {
  c.add(1, { kind: 'a' });
  c.add(1, { kind: 'b' });
  g.add(__ITER);
  r.add(__ITER % 2 === 0);
  t.add(10 + __ITER);
  check(c, { 'metric has a name': (m) => m.name === 'my_counter' });
}
