import { asciiFirst } from './ascii.js';

/** The lifecycle state of a feature, whatever words a file used for it. */
export type FeatureState = 'todo' | 'in-progress' | 'blocked' | 'done' | 'cancelled';

/**
 * The words and marks files use for a feature's state, normalised to `FeatureState`.
 * docs/formats/state.md holds the same table for readers; keep the two in step.
 */

/** The languages the state words come in; `en` also holds status tokens such as `IN_PROGRESS` and `PR_OPEN`. */
export type StateLanguage = 'en' | 'zh' | 'ja' | 'ko' | 'de' | 'fr' | 'es' | 'pt' | 'ru' | 'tr';

/**
 * Phrases, compared after lowercasing, removing markup and turning `-`/`_` into spaces: one row per
 * language, both Chinese scripts in `zh`. Turkish dotted capitals are stored in both spellings that
 * lowercasing gives (`iptal`, `i̇ptal`) rather than relying on a locale. docs/formats/state.md holds
 * the same table for readers; a test keeps the two in step.
 */
const WORDS_BY_LANGUAGE: ReadonlyArray<readonly [StateLanguage, Readonly<Record<FeatureState, readonly string[]>>]> = [
  [
    'en',
    {
      done: [
        'done', 'complete', 'completed', 'shipped', 'merged', 'finished', 'released', 'implemented', 'closed',
        'resolved', 'delivered', 'fixed', 'landed', 'live', 'accepted', 'verified', 'fully implemented', 'archived',
        'recently completed', 'recently done', 'recently shipped', 'recently finished', 'recently merged', 'recently released',
        'what works', "what's working",
      ],
      'in-progress': [
        'in progress', 'inprogress', 'wip', 'work in progress', 'doing', 'active', 'started', 'starting', 'ongoing', 'underway',
        'under way', 'in review', 'review', 'under review', 'reviewing', 'in development', 'in dev', 'implementing',
        'partial', 'partially done', 'partially implemented', 'partly done', 'in flight', 'current', 'in testing', 'pr open',
        'executing', 'in execution',
      ],
      blocked: ['blocked', 'stuck', 'on hold', 'hold', 'paused', 'parked', 'waiting', 'failed', 'failing', 'waiting input'],
      todo: [
        'todo', 'to do', 'planned', 'next', 'up next', 'pending', 'not started', 'not yet started', 'not yet planned', 'backlog', 'queued', 'ready',
        'open', 'new', 'proposed', 'draft', 'idea', 'later', 'deferred', 'scheduled', 'not done', 'not yet', 'coming up', 'coming soon',
        'upcoming', 'not implemented', 'unimplemented', 'future', 'ready to start',
        "what's left", 'what is left', 'remaining', 'remaining work', 'left to do', 'still to do', 'open work', 'open tasks',
      ],
      cancelled: [
        'cancelled', 'canceled', 'dropped', "won't do", 'wont do', "won't fix", 'wont fix', 'wontfix', 'wontdo',
        'abandoned', 'rejected', 'obsolete', 'superseded', 'descoped', 'out of scope', 'removed', 'not planned', 'skip', 'skipped', 'omitted',
        'superseded by', 'replaced by',
      ],
    },
  ],
  [
    'zh',
    {
      done: ['完成', '已完成', '已实现', '已實現', '已上线', '已上線', '已交付', '已修复', '已修復', '已解决', '已解決', '已合并', '已合併', '开发完成', '開發完成', '实现完成', '實現完成'],
      'in-progress': ['进行中', '進行中', '开发中', '開發中', '处理中', '處理中', '部分完成', '对应中'],
      blocked: ['阻塞', '受阻', '暂停', '暫停', '搁置', '擱置', '冻结', '凍結', '暂缓', '暫緩'],
      todo: ['待办', '待辦', '未开始', '未開始', '计划', '計劃', '计划中', '計劃中', '待定', '待完成', '下一步', '未实现', '未實現'],
      cancelled: ['取消', '已取消', '放弃', '放棄', '废弃', '廢棄'],
    },
  ],
  [
    'ja',
    {
      done: ['完了', '済', '完了済み', '実装済み', '対応済み', '済み', '実装完了', '開発完了', '対応完了'],
      'in-progress': ['対応中', '作業中', '実装中', '着手中', 'レビュー中'],
      blocked: ['ブロック', '保留', '停止中', '中断'],
      todo: ['未着手', '予定', '未対応', '未実装', '次', '計画中'],
      cancelled: ['中止', '不要', '廃止'],
    },
  ],
  [
    'ko',
    {
      done: ['완료', '완료됨', '구현 완료', '해결', '해결됨', '배포 완료', '개발 완료'],
      'in-progress': ['진행 중', '진행중', '작업 중', '작업중', '구현 중', '구현중', '검토 중'],
      blocked: ['차단', '보류', '중단'],
      todo: ['예정', '계획', '계획됨', '미착수', '대기', '구현 대기', '다음', '미구현'],
      cancelled: ['취소', '폐기', '제외'],
    },
  ],
  [
    'de',
    {
      done: ['erledigt', 'fertig', 'abgeschlossen', 'umgesetzt', 'implementiert', 'behoben', 'geliefert', 'vollständig implementiert'],
      'in-progress': ['in arbeit', 'in bearbeitung', 'läuft', 'begonnen', 'teilweise'],
      blocked: ['blockiert', 'pausiert', 'angehalten'],
      todo: ['offen', 'geplant', 'ausstehend', 'nicht begonnen', 'zu erledigen', 'zurückgestellt', 'zurueckgestellt'],
      cancelled: ['abgebrochen', 'verworfen', 'gestrichen', 'entfällt'],
    },
  ],
  [
    'fr',
    {
      done: ['terminé', 'terminée', 'fait', 'livré', 'livrée', 'implémenté', 'implémentée', 'résolu', 'corrigé', 'achevé', 'achevée', 'complet', 'complète', 'complété', 'complétée', 'fermé', 'fermée'],
      'in-progress': ['en cours', 'en progrès', 'commencé', 'partiel', 'partiellement'],
      blocked: ['bloqué', 'bloquée', 'en pause', 'suspendu'],
      todo: ['à faire', 'a faire', 'reste à faire', 'prévu', 'planifié', 'en attente', 'non commencé'],
      cancelled: ['annulé', 'annulée', 'abandonné', 'omis', 'omise', 'hors périmètre', 'hors perimetre'],
    },
  ],
  [
    'es',
    {
      done: ['hecho', 'terminado', 'terminada', 'completado', 'completada', 'implementado', 'implementada', 'resuelto', 'entregado', 'cerrado', 'cerrada'],
      'in-progress': ['en progreso', 'en curso', 'en desarrollo', 'parcial', 'parcialmente'],
      blocked: ['bloqueado', 'bloqueada', 'en pausa', 'suspendido'],
      todo: ['pendiente', 'por hacer', 'planificado', 'planificada', 'no iniciado', 'no iniciada', 'futuro', 'abierto', 'abierta'],
      cancelled: ['cancelado', 'cancelada', 'descartado', 'descartada', 'omitido', 'omitida', 'fuera de alcance'],
    },
  ],
  [
    'pt',
    {
      done: ['concluído', 'concluída', 'feito', 'finalizado', 'finalizada', 'resolvido', 'entregue', 'fechado', 'fechada', 'implementado', 'implementada', 'corrigido'],
      'in-progress': ['em andamento', 'em progresso', 'em desenvolvimento', 'em curso', 'em execução'],
      blocked: ['pausado', 'suspenso', 'bloqueado', 'bloqueada'],
      todo: ['pendente', 'a fazer', 'planejado', 'planejada', 'não iniciado', 'próximo', 'futuro', 'aberto', 'aberta'],
      cancelled: ['removido', 'cancelado', 'cancelada', 'descartado', 'descartada', 'omitido', 'omitida', 'fora do escopo'],
    },
  ],
  [
    'ru',
    {
      done: ['готово', 'готов', 'выполнено', 'сделано', 'завершено', 'завершён', 'завершен', 'реализовано', 'исправлено'],
      'in-progress': ['в работе', 'в процессе', 'выполняется', 'начато', 'частично'],
      blocked: ['заблокировано', 'приостановлено', 'на паузе'],
      todo: ['запланировано', 'в планах', 'не начато', 'ожидает', 'в очереди', 'к выполнению'],
      cancelled: ['отменено', 'отклонено'],
    },
  ],
  [
    'tr',
    {
      done: ['tamamlandı', 'tamamlanan', 'bitti', 'yapıldı', 'düzeltildi', 'çözüldü', 'uygulandı'],
      'in-progress': ['devam ediyor', 'devam', 'yapılıyor', 'sürüyor', 'kısmen'],
      blocked: ['engellendi', 'engelli'],
      todo: ['yapılacak', 'yapılmadı', 'bekliyor', 'planlandı', 'başlanmadı', 'yakında'],
      cancelled: ['iptal', 'i̇ptal', 'iptal edildi', 'i̇ptal edildi', 'kaldırıldı', 'vazgeçildi'],
    },
  ],
];

