import type { Paragraph } from 'mdast';
import { toString } from 'mdast-util-to-string';

/**
 * What a section's title says the section is for, in the languages govern reads: a checklist that is
 * not work (acceptance, validation), work set aside on purpose (ideas, deferred), notes about the work
 * (decisions, risks, history), a pointer to the current work, or a stated order. One table, compared
 * word by word on a folded copy of the title; see docs/formats.md ("Sections").
 */

export type SectionRole =
  /** Acceptance, validation, verification, success criteria, definition of done, checklists: conditions, not work items. */
  | 'check'
  /** Ideas, someday, not prioritised, deferred, paused, later: work set aside, never a candidate. */
  | 'deferred'
  /** Notes, decisions, risks, open questions, history, changelog, legend, references: not work. */
  | 'notes'
  /** Current focus, current phase, now: names the work in progress. */
  | 'pointer'
  /** Order, attack order, sequence: a section that states the order of the units. */
  | 'order';

/**
 * Phrases by role. A phrase is words separated by spaces; a word ending in `*` matches any word it
 * starts (`zurückgestellt*` matches `zurückgestellte`). Titles are lowercased with markup, emoji,
 * numbering and punctuation removed before matching, so `## 🚫 Not prioritised (yet)` is `not prioritised yet`.
 * A phrase must start the title, except: `~phrase` may stand anywhere in it (`Task validation checklist`),
 * `$phrase` must end it (`Project overview`), and `=phrase` must be the whole title, or the whole title before `for …`/`of …` (`Order`, `Priority order for MVP`),
 * since the same words also start ordinary titles (`Order management`, `Now playing`).
 */
