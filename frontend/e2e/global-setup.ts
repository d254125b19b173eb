import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const frontendDir = resolve(import.meta.dirname, '..');
const readyTimeoutMs = 90_000;
const stopTimeoutMs = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

async function waitUntilReady(baseURL: string, child: ChildProcess, logPath: string): Promise<void> {
  const deadline = Date.now() + readyTimeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`leergang exited early (code ${child.exitCode}, signal ${child.signalCode}); see ${logPath}`);
    }
    try {
      const response = await fetch(`${baseURL}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`leergang was not ready within ${readyTimeoutMs / 1000} s; see ${logPath}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const killer = setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs);
    child.once('exit', () => {
      clearTimeout(killer);
      resolveStop();
    });
    child.kill('SIGTERM'); // lets the binary shut its private PostgreSQL down cleanly
  });
}

export default async function setup(project: TestProject) {
  const external = process.env.E2E_BASE_URL;
  if (external) {
    project.provide('baseURL', external.replace(/\/$/, ''));
    return;
  }

  const bin = resolve(frontendDir, process.env.LEERGANG_BIN ?? '../bin/leergang');
  if (!existsSync(bin)) {
    throw new Error(`no Leergang binary at ${bin}: build it (go build -o bin/leergang ./cmd/leergang) or set LEERGANG_BIN / E2E_BASE_URL`);
  }
  const port = await freePort();
  const baseURL = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(join(tmpdir(), 'leergang-e2e-'));
  // mkdtemp makes it 0700; run as root, the binary starts PostgreSQL as its own user, which must get in.
  chmodSync(dataDir, 0o755);
  const outputDir = join(frontendDir, 'e2e', 'output');
  mkdirSync(outputDir, { recursive: true });
  const logPath = join(outputDir, 'server.log');
  const log = createWriteStream(logPath);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LEERGANG_ADDR: `127.0.0.1:${port}`,
    LEERGANG_DATA_DIR: dataDir,
    LEERGANG_DEMO: 'true',
    LEERGANG_COOKIE_SECURE: 'false', // plain http in tests
    LEERGANG_TRUSTED_PROXIES: '127.0.0.1/32', // each browser context sends its own address (browser.ts)
  };
  delete env.DATABASE_URL; // without it the binary runs its own PostgreSQL in the data dir

  const child = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);

  const teardown = async () => {
    await stop(child);
    log.end();
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    await waitUntilReady(baseURL, child, logPath);
  } catch (error) {
    await teardown();
    throw error;
  }
  project.provide('baseURL', baseURL);
  return teardown;
}
