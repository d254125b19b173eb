// React DOM's entry for the browser, as the first of the app's chunks that main.tsx evaluates one by one (see
// firstPageChunks in vite.config.ts). An ES module of our own, so that importing it needs no CommonJS helper in
// the entry chunk.
export { createRoot } from 'react-dom/client';