const PHRASES: ReadonlyArray<readonly [SectionRole, readonly string[]]> = [
  [
    'check',
    [
      'acceptance', 'validation', 'verification', 'verify', '~success criteria', '~acceptance criteria', '~definition of done',
      '~critères de succès', '~criterios de éxito', '~critérios de sucesso', '~erfolgskriterien', '~критерии успеха', '~критерії успіху', '~成功标准', '~成功標準', '~成功基準', '~성공 기준',
      'uat', 'user acceptance', '=must haves', 'must haves from spec', '~smoke tests', '~smoke test', 'manual checks', 'manual tests', '~done criteria', '~exit criteria', '~completion criteria', '~closure criteria', '~complete when', '~completed when', '~done when', '~finished when',
      '~fertig wenn', '~abgeschlossen wenn', '~terminé quand', '~terminado cuando', '~completo cuando', '~concluído quando', '~checklist*', '~check list', '~self check', '~self checks', 'quality gate*', 'test plan',
      '~验收*', '~驗收*', '~检查清单', '~檢查清單', '受け入れ*', '~チェックリスト', '検証', '完了条件', '검증', '~체크리스트', '인수 조건',
      '~akzeptanzkriterien', 'abnahme*', '~prüfliste', '~checkliste', 'critères*', 'validação', 'validación', 'criterios*',
      'critérios*', 'критери*', 'проверк*', '~чек лист', 'kabul*', 'doğrulama',
    ],
  ],
  [
    'deferred',
    [
      'ideas', 'someday', 'some day', '~parked', 'wishlist', 'wish list', 'parking lot', 'icebox', 'not prioritised', 'not prioritized',
      'unprioritised', 'unprioritized', 'deprioritised', 'deprioritized', 'deferred', '$deferred', 'postponed', 'nice to have', 'potential future', 'possible future',
      // `Do not add:` over a list: what the plan keeps out, as a won't-do list does.
      'do not add', "don't add", 'not doing',
      '~out of scope', '~not in scope', 'future work', '=future', '=futuro', '=futur', '=zukunft', '=будущее', 'future plans', 'future enhancements', 'future improvements', 'future features', '~fuera de alcance', '~fuera del alcance', '~fora do escopo', '~hors périmètre', '~hors du périmètre', '~hors scope', '~außerhalb des umfangs', "~won't do", '~will not do', 'non goals', '~not planned', '~without building', 'closed without*', '=rejected', 'rejected ideas', '=declined', 'future ideas', 'future considerations', '~not yet committed', '~deferrals',
      'optional', 'optionally', 'опционально', 'необязательно', 'optionnel*', 'opcional*', 'facultati*',
      '~не в scope', '~вне scope', '~вне рамок', '~не планируется', '~не переносить',
      '想法', '暂缓', '暫緩', '保留中', 'アイデア', 'いつか', '아이디어', '보류', '선택적', '선택 사항', '可选', '可選',
      '长期愿景', '長期願景', '远期', '遠期', '将来構想', '장기 비전', 'long term vision',
      // Won't-do lists: `## 不做清单(明确排除)`, `## やらないこと`, `## 하지 않을 것`.
      '不做', '~明确排除', '~明確排除', '~不在范围', '~不在範圍', 'やらないこと', '~対象外', '하지 않을 것', '~범위 밖', '~범위 외',
      'nicht priorisiert*', 'zurückgestellt*', 'zurueckgestellt*', 'ideen', 'irgendwann', 'idées', 'reporté*',
      'pospuest*', 'diferid*', 'ideias', 'adiad*', 'отложенн*', 'отложено', 'идеи', 'ertelen*', 'fikirler',
    ],
  ],
  [
    'notes',
    [
      '=notes', '=note', 'technical notes', 'implementation notes', 'development notes', 'dev notes', 'notes techniques', 'notes d implémentation', 'notas técnicas', 'notas de implementación', 'notas de implementação', 'technische notizen', 'технические заметки', '技术说明', '技術說明', '技術メモ', '기술 노트', '~numbering', '~wave structure', '=waves', '~notation', '~cadence', '=recurring', 'recurring tasks', 'recurring work', 'recurring chores', 'recurring jobs', 'recurring maintenance', '반복 작업', '定期作業', '繰り返し作業', '重复任务', '例行任务',
      'wiederkehrende aufgaben', 'tâches récurrentes', 'tareas recurrentes', 'tarefas recorrentes', 'повторяющиеся задачи', '~philosophy', 'decisions', '$decisions', 'decision log', '=direction', 'confirmed direction', 'strategic direction', 'product direction', '~dependency map', 'risks', '=risk', 'open questions', '=questions', '=history', 'historical', 'changelog',
      'change log', 'work log', 'session log', 'log entries', 'progress log', 'development log', 'dev log', 'devlog', '=journal', 'recent updates', 'recent changes', 'latest updates', '~최근 업데이트', '~상세 문서', '最近更新', '最近の更新', '=log', '~legend', '=table of contents', '=contents', '=toc', '=目次', '=目录', '=目錄', '=목차', '=índice', '=inhaltsverzeichnis', '=sommaire', '=table des matières', '=содержание', '=key', '=status key', '=statuses', '=status values', '=статусы', '=статусы задач', '=estados', '=statuts', '=状态说明', '=狀態說明', '=ステータス説明', '=상태 설명', '=references', '=glossary', 'assumptions',
      'lessons learned', 'evidence', 'retrospective', 'document info', 'document information', '=metadata', 'known issues', 'known limitations', '=limitations', '=caveats', 'einschränkungen', 'bekannte einschränkungen', 'limitaciones', 'limitations connues', 'limitações', 'ограничения', '制限事項', '已知限制', '알려진 제한',
      '备注', '決定', '~決定事項', '~决定事项', '决策', '风险', '風險', '~凡例', '~图例', '~圖例', '~범례', '~履歴', '~변경 이력', '~작업 로그', '~결정사항',
      '~문서 정보', '$overview', '$summary', '$introduction', '$background', '$übersicht', '$überblick', '$aperçu', '$resumen',
      '$visão geral', '$обзор', '$概要', '$概览', '$概覽', '$总览', '$總覽', '$概述', '$개요', '$policy', '$goals', '$goal', '$objectives', '$objective', '$metrics', '$métriques', '$métricas', '$metriken', '$principles', '$practices', '$governance', '$práticas', '$prácticas', '$pratiques', '$praktiken', '$governança', '$gobernanza', '$gouvernance', '$方針', '$原則', '$원칙',
      '$目標', '$指標', '$目标', '$指标', '$原则', '$목표', '$지표', '$ziele', '$objectifs', '$objetivos', '$цели', '$метрики',
      '$hedefler', '$statistics', '=stats', '$statistik', '$statistiques', '$estadísticas', '$estatísticas', '$статистика', '$统计', '$統計', '$통계', 'statistics of', 'statistiques de', 'estadísticas de', 'estatísticas de',
      '=structure', '=versioning', '=versionierung', '=versionnement', '=структура', '=struktur', '=estructura', '=estrutura', '=yapı', '=構成', '=结构', '=구조',
      'instructions', 'инструкции', 'anleitung', 'история', 'historie', 'historique', 'historial', 'histórico', 'geçmiş',
      '$履歴', '$历史', 'how to use', 'how to read', 'reading this', 'cómo leer', 'como ler', 'comment lire', 'как читать', '読み方', '阅读指南', '閱讀指南', '읽는 법', '=usage', '=rules', 'rules for', 'working rules', 'ground rules', 'roadmap maintenance', 'how we prioritize', 'how we prioritise', 'how we work', 'how we decide', '=prioritization', '=prioritisation', 'maintaining this roadmap', 'updating this roadmap', 'house rules', 'team rules', 'project rules', '~repository snapshot', 'current snapshot', '~project snapshot', '~codebase snapshot', '~status snapshot', 'как пользоваться', 'правила', '=использование',
      'verwendung', 'nutzung', 'regeln', 'utilisation', 'règles', 'mode d emploi', 'cómo usar', 'reglas', 'como usar', 'regras',
      'kullanım', 'kurallar', '使い方', '~ルール', '使用方法', '~规则', '~規則', '사용법', '사용 방법', '~규칙', '~legende', 'offene fragen', 'entscheidungen', 'risiken', '~légende', 'décisions', '~leyenda', '~legenda',
      'decisiones', 'decisões', '~легенда', 'решения', 'риски', '~lejant', 'kararlar',
      '$reference', 'tech stack', 'technology stack', '技术栈', '技術棧', '技術スタック', '기술 스택', 'teknik referans', 'referencia técnica', 'référence technique',
      'technische referenz', 'техническая справка', '技术参考', '技術参考', '技術リファレンス', '기술 참고',
      '=baseline', '=current baseline', '=domain expertise', '=expertise', '$vision', 'vision and', 'vision &', '$end states', '~north star', '$context', '=architecture context', '=codebase context', '=design', '=agreed design', '=合意済みの設計', '=設計方針', '=设计原则', '$analysis', '$workflow', '$workflows', '$constraints', '=research', 'research findings', '=findings', 'key findings', 'executive summary', '~調査', '~调研', '~調研', '~조사', 'エグゼクティブサマリー',
      'resumo da tarefa', 'resumen de la tarea', 'résumé de la tâche', 'affected files', 'files affected', 'arquivos afetados', 'archivos afectados',
      'fichiers concernés', 'fichiers modifiés', 'betroffene dateien', '~fluxo de dados', '~flujo de datos', '~flux de données', '~datenfluss',
      'strategy', '$strategy', 'стратегія', 'стратегия', 'estrategia', 'estratégia', 'stratégie', 'strategie', '$策略', '$戦略', '$전략', 'test strategy', 'testing strategy', 'estratégia de testes', 'estrategia de pruebas', 'stratégie de test', 'stratégie de tests', 'teststrategie',
      '~data flow', '~request flow', '~execution flow', '~control flow', '~message flow', '~event flow', '=architecture', '=how it works',
      '~rationale', '~reasoning', '=why', '~why this order', '=begründung', '~justification', '=justificativa', '~理由', '~근거',
      'related documents', 'related docs', 'related files', 'related links', 'related pages', 'see also', 'further reading',
      '=resources', '=documentation', '~관련 문서', '~相关文档', '~相關文件', '~関連ドキュメント', '~関連資料', '~参考资料', '~参考資料',
      'documents liés', 'documentos relacionados', 'verwandte dokumente', 'связанные документы', 'ilgili belgeler',
      '=format', '~task format', '~tasks format', '~task list format', '~format of tasks', '~guidelines', '~guideline',
      '~comparison matrix', '~comparison table', '~feature matrix', '$comparison', '~competitive map', '~competitor analysis', '~competitive analysis',
      '~parallel execution', '~execution guide', '~parallel opportunities', '~병렬 실행', '~실행 가이드', '~并行执行', '~並列実行',
    ],
  ],
  [
    'pointer',
    [
      '=current focus', '=current phase', '=current sprint', '=current milestone', '=current stage', '=currently', '=now',
      '=in focus', '=focus', '=active phase', '=active sprint', '=active milestone', '=active stage',
      '=当前', '=當前', '=当前阶段', '=當前階段', '=在做', '=現在', '=現在のフェーズ', '=현재', '=현재 단계', '=aktuell', '=aktuelle phase',
      '=aktueller fokus', '=focus actuel', '=enfoque actual', '=foco atual', '=текущий фокус', '=текущий этап', '=сейчас',
      '=현재 진행 중', '=현재 진행중', '=現在進行中', '=当前进行中', '=正在进行', '=進行中の作業',
      '=şu an', '=güncel odak', '=next feature', '=next phase', '=next milestone', '=next sprint', '=next task', '=next step', '=next stage',
    ],
  ],
  [
    'order',
    [
      '=order', '=attack order', '=work order', '=build order', '=order of work', '=sequence', '=execution order',
      '=priority order', 'plan order', 'plan ordering', 'order of plans', 'implementation ordering', '=reihenfolge', '=ordre', '=orden', '=ordem', '=порядок', '=sıra', '=sırası', '=顺序', '=順序', '=순서',
    ],
  ],
];

