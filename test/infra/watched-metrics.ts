import type { Template } from 'aws-cdk-lib/assertions';
import { INTAKE_FILES_METRICS, INTAKE_FILES_SERVICE_NAME } from '../../functions/intake-files/metric-names.ts';
import { SCRUB_METRICS, SCRUB_SERVICE_NAME } from '../../functions/scrub-claims/metric-names.ts';
import { WORKLIST_API_SERVICE_NAME, WORKLIST_FEED_SERVICE_NAME, WORKLIST_METRICS } from '../../functions/worklist-api/metric-names.ts';

/** A CloudWatch metric as an alarm or a dashboard graph names it; a dimension value CloudFormation resolves reads `<token>`. */
export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

export interface WatchedMetric extends MetricId {
  /** The alarm's logical id, or `dashboard`. */
  watchedBy: string;
}

/** The metrics each function's metric-names module declares, by the service name that is their `service` dimension. */
export const DECLARED_METRICS: Readonly<Record<string, readonly string[]>> = {
  [SCRUB_SERVICE_NAME]: Object.values(SCRUB_METRICS),
  [INTAKE_FILES_SERVICE_NAME]: Object.values(INTAKE_FILES_METRICS),
  // The two worklist functions share one metric-names module.
  [WORKLIST_API_SERVICE_NAME]: Object.values(WORKLIST_METRICS),
  [WORKLIST_FEED_SERVICE_NAME]: Object.values(WORKLIST_METRICS),
};

const TOKEN = '<token>';

/** AWS services' namespaces start with `AWS/`; every other one holds metrics a function of ours writes. */
export const isCustomNamespace = (namespace: string) => !namespace.startsWith('AWS/');

export const metricKey = (m: MetricId) =>
  `${m.namespace} ${m.metricName} ${Object.entries(m.dimensions)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${value}`)
    .join(',')}`;

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Every metric the template's alarms and dashboards read. */
export function watchedMetrics(template: Template): WatchedMetric[] {
  const resources = template.toJSON().Resources as Resources;
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (resource.Type === 'AWS::CloudWatch::Alarm') return alarmMetrics(resource.Properties).map((m) => ({ ...m, watchedBy: logicalId }));
    if (resource.Type === 'AWS::CloudWatch::Dashboard') return dashboardMetrics(resource.Properties.DashboardBody).map((m) => ({ ...m, watchedBy: 'dashboard' }));
    return [];
  });
}

interface CfnMetricStat {
  Metric?: { Namespace: string; MetricName: string; Dimensions?: Array<{ Name: string; Value: unknown }> };
}

function alarmMetrics(p: Record<string, unknown>): MetricId[] {
  const dimensions = (list: Array<{ Name: string; Value: unknown }> | undefined) =>
    Object.fromEntries((list ?? []).map((d) => [d.Name, typeof d.Value === 'string' ? d.Value : TOKEN]));
  if (typeof p.MetricName === 'string') {
    return [{ namespace: String(p.Namespace), metricName: p.MetricName, dimensions: dimensions(p.Dimensions as Array<{ Name: string; Value: unknown }>) }];
  }
  // An alarm on metric math lists its metrics under Metrics.
  return ((p.Metrics as Array<{ MetricStat?: CfnMetricStat }> | undefined) ?? []).flatMap(({ MetricStat }) =>
    MetricStat?.Metric ? [{ namespace: MetricStat.Metric.Namespace, metricName: MetricStat.Metric.MetricName, dimensions: dimensions(MetricStat.Metric.Dimensions) }] : [],
  );
}

/** The dashboard body is JSON with tokens joined in; a token only ever stands for a dimension value here. */
function dashboardMetrics(body: unknown): MetricId[] {
  const parts = typeof body === 'string' ? [body] : ((body as { 'Fn::Join': [string, unknown[]] })['Fn::Join'][1] ?? []);
  const json = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : TOKEN)).join('')) as {
    widgets: Array<{ properties: { metrics?: unknown[][] } }>;
  };
  return json.widgets.flatMap((widget) => {
    let previous: string[] = [];
    return (widget.properties.metrics ?? []).flatMap((row) => {
      // A metric-math row ([{ expression, … }]) names no metric of its own; the metrics it uses are rows too.
      if (typeof row[0] !== 'string') return [];
      // [namespace, name, dimension name, value, …, {options}]; "." repeats the previous row's field.
      const fields = row.filter((field): field is string => typeof field === 'string').map((field, i) => (field === '.' ? (previous[i] ?? field) : field));
      previous = fields;
      const [namespace = '', metricName = '', ...pairs] = fields;
      const dimensions: Record<string, string> = {};
      for (let i = 0; i + 1 < pairs.length; i += 2) dimensions[pairs[i] as string] = pairs[i + 1] as string;
      return [{ namespace, metricName, dimensions }];
    });
  });
}

/** What each function that writes metrics is configured with in the template: its namespace and service name. */
export function metricWriters(template: Template): Array<{ logicalId: string; namespace: string; service: string }> {
  const resources = template.toJSON().Resources as Resources;
  return Object.entries(resources).flatMap(([logicalId, resource]) => {
    if (resource.Type !== 'AWS::Lambda::Function') return [];
    const env = (resource.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {};
    const namespace = env.POWERTOOLS_METRICS_NAMESPACE;
    const service = env.POWERTOOLS_SERVICE_NAME;
    return typeof namespace === 'string' && typeof service === 'string' ? [{ logicalId, namespace, service }] : [];
  });
}
