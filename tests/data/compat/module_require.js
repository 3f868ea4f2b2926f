// CommonJS require() of local files, JSON files and k6 modules.
import { check } from 'k6';
const common = require('./lib/common.js');
const again = require('./lib/common.js');
const http = require('k6/http');
export default function () {
  check(common, {
    'exports': (c) => c.name === 'common',
    'runs once per VU': () => again === common,
    'k6 module by require': () => typeof http.get === 'function',
  });
}
