/**
 * The bundled demo target, run as `node dist/targets/sample-api/server.js` with PORT set.
 * Dependency-free on purpose: what it measures is Node's http server, nothing else.
 */
import { createSampleApi } from './app.js';
import { isClusterPrimary, runPrimary } from './cluster.js';
import { parseSampleApiConfig, SampleApiConfigError, type SampleApiConfig } from './config.js';

const SHUTDOWN_TIMEOUT_MS = 10_000;

function loadConfig(): SampleApiConfig {
  try {
    return parseSampleApiConfig(process.env);
  } catch (err) {
    if (!(err instanceof SampleApiConfigError)) throw err;
    console.error(`sample-api: ${err.message}`);
    return process.exit(2);
  }
}

const config = loadConfig();
if (config.workers > 1 && isClusterPrimary())
  runPrimary(config.workers, (line) => console.log(line));
else serve(config);

function serve(config: SampleApiConfig): void {
  const api = createSampleApi(config);

  api.server.on('error', (err: NodeJS.ErrnoException) => {
    console.error(
      `sample-api: cannot listen on ${config.host}:${config.port}: ${err.code ?? err.message}`,
    );
    process.exit(1);
  });

  api.server.listen(config.port, config.host, () => {
    const address = api.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    console.log(`sample-api listening on http://${host}:${port} (mode: ${config.mode})`);
  });

  let stopping = false;
  function shutDown(signal: NodeJS.Signals): void {
    if (stopping) return;
    stopping = true;
    console.log(`sample-api received ${signal}, shutting down`);
    setTimeout(() => {
      console.log(
        `sample-api: requests still open after ${SHUTDOWN_TIMEOUT_MS} ms, exiting anyway`,
      );
      process.exit(0);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    void api.close().then(() => {
      console.log('sample-api stopped');
      process.exit(0);
    });
  }

  process.on('SIGTERM', () => shutDown('SIGTERM'));
  process.on('SIGINT', () => shutDown('SIGINT'));
}
