import { fileURLToPath } from 'node:url';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/** Tests import the workspace packages from source, so a test run never sees a stale build. */
export function packageTestConfig(name: string): UserWorkspaceConfig {
  return defineProject({
    resolve: {
      alias: {
        '@govern/core/rule-tester': `${root}packages/core/src/lint/rule-tester.ts`,
        '@govern/core': `${root}packages/core/src/index.ts`,
        '@govern/eslint-style-rules/eslint-plugin': `${root}packages/eslint-style-rules/src/eslint-plugin.ts`,
        '@govern/eslint-style-rules': `${root}packages/eslint-style-rules/src/index.ts`,
      },
    },
    test: {
      name,
      include: ['tests/**/*.test.ts'],
      testTimeout: 20_000,
    },
  });
}
