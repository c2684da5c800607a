import { clip, type MarkdownDocument } from '@govern/core';
import { fieldText, type FieldLine, type HandoffSource } from './handoff.js';

/**
 * Reading a handoff's evidence: each top-level line (with the lines nested under it) is one claim,
 * judged by whether it names a command and a result. See docs/rules/handoff-evidence.md.
 */

export interface EvidenceUnit {
  line: number;
  column: number;
  text: string;
  /** A fenced block (command output) belongs to the claim. */
  fenced: boolean;
}

export type Verdict = 'proven' | 'omittedWithReason' | 'omittedNoReason' | 'noResult' | 'noCommand' | 'neutral' | 'placeholder';

const BULLET = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?(\S.*|)$/u;
const FENCE = /^\s*(?:```|~~~)/u;

export function evidenceUnits(lines: FieldLine[]): EvidenceUnit[] {
  const units: EvidenceUnit[] = [];
  let current: EvidenceUnit | undefined;
  let top: number | undefined;
  let inFence = false;
  lines.forEach((entry, index) => {
    const { text, line } = entry;
    if (FENCE.test(text)) {
      if (!current) {
        current = { line, column: entry.column + text.search(/\S/u), text: '', fenced: true };
        units.push(current);
      }
      current.fenced = true;
      inFence = !inFence;
      return;
    }
    if (inFence) {
      current!.text += `\n${text}`;
      return;
    }
    if (text.trim() === '') return;
    if (index === 0) {
      current = { line, column: entry.column, text: text.trim(), fenced: false };
      units.push(current);
      return;
    }
    const bullet = BULLET.exec(text);
    if (bullet && (top === undefined || bullet[1]!.length <= top)) {
      top = bullet[1]!.length;
      current = { line, column: text.length - (bullet[2] ?? '').length + 1, text: bullet[2] ?? '', fenced: false };
      units.push(current);
      return;
    }
    if (current) current.text += `\n${bullet ? bullet[2] : text.trim()}`;
    else {
      current = { line, column: text.search(/\S/u) + 1, text: text.trim(), fenced: false };
      units.push(current);
    }
  });
  return units;
}

/** Commands people run, inline code, or a shell prompt. */
const COMMAND = new RegExp(
  [
    '`[^`\\n]+`',
    // A `$` prompt at the start of a line; the spaces before it stop at a line break, so each run of
    // blank lines is scanned once, not once from every line it holds.
    String.raw`(?:^|[\n\r])[^\S\n\r]*\$\s+\S`,
    String.raw`\b(?:npm|pnpm|yarn|bun)\s+(?:run\s+)?[\w:-]+`,
    String.raw`\b(?:npx|bunx|pnpx)\s+\S+`,
    String.raw`\bcargo\s+(?:test|build|clippy|check|fmt|nextest)\b`,
    String.raw`\bgo\s+(?:test|build|vet|run)\b`,
    String.raw`\bmake\s+(?!sure\b|it\b|this\b|that\b|a\b|an\b|the\b|sense\b)[\w-]+`,
    String.raw`\b(?:pytest|tox|nox|ruff|mypy|flake8|pylint|black|isort|rspec|phpunit|jest|vitest|mocha|eslint|tsc|biome|prettier|stylelint|rubocop|golangci-lint|xcodebuild|ctest|playwright|cypress|shellcheck|hadolint|swiftlint|ktlint|pre-commit)\b`,
    String.raw`(?:\./)?\bgradlew?\s+\w+`,
    String.raw`\bmvn\s+\w+`,
    String.raw`\bdotnet\s+(?:test|build|format)\b`,
    String.raw`\bbundle\s+exec\s+\w+`,
    String.raw`\bdeno\s+(?:test|lint|check|fmt)\b`,
    String.raw`\bswift\s+(?:test|build)\b`,
    String.raw`\bbazel\s+(?:test|build)\b`,
    String.raw`\bmix\s+(?:test|compile|format|credo)\b`,
    String.raw`\b(?:uv|poetry|pipenv|hatch)\s+run\s+\S+`,
    String.raw`\bpython3?\s+-m\s+\S+`,
    String.raw`\brake\s+\w+`,
    String.raw`\bjust\s+(?:test|lint|build|check|ci)\b`,
    String.raw`\bdocker\s+(?:build|compose)\b`,
    String.raw`\bterraform\s+(?:plan|validate)\b`,
  ].join('|'),
  'iu',
);
const LINK = /https?:\/\/\S+|\[[^\][\n]+\]\([^()\s]+\)/iu;
const RESULT =
  /\b(?:pass(?:ed|es|ing)?|fail(?:ed|s|ing|ures?)?|green|red|ok|success(?:ful)?|succeeded|clean|exit(?:ed)?(?: code| status)?\s*(?:[:=]\s*)?\d+|(?:no|0|zero)\s+(?:errors?|warnings?|problems?|issues?|failures?|findings?|diffs?)|\d+\s+(?:passed|failed|passing|failing|tests?|specs?|problems?|errors?|warnings?))\b|[✅❌✔✗✘✓]/iu;