type Where = 'start' | 'anywhere' | 'whole' | 'end';

interface CompiledPhrase {
  role: SectionRole;
  words: readonly string[];
  where: Where;
}

/** Phrases by their first word (exact); phrases whose first word is a stem are tried separately. */
const BY_FIRST_WORD = new Map<string, CompiledPhrase[]>();
const STEM_FIRST: CompiledPhrase[] = [];
/**
 * Chinese and Japanese titles do not separate words with spaces (`運用方針`, `当前阶段`): their phrases are
 * compared as text, at the start, the end, anywhere or as the whole of each space-separated part.
 */
const CJK_PHRASES: CompiledPhrase[] = [];
const CJK_ONLY = /^[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]+$/u;
for (const [role, phrases] of PHRASES) {
  for (const written of phrases) {
    const where: Where = written.startsWith('~') ? 'anywhere' : written.startsWith('=') ? 'whole' : written.startsWith('$') ? 'end' : 'start';
    const phrase = where === 'start' ? written : written.slice(1);
    const compiled: CompiledPhrase = { role, words: phrase.split(' '), where };
    if (CJK_ONLY.test(phrase)) {
      CJK_PHRASES.push(compiled);
      continue;
    }
    const first = compiled.words[0]!;
    if (first.endsWith('*')) STEM_FIRST.push(compiled);
    else {
      const list = BY_FIRST_WORD.get(first) ?? [];
      list.push(compiled);
      BY_FIRST_WORD.set(first, list);
    }
  }
}
for (const list of BY_FIRST_WORD.values()) list.sort((a, b) => b.words.length - a.words.length);

