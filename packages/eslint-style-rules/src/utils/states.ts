import { featureStates, type Feature, type FeatureStateReport, type Project } from '@govern/core';

/** Each feature's state report, keyed by the feature object (ids may repeat when PRODUCT.md reuses one). */
export function statesByFeature(project: Pick<Project, 'features'>): Map<Feature, FeatureStateReport> {
  const reports = featureStates(project);
  const byFeature = new Map<Feature, FeatureStateReport>();
  project.features.forEach((feature, i) => {
    const report = reports[i];
    if (report) byFeature.set(feature, report);
  });
  return byFeature;
}

/** `F-003 "Tags"`, or just the id when the title says nothing more. */
export function featureLabel(feature: Pick<Feature, 'id' | 'title'>): string {
  const same = feature.title.trim() === '' || feature.title.trim().toLowerCase() === feature.id.toLowerCase();
  return same ? feature.id : `${feature.id} "${feature.title}"`;
}
