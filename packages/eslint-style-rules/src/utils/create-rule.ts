import { docsUrl, type DocumentRuleModule, type ProjectRuleModule, type RuleDocs } from '@govern/core';

/** Where each rule's page lives; `docs/rules/<id>.md` in the repository. */
export const RULE_DOCS_BASE = docsUrl('rules/');

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}${id}.md`;
}

type WithoutUrl<R extends { meta: { docs: RuleDocs } }> = Omit<R, 'meta'> & {
  meta: Omit<R['meta'], 'docs'> & { docs: Omit<RuleDocs, 'url'> };
};

/** A document rule (one file's mdast; also runs inside ESLint), with its docs URL filled in. */
export function createDocumentRule<Options extends readonly unknown[], MessageIds extends string>(
  id: string,
  rule: WithoutUrl<DocumentRuleModule<Options, MessageIds>>,
): DocumentRuleModule<Options, MessageIds> {
  return { ...rule, meta: { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(id) } } } as DocumentRuleModule<Options, MessageIds>;
}

/** A project rule (the whole model, cross-file; govern only), with its docs URL filled in. */
export function createProjectRule<Options extends readonly unknown[], MessageIds extends string>(
  id: string,
  rule: WithoutUrl<ProjectRuleModule<Options, MessageIds>>,
): ProjectRuleModule<Options, MessageIds> {
  return { ...rule, meta: { ...rule.meta, docs: { ...rule.meta.docs, url: ruleDocsUrl(id) } } } as ProjectRuleModule<Options, MessageIds>;
}
