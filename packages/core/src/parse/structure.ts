import { toString } from 'mdast-util-to-string';
import type { Code, Heading, Html, List, ListItem, Node, Paragraph, PhrasingContent, RootContent, Table } from 'mdast';
import type { Diagnostic, FeatureState, Located, SourcePosition, StateMark, UnitStateOrigin, UnitTasks } from '../model/types.js';
import { diagnostic } from '../model/positions.js';
import { clip, docsUrl } from '../text/messages.js';
import type { MarkdownDocument } from './markdown.js';
import { SourceText } from './state-source.js';
import { bareMark, holdsStateMark, isMarkMatch, leadingStateWord, markMeanings, shareState, stateMarkIn, type StateWordMatch } from '../text/state-words.js';
import { isLegendLabel, labelsLegend, listLabel, listLabelRole, sectionRole, titleWords, withoutClosingNote, type SectionRole } from '../text/section-words.js';
import { isReadme, isTaskFolderOverview, planDocumentKind } from '../text/document-names.js';
import {
  cleanName,
  entryState,
  extractReference,
  findDependencies,
  findId,
  findSpecRef,
  firstLine,
  flattenBlocks,
  foldTitle,
  hasFeatureMark,
  isEmptyMarker,
  labelLine,
  listItemParts,
  leadsWithEmphasis,
  mentionsInPassing,
  mapColumns,
  rowCells,
  sharedTopics,
  splitDependencies,
  stripKindLabel,
  stripLead,
  type LabelLine,
} from './entry-text.js';
import { plainText, plusAsWord, slugify, splitAround } from '../text/plain-text.js';
import { isPathLike } from './named-paths.js';
import { asciiFirst, isAscii } from '../text/ascii.js';

/**
 * One structural reading of a plan-like document (a development plan, roadmap, backlog, to-do list,
 * status or progress file), shared by the sequence and the state parsers so that both read the same
 * units: which headings, list items and table rows are units of work (with their key, state and place)
 * and which are details of a unit, scopes that group units, sections whose state flows down to their
 * items, and sections that are not work at all. docs/formats.md ("Units of work") gives the rules.
 */

/** `sequence` keeps every unit (a plan lists work to do); `state` keeps units that carry a state. */
export type ReadingMode = 'sequence' | 'state';


export interface ReadUnit {
  reference: string;
  label: string;
  state?: StateMark;
  /** Absent when the unit writes its own state (its heading, mark, checkbox or Status line). */
  stateFrom?: UnitStateOrigin;
  tasks?: UnitTasks;
  /** The scope (phase, sprint, milestone, group) it belongs to. */
  phase?: string;
  /** The scope is written in a column of its row (`| PX-M0-01 | M0 | … |`), not by a heading above it. */
  scopeCell?: true;
  priority?: string;
  /** Where the priority is written: the unit's own line, its `Priority:` label, its row, or the heading it is under. */
  priorityAt?: SourcePosition;
  /** Its place is numbered (a numbered item or heading, a numbered id, a priority), not only written down in turn. */
  ranked?: boolean;
  dependencies: Located<string>[];
  position: SourcePosition;
  /** Where the item's own paragraph links to (`*Link: [./tracks/csv_20260102/](…)*`): a link may name its spec's folder. */
  links?: string[];
  /** Other names the document gives the unit (`add-search` in the row of a table that sums the phases up). */
  aliases?: string[];
}

export interface UnitReading {
  units: ReadUnit[];
  /**
   * Whether the document states an order of its own (an arrow chain in an order section, `Pick the top item`), or
   * says its list has none (`in no particular order`); undefined when it says neither.
   */
  statedOrder: boolean | undefined;
  diagnostics: Diagnostic[];
}

export interface ReadOptions {
  mode: ReadingMode;
  /** Rule id of the diagnostics (`govern/parse-sequence`, `govern/parse-state`). */
  rule: string;
  /** Line ranges (1-based, inclusive) not to read: handoff blocks. */
  skip?: ReadonlyArray<readonly [number, number]>;
}

/**
 * Headings that group units into a scope without a number: `P0`, `High priority` (`Priorité haute`, `Prioridad alta`,
 * `Priorität hoch`), `Now / Next / Later`, `Q3`, and sizes of work (`⚡ Quick wins`, `Medium`, `🏗️ Grande`, `Small tasks`).
 */
const SCOPE_TITLE =
  /^(?:\d{1,3}[.)]\s*)?(?:(?:post[- ])?mvp\b|q[1-4]\b|p\d\b|priority\s*\d|(?:high|medium|low|critical|top|urgent)\s+priority\b|priorit[ée]\s+(?:haute|moyenne|basse|critique)\b|prioridade?\s+(?:alta|m[ée]dia|baja|baixa)\b|(?:alta|media|baja)\s+prioridad\b|priorit[äa]t\s+(?:hoch|mittel|niedrig)\b|(?:hohe|mittlere|niedrige)\s+priorit[äa]t\b|(?:must|should|could|won't)\s+have\b|(?:now|next|later|soon|someday)$|quick wins?$|low hanging fruits?$|(?:small|medium|large|big|medio|mediano|grande|pequeño|pequeno|klein|mittel|groß|gross|petit|moyen|grand|piccolo|piccoli|grandi)(?: (?:tasks?|items?|features?|changes?|projects?|wins?|effort|tareas|cambios|aufgaben))?$|(?:phase|milestone|wave|stage|sprint|epic|release|iteration)\s*[:—–-]|阶段|階段|里程碑|フェーズ)/u;

/**
 * Buckets of a to-do list (`Global:`, `Misc`, `Bugs`, `Общее`): in a plan or to-do list each groups its items as
 * units. In a guide they are only chapters.
 */
const BUCKET_TITLE =
  /^(?:\d{1,3}[.)]\s*)?(?:global|general|misc|miscellaneous|other|others|common|bugs|bug ?fixes|fixes|improvements|enhancements|chores|maintenance|allgemein|sonstiges|général|generale|divers|varios|varias|geral|outros|общее|общие|разное|прочее|通用|其他|その他|全般|기타|일반)[:：]?$/u;

/** The sections of a README that hold a plan: `## Roadmap`, `## TODO`, `## Upcoming`, `## Next steps`. */
const README_ROADMAP =
  /^(?:\d{1,3}[.)]\s*)?(?:roadmap|road map|project roadmap|development roadmap|to ?do|todos|to-do|upcoming(?: features)?|planned features|next steps|milestones|phases|路线图|路線圖|ロードマップ|로드맵|hoja de ruta|feuille de route|fahrplan|roteiro|дорожная карта)$/u;

/** Section titles that announce a sequence: the lists, tables and unit headings beneath are its units. */
export const SEQUENCE_TITLE =
  /\b(?:sequence|order|roadmap|backlog|features|feature (?:list|plan|queue|order|sequence|roadmap|backlog|set)|phases|milestones|(?:development|implementation|delivery|release|feature|build) plan|next up|up next|what'?s next|coming next|waves|epics|queue|priorities|iterations|sprints|work items|deliverables|entregables|entregáveis|livrables|tracks|implementation status|tasks|todos?|to do|tareas|tarefas|aufgaben|tâches|görevler)\b|路线图|路線圖|开发顺序|開發順序|功能列表|任务列表|任务清单|任務清單|タスク一覧|タスクリスト|할 일 목록|작업 목록|ロードマップ|バックログ|로드맵|yol haritası|дорожная карта|задачи|список задач|交付物|成果物|산출물|[短中長长]期(?:計画|计划|計劃|规划|規劃)|[단중장]기 계획/u;

/** `Phase 2 Summary`, `Sprint 3 Retrospective`: a unit's word and number, then a word for notes on it, and nothing else. */
const UNIT_RECAP = /^(?:phase|milestone|sprint|stage|iteration|release|epic|week) ?\d{1,3}(?:\.\d{1,3})? (?:summary|recap|retrospective|retro|notes|report|lessons learned)$/u;

/** `Phase overview`, `Milestones summary`: a title over the plan's own units, which an overview elsewhere is not. */
const UNITS_OVERVIEW =
  /^(?:phase|milestone|sprint|stage|iteration|release|roadmap)s? (?:overview|summary)$|^(?:里程碑|阶段|階段|路线图|路線圖|マイルストーン|フェーズ|마일스톤|단계)\s*(?:概览|概覽|总览|總覽|概要|概述|一覧|개요)$/u;

/**
 * `Milestone Status`, `1. Phase progress`: a title over the table or list of the plan's own units and where each stands,
 * numbered or not. It is the list of units, not one of them.
 */
const UNITS_STATUS = /^(?:\d{1,3}[.)] )?(?:phase|milestone|sprint|stage|iteration|release|epic|feature)s? (?:status|progress|tracker|tracking)$/u;

/**
 * A sentence that makes a list's order the order of work: `Pick the top unchecked item`, `Listed in priority
 * order`, `Work from top to bottom`. Without one, a backlog's order may be only the order things were noted in.
 */
const ORDER_IN_WORDS =
  /\b(?:pick (?:the )?(?:top|first)|(?:from )?top to bottom|top down|in (?:priority order|order of priority)|(?:sorted|ordered|listed|ranked) by priority|highest priority first|most important first|von oben nach unten|nach priorität (?:sortiert|geordnet)|de haut en bas|par ordre de priorité|de arriba (?:a|hacia) abajo|en orden de prioridad|de cima para baixo|em ordem de prioridade)\b/iu;
/** The same words said of an order that is not one: `in no particular order`, `not in priority order`. */
const NO_ORDER_IN_WORDS = /\b(?:not|no particular|any order|unordered|nicht|pas|sin orden|sem ordem)\b/iu;
/** A sentence saying a list has no order: `Listed in no particular order`, `in any order`, `sin orden particular`. */
const UNORDERED_IN_WORDS =
  /\b(?:in no (?:particular|specific) order|not in (?:any|priority) order|in any order|unordered|in keiner (?:bestimmten )?reihenfolge|sans ordre particulier|dans n'importe quel ordre|sin orden (?:particular|específico)|en cualquier orden|sem ordem (?:particular|específica)|em qualquer ordem)\b/iu;

/** A banner that opens a section and sends the reader to another plan: `Superseded by plan 019`, `Deprecated — see …`. */
const SUPERSEDED_BANNER = /^(?:superseded|deprecated|obsolete|replaced by|no longer (?:used|maintained|current))(?![\p{L}\p{N}])/iu;

/** Section titles that are about something else even inside a plan: setup, usage, conventions, a guide's how-tos (`Common tasks`). */
const NOT_WORK_TITLE =
  /^(?:\d{1,3}[.)]\s*)?(?:summary|overview|context|background|rationale|glossary|links|(?:project |mvp |product )?scope(?=$| \(mvp\)$)|prerequisites|requirements|setup|installation|install|getting started|how to|common (?:[a-z]+ )?tasks|faq|tips|commands|debugging|release process|usage|conventions|workflow|guidelines|(?:update |working |handoff )?protocol|(?:status )?legend|(?:agent |usage )?instructions$|state files|configuration|troubleshooting|contributing|license|fields?|purpose|principles|guardrails?|roadmap guard|(?:ground )?rules$|(?:v?\d[\d.]* )?done definition|definition of done|external (?:references?|reference sources|sources|links|resources)|reference sources|sources$|current state$|alternatives(?: considered)?$|[ée]tat actuel$|pr[ée]requis$|estado actual$|estado atual$|aktueller stand$|voraussetzungen$)\b/u;

/**
 * The same in Chinese, Japanese and Korean, whose titles put such a word anywhere (`技术约束速查`, "technical
 * constraints at a glance"; `前提条件`, `용어 정리`): constraints, conventions, references, background, glossary.
 */
const CJK_NOTES_TITLE = /约束|約束|速查|约定|約定|注意事项|注意事項|参考资料|背景|概述|术语|術語|技术栈|技術棧|制約|前提条件|概要|用語|規約|参照|제약|개요|참고|참조|용어/u;

/**
 * Words that with a number name a unit of work: `Phase 3`, `Sprint 511`, `Fase 7`, `Stufe 2`, `Этап 2`, `阶段 3`, or with a
 * letter before a separator (`Phase A — Polish`). The first group are scopes when they hold other units; `feature`,
 * `story`, `task`, `item` and `slice` are always units.
 */
const UNIT_WORD = asciiFirst(
  String.raw`^(?:(phase|stage|sprint|milestone|iteration|release|version|wave|epic|part|block|round|increment|fase|etapa|étape|etappe|phasen?|stufe|meilenstein|этап|спринт|веха|фаза|aşama|faz|단계|스프린트|マイルストーン|フェーズ|阶段|階段|里程碑)|(feature|story|task|item|slice|fatia))(?:\s*#?(v?\d+(?:\.\d+)*[a-z]?)|\s+([a-h])(?=\s*(?:[:：—–-]|$)))(?![\p{L}\p{N}])`,
  'iu',
);
/** `第3阶段`, `第二期`: the CJK ordinal form. */
const CJK_ORDINAL = /^第\s*([0-9一二三四五六七八九十]{1,3})\s*(?:阶段|階段|期|段階)/u;
/** `v0.7.0`, `v2`, `1.2.3`: a version names a release. */
const VERSION = /^(v\d+(?:\.\d+){0,3}|\d+\.\d+\.\d+)(?![\p{L}\p{N}.])/u;
/** `Orchard 0.2 — Sharing`, `Atlas v1.0: Launch`: a release named by the product and its version, before a separator. */
const NAMED_VERSION = /^\p{Lu}[\p{L}'-]{0,30}(?: \p{Lu}[\p{L}'-]{0,30})? (v?\d{1,3}\.\d{1,3}(?:\.\d{1,3})?)(?=\s*[:：—–|]|\s+-\s|\s*$)/u;
/** Words that number a part of the work, not a product (`Subfase 6.2`, `Step 1.2`, `Section 3.1`, `Week 2.1`). */
const PART_NAME = /^(?:sub\p{L}*|step|paso|passo|schritt|étape|section|sección|seccion|chapter|capítulo|capitulo|kapitel|chapitre|module|módulo|modulo|lesson|lección|leccion|lektion|week|semana|woche|day|día|dia|tag|tarea|tarefa|aufgabe|unit|level|nivel|table|figure)(?!\p{L})/iu;

function releaseName(lead: string): RegExpExecArray | null {
  const found = NAMED_VERSION.exec(lead);
  return found && !PART_NAME.test(lead) ? found : null;
}

/** `A1 · Maps`, `B3 — Verify`, `M4:`, `F2.1 — Catalogue`: a short code before a separator names the unit. P and Q codes are priorities and quarters. */
const SHORT_CODE = /^([A-OR-Z][A-Z]?\d{1,3}(?:\.\d{1,3})?[a-z]?)(?=\s*[·:：—–|-]|\s+\S)/u;
/** `1. Name`, `2) Name`, `4.1 Name`: numbered headings name units in a plan. */
const NUMBERED = /^\d{1,3}(?:\.\d{1,3})+[.)]?\s|^\d{1,3}[.)]\s/u;

const priorityPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])(P\d)(?![\p{L}\p{N}])|priority\s*[:#]?\s*(\d|high|medium|low|critical)|(high|medium|low|critical|urgent)\s+priority`, 'iu');
const PRIORITY_WORD = /p\d|priority/iu;
/** A priority written on the entry itself: `[P0] F-012`, `F-015 Nutrition facts (P0)`, `P1: Search`. */
const PRIORITY_TAG = /[([](P\d)[)\]]|^(P\d)\s*(?:[:—–]|-(?!\d))/u;
/** A priority written after the entry's name: `B-004 Export — Priority: P1`, `Search, priority high`. */
const INLINE_PRIORITY = /[—–,;(]\s*priority\s?[:：]?\s?(P\d|high|medium|low|critical)\b/iu;

const DEPENDENCY_LABEL = /^(?:depends on|depends|dependencies|dependency|requires|required|after|blocked by|prerequisites?|needs|依赖|依賴|abhängigkeiten?|dépendances?|dependencias?|dependências?|зависимости|bağımlılık(?:lar)?)$/iu;
/** Labels of a status field, in the languages state words come in. */
export const STATUS_LABEL = /^(?:status|state|progress|stand|zustand|statut|état|etat|estado|estatus|статус|состояние|durum|상태|진행 상태|状态|狀態|状態|状況|ステータス|進捗|進行状況|进度|進度)$/iu;
/** The section of a state file that says where the work stands (`## Current Position`), folded. */
const CURRENT_POSITION = /^(?:current (?:position|status|state)|where we are)$/u;
/** The label of a current-position line naming the unit the work stands at (`Phase: 02 — COMPLETE`). */
const POSITION_UNIT_LABEL = /^(?:phase|stage|milestone|sprint|fase|etapa|phase actuelle|current phase)$/iu;
/** How a current-position Status says the work in focus has not begun (`Ready to plan`, `Not started`). */
const NOT_STARTED = /^(?:ready (?:to|for) \S+|not (?:yet )?started)/iu;
/** `Phase 7 not started`, `Phase 7 not yet started`: a sentence that ends by saying its unit has not begun. */
const ENDS_NOT_STARTED = /\snot (?:yet )?started$/iu;
/** A unit of a release, named with the release first: `1.0 Phase 2`, `v2 Sprint 3`, `M2 Phase 1`. */
const RELEASE_UNIT = /^\s*(?:v?\d{1,3}(?:\.\d{1,3}){1,2}|v\d{1,3}|M\d{1,3})\s+(?:phase|stage|sprint|milestone|iteration|step|fase|etapa)\s*\d/iu;
/** A heading's words before its state that name the units it holds, not one of them: `Features` of `### Features in flight`. */
const COLLECTIVE_TITLE = /^(?:the )?(?:features?|tasks?|items?|work|stories|epics?|issues?|tickets?|todos?|things)\s+(\S.*)$/iu;
/** A line that asks for something rather than naming work: `MODE TRANSITION REQUIRED`, `Action needed`. */
const NOTICE_LINE = /(?<![\p{L}\p{N}])(?:required|needed)[\s!.]*$/iu;
/** A focus sentence that names the unit after it as next, not begun: `ready for Phase 2`, `Begin TASK-003: wire the server`. */
const READY_FOR = /^(?:ready (?:for|to (?:plan|start|begin)) |up next[:：]? |(?:begin|start) (?:on |with )?(?=\S))/iu;
/** `[MODIFY] app.js`, `[NEW] storage.ts`: the change an implementation plan makes to a file, in capitals as agents write it. */
const FILE_CHANGE = /^\[(?:MODIFY|MODIFIED|NEW|ADD|ADDED|CREATE|DELETE|DELETED|REMOVE|UPDATE|EDIT|RENAME|MOVE)\]/u;
/** `Next milestone`, `Next phase (TBD)`, an entry named only `Future`: a place kept for work not yet planned, named by no number or title of its own. */
const PLACEHOLDER_UNIT = /^(?:(?:next|upcoming|future|próxim[oa]|prochaine?|nächste[rs]?|следующ\S*) (?:milestone|phase|release|sprint|version|iteration|stage|fase|etapa|étape|meilenstein|этап)s?(?: \(?tbd\)?)?|future|someday|tbd)$/u;
/** A pointer label that names what comes next rather than what is under way: `Next feature:`, `Next phase:`. */
const NEXT_LABEL = /^next\s/iu;
/** A pointer section's title that names what comes next: `Next step`, `Next phase`. */
const NEXT_TITLE = /^next\s/u;
/** A focus sentence that ends by saying the unit it names comes next: `Phase 4 is next`. */
const IS_NEXT = /\s(?:is|comes) next$/iu;
/** `Phases 13+`, `Phase 13 onwards`: an open-ended range of phases, which no plan has written yet. */
const OPEN_RANGE = /(?<![\p{L}\p{N}])(?:phases?|stages?|sprints?|fases?|etapas?)\s\d{1,4}\s?(?:\+|onwards?\b|and (?:later|beyond)\b)/iu;
/** `Step 3`, `Schritt 2`: a step of a plan (never of a state file, where commands describe their steps that way). */
const STEP_HEADING = /^(?:step|schritt)\s*#?\d/iu;
/** `Phases 5–9`, `Sprints 3-4`: a range of units by their plural word, as a milestone line sums them up. */
const UNIT_RANGE = /(?<![\p{L}\p{N}])(?:phases|stages|sprints|iterations|fases|etapas|étapes|phasen|etappen|stufen|этапы|фазы|спринты)\s\d{1,4}(?:\.\d{1,3})?\s?[-–—]\s?\d/iu;
/** The label of a line naming the phases a milestone spans: `Phases`, `Phase range`, in the languages of UNIT_RANGE. */
const PHASES_LABEL = /^(?:phases|phase range|phases covered|stages|sprints|fases|etapas|étapes|phasen|этапы|фазы)$/iu;
/** A heading or list item that starts with a phase and its number, in any of the common languages. */
const PHASE_LINE = /^(?:#{2,6} |[ \t]{0,3}[-*+] (?:\[[ xX]\] )?)[*_]{0,2}(?:phasen?|fase|etapa|stage|этап|фаза) \d/imu;
/** A label's list of two or more ids closing a line (`Tasks: T-001, T-002`). */
const ID_LIST_AT_END = /[:：]\s*[A-Z]{1,6}-?\d{1,5}(?:\s*,\s*[A-Z]{1,6}-?\d{1,5})+[\s.)]*$/u;

/** A milestone's or a version's title (`v2.0 — Babelizer`, `Milestone 2: …`, `Milestone: v2.1 — …`). */
const MILESTONE_TITLE = /^[^\p{L}\p{N}]{0,8}(?:milestone|meilenstein|hito|marco|jalon|里程碑|マイルストーン|마일스톤)s?(?![\p{L}])/iu;

/** Whether a heading names a milestone or a version (by its key or its title), which may group the phases of a roadmap. */
function groupsPhases(title: string, key: string | undefined): boolean {
  return (key !== undefined && /^(?:v\d|milestone |meilenstein |hito |marco |jalon |release )/u.test(key)) || MILESTONE_TITLE.test(title);
}
/** A range of keys with one prefix leading a text, standing for the units between them (`M1–M6`, `F01-F05`, `S3 → S7`). */
const ID_RANGE = /^[\s*_`]*([A-Z]{1,3})[-_]?\d{1,4}[a-z]?\s?(?:[-–—→]|\.\.)\s?\1[-_]?\d{1,4}[a-z]?(?![\p{L}\p{N}])/u;
/** A unit word with its number after other words: where a focus line names a phase within a milestone. */
const INNER_UNIT = /(?<=\s)(?:phase|stage|sprint|fase|etapa|stufe|этап|фаза)\s#?\d{1,4}(?![\p{L}\p{N}])/iu;
/** `A depends on B` inside a dependency field: a sentence about two other things. */
const RELATION = /\S\s(?:depends on|depend on|needs|requires|comes after|blocks)\s/iu;
/** A label naming what holds a unit up: `**Blocker:**`, `Blockers:`, `Blocked on:` (`Blocked by` names a dependency). */
const BLOCKER_LABEL = /^(?:blockers?|blocked on|blocking issues?|bloqueo|bloqueador|blocage|bloqueio|blokada|blokujące|blocker\(s\))$/iu;

/** A blocker field that names none: `none`, `n/a`, `No`, `-`, `None (all clear)`. */
const NO_BLOCKER = /^(?:none|n\/a|no|nothing|nil|brak|aucun|ninguno|nenhum|keine?|нет|なし|없음|无|-+|—)[ \t]*(?:\([^)]*\))?[.!]?$/iu;

const PRIORITY_LABEL = /^(?:priority|prio|priorität|priorité|prioridad|prioridade|приоритет|öncelik|우선순위|优先级|優先度)$/iu;
/**
 * Labels that hold a result, a role or a measure, never a unit: `Result: passed`, `Owner: @lee`,
 * `Current: 60 s`, `Target: 5 s`, `Next: write the docs`.
 */
const NOT_UNIT_LABEL =
  /^(?:result|outcome|verdict|goal status|goal|evidence|lint|tests?|build|ci|checks?|review|reviewer|owner|next owner|due|next action|note|notes|updated|last updated|date|phase|milestone|priority|attempts?|failures|current|target|next|before|after|now|then|why|how|what|where|when|who|risk|scope|files?|file|effort|estimate|size|type|area|typ|bereich|problem|lösung|solution|cause|fix|context|contexte|règle|rule|message|erreur|error|test|tests|cause probable|à vérifier)$/iu;
/** Labels of an entry's fields that never name a unit, unless their value is a state (`- description: done` is a unit's). */
const ENTRY_FIELD_LABEL = /^(?:description|summary|details|features|version|complexity|branch|created|archive|linked tasks|assignee)$/iu;
/** When a state was reached, after its word in a label: `Finished last session`, `Done this week`, `Completed so far`. */
const WHEN_WORDS = /^(?:last|this|today|yesterday|so far|recently|to date|since|in (?:the )?(?:last|past))(?![\p{L}\p{N}])/iu;
/** Item labels that are a state word naming the unit after them (`- Blocked: F-005`), never ones that also start ordinary labels. */
const AMBIGUOUS_STATE_LABEL = /^(?:current|open|new|review|ready|live|next|later|active|draft|idea|hold|started|partial)$/iu;

interface Draft {
  reference: string;
  label: string;
  /** Where its own paragraph links to (`ReadUnit.links`). */
  links?: string[];
  own?: StateMark;
  /** Set when the own state was given by a line that names the unit as next (`Next feature: …`), not by the unit. */
  ownFromPointer?: boolean;
  section?: StateMark;
  sectionFrom?: 'section' | 'pointer';
  /** The mark of the current-focus section the unit is listed in (`## Current phase`), shared by every unit there. */
  pointedBy?: StateMark;
  phase?: string;
  priority?: string;
  priorityAt?: SourcePosition;
  dependencies: Located<string>[];
  position: SourcePosition;
  /** Its tasks or steps; `underWay` counts the rows of its task table that say they are under way. */
  tasks: { done: number; total: number; open?: SourcePosition; first?: SourcePosition; underWay?: number };
  /** Keys it is known by within the document (`sprint 511`, `a1`, `f-003`), for pointers, chains and member rows. */
  keys: string[];
  /** A table row whose scope cell names another unit of the document: a detail of that unit, dropped at the end. */
  memberOf?: string;
  /** Other names the document gives the unit: the name in the row of a table that sums the units up. */
  aliases?: string[];
  /** The reference is the words before a separator (`Code review round 4` of `Code review round 4 – Solver`), not an id. */
  shortName?: boolean;
  /** Its place is numbered: an item of a numbered list, a numbered heading, a table row with an order column. */
  ranked?: boolean;
}

type FrameKind = 'title' | 'unit' | 'scope' | 'state' | 'pointer' | 'sequence' | 'order' | 'excluded' | 'deferred' | 'detail' | 'other';

interface Frame {
  depth: number;
  title: string;
  kind: FrameKind;
  heading: Heading;
  unit?: Draft;
  state?: StateMark;
  phase?: string;
  priority?: string;
  priorityAt?: SourcePosition;
  /** A scope that only names a priority (`### P0 — Must`): inside a phase it ranks units, the phase stays their scope. */
  priorityOnly?: boolean;
  /** Units when the section opened, to tell an empty sequence section. */
  startCount: number;
  /** A `<details>` block whose summary gives a state: it ends at `</details>`, not at a heading. */
  details?: boolean;
  /** A unit whose heading opens with a box (`### [ ] Sound effects`): unboxed headings beside it are its parts. */
  boxed?: boolean;
}

interface Context {
  unit?: Draft;
  /** The section right around holds unit headings: a plain list before them introduces them. */
  introduces: boolean;
  /** Inside an acceptance, validation, notes or legend section: nothing here is work. */
  excluded: boolean;
  /** Inside an ideas / not-prioritised / deferred section: not candidates. */
  deferred: boolean;
  /** The state of the nearest state section (or pointer section), unless a unit heading lies between. */
  section?: { mark: StateMark; from: 'section' | 'pointer' };
  order: boolean;
  /** Lists here name units. */
  inSequence: boolean;
  /** A sequence section or a work section: checkboxes here are units even in a state file. */
  workSection: boolean;
  phase?: string;
  priority?: string;
  priorityAt?: SourcePosition;
}

interface HeadingInfo {
  /** The first `Status:` line right under the heading, before any sub-heading. */
  status?: { label: LabelLine; line: number };
  /** A deeper heading within the section names a unit of its own. */
  unitBelow: boolean;
  /** Most headings beside it (same parent) are units: it is one of the entries too. */
  siblingsAreUnits: boolean;
  /** The direct list items under the heading, by what they look like. */
  steps: number;
  units: number;
  /** Of `units`, those that name an id or a key, or carry a state of their own. */
  keyedUnits: number;
  /** Rows of tables that name units. */
  rows: number;
  /** Blocks right under it (lists, paragraphs, tables, code), before any sub-heading. */
  blocks: number;
  labels: number;
  /** Of `units`, the items that are only a name or a path in code: a list of them does not make a phase a scope. */
  names: number;
  /** Of `keyedUnits`, those named by a phase, sprint, milestone or version: the heading above groups them. */
  scopeUnits: number;
  /**
   * Its siblings' titles start with pictographs that are mostly not state marks (`🚀 Getting started`, `🔧 Commands`,
   * `🔄 Git workflow`): the leading mark is an icon, not a state.
   */
  decorative?: boolean;
  /** Of `units`, items of plain words: no id, key, state, bold name or code name (`* Run the internal tests`). */
  plainItems: number;
  /** A heading right below it writes a state of its own (`### 1. Simulation · ✅ DONE`): its parts are units. */
  statedBelow?: boolean;
  /** A line right under it names the phases it spans (`**Phase range:** 5-9`, `**Phases:** 1–16`): it groups them. */
  spansPhases?: boolean;
  /** Its own paragraphs name units with their states, one a line (`**Auth & RBAC** - IN PROGRESS`). */
  lineUnits?: boolean;
  /** Its first block says the section gave way to another plan: `> **Superseded by plan 019** …`. */
  superseded?: boolean;
  /** A heading beside it announces the list of work (`## 5) Milestones`): numbered siblings are chapters, not units. */
  besideSequence?: boolean;
}

const EMPTY_INFO: HeadingInfo = { unitBelow: false, siblingsAreUnits: false, steps: 0, units: 0, keyedUnits: 0, names: 0, rows: 0, blocks: 0, labels: 0, scopeUnits: 0, plainItems: 0 };

/** Reads the units of a plan-like document. Pure; never throws on content (callers guard it). */
export function readUnits(doc: MarkdownDocument, options: ReadOptions): UnitReading {
  const reader = new UnitReader(doc, options);
  reader.read();
  return reader.result();
}

class UnitReader {
  private readonly drafts: Draft[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly src: SourceText;
  private readonly topics: ReadonlySet<string>;
  private readonly stack: Frame[] = [];
  private readonly info = new Map<Heading, HeadingInfo>();
  /** Headings with a heading below them in their section. */
  private readonly subheaded = new Set<Heading>();
  /** A `Status:` line of the current-position section that says the work in focus has not started. */
  private notStarted: StateMark | undefined;
  /** The unit a current-position section names on a line of its own (`Phase: Phase 18`), for the Status line after it. */
  private positionPhase: string | undefined;
  /** Headings that are their parent section's Status line (`### Status: ✅ Done`), not sections of their own. */
  private readonly statusHeadings = new Set<Heading>();
  /** Names a current-focus pointer gives, resolved against the units at the end. */
  private readonly pointers: Array<{ name: string; mark: StateMark; anywhere?: boolean; focus?: boolean; next?: boolean }> = [];
  /** Arrow chains read in order sections, each a list of tokens. */
  private readonly chains: string[][] = [];
  /** A sentence outside the units says the list's order is the order of work (`Pick the top unchecked item`). */
  private orderInWords = false;
  /** A sentence outside the units says the list has no order (`in no particular order`): its items tie. */
  private unorderedInWords = false;
  /**
   * Plans, backlogs and state files are read throughout, unless they say where their plan is (a `## Roadmap`
   * or `## Next up` section); a DEVELOPMENT.md, which is often a setup guide, only in its sequence sections.
   */
  private throughout: boolean;
  /** Bold labels over their own lists that lead two or more items of the document (`- **Goal**:` in every entry). */
  private fieldLabels: ReadonlySet<string> = new Set();
  /**
   * The unit a one-line paragraph named with its state (`**Auth & RBAC** - IN PROGRESS`, `**Phase 1: Core** - In
   * progress`), outside any unit: the lists and paragraphs after it, up to the next such line or heading, are its detail.
   */
  private lineUnit: Draft | undefined;
  /** The title calls the document a requirements or design document: only its sequence sections hold work. */
  private readonly productDocument: boolean;
  /** The root README: only a roadmap section (`## Roadmap`, `## TODO`) holds work; the rest describes the product. */
  private readonly readme: boolean;
  private firstHeading = true;

  constructor(
    private readonly doc: MarkdownDocument,
    private readonly options: ReadOptions,
  ) {
    this.topics = sharedTopics(doc.tree);
    this.src = new SourceText(doc);
    const kind = planDocumentKind(doc.file);
    const base = doc.file.slice(doc.file.lastIndexOf('/') + 1).toLowerCase();
    this.productDocument = describesProduct(doc);
    this.readme = isReadme(doc.file);
    // GSD's `.gsd/PROJECT.md` describes the project too; only its `## Milestone Sequence` holds work.
    this.throughout = isTaskFolderOverview(doc.file) || (kind !== undefined && !/^(?:development(?:[-_ .]|$)|project$)/u.test(base.replace(/\.md$/u, '')) && !this.productDocument);
  }

  read(): void {
    const blocks = flattenBlocks(this.doc.tree.children).filter((block) => !this.skipped(block));
    this.fieldLabels = repeatedFieldLabels(blocks);
    this.survey(blocks);
    let previous: RootContent | undefined;
    for (const block of blocks) {
      const label = labelBefore(previous);
      const previousParagraph = previous?.type === 'paragraph' ? previous : undefined;
      previous = block;
      if (block.type === 'heading' || block.type === 'thematicBreak') this.lineUnit = undefined;
      if (this.readme && block.type !== 'heading' && !this.context().inSequence) continue;
      if (block.type === 'heading') this.heading(block);
      else if (block.type === 'list') {
        if (setAsideByLabel(label, block)) continue;
        // Markdown joins a legend's list and the boxes after it into one list when only a blank line parts them.
        const from =
          label === 'notes' ? block.children.findIndex(itemCarriesState) : label === 'legend' ? block.children.findIndex((item) => itemCarriesState(item) && !explainsMark(item)) : 0;
        this.list(from > 0 ? { ...block, children: block.children.slice(from) } : block, this.labelledState(previousParagraph, this.context()), false);
      }
      else if (block.type === 'table') this.table(block, this.context());
      else if (block.type === 'paragraph') this.paragraph(block, this.context());
      else if (block.type === 'code') this.code(block, this.context());
      else if (block.type === 'html') this.collapsed(block);
    }
    while (this.stack.length > 0) this.close(this.stack.pop()!);
  }

  /**
   * `<details><summary>✅ v1.0 MVP (Phases 1–4) — shipped</summary>` … `</details>`: a collapsed block whose
   * summary carries a state is a state section; the units inside take its state unless they write their own.
   */
  private collapsed(node: Html): void {
    const value = node.value;
    if (/<\/details\s*>/iu.test(value)) {
      const at = this.stack.findLastIndex((frame) => frame.details === true);
      if (at >= 0) while (this.stack.length > at) this.close(this.stack.pop()!);
    }
    // Found by position, not by one pattern over the whole block: HTML is hostile text like any other.
    const lower = value.toLowerCase();
    const open = lower.indexOf('<details');
    const tag = open < 0 ? -1 : lower.indexOf('<summary', open);
    const start = tag < 0 ? -1 : lower.indexOf('>', tag);
    const end = start < 0 ? -1 : lower.indexOf('</summary', start);
    if (end < 0 || end - start > 300 || node.position === undefined) return;
    const text = value.slice(start + 1, end).replace(/\s+/gu, ' ').trim();
    if (text === '' || text.includes('<')) return;
    const state = leadingStateWord(text, { loose: true }) ?? entryState(text);
    if (!state) return;
    const line = node.position.start.line + value.slice(0, tag).split('\n').length - 1;
    const raw = this.src.line(line);
    const column = Math.max(0, raw.indexOf(state.raw)) + 1;
    const top = this.stack[this.stack.length - 1];
    const heading: Heading = { type: 'heading', depth: 6, children: [], position: node.position };
    this.stack.push({
      depth: (top?.depth ?? 0) + 0.5,
      title: text,
      kind: 'state',
      heading,
      state: { state: state.state, raw: state.raw, position: { file: this.doc.file, line, column } },
      startCount: this.drafts.length,
      details: true,
    });
  }

  private skipped(node: Node): boolean {
    const line = node.position?.start.line;
    if (line === undefined || !this.options.skip) return false;
    return this.options.skip.some(([from, to]) => line >= from && line <= to);
  }

  result(): UnitReading {
    this.applyLegend();
    this.resolvePointers();
    this.tellApart();
    const members = new Set<string>();
    for (const draft of this.drafts) for (const key of draft.keys) members.add(key);
    this.foldSummaryRows();
    const kept = this.drafts.filter((d) => d.memberOf === undefined || !members.has(d.memberOf));
    const chained = this.applyChains(kept);
    const statedOrder = chained || this.orderInWords ? true : this.unorderedInWords ? false : undefined;
    const heads = kept.filter((draft) => draft.phase === undefined);
    if (summaryBoxesUnkept(heads)) for (const draft of heads) if (isOpenBox(draft.own) && draft.tasks.total > 0) delete draft.own;
    pointedOnlyByOwnMark(kept);
    const units: ReadUnit[] = [];
    for (const draft of kept) {
      const unit = this.finish(draft);
      if (this.options.mode === 'state' && !unit.state) continue;
      units.push(unit);
    }
    return { units, statedOrder, diagnostics: this.diagnostics };
  }

  /**
   * Reads the document's marks as its legend explains them (`✅ Done · 🚧 In Progress · ⏳ Planned`): a legend is
   * a line naming two or more marks with their words, or two list lines in a row each naming one. A mark the
   * legend explains two ways keeps its usual meaning.
   */
  private applyLegend(): void {
    if (!holdsStateMark(this.src.text)) return;
    const meanings = new Map<string, FeatureState | null>();
    const add = (pairs: ReadonlyArray<readonly [string, FeatureState]>): void => {
      for (const [mark, state] of pairs) {
        const had = meanings.get(mark);
        meanings.set(mark, had === undefined || had === state ? state : null);
      }
    };
    let single: ReadonlyArray<readonly [string, FeatureState]> | undefined;
    for (let line = 1; line <= this.src.lineCount; line++) {
      const { pairs, wholeLine } = markMeanings(this.src.line(line));
      if (pairs.length >= 2) add(pairs);
      if (wholeLine && single) add([...single, ...pairs]);
      single = wholeLine ? pairs : undefined;
      const explained = this.headingMarkExplained(line);
      if (explained) add([explained]);
    }
    if (meanings.size === 0) return;
    const explained = (mark: StateMark | undefined): StateMark | undefined => {
      const symbol = mark && bareMark(mark.raw);
      const state = symbol === undefined ? undefined : meanings.get(symbol);
      return mark && state ? { ...mark, state } : mark;
    };
    for (const draft of this.drafts) {
      if (draft.own) draft.own = explained(draft.own);
      if (draft.section) draft.section = explained(draft.section);
      if (draft.pointedBy) draft.pointedBy = explained(draft.pointedBy);
    }
  }

  /**
   * A heading that ends in a mark, over a Status line that says the state in words (`# Epic 7: Settings ⏳` over
   * `**Status**: PLANNED`), explains the mark as a legend does, for the whole document.
   */
  private headingMarkExplained(line: number): readonly [string, FeatureState] | undefined {
    const raw = this.src.line(line);
    if (!/^ {0,3}#{1,6}[ \t]/u.test(raw) || raw.length > 300) return undefined;
    const mark = stateMarkIn(raw);
    const symbol = mark && mark.rest === '' ? bareMark(mark.raw) : undefined;
    if (symbol === undefined) return undefined;
    let next = line + 1;
    while (next <= this.src.lineCount && next <= line + 2 && this.src.line(next).trim() === '') next++;
    const label = next <= this.src.lineCount ? labelLine(this.src.line(next)) : undefined;
    if (!label || !STATUS_LABEL.test(label.label)) return undefined;
    // `PLANNED - groundwork laid`: the words after a spaced dash explain the state, they are not part of it.
    const word = leadingStateWord(label.value.split(/\s[-–—]\s/u)[0]!);
    return word && word.rest === '' && !isMarkMatch(word) && !word.raw.startsWith('[') ? [symbol, word.state] : undefined;
  }

  /**
   * A table that gives each unit of the document one row (`| 3 | add-search | Not started |` over the `### Phase 3 —
   * Search` sections) sums the units up: the row's state is the unit's when the unit writes none, and the row's name is
   * another name of it. A table with several rows for one unit lists its details, which stay details.
   */
  private foldSummaryRows(): void {
    const rows = this.drafts.filter((d) => d.memberOf !== undefined);
    const scopes = new Set(rows.map((row) => row.memberOf));
    if (rows.length === 0 || scopes.size < rows.length) return;
    const byKey = new Map<string, Draft>();
    for (const draft of this.drafts) if (draft.memberOf === undefined) for (const key of draft.keys) if (!byKey.has(key)) byKey.set(key, draft);
    for (const row of rows) {
      const unit = byKey.get(row.memberOf!);
      if (!unit) continue;
      if (!unit.own && row.own) unit.own = row.own;
      if (row.reference !== unit.reference) (unit.aliases ??= []).push(row.reference);
    }
  }

  /**
   * Units whose short names collide (`Review round 4 – Solver`, `Review round 4 – UI`) are told apart by
   * their whole titles, or they would read as one unit.
   */
  private tellApart(): void {
    const byReference = new Map<string, Draft[]>();
    for (const draft of this.drafts) {
      if (!draft.shortName) continue;
      const group = byReference.get(draft.reference);
      if (group) group.push(draft);
      else byReference.set(draft.reference, [draft]);
    }
    for (const group of byReference.values()) {
      if (new Set(group.map((d) => d.label)).size < 2) continue;
      for (const draft of group) {
        draft.reference = cleanName(stripKindLabel(stripLead(draft.label))) || draft.reference;
        draft.keys = keysOf(draft.reference, draft.label);
      }
    }
  }

  /** A unit's state: its own (unless it only names the unit's place and its boxes or its section say done), else what its tasks show once started, else its section's, else not started by its tasks. */
  private finish(draft: Draft): ReadUnit {
    const unit: ReadUnit = { reference: draft.reference, label: draft.label, dependencies: draft.dependencies, position: draft.position };
    if (draft.links) unit.links = draft.links;
    if (draft.aliases) unit.aliases = draft.aliases;
    if (draft.memberOf !== undefined) unit.scopeCell = true;
    const { done, total } = draft.tasks;
    const tasks: UnitTasks | undefined = total > 0 ? { done, total, position: (done < total ? draft.tasks.open : draft.tasks.first) ?? draft.position } : undefined;
    if (tasks) unit.tasks = tasks;
    // Rows of its task table that say they are under way (`| P4-001 | … | 🔵 IN PROGRESS |`) start the unit as a tick does.
    const underWay = draft.tasks.underWay ?? 0;
    const started = done > 0 || underWay > 0;
    const fromTasks = (): StateMark | undefined =>
      tasks
        ? { state: done === total ? 'done' : started ? 'in-progress' : 'todo', raw: done === 0 && underWay > 0 ? `0/${total} done, ${underWay} under way` : `${done}/${total} done`, position: tasks.position }
        : undefined;
    // Ticks that finish the unit, or start it where its section does not already say it is under way, say more than the section.
    const sectionUnderWay = draft.section?.state === 'in-progress';
    // `### v0.0.2 (Current)` under `## Released`: the place word names the release in use, which the section says shipped.
    const onlyPlace = draft.own !== undefined && PLACE_WORD.test(draft.own.raw) && ((tasks !== undefined && total > 1 && done === total) || draft.section?.state === 'done');
    // `## [ ] v1.0` over `- [x] Dashboard` and `- [ ] Toasts`: the open box says the unit is not finished, the ticks that it began.
    const begunUnderOpenBox = isOpenBox(draft.own) && done > 0 && done < total;
    if (draft.own && !onlyPlace && !begunUnderOpenBox) {
      unit.state = draft.own;
      if (draft.ownFromPointer) unit.stateFrom = 'pointer';
    } else if (tasks && (done === total || (started && !sectionUnderWay))) {
      unit.state = fromTasks()!;
      unit.stateFrom = 'tasks';
    } else if (draft.section) {
      unit.state = draft.section;
      unit.stateFrom = draft.sectionFrom ?? 'section';
    } else if (tasks) {
      unit.state = fromTasks()!;
      unit.stateFrom = 'tasks';
    }
    if (draft.phase) unit.phase = draft.phase;
    if (draft.priority) unit.priority = draft.priority;
    if (draft.priority && draft.priorityAt) unit.priorityAt = draft.priorityAt;
    const key = unitKeyOf(draft.label) ?? unitKeyOf(draft.reference);
    // `15-cpu-profile.md`, `03_export`: a step named like a numbered file is in order, as a numbered unit is.
    if (draft.ranked || draft.priority !== undefined || (key !== undefined && /\d/u.test(key)) || /^\d{1,4}[-_][a-z]/iu.test(draft.label)) unit.ranked = true;
    return unit;
  }

  // ------------------------------------------------------------------ survey

  /** What each heading's section holds, read once before the walk: a Status line, unit sub-headings, the kind of its items. */
  private survey(blocks: readonly RootContent[]): void {
    const open: Heading[] = [];
    const surveyed: Array<{ heading: Heading; parent?: Heading; named: boolean; info: HeadingInfo }> = [];
    let current: HeadingInfo | undefined;
    let previous: RootContent | undefined;
    for (const block of blocks) {
      const before = previous;
      previous = block;
      if (block.type === 'heading') {
        while (open.length > 0 && open[open.length - 1]!.depth >= block.depth) open.pop();
        const status = open.length > 0 ? this.headingStatus(block) : undefined;
        if (status) {
          // `### Status: ✅ Done` right under `## Phase 0`: the phase's Status line, written as a heading. What
          // follows it belongs to the phase, as it would after a `**Status:**` line.
          this.statusHeadings.add(block);
          current = this.info.get(open[open.length - 1]!);
          if (current && !current.status) current.status = status;
          continue;
        }
        const info: HeadingInfo = { ...EMPTY_INFO };
        const title = plainText(block);
        if (block.depth > 1 && SEQUENCE_TITLE.test(foldTitle(title))) this.throughout = false;
        const parent = open[open.length - 1];
        if (parent) this.subheaded.add(parent);
        // A unit heading, or a state or current-focus section, below a heading makes that heading a group of them.
        const named = (headingNamesUnit(title) && !namesSection(title)) || leadingStateWord(title, { loose: true }) !== undefined || sectionRole(title) === 'pointer' || pointerTarget(title) !== undefined;
        surveyed.push(parent ? { heading: block, parent, named, info } : { heading: block, named, info });
        if (parent && entryState(headingTitle(block)) !== undefined) this.info.get(parent)!.statedBelow = true;
        this.info.set(block, info);
        open.push(block);
        current = info;
        continue;
      }
      if (!current) continue;
      if (block.type === 'paragraph' && current.blocks === 0 && !current.status) {
        // `*Delivered · advances G1*` right under the heading: a one-line emphasised status.
        const status = this.emphasisedStatus(block);
        if (status) current.status = status;
      }
      if (current.blocks === 0 && (block.type === 'paragraph' || block.type === 'blockquote') && SUPERSEDED_BANNER.test(plainText(block).trimStart())) current.superseded = true;
      if (block.type !== 'thematicBreak' && block.type !== 'html') current.blocks++;
      if (block.type === 'paragraph') {
        if (!current.status) {
          const status = this.statusLineIn(block);
          if (status) current.status = status;
        }
        if (current.blocks <= 8 && !current.spansPhases) current.spansPhases = this.phaseSpanIn(block);
        if (namedStateLine(block)) {
          current.units++;
          current.keyedUnits++;
          current.lineUnits = true;
        }
        current.units += this.markedLines(block);
      } else if (block.type === 'table') {
        const columns = block.children.length > 1 ? mapColumns(rowCells(block, 0)) : {};
        if (columns.id !== undefined || columns.name !== undefined) current.rows += block.children.length - 1;
      } else if (block.type === 'list') {
        // A list the walk sets aside (`**Success criteria:**` and its items) says nothing of what the section holds.
        if (setAsideByLabel(labelBefore(before), block)) continue;
        // A `**Status:** done` line right after a list, unindented, belongs to the section (Markdown makes it part of the last item).
        if (!current.status) {
          const status = this.unindentedStatus(block);
          if (status) current.status = status;
        }
        for (const item of block.children) {
          const parts = listItemParts(item);
          const text = firstLine(parts.text);
          const raw = item.position ? this.src.line(item.position.start.line) : '';
          const label = labelLine(raw);
          if (label && STATUS_LABEL.test(label.label) && !current.status && item.position) current.status = { label, line: item.position.start.line };
          // `- [ ] **Phase 5: Links** — …` reads as a label line, but its label names a unit: it is one.
          const labelKey = label ? unitKeyOf(label.label) : undefined;
          if (label && !hasFeatureMark(label.label) && labelKey === undefined) current.labels++;
          else if (hasFeatureMark(text) || unitKeyOf(text)) {
            current.units++;
            current.keyedUnits++;
            if (isScopeKey(labelKey ?? unitKeyOf(text) ?? '')) current.scopeUnits++;
          } else if (boxed(item, text) || leadsWithMark(text)) current.steps++;
          else {
            current.units++;
            if (entryState(text)) current.keyedUnits++;
            else if (parts.paragraph?.children[0]?.type !== 'strong' && !namesOnly(parts.paragraph)) current.plainItems++;
            // `- \`references/templates/\``: a name or a path, which the walk does not read as work.
            if (namesOnly(parts.paragraph)) current.names++;
          }
        }
      }
    }
    // A heading that names a unit, or has a Status line of its own, is a unit: its ancestors hold units, and its
    // siblings are entries of the same kind (a backlog's `### Entry` headings, most with a Status line, some without).
    // A heading between two such entries of the same parent is one of them (a backlog's `### Entry` without a Status
    // line among entries that have one); one before the first or after the last is not. Headings that name their unit
    // (`## Phase 7`, `### F-012 Tags`) say what they are, so a heading without a name between two of them (`## Versions`
    // between two phases) is a section of another kind.
    const children = new Map<Heading | undefined, Array<{ heading: Heading; entry: boolean; info: HeadingInfo }>>();
    for (const { heading, parent, named, info } of surveyed) {
      const unitish = named || info.status !== undefined;
      // `### T-001: Contract` over `- **Status:** ✅ done`: a state written under a heading below, as in its title.
      if (parent && info.status !== undefined) this.info.get(parent)!.statedBelow = true;
      if (unitish || info.lineUnits === true) {
        for (let up = parent; up; up = surveyed.find((s) => s.heading === up)?.parent) {
          const upInfo = this.info.get(up)!;
          if (upInfo.unitBelow) break;
          upInfo.unitBelow = true;
        }
      }
      const list = children.get(parent) ?? [];
      list.push({ heading, entry: unitish && !named && heading.depth > 1, info });
      children.set(parent, list);
    }
    for (const list of children.values()) {
      if (decoratedTitles(list.map((child) => plainText(child.heading)))) for (const child of list) child.info.decorative = true;
      if (list.length > 1 && list.some(announcesWork)) for (const child of list) child.info.besideSequence = true;
      let before = false;
      const after = list.map((_, i) => list.slice(i + 1).some((c) => c.entry));
      list.forEach((child, i) => {
        child.info.siblingsAreUnits = child.heading.depth > 1 && before && after[i]!;
        if (child.entry) before = true;
      });
    }
    // A chapter's own numbered sections (`### 3.1 No float money` under `## 3) Rules`) are chapters too.
    for (const { heading, parent, info } of surveyed) {
      const up = parent ? this.info.get(parent) : undefined;
      if (parent && up?.besideSequence && chapterTitle(plainText(parent)) && unitKeyOf(plainText(heading)) === undefined) info.besideSequence = true;
    }
  }

  /** A heading that reads `Status: <value>` (`### 상태: ✅ 완료`), as a Status line at the heading's line. */
  private headingStatus(node: Heading): { label: LabelLine; line: number } | undefined {
    const line = node.position?.start.line;
    if (line === undefined) return undefined;
    const raw = this.src.line(line);
    const hashes = /^ {0,3}#{1,6}[ \t]+/u.exec(raw);
    if (!hashes) return undefined;
    const label = labelLine(raw.slice(hashes[0].length));
    if (!label || !STATUS_LABEL.test(label.label) || label.value === '') return undefined;
    const offset = hashes[0].length;
    return { label: { ...label, labelIndex: label.labelIndex + offset, valueIndex: label.valueIndex + offset }, line };
  }

  private unindentedStatus(list: List): { label: LabelLine; line: number } | undefined {
    const start = list.position?.start.line;
    const end = list.position?.end.line;
    if (start === undefined || end === undefined) return undefined;
    for (let line = start + 1; line <= end && line < start + 400; line++) {
      const raw = this.src.line(line);
      if (raw === '' || /^\s/u.test(raw) || /^(?:[-*+]|\d{1,3}[.)])\s/u.test(raw)) continue;
      const label = labelLine(raw);
      if (label && STATUS_LABEL.test(label.label)) return { label, line };
    }
    return undefined;
  }

  /** A paragraph that is one emphasised line starting with a state word: `*Delivered · advances G1*`, read as the section's status. */
  private emphasisedStatus(paragraph: Paragraph): { label: LabelLine; line: number } | undefined {
    const only = paragraph.children.length === 1 ? paragraph.children[0] : undefined;
    const line = paragraph.position?.start.line;
    if (!only || (only.type !== 'emphasis' && only.type !== 'strong') || line === undefined || paragraph.position?.end.line !== line) return undefined;
    const text = plainText(only);
    if (text.length > 80) return undefined;
    const word = leadingStateWord(text, { loose: true });
    if (!word || word.index > 1 || !/^(?:$|\s*[·—–|,;-]|\s*\()/u.test(text.slice(word.index + word.length))) return undefined;
    const raw = this.src.line(line);
    const at = raw.indexOf(text);
    return { label: { label: 'Status', value: text, labelIndex: 0, valueIndex: at < 0 ? 0 : at }, line };
  }

  /** Lines of a paragraph that start with a state mark and name something: `✅ F-006 Dark mode`. */
  private markedLines(paragraph: Paragraph): number {
    const start = paragraph.position?.start.line;
    const end = paragraph.position?.end.line;
    if (start === undefined || end === undefined) return 0;
    let count = 0;
    for (let line = start; line <= end && line < start + 50; line++) if (leadsWithMark(this.src.line(line).replace(/[*_`]/gu, '').trim())) count++;
    return count;
  }

  private phasesListed?: boolean;

  /** Whether the document names phases of its own, as headings or list items (`### Phase 15: …`, `- [ ] **Phase 16: …**`). */
  private listsPhases(): boolean {
    this.phasesListed ??= PHASE_LINE.test(this.doc.text);
    return this.phasesListed;
  }

  /** Whether a paragraph holds a line naming the phases a section spans (`**Phase range:** 5-9`, `**Phases:** Starting from Phase 12`). */
  private phaseSpanIn(paragraph: Paragraph): boolean {
    const start = paragraph.position?.start.line;
    const end = paragraph.position?.end.line;
    if (start === undefined || end === undefined) return false;
    for (let line = start; line <= end && line < start + 20; line++) {
      const label = labelLine(this.src.line(line));
      if (label && PHASES_LABEL.test(label.label.trim()) && /\d/u.test(label.value.slice(0, 40))) return true;
    }
    return false;
  }

  private statusLineIn(paragraph: Paragraph): { label: LabelLine; line: number } | undefined {
    const start = paragraph.position?.start.line;
    const end = paragraph.position?.end.line;
    if (start === undefined || end === undefined) return undefined;
    for (let line = start; line <= end && line < start + 50; line++) {
      const label = labelLine(this.src.line(line));
      if (label && STATUS_LABEL.test(label.label)) return { label, line };
    }
    return undefined;
  }

  // ------------------------------------------------------------------ context

  private context(): Context {
    const innermost = this.stack[this.stack.length - 1];
    const context: Context = { excluded: false, deferred: false, order: false, inSequence: this.throughout, workSection: false, introduces: false };
    for (let i = 0; i < this.stack.length; i++) {
      const frame = this.stack[i]!;
      const top = i === this.stack.length - 1;
      switch (frame.kind) {
        case 'title':
          // The document's title speaks only for the text right under it.
          if (top && frame.phase === 'sequence') {
            context.inSequence = true;
            context.workSection = true;
          }
          break;
        case 'excluded':
          context.excluded = true;
          break;
        case 'deferred':
          context.deferred = true;
          break;
        case 'unit':
          context.unit = frame.unit;
          delete context.section;
          break;
        case 'state':
          context.section = { mark: frame.state!, from: 'section' };
          context.inSequence = true;
          if (frame.phase) context.phase = frame.phase;
          break;
        case 'pointer':
          context.section = { mark: frame.state!, from: 'pointer' };
          context.inSequence = true;
          break;
        case 'sequence':
          context.inSequence = true;
          context.workSection = true;
          break;
        case 'order':
          context.order = true;
          break;
        case 'scope':
          context.inSequence = true;
          if (frame.phase && !(frame.priorityOnly && context.phase !== undefined)) context.phase = frame.phase;
          if (frame.priority) {
            context.priority = frame.priority;
            if (frame.priorityAt) context.priorityAt = frame.priorityAt;
          }
          break;
        case 'other':
          if (!this.throughout && frame.depth > 1) context.inSequence = false;
          break;
        default:
          break;
      }
      if (frame.kind !== 'scope' && frame.priority) {
        context.priority = frame.priority;
        if (frame.priorityAt) context.priorityAt = frame.priorityAt;
      }
    }
    if (innermost && innermost.kind !== 'unit' && innermost.kind !== 'detail') context.introduces = this.info.get(innermost.heading)?.unitBelow ?? false;
    if (!context.unit && this.lineUnit) context.unit = this.lineUnit;
    return context;
  }

  // ------------------------------------------------------------------ headings

  private heading(node: Heading): void {
    if (this.statusHeadings.has(node)) return;
    const title = headingTitle(node);
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.depth >= node.depth) {
      if (partOfBoxedUnit(this.stack[this.stack.length - 1]!, node.depth, title)) break;
      this.close(this.stack.pop()!);
    }
    const context = this.context();
    const frame: Frame = { depth: node.depth, title, kind: 'other', heading: node, startCount: this.drafts.length };
    const first = this.firstHeading;
    this.firstHeading = false;
    if (context.unit) {
      // A heading inside a unit's section is part of that unit (`#### Acceptance`, `### 4.2 Status UI` under a stated phase).
      // Under a unit recorded done, a part that says it was left out (`### 5.2 Extra shapes (not implemented)`,
      // `### 10.3 Optional`) is not the unit's open work: the record already accounts for it.
      const role = sectionRole(title);
      const leftOut = context.unit.own?.state === 'done' && (role === 'deferred' || (entryState(title)?.state ?? 'done') !== 'done');
      frame.kind = role === 'check' || leftOut ? 'excluded' : 'detail';
      this.stack.push(frame);
      return;
    }
    if (context.excluded || context.deferred) {
      frame.kind = context.excluded ? 'excluded' : 'deferred';
      this.stack.push(frame);
      return;
    }
    if (first && node.depth === 1) {
      // The document's title: it names the document, not a unit. A title that sets the document aside
      // (`# Backlog v2 — out of scope for v1`, `# Ideas`) sets aside all it holds.
      frame.kind = sectionRole(title) === 'deferred' ? 'deferred' : 'title';
      if (SEQUENCE_TITLE.test(foldTitle(title)) && !this.readme) frame.phase = 'sequence';
      this.stack.push(frame);
      return;
    }
    this.classify(frame, node, title, context);
    this.stack.push(frame);
  }

  private classify(frame: Frame, node: Heading, title: string, context: Context): void {
    const info = this.info.get(node) ?? EMPTY_INFO;
    const folded = foldTitle(title);
    if (this.readme && !context.inSequence) {
      frame.kind = README_ROADMAP.test(folded) && sectionRole(title) !== 'deferred' ? 'sequence' : 'other';
      return;
    }
    const role = titleRole(title, folded);
    // `## Remaining work` opening with `> **Superseded by plan 019**`: its work moved to that plan.
    if (info.superseded) {
      frame.kind = 'excluded';
      return;
    }
    if ((role === 'notes' && UNITS_OVERVIEW.test(folded)) || (UNITS_STATUS.test(folded) && (info.rows > 0 || info.unitBelow))) {
      // `## Phase Overview` over the table of phases is the plan itself, not an overview of something else; so is
      // `## 1. Milestone Status` over the table of milestones.
      frame.kind = 'sequence';
      return;
    }
    // `#### [MODIFY] app.js` in an implementation plan: a change to one file, and the notes on it; not a unit of work.
    if (role === 'check' || role === 'notes' || FILE_CHANGE.test(title)) {
      frame.kind = 'excluded';
      return;
    }
    if (role === 'deferred' || PLACEHOLDER_UNIT.test(foldTitle(cleanName(stripLead(title))))) {
      // `### 📋 Next Milestone (TBD)`: a place kept for work not yet planned; the themes listed under it are ideas.
      frame.kind = 'deferred';
      return;
    }
    if (role === 'order') {
      frame.kind = 'order';
      return;
    }
    if (this.productDocument && !context.inSequence && !PRODUCT_SEQUENCE_TITLE.test(folded)) {
      // `### 3.1 MVP features (Must have)` in a requirements document: a chapter, not a scope of work.
      frame.kind = 'other';
      return;
    }
    // `## Current Position` says where the work stands; its `Phase:` and `Status:` lines are read as such, it is no unit.
    if (CURRENT_POSITION.test(folded)) {
      frame.kind = 'other';
      return;
    }
    const pointer = role === 'pointer' ? '' : pointerTarget(title);
    if (pointer !== undefined) {
      frame.kind = 'pointer';
      // `## Next step` names what comes next, not what is under way, as a `Next phase:` line does.
      const state = role === 'pointer' && NEXT_TITLE.test(folded.replace(/^\d{1,3}[.)]\s*/u, '')) ? 'todo' : 'in-progress';
      frame.state = { state, raw: cleanName(title), position: this.src.position(node) };
      if (pointer) this.pointers.push({ name: pointer, mark: frame.state });
      return;
    }

    // `## 2. Released: v0.1.0 - Core`: a section's number comes before the state word that leads its title.
    const numbered = /^\s*\d{1,3}[.)]\s+/u.exec(title)?.[0].length ?? 0;
    const afterNumber = leadingStateWord(title.slice(numbered), { loose: true });
    const leading = afterNumber && { ...afterNumber, index: afterNumber.index + numbered };
    const icon = info.decorative === true && leading !== undefined && isMarkMatch(leading);
    const lead = icon ? undefined : leading;
    const afterLead = leading ? title.slice(leading.index + leading.length) : title;
    // `### Phase: End-to-end check` over its steps is one unit; `## Phase: Beta (Sprints 7-10)` over sprints groups them.
    const named = !info.unitBelow && info.rows === 0 && info.keyedUnits === 0 ? namedUnit(lead ? afterLead : title) : undefined;
    const key = unitKeyOf(lead ? afterLead : title) ?? unitKeyOf(title) ?? named?.key;
    const box = leading !== undefined && leading.raw.startsWith('[') ? leading : undefined;
    const own = box ?? (icon ? entryState(afterLead) : entryState(title));
    const statusState = info.status ? this.statusState(info.status) : undefined;
    const ownState = own ?? statusState?.match;
    const phaseLike = key !== undefined && isScopeKey(key);

    // `## Ecosystem track (ongoing)`: work that never finishes, kept up beside the plan; not a unit to finish or continue.
    // A numbered unit (`## Phase 3 (ongoing)`) is under way.
    if (key === undefined && ownState !== undefined && PERPETUAL.test(ownState.raw.trim())) {
      frame.kind = 'excluded';
      return;
    }
    // `## v2.0 — Babelizer (Active)` over `**Phase range:** 5-9`, or `## Milestone: v2.1` whose Status names the phase
    // under way in a roadmap of phases: a milestone grouping the phases is their scope, not a unit of work beside them.
    // Without the phases under it, it sums them up (`**Key accomplishments:**`, its goal), and what it lists is no work.
    if (groupsPhases(title, key) && (info.spansPhases === true || (info.status !== undefined && INNER_UNIT.test(info.status.label.value) && this.listsPhases()))) {
      if (info.unitBelow || info.scopeUnits > 0) this.scope(frame, title);
      else frame.kind = 'excluded';
      return;
    }
    if ((UNIT_RANGE.test(title) || ID_RANGE.test(title)) && !ownState) {
      // `### v2.0.4 Memory (Phases 65-70)`: a milestone over a range of phases groups them; its items are those phases.
      this.scope(frame, title);
      return;
    }
    if (key !== undefined && phaseLike && own && ((info.scopeUnits > info.steps && info.scopeUnits * 2 >= info.units) || (info.unitBelow && (info.statedBelow === true || groupsPhases(title, key))))) {
      // `### 📋 v1.2 Sharing (Planned)` over `- [ ] **Phase 5: Links**` items, or `### 🚧 v1.1 Docs (In Progress)` over
      // `#### Phase 5: Guide` headings: a milestone with a state, grouping its phases. The state is the section's; the
      // phases keep their own.
      frame.kind = 'state';
      frame.state = this.markAt(node, own);
      frame.phase = cleanName(title);
      return;
    }
    if (key !== undefined) {
      // `## Phase 2` holding `### F-004` headings or a list of units is a scope; with a state, or holding only steps, it is a unit.
      // A phase holding only plain bullets (no id, key or state among them) holds its steps: `## Phase 4 : Tests`
      // over `* Run the internal tests` is one unit of work.
      const plainSteps = !info.unitBelow && info.rows === 0 && info.units > 0 && info.plainItems === info.units;
      if (phaseLike && !ownState && !plainSteps && (info.unitBelow || info.rows > 0 || info.units - info.names > info.steps)) {
        this.scope(frame, title);
        return;
      }
      // `### Phase: End-to-end check` goes by its name; `Phase` alone names nothing.
      const name = key === named?.key ? named?.name : undefined;
      this.unitHeading(frame, node, name ?? title, context, ownState, statusState?.line, name === undefined ? undefined : title);
      return;
    }
    if (box) {
      // `### [ ] Sound effects`: the box is the unit's own state, as a list item's is.
      this.unitHeading(frame, node, afterLead.trim(), context, box, undefined);
      if (frame.kind === 'unit') frame.boxed = true;
      return;
    }
    if (lead && !isMarkMatch(lead)) {
      // `### In Progress: Phase 2 — Time tracking` names what is in that state after the colon.
      const named = /^\s*[:：]\s*(\S.*)$/u.exec(afterLead);
      // `## Current: Pre-Release` over a table of items: the words after the colon name the section, whose rows are the units.
      if (named && !/^\d+\s*\/\s*\d+/u.test(named[1]!) && !(info.rows > 0 || info.unitBelow)) {
        this.unitHeading(frame, node, named[1]!, context, lead, undefined, title);
        return;
      }
      frame.kind = 'state';
      frame.state = this.markAt(node, lead);
      return;
    }
    if (lead && isMarkMatch(lead) && context.section?.from === 'section' && context.section.mark.state === lead.state && cleanName(afterLead) !== '' &&
      !info.unitBelow && info.rows === 0 && info.units > 0 && info.units === info.plainItems) {
      // `### 🚧 Content pipeline` under `## In Progress`, over bullets of plain words: the heading repeats its section's
      // state on a name of its own, so it is the unit, and the bullets are its parts.
      this.unitHeading(frame, node, title, context, lead, undefined);
      return;
    }
    if (lead && (info.unitBelow || info.units > 0 || info.rows > 0 || cleanName(afterLead) === '')) {
      // `## 🚧` or `## ❌ Open errors` over a list of units: the mark is the section's state.
      frame.kind = 'state';
      frame.state = this.markAt(node, lead);
      return;
    }
    if (own && !statusState && (info.unitBelow || info.rows > 0 || (namesUnitsInState(title) && (info.units > 0 || this.hasSubheadings(node))))) {
      // `## Work in progress 🔄` over unit headings or a table, `### Features in flight 🚧` over headings or items: the
      // state is the section's.
      frame.kind = 'state';
      frame.state = this.markAt(node, own);
      return;
    }
    if (ownState) {
      this.unitHeading(frame, node, title, context, ownState, statusState?.line);
      return;
    }
    if (info.status && !isEmptyMarker(info.status.label.value) && !/^[<[]/u.test(info.status.label.value)) {
      // A Status that is no state (`Status: always available`): what the section holds is not work govern can place.
      frame.kind = 'excluded';
      const { label, line } = info.status;
      this.unknownState(label.value, cleanName(title), { file: this.doc.file, line, column: label.valueIndex + 1 });
      return;
    }
    if (SEQUENCE_TITLE.test(folded)) {
      // A guide's `## Features` (DEVELOPMENT.md as a developer's handbook) describes what the product does; with no
      // state on any item it is no list of work.
      if (!this.throughout && folded === 'features' && info.keyedUnits === 0 && !context.inSequence) {
        frame.kind = 'other';
        return;
      }
      frame.kind = 'sequence';
      return;
    }
    // `Quick wins (small, high impact)`: a note in brackets at the end says more of the group, not what it is.
    const bare = withoutClosingNote(folded) ?? folded;
    if (SCOPE_TITLE.test(folded) || SCOPE_TITLE.test(bare) || (BUCKET_TITLE.test(bare) && (this.throughout || context.inSequence))) {
      this.scope(frame, title);
      return;
    }
    if (context.section || context.inSequence) {
      // Under a state section or in a plan: a numbered heading, one holding steps or details, or one like most of its
      // siblings, is a unit; one holding units groups them; anything else is not read as work.
      // Under a state section, plain bullets describe the heading's work; only bullets that name or mark units make it a group.
      const listed = context.section ? info.keyedUnits : info.units;
      const holdsUnits = info.unitBelow || info.rows > 0 || (listed > info.steps && !info.siblingsAreUnits);
      // `Step 3` is a unit of a plan, never of a state file (commands describe their steps that way).
      const stepWord = this.options.mode === 'sequence' && STEP_HEADING.test(title);
      // `## 3) Rules` beside `## 5) Milestones`: a numbered chapter of the document, whose content is not the work.
      if (NUMBERED.test(title) && info.besideSequence) {
        frame.kind = 'excluded';
        return;
      }
      if (NUMBERED.test(title) || stepWord || /^(?:feature|feat|item|story)\s*#?\d/iu.test(title)) {
        this.unitHeading(frame, node, title, context, undefined, undefined);
        return;
      }
      if (holdsUnits) {
        this.scope(frame, title);
        return;
      }
      if (context.section || info.steps > 0 || info.labels > 0 || (info.siblingsAreUnits && (info.blocks > 0 || this.hasSubheadings(node)))) {
        this.unitHeading(frame, node, title, context, undefined, undefined);
        return;
      }
    }
    frame.kind = 'other';
  }

  private hasSubheadings(node: Heading): boolean {
    return this.subheaded.has(node);
  }

  private scope(frame: Frame, title: string): void {
    frame.kind = 'scope';
    frame.phase = cleanName(title);
    const priority = PRIORITY_WORD.test(title) ? priorityPattern(title).exec(title) : null;
    if (priority) {
      frame.priority = priority[1] ?? priority[2] ?? priority[3] ?? '';
      frame.priorityAt = this.src.position(frame.heading);
      frame.priorityOnly = unitKeyOf(title) === undefined;
    }
  }

  private unitHeading(frame: Frame, node: Heading, name: string, context: Context, own: StateWordMatch | undefined, statusLine: number | undefined, label = name): void {
    const reference = extractReference(name, name === label ? node.children : undefined);
    if (!reference) {
      frame.kind = 'other';
      return;
    }
    const draft = this.draft(reference.reference, plainLabel(label), this.src.position(node), context);
    if (reference.kind === 'name' && cleanName(stripLead(label)) !== reference.reference) draft.shortName = true;
    // `### Step 3: Sync` in a plan or to-do list: numbered steps are in order, as a numbered list is.
    if (NUMBERED.test(label) || (this.options.mode === 'sequence' && STEP_HEADING.test(label))) draft.ranked = true;
    if (own) draft.own = statusLine !== undefined ? this.lineMark(statusLine, own) : this.markAt(node, own);
    this.inlineDependencies(draft, name, node);
    this.drafts.push(draft);
    frame.kind = 'unit';
    frame.unit = draft;
  }

  private statusState(status: { label: LabelLine; line: number }): { match: StateWordMatch; line: number } | undefined {
    const value = status.label.value;
    const match = leadingStateWord(value, { loose: true }) ?? countState(value) ?? headState(value) ?? partsState(value);
    if (!match) return undefined;
    return { match: { ...match, index: match.index + status.label.valueIndex }, line: status.line };
  }

  private close(frame: Frame): void {
    if (frame.kind === 'sequence' && /\bsequence\b/u.test(foldTitle(frame.title)) && this.drafts.length === frame.startCount && this.options.mode === 'sequence') {
      this.diagnostics.push(
        diagnostic(
          this.options.rule,
          'info',
          `Section "${frame.title}" has no list, table or feature headings to read as a sequence; write one entry per line, e.g. "1. F-001 Tags".`,
          this.src.position(frame.heading),
        ),
      );
    }
  }

  // ------------------------------------------------------------------ units

  private draft(reference: string, label: string, position: SourcePosition, context: Context): Draft {
    const draft: Draft = { reference, label, dependencies: [], position, tasks: { done: 0, total: 0 }, keys: keysOf(reference, label) };
    if (context.section) {
      draft.section = { ...context.section.mark, position };
      draft.sectionFrom = context.section.from;
      if (context.section.from === 'pointer') draft.pointedBy = context.section.mark;
    }
    if (context.phase) draft.phase = context.phase;
    if (context.priority) draft.priority = context.priority;
    if (context.priorityAt) draft.priorityAt = context.priorityAt;
    return draft;
  }

  /**
   * `**Completed:**` or `Last session completed:` over a list, outside any unit: the label is a state section's title
   * written as a line, so the items take its state unless they write their own, as under `## Completed`.
   */
  private labelledState(paragraph: Paragraph | undefined, context: Context): Context {
    if (!paragraph || context.unit || context.excluded || context.deferred) return context;
    const label = listLabel(paragraph)?.replace(/[*_`]/gu, '').trim();
    if (!label || AMBIGUOUS_STATE_LABEL.test(label)) return context;
    const whole = leadingStateWord(label, { loose: true });
    const state = whole && (whole.rest === '' || WHEN_WORDS.test(whole.rest)) && !isMarkMatch(whole) ? whole : lastWordState(label);
    if (!state || (state.state !== 'done' && state.state !== 'in-progress')) return context;
    return { ...context, section: { mark: this.markAt(paragraph, state), from: 'section' }, inSequence: true };
  }

  private markAt(node: Node | undefined, match: StateWordMatch, needle?: string): StateMark {
    const mark: StateMark = { state: match.state, raw: match.raw, position: this.src.locate(node, needle ?? match.raw) };
    if (match.state === 'blocked' && match.rest) mark.reason = match.rest;
    return mark;
  }

  private lineMark(line: number, match: StateWordMatch): StateMark {
    const mark: StateMark = { state: match.state, raw: match.raw, position: { file: this.doc.file, line, column: match.index + 1 } };
    if (match.state === 'blocked' && match.rest) mark.reason = match.rest;
    return mark;
  }

  // ------------------------------------------------------------------ lists

  private list(list: List, context: Context, forced: boolean): void {
    if (context.unit) {
      if (!context.excluded) this.details(list, context.unit);
      return;
    }
    if (context.excluded || context.deferred) return;
    const items = list.children;
    if (this.positionItems(items, context)) return;
    if (!forced && !context.inSequence && !context.section) {
      // Outside the sections that hold work, a list names units only when most items start by naming one.
      let marked = 0;
      for (const item of items) if (hasFeatureMark(firstLine(listItemParts(item).text))) marked++;
      if (marked === 0 || marked * 2 < items.length) return;
    }
    // `- [CLI Spec](./docs/CLI_SPEC.md)`, one such link per item: an index of documents to read, not work. So is
    // `- See \`docs/plans/\` for the details`, one pointer to read per item.
    if (items.length > 0 && (items.every(linksOneDocument) || items.every(pointsToRead))) return;
    // `` - `in-progress` — somebody is on it ``, one per item: the values a status takes, not work.
    if (items.length >= 2 && items.every(definesStateValue)) return;
    const boxes = items.filter((item) => typeof item.checked === 'boolean').length;
    const boxed = boxes > 0;
    const ticked = items.some((item) => item.checked === true);
    // `- 2026-04-16: finished the export`, one dated line per item and no box: a log of what was done, not work.
    if (!boxed && items.length >= 2 && items.every((item) => DATED_LINE.test(firstLine(listItemParts(item).text)))) return;
    for (const item of items) {
      const before = this.drafts.length;
      this.item(item, context, boxed, boxes * 2 >= items.length, ticked);
      if (list.ordered) for (let i = before; i < this.drafts.length; i++) this.drafts[i]!.ranked = true;
    }
  }

  /** A plain bullet that names no unit (`- Re-run actions`, `- **Covers:** REQ-01, REQ-02`): a detail of the item above. */
  private detailItem(item: ListItem): boolean {
    if (typeof item.checked === 'boolean') return false;
    const line = item.position?.start.line;
    if (line !== undefined && labelLine(this.src.line(line))) return true;
    const text = firstLine(listItemParts(item).text);
    return !hasFeatureMark(text) && unitKeyOf(text) === undefined;
  }

  private item(item: ListItem, context: Context, amongBoxes = false, mostlyBoxed = false, besideTicked = false): void {
    const parts = listItemParts(item);
    const text = firstLine(parts.text);
    if (isEmptyMarker(text) && item.checked !== true && item.checked !== false) return;
    // `- v1.1 Sync — Phases 5–9 (shipped)`: a milestone that sums up a range of the plan's units, not one of them.
    if (UNIT_RANGE.test(text)) return;
    // `- **M1: Core MVP** — Tasks: T-001, T-002, T-003`: a roll-up that lists the units it holds, not one of them.
    if (typeof item.checked !== 'boolean' && ID_LIST_AT_END.test(text)) return;
    // `- Rules:` over a list of its own, among the boxes of a backlog: a heading for notes, not an item of work.
    if (amongBoxes && typeof item.checked !== 'boolean' && parts.nested.length > 0 && /[:：]$/u.test(text.trimEnd())) return;
    // `- The input only takes known ingredients today.` among `- [x]` items: a note on the boxes, which are the work.
    if (mostlyBoxed && typeof item.checked !== 'boolean' && !hasFeatureMark(text) && unitKeyOf(text) === undefined && !entryState(text)) return;
    const line = item.position?.start.line;
    const raw = line !== undefined ? this.src.line(line) : '';
    const label = labelLine(raw);
    if (label && line !== undefined && this.labelledItem(label, line, context)) return;
    if (legendLine(text)) return;
    // `- ❌ Task 2.3.2: 🧑 (Optional) Regenerate the map`: work the plan lets be skipped, not a candidate while open.
    if (OPTIONAL_ITEM.test(text) && item.checked !== true && entryState(text)?.state !== 'done') return;
    // `- **Phase 1**` with units nested under it: the item is a scope, its children the units. A ticked or open box
    // over plain bullets (`- [x] Phase 6: GUI panel` over what it built) is one unit, its bullets the details.
    const detailsOnly = (): boolean => typeof item.checked === 'boolean' && parts.nested.every((nested) => nested.children.every((child) => this.detailItem(child)));
    if (parts.nested.length > 0 && !hasFeatureMark(text) && (SCOPE_TITLE.test(foldTitle(stripLead(text))) || isScopeKey(unitKeyOf(text) ?? '')) && !detailsOnly()) {
      const phase = cleanName(text);
      for (const nested of parts.nested) this.list(nested, { ...context, phase, inSequence: true }, true);
      return;
    }
    // `- **Current state**:` over a list, as every entry of the backlog writes it: a field of the entry above, not an entry.
    const field = fieldLabel(item);
    if (field !== undefined && this.fieldLabels.has(field)) return;
    // `- \`DATABASE_URL\``, `1. **GET /api/today**`: a name, a value to set or an endpoint, not work.
    if (namesOnly(parts.paragraph) && typeof item.checked !== 'boolean') return;
    // `- Are the priorities still right?`: a question to ask (at a review, say), not work; a box makes it a decision to take.
    if (typeof item.checked !== 'boolean' && isQuestion(text)) return;
    // A plain item before a section's unit headings introduces them (`- Each theme gets an RM number`).
    if (context.introduces && typeof item.checked !== 'boolean' && !hasFeatureMark(text) && unitKeyOf(text) === undefined && !entryState(text)) return;
    // `Closed B-012 by widening the overlap sweep to …` under Done: a log of the work that mentions items, not one of them.
    // An item that opens with a bold name (`**Wiring guide** : … (TB-303 = audio only) …`) is named by it, whatever ids
    // its description mentions.
    const phrasing = parts.paragraph?.children as PhrasingContent[] | undefined;
    const passing = mentionsInPassing(text);
    if (context.section && passing && !leadsWithEmphasis(phrasing)) return;
    const reference = unitWordReference(text) ?? extractReference(text, phrasing, { topics: this.topics, mentions: passing });
    if (!reference || PLACEHOLDER_UNIT.test(foldTitle(cleanName(reference.reference)))) return;
    // `📋 **v2.0** — Phases 13+ (planned)`: a milestone that keeps a place for phases not yet written.
    if (OPEN_RANGE.test(text) && entryState(text)?.state !== 'in-progress') return;
    const struck = struckThrough(parts.paragraph);
    const own = entryState(text, item.checked) ?? (struck ? STRUCK : undefined);
    if (this.options.mode === 'state' && !context.section && !context.workSection) {
      // In a state file, outside state sections, an item is a unit when it carries a state and names one.
      const leadMark = stateMarkIn(text.slice(0, 4)) !== undefined;
      if (!own || !(hasFeatureMark(text) || unitKeyOf(text) !== undefined || leadMark || (label === undefined && own.raw !== '[ ]' && own.raw !== '[x]' && own.raw !== '[X]' && !own.raw.startsWith('[')))) return;
    }
    const draft = this.draft(reference.reference, cleanLabel(text), this.src.position(item), context);
    if (reference.kind === 'name' && !reference.qualified) draft.shortName = true;
    const tag = PRIORITY_TAG.exec(text) ?? (PRIORITY_WORD.test(text) ? INLINE_PRIORITY.exec(text) : null);
    if (tag) {
      draft.priority = tag[1] ?? tag[2] ?? draft.priority ?? '';
      draft.priorityAt = draft.position;
    }
    // An unchecked box under a state section takes the section's state (`[ ]` under In Progress is in progress), unless
    // the section calls its items finished while its list ticks the boxes beside this one (`## What Works` over
    // `- [x] Login` and `- [ ] Password reset`): those boxes are kept, and the open one is not finished.
    const keptOpen = besideTicked && context.section?.mark.state === 'done';
    if (own && !(own.raw === '[ ]' && context.section && !keptOpen)) {
      draft.own = this.markAt(item, own, own.raw.startsWith('[') ? '[' : own.raw === '~~' ? undefined : own.raw);
      if (own.state === 'blocked' && own.rest) draft.own.reason = own.rest;
    }
    this.inlineDependencies(draft, text, parts.paragraph ?? item);
    const links = parts.paragraph ? linkTargets(parts.paragraph) : [];
    if (links.length > 0) draft.links = links;
    if (parts.paragraph) this.labelLines(parts.paragraph, draft, true);
    for (const nested of parts.nested) this.details(nested, draft, typeof item.checked === 'boolean');
    this.drafts.push(draft);
  }

  /**
   * `- tags: done` (the label names the unit, the value is its state) and `- Blocked: F-005` (the other
   * way round, only with an id after it). Labels that hold a result, a role or a measure are never units.
   * Returns whether the item was read here.
   */
  private labelledItem(label: LabelLine, line: number, context: Context): boolean {
    if (STATUS_LABEL.test(label.label) || DEPENDENCY_LABEL.test(label.label) || PRIORITY_LABEL.test(label.label)) return true;
    if (NOT_UNIT_LABEL.test(label.label) || /^attempts?\b/iu.test(label.label)) return true;
    // `Status legend: ⬜ not started · 🟡 in progress · ✅ done`: a value naming every state explains the marks, as does
    // one under a legend's label or one that says what a mark means (`**Key**: [ ] = open, [x] = shipped`).
    if (listsAllStates(label.value) || isLegendLabel(label.label) || legendLine(label.value)) return true;
    const word = leadingStateWord(label.value);
    // `**Transition**: in_progress → completed` records a change of state in a log; it names no item.
    if (word && word.index <= 2 && changesState(label.value.slice(word.index + word.length))) return true;
    // `M5: Done/Archive view`: a state word joined by a slash to a word that is none names a thing, not a state.
    if (word && word.index <= 2 && !slashedName(label.value, word)) {
      // `**Phase 4 Status**: In Progress` gives the state of Phase 4.
      const name = label.label.replace(/(?<=\S)\s+(?:status|state)$/iu, '');
      // `Phase 1 MVP : ✅ Complète` in a status block names the phase its section `## Phase 1 - MVP` describes.
      const reference = findId(name, { anywhere: true }) ?? findSpecRef(name) ?? unitWordOpening(name) ?? cleanName(name);
      if (!reference) return false;
      const draft = this.draft(reference, cleanName(name), { file: this.doc.file, line, column: label.labelIndex + 1 }, context);
      draft.own = this.lineMark(line, { ...word, index: label.valueIndex + word.index });
      this.drafts.push(draft);
      return true;
    }
    const named = leadingStateWord(label.label);
    if (named && named.rest === '' && label.value) {
      const id = findId(label.value, { anywhere: true }) ?? findSpecRef(label.value);
      if (!id || AMBIGUOUS_STATE_LABEL.test(label.label)) return true;
      const draft = this.draft(id, cleanName(label.value), { file: this.doc.file, line, column: label.valueIndex + 1 }, context);
      draft.own = this.lineMark(line, { ...named, index: label.labelIndex + named.index });
      this.drafts.push(draft);
      return true;
    }
    // `- **Description**: …`, `- **Version**: next`, `- **Features**:` over a list: the fields of the entry they sit in.
    if (ENTRY_FIELD_LABEL.test(label.label.trim())) return true;
    // Any other `Topic: words` item is read as an item (`- Export: write the report as CSV`).
    return false;
  }

  /** Nested items and paragraphs under a unit: its `Status:`, `Depends on:`, `Priority:` lines, and its checkboxes as its tasks. */
  private details(list: List, draft: Draft, underBox = false): void {
    const queue: { list: List; underBox: boolean }[] = [{ list, underBox }];
    let guard = 0;
    while (queue.length > 0 && guard++ < 2000) {
      const current = queue.shift()!;
      const struckList = !current.underBox && strikesAsDone(current.list);
      for (const item of current.list.children) {
        const parts = listItemParts(item);
        if (parts.paragraph) this.labelLines(parts.paragraph, draft, false);
        // A plain list whose finished items are struck through: struck is done, the rest open.
        if (struckList) this.step(item, struckThrough(parts.paragraph), draft);
        else this.task(item, parts.text, parts.paragraph, draft, current.underBox);
        for (const nested of parts.nested) queue.push({ list: nested, underBox: boxed(item, parts.text) });
      }
    }
  }

  /**
   * A checkbox or a marked item among a unit's details counts as one of its tasks. Under a checkbox only
   * checkboxes are: `- 📋 Criteria: …` below `- [x] Add the option` is a property of that task.
   */
  private task(item: ListItem, words: string, paragraph: Paragraph | undefined, draft: Draft, underBox: boolean): void {
    const text = firstLine(words);
    if (struckThrough(paragraph) || legendLine(text)) return;
    // `- [ ] TBD (run /plan 13 to create)`: a box kept for tasks not written yet holds none.
    if (item.checked === false && isEmptyMarker(text)) return;
    // `- [ ] Add examples/ (optional - deferred)`: an open box its own words set aside is no work left open.
    if (item.checked === false && setAsideInBrackets(text)) return;
    let done: boolean | undefined;
    // An open box over sub-tasks all ticked sums them up: it was left open, as a task list's summary box is.
    if (typeof item.checked === 'boolean') done = item.checked || subtasksAllTicked(item);
    else {
      const box = TEXT_BOX.exec(text);
      if (box) {
        if (box[1] === '-') return;
        done = box[1] === 'x' || box[1] === 'X';
      } else if (leadsWithMark(text) && !underBox) {
        const mark = leadingStateWord(text);
        if (!mark || mark.state === 'cancelled') return;
        done = mark.state === 'done';
      }
    }
    if (done !== undefined) this.step(item, done, draft);
  }

  /** One of a unit's tasks or steps, finished or open. */
  private step(item: ListItem, done: boolean, draft: Draft): void {
    const position = this.src.position(item);
    draft.tasks.total++;
    draft.tasks.first ??= position;
    if (done) draft.tasks.done++;
    else draft.tasks.open ??= position;
  }

  private paragraph(node: Paragraph, context: Context): void {
    if (context.unit && context.unit === this.lineUnit && namedStateLine(node) !== undefined) {
      this.lineUnit = undefined;
      context = this.context();
    }
    if (context.unit) {
      // `## [ ] Track: CSV export` over `*Link: [./tracks/csv_export_20260102/](…)*`: the heading's first paragraph links its folder.
      if (!context.unit.links && !context.unit.tasks.total) {
        const links = linkTargets(node);
        if (links.length > 0) context.unit.links = links;
      }
      // `**Statut :** ⬜ À faire` under `## 7.4 Finalisation`, a part of the phase that is no unit: the part's state, not
      // the phase's, which its own Status line under its heading gives.
      const own = this.stack[this.stack.length - 1]?.unit === context.unit;
      this.labelLines(node, context.unit, false, !own && context.unit.own !== undefined);
      return;
    }
    if (context.deferred) return;
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    if (context.excluded) {
      // A notes section (`## Project reference`) still says what is in focus when a line says so.
      for (let line = start; line <= end && line < start + 500; line++) {
        const label = labelLine(this.src.line(line));
        if (label && !this.pointerLine(label, line)) this.positionStatus(label, line);
      }
      return;
    }
    // Sentence by sentence: `Pick the top item. Do not skip ahead.` still states an order.
    const words = plainText(node).slice(0, 2000);
    this.orderInWords ||= words.split(/[.;!]/u).some((sentence) => ORDER_IN_WORDS.test(sentence) && !NO_ORDER_IN_WORDS.test(sentence));
    this.unorderedInWords ||= UNORDERED_IN_WORDS.test(words);
    for (let line = start; line <= end && line < start + 500; line++) {
      const raw = this.src.line(line);
      const text = raw.replace(/[*_`]/gu, '').trim();
      if (context.order || /^(?:order|sequence|reihenfolge|ordre|orden|ordem|порядок|sıra|顺序|順序|순서)\s*[:：]/iu.test(text)) this.chainLine(text);
      if (context.section?.from === 'pointer') {
        // A line in a current-focus section names the unit in progress; its own state, when written, wins. One that
        // says to begin it (`Begin TASK-003: …`, `Ready for Phase 2`) names what comes next, not begun.
        const ready = READY_FOR.exec(text);
        const own = ready ? { state: 'todo' as const, raw: ready[0].trim(), index: 0 } : entryState(text);
        const name = cleanName(ready ? text.slice(ready[0].length) : own && own.index > 0 ? beforeState(text, own.index) : text);
        if (name) {
          const mark: StateMark = own ? { state: own.state, raw: own.raw, position: { file: this.doc.file, line, column: 1 } } : { ...context.section.mark, position: { file: this.doc.file, line, column: 1 } };
          // A line that names a unit by its word and number names it in the plan too, as a `Current focus:` line does.
          this.pointers.push(unitKeyOf(name) !== undefined ? { name, mark, anywhere: true } : { name, mark });
        }
        continue;
      }
      const label = labelLine(raw);
      // `Legend: ✅ shipped · ⬜ not started …` may run on over the paragraph's next lines: all of it explains marks.
      if (label && isLegendLabel(label.label)) break;
      if (label && this.pointerLine(label, line)) continue;
      if (label && this.positionUnit(label, raw, line, context)) continue;
      if (label && this.positionStatus(label, line, { raw, context })) continue;
      if (label) {
        if (this.labelledItem(label, line, context)) continue;
      }
      // `✅ F-001 Tags` lines: a state mark first, then what it marks.
      const lead = leadingStateWord(text);
      if (lead && stateMarkIn(text.slice(0, 4)) && lead.index <= 2) {
        this.stateLine(text.slice(lead.index + lead.length), text, lead, raw, line, context);
        continue;
      }
      // `**Phase 3: Alerts** — **in progress**` lines: a unit by its word and number, then its state after a dash.
      const words = lead ? '' : stripLead(text);
      if (words !== '' && UNIT_WORD(words).test(words)) {
        const state = trailingDashState(text);
        if (state) {
          const name = beforeState(text, state.index);
          const made = this.stateLine(name, name, state, raw, line, context);
          if (made && start === end) this.lineUnit = made;
          continue;
        }
      }
      // `**Auth & RBAC** - IN PROGRESS (spec drafted)` alone on its line: a unit by its bold name, then its state.
      const named = start === end ? namedStateLine(node) : undefined;
      if (named) {
        const made = this.stateLine(named.name, named.name, named.state, raw, line, context);
        if (made) this.lineUnit = made;
      }
    }
  }

  /** A paragraph line that names a unit and writes its state: the unit, at the state's place on the line. */
  private stateLine(name: string, label: string, state: StateWordMatch, raw: string, line: number, context: Context): Draft | undefined {
    // `🚫 **MODE TRANSITION REQUIRED**`: a notice of what must happen, not a unit of work.
    if (NOTICE_LINE.test(cleanName(name))) return undefined;
    const reference = unitWordReference(name) ?? extractReference(name);
    if (!reference) return undefined;
    const column = raw.indexOf(state.raw);
    const position: SourcePosition = { file: this.doc.file, line, column: column < 0 ? 1 : column + 1 };
    const draft = this.draft(reference.reference, cleanLabel(label), position, context);
    draft.own = { state: state.state, raw: state.raw, position };
    this.drafts.push(draft);
    return draft;
  }

  /** `Status: done`, `**Dependencies**: F-001, F-002`, `Priority: P1` lines of a node, read as written. */
  private labelLines(node: Node, draft: Draft, skipFirst: boolean, keepState = false): void {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    let blocker: StateMark | undefined;
    for (let line = start + (skipFirst ? 1 : 0); line <= end && line < start + 200; line++) {
      const found = labelLine(this.src.line(line));
      if (!found) continue;
      if (BLOCKER_LABEL.test(found.label.trim())) {
        // `**Blocker:** no real contact data yet`: the unit waits on it. `Blockers: none` says nothing.
        const reason = found.value.trim();
        if (reason !== '' && !isEmptyMarker(reason) && !NO_BLOCKER.test(reason)) {
          blocker = { state: 'blocked', raw: found.label.trim(), position: { file: this.doc.file, line, column: found.valueIndex + 1 }, reason: cleanName(reason) || reason };
        }
      } else if (STATUS_LABEL.test(found.label)) {
        if (keepState || (draft.own && draft.own.position.line === line)) continue;
        const word = leadingStateWord(found.value, { loose: true }) ?? countState(found.value);
        if (word) {
          if (!draft.own || draft.own.position.line < draft.position.line || draft.own.raw.startsWith('[') === false) {
            draft.own = this.lineMark(line, { ...word, index: found.valueIndex + word.index });
          }
        } else if (found.value && !/^[<[]/u.test(found.value) && !isEmptyMarker(found.value)) {
          this.unknownState(found.value, draft.reference, { file: this.doc.file, line, column: found.valueIndex + 1 });
        }
      } else if (DEPENDENCY_LABEL.test(found.label)) {
        // `**Dependencies:** 2.5.4 depends on 2.5.3` says how the unit's own parts depend on each other, not what it waits for.
        if (RELATION.test(found.value)) continue;
        // `- **Before**: 477 lines` / `- **After**: 286 lines`: a comparison, not what the unit waits for.
        if (/^after$/iu.test(found.label.trim()) && /^before$/iu.test(labelLine(this.src.line(line - 1))?.label.trim() ?? '')) continue;
        const own = draft.keys.map((key) => / (\d+(?:\.\d+)*)$/u.exec(key)?.[1]).find((number) => number !== undefined);
        for (const dependency of splitDependencies(found.value, 0)) {
          // `Depends on: 2.5.3` under `#### 2.5.4`, inside `Sprint 2.5`: one part of the unit waits for another.
          const number = /^(?:\p{L}+\s)?(\d+(?:\.\d+)+)$/u.exec(dependency.value)?.[1];
          if (own !== undefined && number?.startsWith(`${own}.`)) continue;
          draft.dependencies.push({ value: dependency.value, position: { file: this.doc.file, line, column: found.valueIndex + dependency.index + 1 } });
        }
      } else if (PRIORITY_LABEL.test(found.label) && found.value) {
        // `**Priority**: 🟡` is a priority however little text it has: keep the mark when the words are nothing.
        draft.priority = cleanName(found.value) || found.value.trim();
        draft.priorityAt = { file: this.doc.file, line, column: found.valueIndex + 1 };
      }
    }
    // A blocker named under a unit not finished holds it, whatever its Status says it waits as (`Pending`).
    if (blocker && !keepState && (!draft.own || draft.own.state === 'todo' || draft.own.state === 'in-progress')) draft.own = blocker;
  }

  private inlineDependencies(draft: Draft, text: string, node: Node): void {
    const found = findDependencies(text);
    if (!found) return;
    for (const dependency of found.dependencies) draft.dependencies.push({ value: dependency.value, position: this.src.locate(node, dependency.value) });
  }

  // ------------------------------------------------------------------ tables

  private table(table: Table, context: Context): void {
    if (table.children.length < 2) return;
    const columns = mapColumns(rowCells(table, 0));
    if (changedFiles(table, columns.status)) return;
    if (context.unit && !context.excluded) {
      this.tableTasks(table, columns.status, context.unit);
      return;
    }
    if (context.unit || context.excluded || context.deferred) return;
    // `| # | 名称 |` over `| M1 ✅ | 基础骨架 |`: a `#` column that holds ids rather than numbers is the id column.
    if (columns.id === undefined && columns.order !== undefined && holdsIds(table, columns.order)) columns.id = columns.order;
    if (columns.id === undefined && columns.name === undefined) return;
    if (columns.status === undefined && columns.order === undefined && !context.inSequence && !context.section) return;
    // `| \`.specify/phases/*.md\` | Active phase details |`: a table that says where files live indexes them; it lists no work.
    if (columns.status === undefined && indexesFiles(table)) return;
    const headers = rowCells(table, 0).map((header) => foldTitle(header).replace(/[?:]$/u, ''));
    const specAt = headers.findIndex((header, at) => at !== columns.id && SPEC_COLUMN.test(header));
    const specColumn = specAt < 0 ? undefined : specAt;
    const touched = new Set(headers.flatMap((header, at) => (TOUCHED_COLUMN.test(header) ? [at] : [])));
    // A `Phase` column that names the rows (no other column does) gives them its word.
    const nameHeader = columns.name !== undefined ? (rowCells(table, 0)[columns.name] ?? '').trim() : '';
    const unitWord = mapColumns([nameHeader]).phase === 0 ? nameHeader : undefined;
    // `| Fase | Nombre | Estado |`: the phase column names the rows, and a name column beside it titles them.
    const titleColumn = unitWord === undefined ? -1 : rowCells(table, 0).findIndex((header) => ROW_TITLE_HEADER.test(foldTitle(header)));
    // `| Task ID | … | Dependencies |` over `| 4 | … | 2, 3 |`: bare numbers name the header's units, in both columns.
    const idWord = columns.id === undefined ? undefined : numberedBy(rowCells(table, 0)[columns.id] ?? '');
    const numbered = (cell: string): string => (idWord !== undefined && BARE_NUMBER.test(cell.trim()) ? `${idWord} ${cell.trim()}` : cell);
    for (let r = 1; r < table.children.length; r++) {
      const row = table.children[r]!;
      const cells = rowCells(table, r);
      // An empty id cell (`—`) falls back to the name column.
      const idCell = columns.id !== undefined ? (cells[columns.id] ?? '') : '';
      const useId = columns.id !== undefined && idCell !== '' && !isEmptyMarker(idCell);
      const column = useId ? columns.id! : columns.name;
      if (column === undefined) continue;
      // `| 2. Sync |` under a `Phase` header is Phase 2: the header gives the unit word the cell leaves out.
      const written = useId ? numbered(cells[column] ?? '') : (cells[column] ?? '');
      const refCell = !useId && unitWord !== undefined && /^\d/u.test(written) ? `${unitWord} ${written}` : written;
      if (!refCell || isEmptyMarker(refCell)) continue;
      // `| M1–M6 | scaffold → integration |`: a row over a range of units sums them up; it is none of them.
      if (UNIT_RANGE.test(refCell) || ID_RANGE.test(refCell)) continue;
      // A bold number (`| **3** |`) is still the number the header's word goes with: the cell's markup then names nothing.
      const reference = useId
        ? (findId(refCell, { anywhere: true }) ?? findSpecRef(refCell) ?? unitWordReference(refCell)?.reference ?? cleanName(refCell))
        : extractReference(refCell, refCell === written ? row.children[column]?.children : undefined)?.reference;
      if (!reference) continue;
      const labelParts = [columns.id, columns.name, titleColumn < 0 ? undefined : titleColumn]
        .filter((c): c is number => c !== undefined)
        .sort((a, b) => a - b)
        .map((c) => (c === column ? refCell : (cells[c] ?? '')))
        .filter((cell) => !isEmptyMarker(cell));
      const draft = this.draft(reference, [...new Set(labelParts.filter(Boolean))].join(' — ') || refCell, this.src.position(row), context);
      if (columns.phase !== undefined && cells[columns.phase]) {
        const scope = cells[columns.phase]!;
        draft.phase = cleanName(scope);
        const member = memberKey(scope);
        if (member !== undefined) draft.memberOf = member;
      }
      if (columns.priority !== undefined && cells[columns.priority]) {
        draft.priority = cleanName(cells[columns.priority]!) || cells[columns.priority]!.trim();
        draft.priorityAt = draft.position;
      }
      if (columns.order !== undefined) draft.ranked = true;
      if (columns.status !== undefined) {
        const cell = cells[columns.status] ?? '';
        const cellNode = row.children[columns.status];
        const word = leadingStateWord(cell, { loose: true }) ?? stateMarkIn(cell);
        const slid = word ? undefined : slidState(cells, columns.status, column);
        if (word && !listsAllStates(cell)) draft.own = this.markAt(cellNode, word);
        else if (slid) draft.own = this.markAt(row.children[columns.status - 1], slid);
        else if (cell && !isEmptyMarker(cell) && !listsAllStates(cell)) this.unknownState(cell, reference, this.src.position(cellNode));
      } else {
        const state = entryState(refCell);
        if (state) draft.own = this.markAt(row.children[column], state);
      }
      // `| ~~RW_1.1~~ | ~~Quick dump~~ |`: a row struck out, without a state of its own, is set aside. So is one whose
      // status still says it is not started (`| ~~Cloud sync~~ — superseded | ⬜ Not started |`): the strike came later.
      const struck = [column, columns.name].find((at) => at !== undefined && struckThrough(row.children[at]));
      if ((!draft.own || draft.own.state === 'todo') && struck !== undefined) draft.own = this.markAt(row.children[struck], STRUCK);
      // `| F18 | Request queuing | [specs/021-request-queuing](…) |`: a cell linking a spec folder names the row's spec; where
      // a column is the rows' spec, only that one does, and the paths a Scope or Files column lists are what the work touches.
      const linking = specColumn !== undefined ? [row.children[specColumn]] : row.children.filter((_, at) => !touched.has(at));
      const links = linking.flatMap((cell) => (cell ? linkTargets(cell) : [])).slice(0, 3);
      if (links.length > 0) draft.links = links;
      if (columns.dependencies !== undefined) {
        const cellNode = row.children[columns.dependencies];
        for (const dependency of splitDependencies(cells[columns.dependencies] ?? '', 0)) {
          draft.dependencies.push({ value: numbered(dependency.value), position: this.src.locate(cellNode, dependency.value) });
        }
      } else {
        this.inlineDependencies(draft, refCell, row.children[column] ?? row);
      }
      this.drafts.push(draft);
    }
  }

  /** The rows of a table with a status column among a unit's details count as its tasks (`| M3.1 | ⚠️ Partial |`). */
  private tableTasks(table: Table, status: number | undefined, draft: Draft): void {
    if (status === undefined) return;
    for (let r = 1; r < table.children.length; r++) {
      const cell = rowCells(table, r)[status] ?? '';
      const word = leadingStateWord(cell, { loose: true }) ?? stateMarkIn(cell);
      if (!word || word.state === 'cancelled' || listsAllStates(cell)) continue;
      const position = this.src.position(table.children[r]);
      draft.tasks.total++;
      draft.tasks.first ??= position;
      if (word.state === 'done') draft.tasks.done++;
      else draft.tasks.open ??= position;
      if (word.state === 'in-progress') draft.tasks.underWay = (draft.tasks.underWay ?? 0) + 1;
    }
  }

  // ------------------------------------------------------------------ order

  private code(node: Code, context: Context): void {
    if (!context.order || context.unit) return;
    // Only a plain fence holds an order (`text` or none); a diagram's language says it is something else.
    if (node.lang && node.lang.toLowerCase() !== 'text') return;
    const lines = node.value.split(/\r\n|\r|\n/u);
    for (const line of lines.slice(0, 200)) this.chainLine(line);
  }

  /** `511 (quick wins) → 512 → 515`: the tokens between arrows, in the order written. */
  private chainLine(line: string): void {
    const tokens = splitArrows(line.slice(0, 2000));
    // `   ↘ 72 (queries)`: a line that starts with an arrow goes on from the line above.
    const last = this.chains[this.chains.length - 1];
    if (tokens.length === 1 && last && startsWithArrow(line)) last.push(tokens[0]!);
    if (tokens.length < 2) return;
    this.chains.push(tokens);
  }

  /**
   * Puts the units an arrow chain names first, in the chain's order (first appearance, line by line); the
   * rest keep their place after them. A chain counts when at least half its tokens name a unit of the document.
   */
  private applyChains(drafts: Draft[]): boolean {
    if (this.chains.length === 0) return false;
    const byKey = new Map<string, Draft>();
    for (const draft of drafts) for (const key of draft.keys) if (!byKey.has(key)) byKey.set(key, draft);
    const ordered: Draft[] = [];
    for (const tokens of this.chains) {
      const found = tokens.map((token) => resolveToken(token, byKey));
      if (found.filter(Boolean).length * 2 < tokens.length) continue;
      for (const draft of found) if (draft && !ordered.includes(draft)) ordered.push(draft);
    }
    if (ordered.length === 0) return false;
    const rest = drafts.filter((d) => !ordered.includes(d));
    drafts.splice(0, drafts.length, ...ordered, ...rest);
    return true;
  }

  private resolvePointers(): void {
    for (const pointer of this.pointers) {
      const mark = pointer.focus && this.notStarted ? this.notStarted : pointer.mark;
      const keys = keysOf(pointer.name, pointer.name);
      const matching = this.drafts.filter((d) => keys.some((k) => d.keys.includes(k)));
      // `1.0 Phase 2 — Lobby` names the 1.0 milestone's Phase 2, not the first plan's: the unit whose whole name the
      // pointer starts with is the one it names.
      const written = titleWords(cleanName(pointer.name)).join(' ');
      const namedFirst = (d: Draft): boolean => startsWithWords(written, titleWords(cleanName(d.reference)).join(' '));
      const target =
        matching.length > 1
          ? (matching.find(namedFirst) ?? matching[0])
          : (matching[0] ?? this.drafts.find((d) => RELEASE_UNIT.test(d.reference) && namedFirst(d)));
      if (!target) {
        // A status file's `Current focus:` names a unit of the plan: an entry of its own, matched with the plan's by name.
        if (pointer.anywhere && this.options.mode === 'state') this.pointedUnit(pointer.name, mark);
        continue;
      }
      if (target.own && (target.own.state === 'done' || target.own.state === 'cancelled')) continue;
      if (pointer.mark.state === 'in-progress' && target.own?.state === 'in-progress') continue;
      // A unit under way is not sent back by a line that names it next.
      if (pointer.next && target.own?.state === 'in-progress') continue;
      target.own = mark;
      if (pointer.next) target.ownFromPointer = true;
    }
  }

  /** `**Current focus:** Phase 4 - Event bus`: a line that names the unit in progress, here or in the plan. */
  private pointerLine(label: LabelLine, line: number): boolean {
    // `**Next:** Phase 4` under `## Current position` names what comes next; elsewhere a bare `Next:` may say anything.
    const section = this.stack[this.stack.length - 1];
    const bareNext = /^next$/iu.test(label.label.trim()) && section !== undefined && CURRENT_POSITION.test(foldTitle(section.title));
    if (!label.value || (sectionRole(label.label) !== 'pointer' && !bareNext)) return false;
    const position: SourcePosition = { file: this.doc.file, line, column: label.valueIndex + 1 };
    // `Phase 4 complete. Phase 5 (Polish) next.`: sentences that each name a unit say each one's state; the
    // focus is the one whose sentence says none.
    // `Phase 1 complete, ready for Phase 2`: a comma parts them too, and "ready for" names what comes next.
    const sentences = statusSentences(label.value).filter((s) => unitKeyOf(s.replace(READY_FOR, '')) !== undefined);
    // `**Next Feature**: Feature 017 - Profile page`: the label itself says the unit it names comes next.
    const namesNext = NEXT_LABEL.test(label.label) || bareNext;
    for (const sentence of sentences.length > 1 ? sentences : [label.value]) {
      if (namesNext) {
        this.pointers.push({ name: cleanName(sentence), mark: { state: 'todo', raw: label.label, position }, anywhere: true, focus: false, next: true });
        continue;
      }
      const ready = READY_FOR.exec(sentence);
      // `Phase 4 is next` says so in words, alone as well as among other sentences.
      const isNext = ready ? null : IS_NEXT.exec(sentence);
      const named = ready ? sentence.slice(ready[0].length) : isNext ? sentence.slice(0, isNext.index) : sentence;
      const own = ready
        ? { state: 'todo' as const, raw: ready[0].trim() }
        : (entryState(sentence) ??
          (sentences.length > 1
            ? (stateAfterKey(sentence) ?? lastWordState(sentence))
            : isNext
              ? { state: 'todo' as const, raw: isNext[0].trim() }
              : // `Milestone 1.0 — Phase 4 complete; hotfix applied`: the one sentence that names a unit says its state.
                sentences.length === 1 ? stateAfterKey(innerUnit(sentences[0]!)) : undefined));
      const mark: StateMark = own ? { state: own.state, raw: own.raw, position } : { state: 'in-progress', raw: label.label, position };
      this.pointers.push({ name: cleanName(named), mark, anywhere: true, focus: !own });
    }
    return true;
  }

  /** `- **Phase**: Phase 18` and `- **Status**: ✅ Complete` under `## Current Position`: read as its lines are. */
  private positionItems(items: readonly ListItem[], context: Context): boolean {
    const section = this.stack[this.stack.length - 1];
    if (!section || !CURRENT_POSITION.test(foldTitle(section.title))) return false;
    let read = false;
    for (const item of items) {
      const line = item.position?.start.line;
      if (line === undefined) continue;
      const raw = this.src.line(line);
      const label = labelLine(raw);
      if (label && (this.positionUnit(label, raw, line, context) || this.positionStatus(label, line, { raw, context }))) read = true;
    }
    return read && items.every((item) => labelLine(this.src.line(item.position?.start.line ?? 0)) !== undefined);
  }

  /**
   * `Status: Ready to plan` under `## Current Position`: the work in focus has not started. The focus line
   * then names what comes next, not work in progress. `Status: ✅ Complete` after a `Phase:` line: that phase is
   * finished (`written` says where, to record it).
   */
  private positionStatus(label: LabelLine, line: number, written?: { raw: string; context: Context }): boolean {
    const section = this.stack[this.stack.length - 1];
    if (!section || !CURRENT_POSITION.test(foldTitle(section.title)) || !STATUS_LABEL.test(label.label)) return false;
    const state = NOT_STARTED.exec(label.value)?.[0] ?? (leadingStateWord(label.value)?.state === 'todo' ? label.value : undefined) ?? namedNext(label.value);
    if (state) this.notStarted ??= { state: 'todo', raw: state, position: { file: this.doc.file, line, column: label.valueIndex + 1 } };
    // `- **Phase**: Phase 18 (Remote LLM)` then `- **Status**: ✅ Complete`: the Status is the named phase's.
    const done = leadingStateWord(label.value, { loose: true });
    if (!state && written && this.positionPhase !== undefined && done !== undefined && done.index <= 2 && done.state === 'done') {
      this.stateLine(this.positionPhase, this.positionPhase, { ...done, index: label.valueIndex + done.index }, written.raw, line, written.context);
    }
    return true;
  }

  /**
   * `Phase: 02 (package-management-sync) — COMPLETE` in the current-position section of a state file: the unit the
   * work stands at, and its state after the dash. Returns whether the line was read here.
   */
  private positionUnit(label: LabelLine, raw: string, line: number, context: Context): boolean {
    const section = this.stack[this.stack.length - 1];
    if (!section || !CURRENT_POSITION.test(foldTitle(section.title)) || !POSITION_UNIT_LABEL.test(label.label.trim())) return false;
    const state = trailingDashState(label.value);
    if (!state) {
      this.positionPhase = unitKeyOf(label.value) !== undefined ? label.value : `${label.label.trim()} ${label.value}`;
      return false;
    }
    const name = `${label.label.trim()} ${beforeState(label.value, state.index)}`;
    const made = this.stateLine(name, name, state, raw, line, context);
    // `Phase: 08 (google-auth) — EXECUTING` says where the work stood when the file was last written, as a current-focus
    // line does: once a record says the phase is finished, it has stayed behind.
    if (made && state.state === 'in-progress') made.ownFromPointer = true;
    return true;
  }

  private pointedUnit(written: string, mark: StateMark): void {
    const name = innerUnit(written);
    const reference = unitWordReference(name) ?? extractReference(name);
    // Only what names a unit by itself (`Phase 4`, `F-012`, `003-tags`), not a phrase (`Polishing the docs`).
    if (!reference || (reference.kind === 'name' && unitKeyOf(name) === undefined)) return;
    const draft = this.draft(reference.reference, cleanLabel(name), mark.position, this.context());
    draft.section = mark;
    draft.sectionFrom = 'pointer';
    this.drafts.push(draft);
  }

  private unknownState(value: string, reference: string, position: SourcePosition): void {
    this.diagnostics.push(
      diagnostic(
        this.options.rule,
        'info',
        `Status "${clip(value, 40)}" of ${reference} is not a state govern knows; write done, in progress, blocked, todo or cancelled (see ${docsUrl('formats/state.md')}).`,
        position,
      ),
    );
  }
}

// ---------------------------------------------------------------- keys

const LEADING_PICTOGRAPH = /^\s*\p{Extended_Pictographic}/u;

/**
 * Whether sibling headings wear icons: three or more start with a pictograph, and fewer than half of the different
 * pictographs are state marks. A mark that also leads a heading naming neither a unit nor a state (`📋 Document info`,
 * `🔄 Git workflow`) is an icon in that document. A guide's `🚀 Getting started`, `🐛 Common issues`, `🔄 Git workflow`
 * decorate, as a plan's `📋 Document info`, `🎯 Roadmap`, `📅 Phase 1` … `📅 Phase 3`, `📊 Progress` do; a roadmap's
 * `✅ Phase 1`, `🚧 Phase 2`, `📋 Phase 3` record states.
 */
function decoratedTitles(titles: readonly string[]): boolean {
  let count = 0;
  const pictographs = new Set<string>();
  const marks = new Set<string>();
  const icons = new Set<string>();
  for (const title of titles) {
    if (isAscii(title) || !LEADING_PICTOGRAPH.test(title)) continue;
    count++;
    const symbol = String.fromCodePoint(title.trimStart().codePointAt(0)!);
    pictographs.add(symbol);
    const lead = leadingStateWord(title, { loose: true });
    if (!lead || !isMarkMatch(lead)) continue;
    const rest = title.slice(lead.index + lead.length);
    if (unitKeyOf(rest) !== undefined || leadingStateWord(rest, { loose: true }) !== undefined || NUMBERED.test(rest.trimStart())) marks.add(symbol);
    else icons.add(symbol);
  }
  for (const icon of icons) marks.delete(icon);
  return count >= 3 && marks.size * 2 < pictographs.size;
}

/**
 * What a heading's title says its section is for, when not work: `## Phase 2: Data analysis` is a phase whatever notes
 * word ends its title; `## Technical debt analysis` is notes.
 */
function titleRole(title: string, folded: string): SectionRole | undefined {
  // `Phase 2 Summary`, `Sprint 3 Retrospective`: notes on a unit, written under a heading of their own.
  if (UNIT_RECAP.test(folded)) return 'notes';
  const stripped = stripLead(title);
  const named = UNIT_WORD(stripped).test(stripped);
  const written = sectionRole(title);
  // `### [ ] Write the API overview`: a title that carries a task box is a work item whatever word ends it.
  if (BOXED_TITLE.test(title) && (written === undefined || written === 'notes')) return undefined;
  return (written === 'notes' && named ? undefined : written) ?? (NOT_WORK_TITLE.test(folded) || CJK_NOTES_TITLE.test(folded) ? 'notes' : undefined);
}

/** A title led by a task box: `[ ] Security analysis`, `[x] Usage summary`. */
const BOXED_TITLE = /^\s*\[[ xX]\]\s/u;

/**
 * A numbered heading whose words name a kind of section, not a unit: `### 2.1 Weekly goals`, `### 2.2 Deliverables`
 * under `## 2. Phase 1` are chapters of that phase, which stays one unit.
 */
function namesSection(title: string): boolean {
  if (unitKeyOf(title) !== undefined) return false;
  const folded = foldTitle(title);
  const role = titleRole(title, folded);
  return (role !== undefined && role !== 'pointer') || SEQUENCE_TITLE.test(folded);
}

/**
 * A top-level section that announces the list of work (`## 5) Milestones`, `## Roadmap`), with no state of its own: a
 * section titled so and marked (`### ✅ 1. Change the state of tasks`) is an entry, not the list.
 */
function announcesWork(child: { heading: Heading }): boolean {
  const title = plainText(child.heading);
  const folded = foldTitle(title);
  return child.heading.depth <= 2 && SEQUENCE_TITLE.test(folded) && titleRole(title, folded) === undefined && entryState(title) === undefined && leadingStateWord(title, { loose: true }) === undefined;
}

/** A numbered title that names no unit and announces no work: a chapter of the document (`3) Ground rules`). */
function chapterTitle(title: string): boolean {
  return NUMBERED.test(title) && unitKeyOf(title) === undefined && !SEQUENCE_TITLE.test(foldTitle(title));
}

/** Whether a heading's title names a unit by itself: an id, a unit word with a number, a version or a state of its own. */
function headingNamesUnit(title: string): boolean {
  if (unitKeyOf(title) !== undefined || hasFeatureMark(title)) return true;
  const lead = leadingStateWord(title, { loose: true });
  if (lead) return unitKeyOf(title.slice(lead.index + lead.length)) !== undefined;
  return entryState(title) !== undefined || NUMBERED.test(title);
}

/**
 * `### Phase: End-to-end check`: a heading that calls itself a phase and gives a name, not a number. A milestone so
 * written (`## Milestone: v0.2 Alpha`) is as often the section over its epics, and a version names a release, so
 * neither is read this way.
 */
const NAMED_UNIT = asciiFirst(String.raw`^(phase|stage|sprint|iteration|fase|etapa|étape|etappe|stufe|этап|фаза|フェーズ|阶段|階段|단계)\s*[:：]\s*(?![vV]?\d)(\p{L}[^\n]{0,80})$`, 'iu');

/**
 * A heading written `Phase: <name>`: its key (the unit word and the name, as `phase 3` is the word and the number) and
 * its name; undefined for any other heading.
 */
function namedUnit(title: string): { key: string; name: string } | undefined {
  const lead = stripLead(title).trim();
  const named = NAMED_UNIT(lead).exec(lead);
  return named ? { key: `${named[1]!.toLowerCase()} ${slugify(named[2]!)}`, name: named[2]!.trim() } : undefined;
}

/**
 * The key a title names its unit by within a document, or undefined: a feature id (`TODO-7`), a spec folder,
 * a unit word with a number (`sprint 511`, `phase 3`), a version (`v0.7.0`) or a short code (`a1`).
 */
export function unitKeyOf(text: string): string | undefined {
  const lead = stripLead(text);
  const word = UNIT_WORD(lead).exec(lead);
  if (word) return `${(word[1] ?? word[2])!.toLowerCase()} ${word[3] !== undefined ? normaliseNumber(word[3]) : word[4]!.toLowerCase()}`;
  const ordinal = CJK_ORDINAL.exec(lead);
  if (ordinal) return `phase ${ordinal[1]}`;
  const version = VERSION.exec(lead) ?? releaseName(lead);
  if (version) return normaliseVersion(version[1]!);
  const id = findId(lead);
  if (id) return id.toUpperCase();
  const spec = findSpecRef(lead.slice(0, 80));
  if (spec) return spec.toLowerCase();
  const code = SHORT_CODE.exec(lead);
  if (code) return code[1]!.toLowerCase();
  return undefined;
}

/** `M1`, `M9a`, `F-003`, `M07.4` at the start of a cell: capitals, then a number. */
const CELL_ID = /^\s*(?:\*\*)?[A-Z]{1,4}-?\d{1,5}(?:\.\d{1,3}){0,2}[a-z]?(?![\p{L}\p{N}])/u;

/** Whether every body row's cell in `column` starts with an id (`M1 ✅`, `F-003`), not a bare number. */
function holdsIds(table: Table, column: number): boolean {
  if (table.children.length < 2) return false;
  for (let r = 1; r < table.children.length; r++) {
    if (!CELL_ID.test(rowCells(table, r)[column] ?? '')) return false;
  }
  return true;
}

/** Scope keys: phases, sprints, milestones and versions; ids, spec folders, short codes and features, stories and tasks are units. */
function isScopeKey(key: string): boolean {
  // `v2.0`, and `M1` as roadmaps key their milestones.
  if (/^[vm]\d/u.test(key)) return true;
  return / /u.test(key) && !/^(?:feature|story|task|item) /u.test(key);
}

function normaliseNumber(number: string): string {
  return number.replace(/^v/iu, '').replace(/^0+(?=\d)/u, '').toLowerCase();
}

function normaliseVersion(version: string): string {
  return `v${version.replace(/^v/iu, '')}`;
}

/** Whether `text`'s words begin with all of `words` (`1 0 phase 2 lobby` with `1 0 phase 2`). */
function startsWithWords(text: string, words: string): boolean {
  return words !== '' && (text === words || text.startsWith(`${words} `));
}

/** Every key a unit is known by within its document: its unit key, the bare number of a numbered unit word, its name. */
function keysOf(reference: string, label: string): string[] {
  const keys: string[] = [];
  for (const text of [label, reference]) {
    const key = unitKeyOf(text);
    if (key && !keys.includes(key)) keys.push(key);
    const number = key ? / (\S+)$/u.exec(key)?.[1] : undefined;
    if (number && !keys.includes(`#${number}`)) keys.push(`#${number}`);
  }
  const name = titleWords(cleanName(plusAsWord(reference))).join(' ');
  if (name && !keys.includes(name)) keys.push(name);
  return keys;
}

/** The unit a scope cell of a table row names (`511`, `515 DONE`, `Phase 3`, `A1`), as a key; undefined for `—`, `Gradual`. */
function memberKey(cell: string): string | undefined {
  const text = cell.trim();
  const number = /^#?(\d{1,6})(?![\p{L}\p{N}.])/u.exec(text);
  if (number) return `#${normaliseNumber(number[1]!)}`;
  const code = /^([A-Z]{1,2}\d{1,3}[a-z]?)(?![\p{L}\p{N}])/u.exec(text);
  if (code) return code[1]!.toLowerCase();
  return unitKeyOf(text);
}

/** A chain token (`511 (quick wins)`, `Stage 5`, `A1`) resolved to a unit of the document. */
function resolveToken(token: string, byKey: ReadonlyMap<string, Draft>): Draft | undefined {
  const key = memberKey(token);
  if (key) {
    const found = byKey.get(key);
    if (found) return found;
  }
  const name = titleWords(cleanName(token.replace(/\([^()]*\)/gu, ' '))).join(' ');
  return name ? byKey.get(name) : undefined;
}

function startsWithArrow(line: string): boolean {
  const text = line.trimStart();
  return '→⟶➡↘↗⇒'.includes(text[0] ?? ' ') || ((text[0] === '-' || text[0] === '=') && text[1] === '>');
}

/** The tokens between the arrows of a line (`→`, `->`, `=>`, `⟶`, `➡`, `↘`, `↗`, `⇒`), trimmed; one scan. */
export function splitArrows(line: string): string[] {
  const tokens: string[] = [];
  let start = 0;
  let arrows = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    let width = 0;
    if ('→⟶➡↘↗⇒'.includes(ch)) width = 1;
    else if ((ch === '-' || ch === '=') && line[i + 1] === '>') width = 2;
    if (width === 0) continue;
    tokens.push(line.slice(start, i));
    arrows++;
    i += width - 1;
    start = i + 1;
  }
  if (arrows === 0) return [];
  tokens.push(line.slice(start));
  return tokens.map((t) => t.replace(/[*_`]/gu, '').trim()).filter((t) => t !== '');
}

// ---------------------------------------------------------------- small readers

/** An item whose name opens with `(Optional)` after its id: `Task 2.3.2: 🧑 (Optional) Regenerate`. */
const OPTIONAL_ITEM = /^[^\n(]{0,60}?[:：—–-]\s*(?:\p{Extended_Pictographic}\uFE0F?\s*)?\((?:optional|optionnel|opcional|opzionale)\)/iu;

/** Words in brackets that set a task aside: `(optional)`, `(deferred to v2)`, `(optional - deferred)`, `(facultatif)`. */
const SET_ASIDE_WORDS = /(?:^|[^\p{L}])(?:optional|deferred|postponed|nice to have|optionnel|facultatif|opcional|aplazad[oa]|adiad[oa]|zurückgestellt)(?![\p{L}])/iu;

/** A clause that sets a task aside by its first word: `deferred (depends on CSV import)`, `postponed to v2`. */
const SET_ASIDE_CLAUSE = /^(?:optional|deferred|postponed|nice to have|optionnel|facultatif|opcional|aplazad[oa]|adiad[oa]|zurückgestellt)(?![\p{L}])/iu;

/**
 * Whether words in brackets in a task's text set it aside (`- [ ] Shell completions (optional - deferred)`), or the
 * clause after its last dash does (`- [ ] BSON export — deferred`).
 */
function setAsideInBrackets(text: string): boolean {
  for (const group of text.slice(0, 400).matchAll(/\(([^()]{1,80})\)/gu)) if (SET_ASIDE_WORDS.test(group[1]!)) return true;
  for (const dash of [' — ', ' – ', ' - ']) {
    const at = text.lastIndexOf(dash);
    if (at > 0 && SET_ASIDE_CLAUSE.test(text.slice(at + dash.length).trimStart())) return true;
  }
  return false;
}

/** A state that says the work never finishes: `ongoing`, `continuous`, `laufend`. */
const PERPETUAL = /^(?:ongoing|continuous|continual|permanent|laufend|en continu|continuo|contínuo|постоянно)$/iu;

/** A line that opens with a date (`2026-04-16: …`, `**2026-04-16** — …`, `[2026-04-16] …`). */
const DATED_LINE = /^[\s*_[(]*\d{4}-\d{2}-\d{2}(?!\d)/u;

/** A whole cell that is a number (`4`, `2.1`). */
const BARE_NUMBER = /^\d{1,6}(?:\.\d{1,6}){0,3}$/u;

/** The unit word of an id column's header (`Task ID`, `Step #`, `Phase`), when its ids are bare numbers of that unit. */
function numberedBy(header: string): string | undefined {
  const word = /^[\p{L}]+/u.exec(header.trim())?.[0];
  if (word === undefined) return undefined;
  const sample = `${word} 1`;
  return UNIT_WORD(sample).test(sample) ? word : undefined;
}

/** The unit word and number that open a text (`Phase 1` of `Phase 1 MVP`), if any. */
function unitWordOpening(text: string): string | undefined {
  const lead = stripLead(text);
  return UNIT_WORD(lead).exec(lead)?.[0];
}

/**
 * `✅ Phase 3 complete`, `- Sprint 12 (done)`: an item that is a unit word and number followed only by a
 * state names that unit, so it is found under the same key as the `## Phase 3: Payments` it speaks of.
 */
function unitWordReference(text: string): ReturnType<typeof extractReference> {
  const lead = stripLead(text);
  const word = UNIT_WORD(lead).exec(lead);
  if (!word) return undefined;
  const rest = lead.slice(word[0].length).replace(/^[\s:：—–-]+/u, '');
  if (rest !== '' && !(leadingStateWord(rest, { loose: true }) && leadingStateWord(rest, { loose: true })!.index === 0)) return undefined;
  return { reference: word[0], kind: 'name' };
}

/**
 * A title that calls the document a requirements or design document (`# Tide app — Product Requirements
 * Document`): its numbered sections are chapters, not work, whatever the file is named. Only its sequence
 * sections are read, as in a DEVELOPMENT.md.
 */
const PRODUCT_TITLE = /(?<![\p{L}\p{N}])(?:prd|product requirements?|requirements (?:document|specification)|software requirements|design (?:document|doc)|technical design|architecture|lastenheft|pflichtenheft|cahier des charges|documento de requisitos|需求文档|需求規格|要件定義|요구사항 ?(?:정의서|명세서?)?|제품 요구)(?![\p{L}\p{N}])/iu;

/** The sections of a requirements document that order work (`## 7. Roadmap`); `## 3. Features` is a chapter of it. */
const PRODUCT_SEQUENCE_TITLE =
  /\b(?:sequence|order|roadmap|backlog|phases|milestones|(?:development|implementation|delivery|release|build) plan|next up|up next|what'?s next|waves|sprints|iterations)\b|路线图|路線圖|开发顺序|開發順序|ロードマップ|バックログ|로드맵|yol haritası|дорожная карта/u;

function describesProduct(doc: MarkdownDocument): boolean {
  const first = doc.tree.children.find((node) => node.type === 'heading');
  if (first?.type !== 'heading' || first.depth !== 1) return false;
  const title = plainText(first).slice(0, 200);
  return PRODUCT_TITLE.test(title) || NOTE_TITLE.test(title);
}

/**
 * A title that calls the document a research note or a how-to (`# How to run reviews from a hook`, `# Research:
 * offline maps`, `# …を自動依頼する方法`): its numbered sections are its chapters, not work, like a design document's.
 */
const NOTE_TITLE = /^(?:how to|howto|research|investigation)(?![\p{L}\p{N}])|(?<![\p{L}\p{N}])(?:research (?:notes?|report)|investigation report)(?![\p{L}\p{N}])|(?:する方法|の方法|調査報告|调研报告|調研報告|조사 보고서|하는 방법)\s*$/iu;

/** `### Features in flight 🚧`, `## Tasks done`: a word for the units it holds, then their state and nothing else. */
function namesUnitsInState(title: string): boolean {
  const collective = COLLECTIVE_TITLE.exec(title.replace(/[*_`]/gu, '').trim());
  const state = collective ? leadingStateWord(collective[1]!, { loose: true }) : undefined;
  return state !== undefined && state.index === 0 && cleanName(state.rest) === '';
}

/** The words before a state written after them, without the dash or colon between: `Phase 1: Contracts — done` → `Phase 1: Contracts`. */
function beforeState(text: string, index: number): string {
  let end = index;
  while (end > 0 && ' \t—–-:：('.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** A checkbox written in the text, where Markdown did not make one (`[~]`, `[/]`, `[!]`), with its mark. */
const TEXT_BOX = /^\s*\[([ xX~/!>-])\]/u;

/** Whether a list item is a checkbox, as Markdown reads it or as written in its text. */
function boxed(item: ListItem, text: string): boolean {
  return typeof item.checked === 'boolean' || TEXT_BOX.test(text);
}

/**
 * A one-line paragraph that is a bold name, a dash and a state (`**Auth & RBAC** - IN PROGRESS`, with a note in
 * brackets after it or none): the unit it names and its state. Undefined for any other paragraph.
 */
function namedStateLine(paragraph: Paragraph): { name: string; state: StateWordMatch } | undefined {
  const first = paragraph.children[0];
  if (first?.type !== 'strong' || paragraph.position?.start.line !== paragraph.position?.end.line) return undefined;
  const name = plainText(first).trim();
  const text = plainText(paragraph);
  const dash = /^\s*[-–—]\s+/u.exec(text.slice(plainText(first).length));
  if (name === '' || !dash) return undefined;
  const after = text.slice(plainText(first).length + dash[0].length);
  const state = leadingStateWord(after);
  if (!state || state.index > 2) return undefined;
  const tail = after.slice(state.index + state.length).replace(/[*_`]/gu, '').trim();
  if (tail !== '' && !tail.startsWith('(')) return undefined;
  return { name, state: { ...state, index: text.length - after.length + state.index } };
}

/** The state a line ends with after a dash (`Phase 3: Alerts — in progress`), the whole rest being that state. */
function trailingDashState(text: string): StateWordMatch | undefined {
  const at = Math.max(text.lastIndexOf(' — '), text.lastIndexOf(' – '), text.lastIndexOf(' - '));
  if (at < 0) return undefined;
  const state = leadingStateWord(text.slice(at + 3));
  return state && state.rest === '' && state.index === 0 ? { ...state, index: at + 3 } : undefined;
}

/** The state written right after the unit a sentence starts with (`Phase 4 complete — wired`), if any. */
function stateAfterKey(sentence: string): StateWordMatch | undefined {
  const lead = stripLead(sentence);
  const word = UNIT_WORD(lead).exec(lead);
  if (!word) return undefined;
  const state = leadingStateWord(lead.slice(word[0].length).replace(/^[\s:：—–-]+/u, ''), { loose: true });
  return state?.index === 0 ? state : undefined;
}

/** `v1.2 Sync -- Phase 13 (Matrix)`: the phase within the milestone is the unit in focus; the words from it on. */
function innerUnit(written: string): string {
  const inner = INNER_UNIT.exec(written);
  return inner && inner.index > 0 ? written.slice(inner.index) : written;
}

/** `Phase 4 complete, Phase 5 next`, `…; Phase 5 not started`: the sentence of a Status value that names a unit as not started yet. */
function namedNext(value: string): string | undefined {
  return statusSentences(value).find((words) => unitKeyOf(words) !== undefined && (lastWordState(words)?.state === 'todo' || ENDS_NOT_STARTED.test(words)));
}

/** The sentences of a focus or Status value, parted by `.`, `;`, `!` or a comma, without their ending mark. */
function statusSentences(value: string): string[] {
  return value.split(/(?<=[.;!。；,，])\s+/u).map((sentence) => sentence.replace(/[.;!。；,，]$/u, '').trim());
}

/** Whether a column of the table holds nothing but a path or glob in code on every row (`\`docs/*.md\``). */
function indexesFiles(table: Table): boolean {
  const width = table.children[0]?.children.length ?? 0;
  for (let column = 0; column < width; column++) {
    const paths = table.children.slice(1).every((row) => {
      const only = row.children[column]?.children;
      return only?.length === 1 && only[0]!.type === 'inlineCode' && /[/*]|\.[a-z]{1,5}$/iu.test(only[0]!.value);
    });
    if (paths) return true;
  }
  return false;
}

/**
 * A table of files whose Status column says mostly how each file changed, not a state of work: `| \`src/fetch.ts\` |
 * EXTENDED — retries |`, `| \`src/log.ts\` | unchanged |` in a session's summary. It lists no work.
 */
function changedFiles(table: Table, status: number | undefined): boolean {
  if (status === undefined || !indexesFiles(table)) return false;
  const rows = table.children.length - 1;
  let stated = 0;
  for (let r = 1; r <= rows; r++) {
    const cell = rowCells(table, r)[status] ?? '';
    if (leadingStateWord(cell, { loose: true }) ?? stateMarkIn(cell)) stated++;
  }
  return stated * 2 < rows;
}

/** The state a sentence ends with, as one word (`Phase 5 (Polish) next`), if any. */
function lastWordState(sentence: string): StateWordMatch | undefined {
  const at = sentence.lastIndexOf(' ');
  const state = at > 0 ? leadingStateWord(sentence.slice(at + 1)) : undefined;
  return state && state.rest === '' && !isMarkMatch(state) ? { ...state, index: state.index + at + 1 } : undefined;
}

/** The current-focus pointer a heading names after a colon (`🎯 Current focus: Stage 5`), or undefined. */
function pointerTarget(title: string): string | undefined {
  const colon = /[:：]/u.exec(title);
  if (!colon) return undefined;
  const before = title.slice(0, colon.index);
  if (sectionRole(before) !== 'pointer') return undefined;
  return cleanName(title.slice(colon.index + 1)) || undefined;
}

/**
 * A heading's words, with a state word in code at its end (`### M3 — Client \`done\``) written as the tag it is,
 * `(done)`, so that it is read as the heading's state and not as part of its name.
 */
function headingTitle(node: Heading): string {
  // `## - [x] Phase 1: Setup`: a heading written as a ticked list item is a boxed heading, `## [x] Phase 1: Setup`.
  const title = plainText(node).replace(/^[-*+][ \t]+(?=\[[ xX/~-]\])/u, '');
  const last = node.children[node.children.length - 1];
  if (last?.type !== 'inlineCode' || node.children.length < 2) return title;
  const word = leadingStateWord(last.value);
  if (!word || word.index !== 0 || word.rest !== '') return title;
  const at = title.lastIndexOf(last.value);
  return at > 0 ? `${title.slice(0, at).trimEnd()} (${last.value})` : title;
}

/** What a line struck through from its start says: the work is set aside. */
const STRUCK: StateWordMatch = { state: 'cancelled', raw: '~~', index: 0, length: 2, rest: '' };

/**
 * A plain list (no checkbox, no state mark) some of whose items are struck through: a to-do list that strikes out
 * what is finished (`* ~~Draw the mock-ups~~`). Where items carry boxes, a struck one is dropped work instead.
 */
function strikesAsDone(list: List): boolean {
  let struck = 0;
  for (const item of list.children) {
    const parts = listItemParts(item);
    if (typeof item.checked === 'boolean' || boxed(item, parts.text) || leadsWithMark(firstLine(parts.text))) return false;
    if (struckThrough(parts.paragraph)) struck++;
  }
  return struck > 0;
}

/** Whether an item's words are struck through from their start: `~~F-013 Comments~~ — dropped`. */
function struckThrough(paragraph: { children: readonly PhrasingContent[] } | undefined): boolean {
  for (const child of paragraph?.children ?? []) {
    if (child.type === 'text' && child.value.trim() === '') continue;
    return child.type === 'delete';
  }
  return false;
}

/** `7 / 7`, `3 of 10`, `10 件中 10 件完了`: a count of done parts as a status. Equal counts are done, others under way. */
const COUNT = /^\s*(\d{1,4})\s*(?:\/|of|von|de|sur|из|件中|中|개 중)\s*(\d{1,4})(?!\d)/u;
/** `80%`, `~45 %`: a Status value that is the share of the work done, and nothing else after it but a full stop. */
const SHARE_VALUE = /^\s*~?(\d{1,3})(?:[.,]\d{1,2})?\s?%[\s.]*$/u;
/** A dash after the first words of a Status value ends its state: `**Started** - protocol work under way` is `Started`. */
const STATE_HEAD = /^([^-–—\n]{1,40}?)\s[-–—]\s/u;

/** The state a Status value names before a dash, as the whole of a value would (`Open - needs triage`). */
function headState(value: string): StateWordMatch | undefined {
  const head = STATE_HEAD.exec(value);
  return head ? leadingStateWord(head[1]!) : undefined;
}

/** The first word of a clause of a Status value, before the part's state: `backend` of `backend complete`. */
const PART_WORD = /^\s*[\p{L}\p{N}/&+-]+\s+/u;

/**
 * The state of a Status value that gives each part of the work its own (`backend complete; FE pass in progress`): finished
 * when every part is, under way when some part is.
 */
function partsState(value: string): StateWordMatch | undefined {
  const clauses = value.length > 300 ? [] : value.split(/[;,]/u);
  if (clauses.length < 2 || clauses.length > 5) return undefined;
  const states: FeatureState[] = [];
  for (const clause of clauses) {
    // The part is named in one to three words: `backend complete`, `FE pass in progress`.
    let rest = clause;
    for (let words = 0; words < 3; words++) {
      const part = PART_WORD.exec(rest);
      if (!part) break;
      rest = rest.slice(part[0].length);
      const word = leadingStateWord(rest);
      if (word && word.index === 0) {
        states.push(word.state);
        break;
      }
    }
  }
  if (states.length < 2 || states.some((state) => state === 'blocked' || state === 'cancelled')) return undefined;
  // `Structure complete, implementation pending` says less: what is finished may be the easy part, so it is no state.
  const state: FeatureState | undefined = states.every((s) => s === 'done') ? 'done' : states.includes('in-progress') ? 'in-progress' : undefined;
  if (state === undefined) return undefined;
  const raw = value.trim().slice(0, 60);
  return { state, raw, index: value.indexOf(raw), length: raw.length, rest: '' };
}

function countState(value: string): StateWordMatch | undefined {
  const share = SHARE_VALUE.exec(value);
  if (share && Number(share[1]) <= 100) {
    const raw = share[0].trim();
    return { state: shareState(Number(share[1])), raw, index: value.indexOf(raw), length: raw.length, rest: '' };
  }
  const count = COUNT.exec(value);
  if (!count) return undefined;
  const a = Number(count[1]);
  const b = Number(count[2]);
  if (b === 0 && a === 0) return undefined;
  const state = a === b ? 'done' : Math.min(a, b) > 0 ? 'in-progress' : 'todo';
  return { state, raw: count[0].trim(), index: count.index + count[0].length - count[0].trimStart().length, length: count[0].trim().length, rest: '' };
}

/** The header of a column naming each row's spec (`| ID | Title | Status | Spec |`). */
const SPEC_COLUMN = /^(?:specs?|spec (?:folder|path|link|file)|specification|feature spec)$/u;

/** The header of a column listing what each row's work touches (`| Scope |`, `| Files |`): paths there are not its spec. */
const TOUCHED_COLUMN = /^(?:scope|files?|paths?|touches|touched files|affected files|areas?|modules?)$/u;

/** A relative path written as code (`specs/001-library/`, `docs/specs/tags/spec.md`): no spaces, one slash at least. */
const FOLDER_PATH = /^\.{0,2}\/?[\w.-]+(?:\/[\w.-]+)+\/?$/u;

/** The first few link targets of a paragraph, at any depth of its inline content. */
function linkTargets(paragraph: { children: readonly PhrasingContent[] }): string[] {
  const targets: string[] = [];
  const visit = (nodes: readonly PhrasingContent[]): void => {
    for (const node of nodes) {
      if (targets.length >= 3) return;
      if (node.type === 'link') targets.push(node.url);
      // `**Spec**: \`specs/001-library/\``: a folder written as code names it as a link would.
      else if (node.type === 'inlineCode' && FOLDER_PATH.test(node.value)) targets.push(node.value);
      else if ('children' in node) visit(node.children as PhrasingContent[]);
    }
  };
  visit(paragraph.children);
  return targets;
}

/** A column header that titles a table's rows, in the languages whose word for it is not a name column's (`Nombre`, `Nom`, `Bezeichnung`). */
const ROW_TITLE_HEADER = /^(?:name|nombre|nom|nome|bezeichnung|title|titel|titre|título|titulo|название|名称|名稱|タイトル|이름|제목)$/u;

/** Whether the boxes of an item's own sub-lists are all ticked, and there is one at least. */
function subtasksAllTicked(item: ListItem): boolean {
  let boxes = 0;
  for (const child of item.children) {
    if (child.type !== 'list') continue;
    for (const sub of child.children) {
      if (typeof sub.checked !== 'boolean') continue;
      if (!sub.checked) return false;
      boxes++;
    }
  }
  return boxes > 0;
}

/** `- **Goal**:` or `- **Goal:**` alone on its item's first line, without a box: the label, folded; else undefined. */
function fieldLabel(item: ListItem): string | undefined {
  if (typeof item.checked === 'boolean') return undefined;
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return undefined;
  const [first, ...rest] = paragraph.children;
  if (first?.type !== 'strong') return undefined;
  const label = toString(first).trim();
  const after = rest.map((node) => toString(node)).join('').trim();
  const colon = (text: string): boolean => text.endsWith(':') || text.endsWith('：');
  if (label.length === 0 || label.length > 40 || !(after === ':' || after === '：' || (after === '' && colon(label)))) return undefined;
  return (colon(label) ? label.slice(0, -1) : label).trim().toLowerCase();
}

/** The field labels (`fieldLabel`) that lead two or more items of the document's lists. */
function repeatedFieldLabels(blocks: readonly RootContent[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const block of blocks) {
    if (block.type !== 'list') continue;
    for (const item of block.children) {
      const label = fieldLabel(item);
      if (label === undefined) continue;
      if (seen.has(label)) repeated.add(label);
      else seen.add(label);
    }
  }
  return repeated;
}

/**
 * A current-focus section that lists the whole plan (`## Current phase` over `Phase 7 (done)`, `Phase 8 (current)`,
 * `Phase 9`, …) points at the units it marks under way itself; the others are only listed there, and do not take
 * its "in progress".
 */
function pointedOnlyByOwnMark(drafts: readonly Draft[]): void {
  const bySection = new Map<StateMark, Draft[]>();
  for (const draft of drafts) {
    if (!draft.pointedBy) continue;
    const group = bySection.get(draft.pointedBy);
    if (group) group.push(draft);
    else bySection.set(draft.pointedBy, [draft]);
  }
  for (const group of bySection.values()) {
    if (group.length < 2 || !group.some((draft) => draft.own?.state === 'in-progress')) continue;
    for (const draft of group) {
      if (draft.own) continue;
      delete draft.section;
      delete draft.sectionFrom;
    }
  }
}

/**
 * Whether a heading at `depth` titled `title` is a part of the boxed unit `frame` heads: a sibling heading without a box,
 * state, key or number of its own (`### [ ] Sound effects` then `### Description`, `### Steps`) describes that unit.
 */
function partOfBoxedUnit(frame: Frame, depth: number, title: string): boolean {
  if (!frame.boxed || frame.depth !== depth) return false;
  return leadingStateWord(title, { loose: true }) === undefined && entryState(title) === undefined && unitKeyOf(title) === undefined && !NUMBERED.test(title);
}

/**
 * `## Current: Fixes` or `Active` names where the unit stands in the plan, not how far it got: once every one of its
 * boxes is ticked, the boxes say it is finished, as a reader takes them.
 */
const PLACE_WORD = /^[\s*_`]*(?:current|active)[\s*_`:]*$/iu;

/** An unticked box as a unit's own mark (`- [ ] **Accounts**`). */
function isOpenBox(mark: StateMark | undefined): boolean {
  return mark !== undefined && mark.raw === '[ ]';
}

/**
 * Whether the document never ticks the box of a unit that holds boxes of its own (of the units outside any
 * scope): no such box is ticked, and one stays open over boxes all ticked. Such boxes head groups; the boxes
 * under them say where the work stands, as a whole file of Draft specs says nothing by its Status.
 */
function summaryBoxesUnkept(drafts: readonly Draft[]): boolean {
  let finishedUnderOpen = false;
  for (const draft of drafts) {
    if (draft.tasks.total === 0 || draft.own === undefined || !draft.own.raw.startsWith('[')) continue;
    if (!isOpenBox(draft.own)) return false;
    if (draft.tasks.done === draft.tasks.total) finishedUnderOpen = true;
  }
  return finishedUnderOpen;
}

/** A line that asks: it ends with a question mark (`?`, `？`). */
function isQuestion(text: string): boolean {
  const last = text.trimEnd().slice(-1);
  return last === '?' || last === '？';
}

/**
 * The role the label right before a list gives it: a paragraph's last line (`**Success criteria:**`), or the
 * same line written straight after another list, which Markdown makes the last line of that list's last item.
 */
function labelBefore(block: RootContent | undefined): LabelRole | undefined {
  const paragraph = labelParagraph(block);
  if (!paragraph) return undefined;
  return labelsLegend(paragraph) ? 'legend' : listLabelRole(paragraph);
}

/** The paragraph that may label the list after `block`: the block itself, or the last lines of a list's last item. */
function labelParagraph(block: RootContent | undefined): Paragraph | undefined {
  if (block?.type === 'paragraph') return block;
  if (block?.type !== 'list') return undefined;
  const last = block.children[block.children.length - 1]?.children.at(-1);
  return last?.type === 'paragraph' && /[\r\n]/u.test(toString(last)) ? last : undefined;
}

/** What the label before a list says of it: a section role, or `legend`, a list explaining the marks. */
type LabelRole = SectionRole | 'legend';

/**
 * Whether the label before a list sets the list aside: `**Phase 1 complete when:**` and the list after it are
 * conditions, neither work nor the phase's tasks; a list under `Optional:` or `Out of scope:` is set aside, as
 * under a heading that says so; a list under `**Legend:**` or `**Phase numbering:**` explains the plan, unless
 * its items carry boxes or marks.
 */
function setAsideByLabel(label: LabelRole | undefined, list: List): boolean {
  // A legend's list is set aside whole, unless blank lines part its items: Markdown joins the legend and the boxes after it.
  return label === 'check' || label === 'deferred' || (label === 'legend' && list.spread !== true) || ((label === 'notes' || label === 'legend') && (!carriesState(list) || list.children.every(explainsMark))) ||
    (label === 'notes' && list.children.every(namesFile));
}

/** `- ✅ \`api/src/server.ts\` (routes)` under `**Files created:**`: a record of a file made, marked done, not a piece of work. */
function namesFile(item: ListItem): boolean {
  const text = firstLine(listItemParts(item).text);
  const lead = leadingStateWord(text);
  const rest = (lead !== undefined && lead.index <= 2 ? text.slice(lead.index + lead.length) : text).replace(/^[\s`*_]+/u, '');
  const first = rest.slice(0, 300).split(/[\s`*]/u, 1)[0] ?? '';
  return isPathLike(first, false);
}

/** `- ⏳ not started`, `- [~] in progress`, `- 🔄 waiting for review`: a legend's item, a mark and a few words on what it stands for. */
function explainsMark(item: ListItem): boolean {
  const text = firstLine(listItemParts(item).text);
  return markMeanings(text).wholeLine || legendLine(text) || (text.length <= 32 && (leadsWithMark(text) || (typeof item.checked === 'boolean' && leadingStateWord(text)?.rest === '')));
}

/** `` - `in-progress` — being worked on ``: a state written as code, then what it means, defines a value a status takes. */
function definesStateValue(item: ListItem): boolean {
  const paragraph = item.children[0];
  if (paragraph?.type !== 'paragraph') return false;
  const [code, after] = paragraph.children;
  if (code?.type !== 'inlineCode' || after?.type !== 'text' || !/^\s*[-–—:=]\s*\S/u.test(after.value)) return false;
  return leadingStateWord(code.value.replace(/[-_]/gu, ' '))?.rest === '';
}

/** `See README.md for the overview`, `Read docs/api.md first`: an item that sends the reader to another document. */
const READ_POINTER = /^(?:see|read|refer to|consult|siehe|voir|ver|veja|см\.?|参见|参考|参照)\s/iu;

function pointsToRead(item: ListItem): boolean {
  return typeof item.checked !== 'boolean' && READ_POINTER.test(firstLine(listItemParts(item).text).trimStart());
}

/**
 * Whether an item is one link to a document and nothing else (`- [Event Schema](./docs/EVENT_SCHEMA.md)`), with no box:
 * a pointer to read. A link to a spec's folder or file names that spec's feature, and stays an item.
 */
function linksOneDocument(item: ListItem): boolean {
  if (typeof item.checked === 'boolean' || item.children.length !== 1 || item.children[0]!.type !== 'paragraph') return false;
  const children = item.children[0].children.filter((c) => !(c.type === 'text' && /^[\s.,;:]*$/u.test(c.value)));
  if (children.length !== 1 || children[0]!.type !== 'link') return false;
  const url = children[0].url;
  const target = url.split('#', 1)[0]!;
  return (target.toLowerCase().endsWith('.md') || /^https?:\/\//iu.test(url)) && findSpecRef(target) === undefined && !/(?:^|\/)(?:specs|changes|tracks)\//iu.test(target);
}

/** Whether an item's words are one code span and nothing else. */
function onlyCode(paragraph: Paragraph | undefined): boolean {
  const children = (paragraph?.children ?? []).filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return children.length === 1 && children[0]!.type === 'inlineCode';
}

/** An HTTP method and a path that open an item: an endpoint the plan describes (`GET /api/today → the plan`). */
const HTTP_ROUTE = /^(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\//u;

/** An item that only names something: a name or value in code, or an endpoint. */
function namesOnly(paragraph: Paragraph | undefined): boolean {
  return onlyCode(paragraph) || (paragraph !== undefined && HTTP_ROUTE.test(plainText(paragraph).trimStart()));
}

/** Whether the text after a state word leads on, by an arrow, to another (`→ completed`): the record of a change. */
function changesState(after: string): boolean {
  const arrow = /^\s*(?:→|->|=>)\s*/u.exec(after);
  return arrow !== null && leadingStateWord(after.slice(arrow[0].length)) !== undefined;
}

/** Whether the state word leading `text` is joined by a slash to a word that is no state (`Done/Archive tabs`), naming a thing. */
function slashedName(text: string, word: StateWordMatch): boolean {
  const after = text.slice(word.index + word.length);
  return after.startsWith('/') && /^\/\p{L}/u.test(after) && leadingStateWord(after.slice(1)) === undefined;
}

/**
 * `[~] = in progress`, `✅ Done - finished`, `- [P] = parallel`, `[ ] = not started` (a box written in code): a line
 * that defines a mark, not a unit.
 */
function legendLine(text: string): boolean {
  const rest = text.replace(/^\s*(?:\[[^\]\r\n]{0,3}\]|[\p{Extended_Pictographic}\u2190-\u2bff][\uFE0E\uFE0F\u200D]*)\s*/u, '');
  if (rest === text) return /^[`*_]*[\p{L} ]{1,24}?[`*_]*\s*(?:→|->|=>|=)\s*\S/u.test(text) && leadingStateWord(text) !== undefined;
  return /^(?:=|:|→|->)\s*\S/u.test(rest) || /^\S{1,20}\s+[-–—=:]\s+\S{1,30}$/u.test(rest.trim()) && leadingStateWord(rest) !== undefined && rest.length < 40;
}

/**
 * A row written one cell short, under a header with one column more (`| 6. Search | 1/2 | Complete | 2026-03-26 | - |`
 * under `| Phase | Milestone | Plans | Status | Completed |`, as a tool that does not know the extra column writes it):
 * the state sits one cell before the Status column, which holds a date or nothing. The cell before must be a state
 * word and nothing else, and not the cell that names the row.
 */
function slidState(cells: readonly string[], status: number, named: number): StateWordMatch | undefined {
  const cell = (cells[status] ?? '').trim();
  if (status - 1 === named || status < 1 || !(cell === '' || isEmptyMarker(cell) || /^\d{4}-\d{2}-\d{2}$/u.test(cell))) return undefined;
  const before = (cells[status - 1] ?? '').trim();
  const word = leadingStateWord(before, { loose: true });
  return word && word.index === 0 && word.rest === '' && !word.raw.startsWith('[') ? word : undefined;
}

/** `Offen / In Bearbeitung / Erledigt`: a cell that lists every state is the list of choices, not a state. */
function listsAllStates(cell: string): boolean {
  const parts = splitAround(cell, /[/|,·•;]/gu).filter(Boolean);
  if (parts.length < 3) return false;
  const states = parts.map((p) => leadingStateWord(p)?.state).filter((state) => state !== undefined);
  // `进行中 / 观察中 / 暂停 / 已关闭`: half the words known, and they name different states, is still the whole list.
  return states.length >= 3 || (states.length * 2 >= parts.length && new Set(states).size >= 2);
}

/** Whether any item of a list has a checkbox or starts with a state mark. */
function carriesState(list: List): boolean {
  return list.children.some(itemCarriesState);
}

function itemCarriesState(item: ListItem): boolean {
  return typeof item.checked === 'boolean' || leadsWithMark(firstLine(listItemParts(item).text));
}

function leadsWithMark(text: string): boolean {
  const lead = leadingStateWord(text);
  return lead !== undefined && isMarkMatch(lead) && lead.index <= 2;
}

/** The entry's words for display: checkbox text and surrounding markup off. */
function cleanLabel(text: string): string {
  const label = text.replace(/^\s*\[[ xX/~-]\]\s*/u, '').replace(/\s+/gu, ' ').trim();
  return clip(label, 300);
}

function plainLabel(text: string): string {
  return clip(text, 300);
}
