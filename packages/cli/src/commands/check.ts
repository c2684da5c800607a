import { check, didYouMean, errorResults, MAX_DOCUMENT_BYTES, parserDiagnosticsMeta, type CheckOptions, type LintResult, type RuleMeta, type RuleModule, type RuleSetting } from '@govern/core';
import { FORMATS, loadFormatter } from '../formatters/index.js';
import { annotationRoot } from '../formatters/paths.js';
import type { CliIO } from '../io.js';
import { EXIT, UsageError } from '../io.js';
import { colorsFor } from '../output/colors.js';
import { cliVersion } from '../output/version.js';
import { projectOptions, type Command, type GlobalOptions } from './command.js';
import { parseCommandArgs } from './args.js';

/** What `govern check` lints with: the rules package's exports. */
export interface RuleSet {
  rules: Record<string, RuleModule>;
  configs: { recommended: { rules: Record<string, RuleSetting> }; strict: { rules: Record<string, RuleSetting> } };
}

const HELP = `Usage: govern check [paths...] [options]

Checks the governance documents against govern's rules. With paths (as lint-staged
passes them), reports only problems in those files; project rules still read the
whole repository.

Options:
  --format <name>          stylish (default), json, sarif or github
  --max-warnings <n>       Exit 1 when there are more than n warnings
  --quiet                  Report errors only
  --fix                    Fix what can be fixed, in place
  --stdin                  Lint standard input (a pull request body, a comment)
  --stdin-filename <file>  The name standard input is linted as (default: a state document)
  --diff-base <ref>        Git ref for rules that compare with git (scope, amendments)
  --staged                 Judge the change being committed (the staged files), as
                           inside a git commit hook, where it is on by itself
  --report-unused-disable-directives
                           Report govern-disable comments that suppress nothing
  --config <file>          Use this config file instead of searching the root
  --cache                  Keep each document's analysis between runs, so that
                           unchanged documents are not parsed again (not with
                           --fix or --diff-base)
  --cache-location <path>  Cache file, or directory for it (default: .governcache
                           in the root)
  --cache-strategy <metadata|content>
                           How --cache tells a document unchanged: by its size and
                           modification time (default, fast), or by reading and
                           hashing it (content: for checkouts that keep times)
  --concurrency <n|auto|off>
                           Threads that parse documents besides the main one
                           (default: auto, used only for large repositories)

Exit codes: 0 no problems, 1 errors (or more warnings than --max-warnings),
2 usage, config or I/O errors.

Examples:
  govern check
  govern check --format github
  govern check --fix docs/status.md
  gh pr view 12 --json body -q .body | govern check --stdin
  govern check --diff-base origin/main --format sarif > govern.sarif`;

