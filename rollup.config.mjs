// One rollup build, two outputs:
// - dist/: the npm package, one ESM module per source module (lit, nanostores... stay external);
// - dist-cdn/: the script-tag bundle (everything bundled, minified); calling code is a lazy chunk.
// dist-cdn/manifest.json records the chunk graph so bench/ can measure what a visitor downloads.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';
import replace from '@rollup/plugin-replace';

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
          modules: Object.keys(output.modules).map((id) => id.replace(process.cwd() + '/', '')),
        };
      }
      this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify(chunks, null, 2) });
    },
  };
}

const npmPackage = {
  input: {
    'core/index': 'src/core/index.ts',
    'messaging/index': 'src/messaging/index.ts',
    'elements/index': 'src/elements/index.ts',
    define: 'src/define.ts',
    'define-agent': 'src/define-agent.ts',
  },
  external: (id) => /^(lit|@lit\/|nanostores|sip\.js|workbox-window)/.test(id),
  plugins: [typescript({ ...typescriptOptions, outDir: 'dist' })],
  output: {
    dir: 'dist',
    format: 'es',
    preserveModules: true,
    preserveModulesRoot: 'src',
    sourcemap: true,
  },
};

const cdnBundle = {
  input: { 'omni-widget': 'src/cdn.ts', 'omni-agent': 'src/cdn-agent.ts' },
  plugins: [
    replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({ ...typescriptOptions, outDir: 'dist-cdn' }),
    terser({ format: { comments: false }, compress: { passes: 2 } }),
    chunkManifest(),
  ],
  output: {
    dir: 'dist-cdn',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
};

export default [npmPackage, cdnBundle];
