import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // The reference server (npm start in the repository root) answers /api/auth.
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
