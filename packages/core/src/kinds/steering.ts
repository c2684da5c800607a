import type { Paragraph } from 'mdast';
import type { SteeringFile } from '../model/types.js';
import { positionOf } from '../model/positions.js';
import { plainText } from '../text/plain-text.js';
import type { DocumentKindDefinition } from './types.js';

const ROLES: Readonly<Record<string, SteeringFile['role']>> = { 'product.md': 'product', 'tech.md': 'tech', 'structure.md': 'structure' };

/**
 * Kiro's steering files: the context its agent loads for every session. They give no features and no
 * state; `brief` shows them where the repository has no PRODUCT.md or AGENTS.md.
 */
export const steering: DocumentKindDefinition = {
  name: 'steering',
  locations: ['.kiro/steering/*.md'],
  assemble(files, project) {
    for (const file of files) {
      const name = file.slice(file.lastIndexOf('/') + 1).toLowerCase();
      const item: SteeringFile = { file, role: ROLES[name] ?? 'other' };
      const document = project.tree(file);
      const inclusion = document?.frontmatter?.['inclusion'];
      if (typeof inclusion === 'string' && inclusion.trim() !== '') item.inclusion = inclusion.trim();
      if (item.role === 'product' && document) {
        const paragraph = document.tree.children.find((node): node is Paragraph => node.type === 'paragraph');
        const text = paragraph ? plainText(paragraph).replace(/\s+/g, ' ').trim() : '';
        if (paragraph && text !== '') item.summary = { value: text, position: positionOf(paragraph, file) };
      }
      project.parts.steering.push(item);
    }
  },
};
