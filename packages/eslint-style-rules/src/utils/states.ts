import { featureStates, type Feature, type FeatureStateReport, type Project } from '@govern/core';

/**
 * Four project rules ask for every feature's state in one run; the model does not change while rules
 * run, so the answer is kept per features array (a new load, or a `--fix` pass, brings a new one).
 */
const computed = new WeakMap<readonly Feature[], { count: number; byFeature: ReadonlyMap<Feature, FeatureStateReport> }>();

/** Each feature's state report, keyed by the feature object (ids may repeat when PRODUCT.md reuses one). */
export function statesByFeature(project: Pick<Project, 'features'>): ReadonlyMap<Feature, FeatureStateReport> {
  const known = computed.get(project.features);
  if (known && known.count === project.features.length) return known.byFeature;
  const reports = featureStates(project);
  const byFeature = new Map<Feature, FeatureStateReport>();
  project.features.forEach((feature, i) => {
    const report = reports[i];
    if (report) byFeature.set(feature, report);
  });
  computed.set(project.features, { count: project.features.length, byFeature });
  return byFeature;
}

/** `F-003 "Tags"`, or just the id when the title says nothing more. */
export function featureLabel(feature: Pick<Feature, 'id' | 'title'>): string {
  const same = feature.title.trim() === '' || feature.title.trim().toLowerCase() === feature.id.toLowerCase();
  return same ? feature.id : `${feature.id} "${feature.title}"`;
}
