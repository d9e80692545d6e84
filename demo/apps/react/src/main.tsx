import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { App } from './App.js';

const container = document.getElementById('root')!;
const app = (
  <StrictMode>
    <App />
  </StrictMode>
);
// The built index.html holds the server-rendered shell (prerender.mjs); `vite dev` serves none.
const serverRendered = container.firstElementChild !== null;
if (serverRendered) hydrateRoot(container, app);
else createRoot(container).render(app);
document.body.dataset.rendered = serverRendered ? 'hydrated' : 'client';
