/**
 * The import directions the architecture keeps, enforced by ESLint (eslint.config.js imports this module) and listed in
 * docs/development.md. Data flows one way: bytes → reader → claim → rules → result → route. The domain
 * neither reads files nor talks to AWS; the application services are written against ports; adapters
 * (shared/aws, shared/files) implement them; handlers, the CLI and the local stack wire them together.
 */

/** A no-restricted-imports pattern. */
export interface Pattern {
  group?: string[];
  regex?: string;
  message: string;
}

const folders = (folders: string[], message: string): Pattern => ({ regex: `(^|/)(${folders.join('|')})/`, message });

const AWS: Pattern = { group: ['@aws-sdk/*', '@aws-lambda-powertools/*', '@middy/*', 'aws-lambda', 'aws-cdk-lib', 'aws-cdk-lib/*'], message: 'No AWS here: an adapter in shared/aws implements the port, a handler wires it.' };
const FILES: Pattern = { regex: '^(node:)?fs(/promises)?$', message: 'No file access here: take bytes or parsed data; shared/files or the caller reads files.' };
const OUTER = folders(['aws', 'files', 'application', 'functions', 'local', 'cli', 'infra'], 'The domain is handed its data: adapters, services and entry points import the domain, never the reverse.');

export const LAYERS: ReadonlyArray<{ name: string; files: string[]; forbidden: Pattern[] }> = [
  {
    name: 'claim contract, code data, payer policy',
    files: ['shared/claim/**', 'shared/codes/**', 'shared/ncci/**', 'shared/payers/**'],
    forbidden: [AWS, FILES, OUTER, folders(['rules', 'scrub', 'formats', 'intake'], 'The contract and the code and payer data sit below the rules, the engine and the readers.')],
  },
  {
    name: 'rules',
    files: ['shared/rules/**'],
    forbidden: [AWS, FILES, OUTER, folders(['scrub', 'formats', 'intake'], 'A rule is a pure check over the claim and the data; the engine calls it.')],
  },
  {
    name: 'readers',
    files: ['shared/formats/**'],
    forbidden: [AWS, FILES, OUTER, folders(['rules', 'scrub', 'intake'], 'Readers turn bytes into claim inputs or rejections; they never call the engine nor import rules.')],
  },
  { name: 'engine', files: ['shared/scrub/**'], forbidden: [AWS, FILES, OUTER, folders(['intake'], 'The engine scrubs claims; how they travel is the intake\'s concern.')] },
  { name: 'intake messages and reports', files: ['shared/intake/**'], forbidden: [AWS, FILES, OUTER] },
  {
    name: 'application services',
    files: ['shared/application/**'],
    forbidden: [AWS, FILES, folders(['aws', 'files', 'functions', 'local', 'cli', 'infra'], 'Application services are written against ports (shared/application/ports.ts); adapters are handed in.')],
  },
  { name: 'adapters', files: ['shared/aws/**', 'shared/files/**'], forbidden: [folders(['functions', 'local', 'cli', 'infra'], 'Adapters serve the entry points; they never import them.')] },
  { name: 'Lambda handlers', files: ['functions/**'], forbidden: [folders(['cli', 'local', 'infra'], 'A handler wires the domain to adapters; the CLI, the local stack and the infrastructure are not part of it.')] },
  {
    name: 'local stack',
    files: ['local/**'],
    forbidden: [{ regex: '(^|/)cli/commands/', message: 'The local stack may use cli/ui/, never a CLI command: share the code through shared/.' }, folders(['infra'], 'The local stack builds its resources from shared/aws, as the construct does.')],
  },
  { name: 'CLI', files: ['cli/**', 'bin/**'], forbidden: [folders(['local', 'functions', 'infra'], 'The CLI runs the domain and adapters directly.')] },
  { name: 'infrastructure', files: ['infra/**'], forbidden: [folders(['local', 'cli'], 'The construct deploys the functions; it never imports the CLI or the local stack.')] },
];
