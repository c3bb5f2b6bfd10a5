// Vite + Vue with the omni elements: Vue's compiler must leave `omni-*` tags to the browser
// (isCustomElement), or it warns and tries to resolve them as Vue components.
import vue from '@vitejs/plugin-vue';
import { isOmniElement } from 'omni-widget/vue';
import { defineConfig } from 'vite';

// `npm run dev` forwards the site backend's routes (examples/site-backend/server.mjs) to it.
const siteBackend = process.env.SITE_BACKEND ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [vue({ template: { compilerOptions: { isCustomElement: isOmniElement } } })],
  server: { proxy: { '/omni-config.json': siteBackend, '/omni-token': siteBackend } },
});
