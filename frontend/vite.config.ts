import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlib } from 'node:zlib';
import { PurgeCSS } from 'purgecss';
import react from '@vitejs/plugin-react';
import type { Plugin as PostCssPlugin, Root } from 'postcss';
import { build, type Plugin, type Rolldown } from 'vite';
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

// main.tsx starts the session and then imports the app dynamically (see firstPageChunks), so that its API calls need
// not wait for React to download. Vite only preloads an entry's static imports; without more links the browser
// would discover the app's chunks, and the stylesheets they import, only once main.tsx has run: a round trip later.
// So index.html lists those chunks (modulepreload) and stylesheets as well. (Not the web font: text shows in the
// fallback font until it arrives, and on a slow line it would take bandwidth from the stylesheet and scripts.)
function preloadApp(): Plugin {
  return {
    name: 'leergang-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return [];
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const scripts = new Set<string>();
        const add = (fileName: string) => {
          if (scripts.has(fileName) || fileName === entry.fileName || entry.imports.includes(fileName)) return;
          scripts.add(fileName);
          for (const dep of (bundle[fileName] as Rolldown.OutputChunk).imports) add(dep);
        };
        for (const { root } of firstPageStages) {
          const chunk = chunks.find((c) => c.moduleIds.includes(root));
          if (!chunk) throw new Error(`preloadApp: no chunk holds ${root}`);
          add(chunk.fileName);
        }
        const chunkOf = (file: string) => bundle[file] as Rolldown.OutputChunk;
        const styles = new Set([...scripts].flatMap((file) => [...(chunkOf(file).viteMetadata?.importedCss ?? [])]));
        return [
          ...[...styles].map((file) => ({ tag: 'link', attrs: { rel: 'stylesheet', crossorigin: true, href: `/${file}` } })),
          // Largest first: when the browser's connections run short, the longest download should not be the one waiting.
          ...[...scripts]
            .sort((a, b) => chunkOf(b).code.length - chunkOf(a).code.length)
            .map((file) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` } })),
        ].map((tag) => ({ ...tag, injectTo: 'head' as const }));
      },
    },
  };
}

// The first page's script, after main.tsx, in chunks that main.tsx and mount.tsx evaluate one after the other, so
// that the browser runs several shorter tasks rather than one long one:
//   react:   React DOM (src/reactRoot.ts);
//   libs:    src/mount.tsx and what it imports statically (React Query, the router);
//   strings: src/i18n/index.ts and what it imports (i18next and the Dutch strings);
//   app:     src/App.tsx and what it imports statically (the pages and components of the first load).
// Each stage holds what the ones before it do not. Modules main.tsx imports stay in the entry chunk, so that it can
// run early. Without these groups Rolldown would cut the same code into a dozen small chunks shared with lazy pages
// (a 200-byte Loading, RouterLink, …); over HTTP/1.1 each costs a round trip on one of the browser's six
// connections, which on a slow phone network delays the first page more than a few kilobytes would. Lazy pages
// import what they share with it from these chunks.
const mainModule = fileURLToPath(new URL('./src/main.tsx', import.meta.url));
const firstPageStages = [
  { name: 'react', root: fileURLToPath(new URL('./src/reactRoot.ts', import.meta.url)) },
  { name: 'libs', root: fileURLToPath(new URL('./src/mount.tsx', import.meta.url)) },
  { name: 'strings', root: fileURLToPath(new URL('./src/i18n/index.ts', import.meta.url)) },
  { name: 'app', root: fileURLToPath(new URL('./src/App.tsx', import.meta.url)) },
];
function firstPageChunks(): Rolldown.CodeSplittingGroup {
  let stageOf: Map<string, string> | undefined;
  return {
    name(id, ctx) {
      if (!stageOf) {
        stageOf = new Map();
        const reach = (root: string, stage: string) => {
          const queue = [root];
          for (let m = queue.pop(); m !== undefined; m = queue.pop()) {
            if (stageOf!.has(m)) continue;
            stageOf!.set(m, stage);
            queue.push(...(ctx.getModuleInfo(m)?.importedIds ?? []));
          }
        };
        reach(mainModule, '');
        for (const { name, root } of firstPageStages) reach(root, name);
      }
      return stageOf.get(id) || null;
    },
    includeDependenciesRecursively: false,
  };
}

// The Utrecht CSS (every component, ~400 kB) and its design tokens (~190 kB of custom properties) arrive as one
// render-blocking stylesheet (src/styles/vendor.css), most of it unused. This PostCSS step keeps only the rules
// whose classes our code or the Utrecht React components it uses mention (PurgeCSS), and the custom properties those
// rules or our own stylesheets read. It works on sources, before Vite hashes the file, so a changed sheet always gets a new name.
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

// @utrecht/component-library-react names every component's classes, so reading all of it would keep the CSS of every
// component. What the app uses is the part that survives tree-shaking: a small build of just the components src/
// imports (with the same displayName stripping as the app's build) gives PurgeCSS exactly their classes. It depends
// on sources only, so the purged sheet, and with it its hashed name, still follows from the sources.
const utrechtImport = /import\s*\{([^}]*)\}\s*from\s*'@utrecht\/component-library-react'/g;
async function utrechtComponentsInUse(): Promise<string> {
  const names = new Set<string>();
  for (const file of readdirSync(srcDir, { recursive: true, encoding: 'utf8' })) {
    if (!/\.tsx?$/.test(file)) continue;
    for (const [, list] of readFileSync(join(srcDir, file), 'utf8').matchAll(utrechtImport)) {
      for (const item of list!.split(',')) {
        const name = item.trim().split(/\s+as\s+/)[0]!;
        if (name && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  const entry = 'virtual:leergang-utrecht-in-use';
  const output = await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'leergang-utrecht-in-use',
        resolveId: (id) => (id === entry ? `\0${entry}` : null),
        load: (id) => (id === `\0${entry}` ? `export { ${[...names].join(', ')} } from '@utrecht/component-library-react';` : null),
      },
      shakeUtrechtComponents(),
    ],
    build: {
      write: false,
      minify: false,
      rolldownOptions: { input: entry, preserveEntrySignatures: 'strict', external: [/^react(-dom)?(\/|$)/] },
    },
  });
  return (Array.isArray(output) ? output : [output as Rolldown.RolldownOutput])
    .flatMap((o) => o.output)
    .map((file) => (file.type === 'chunk' ? file.code : ''))
    .join('\n');
}

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
        content: ['index.html', 'src/**/*.{ts,tsx}', { raw: await utrechtComponentsInUse(), extension: 'js' }],
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
    preloadApp(),
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
    rolldownOptions: {
      output: { codeSplitting: { groups: [firstPageChunks()] } },
    },
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
    // Vitest leaves one core free by default, which on a two-core machine means one worker: both cores nearly
    // halve the run (89 → 54 s).
    maxWorkers: '100%',
  },
});
