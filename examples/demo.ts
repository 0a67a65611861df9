import { ramp, scenario } from 'loadrig';

// The demo: ramp to 20 virtual users against the bundled sample API, hold, ramp down.
export default scenario({
  name: 'demo',
  target: 'sample-api',
  profile: ramp({ to: 20, rampUp: '10s', hold: '15s', rampDown: '5s' }),
  warmup: '2s',
  thresholds: {
    http_req_duration: ['p(95)<250', 'avg<100'],
    'http_req_duration{name:delay}': ['p(99)<200'],
    http_req_failed: ['rate<0.01'],
    checks: ['rate>0.99'],
  },
  flow: async (vu) => {
    const fast = await vu.http.get('/fast');
    vu.check(fast, { 'fast: status 200': (r) => r.status === 200 });

    const echo = await vu.http.post('/echo', { json: { vu: vu.id, iteration: vu.iteration } });
    vu.check(echo, {
      'echo: returns the body': (r) => r.json<{ body: { vu: number } }>().body.vu === vu.id,
    });

    const slow = await vu.http.get('/delay?ms=20', { name: 'delay' });
    vu.check(slow, { 'delay: status 200': (r) => r.status === 200 });

    await vu.sleep(0.1);
  },
});
