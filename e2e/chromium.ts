/**
 * How to launch Debian's Chromium here, for the e2e tests and the browser
 * benchmarks alike.
 */

/** The real binary, not the /usr/bin/chromium wrapper script (it adds flags of its own). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

/**
 * Without these, Chromium keeps trying to reach Google's services and stalls on the
 * closed network; as root it also needs --no-sandbox.
 */
export const QUIET_FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** WebGPU on SwiftShader's Vulkan: a real WebGPU adapter with no GPU. */
export const SWIFTSHADER_WEBGPU_FLAGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--disable-vulkan-surface',
];

/** Playwright adds this by default; it would keep WebGPU off SwiftShader's Vulkan. */
export const SWIFTSHADER_IGNORED_DEFAULTS = ['--enable-unsafe-swiftshader'];
