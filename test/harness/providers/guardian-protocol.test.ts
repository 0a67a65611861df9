import { describe, expect, it } from 'vitest';
import {
  guardianArgv,
  isGuardianMessage,
  parseGuardianArgv,
} from '../../../harness/providers/guardian-protocol.js';

describe('guardian protocol', () => {
  it.each([
    { graceMs: 5000, command: ['node', 'server.js', '--flag'] },
    { graceMs: 0, command: 'sleep 1 && echo "a b"' },
    { graceMs: 250, command: ['--looks-like-a-flag'] },
  ])('round-trips argv for $command', (args) => {
    expect(parseGuardianArgv(guardianArgv(args))).toEqual(args);
  });

  it.each([[[]], [['--grace-ms', 'x', '--', 'node']], [['--grace-ms', '5']], [['--', 'node']]])(
    'rejects malformed argv %j with the usage',
    (argv) => {
      expect(() => parseGuardianArgv(argv)).toThrow(/usage: guardian --grace-ms N/);
    },
  );

  it('recognises its messages and nothing else', () => {
    expect(isGuardianMessage({ type: 'started', pid: 1 })).toBe(true);
    expect(isGuardianMessage({ type: 'exit', code: 0, signal: null })).toBe(true);
    expect(isGuardianMessage({ type: 'other' })).toBe(false);
    expect(isGuardianMessage('started')).toBe(false);
    expect(isGuardianMessage(null)).toBe(false);
  });
});
