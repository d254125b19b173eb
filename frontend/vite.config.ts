import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import { PurgeCSS } from 'purgecss';
import react from '@vitejs/plugin-react';
import type { Plugin as PostCssPlugin, Root } from 'postcss';
import type { Plugin } from 'vite';
import { compression, defineAlgorithm } from 'vite-plugin-compression2';
import { defineConfig } from 'vitest/config';

const apiTarget = process.env.LEERGANG_DEV_API ?? 'http://localhost:8080';

// Copies Swagger UI's prebuilt files next to public/api/docs/{index.html,init.js}, so the Go binary can serve
// readable API docs at /api/docs/ from the same embedded dist/ without a CDN (CSP allows 'self' only).
function swaggerUiDocs(): Plugin {
  const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
  return {
    name: 'leergang-swagger-ui-docs',
    apply: 'build',
    generateBundle() {
      for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'swagger-ui-bundle.js.LICENSE.txt', 'LICENSE', 'NOTICE']) {
        this.emitFile({ type: 'asset', fileName: `api/docs/${file}`, source: readFileSync(join(dir, file)) });
      }
    },
  };
}

// dist/.placeholder is committed so that `go build` (which embeds dist/ via embed.go) works before any npm run;
// emptyOutDir wipes it, so every build writes it back.
function keepDistPlaceholder(): Plugin {
  return {
    name: 'leergang-dist-placeholder',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: '.placeholder',
        source: 'Keeps frontend/dist in git so go build works before npm run build; see frontend/embed.go.\n',
      });
    },
  };
}

// @utrecht/component-library-react is one 250 kB module whose components each end in `X.displayName = 'X'`.
// Rolldown must keep such a property write (it could have side effects), and with it every component the app
// never renders: some 190 kB of the first load. The names only label components in React DevTools, so the
// production build blanks those lines (keeping line numbers, so no new source map is needed) and lets
// tree-shaking remove what is unused. (Rolldown's global treeshake.propertyWriteSideEffects: false does the same
// for this module but breaks the app: other modules rely on their property writes.)
function shakeUtrechtComponents(): Plugin {
  return {
    name: 'leergang-shake-utrecht-components',
    apply: 'build',
    transform: {
      filter: { id: /@utrecht\/component-library-react\/dist\/index\.mjs$/ },
      handler(code) {
        return { code: code.replace(/^[\w$]+\.displayName = '[^'\n]*';$/gm, ''), map: null };
      },
    },
  };
}

// The Utrecht CSS (every component, ~400 kB) and its design tokens (~190 kB of custom properties) arrive as one
// render-blocking stylesheet (src/styles/vendor.css), most of it unused. This PostCSS step keeps only the rules
// whose classes our code or Utrecht's React packages mention (PurgeCSS), and the custom properties those rules or
// our own stylesheets read. It works on sources, before Vite hashes the file, so a changed sheet always gets a new name.
// A few Utrecht modifiers are built at run time ("utrecht-alert--".concat(type)) and are kept by pattern.
// dropUnusedCustomProperties removes the definitions of custom properties that nothing reads: not a remaining
// rule, not another property that is read, not our own sheets (`used`). (PurgeCSS's own variables option misses
// uses inside other properties' definitions, which Utrecht's components are full of.)
function dropUnusedCustomProperties(root: Root, used: Set<string>) {
  const refs = (value: string) => [...value.matchAll(/var\(\s*(--[\w-]+)/g)].map((m) => m[1]!);
  const definitions = new Map<string, string[]>();
  const pending: string[] = [...used];
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--')) definitions.set(decl.prop, [...(definitions.get(decl.prop) ?? []), ...refs(decl.value)]);
    else pending.push(...refs(decl.value));
  });
  const read = new Set<string>();
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (read.has(name)) continue;
    read.add(name);
    pending.push(...(definitions.get(name) ?? []));
  }
  root.walkDecls((decl) => {
    if (decl.prop.startsWith('--') && !read.has(decl.prop)) decl.remove();
  });
  root.walkRules((rule) => {
    if (rule.nodes.length === 0) rule.remove();
  });
}

const srcDir = fileURLToPath(new URL('./src/', import.meta.url));
function purgeVendorCss(): PostCssPlugin {
  return {
    postcssPlugin: 'leergang-purge-vendor-css',
    async Once(root, { postcss }) {
      if (!root.source?.input.file?.endsWith(join('styles', 'vendor.css'))) return;
      const ownSheets = readdirSync(srcDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.css'));
      const usedVariables = new Set<string>();
      for (const sheet of ownSheets) {
        for (const [, name] of readFileSync(join(srcDir, sheet), 'utf8').matchAll(/var\((--[\w-]+)/g)) usedVariables.add(name!);
      }
      const [purged] = await new PurgeCSS().purge({
        content: [
          'index.html',
          'src/**/*.{ts,tsx}',
          // the React components and the packages they are built from (form-label-react, button-react, …)
          fileURLToPath(new URL('./node_modules/@utrecht/*-react/dist/index.mjs', import.meta.url)),
        ],
        css: [{ raw: root.toString() }],
        safelist: {
          standard: ['html', 'body', /^utrecht-alert--/, /^utrecht-spotlight-section--/, /^utrecht-status-badge--/],
        },
      });
      root.removeAll();
      root.append(postcss.parse(purged!.css).nodes);
      dropUnusedCustomProperties(root, usedVariables);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    swaggerUiDocs(),
    keepDistPlaceholder(),
    shakeUtrechtComponents(),
    // name.br and name.gz beside every compressible file, at the highest levels: the Go server sends them to
    // browsers that accept them (internal/httpapi/spa.go), so no request pays for compression. index.html is
    // left out: the server answers it for every client-side route with its own headers.
    compression({
      algorithms: [
        defineAlgorithm('brotliCompress', { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
        defineAlgorithm('gzip', { level: zlib.Z_BEST_COMPRESSION }),
      ],
      include: /\.(js|css|svg|json|txt)$/,
      threshold: 1024,
      skipIfLargerOrEqual: true,
      logLevel: 'silent',
    }),
  ],
  css: {
    postcss: { plugins: [purgeVendorCss()] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The polyfill would be injected as an inline script, which the CSP (script-src 'self') blocks.
    modulePreload: { polyfill: false },
    // Never inline assets as data: URIs: fonts from data: are blocked by the CSP (font-src falls back to 'self').
    assetsInlineLimit: 0,
  },
  server: {
    proxy: {
      '/api': apiTarget,
      '/healthz': apiTarget,
      '/readyz': apiTarget,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    // One jsdom per worker instead of one per file: four times faster on two cores. Tests reset what they share
    // (fake API, session, language) in src/test/setup.ts and their own beforeEach.
    isolate: false,
  },
});
