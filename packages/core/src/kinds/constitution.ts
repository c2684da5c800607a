import { parseConstitution } from '../parse/constitution.js';
import type { DocumentKindDefinition } from './types.js';

/** The project's non-negotiable rules (Spec Kit's `constitution.md`); the first found is the project's. */
export const constitution: DocumentKindDefinition = {
  name: 'constitution',
  locations: ['.specify/memory/constitution.md', 'constitution.md', 'docs/constitution.md', 'memory/constitution.md'],
  readers: { constitution: parseConstitution },
  assemble(files, project) {
    const file = project.first('constitution', files);
    const model = file === undefined ? undefined : project.model(file, 'constitution');
    if (model) project.parts.constitution = model;
  },
};