/** Words after a whole-title phrase that keep it whole: `Priority order for MVP`, `Order of the sprints`. */
const QUALIFIERS = new Set(['for', 'of', 'für', 'pour', 'para', 'des', 'der', 'de', 'du']);

function wordMatches(pattern: string, word: string): boolean {
  return pattern.endsWith('*') ? word.startsWith(pattern.slice(0, -1)) : word === pattern;
}

function phraseAt(words: readonly string[], at: number, phrase: CompiledPhrase): boolean {
  if (phrase.where === 'end') {
    if (at + phrase.words.length !== words.length) return false;
  } else if (phrase.where !== 'anywhere' && at !== 0) return false;
  if (at + phrase.words.length > words.length) return false;
  for (let i = 0; i < phrase.words.length; i++) if (!wordMatches(phrase.words[i]!, words[at + i]!)) return false;
  if (phrase.where === 'whole') {
    const next = words[phrase.words.length];
    if (next !== undefined && !QUALIFIERS.has(next)) return false;
  }
  return true;
}

/** A title's words: lowercase, markup, emoji, leading numbers and punctuation removed. At most 32 words are kept. */
export function titleWords(title: string): string[] {
  const folded = title
    .slice(0, 300)
    .toLowerCase()
    // Turkish `İ` lowercases to `i` and a combining dot: `TEKNİK` is `teknik`.
    .replace(/i\u0307/gu, 'i')
    .replace(/[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D]/gu, ' ')
    .replace(/[^\p{L}\p{N}\p{M}'’]+/gu, ' ')
    .trim();
  if (folded === '') return [];
  const words = folded.split(' ');
  // Numbering before the words (`3. Validation`, `2 Ideas`) says where, not what.
  let first = 0;
  while (first < words.length - 1 && /^\p{N}+$/u.test(words[first]!)) first++;
  return words.slice(first, first + 32);
}

/**
 * The role a section's title gives it, or undefined for an ordinary title. A note in brackets at the end of the
 * title does not change it: `Now (blocking the release)` is `Now`.
 */
export function sectionRole(title: string): SectionRole | undefined {
  const role = roleOfWords(titleWords(title));
  if (role !== undefined) return role;
  const bare = withoutClosingNote(title);
  return bare === undefined ? undefined : roleOfWords(titleWords(bare));
}

/** The title without a closing bracketed note (`Next (after the beta)` → `Next`); undefined when it has none. */
export function withoutClosingNote(title: string): string | undefined {
  const trimmed = title.trimEnd();
  if (!trimmed.endsWith(')') && !trimmed.endsWith('）')) return undefined;
  const open = Math.max(trimmed.lastIndexOf('('), trimmed.lastIndexOf('（'));
  if (open <= 0) return undefined;
  const bare = trimmed.slice(0, open).trim();
  return bare === '' ? undefined : bare;
}

/** The role a title's folded words (see `titleWords`) give its section. */
function roleOfWords(words: readonly string[]): SectionRole | undefined {
  const text = words.join('');
  if (CJK_PHRASES.length > 0 && /[\u3040-\u30ff\u3400-\u9fff]/u.test(text)) {
    for (const phrase of CJK_PHRASES) {
      const written = phrase.words[0]!;
      const hit =
        phrase.where === 'anywhere' ? text.includes(written) : phrase.where === 'end' ? text.endsWith(written) : phrase.where === 'whole' ? text === written : text.startsWith(written);
      if (hit) return phrase.role;
    }
  }
  for (let at = 0; at < words.length; at++) {
    for (const phrase of BY_FIRST_WORD.get(words[at]!) ?? []) if (phraseAt(words, at, phrase)) return phrase.role;
    for (const phrase of STEM_FIRST) if (phraseAt(words, at, phrase)) return phrase.role;
  }
  return undefined;
}

/**
 * The label a paragraph gives the list right after it: the paragraph, or its last line, is a short text
 * ending in a colon (`**Acceptance**:`, `Phase 1 done when:`, a `**Goal**: …` block ending in
 * `**Success Criteria** (what must be true):`), or the paragraph is one bold line (`**How to read this**`);
 * undefined for any other paragraph.
 */
export function listLabel(paragraph: Paragraph): string | undefined {
  const text = toString(paragraph);
  const last = text.slice(Math.max(text.lastIndexOf('\n'), text.lastIndexOf('\r')) + 1).replace(/\s+/gu, ' ').trim();
  if (last.length > 80) return undefined;
  // `**How to read this**` alone on its line, bold as a heading would be, labels the list after it as a colon does.
  if (!/[:：]$/u.test(last)) return paragraph.children.length === 1 && paragraph.children[0]!.type === 'strong' ? last : undefined;
  return last.slice(0, -1);
}

/**
 * Labels over a unit's own particulars: `**Files to create:**`, `**Deliverables:**`, `**Output:**`. The list after one
 * says what the unit touches or yields; it holds no units of its own (a list with boxes still counts as its tasks).
 */
const PARTICULARS_LABEL =
  /^(?:(?:new |key |affected |created |modified |changed )?files(?: to (?:create|modify|change|update|add)| (?:created|changed|modified|touched))?|(?:changes|modifications) to existing files|deliverables?|outputs?|artifacts?|artefacts?|(?:novos |nuevos )?(?:arquivos|archivos|ficheros|ficheiros)(?: (?:criados|creados|modificados|afetados|afectados|novos|nuevos))?|modifica(?:ções|ciones) (?:em|en|de) (?:arquivos|archivos)(?: existentes)?|(?:nouveaux )?fichiers(?: (?:créés|modifiés|concernés))?|(?:neue |erstellte |geänderte |betroffene )?dateien|livrables|entregables|entregáveis)$/u;

/** The role the label before a list gives it (`**Exit criteria:**` → check, `**Legend:**` → notes); undefined for none. */
export function listLabelRole(paragraph: Paragraph): SectionRole | undefined {
  const label = listLabel(paragraph);
  if (label === undefined) return undefined;
  if (PARTICULARS_LABEL.test(label.replace(/[*_`]/gu, '').trim().toLowerCase())) return 'notes';
  return sectionRole(label);
}

/** `**Legend:**`, `Task Status Legend:`, `Key:`, `凡例：`: a label over a list that explains the document's marks. */
const LEGEND_LABEL = /\blegend\b|^(?:status )?key$|légende|leyenda|legenda|легенда|凡例|图例|圖例|범례/iu;

/** Whether a paragraph labels the list after it as a legend: its items explain marks, boxes included, and are no work. */
export function labelsLegend(paragraph: Paragraph): boolean {
  const label = listLabel(paragraph);
  return label !== undefined && isLegendLabel(label);
}

/** Whether a label (`**Legend**`, `Key`, `凡例`) says the words after it explain the document's marks. */
export function isLegendLabel(label: string): boolean {
  return LEGEND_LABEL.test(label.replace(/[*_`]/gu, '').trim());
}

/** Whether a paragraph labels the list after it as conditions, not work: `**Acceptance**:`, `Exit criteria:`, `Phase 1 complete when:`. */
export function labelsChecklist(paragraph: Paragraph): boolean {
  return listLabelRole(paragraph) === 'check';
}

/** Every phrase of every role, for documentation and the test that keeps docs/formats.md in step. */
export function sectionVocabulary(): ReadonlyArray<{ role: SectionRole; phrases: readonly string[] }> {
  return PHRASES.map(([role, phrases]) => ({ role, phrases }));
}

/**
 * A task whose work is a check of work done elsewhere: `Run quickstart.md validation`, `End-to-end validation: load the
 * plugin…`, `Verify the build and the test suite pass`, `Manual smoke test`, `Dérouler quickstart.md (validation
 * manuelle)`, `Open the preview at 375px — verify: no overflow`, `Perform the full sign-up journey`. A verb alone (`Validate the email field`) is not enough: it may be the feature itself.
 */
const CHECK_TASK =
  /quickstart|\bbaseline\b|\bsmoke[- ]?tests?\b|\bmanual(?:ly)?[- ](?:test|testing|verification|validation|check|qa|review|walkthrough)\b|\b(?:test|verify|check)(?:ed|ing)? manually\b|^(?:end-to-end |e2e |final |manual |full )?(?:validation|verification)\b|^(?:verify|validate|confirm|check)(?: that)?(?: the| all)?(?: full)? (?:build|tests?|test suite|suite|acceptance|success criteria|end-to-end|e2e)\b|^(?:verify|confirm|check)(?: that)? [^\n]{1,80}? pass(?:es)?\b|\bverify:\s|^(?:final |manual )?visual (?:review|check|inspection|qa)\b|^perform the (?:full|complete|whole) [^\n]{0,40}?\b(?:journey|walkthrough|run-?through)\b|目視|validation manuelle|vérification manuelle|tests? manuels?|prueba manual|pruebas manuales|teste manual|testes manuais|manuelle[rn]? (?:test|prüfung)|手动测试|手動測試|手動テスト|수동 테스트|冒烟测试|スモークテスト/iu;

/** Task tags before a task's words: `[P]`, `[US1]`, `[Story 2]`. */
const TASK_TAGS = /^(?:\s*\[[^\]\n]{1,20}\])+\s*/u;

/** Whether a task's words make it a check of finished work rather than work of its own (see `CHECK_TASK`). */
export function isCheckTask(text: string): boolean {
  const words = text.slice(0, 300).replace(TASK_TAGS, '').trimStart();
  return CHECK_TASK.test(words);
}
