import { mkdtempSync, rmSync, writeFileSync, mkdirSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findOpener, openCommand } from '../../harness/cli/commands/open-command.js';

function sink() {
  let text = '';
  return {
    out: { write: (s: string) => ((text += s), true) } as unknown as NodeJS.WritableStream,
    text: () => text,
  };
}

describe('loadrig open', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  function runDir(withReport: boolean): string {
    const dir = mkdtempSync(join(tmpdir(), 'loadrig-open-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'run.json'), '{}');
    if (withReport) writeFileSync(join(dir, 'report.html'), '<!doctype html>');
    return dir;
  }
  function binDir(): string {
    const bin = mkdtempSync(join(tmpdir(), 'loadrig-bin-'));
    dirs.push(bin);
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\n');
    chmodSync(join(bin, 'xdg-open'), 0o755);
    return bin;
  }

  it('launches xdg-open on the report when there is a display', () => {
    const dir = runDir(true);
    const launched: string[][] = [];
    const { out, text } = sink();
    const code = openCommand(dir, {
      env: { DISPLAY: ':0', PATH: binDir() },
      platform: 'linux',
      out,
      launch: (cmd, args) => (launched.push([cmd, ...args]), true),
    });
    expect(code).toBe(0);
    expect(launched).toEqual([['xdg-open', join(dir, 'report.html')]]);
    expect(text()).toContain('opened');
  });

  it('prints the path when there is no display or no opener', () => {
    const dir = runDir(true);
    for (const env of [{ PATH: binDir() }, { DISPLAY: ':0', PATH: '/nonexistent' }]) {
      const { out, text } = sink();
      const launch = () => {
        throw new Error('must not launch');
      };
      expect(openCommand(dir, { env, platform: 'linux', out, launch })).toBe(0);
      expect(text()).toContain(`report: ${join(dir, 'report.html')}`);
    }
    expect(findOpener({}, 'linux')).toBeUndefined();
  });

  it('says how to render a run that has no report yet', () => {
    const dir = runDir(false);
    const { out } = sink();
    expect(() => openCommand(dir, { env: {}, platform: 'linux', out, launch: () => true })).toThrow(
      expect.objectContaining({
        code: 'E_RUN_DIR',
        hint: `render it first with: loadrig report ${dir}`,
      }),
    );
  });
});
