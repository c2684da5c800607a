import { extractReviewJson, loadReviewValidator, parseMarkdownReview, parseReview } from '../parse/review.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * A reviewer's JSON verdict, as a `.json` file or a fenced block in a Markdown review. Read with the
 * project: the schema it is checked against is compiled only when a repository has reviews.
 */
export const review: DocumentKindDefinition = {
  name: 'review',
  locations: ['.agent/reviews/*.json', '.agent/reviews/*.md', '.codex-review-output.json'],
  async assemble(files, project) {
    if (files.length === 0) return;
    const validate = await loadReviewValidator();
    for (const file of files) {
      if (file.toLowerCase().endsWith('.json')) {
        project.parts.reviews.push(project.collect(parseReview(file, project.text(file)!, validate)));
        continue;
      }
      const document = project.tree(file);
      const block = document ? extractReviewJson(document) : undefined;
      if (!block) {
        // A prose review (seed workflow's `VERDICT: NEEDS_CHANGES` format): no contract to check.
        const prose = document ? parseMarkdownReview(document) : undefined;
        if (prose) project.parts.reviews.push(prose);
        continue;
      }
      const parsed = parseReview(file, block.text, validate);
      // Positions inside the fenced block are relative to it; move them to the file.
      for (const d of parsed.diagnostics) d.line += block.line - 1;
      for (const position of [parsed.value.verdictPosition, parsed.value.declared?.position]) if (position) position.line += block.line - 1;
      if (!parsed.value.declared) {
        const prose = document ? parseMarkdownReview(document) : undefined;
        if (prose?.declared) parsed.value.declared = prose.declared;
        if (prose?.branch) parsed.value.branch ??= prose.branch;
      }
      project.parts.reviews.push(project.collect(parsed));
    }
  },
};