const OMITTED = /\b(?:skipped|skip|omitted|not run|didn't run|did not run|not applicable|n\/a|not needed|not required|no tests?|no build step|nothing to (?:build|test|lint)|deferred)\b/iu;
const VAGUE =
  /\b(?:looks? (?:good|fine|ok(?:ay)?|right)|lgtm|verified|works(?: for me| fine| locally| as expected)?|all (?:good|green|fine)|(?:tests?|checks?|everything|it|ci) (?:pass(?:ed|es)?|(?:is |are )?(?:green|fine|good|ok))|checked|tested|should be fine|fine|ok(?:ay)?|done)\b|👍/iu;
const LABEL = /^[*_]*[\p{L}](?=([\p{L} /-]{0,30}))\1[*_]*\s*[:：]\s*/u;

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const LINE_BREAK = /[\n\r\u2028\u2029]/;
const SPACE = /\s/u;

/**
 * Whether `text` has two words of at least two letters or digits with whitespace before the second, on
 * one line (as `/[\p{L}\p{N}]{2,}.*\s[\p{L}\p{N}]{2,}/u` tests, which tries every start of a long word
 * and scans on from each): one pass over the characters.
 */
function twoWords(text: string): boolean {
  const chars = [...text];
  let armed = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (armed && SPACE.test(ch) && WORD_CHARACTER.test(chars[i + 1] ?? '') && WORD_CHARACTER.test(chars[i + 2] ?? '')) return true;
    if (LINE_BREAK.test(ch)) armed = false;
    else if (i > 0 && WORD_CHARACTER.test(ch) && WORD_CHARACTER.test(chars[i - 1]!)) armed = true;
  }
  return false;
}

/** The claim without its `lint:` label, for telling a reason from the label. */
function withoutLabel(text: string): string {
  return text.replace(LABEL, '');
}

