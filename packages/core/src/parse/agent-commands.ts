import type { AgentCommandKind } from '../model/types.js';
import { splitAround } from '../text/plain-text.js';

/**
 * What counts as a command in an AGENTS.md, and what kind of command it is.
 * A code span is a command when its first word is a known tool, so `src/index.ts` or `npm` alone
 * in a sentence are not mistaken for one. See docs/formats/agents.md.
 */

const TOOLS = new Set([
  // JavaScript
  'npm', 'npx', 'pnpm', 'pnpx', 'yarn', 'bun', 'bunx', 'deno', 'node', 'corepack', 'nx', 'turbo', 'lerna', 'tsc',
  'tsx', 'vitest', 'jest', 'mocha', 'ava', 'playwright', 'cypress', 'eslint', 'prettier', 'biome', 'oxlint',
  'stylelint', 'vite', 'next', 'astro', 'nuxt', 'expo', 'webpack', 'rollup', 'esbuild', 'storybook', 'wrangler',
  // Python
  'python', 'python3', 'py', 'pip', 'pip3', 'pipx', 'uv', 'uvx', 'poetry', 'pdm', 'hatch', 'pipenv', 'conda', 'mamba',
  'pixi', 'tox', 'nox', 'pytest', 'ruff', 'black', 'isort', 'flake8', 'pylint', 'mypy', 'pyright', 'basedpyright',
  'django-admin', 'flask', 'uvicorn', 'alembic', 'coverage', 'mkdocs', 'sphinx-build', 'pre-commit', 'prek',
  // Compiled languages and their build tools
  'cargo', 'rustup', 'rustc', 'go', 'gofmt', 'golangci-lint', 'dotnet', 'msbuild', 'mvn', 'mvnw', 'gradle', 'gradlew',
  'sbt', 'lein', 'clojure', 'clj', 'swift', 'xcodebuild', 'flutter', 'dart', 'zig', 'cmake', 'ctest', 'ninja', 'meson',
  'bazel', 'bazelisk', 'buck2', 'stack', 'cabal', 'ghc', 'mix', 'elixir', 'iex', 'erl', 'rebar3', 'gleam', 'ocaml',
  'dune', 'opam', 'nim', 'nimble', 'crystal', 'shards', 'julia', 'Rscript',
  // Ruby, PHP
  'bundle', 'bundler', 'gem', 'rake', 'rails', 'rspec', 'rubocop', 'composer', 'php', 'phpunit', 'phpstan', 'artisan',
  // Task runners and infrastructure
  'make', 'just', 'task', 'mise', 'earthly', 'docker', 'docker-compose', 'podman', 'kubectl', 'helm', 'terraform',
  'tofu', 'ansible-playbook', 'nix', 'devbox', 'hugo', 'jekyll', 'bash', 'sh', 'zsh', 'pwsh', 'powershell',
  // System package managers: what they run is an install step
  'brew', 'apt', 'apt-get', 'choco', 'winget', 'scoop',
]);

/** Tools that mean something when written alone: `pytest`, `make`. `npm` alone names a tool, not a command. */
const RUNS_ALONE = new Set([
  'pytest', 'tox', 'nox', 'make', 'just', 'tsc', 'jest', 'vitest', 'mocha', 'mypy', 'pyright', 'eslint', 'rspec',
  'rubocop', 'phpunit', 'ruff', 'black', 'flake8', 'pylint', 'yarn', 'bundle', 'composer', 'hugo', 'rake', 'ctest',
]);

/** Options whose value is the next word, skipped when looking for the script a runner runs. */
const FLAGS_WITH_VALUE = new Set(['--filter', '-F', '-C', '--dir', '--prefix', '--cwd', '-w', '--workspace', '-p', '--package', '--project', '-m', '--manifest-path', '-f', '--file']);

function words(command: string): string[] {
  return command.trim().split(/\s+/).filter(Boolean);
}

/** The words of the command proper: leading `VAR=value` assignments and `sudo`/`time` dropped. */
function commandWords(segment: string): string[] {
  const all = words(segment);
  let i = 0;
  while (i < all.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(all[i] ?? '') || all[i] === 'sudo' || all[i] === 'time' || all[i] === 'env')) i++;
  return all.slice(i);
}

function isTool(word: string | undefined): boolean {
  if (!word) return false;
  if (TOOLS.has(word)) return true;
  // `./gradlew build`, `./scripts/check.sh`, `bin/setup`, `scripts/test.sh`
  return /^\.{1,2}\//.test(word) || /^(?:bin|scripts?|tools)\/[\w./-]+$/.test(word) || /^[\w-]+\.(?:sh|ps1|bat|cmd)$/.test(word);
}

