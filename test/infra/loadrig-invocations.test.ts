import { describe, expect, it } from 'vitest';
import { loadrigInvocations } from './loadrig-invocations.js';

describe('loadrigInvocations', () => {
  it('finds commands and flags in run steps, script lists and folded lines', () => {
    const yaml = `
jobs:
  a:
    steps:
      - run: npx loadrig run "$SCENARIO" --runs tonight --fail-on critical --format=html,md | tee log
      - run: >-
          npx loadrig ab "$S"
          --base main
          --rounds 3
      - run: |
          # npx loadrig commented --out x
          echo x && loadrig history --runs runs
      - uses: some/action@v1
        with:
          check_name: loadrig soak
b:
  script:
    - npx loadrig compare a b --fail-on regression || status=$?
`;
    expect(loadrigInvocations('f.yml', yaml).map(({ command, flags }) => [command, flags])).toEqual(
      [
        ['run', ['--runs', '--fail-on', '--format']],
        ['ab', ['--base', '--rounds']],
        ['history', ['--runs']],
        ['compare', ['--fail-on']],
      ],
    );
  });
});
