// k6/html: parse a page, read the title and a table with CSS selectors, follow a link.
import http from 'k6/http';
import { check } from 'k6';
import { parseHTML } from 'k6/html';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';

export const options = {
  vus: 1,
  iterations: 3,
  thresholds: { checks: ['rate==1'] },
};

export default function () {
  const res = http.get(`${BASE_URL}/app/products`);
  const doc = parseHTML(res.body);
  const rows = doc.find('tr.product');
  const names = rows.map((i, row) => row.find('td.name').text());
  const prices = rows.map((i, row) => parseFloat(row.find('td.price').text()));
  check(doc, {
    'title is Products': (d) => d.find('title').text() === 'Products',
    'four products': () => rows.size() === 4,
    'the anvil is first': () => names[0] === 'Anvil',
    'prices are numbers': () => prices.every((p) => p > 0),
    'description meta': (d) => d.find('meta[name=description]').attr('content').includes('demo shop'),
  });
  const link = rows.first().find('a').attr('href');
  check(http.get(`${BASE_URL}${link}`), { 'link works': (r) => r.status === 200 });
}
