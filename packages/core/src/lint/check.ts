import path from 'node:path';
import { loadProject, type LoadFromFilesOptions, type LoadProjectOptions, type ProjectFiles } from '../load/project.js';
import { loadMarkdownParser } from '../parse/markdown.js';
import { analyseDocument, emptyAnalysis, isAnalysable, needsAnalysis, type DocumentAnalysis } from './analysis.js';
import { analyseInParallel, workerCount, type AnalysisJob, type AnalysisWorkers } from './analysis-pool.js';
import { LintCache, contentHash } from './cache.js';
import { resolveRuleConfig } from './config.js';
import type { ActiveDocumentRule } from './document-runner.js';
import type { FileInputs } from './file-inputs.js';
import { activeDocumentRules, lint, normaliseFile, type LintOptions, type SpecReports } from './engine.js';
import type { DocumentKind } from '../model/types.js';
import type { LintResult } from './types.js';
import { DocumentTexts } from '../load/texts.js';

export interface CheckProjectOptions extends LintOptions, Pick<LoadProjectOptions, 'home'> {
  /** Analyse documents on worker threads as well, when there is enough text to repay starting them. */
  workers?: AnalysisWorkers;
  /**
   * Keep results and per-document analyses in `file` between runs (`--cache`), for this `version`
   * of govern; or a cache already opened (to pass to `readProjectFiles` as `known` as well, so that
   * unchanged documents are not even read). Not used with `fix` (which must see every fix) or
   * `diffBase` or `commitHook` (git is an input too).
   */
  cache?: { file: string; version: string } | LintCache;
}

/**
 * Checks a repository from its files as `readProjectFiles` read them: each document is parsed once,
 * read into its models and checked by its document rules, then its tree is dropped; project rules
 * run over the model built from those models. With `cache`, a run where nothing changed, or where the
 * changed documents read as before, replays the last results; otherwise only documents whose text or
 * rules changed are parsed again.
 */
