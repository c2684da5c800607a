import type { Nodes, Table } from 'mdast';
import { plainText, type Feature, type MarkdownDocument, type ProductFeature } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

type Options = [{ requireBoundaries?: boolean }?];
type MessageIds = 'noDefinition' | 'noAcceptance' | 'noBoundaries';

/** Column headers, as docs/formats/product.md lists them, that hold each part of a feature in a table. */
const DEFINITION_HEADER = /^(?:description|definition|what|summary|details|behaviou?r|specific|notes)$/;
const ACCEPTANCE_HEADER = /^(?:acceptance(?: criteria)?|ac|done when|criteria|definition of done|dod|success criteria)$/;
const BOUNDARY_HEADER = /^(?:boundary(?: conditions)?|boundaries|edge cases|constraints|limits|out of scope|non-goals)$/;

interface TableColumns {
  startLine: number;
  endLine: number;
  definition: boolean;
  acceptance: boolean;
  boundary: boolean;
}

function headerText(text: string): string {
  return text
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D*_`:?]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Every table in the document with the parts its columns can hold. Iterative: lists can nest deeply. */
function tablesOf(document: MarkdownDocument): TableColumns[] {
  const tables: TableColumns[] = [];
  const stack: Nodes[] = [document.tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'table') {
      const table = node as Table;
      const headers = (table.children[0]?.children ?? []).map((cell) => headerText(plainText(cell)));
      if (table.position) {
        tables.push({
          startLine: table.position.start.line,
          endLine: table.position.end.line,
          definition: headers.some((h) => DEFINITION_HEADER.test(h)),
          acceptance: headers.some((h) => ACCEPTANCE_HEADER.test(h)),
          boundary: headers.some((h) => BOUNDARY_HEADER.test(h)),
        });
      }
      continue;
    }
    if ('children' in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return tables;
}

function rowTable(product: ProductFeature, tables: TableColumns[]): TableColumns | undefined {
  const line = product.position.line;
  return tables.find((t) => line > t.startLine && line <= t.endLine);
}

export default createProjectRule<Options, MessageIds>('product-feature-complete', {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Each PRODUCT.md feature still to be built has a definition and acceptance criteria',
      recommended: true,
    },
    messages: {
      noDefinition:
        'Feature {{feature}} has no definition; say in a sentence or two what it does for the user, so a session can build it from {{file}} alone.',
      noAcceptance:
        'Feature {{feature}} has no acceptance criteria; add an "Acceptance criteria:" list saying how to tell it is done.',
      noBoundaries:
        'Feature {{feature}} has no boundary conditions; add a "Boundary conditions:" list (limits, edge cases, what it deliberately does not do).',
    },
    schema: [
      {
        type: 'object',
        properties: { requireBoundaries: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
    ],
    govern: { scope: 'project' },
  },
  create(context) {
    const requireBoundaries = context.options[0]?.requireBoundaries === true;
    return {
      project() {
        const { project } = context;
        const product = project.product;
        if (!product || product.features.length === 0) return;
        const document = project.markdown.get(product.file);
        const tables = document ? tablesOf(document) : [];
        const states = statesByFeature(project);
        const features = project.features.filter((f): f is Feature & { product: ProductFeature } => f.product !== undefined);
        for (const feature of features) {
          // Criteria guide the work still ahead; a shipped or dropped feature is history.
          const state = states.get(feature)?.state;
          if (state === 'done' || state === 'cancelled') continue;
          const { product: part } = feature;
          // A table row is held to the columns its table has: a compact table without an
          // acceptance column keeps its criteria elsewhere, on purpose.
          const table = rowTable(part, tables);
          const wants = {
            definition: table ? table.definition : true,
            acceptance: table ? table.acceptance : true,
            boundary: requireBoundaries && (table ? table.boundary : true),
          };
          const data = { feature: featureLabel(feature), file: product.file };
          if (wants.definition && !part.definition?.value.trim()) context.report({ messageId: 'noDefinition', data, position: part.position });
          if (wants.acceptance && part.acceptanceCriteria.length === 0) context.report({ messageId: 'noAcceptance', data, position: part.position });
          if (wants.boundary && part.boundaryConditions.length === 0) context.report({ messageId: 'noBoundaries', data, position: part.position });
        }
      },
    };
  },
});
