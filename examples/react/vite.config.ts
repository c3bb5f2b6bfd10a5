// Vite's defaults, plus a second page: baseline.html is the same React shell without the widget,
// built only so the tests can measure what the widget adds to the initial download.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: {
    rollupOptions: {
      input: { main: 'index.html', baseline: 'baseline.html' },
    },
  },
});
