import { defineConfig } from '@playwright/test';
import { CHROMIUM_PATH as executablePath, QUIET_FLAGS as quiet, SWIFTSHADER_IGNORED_DEFAULTS, SWIFTSHADER_WEBGPU_FLAGS } from './e2e/chromium.ts';

const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'off',
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
  projects: [
    {
      name: 'no-gpu',
      grepInvert: /@webgpu/,
      use: { launchOptions: { executablePath, args: quiet } },
    },
    {
      name: 'swiftshader-webgpu',
      grep: /@webgpu/,
      use: {
        launchOptions: {
          executablePath,
          args: [...quiet, ...SWIFTSHADER_WEBGPU_FLAGS],
          ignoreDefaultArgs: SWIFTSHADER_IGNORED_DEFAULTS,
        },
      },
    },
  ],
});
