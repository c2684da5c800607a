import path from 'node:path';
import type { Formatter } from './types.js';
import { relativePath } from './paths.js';

interface SarifRule {
  id: string;
  shortDescription?: { text: string };
  helpUri?: string;
  properties?: { category: string };
}

/** SARIF 2.1.0, as GitHub code scanning reads it: locations relative to the repository root (`%SRCROOT%`). */
export const sarif: Formatter = (results, { cwd, rulesMeta, version }) => {
  const rules: SarifRule[] = [];
  const ruleIndex = new Map<string, number>();
  const indexOf = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      const meta = Object.hasOwn(rulesMeta, id) ? rulesMeta[id] : undefined;
      const rule: SarifRule = { id };
      if (meta) {
        rule.shortDescription = { text: meta.docs.description };
        if (meta.docs.url) rule.helpUri = meta.docs.url;
        rule.properties = { category: meta.type };
      }
      index = rules.push(rule) - 1;
      ruleIndex.set(id, index);
    }
    return index;
  };
  const sarifResults = results.flatMap((result) => {
    const uri = encodeURI(relativePath(cwd, result.filePath, path.sep));
    return result.messages.map((m) => {
      const region: Record<string, number> = { startLine: Math.max(1, m.line), startColumn: Math.max(1, m.column) };
      if (m.endLine !== undefined) region.endLine = m.endLine;
      if (m.endColumn !== undefined) region.endColumn = m.endColumn;
      const ruleId = m.ruleId ?? 'govern/fatal';
      const entry: Record<string, unknown> = {
        ruleId,
        ruleIndex: indexOf(ruleId),
        level: m.severity === 2 ? 'error' : 'warning',
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
      };
      // One cause shown in several places (the folders of a spec-number collision).
      if (m.relatedLocations && m.relatedLocations.length > 0) {
        entry.relatedLocations = m.relatedLocations.map((place, id) => ({
          id,
          physicalLocation: {
            artifactLocation: { uri: encodeURI(relativePath(cwd, place.filePath, path.sep)), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, place.line), startColumn: Math.max(1, place.column) },
          },
        }));
      }
      return entry;
    });
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'govern', version, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: encodeURI(`file://${cwd.split(path.sep).join('/').replace(/^([A-Za-z]:)/, '/$1')}/`) } },
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
