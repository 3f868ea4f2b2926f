import http from 'k6/http';
export const options = { vus: 5, duration: '2s' };
export default function () { http.get(`${__ENV.TARGET}/`); }
