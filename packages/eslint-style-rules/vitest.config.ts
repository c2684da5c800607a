import { packageTestConfig } from '../../vitest.shared.js';

export default packageTestConfig('eslint-style-rules');
