import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { splitClaimsDocument } from '../../shared/formats/json/split-claims-document.ts';
import { stackPropsFromContext } from '../../infra/claim-scrubber-stack.ts';
import { EXAMPLE_ORGANISATIONS } from '../../infra/worklist-context.ts';
import { RULES } from '../../shared/rules/catalog.ts';
import { resourcesOfType, synthStack } from './support.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** README.md and every Markdown page under docs/, as paths from the repository root. */
function markdownFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  return ['README.md', ...walk('docs')];
}

const readme = read('README.md');

/** What the deployment pages state about the stack: docs/deploy.md and docs/operations.md. */
const deployDocs = `${read('docs/deploy.md')}\n${read('docs/operations.md')}`;
const { template } = synthStack();
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown> }>;

describe('docs/deploy.md and docs/operations.md', () => {
  it('exist', () => {
    expect(deployDocs.length).toBeGreaterThan(1_000);
  });

  it('read only outputs the stack has (with the worklist, which adds its own)', () => {
    const withWorklist = synthStack({ worklist: { organisations: EXAMPLE_ORGANISATIONS } }).template;
    const outputs = [template, withWorklist].flatMap((t) => Object.keys(t.toJSON().Outputs as object));
    const named = [...deployDocs.matchAll(/\$\(out (\w+)\)/g), ...deployDocs.matchAll(/`([A-Z]\w+(?:Url|Arn|Name))`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    expect(named.filter((name) => !outputs.includes(name as string))).toEqual([]);
  });

  it('state the defaults the stack has', () => {
    const esm = resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')[0]?.[1].Properties as { BatchSize: number; ScalingConfig: { MaximumConcurrency: number } };
    const redrive = Object.values(resources).find((r) => r.Type === 'AWS::SQS::Queue' && r.Properties.RedrivePolicy)?.Properties.RedrivePolicy as { maxReceiveCount: number };
    const alarms = resourcesOfType(template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties as { MetricName: string; Threshold: number; Period: number });
    const age = alarms.find((a) => a.MetricName === 'ApproximateAgeOfOldestMessage');
    const denial = alarms.find((a) => a.MetricName === 'MedicareDenialRisk');

    expect(deployDocs).toContain(`${esm.BatchSize} claims per batch, up to ${esm.ScalingConfig.MaximumConcurrency} at once`);
    expect(deployDocs).toContain(`batches of ${esm.BatchSize} claims`);
    expect(deployDocs).toContain(`after ${redrive.maxReceiveCount} failed deliveries`);
    expect(deployDocs).toContain(`waited ${(age?.Threshold ?? 0) / 60} minutes`);
    expect(deployDocs).toContain(`${denial?.Threshold} or more denial-risk claims arrive in an ${denial?.Period === 3600 ? 'hour' : '?'}`);
    expect(deployDocs).toContain(`${alarms.length} alarms`);
    expect(deployDocs).toContain(`1,000,000 ÷ ${esm.BatchSize}`);
  });

  it('describe the context options app.ts understands', () => {
    const app = new App({ context: { alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com', disposable: 'true', alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops' } });
    expect(stackPropsFromContext(app.node)).toMatchObject({
      scrubber: { alarmEmail: 'ops@example.com', alertEmail: 'billing@example.com', deletionProtection: false },
      alarmTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops',
    });
    expect(stackPropsFromContext(new App({ context: { alarmNotifications: 'none' } }).node).scrubber).toMatchObject({ alarmNotifications: 'none' });
    expect(stackPropsFromContext(new App().node)).toEqual({ scrubber: { alarmEmail: undefined, alertEmail: undefined }, alarmTopicArn: undefined });
    for (const option of ['-c alarmEmail=', '-c alarmTopicArn=', '-c alarmNotifications=none', '-c alertEmail=', '-c stackName=', '-c disposable=true', '-c worklistOrganisations=', '-c worklistDomainPrefix=']) {
      expect(deployDocs).toContain(option);
    }
  });
});

describe('README.md', () => {
  it('stays short', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
  });

  it('keeps the test command CI runs, and CI runs it', () => {
    expect(readme).toContain('npm test');
    const ci = read('.ci/run');
    expect(ci.search(/^npm run lint$/m)).toBeGreaterThan(0);
    expect(ci.search(/^npm test$/m)).toBeGreaterThan(ci.search(/^npm run lint$/m));
  });

  it('names only npm scripts package.json has', () => {
    const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
    const named = [...markdownFiles().map(read).join('\n').matchAll(/npm run ([\w:-]+)/g)].map((m) => m[1] as string);
    expect(named.length).toBeGreaterThan(5);
    expect([...new Set(named)].filter((name) => !scripts.includes(name))).toEqual([]);
  });

  it('counts the rules the catalog has', () => {
    expect(readme).toContain(`by ${RULES.length} rules`);
  });
});

describe('the example claims', () => {
  it('04-batch.ndjson holds seven lines: six claims and a line that is not JSON', () => {
    const items = splitClaimsDocument(read('examples/04-batch.ndjson'));
    const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
    const json = items.filter((item) => item.parseError === undefined).length;
    const notJson = items.length - json;
    const described = `${words[items.length]} lines of ndjson: ${words[json]} claims`;
    expect(notJson).toBe(1);
    for (const page of ['README.md', 'docs/cli.md']) expect(read(page).toLowerCase()).toContain(described);
  });
});

describe('links in README.md and docs/', () => {
  const files = markdownFiles();

  it.each(files)('every relative link in %s resolves to a file in the repository', (file) => {
    const text = read(file).replace(/```[\s\S]*?```/g, '');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] as string).filter((target) => !/^(https?:|mailto:|#)/.test(target));
    const broken = targets.filter((target) => {
      const path = join(ROOT, dirname(file), decodeURIComponent(target.split('#')[0] as string));
      if (relative(ROOT, path).startsWith('..')) return true;
      return !existsSync(path);
    });
    expect(broken).toEqual([]);
  });

  it.each(files)('every link to a heading in %s names a heading of the page it points to', (file) => {
    const text = read(file).replace(/```[\s\S]*?```/g, '');
    const links = [...text.matchAll(/\]\(([^)\s]*#[^)\s]+)\)/g)].map((m) => m[1] as string).filter((target) => !/^https?:/.test(target));
    const missing = links.filter((link) => {
      const [path, anchor] = link.split('#') as [string, string];
      const page = path === '' ? file : join(dirname(file), path);
      if (!existsSync(join(ROOT, page)) || !page.endsWith('.md')) return true;
      return !headingAnchors(read(page)).includes(anchor);
    });
    expect(missing).toEqual([]);
  });
});

/** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
function headingAnchors(markdown: string): string[] {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return [...withoutCode.matchAll(/^#{1,6} (.+)$/gm)].map((m) =>
    (m[1] as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-'),
  );
}
