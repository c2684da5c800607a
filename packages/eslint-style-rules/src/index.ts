/** govern's rules in ESLint's rule shape. */
export const rules: Record<string, never> = {};
