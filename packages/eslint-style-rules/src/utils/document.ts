import path from 'node:path';
import { parseHandoffs, parseState, type DocumentRuleContext, type Handoff, type MarkdownDocument, type StateFile } from '@govern/core';

/**
 * The parsed document a rule works on. govern hands it over; inside ESLint it is rebuilt from
 * `sourceCode`, so the same rule runs in both.
 */
export function documentOf(context: DocumentRuleContext<readonly unknown[], string>): MarkdownDocument {
  if (context.document) return context.document;
  const relative = path.relative(context.cwd, context.filename).split(path.sep).join('/');
  return { file: relative || context.filename, text: context.sourceCode.text, tree: context.sourceCode.ast };
}

const handoffCache = new WeakMap<object, Handoff[]>();
const stateCache = new WeakMap<object, StateFile>();

/** The handoffs of a document, parsed once however many rules ask (keyed by its tree). */
export function handoffsOf(doc: MarkdownDocument): Handoff[] {
  let handoffs = handoffCache.get(doc.tree);
  if (!handoffs) {
    handoffs = parseHandoffs(doc).value;
    handoffCache.set(doc.tree, handoffs);
  }
  return handoffs;
}

/** The state file a document holds, parsed once however many rules ask (keyed by its tree). */
export function stateOf(doc: MarkdownDocument): StateFile {
  let state = stateCache.get(doc.tree);
  if (!state) {
    state = parseState(doc).value;
    stateCache.set(doc.tree, state);
  }
  return state;
}
