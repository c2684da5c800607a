import path from 'node:path';
import type { DocumentRuleContext, MarkdownDocument } from '@govern/core';

/**
 * The parsed document a rule works on. govern hands it over; inside ESLint it is rebuilt from
 * `sourceCode`, so the same rule runs in both.
 */
export function documentOf(context: DocumentRuleContext<readonly unknown[], string>): MarkdownDocument {
  if (context.document) return context.document;
  const relative = path.relative(context.cwd, context.filename).split(path.sep).join('/');
  return { file: relative || context.filename, text: context.sourceCode.text, tree: context.sourceCode.ast };
}
