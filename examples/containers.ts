import { ramp, scenario, target } from 'loadrig';

// The sample API as containers: two replicas of half a core and 128 MB each behind nginx.
// Needs Docker and the images from infra/images/build.sh (or your own: see README "Containers").
// Try `loadrig run examples/containers.ts --replicas 1,2,4` for a capacity sweep.
export default scenario({
  name: 'containers',
  target: target({
    name: 'sample-api',
    image: 'loadrig/sample-api',
    resources: { cpus: 0.5, memoryMb: 128 },
    replicas: 2,
    health: { path: '/health', timeout: '30s' },
  }),
  profile: ramp({ to: 20, rampUp: '10s', hold: '15s', rampDown: '5s' }),
  thresholds: { http_req_duration: ['p(95)<250'], http_req_failed: ['rate<0.01'] },
  flow: async (vu) => {
    const echo = await vu.http.post('/echo', { json: { vu: vu.id, iteration: vu.iteration } });
    vu.check(echo, { 'echo: status 200': (r) => r.status === 200 });
    await vu.sleep(0.05);
  },
});
