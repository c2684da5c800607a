import { parseProduct } from '../parse/product.js';
import type { DocumentKindDefinition } from './types.js';

/** What each feature means (`docs/PRODUCT.md`); the first found is the project's. */
export const product: DocumentKindDefinition = {
  name: 'product',
  locations: ['docs/PRODUCT.md', 'PRODUCT.md'],
  readers: { product: parseProduct },
  assemble(files, project) {
    const file = project.first('product', files);
    const model = file === undefined ? undefined : project.model(file, 'product');
    if (model) project.parts.product = model;
  },
};