const STATES: readonly FeatureState[] = ['done', 'in-progress', 'blocked', 'todo', 'cancelled'];

/** The same words by state, every language together. */
const WORDS: ReadonlyArray<readonly [FeatureState, readonly string[]]> = STATES.map((state) => [
  state,
  WORDS_BY_LANGUAGE.flatMap(([, words]) => words[state]),
]);

/**
 * Words before a `done` word that make it partial (`Großteils erledigt`, `mostly done`): the work has
 * started and is not finished. Written before the state as its own word, never alone.
 */
const PARTIAL_MODIFIERS: readonly string[] = [
  'mostly', 'largely', 'partially', 'partly', 'großteils', 'grossteils', 'größtenteils', 'weitgehend',
  'en grande partie', 'mayormente', 'en gran parte', 'em grande parte', 'в основном', 'büyük ölçüde', 'büyük oranda',
  '部分', '大部分', '一部', 'ほぼ', '일부', '대부분',
];

/** Single marks. ❌ means "not done" in the feature tables it mostly appears in, so it reads as todo. */
const MARKS: ReadonlyArray<readonly [FeatureState, readonly string[]]> = [
  ['done', ['✅', '✔', '☑', '✓', '🟩']],
  ['in-progress', ['🚧', '🔄', '⏳', '🔨', '🏗', '🛠', '⌛', '🔃']],
  ['blocked', ['⛔', '🛑', '🚫', '⏸']],
  ['todo', ['⬜', '📋', '🔲', '☐', '❌', '✗', '✘', '⭕', '🔜', '📅', '🗓']],
  ['cancelled', ['🗑', '🪦']],
];

