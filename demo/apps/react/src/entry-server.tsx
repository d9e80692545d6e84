// The app shell rendered to HTML at build time (prerender.mjs); main.tsx hydrates it. On the
// server the sign-in view renders a placeholder where <passkey-login> comes once hydrated (App.tsx).
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { App } from './App.js';

export function render(): string {
  return renderToString(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
