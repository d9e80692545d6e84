import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [svelte()],
  // The reference server (npm start in the repository root) answers /api/auth.
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
