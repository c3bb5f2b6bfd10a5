// One rollup build, two outputs:
// - dist/: the npm package, one ESM module per source module (lit, nanostores... stay external);
// - dist-cdn/: the script-tag bundle (everything bundled, minified); calling code is a lazy chunk.
// dist-cdn/manifest.json records the chunk graph so bench/ can measure what a visitor downloads;
// dist-cdn/sri.json records the Subresource Integrity hash of each entry for the README's snippet.
// A third build makes dist-cdn/omni-sw.js, the service worker, with those files as its precache list.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';

const typescriptOptions = {
  tsconfig: './tsconfig.json',
  include: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'test/**', 'demo/**'],
  compilerOptions: { declaration: false, sourceMap: true },
};

/** Emits manifest.json: for every chunk, its static and dynamic imports and its source modules. */
function chunkManifest() {
  return {
    name: 'chunk-manifest',
    generateBundle(_options, bundle) {
      const chunks = {};
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk') continue;
        chunks[fileName] = {
          isEntry: output.isEntry,
          imports: output.imports,
          dynamicImports: output.dynamicImports,
          // Only modules that left code in the chunk (a type-only or fully tree-shaken one leaves none).
          modules: Object.entries(output.modules)
            .filter(([, module]) => module.renderedLength > 0)
            .map(([id]) => id.replace(process.cwd() + '/', '')),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(chunks, null, 2) });
    },
  };
}

/** Writes sri.json: `sha384-…` of each entry file as written (sourcemap comment included). */
function subresourceIntegrity() {
  return {
    name: 'subresource-integrity',
    writeBundle(options, bundle) {
      const hashes = {};
      for (const [fileName, output] of Object.entries(bundle)) {
        if (output.type !== 'chunk' || !output.isEntry) continue;
        const bytes = readFileSync(join(options.dir, fileName));
        hashes[fileName] = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
      }
      writeFileSync(join(options.dir, 'sri.json'), JSON.stringify(hashes, null, 2) + '\n');
    },
  };
}

/**
 * Replaces `self.__WB_MANIFEST` in the worker with the workbox precache list: the dist-cdn files a chat
 * needs (omni-widget.js and every chunk it reaches, except calling), read from the manifest.json and
 * sri.json of the build before. Chunk names carry their hash; the entry gets a revision and its SRI hash.
 */
