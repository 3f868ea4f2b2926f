// res.json(selector) with gjson's path syntax, on a document echoed back by the server.
import http from 'k6/http';
import { check } from 'k6';
const doc = {
  name: { first: 'Tom', last: 'Anderson' },
  age: 37,
  children: ['Sara', 'Alex', 'Jack'],
  'fav.movie': 'Deer Hunter',
  friends: [
    { first: 'Dale', last: 'Murphy', age: 44, nets: ['ig', 'fb', 'tw'] },
    { first: 'Roger', last: 'Craig', age: 68, nets: ['fb', 'tw'] },
    { first: 'Jane', last: 'Murphy', age: 47, nets: ['ig', 'tw'] },
  ],
};
export default function () {
  const r = http.post(`${__ENV.TARGET}/echo`, JSON.stringify(doc), { headers: { 'Content-Type': 'application/json' } });
  check(r, {
    'nested key': (x) => x.json('name.last') === 'Anderson',
    'array index': (x) => x.json('children.1') === 'Alex',
    'array length': (x) => x.json('children.#') === 3,
    'field of every element': (x) => x.json('friends.#.first').join() === 'Dale,Roger,Jane',
    'wildcard key': (x) => x.json('name.fi*t') === 'Tom' && x.json('a?e') === 37,
    'escaped dot': (x) => x.json('fav\\.movie') === 'Deer Hunter',
    'first match query': (x) => x.json('friends.#(last=="Murphy").first') === 'Dale',
    'all matches query': (x) => x.json('friends.#(last=="Murphy")#.first').join() === 'Dale,Jane',
    'numeric query': (x) => x.json('friends.#(age>45)#.first').join() === 'Roger,Jane',
    'like query': (x) => x.json('friends.#(first%"R*").last') === 'Craig',
    'missing path': (x) => x.json('name.middle') === undefined && x.json('friends.#(age>100).first') === undefined,
  });
}