/**
 * GitHub's shortcodes for the marks plans write states and their legends with (`:white_check_mark:` is ✅,
 * `:construction:` 🚧, `:large_blue_circle:` 🔵): a plan written with them reads as one written with the marks.
 */
export const MARK_SHORTCODES: ReadonlyMap<string, string> = new Map([
  ['white_check_mark', '✅'], ['heavy_check_mark', '✔️'], ['ballot_box_with_check', '☑️'], ['green_square', '🟩'],
  ['construction', '🚧'], ['arrows_counterclockwise', '🔄'], ['arrows_clockwise', '🔃'], ['hourglass_flowing_sand', '⏳'], ['hourglass', '⌛'],
  ['hammer', '🔨'], ['hammer_and_wrench', '🛠️'], ['building_construction', '🏗️'],
  ['no_entry', '⛔'], ['stop_sign', '🛑'], ['no_entry_sign', '🚫'], ['pause_button', '⏸️'],
  ['white_large_square', '⬜'], ['black_square_button', '🔲'], ['x', '❌'], ['o', '⭕'], ['soon', '🔜'], ['clipboard', '📋'],
  ['wastebasket', '🗑️'],
  ['large_blue_circle', '🔵'], ['blue_circle', '🔵'], ['white_circle', '⚪'], ['green_circle', '🟢'], ['yellow_circle', '🟡'],
  ['orange_circle', '🟠'], ['red_circle', '🔴'], ['black_circle', '⚫'],
]);

const CHECKBOXES: Readonly<Record<string, FeatureState>> = {
  x: 'done',
  ' ': 'todo',
  '/': 'in-progress',
  '~': 'in-progress',
  '-': 'cancelled',
  // `[√]`, `[✓]`: a tick drawn in the box, as Chinese and Japanese plans often write a ticked box.
  '√': 'done',
  '✓': 'done',
  '✔': 'done',
};

