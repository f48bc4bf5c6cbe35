import { describe, expect, it } from 'vitest';
import { INTAKE_FILES_SERVICE_NAME } from '../../functions/intake-files/metric-names.ts';
import { DEFAULT_METRICS_NAMESPACE, SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../../functions/scrub-claims/metric-names.ts';
import { WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME } from '../../functions/worklist-api/metric-names.ts';
import { EXAMPLE_ORGANISATIONS } from '../../infra/worklist-context.ts';
import { logicalIdOf, synthStack } from './support.ts';
import { DECLARED_METRICS, isCustomNamespace, metricWriters, watchedMetrics } from './watched-metrics.ts';

describe('metrics the alarms and the dashboard watch', () => {
  const { stack, template } = synthStack();
  const custom = watchedMetrics(template).filter((m) => isCustomNamespace(m.namespace));

  it('finds the alarms\' and the dashboard\'s metrics in the template, both AWS ones and our own', () => {
    const all = watchedMetrics(template);
    expect(new Set(all.map((m) => m.watchedBy)).size).toBe(27 + 1);
    expect(all.some((m) => m.namespace === 'AWS/SQS' && m.watchedBy === 'dashboard')).toBe(true);
    expect(custom.filter((m) => m.watchedBy !== 'dashboard').map((m) => m.metricName)).toEqual([SCRUB_METRICS.recordsFailed, SCRUB_METRICS.denialRisk]);
    // Every metric the scrub and intake-files functions declare is drawn; the worklist's are drawn only with the worklist.
    expect(custom.filter((m) => m.watchedBy === 'dashboard').length).toBe([SCRUB_SERVICE_NAME, INTAKE_FILES_SERVICE_NAME].flatMap((service) => DECLARED_METRICS[service] ?? []).length);
  });

  it('are each a metric a function declares in its metric-names module, with exactly the service dimension Powertools writes', () => {
    for (const m of custom) {
      const label = `${m.metricName} (${m.watchedBy})`;
      expect(Object.keys(m.dimensions), label).toEqual(['service']);
      const service = m.dimensions.service as string;
      expect(Object.keys(DECLARED_METRICS), label).toContain(service);
      expect(DECLARED_METRICS[service], label).toContain(m.metricName);
    }
  });

  it('are in the namespace, and under the service name, the function writing them is configured with', () => {
    const writers = metricWriters(template);
    expect(writers).toEqual(
      expect.arrayContaining([
        { logicalId: logicalIdOf(stack, stack.scrubber.scrubFunction), namespace: DEFAULT_METRICS_NAMESPACE, service: SCRUB_SERVICE_NAME },
        { logicalId: logicalIdOf(stack, stack.scrubber.intakeFilesFunction), namespace: DEFAULT_METRICS_NAMESPACE, service: INTAKE_FILES_SERVICE_NAME },
      ]),
    );
    for (const m of custom) {
      expect(writers.some((w) => w.namespace === m.namespace && w.service === m.dimensions.service), `${m.metricName} (${m.watchedBy}) has a writer`).toBe(true);
    }
  });

  it('with the worklist, are each declared and written by a worklist function under its service name', () => {
    const worklist = synthStack({ worklist: { organisations: EXAMPLE_ORGANISATIONS } }).template;
    const writers = metricWriters(worklist);
    const drawn = watchedMetrics(worklist).filter((m) => isCustomNamespace(m.namespace) && [WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME].includes(m.dimensions.service as string));
    expect(drawn.length).toBeGreaterThanOrEqual(3);
    for (const m of drawn) {
      expect(DECLARED_METRICS[m.dimensions.service as string], m.metricName).toContain(m.metricName);
      expect(writers.some((w) => w.namespace === m.namespace && w.service === m.dimensions.service), `${m.metricName} has a writer`).toBe(true);
    }
  });

  it('follow the metricsNamespace prop, on the functions and on what watches them alike', () => {
    const other = synthStack({ metricsNamespace: 'ClaimScrubberStaging' }).template;
    const namespaces = new Set(watchedMetrics(other).map((m) => m.namespace).filter(isCustomNamespace));
    expect([...namespaces]).toEqual(['ClaimScrubberStaging']);
    expect(new Set(metricWriters(other).map((w) => w.namespace))).toEqual(namespaces);
  });
});
