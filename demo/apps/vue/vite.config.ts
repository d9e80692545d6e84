import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [
    vue({
      // <passkey-login> is a custom element, not a Vue component: Vue renders it as it is and
      // sets what `.prop` names as DOM properties.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('passkey-login') } },
    }),
  ],
  // The reference server (npm start in the repository root) answers /api/auth.
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
