/** `npm start`: the reference server with SQLite under ./data, configured from the environment. */
import { join } from 'node:path';
import { optionsFromEnv, resolveConfig } from './config.js';
import { startServer } from './app.js';

const options = optionsFromEnv(process.env);
const server = await startServer(options);
const { dataDir, demo } = resolveConfig(options);
process.stdout.write(
  [
    '',
    `omni-widget reference server on ${server.url}`,
    ...(demo
      ? [`  demo host page   ${server.url}/`, `  agent console    ${server.url}/agent`]
      : ['  demo             off (OMNI_DEMO=0)']),
    `  script tag       ${server.url}/cdn/omni-widget.js`,
    `  data             ${dataDir}`,
    server.generatedApiKey
      ? `  API key          ${server.apiKey}  (generated now, kept in ${join(dataDir, 'secrets.json')})`
      : `  API key          ${options.apiKey ? 'from OMNI_API_KEY' : `in ${join(dataDir, 'secrets.json')}`}`,
    '',
  ].join('\n') + '\n',
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