const PHRASES = new Map<string, FeatureState>();
for (const [state, words] of WORDS) for (const word of words) PHRASES.set(word, state);
const MARK_STATE = new Map<string, FeatureState>();
for (const [state, marks] of MARKS) for (const mark of marks) MARK_STATE.set(mark, state);

/** Longest phrase first, so `in progress` wins over `progress`-less prefixes and `not started` over `not`. */
const PHRASE_LIST = [...PHRASES.keys()].sort((a, b) => b.length - a.length);
const LONGEST_PHRASE = PHRASE_LIST[0]?.length ?? 0;
/** Phrases by first character, longest first, so a lookup tries only the few that can match. */
const BY_FIRST = new Map<string, string[]>();
for (const phrase of PHRASE_LIST) {
  const first = phrase[0]!;
  const list = BY_FIRST.get(first) ?? [];
  list.push(phrase);
  BY_FIRST.set(first, list);
}

/** Variation selectors and zero-width joiners that follow emoji. */
const EMOJI_TAIL = /[\uFE0E\uFE0F\u200D]/g;
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/;

/** A state found in a text: the normalised state, the words as written, and where they start in the text. */
export interface StateWordMatch {
  state: FeatureState;
  /** The text as written (`In Progress`, `✅`, `[x]`). */
  raw: string;
  index: number;
  length: number;
  /** The text after the match, separators removed: the reason of `blocked — waiting on keys`. */
  rest: string;
}

/** Lowercase, markup out, `-`/`_` as spaces, curly apostrophes straight; keeps a map back to the input's indexes. */
function fold(text: string): { folded: string; map: number[] } {
  let folded = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '*' || ch === '`' || ch === '~') continue;
    let out: string;
    if (ch === '-' || ch === '_' || ch === '\t') out = ' ';
    else if (ch === '\u2019' || ch === '\u2018') out = "'";
    else out = ch.toLowerCase();
    if (out === ' ' && (folded.length === 0 || folded.endsWith(' '))) continue;
    folded += out;
    map.push(i);
  }
  return { folded, map };
}

const wordChar = asciiFirst(String.raw`[\p{L}\p{N}']`, 'u');
const digit = asciiFirst(String.raw`\p{N}`, 'u');

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && wordChar(ch).test(ch);
}

/** Phrases that start ordinary headings too (`Open questions`, `Review notes`): never read loosely. */
const NOT_LOOSE = new Set([
  'review', 'open', 'new', 'live', 'current', 'hold', 'idea', 'later', 'ready', 'draft', 'waiting', 'failed', 'failing',
  'removed', 'accepted', 'verified', 'fixed', 'partial', 'closed', 'resolved', 'scheduled', 'proposed', 'started', 'starting', 'future',
  'skip', 'skipped', 'offen', 'fait', 'hecho', 'feito', 'devam', 'läuft', 'fertig', 'teilweise', 'готов', 'bitti',
  '次', '계획', '다음', '해결', 'planned', 'pending', 'backlog', 'active', 'partiel', 'parcial',
]);

/** What may follow a state phrase for it to still be the state: end, a separator, or an emoji. */
function endsPhrase(folded: string, end: number, loose: boolean): boolean {
  const next = folded[end];
  if (next === undefined) return true;
  // `Review & Learning`, `Testing + QA`: a word joined to the next names one thing, not a state.
  if (next === ' ' && (folded[end + 1] === '&' || folded[end + 1] === '+') && folded[end + 2] === ' ') return false;
  if (loose) return !isWordChar(next) || CJK.test(folded[end - 1] ?? '');
  if (isWordChar(next)) return CJK.test(folded[end - 1] ?? '');
  // A space then more words: only a separator after the space keeps it a state (`done — shipped v2`, `done (2024)`).
  const after = folded.slice(end).trimStart()[0];
  // A date or number after the state is a detail of it (`dropped 2025-05-20`, `merged #41`).
  if (next === ' ' && after !== undefined && isWordChar(after) && !digit(after).test(after)) return false;
  return true;
}