/**
 * Whether `text` reads as a command line: a known tool first (after `cd dir &&` and environment
 * assignments), with at least one argument unless the tool runs alone and `labelled` says the
 * context is about commands.
 */
export function looksLikeCommand(text: string, labelled: boolean): boolean {
  if (!text || text.length > 400 || /[\r\n]/.test(text)) return false;
  const segments = splitAround(text, /&&|\|\||;/g).filter(Boolean);
  for (const segment of segments) {
    const w = commandWords(segment);
    if (w[0] === 'cd' || w[0] === 'pushd') continue;
    if (!isTool(w[0])) return false;
    if (w.length > 1) return /^[\w@./:=~${}"'<>*-]/.test(w[1] ?? '');
    return (RUNS_ALONE.has(w[0] ?? '') && labelled) || /^\.{1,2}\/|\//.test(w[0] ?? '');
  }
  return false;
}

/** Runners whose first argument (or the one after `run`) names what they run. */
const SCRIPT_RUNNERS = new Set(['npm', 'pnpm', 'yarn', 'bun', 'deno', 'make', 'just', 'task', 'mise', 'nx', 'turbo', 'lerna', 'rake', 'mix', 'composer', 'gradle', 'gradlew', './gradlew', 'mvn', 'mvnw', './mvnw', 'cargo', 'go', 'dotnet', 'poetry', 'pdm', 'hatch', 'uv', 'pipenv', 'pixi', 'tox', 'nox', 'bundle', 'pre-commit', 'prek', 'swift', 'flutter', 'dart', 'zig', 'stack', 'cabal', 'dune', 'nimble', 'gleam', 'sbt', 'lein', 'bazel', 'bazelisk', 'earthly', 'docker', 'docker-compose', 'podman', 'corepack', 'vite', 'next', 'nuxt', 'astro', 'expo', 'storybook', 'wrangler', 'deno', 'rails', 'flask', 'django-admin', 'artisan', 'go']);

/** Runners that run a named script with `run` (`npm run lint`, `turbo run build`); for the rest `run` is the subcommand (`cargo run`). */
const RUN_PREFIXED = new Set(['npm', 'pnpm', 'yarn', 'bun', 'turbo', 'nx', 'lerna', 'deno', 'docker', 'docker-compose', 'podman']);

/** Direct tools whose name says what they do. */
const TOOL_KINDS: Record<string, AgentCommandKind> = {
  tsc: 'typecheck', mypy: 'typecheck', pyright: 'typecheck', basedpyright: 'typecheck', phpstan: 'typecheck',
  pytest: 'test', jest: 'test', vitest: 'test', mocha: 'test', ava: 'test', playwright: 'test', cypress: 'test', rspec: 'test', phpunit: 'test', ctest: 'test', tox: 'test', nox: 'test', coverage: 'test',
  eslint: 'lint', oxlint: 'lint', stylelint: 'lint', flake8: 'lint', pylint: 'lint', rubocop: 'lint', 'golangci-lint': 'lint', 'pre-commit': 'lint', prek: 'lint',
  prettier: 'format', black: 'format', isort: 'format', gofmt: 'format', rustfmt: 'format',
  pip: 'install', pip3: 'install', pipx: 'install', gem: 'install', rustup: 'install',
  uvicorn: 'dev', hugo: 'dev',
  webpack: 'build', rollup: 'build', esbuild: 'build', cmake: 'build', ninja: 'build', meson: 'build', msbuild: 'build', xcodebuild: 'build',
};

/** Words a script or subcommand name is made of, checked most specific first. */
const WORD_KINDS: Array<[AgentCommandKind, RegExp]> = [
  ['typecheck', /^(?:typecheck|type-check|typecheck:.*|type-check:.*|types|check-types|check:types|tsc|mypy|pyright|typing)$/],
  ['format', /^(?:format|fmt|prettier|black|isort|format:.*|fmt:.*|.*:format|.*:fmt|gofmt|rustfmt|style|autoformat)$/],
  ['lint', /^(?:lint|lint:.*|.*:lint|eslint|clippy|check|check:.*|vet|ruff|staticcheck|analy[sz]e|credo|lints?)$/],
  ['test', /^(?:test|tests|test:.*|.*:test|spec|specs|e2e|e2e:.*|unit|integration|coverage|cov|pytest|jest|vitest|check-all)$/],
  ['build', /^(?:build|build:.*|.*:build|compile|bundle|dist|package|pack|publish|release|assemble|install-dist)$/],
  ['install', /^(?:install|i|ci|add|sync|setup|bootstrap|deps|dependencies|restore|fetch|get|download|prepare|init|lock|update|upgrade|enable)$/],
  ['dev', /^(?:dev|dev:.*|start|start:.*|serve|server|run|watch|up|preview|develop|storybook|repl|iex|shell)$/],
];

function kindOfWord(word: string | undefined): AgentCommandKind | undefined {
  if (!word) return undefined;
  const w = word.toLowerCase();
  return WORD_KINDS.find(([, pattern]) => pattern.test(w))?.[0];
}

/** The first word after `runner` that is not an option (nor an option's value). */
function firstArgument(w: string[], from: number): { word?: string; index: number } {
  for (let i = from; i < w.length; i++) {
    const word = w[i] ?? '';
    if (word === '--') return { index: i };
    if (word.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    return { word, index: i };
  }
  return { index: w.length };
}

/** Script names that set things up rather than test or build: `./scripts/setup-test-env.sh`, `bin/bootstrap`. */
const SETUP_SCRIPT = /^(?:setup|install|bootstrap)(?:[-_.]|$)/i;

/**
 * Whether a command's own words make it an install or setup step whatever its label says (a `Running
 * tests` block that first installs): `install` among the first words after the tool before any word
 * that names another kind (`uv pip install`, `npx playwright install`, `brew install`), a new
 * environment (`conda env create`, `python -m venv`), or a script named for setting up.
 */
function isInstallStep(w: readonly string[]): boolean {
  const tool = w[0] ?? '';
  const base = tool.replace(/^.*\//, '');
  if (/[/\\]/.test(tool) && SETUP_SCRIPT.test(base)) return true;
  if ((base === 'conda' || base === 'mamba') && ['create', 'install'].includes(w[w[1] === 'env' ? 2 : 1] ?? '')) return true;
  if ((base === 'python' || base === 'python3' || base === 'py') && w[1] === '-m' && (w[2] === 'venv' || w[2] === 'virtualenv')) return true;
  let looked = 0;
  for (let i = 1; i < w.length && looked < 3; i++) {
    const word = w[i] ?? '';
    if (word.startsWith('-')) {
      if (FLAGS_WITH_VALUE.has(word)) i++;
      continue;
    }
    looked++;
    const kind = kindOfWord(word);
    if (kind === 'install' && word.toLowerCase() === 'install') return true;
    if (kind) return false;
  }
  return false;
}

function classifySegment(segment: string): AgentCommandKind | undefined {
  const w = commandWords(segment);
  let tool = w[0];
  let index = 1;
  if (!tool) return undefined;
  if (isInstallStep(w)) return 'install';
  // `npx eslint .`, `uv run pytest`, `poetry run mypy`, `bundle exec rspec`, `python -m pytest`
  for (let hops = 0; hops < 3; hops++) {
    if (['npx', 'pnpx', 'bunx', 'uvx', 'pipx'].includes(tool ?? '') || (tool === 'pnpm' && (w[index] === 'exec' || w[index] === 'dlx')) || (tool === 'yarn' && (w[index] === 'exec' || w[index] === 'dlx'))) {
      const next = firstArgument(w, tool === 'pnpm' || tool === 'yarn' ? index + 1 : index);
      tool = next.word;
      index = next.index + 1;
      continue;
    }
    if (['uv', 'poetry', 'pdm', 'hatch', 'pipenv', 'pixi', 'bundle'].includes(tool ?? '') && (w[index] === 'run' || w[index] === 'exec' || w[index] === 'tool')) {
      const next = firstArgument(w, index + 1);
      if (!next.word || SCRIPT_RUNNERS.has(next.word) || TOOLS.has(next.word) || TOOL_KINDS[next.word]) {
        tool = next.word;
        index = next.index + 1;
        continue;
      }
      return kindOfWord(next.word);
    }
    if ((tool === 'python' || tool === 'python3' || tool === 'py') && w[index] === '-m') {
      tool = w[index + 1];
      index += 2;
      continue;
    }
    break;
  }
  if (!tool) return undefined;
  const base = tool.replace(/^.*\//, '');
  if (base === 'tsc' && w.some((word) => word === '-b' || word === '--build')) return 'build';
  if (TOOL_KINDS[base]) return TOOL_KINDS[base];
  // `ruff format`, `biome format` are formatters; `ruff check`, `biome lint` linters.
  if (base === 'ruff' || base === 'biome') return kindOfWord(firstArgument(w, index).word) ?? 'lint';
  if (SCRIPT_RUNNERS.has(tool) || SCRIPT_RUNNERS.has(base)) {
    let arg = firstArgument(w, index);
    // `npm run lint`, `docker compose up`, `go mod download`, `cargo +nightly fmt`
    const prefixed = RUN_PREFIXED.has(base) && ['run', 'run-script', 'compose', 'exec', 'task', 'x'].includes(arg.word ?? '');
    if (prefixed || arg.word?.startsWith('+')) arg = firstArgument(w, arg.index + 1);
    if (arg.word === 'mod' && base === 'go') return 'install';
    if (!arg.word) return DEFAULT_KINDS[base];
    return kindOfWord(arg.word.replace(/^:+/, ''));
  }
  return undefined;
}

/** What a runner does when given nothing to run: `yarn` installs, `make` builds, `vite` serves. */
const DEFAULT_KINDS: Record<string, AgentCommandKind> = {
  yarn: 'install', bundle: 'install', composer: 'install', make: 'build', just: 'build',
  vite: 'dev', next: 'dev', nuxt: 'dev', astro: 'dev', expo: 'dev', storybook: 'dev',
};

/** The kind a command's own words give it; undefined when they do not say. */
export function classifyCommand(command: string): AgentCommandKind | undefined {
  const segments = splitAround(command, /&&|\|\||;|\|/g).filter(Boolean);
  // `cd web && pnpm build`: the last segment that says something decides.
  for (let i = segments.length - 1; i >= 0; i--) {
    const kind = classifySegment(segments[i] ?? '');
    if (kind) return kind;
  }
  return undefined;
}

const LABEL_KINDS: Array<[AgentCommandKind, RegExp]> = [
  ['typecheck', /type[\s-]?check|\btypes?\b|\btyping\b|型チェック|类型检查|型別檢查|타입\s*체크/i],
  ['format', /\bformat(?:ting|ter)?\b|\bfmt\b|\bprettier\b|フォーマット|整形|格式化|포맷/i],
  ['lint', /\blint(?:ing|er|s)?\b|static analysis|\banaly[sz](?:e|er|ers|is|ing)\b|quality gates?|\bcheck(?:s|ing)?\b|リント|静的解析|代码检查|린트/i],
  ['test', /\btests?\b|\btesting\b|\bspecs?\b|\be2e\b|テスト|测试|測試|테스트/i],
  ['build', /\bbuild(?:ing|s)?\b|\bcompil(?:e|ing|ation)\b|\bbundl(?:e|ing)\b|\bpackag(?:e|ing)\b|ビルド|构建|建置|빌드/i],
  ['install', /\binstall(?:ation|ing)?\b|\bset[\s-]?up\b|\bbootstrap\b|\bdep(?:endencie)?s\b|\bprerequisites\b|セットアップ|インストール|安装|安裝|설치/i],
  ['dev', /\bdev\b|\bdevelopment server\b|\bdev server\b|\bstart\b|\bserve\b|\brun(?:ning)? (?:the |it )?(?:app|server|locally)\b|\blocal(?:ly)?\b|\bwatch\b|開発サーバー|启动|開發|개발\s*서버/i],
];

/** The kind a heading or bullet label suggests ("Run tests", "Install deps", "Type checking"). */
export function classifyLabel(label: string): AgentCommandKind | undefined {
  return LABEL_KINDS.find(([, pattern]) => pattern.test(label))?.[0];
}

const SHELL_KEYWORDS = /^(?:if|then|else|elif|fi|for|while|until|do|done|case|esac|function|return|local|in|select|EOF|END)\b|^[{}()\[\]]/;

/** A line of a shell block worth reporting: not shell syntax, not a continuation of a multi-line construct. */
export function plausibleShellLine(text: string): boolean {
  if (SHELL_KEYWORDS.test(text)) return false;
  return looksLikeCommand(text, true) || /^[a-z][\w.-]*(?:\s|$)/.test(text);
}

/** Whether a heading or label is about commands, so code under it is read as commands. */
export function isCommandishLabel(label: string): boolean {
  return classifyLabel(label) !== undefined || /\bcommands?\b|\bscripts?\b|\busage\b|\bhow to run\b|\bquick ?start\b|\bgetting started\b|\bverif(?:y|ication)\b|\bworkflow\b|コマンド|命令|명령/i.test(label);
}
