import { it } from 'vitest';
import { normaliseStateWord, leadingStateWord } from '../src/parse/state-words.js';
it('x', () => {
  for (const w of ['Done', '**In Progress** 🚧', '✅', '✅ Done', '[x]', "won't do", 'Won’t fix', '进行中', 'blocked — waiting on API keys', 'done (2024-05-01)', 'Review PR #12', 'in_progress', '`done`', '❌', '❌ Cancelled', 'Not started', 'on-hold', 'Completed ✅', '⏳ Pending', 'Parked', 'documented', 'New', 'Open questions', '✔️', 'Done this week', '🟢']) {
    console.log(JSON.stringify(w), normaliseStateWord(w), JSON.stringify(leadingStateWord(w, { loose: true })));
  }
});
