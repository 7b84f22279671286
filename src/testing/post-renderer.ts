/**
 * `postRenderer: { command, args }` on both Helm versions.
 *
 * - Helm 3 runs an executable: `--post-renderer <abs path> --post-renderer-args <arg>…`.
 * - Helm 4 only runs plugins of type `postrenderer/v1` (`--post-renderer <plugin name>`). The
 *   toolkit writes a subprocess plugin wrapping the executable into a private plugins folder
 *   (one per test process) and points `HELM_PLUGINS` at it; helm appends the
 *   `--post-renderer-args` to the plugin's command, exactly as for the Helm 3 executable.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import type { HelmMajor, RenderOptions } from './types';

let pluginsDir: string | undefined;

function absoluteCommand(options: RenderOptions, cwd: string): string | undefined {
  return options.postRenderer ? path.resolve(cwd, options.postRenderer.command) : undefined;
}

/** Name of the generated Helm 4 plugin for an executable (stable, so the command line is too). */
export function postRendererPluginName(command: string): string {
  return `helmts-post-renderer-${createHash('sha256').update(command).digest('hex').slice(0, 12)}`;
}

/** The `--post-renderer*` flags. */
export function postRendererArgs(options: RenderOptions, major: HelmMajor, cwd = process.cwd()): string[] {
  const command = absoluteCommand(options, cwd);
  if (command === undefined) return [];
  const target = major === 4 ? postRendererPluginName(command) : command;
  return ['--post-renderer', target, ...(options.postRenderer?.args ?? []).flatMap((a) => ['--post-renderer-args', a])];
}

/**
 * Environment for a render with a post-renderer: on Helm 4, `HELM_PLUGINS` pointing at a folder
 * holding the generated plugin (written on first use). Nothing otherwise.
 */
export function postRendererEnv(options: RenderOptions, major: HelmMajor, cwd = process.cwd()): NodeJS.ProcessEnv {
  const command = absoluteCommand(options, cwd);
  if (command === undefined || major !== 4) return {};
  if (!fs.existsSync(command)) throw new Error(`postRenderer.command ${command} does not exist`);
  pluginsDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'helmts-plugins-'));
  const name = postRendererPluginName(command);
  const dir = path.join(pluginsDir, name);
  if (!fs.existsSync(dir)) {
    const tmp = `${dir}.${process.pid}.tmp`;
    fs.mkdirSync(tmp, { recursive: true });
    const plugin = {
      apiVersion: 'v1',
      name,
      version: '0.1.0',
      type: 'postrenderer/v1',
      runtime: 'subprocess',
      runtimeConfig: { platformCommand: [{ command }] },
    };
    fs.writeFileSync(path.join(tmp, 'plugin.yaml'), stringify(plugin));
    fs.renameSync(tmp, dir);
  }
  return { HELM_PLUGINS: pluginsDir };
}
