import type { Feature, ProductFeature, ProductTable } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

type Options = [{ requireBoundaries?: boolean }?];
type Part = 'definition' | 'acceptance' | 'boundary';
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

/** Every table of PRODUCT.md with the parts its columns can hold. */
function tableColumns(tables: readonly ProductTable[]): TableColumns[] {
  return tables.map((table) => {
    const headers = table.headers.map(headerText);
    return {
      startLine: table.startLine,
      endLine: table.endLine,
      definition: headers.some((h) => DEFINITION_HEADER.test(h)),
      acceptance: headers.some((h) => ACCEPTANCE_HEADER.test(h)),
      boundary: headers.some((h) => BOUNDARY_HEADER.test(h)),
    };
  });
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
        const tables = tableColumns(product.tables ?? []);
        const states = statesByFeature(project);
        const features = project.features.filter((f): f is Feature & { product: ProductFeature } => f.product !== undefined);
        const has: Record<Part, (p: ProductFeature) => boolean> = {
          definition: (p) => Boolean(p.definition?.value.trim()),
          acceptance: (p) => p.acceptanceCriteria.length > 0,
          boundary: (p) => p.boundaryConditions.length > 0,
        };
        const lacking: Record<Part, Array<Feature & { product: ProductFeature }>> = { definition: [], acceptance: [], boundary: [] };
        for (const feature of features) {
          // Criteria guide the work still ahead; a shipped or dropped feature is history.
          const state = states.get(feature)?.state;
          if (state === 'done' || state === 'cancelled') continue;
          // A table row is held to the columns its table has: a compact table without an
          // acceptance column keeps its criteria elsewhere, on purpose.
          const table = rowTable(feature.product, tables);
          const wants: Record<Part, boolean> = {
            definition: table ? table.definition : true,
            acceptance: table ? table.acceptance : true,
            boundary: requireBoundaries && (table ? table.boundary : true),
          };
          for (const part of ['definition', 'acceptance', 'boundary'] as const) {
            if (wants[part] && !has[part](feature.product)) lacking[part].push(feature);
          }
        }
        const ids: Record<Part, MessageIds> = { definition: 'noDefinition', acceptance: 'noAcceptance', boundary: 'noBoundaries' };
        const reports: Array<{ messageId: MessageIds; data: Record<string, string>; position: ProductFeature['position'] }> = [];
        for (const part of ['definition', 'acceptance', 'boundary'] as const) {
          const missing = lacking[part];
          // Where fewer features give a part than lack it (a list of names, a checklist of capabilities, criteria
          // kept in the specs), the file does not carry that part by its own form: a missing one cannot be told
          // from the team's choice, so only a file whose features mostly give it has omissions to report.
          // Boundaries are asked for only by the option, which says the team wants them everywhere.
          if (part !== 'boundary' && features.filter((f) => has[part](f.product)).length < missing.length) continue;
          for (const feature of missing) {
            reports.push({ messageId: ids[part], data: { feature: featureLabel(feature), file: product.file }, position: feature.product.position });
          }
        }
        const order: Part[] = ['definition', 'acceptance', 'boundary'];
        const rank = (id: MessageIds) => order.findIndex((p) => ids[p] === id);
        reports.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column || rank(a.messageId) - rank(b.messageId));
        for (const report of reports) context.report(report);
      },
    };
  },
});
