/**
 * The words handoff rules read: who an owner is, when an action is due, what counts as a rollback,
 * an edge-case note or a fallback. Kept together so the rule pages and the rules agree.
 */

/** Owners that name nobody: `someone`, `TBD`, `the team`, `?`. */
const VAGUE_OWNER_START =
  /^(?:someone|somebody|some one|anyone|anybody|any one|whoever|whomever|no one|nobody|none|n\/?a|tbd|tba|tbc|todo|unknown|unassigned|not assigned|not yet assigned|to be (?:decided|determined|assigned|confirmed)|everyone|everybody)\b/iu;
const VAGUE_OWNER_WHOLE =
  /^(?:(?:the|our|whole|entire|a|any|some)\s+)*(?:team|the team|all|us|we|people|folks|devs?|developers?|engineers?|reviewers?|maintainers?|humans?|persons?|teammates?|volunteers?|someone|next|next lane|next person|tbd)$/iu;

/** Whether an owner value names nobody. */
export function vagueOwner(value: string): boolean {
  const text = value.replace(/[*_`~]/gu, '').trim();
  if (/^[?\s.\-–—]*$/u.test(text)) return true;
  const words = text.replace(/^[^\p{L}\p{N}@]+/u, '').trim();
  if (VAGUE_OWNER_START.test(words)) return true;
  return VAGUE_OWNER_WHOLE.test(words.replace(/(?<![.!])[.!]+$/u, '').trim());
}

const MONTHS = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const DAYS = 'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?';

/** `2025-06-03`, `03/06`, `3 June`, `Friday`, `17:00`, `5pm`, `tomorrow`, `EOD`, `end of sprint`, `明日`, `6月3日`. */
const DATE = new RegExp(
  [
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+(?:${MONTHS})\b`,
    String.raw`\b(?:${MONTHS})\.?\s+\d{1,2}(?:st|nd|rd|th)?\b`,
    String.raw`\b(?:${DAYS})\b`,
    String.raw`\b\d{1,2}:\d{2}\b`,
    String.raw`\b\d{1,2}\s?(?:am|pm)\b`,
    String.raw`\b(?:today|tonight|tomorrow|eod|eow|cob|eom|noon|midnight|morning|afternoon|evening|weekend|immediately|now|asap)\b`,
    String.raw`\b(?:end|start|beginning|middle) of (?:the )?(?:day|week|sprint|month|quarter|cycle|iteration|session)\b`,
    String.raw`\b(?:this|next) (?:week|sprint|month|cycle|session|iteration|standup|stand-up|sync|check-?in|release)\b`,
    String.raw`\bwithin \d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\b`,
    String.raw`\bin \d+\s*(?:min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?)\b`,
    String.raw`\b(?:q[1-4]|w(?:ee)?k\s?\d{1,2}|sprint\s+\d+)\b`,
    String.raw`\d{1,2}月\d{1,2}日|今日|明日|明天|今天|后天|本周|下周|周[一二三四五六日]|星期[一二三四五六日天]`,
  ].join('|'),
  'iu',
);

/** `after CI passes`, `when verify lane finishes`, `once #88 lands`, `before T007 starts`; `on merge` and `next check-in` are trigger words. */
const TRIGGER =
  /\b(?:after|when|whenever\s+\w+\s+\w+|once|upon|before|until|following|as soon as|every|each)\s+[\p{L}\p{N}#@`]|\b(?:daily|weekly|nightly)\b/iu;
const TRIGGER_WORDS = /\b(?:check-?in|standup|stand-up|merge|release|deploy(?:ment)?|ci|review|sign-?off|next (?:cycle|run|session|loop|iteration))\b/iu;
const VAGUE_DUE = /^(?:soon|later|eventually|someday|some day|sometime|some time|whenever|tbd|tba|tbc|todo|unknown|n\/?a|none|\?+|-+|when (?:possible|convenient|there is time|someone has time)|next|asap-ish)$/iu;

/** Whether a `Next action due` value gives a date, a time or a trigger. */
export function hasDateOrTrigger(value: string): boolean {
  const text = value.replace(/[*_~]/gu, '').replace(/\s+/gu, ' ').trim();
  if (text === '' || VAGUE_DUE.test(text.replace(/(?<![.!])[.!]+$/u, ''))) return false;
  return DATE.test(text) || TRIGGER.test(text) || TRIGGER_WORDS.test(text);
}

/** A check-in that comes round by itself: `daily`, `every Monday`, `at standup`, `each sync`. */
const RECURRING = /\b(?:daily|weekly|nightly|hourly|fortnightly|every\s+[\p{L}\p{N}]|each\s+(?:day|morning|week|standup|stand-up|sync|meeting|cycle)|at (?:the )?(?:daily )?(?:standup|stand-up|sync))/iu;

/**
 * Whether a `Next action due` value is a timebox: a date or a time (`2025-06-06`, `Friday`, `17:00`,
 * `tomorrow`, `within 2 days`, `end of sprint`) or a recurring check-in. A trigger alone (`when the keys
 * arrive`, `after CI passes`) is not: the block could last forever.
 */
export function hasTimebox(value: string): boolean {
  const text = value.replace(/[*_~]/gu, '').replace(/\s+/gu, ' ').trim();
  return DATE.test(text) || RECURRING.test(text);
}

/** `rollback path: revert #31`, `revert the merge commit`, `flip the flag off`, `nothing merged`. */
export const ROLLBACK_LABEL = /(?:^|\n)[^\S\n]*(?:[-*+][^\S\n]+)?[*_]*(?:rollback(?: path| plan)?|roll ?back(?: path| plan)?|roll-back(?: path| plan)?|revert(?: plan| path)?|undo|back ?out(?: plan)?|recovery)[*_]*[ \t]*[:：][ \t]*\S/iu;
export const ROLLBACK_WORDS =
  /\b(?:roll(?:ing)?[ -]?back|rollback|revert(?:ing|ed)?|undo|back(?:ing)? ?out|restore|feature[ -]flag|kill[ -]switch|flag (?:off|it off)|toggle (?:off|it off)|disable (?:the )?flag|downgrade|redeploy|nothing (?:merged|deployed|shipped|released)|not (?:merged|deployed)|no rollback needed|nothing to roll back)\b/iu;

/** `unresolved edge cases: none`, `known issues: …`, `caveats: …`, `edge cases: none known`. */
export const EDGE_LABEL =
  /(?:^|\n)[^\S\n]*(?:[-*+][^\S\n]+)?[*_]*(?:unresolved edge cases?|edge cases?|open edge cases?|known (?:issues|gaps|limitations|edge cases)|unresolved(?: issues| risks| questions)?|open (?:issues|questions|risks)|caveats?|limitations?|gaps|remaining risks?)[*_]*[ \t]*[:：][ \t]*\S/iu;
export const EDGE_WORDS = /\b(?:edge[ -]cases?|corner[ -]cases?|known (?:issues?|gaps?|limitations?)|caveats?|no (?:known )?(?:issues|edge cases|open questions)|none known|unresolved)\b/iu;

/** `Fallback: …`, `workaround`, `plan B`, `in the meantime`, `alternatively`. */
export const FALLBACK_LABEL = /^(?:fallback|fallback path|fallback plan|proposed fallback|workaround|work-around|plan b|alternative|alternatives|meanwhile|in the meantime|interim plan|interim)$/iu;
export const FALLBACK_WORDS =
  /\b(?:fall ?back|fall-back|workaround|work around|work-around|plan b|alternatively|alternative (?:is|would be|path|plan)|in the meantime|meanwhile|interim|instead we|otherwise we|if not (?:\w+ ){0,6}(?:by|within)|until then)\b/iu;

/** Who must act, written as a mention, a label or a verb phrase (see docs/rules/blocked-escalation.md). */
const ROLE =
  '(?:team|owner|lead|leads|manager|pm|po|designer|design|legal|security|ops|devops|sre|infra|platform|dba|admin|maintainers?|reviewers?|vendor|provider|customer|client|support|finance|compliance|product|human|cto|ceo|founder|stakeholders?|qa|architect|on-call|oncall)';
const OWNER_PATTERNS: RegExp[] = [
  /(?:^|[^\w.])@[A-Za-z0-9][\w-]*(?:\/[\w-]+)?/u,
  /\b(?:owner|next owner|assignee|assigned|assigned to|dri|who|escalated to|responsible|contact|point person|waiting on|waiting for|blocked on|needs)\s*[:：]\s*\S/iu,
  new RegExp(
    String.raw`\b(?:escalated|escalate|assigned|handed(?: over| back)?|passed|sent|forwarded|raised|reported)\s+(?:it\s+)?to\s+(?:the\s+|our\s+|a\s+)?(?:[A-Z][\p{Ll}'’-]+|[\w-]+\s+${ROLE}\b|${ROLE}\b)`,
    'u',
  ),
  new RegExp(
    String.raw`\b(?:waiting (?:on|for)|blocked (?:on|by)|pending|needs?|asked|ask|pinged|ping|decision (?:from|by)|approval (?:from|by)|sign-?off (?:from|by)|input from|answer from|reply from|response from|review (?:from|by)|feedback from|from|with)\s+(?:the\s+|our\s+)?(?:[A-Z][\p{Ll}'’-]+|(?:[\w-]+\s+)?${ROLE}\b)`,
    'u',
  ),
  /\b[A-Z][\p{Ll}-]+(?:'s|’s)\s+(?:decision|approval|review|answer|input|call|sign-?off|go-ahead|reply|response|confirmation|feedback)\b/u,
  /\b[A-Z][\p{Ll}-]+\s+(?:to|must|will|needs? to|should|has to)\s+(?:decide|approve|review|answer|provide|confirm|unblock|fix|merge|look|choose|sign)\b/u,
];

export function namesOwner(text: string): boolean {
  const plain = text.replace(/[*_`~]/gu, '');
  return OWNER_PATTERNS.some((pattern) => pattern.test(plain));
}

/**
 * A blocker that is other tracked work (`#88`, `PAN-15`, a link, "has to land first") or the project's own earlier work
 * (`Ship core CLI first`, `after Phase 1`): its own owner acts, or it waits its turn.
 */
export function trackedDependency(text: string, ownReference?: string): boolean {
  const plain = text.replace(/[*_`~]/gu, '');
  if (/(?:^|[\s(])#\d+\b|https?:\/\/|\b(?:PR|pull request|issue|ticket)\s*#?\d+/iu.test(plain)) return true;
  if (/\b(?:has to|needs to|must|to)\s+(?:land|merge|ship|be merged|be released|be deployed)\b|\b(?:depends on|lands|is merged|gets merged)\b/iu.test(plain)) return true;
  // The project's own order of work: `Ship core CLI first`, `after Phase 1`, `until v1.0`, `once M2 is done`.
  if (/\b(?:ship|finish|complete|build|release|land|merge)\s+(?:\S+\s+){0,5}first\b|\b(?:after|until|once)\s+(?:the\s+)?(?:phase|milestone|sprint|stage|release|version|mvp|v\d|m\d)/iu.test(plain)) return true;
  for (const match of plain.matchAll(/\b(?:[A-Z][A-Z0-9]{0,9}-\d+[a-z]?|\d{3}-[a-z][a-z0-9-]+)\b/gu)) {
    if (!ownReference || !ownReference.includes(match[0])) return true;
  }
  return false;
}
