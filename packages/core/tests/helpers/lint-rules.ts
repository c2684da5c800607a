import type { DocumentRuleModule, LintPresets, ProjectRuleModule, RuleModule } from '../../src/lint/types.js';

/** A document rule: a heading should not end with a colon (the text under it says what follows). */
export const noHeadingColon: DocumentRuleModule<[{ allow?: string[] }?], 'colon'> = {
  meta: {
    type: 'layout',
    docs: { description: 'Headings do not end with a colon', recommended: true, url: 'https://example.org/rules/no-heading-colon' },
    messages: { colon: 'Heading "{{text}}" ends with a colon.' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    fixable: 'whitespace',
  },
  create(context) {
    const allow = context.options[0]?.allow ?? [];
    return {
      heading(node) {
        const last = node.children.at(-1);
        if (last?.type !== 'text' || !last.value.endsWith(':')) return;
        const text = context.sourceCode.getText(node).replace(/^#+\s*/, '');
        if (allow.includes(text)) return;
        const end = last.position!.end.offset!;
        context.report({ node, messageId: 'colon', data: { text }, fix: (fixer) => fixer.removeRange([end - 1, end]) });
      },
    };
  },
};

/** A project rule: every Markdown document ends with a line break. */
export const finalNewline: ProjectRuleModule<[], 'missing'> = {
  meta: {
    type: 'layout',
    docs: { description: 'Documents end with a line break', recommended: 'strict' },
    messages: { missing: '{{file}} does not end with a line break.' },
    schema: [],
    fixable: 'whitespace',
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        for (const doc of context.project.documents) {
          const text = context.project.text(doc.file)?.text;
          if (text === undefined || text === '' || text.endsWith('\n') || !doc.file.endsWith('.md')) continue;
          const lines = text.split(/\r?\n/);
          context.report({
            messageId: 'missing',
            data: { file: doc.file },
            position: { file: doc.file, line: lines.length, column: lines.at(-1)!.length + 1 },
            fix: (fixer) => fixer.insertTextAfterRange([text.length, text.length], '\n'),
          });
        }
      },
    };
  },
};

/** A rule that crashes: the engine must report it, not stop. */
export const crashes: DocumentRuleModule = {
  meta: { type: 'problem', docs: { description: 'Throws', recommended: false }, messages: {}, schema: [] },
  create() {
    return {
      root() {
        throw new Error('boom');
      },
    };
  },
};

export const testRules: Record<string, RuleModule> = {
  'no-heading-colon': noHeadingColon,
  'final-newline': finalNewline,
  crashes,
};

export const testPresets: LintPresets = {
  recommended: { 'no-heading-colon': 'error' },
  strict: { 'no-heading-colon': 'error', 'final-newline': 'warn' },
};
