import { defineConfig } from '@playwright/test';

// Debian's Chromium: the real binary, not the /usr/bin/chromium wrapper script (it adds
// flags of its own). Playwright's own browser downloads cannot work on this network.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

// Without these, Chromium keeps trying to reach Google's services and stalls on the
// closed network; as root it also needs --no-sandbox.
const quiet = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

// WebGPU on SwiftShader's Vulkan: a real WebGPU adapter with no GPU.
const swiftshaderWebGpu = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

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
          args: [...quiet, ...swiftshaderWebGpu],
          ignoreDefaultArgs: ['--enable-unsafe-swiftshader'],
        },
      },
    },
  ],
});
