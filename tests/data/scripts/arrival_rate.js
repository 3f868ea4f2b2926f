import http from 'k6/http';
export const options = {
  scenarios: {
    steady: { executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '10s',
              preAllocatedVUs: 10, maxVUs: 50 },
  },
};
export default function () { http.get(`${__ENV.TARGET}/`); }
