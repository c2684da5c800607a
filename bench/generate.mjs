#!/usr/bin/env node
// Generates synthetic spec-driven repositories for the benchmarks: a constitution, PRODUCT.md with
// N/10 features, DEVELOPMENT.md, status.md with handoffs, AGENTS.md, CLAUDE.md and Spec Kit folders
// (spec, plan, tasks), with CRLF files and CJK text sprinkled in, at N documents each.
//
//   node bench/generate.mjs [sizes...]    default: 10 100 1000 5000, into bench/out/<N>/
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const outRoot = fileURLToPath(new URL('./out/', import.meta.url));

/** A small deterministic generator, so every run benchmarks the same bytes. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const WORDS = ['bookmark', 'tag', 'search', 'import', 'export', 'user', 'session', 'index', 'link', 'collection', 'share', 'archive', 'note', 'feed', 'filter', 'sync', 'backup', 'title', 'page', 'cache'];
const CJK = ['ブックマークを保存する', '标签筛选', '전체 텍스트 검색', '共有コレクション', '死链检查'];

function sentence(rnd, words = 12) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  const text = out.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

const id = (n) => `F-${String(n).padStart(3, '0')}`;
const num = (n) => String(n).padStart(3, '0');

function constitution() {
  const principles = ['Links Stay Yours', 'Test First', 'Small, Stable HTTP API', 'Boring Storage', 'Observable by Default'];
  let text = `<!--\nSync Impact Report\nVersion change: 1.1.0 → 1.2.0\n-->\n\n# Example Constitution\n\n## Core Principles\n\n`;
  principles.forEach((p, i) => {
    text += `### ${['I', 'II', 'III', 'IV', 'V'][i]}. ${p}\n\nEvery change MUST keep ${p.toLowerCase()}; reviewers reject a change that does not.\n\n`;
  });
  text += `## Governance\n\nAmendments need a pull request that updates this file and the templates.\n\n**Version**: 1.2.0 | **Ratified**: 2025-01-10 | **Last Amended**: 2025-03-01\n`;
  return text;
}

function product(features, rnd) {
  let text = '# Example — Product\n\nWhat each feature means. The order lives in [DEVELOPMENT.md](DEVELOPMENT.md).\n\n';
  for (let f = 1; f <= features; f++) {
    const title = f % 9 === 0 ? CJK[f % CJK.length] : `${WORDS[f % WORDS.length]} ${WORDS[(f * 7) % WORDS.length]} ${f}`;
    text += `## ${id(f)}: ${title}\n\n**Definition**: ${sentence(rnd, 20)}\n\n**Acceptance criteria**:\n`;
    for (let i = 0; i < 3; i++) text += `- ${sentence(rnd, 10)}\n`;
    text += `\n**Boundary conditions**:\n- ${sentence(rnd, 8)}\n- ${sentence(rnd, 8)}\n\n**Depends on**: ${f > 1 ? id(Math.max(1, f - 1 - Math.floor(rnd() * 3))) : 'none'}\n\n`;
  }
  return text;
}

function development(features) {
  let text = '# Example — Development Sequence\n\nWork top to bottom. A feature starts only when its dependencies are done.\n\n';
  let n = 1;
  for (let phase = 1; n <= features; phase++) {
    text += `## Phase ${phase}\n\n`;
    for (let i = 0; i < 5 && n <= features; i++, n++) {
      const state = n <= features / 3 ? ' — ✅ done' : n <= features / 3 + 1 ? ' — 🚧 in progress' : '';
      text += `${n}. ${id(n)} Feature ${n}${state}\n`;
    }
    text += '\n';
  }
  return text;
}

function status(features, specs, rnd) {
  const done = Math.floor(features / 3);
  let text = `# Status\n\nLast updated: 2025-03-14\n\n## In Progress\n\n- ${id(done + 1)} Feature ${done + 1} — \`specs/${num(Math.min(specs, done + 1))}-feature/\`\n\n## Done\n\n`;
  for (let f = 1; f <= done; f++) text += `- ${id(f)} Feature ${f} — merged in #${f * 3}\n`;
  text += '\n## Blocked\n\n_Nothing is blocked._\n\n## Handoffs\n\n';
  const handoffs = Math.max(1, Math.min(20, Math.floor(features / 5)));
  for (let h = 0; h < handoffs; h++) {
    text += `### Handoff: implement -> verify\n\n- Goal status: ${h % 2 ? 'done' : 'partial'}\n- Evidence:\n  - lint: pass (\`pnpm lint\`)\n  - tests: pass (\`pnpm test\` — ${20 + h} passed, 0 failed)\n- Diff scope:\n  - changed dirs: src/, tests/\n- Risk note:\n  - rollback path: revert branch \`${num(h + 1)}-feature\`\n  - unresolved edge cases: ${sentence(rnd, 6)}\n- Next owner: verify lane\n- Next action due: 2025-03-15\n\n`;
  }
  return text;
}

function spec(n, feature, rnd) {
  let text = `# Feature Specification: Feature ${feature}\n\n**Feature Branch**: \`${num(n)}-feature\`\n**Created**: 2025-03-03\n**Status**: Draft\n**Input**: Feature ${id(feature)} in docs/PRODUCT.md: "${sentence(rnd, 10)}"\n\n## User Scenarios & Testing *(mandatory)*\n\n`;
  for (let s = 1; s <= 3; s++) {
    text += `### User Story ${s} - ${n % 11 === 0 && s === 1 ? CJK[n % CJK.length] : sentence(rnd, 4).slice(0, -1)} (Priority: P${s})\n\n${sentence(rnd, 18)}\n\n**Why this priority**: ${sentence(rnd, 10)}\n\n**Independent Test**: ${sentence(rnd, 12)}\n\n**Acceptance Scenarios**:\n\n`;
    for (let a = 1; a <= 2; a++) text += `${a}. **Given** ${sentence(rnd, 4)} **When** ${sentence(rnd, 4)} **Then** ${sentence(rnd, 6)}\n`;
    text += '\n---\n\n';
  }
  text += '### Edge Cases\n\n';
  for (let e = 0; e < 3; e++) text += `- What happens when ${sentence(rnd, 8).toLowerCase()}\n`;
  text += '\n## Requirements *(mandatory)*\n\n### Functional Requirements\n\n';
  for (let r = 1; r <= 6; r++) text += `- **FR-${num(r)}**: System MUST ${sentence(rnd, 10).toLowerCase()}\n`;
  text += '\n### Key Entities\n\n| Entity | Fields | Notes |\n| --- | --- | --- |\n| Bookmark | url, title, note | one per URL |\n| Tag | name | lowercase |\n\n## Success Criteria *(mandatory)*\n\n- **SC-001**: ' + sentence(rnd, 10) + '\n';
  return text;
}

function plan(n, rnd) {
  return `# Implementation Plan: Feature ${n}\n\n**Branch**: \`${num(n)}-feature\` | **Date**: 2025-03-04 | **Spec**: [spec.md](spec.md)\n\n## Summary\n\n${sentence(rnd, 30)}\n\n## Technical Context\n\n**Language/Version**: TypeScript 5, Node 20\n**Primary Dependencies**: fastify, better-sqlite3\n**Storage**: SQLite\n**Testing**: vitest\n\n## Constitution Check\n\n- [x] I. Links Stay Yours\n- [x] II. Test First\n- [x] III. Small, Stable HTTP API\n\n## Project Structure\n\n\`\`\`text\nsrc/\n├── server.ts\n├── db.ts\n└── feature-${n}.ts\ntests/\n└── feature-${n}.test.ts\n\`\`\`\n\n## Complexity Tracking\n\n${sentence(rnd, 15)}\n`;
}

function tasks(n, rnd) {
  let text = `# Tasks: Feature ${n}\n\n**Input**: Design documents from \`/specs/${num(n)}-feature/\`\n**Prerequisites**: plan.md, spec.md\n\n## Phase 1: Setup\n\n- [x] T001 Create src/feature-${n}.ts\n\n`;
  let t = 2;
  for (let phase = 2; phase <= 4; phase++) {
    text += `## Phase ${phase}: User Story ${phase - 1} (Priority: P${phase - 1})\n\n`;
    for (let i = 0; i < 4; i++, t++) {
      const mark = rnd() < 0.5 ? 'x' : ' ';
      text += `- [${mark}] T${num(t)} ${i % 2 ? '[P] ' : ''}[US${phase - 1}] ${sentence(rnd, 8).slice(0, -1)} in src/feature-${n}.ts\n`;
    }
    text += '\n';
  }
  return text;
}

function agentSpec(slug, rnd) {
  return `# ${slug}\n\n## Goal\n\n${sentence(rnd, 16)}\n\n## Scope\n\n- In: ${sentence(rnd, 6)}\n- Out: ${sentence(rnd, 6)}\n\n## Acceptance\n\n- [ ] ${sentence(rnd, 8)}\n`;
}

/** One repository of `count` documents. */
export function generate(count, dir) {
  const rnd = random(count);
  rmSync(dir, { recursive: true, force: true });
  const files = new Map();
  const features = Math.max(1, Math.floor(count / 10));
  const fixed = 6;
  const specFolders = Math.max(0, Math.floor((count - fixed) / 3));
  files.set('.specify/memory/constitution.md', constitution());
  files.set('docs/PRODUCT.md', product(features, rnd));
  files.set('docs/DEVELOPMENT.md', development(features));
  files.set('status.md', status(features, specFolders, rnd));
  files.set('AGENTS.md', `# Agents\n\n## Setup\n\n\`pnpm install\`\n\n## Commands\n\n- \`pnpm test\`\n- \`pnpm lint\`\n\n## Conventions\n\n${sentence(rnd, 20)}\n`);
  files.set('CLAUDE.md', '# Claude\n\n@AGENTS.md\n\nClaude-only notes: keep answers short.\n');
  for (let s = 1; s <= specFolders; s++) {
    const feature = ((s - 1) % features) + 1;
    files.set(`specs/${num(s)}-feature/spec.md`, spec(s, feature, rnd));
    files.set(`specs/${num(s)}-feature/plan.md`, plan(s, rnd));
    files.set(`specs/${num(s)}-feature/tasks.md`, tasks(s, rnd));
  }
  for (let extra = 0; files.size < count; extra++) files.set(`.agent/specs/idea-${extra + 1}.md`, agentSpec(`idea-${extra + 1}`, rnd));
  let i = 0;
  let bytes = 0;
  for (const [file, text] of files) {
    const full = path.join(dir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    // Every seventh document is saved with Windows line endings.
    const content = i++ % 7 === 3 ? text.replace(/\n/g, '\r\n') : text;
    writeFileSync(full, content);
    bytes += Buffer.byteLength(content);
  }
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "bench-repo", "private": true }\n');
  return { documents: files.size, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const sizes = process.argv.slice(2).map(Number);
  for (const size of sizes.length > 0 ? sizes : [10, 100, 1000, 5000]) {
    const { documents, bytes } = generate(size, path.join(outRoot, String(size)));
    console.log(`bench/out/${size}: ${documents} documents, ${(bytes / 1024).toFixed(0)} KB`);
  }
}