/** `--concurrency`: ESLint's flag; a number of extra threads, `auto` (one fewer than the cores) or `off`. */
function parseConcurrency(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 0;
  if (!/^\d+$/.test(value)) throw new UsageError(`--concurrency needs a number, auto or off, not "${value}"`);
  return Number(value);
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number, not "${value}"`);
  const n = Number(value);
  // ESLint's convention: -1 means no limit.
  return n < 0 ? undefined : n;
}

export function createCheckCommand(loadRules: () => Promise<RuleSet>): Command {
  return {
    name: 'check',
    summary: 'Check the governance documents against the rules',
    help: HELP,
    async run(args: string[], io: CliIO, globals: GlobalOptions): Promise<number> {
      const { values, positionals } = parseCommandArgs('check', {
        args,
        options: {
          format: { type: 'string', short: 'f' },
          'max-warnings': { type: 'string' },
          quiet: { type: 'boolean' },
          fix: { type: 'boolean' },
          stdin: { type: 'boolean' },
          'stdin-filename': { type: 'string' },
          'diff-base': { type: 'string' },
          staged: { type: 'boolean' },
          'report-unused-disable-directives': { type: 'boolean' },
          config: { type: 'string', short: 'c' },
          cache: { type: 'boolean' },
          'cache-location': { type: 'string' },
          'cache-strategy': { type: 'string' },
          concurrency: { type: 'string' },
        },
        strict: true,
        allowPositionals: true,
      });
      const formatName = values.format ?? 'stylish';
      const formatter = await loadFormatter(formatName);
      if (!formatter) throw new UsageError(`unknown format "${formatName}"${didYouMean(formatName, FORMATS) || ` (formats: ${FORMATS.join(', ')})`}`);
      const maxWarnings = parseMaxWarnings(values['max-warnings']);
      const threads = parseConcurrency(values.concurrency);
      if (values.stdin && values.fix) throw new UsageError('--fix cannot write to standard input; lint the file instead');
      if (values.stdin && positionals.length > 0) throw new UsageError('--stdin takes no paths');
      if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin');
      const cacheStrategy = values['cache-strategy'] ?? 'metadata';
      if (cacheStrategy !== 'metadata' && cacheStrategy !== 'content') throw new UsageError(`--cache-strategy needs metadata or content, not "${cacheStrategy}"`);

      const ruleSet = await loadRules();
      const options: CheckOptions = {
        root: globals.root,
        rules: ruleSet.rules,
        presets: { recommended: ruleSet.configs.recommended.rules, strict: ruleSet.configs.strict.rules },
        ...projectOptions(io, globals, values.config),
      };
      if (values.fix) options.fix = true;
      if (values['report-unused-disable-directives']) options.reportUnusedDisableDirectives = true;
      if (values['diff-base'] !== undefined) options.diffBase = values['diff-base'];
      // Git sets GIT_INDEX_FILE for the hooks `git commit` runs: the change is then the one being committed.
      if (io.env.GIT_INDEX_FILE !== undefined || values.staged) options.commitHook = true;
      if (positionals.length > 0) options.paths = positionals;
      if (values.cache) options.cache = { version: cliVersion(), strategy: cacheStrategy, ...(values['cache-location'] !== undefined ? { location: values['cache-location'] } : {}) };
      if (io.analysisWorker && threads !== 0) options.concurrency = { threads, worker: io.analysisWorker };
      if (values.stdin) {
        if (!io.readStdin) throw new UsageError('standard input is not available');
        // Read up to one byte past the limit: enough to know the input is too large, and no more.
        options.text = { content: await io.readStdin(MAX_DOCUMENT_BYTES + 1), ...(values['stdin-filename'] !== undefined ? { filename: values['stdin-filename'] } : {}) };
      }
      const outcome = await check(options);
      const results = values.quiet ? errorResults(outcome.results) : outcome.results;

      // Parser diagnostics are listed too: SARIF readers link each result to its description.
      const rulesMeta: Record<string, RuleMeta> = parserDiagnosticsMeta();
      for (const [id, rule] of Object.entries(ruleSet.rules)) rulesMeta[id] = rule.meta;
      const shownFrom = formatName === 'github' ? annotationRoot(globals.root, io.env['GITHUB_WORKSPACE']) : globals.root;
      const text = formatter(results, { cwd: shownFrom, colors: colorsFor(io.isTTY, io.env, globals.color), rulesMeta, version: cliVersion() });
      if (text) io.stdout(text);

      const errors = results.reduce((n, r) => n + r.errorCount, 0);
      const warnings = results.reduce((n, r) => n + r.warningCount, 0);
      if (outcome.writeFailures > 0) return EXIT.usage;
      if (errors > 0) return EXIT.problems;
      if (maxWarnings !== undefined && warnings > maxWarnings) {
        io.stderr(`govern: too many warnings (${warnings}); at most ${maxWarnings} allowed (--max-warnings).\n`);
        return EXIT.problems;
      }
      return EXIT.ok;
    },
  };
}

export const checkCommand: Command = createCheckCommand(async () => {
  const loaded = await import('@govern/eslint-style-rules');
  return { rules: loaded.rules, configs: loaded.configs };
});