export function judge(unit: EvidenceUnit): Verdict {
  const text = unit.text;
  const bare = text.replace(/<[^<>\n]{1,80}>/gu, ' ');
  if (!/[\p{L}\p{N}]/u.test(withoutLabel(bare).replace(/[*_`]/gu, '')) && !unit.fenced) return 'placeholder';
  const command = unit.fenced || COMMAND.test(bare) || LINK.test(bare);
  const result = unit.fenced || RESULT.test(bare.replace(/`[^`\n]*`/gu, ' '));
  if (command && result) return 'proven';
  const omitted = OMITTED.exec(bare);
  if (omitted) {
    const rest = withoutLabel(bare).replace(omitted[0], ' ').replace(/[*_`()[\]—–:;,.-]/gu, ' ');
    return /\p{L}{4}/u.test(rest) || twoWords(rest.trim()) ? 'omittedWithReason' : 'omittedNoReason';
  }
  if (command) return 'noResult';
  if (result || VAGUE.test(bare)) return 'noCommand';
  return 'neutral';
}

export type CheckKind = 'lint' | 'tests' | 'build' | 'migration' | 'render';

const KIND_PATTERNS: Readonly<Record<CheckKind, RegExp>> = {
  lint: /\b(?:lint\w*|linter|eslint|ruff|flake8|pylint|clippy|golangci-lint|stylelint|biome|rubocop|swiftlint|ktlint|checkstyle|shellcheck|static analysis)\b/iu,
  tests: /\b(?:tests?|testing|pytest|vitest|jest|mocha|rspec|phpunit|specs?|e2e|unit|integration|nextest|playwright|cypress)\b/iu,
  build: /\b(?:build|builds|built|compile[sd]?|compilation|bundle[sd]?|tsc|typecheck|type-check|types|cargo check|xcodebuild|docker build)\b/iu,
  migration: /\b(?:migrat\w*|schema|db:check|alembic|flyway|liquibase|dbmate|sqitch|prisma)\b/iu,
  render: /\b(?:render\w*|screenshots?|storybook|preview|visual\w*|browser|snapshots?|chromatic|percy|playwright|manual(?:ly)? (?:check|test)\w*|looked at|eyeballed|ui check)\b/iu,
};

export function kindsIn(units: EvidenceUnit[]): Set<CheckKind> {
  const found = new Set<CheckKind>();
  for (const unit of units) {
    for (const [kind, pattern] of Object.entries(KIND_PATTERNS) as Array<[CheckKind, RegExp]>) if (pattern.test(unit.text)) found.add(kind);
  }
  return found;
}

export type ChangeType = 'high-risk' | 'migration' | 'refactor' | 'ui';

/** Minimum evidence by change type (seed 000's "Evidence depth by change type" table). */
export const MINIMUM: Readonly<Record<ChangeType, { kinds: CheckKind[]; title: string; minimum: string }>> = {
  'high-risk': { kinds: ['lint', 'tests', 'build'], title: 'auth/billing/security', minimum: 'lint + tests + build' },
  migration: { kinds: ['lint', 'migration'], title: 'migration/data shape', minimum: 'lint + migration checks' },
  refactor: { kinds: ['lint', 'tests'], title: 'refactor', minimum: 'lint + target tests' },
  ui: { kinds: ['lint', 'render'], title: 'UI/content', minimum: 'lint + a local render sanity check' },
};

export const KIND_TITLES: Readonly<Record<CheckKind, string>> = {
  lint: 'lint',
  tests: 'tests',
  build: 'build',
  migration: 'migration checks',
  render: 'render sanity check',
};

/** A declared change type (`Change type: auth`). */
export function declaredType(value: string): ChangeType | undefined {
  const text = value.toLowerCase();
  if (/\b(?:auth\w*|login|billing|payments?|security|secur\w*|permissions?|crypto\w*)\b/u.test(text)) return 'high-risk';
  if (/\b(?:migrations?|data[ -]shape|schema|data model|database)\b/u.test(text)) return 'migration';
  if (/\brefactor\w*\b/u.test(text)) return 'refactor';
  if (/\b(?:ui|content|docs?|documentation|copy|styling|css|frontend|visual)\b/u.test(text)) return 'ui';
  return undefined;
}

const HIGH_RISK_WORDS = new Set([
  'auth', 'authn', 'authz', 'authentication', 'authorization', 'authorisation', 'oauth', 'oidc', 'saml', 'sso', 'login', 'logout', 'signin',
  'password', 'passwords', 'jwt', 'billing', 'payment', 'payments', 'stripe', 'checkout', 'subscription', 'subscriptions', 'security',
  'crypto', 'encryption', 'permission', 'permissions', 'rbac', 'acl', 'acls',
]);
const MIGRATION_WORDS = new Set(['migration', 'migrations', 'migrate', 'schema', 'schemas', 'alembic', 'flyway', 'liquibase']);
const NEGATED = /\b(?:no|not|without|none of the)\s+(?:[\w-]+\s+){0,2}?[\w-]+/giu;

/** The change type the diff scope's paths and words suggest, with the word that suggested it. */
export function inferredType(diffScope: string): { type: ChangeType; word: string } | undefined {
  const text = diffScope.replace(NEGATED, ' ');
  const words = text.toLowerCase().split(/[^a-z0-9]+/u).filter(Boolean);
  const high = words.find((w) => HIGH_RISK_WORDS.has(w));
  if (high) return { type: 'high-risk', word: high };
  const migration = words.find((w) => MIGRATION_WORDS.has(w)) ?? (/\.sql\b/iu.test(text) ? '.sql' : undefined);
  if (migration) return { type: 'migration', word: migration };
  return undefined;
}

const CHANGE_TYPE_LABEL = /^(?:change type|change kind|type of change|kind of change|change category)$/iu;
/** `Change type: auth` on a line of its own, as a pull request body states it outside its handoff block. */
const CHANGE_TYPE_LINE = /^[^\S\n\r\u2028\u2029]*(?:[-*+][^\S\n\r\u2028\u2029]+)?[*_]*(?:change type|type of change|change kind|kind of change)[*_]*[^\S\n\r\u2028\u2029]*[:：][^\S\n\r\u2028\u2029]*[*_]*(.+)$/imu;

/** A value as a message quotes it: on one line, clipped. */
export function quoteValue(text: string): string {
  return clip(text.replace(/\s+/gu, ' ').trim(), 60);
}

/** The declared change type, or the one the diff scope suggests, with why. */
export function changeTypeOf(source: HandoffSource, doc: MarkdownDocument, single: boolean): { type: ChangeType; why: string } | undefined {
  const { handoff } = source;
  const declared = handoff.otherFields.find((f) => CHANGE_TYPE_LABEL.test(f.label));
  if (declared) {
    const type = declaredType(declared.value);
    return type ? { type, why: `declared "${quoteValue(declared.value)}"` } : undefined;
  }
  // A pull request body may state the change type outside its one handoff block.
  if (single) {
    // Every label has the word `change`: documents without it skip compiling the pattern.
    const line = /change/iu.test(doc.text) ? CHANGE_TYPE_LINE.exec(doc.text) : null;
    if (line) {
      const type = declaredType(line[1]!);
      return type ? { type, why: `declared "${quoteValue(line[1]!.replace(/[*_]/gu, ''))}"` } : undefined;
    }
  }
  const scope = handoff.fields.diffScope;
  if (!scope) return undefined;
  const inferred = inferredType(fieldText(source, scope));
  return inferred ? { type: inferred.type, why: `its diff scope mentions "${inferred.word}"` } : undefined;
}

