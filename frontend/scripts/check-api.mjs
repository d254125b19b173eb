// Fails when src/api/schema.d.ts is stale, i.e. api/openapi.yaml changed without `npm run gen:api`.
import { readFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const spec = new URL('../../api/openapi.yaml', import.meta.url);
const generated = new URL('../src/api/schema.d.ts', import.meta.url);

const fresh = astToString(await openapiTS(spec));
const committed = readFileSync(generated, 'utf8');
// The CLI adds a header comment; compare the rest.
if (!committed.endsWith(fresh)) {
  console.error('check:api: src/api/schema.d.ts is out of date with ../api/openapi.yaml; run `npm run gen:api`.');
  process.exit(1);
}
console.log('check:api: src/api/schema.d.ts is up to date');
