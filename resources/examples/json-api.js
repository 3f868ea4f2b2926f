// A JSON API: create, read, update, list and delete items, with checks on every
// answer and thresholds on the latency of each kind of request (by its name tag).
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';
const JSON_HEADERS = { headers: { 'Content-Type': 'application/json' } };

export const options = {
  vus: 3,
  iterations: 15,
  thresholds: {
    checks: ['rate==1'],
    http_req_failed: ['rate==0'],
    'http_req_duration{name:create}': ['p(95)<300'],
    'http_req_duration{name:read}': ['p(95)<300'],
    http_reqs: ['count>=75'],
  },
};

export default function () {
  const name = `item-${__VU}-${__ITER}`;
  const created = http.post(`${BASE_URL}/api/items`, JSON.stringify({ name: name, price: 10 }),
    Object.assign({ tags: { name: 'create' } }, JSON_HEADERS));
  check(created, {
    'created (201)': (r) => r.status === 201,
    'has an id': (r) => typeof r.json('id') === 'number',
  });
  const id = created.json('id');
  const url = `${BASE_URL}/api/items/${id}`;

  const read = http.get(url, { tags: { name: 'read' } });
  check(read, { 'read back': (r) => r.status === 200 && r.json('name') === name });

  const updated = http.put(url, JSON.stringify({ name: name, price: 12.5 }),
    Object.assign({ tags: { name: 'update' } }, JSON_HEADERS));
  check(updated, { 'price updated': (r) => r.status === 200 && r.json('price') === 12.5 });

  const list = http.get(`${BASE_URL}/api/items`, { tags: { name: 'list' } });
  check(list, { 'listed': (r) => r.status === 200 && r.json().some((i) => i.id === id) });

  const removed = http.del(url, null, { tags: { name: 'delete' } });
  check(removed, { 'deleted (204)': (r) => r.status === 204 });
}
