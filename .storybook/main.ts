import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: '@storybook/web-components-vite',
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  // msw is wired in preview.ts through its loader, not listed here: as an addon it would start
  // its own worker from the site root with msw 2 options that msw 3 no longer reads.
  addons: ['@storybook/addon-docs'],
  core: {
    disableTelemetry: true,
    // Both would reach for the network, which CI machines here do not have.
    disableWhatsNewNotifications: true,
  },
  features: {
    // The theme toolbar paints the page behind the element; a second background picker would
    // fight it.
    backgrounds: false,
  },
  // Only the worker script, not its whole folder, and served next to iframe.html so the worker's
  // scope covers the stories even when Storybook is deployed under a sub-path.
  staticDirs: [{ from: fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')), to: '/mockServiceWorker.js' }],
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    // Without it the dev server pre-bundles the renderer's Lit apart from the element's, and two
    // copies of Lit on one page break directives across them.
    return mergeConfig(viteConfig, { optimizeDeps: { include: ['lit/directive-helpers.js'] } });
  },
};

export default config;