function precacheManifest(dir) {
  return {
    name: 'precache-manifest',
    renderChunk(code) {
      if (!code.includes('self.__WB_MANIFEST')) this.error('the service worker does not read self.__WB_MANIFEST');
      const chunks = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
      const integrity = JSON.parse(readFileSync(join(dir, 'sri.json'), 'utf8'));
      const files = new Set();
      const visit = (file) => {
        // Calling, and the languages (15 of them; the worker caches the one a page loads when it loads it).
        if (files.has(file) || chunks[file].modules.some((id) => /node_modules\/sip\.js\/|src\/calling\/|src\/i18n\/locales\//.test(id))) return;
        files.add(file);
        for (const next of [...chunks[file].imports, ...chunks[file].dynamicImports]) visit(next);
      };
      visit('omni-widget.js');
      const entries = [...files].map((file) =>
        file.startsWith('chunks/')
          ? { url: file, revision: null }
          : { url: file, revision: createHash('sha256').update(readFileSync(join(dir, file))).digest('hex').slice(0, 16), integrity: integrity[file] },
      );
      // Every occurrence: workbox's own doc comments name it too.
      return { code: code.split('self.__WB_MANIFEST').join(JSON.stringify(entries)), map: null };
    },
  };
}

/** Chunk file names that say what they hold: sip.js + calling, the agent console, or the shared widget core. */
function chunkName(chunk) {
  const ids = chunk.moduleIds;
  if (ids.some((id) => /node_modules\/sip\.js\//.test(id))) return 'chunks/calling-[hash].js';
  if (ids.some((id) => /src\/calling\//.test(id))) return 'chunks/calling-[hash].js';
  if (ids.some((id) => /omni-agent-console|omni-conversation-list|agent-commands/.test(id))) return 'chunks/agent-[hash].js';
  if (ids.some((id) => /omni-attachment\/omni-attachment/.test(id))) return 'chunks/attachment-viewer-[hash].js';
  if (ids.some((id) => /src\/core\/local-cache/.test(id))) return 'chunks/local-cache-[hash].js';
  if (ids.some((id) => /src\/core\/tab-leader/.test(id))) return 'chunks/tab-leader-[hash].js';
  if (ids.some((id) => /src\/core\/session-cache/.test(id))) return 'chunks/session-cache-[hash].js';
  if (ids.some((id) => /src\/core\/page-report/.test(id))) return 'chunks/page-report-[hash].js';
  if (ids.some((id) => /@lit-labs\/virtualizer|omni-conversation\/virtual-rows/.test(id))) return 'chunks/virtualizer-[hash].js';
  if (ids.some((id) => /omni-chat\/service-worker/.test(id))) return 'chunks/service-worker-[hash].js';
  if (ids.some((id) => /omni-chat\/attention/.test(id))) return 'chunks/attention-[hash].js';
  if (ids.some((id) => /omni-conversation\/rating-form/.test(id))) return 'chunks/rating-[hash].js';
  if (ids.some((id) => /omni-chat-forms\//.test(id))) return 'chunks/chat-forms-[hash].js';
  if (ids.some((id) => /omni-chat\/transcript/.test(id))) return 'chunks/transcript-[hash].js';
  if (ids.some((id) => /src\/messaging\/outbox-retarget/.test(id))) return 'chunks/outbox-retarget-[hash].js';
  if (ids.some((id) => /omni-conversation\/uploads|src\/messaging\/attachments/.test(id))) return 'chunks/uploads-[hash].js';
  if (ids.some((id) => /omni-emoji-picker\/|src\/messaging\/emoji/.test(id))) return 'chunks/emoji-[hash].js';
  if (ids.some((id) => /omni-carousel\//.test(id))) return 'chunks/carousel-[hash].js';
  if (ids.some((id) => /omni-call-button\/omni-call-button\.ts/.test(id))) return 'chunks/call-button-[hash].js';
  const locale = ids.map((id) => /src\/i18n\/locales\/([\w-]+)\.ts$/.exec(id)?.[1]).find(Boolean);
  if (locale) return `chunks/locale-${locale.toLowerCase()}-[hash].js`;
  if (ids.some((id) => /src\/i18n\/locale-loader/.test(id))) return 'chunks/locale-loader-[hash].js';
  return 'chunks/widget-[hash].js';
}

/** Sources that only the agent entry may carry. */
const agentOnlyModule = /src\/(messaging\/agent-commands|elements\/omni-agent-console\/|elements\/omni-conversation-list\/)/;

/** Puts every module the guest entry imports statically into the guest entry's own file (agent-only ones excepted). */
function guestEntryChunk(id, { getModuleInfo }) {
  if (!guestEntryChunk.closure) {
    const closure = new Set();
    const visit = (moduleId) => {
      // The barrel src/messaging/index.ts re-exports the agent's slash commands: they stay out.
      if (closure.has(moduleId) || agentOnlyModule.test(moduleId)) return;
      closure.add(moduleId);
      for (const imported of getModuleInfo(moduleId)?.importedIds ?? []) visit(imported);
    };
    visit(resolvePath('src/cdn.ts'));
    guestEntryChunk.closure = closure;
  }
  return guestEntryChunk.closure.has(id) ? 'omni-widget' : undefined;
}

/** Files of bundled third-party modules go to vendor/ (npm never packs a folder named node_modules). */
const npmFileName = (chunk) => `${chunk.name.replace(/^(\.\.\/)*node_modules\//, 'vendor/')}.js`;

const npmPackage = {
  input: {
    'core/index': 'src/core/index.ts',
    'messaging/index': 'src/messaging/index.ts',
    'elements/index': 'src/elements/index.ts',
    'calling/index': 'src/calling/index.ts',
    define: 'src/define.ts',
    'define-agent': 'src/define-agent.ts',
    'react/index': 'src/react/index.ts',
    'vue/index': 'src/vue/index.ts',
  },
  // Dependencies and peers stay imports; @lit/react is bundled into dist/vendor (no @types/react for non-React apps).
  external: (id) => /^(lit|lit-html|lit-element|@lit\/(?!react)|@lit-labs\/|nanostores|sip\.js|workbox-window|idb|react|vue)(\/|$)/.test(id),
  // node-resolve only for the bundled @lit/react: it would apply package.json `sideEffects` (dist paths)
  // to our own src modules and drop bare `import './define.js'` lines.
  plugins: [nodeResolve({ browser: true, resolveOnly: ['@lit/react'] }), typescript({ ...typescriptOptions, outDir: 'dist' })],
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    entryFileNames: npmFileName,
    sourcemap: true,
  },
};

const cdnBundle = {
  input: { 'omni-widget': 'src/cdn.ts', 'omni-agent': 'src/cdn-agent.ts' },
  // The guest entry carries everything it loads up front itself (and exports it to the agent entry
  // and the lazy chunks): one file up front instead of an entry that only imports a chunk.
  preserveEntrySignatures: 'allow-extension',
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({ ...typescriptOptions, outDir: 'dist-cdn' }),
    // Whitespace out of the html`` and css`` templates (Lit's own recommendation for production).
    minifyHTML(),
    terser({ module: true, ecma: 2020, format: { comments: false }, compress: { passes: 2 } }),
    chunkManifest(),
    subresourceIntegrity(),
  ],
  output: {
    dir: 'dist-cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: chunkName,
    manualChunks: guestEntryChunk,
    sourcemap: true,
  },
};

// Built after cdnBundle (rollup builds the configs in order): it reads that build's manifest.
const serviceWorker = {
  input: 'src/sw/omni-sw.ts',
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true }),
    typescript({ ...typescriptOptions, outDir: 'dist-cdn' }),
    precacheManifest('dist-cdn'),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
  ],
  // A classic script: sites register it as it is or `importScripts()` it into their own worker.
  output: { file: 'dist-cdn/omni-sw.js', format: 'iife', sourcemap: true },
};

export default [npmPackage, cdnBundle, serviceWorker];
