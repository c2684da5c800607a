import { it } from 'vitest';
import { loadProject, featureStates, dependencyCycles } from '@govern/core';
const fixtures = ['example','speckit','agent-specs','status-backlog','messy','empty','agents-only','claude-symlink','claude-fence-only','product-formats'];
it('dump', async () => {
  for (const f of fixtures) {
    const p = await loadProject(`/work/main/fixtures/${f}`);
    console.log('=====', f);
    for (const feat of p.features) {
      const pr = feat.product;
      console.log(` F ${feat.id} "${feat.title}" def=${pr?.definition ? JSON.stringify(pr.definition.value.slice(0,50)) : '-'} ac=${pr?.acceptanceCriteria.length} bc=${pr?.boundaryConditions.length} seq=${feat.sequence.map(s=>s.file+':'+s.entry.position.line+'#'+s.entry.index).join(',')} deps=${feat.dependencies.map(d=>(d.id??'?')+'<'+d.reference+'>').join(',')}`);
      for (const s of feat.specs) for (const t of s.tasks?.tasks ?? []) if (t.done && t.paths.length) console.log(`    task ${t.position.file}:${t.position.line} ${JSON.stringify(t.paths)}`);
    }
    for (const s of p.sequences) console.log(' seq', s.file, s.entries.map(e=>`${e.index}:${e.reference}`).join(' | '));
    for (const r of featureStates(p)) for (const c of r.conflicts) console.log('  conflict', r.id, c.message, `${c.source.file}:${c.source.line}`);
    console.log(' cycles', JSON.stringify(dependencyCycles(p)));
    console.log(' specs', p.specs.map(s=>`${s.dir}#${s.number} clar=${s.spec?.clarifications.map(c=>c.position.line+':'+c.value.slice(0,30)).join(';')}`).join(' , '));
    for (const d of p.diagnostics) console.log('  diag', d.ruleId, d.file, d.line, d.message.slice(0,100));
  }
});