/** Strips markup, emoji and state marks from both ends, for comparing a label with a phrase. */
function leadingNoise(text: string): number {
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/[\s*_`~>|\[\](){}:.,;!\-–—#\uFE0E\uFE0F\u200D]/.test(ch)) {
      i++;
      continue;
    }
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff || isEmojiSymbol(ch)) {
      if (MARK_STATE.has(String.fromCodePoint(cp))) break;
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    break;
  }
  return i;
}

function isEmojiSymbol(ch: string): boolean {
  return /[\u2190-\u2bff\u2600-\u27bf]/.test(ch);
}

/** A bracket at the start of a text: `(DONE)`, ` [in progress]`. */
const LEADING_BRACKET = /^\s{0,3}[([]\s{0,2}([^()[\]\n]{1,30}?)\s{0,2}[)\]]/u;

/**
 * A state written alone in a bracket at the start of `text` (`(DONE)` after an entry's id), with the bracket's length;
 * undefined when the bracket holds anything else (`(P1)`, `(see below)`).
 */
export function bracketedState(text: string): { state: StateWordMatch; length: number } | undefined {
  const found = LEADING_BRACKET.exec(text);
  if (!found) return undefined;
  const inner = leadingStateWord(found[1]!);
  if (!inner || inner.rest !== '') return undefined;
  return { state: { ...inner, index: found[0].indexOf(found[1]!) + inner.index }, length: found[0].length };
}

/**
 * The state named at the start of `text` (after markup and decoration): a checkbox `[x]`, a mark `✅`,
 * or a phrase (`In progress`, `blocked — waiting on API keys`). `loose` also accepts a phrase followed
 * by more words (`Done this week`), for headings.
 */
export function leadingStateWord(text: string, options: { loose?: boolean } = {}): StateWordMatch | undefined {
  const checkbox = /^\s*(?:[-*+]\s+|\d+[.)]\s+)?\[([ xX/~√✓✔-])\]/u.exec(text);
  if (checkbox) {
    const key = checkbox[1]!.toLowerCase();
    const state = CHECKBOXES[key];
    if (state) {
      const index = checkbox[0].lastIndexOf('[');
      return { state, raw: `[${checkbox[1]}]`, index, length: 3, rest: text.slice(checkbox[0].length).trim() };
    }
  }
  const start = leadingNoise(text);
  const cp = text.codePointAt(start);
  if (cp !== undefined) {
    const symbol = String.fromCodePoint(cp);
    const markState = MARK_STATE.get(symbol);
    if (markState) {
      let end = start + symbol.length;
      while (end < text.length && /[\uFE0E\uFE0F\u200D]/.test(text[end]!)) end++;
      // A word right after the mark is more precise than the mark (`✅ Done`, `❌ Cancelled`).
      const word = phraseAt(text, end, options.loose ?? false);
      if (word) return word;
      return { state: markState, raw: text.slice(start, end), index: start, length: end - start, rest: cleanRest(text.slice(end)) };
    }
  }
  return phraseAt(text, start, options.loose ?? false);
}

/** The state a share of the work done says: finished at a hundred percent, not begun at none, under way between. */
export function shareState(percent: number): FeatureState {
  return percent >= 100 ? 'done' : percent <= 0 ? 'todo' : 'in-progress';
}

/** A share before a state word (`80% complete`, `60 % done`, `100% concluído`), in folded text. */
const SHARE = /^(\d{1,3})(?:[.,]\d{1,2})?\s?%\s/;

function phraseAt(text: string, from: number, loose: boolean): StateWordMatch | undefined {
  const offset = from + leadingNoise(text.slice(from));
  const { folded, map } = fold(text.slice(offset, offset + LONGEST_PHRASE * 3 + 8));
  const share = SHARE.exec(folded);
  if (share) {
    const after = phraseIn(text, offset, folded, map, share[0].length, loose);
    const percent = Number(share[1]);
    if (after?.state !== 'done' || percent > 100) return undefined;
    const start = offset + map[0]!;
    return { ...after, state: shareState(percent), raw: text.slice(start, after.index + after.length), index: start, length: after.index + after.length - start };
  }
  const modifier = partialModifier(folded);
  // After a partial modifier only a `done` word counts, and it means the work is under way.
  if (modifier !== undefined) {
    const after = phraseIn(text, offset, folded, map, modifier, loose);
    if (after?.state === 'done') return { ...after, state: 'in-progress' };
  }
  return phraseIn(text, offset, folded, map, 0, loose);
}

function phraseIn(text: string, offset: number, folded: string, map: number[], at: number, loose: boolean): StateWordMatch | undefined {
  for (const phrase of BY_FIRST.get(folded[at] ?? '') ?? []) {
    if (!folded.startsWith(phrase, at)) continue;
    // `Superseded by expanded spec 008`: a phrase ending in `by` is followed by what took the work's place.
    if (!phrase.endsWith(' by') && !endsPhrase(folded, at + phrase.length, loose && !NOT_LOOSE.has(phrase))) continue;
    const rawStart = offset + map[0]!;
    const rawEnd = offset + map[at + phrase.length - 1]! + 1;
    // `TODO-7`, `DONE-12`: a phrase joined to a number by a hyphen is an id, not a state.
    const joined = text[rawEnd];
    if ((joined === '-' || joined === '_') && digit(text[rawEnd + 1] ?? '').test(text[rawEnd + 1] ?? '')) return undefined;
    // `Next.js`, `Done.app`: a phrase joined to a word by a dot is a name, not a state.
    if (joined === '.' && /^\p{L}/u.test(text[rawEnd + 1] ?? '')) return undefined;
    // Trailing markup belongs to the match (`**Done**`), so the rest starts clean.
    let end = rawEnd;
    while (end < text.length && /[*`~]/.test(text[end]!)) end++;
    return {
      state: PHRASES.get(phrase)!,
      raw: text.slice(rawStart, rawEnd),
      index: rawStart,
      length: rawEnd - rawStart,
      rest: cleanRest(text.slice(end)),
    };
  }
  return undefined;
}