export async function checkProject(files: ProjectFiles, options: CheckProjectOptions): Promise<LintResult[]> {
  const loadOptions: LoadProjectOptions & { files: ProjectFiles } = { files };
  if (options.config) loadOptions.config = options.config;
  if (options.home !== undefined) loadOptions.home = options.home;
  if (options.fix) return lint(await loadProject(files.root, loadOptions), options);

  const given = options.diffBase === undefined && !options.commitHook ? options.cache : undefined;
  const cache = given instanceof LintCache ? given : given ? await LintCache.open(given.file, given.version) : undefined;
  const settings = cache ? settingsKey(files, options, cache.version) : '';
  const replayed = cache?.results(settings, files);
  if (replayed) {
    await cache!.keepReadRecords(settings, files, replayed);
    return replayed;
  }

  const config = options.config ?? files.config;
  const source = files.configFile ? path.relative(files.root, files.configFile) || files.configFile : 'config';
  const ruleConfig = await resolveRuleConfig(config, options.rules, options.presets, source);
  const only = options.files ? new Set(options.files.map(normaliseFile)) : undefined;

  // Files share a handful of rule settings (one per set of matching overrides and kinds): work each out once.
  const settingsByGroup = new Map<string, { rules: ActiveDocumentRule[]; settings: string }>();
  const rulesFor = (file: string, kinds: DocumentKind[]) => {
    // A file outside `files` is read for the model only.
    if (only && !only.has(file)) return { rules: [], settings: '[]' };
    const enabled = ruleConfig.forFile(file);
    const group = `${kinds.length === 1 ? kinds[0] : kinds.join(',')}\0${groupOf(enabled)}`;
    let found = settingsByGroup.get(group);
    if (!found) {
      const rules = activeDocumentRules(enabled, options.rules, kinds);
      found = { rules, settings: JSON.stringify(rules.map((r) => [r.id, r.severity, r.options])) };
      settingsByGroup.set(group, found);
    }
    return found;
  };
  const groupIds = new Map<object, number>();
  const groupOf = (enabled: object) => {
    let id = groupIds.get(enabled);
    if (id === undefined) groupIds.set(enabled, (id = groupIds.size));
    return id;
  };

  const analyses = new Map<string, DocumentAnalysis>();
  const keyed = new Map<string, { key: string; analysis?: DocumentAnalysis }>();
  /** Documents whose analysis the cache holds under their current key, not yet read from it. */
  const hits = new Map<string, string>();
  const pending: AnalysisJob[] = [];
  const pendingRules = new Map<string, ActiveDocumentRule[]>();
  const keys = new Map<string, string>();
  let pendingBytes = 0;
  const queue = (doc: ProjectFiles['documents'][number], rules: ActiveDocumentRule[], key: string | undefined): void => {
    const text = files.texts.get(doc.file);
    if (!text) return;
    if (!needsAnalysis({ file: doc.file, kinds: doc.kinds, text: text.text }, rules.length)) {
      // Kept as an analysis with nothing in it, so that a later run knows so without reading the text.
      const nothing = emptyAnalysis();
      analyses.set(doc.file, nothing);
      if (key !== undefined) keyed.set(doc.file, { key, analysis: nothing });
      return;
    }
    pending.push({
      file: doc.file,
      absolutePath: doc.absolutePath,
      kinds: doc.kinds,
      text: text.text,
      eol: doc.eol,
      rules: rules.map(({ id, severity, options: ruleOptions }) => ({ id, severity, options: ruleOptions })),
    });
    pendingRules.set(doc.file, rules);
    if (key !== undefined) keys.set(doc.file, key);
    pendingBytes += text.text.length;
  };
  // With --diff-base, constitution-amendment reads the constitution's tree: parsed with the project, it is parsed once.
  const analysable = files.documents.filter(
    (doc) => doc.parsed && isAnalysable(doc.file, doc.kinds) && !(options.diffBase !== undefined && doc.kinds.includes('constitution')),
  );
  for (const doc of analysable) {
    const { rules, settings: ruleSettings } = rulesFor(doc.file, doc.kinds);
    const key = cache?.documentKey(files, doc.file, doc.kinds, ruleSettings);
    // A hit needs no text: a document recognised by its size and time is then not even read.
    if (key !== undefined && cache!.hasAnalysis(doc.file, key)) {
      hits.set(doc.file, key);
      keyed.set(doc.file, { key });
      continue;
    }
    queue(doc, rules, key);
  }
  await analysePending();

  const identity: NonNullable<LoadFromFilesOptions['identity']> = {};
  let specReuse: LintOptions['specReuse'];
  if (cache) {
    // Documents that changed but read the same as before leave the results as they were.
    const changed = new Map<string, { key: string; analysis: DocumentAnalysis }>();
    for (const [file, entry] of keyed) if (!hits.has(file)) changed.set(file, entry as { key: string; analysis: DocumentAnalysis });
    const same = cache.resultsForSameAnalyses(settings, files, changed);
    if (same) {
      await cache.save(settings, files, same, keyed, cache.reads(), 'same');
      return same;
    }
    // Ticked tasks leave the features as they were: who holds which spec need not be worked out again,
    // and the specs whose tasks did not change need not be visited again.
    const shape = cache.featureShape(settings, files, changed);
    if (shape) {
      identity.given = shape;
      specReuse = cache.specReuse(settings, files, files.listings);
    }
  }

  // The analyses the cache holds are read only now that they are needed; one that cannot be read is redone.
  for (const doc of analysable) {
    const key = hits.get(doc.file);
    if (key === undefined) continue;
    const hit = cache!.analysis(doc.file, key);
    if (hit) {
      analyses.set(doc.file, hit);
      keyed.set(doc.file, { key, analysis: hit });
    } else queue(doc, rulesFor(doc.file, doc.kinds).rules, key);
  }
  await analysePending();

  // From here on, a document whose text (rather than its analysis) is read can change the results on its own.
  const textReads = new Set<string>();
  const watched = files.texts instanceof DocumentTexts ? files.texts : undefined;
  watched?.watch(textReads);
  let results: LintResult[];
  // A run that visits only some specs still depends on what the last run read for the others.
  const before = specReuse ? cache!.reads() : undefined;
  const fileInputs: FileInputs = new Map(before?.inputs);
  for (const file of before?.textReads ?? []) textReads.add(file);
  const specReports: SpecReports = {};
  try {
    const project = await loadProject(files.root, { ...loadOptions, analyses, identity });
    const lintOptions: LintOptions = { ...options, analyses, fileInputs, specReports };
    if (files.listings) lintOptions.listings = files.listings;
    if (specReuse) lintOptions.specReuse = specReuse;
    results = await lint(project, lintOptions);
  } finally {
    watched?.watch(undefined);
  }
  const keptShape = identity.made ?? (identity.given ? 'same' : undefined);
  if (cache) {
    const reads = { inputs: fileInputs, textReads: watched ? textReads : files.documents.map((d) => d.file), specReports };
    await cache.save(settings, files, results, keyed, reads, keptShape);
  }
  return results;

  async function analysePending(): Promise<void> {
    if (pending.length === 0) return;
    const jobs = pending.splice(0);
    const parser = await loadMarkdownParser();
    const local = (job: AnalysisJob) => analyseDocument(parser, job, pendingRules.get(job.file)!, { root: files.root, absolutePath: job.absolutePath });
    const threads = options.workers ? workerCount(options.workers, pendingBytes) : 0;
    pendingBytes = 0;
    const computed = await analyseInParallel(jobs, files.root, local, options.workers ?? { script: '', threads: 0 }, threads);
    // Whichever thread analysed a document, the analysis is the same plain data.
    for (const job of jobs) {
      const analysis = computed.get(job.file)!;
      analyses.set(job.file, analysis);
      const key = keys.get(job.file);
      if (key !== undefined) keyed.set(job.file, { key, analysis });
    }
  }
}

/** Everything besides the documents that decides the results; a change to any of it is a miss. */
function settingsKey(files: ProjectFiles, options: CheckProjectOptions, version: string): string {
  return contentHash(
    JSON.stringify({
      version,
      config: options.config ?? files.config,
      configFile: files.configFile ?? null,
      rules: Object.keys(options.rules).sort(),
      presets: options.presets,
      files: options.files ?? null,
      reportUnused: options.reportUnusedDisableDirectives ?? false,
    }),
  );
}
