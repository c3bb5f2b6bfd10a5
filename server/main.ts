/** `npm start`: the reference server with SQLite under ./data (PostgreSQL with DATABASE_URL), configured from the environment. */
import { join } from 'node:path';
import { optionsFromEnv, resolveConfig } from './config.js';
import { startServer } from './app.js';
import { exitOnSignals } from './ops/shutdown.js';

const options = optionsFromEnv(process.env);
const server = await startServer(options);
const { dataDir, demo, databaseUrl, redisUrl } = resolveConfig(options);
process.stdout.write(
  [
    '',
    `omni-widget reference server on ${server.url}`,
    ...(demo
      ? [`  demo host page   ${server.url}/`, `  agent console    ${server.url}/agent`]
      : ['  demo             off (OMNI_DEMO=0)']),
    `  script tag       ${server.url}/cdn/omni-widget.js`,
    `  data             ${dataDir}`,
    // Never the URL itself: it may carry a password.
    `  database         ${databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${join(dataDir, 'omni.sqlite')}`}`,
    `  events, limits   ${redisUrl ? 'Redis (REDIS_URL), shared with every process on it' : 'in this process'}`,
    server.generatedApiKey
      ? `  API key          ${server.apiKey}  (generated now, kept in ${join(dataDir, 'secrets.json')})`
      : `  API key          ${options.apiKey ? 'from OMNI_API_KEY' : `in ${join(dataDir, 'secrets.json')}`}`,
    '',
  ].join('\n') + '\n',
);

// SIGTERM/SIGINT: drain within the bound, then exit 0.
exitOnSignals(server, resolveConfig(options).shutdownTimeoutMs);