/** Where the state after a partial modifier starts in `folded` (`großteils erledigt` → 10), or undefined. */
function partialModifier(folded: string): number | undefined {
  for (const modifier of PARTIAL_MODIFIERS) {
    if (!folded.startsWith(modifier)) continue;
    const next = folded[modifier.length];
    if (next === ' ') return modifier.length + 1;
    if (CJK.test(modifier[modifier.length - 1]!) && next !== undefined && !/\s/.test(next)) return modifier.length;
  }
  return undefined;
}

function cleanRest(rest: string): string {
  return rest
    .replace(/^[\s:;,.\-–—(\[*_]+/, '')
    .replace(/(?<![\s)\]*_.])[\s)\]*_.]+$/, '')
    .replace(/^\)+/, '')
    .trim();
}

/** Whether a match is a mark (`✅`) rather than words or a checkbox. */
export function isMarkMatch(match: StateWordMatch): boolean {
  const cp = match.raw.codePointAt(0);
  return cp !== undefined && MARK_STATE.has(String.fromCodePoint(cp));
}

/** A state mark (emoji) anywhere in the text, for `F-001 Tags ✅`. Returns the last one: marks usually trail. */
export function stateMarkIn(text: string): StateWordMatch | undefined {
  let found: StateWordMatch | undefined;
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const symbol = String.fromCodePoint(cp);
    const state = MARK_STATE.get(symbol);
    if (state) found = { state, raw: symbol, index: i, length: symbol.length, rest: cleanRest(text.slice(i + symbol.length)) };
    if (cp > 0xffff) i++;
  }
  return found;
}

/** Every state mark, for a quick test of whether a text holds any. */
const ANY_MARK = new RegExp(`(?:${[...MARK_STATE.keys()].join('|')})`, 'u');

