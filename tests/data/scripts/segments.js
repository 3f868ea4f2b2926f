import http from 'k6/http';
export const options = {
  scenarios: {
    shared: { executor: 'shared-iterations', vus: 6, iterations: 60, exec: 'shared' },
    arrivals: { executor: 'constant-arrival-rate', rate: 50, duration: '2s', preAllocatedVUs: 6, maxVUs: 12,
                exec: 'arrivals' },
  },
};
export function shared() { http.get(`${__ENV.TARGET}/?s=shared`); }
export function arrivals() { http.get(`${__ENV.TARGET}/?s=arrivals`); }
