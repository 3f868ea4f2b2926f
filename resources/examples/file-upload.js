// A multipart/form-data upload: form fields plus a file made with http.file().
// (For a file on disk use open('data.csv', 'b') in the init code.)
import http from 'k6/http';
import { check } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://127.0.0.1:8080';
const report = 'id,value\n1,42\n2,43\n';

export const options = {
  vus: 1,
  iterations: 3,
  thresholds: { checks: ['rate==1'], http_req_failed: ['rate==0'] },
};

export default function () {
  const res = http.post(`${BASE_URL}/upload`, {
    title: 'monthly report',
    attachment: http.file(report, 'report.csv', 'text/csv'),
  });
  check(res, {
    'uploaded': (r) => r.status === 200,
    'field arrived': (r) => r.json('fields.title') === 'monthly report',
    'file arrived whole': (r) => r.json('files.0.filename') === 'report.csv' && r.json('files.0.size') === report.length,
    'file type kept': (r) => r.json('files.0.contentType') === 'text/csv',
  });
}