/** What may stand between a legend's mark and its words: `✅ Done`, `⏳ = Planned`, `🚧: in progress`, `**⬜** not started`, `| ⏳ | Not started |`. */
const MARK_TO_WORDS = /^[\uFE0E\uFE0F\u200D\s=:*_`→–—|-]*/u;

/**
 * What the marks of one line of a legend mean, each mark with the state words right after it:
 * `✅ Done · 🚧 In Progress · ⏳ Planned` gives ⏳ → todo where, unexplained, ⏳ reads as under way. A mark
 * with no state word after it says nothing. `wholeLine` is set when the line's words after its one mark
 * are the state phrase and nothing else (`- ⏳ Planned`), as in a legend written as a list.
 */
export function markMeanings(line: string): { pairs: Array<readonly [string, FeatureState]>; wholeLine: boolean } {
  const pairs: Array<readonly [string, FeatureState]> = [];
  let wholeLine = false;
  if (line.length > 400 || !ANY_MARK.test(line)) return { pairs, wholeLine };
  for (let i = 0; i < line.length; i++) {
    const cp = line.codePointAt(i)!;
    const symbol = String.fromCodePoint(cp);
    if (MARK_STATE.has(symbol)) {
      const from = i + symbol.length;
      const gap = MARK_TO_WORDS.exec(line.slice(from))![0].length;
      const word = leadingStateWord(line.slice(from + gap, from + gap + 60));
      if (word && word.index === 0 && !isMarkMatch(word) && !word.raw.startsWith('[')) {
        pairs.push([symbol, word.state]);
        // A legend's row of a table (`| ⏳ | Not started |`) is a whole line as a list's `- ⏳ Not started` is.
        wholeLine = /^[\s|]*$/u.test(word.rest) && /^[\s>*+|-]*$/u.test(line.slice(0, i));
      }
    }
    if (cp > 0xffff) i++;
  }
  if (pairs.length !== 1) wholeLine = false;
  return { pairs, wholeLine };
}

/** Whether a text holds any state mark, before reading it line by line. */
export function holdsStateMark(text: string): boolean {
  return ANY_MARK.test(text);
}

/** The mark a state was read from, when it was a mark alone (`⏳`, `⏳️`). */
export function bareMark(raw: string): string | undefined {
  const mark = raw.replace(EMOJI_TAIL, '');
  return MARK_STATE.has(mark) ? mark : undefined;
}

/**
 * The state a word, phrase or mark names: `Done`, `**In Progress** 🚧`, `✅`, `[x]`, `won't do`, `进行中`.
 * Case-insensitive; markup and decoration around the words are ignored; a phrase followed by a separator
 * and more text (`blocked — waiting on API keys`, `done (2024-05-01)`) still counts. Unknown words give `undefined`.
 */
export function normaliseStateWord(raw: string): FeatureState | undefined {
  if (typeof raw !== 'string') return undefined;
  const text = raw.length > 400 ? raw.slice(0, 400) : raw;
  const match = leadingStateWord(text);
  if (match) return match.state;
  // A trailing mark after decoration only (`**Status** ✅`) still names the state.
  const mark = stateMarkIn(text);
  if (mark && /^[\s*_`~:|\-–—]*$/.test(text.slice(mark.index + mark.length).replace(EMOJI_TAIL, ''))) return mark.state;
  return undefined;
}

/** The words of each language, for documentation and for the tests that keep docs/formats/state.md honest. */
export function stateWordsByLanguage(): ReadonlyArray<{ language: StateLanguage; words: Readonly<Record<FeatureState, readonly string[]>> }> {
  return WORDS_BY_LANGUAGE.map(([language, words]) => ({ language, words }));
}

/** Every phrase and mark, for documentation and for the tests that keep docs/formats/state.md honest. */
export function stateVocabulary(): ReadonlyArray<{ state: FeatureState; words: readonly string[]; marks: readonly string[] }> {
  return WORDS.map(([state, words]) => ({
    state,
    words,
    marks: MARKS.find(([s]) => s === state)?.[1] ?? [],
  }));
}

/**
 * Words and marks that set work aside on purpose (`Deferred`, `Postponed`, `⏸️ Paused`, `On hold`): read as not started
 * or as blocked, they say the same thing, that nobody works on it now, and nobody is waiting for it to be next.
 */
const SET_ASIDE = /^[\s*_`]*(?:⏸|deferred|postponed|parked|paused|on hold|zurückgestellt|verschoben|pausiert|reporté|en pause|pospuesto|aplazado|en pausa|adiado|pausado|отложен|延期|暂缓|暫緩|保留|보류)/iu;

export function isSetAsideWord(raw: string): boolean {
  return SET_ASIDE.test(raw.slice(0, 40));
}
