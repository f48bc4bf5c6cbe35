import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import ts from 'typescript';

/** One `ruleTable(rule, { valid, invalid })` call in a test file, as written. */
export interface RuleTableCall {
  testFile: string;
  /** The rule module the table's rule is imported from, as an absolute path. */
  ruleModule: string;
  /** The name the rule is exported under in that module. */
  exportName: string;
  invalidCases: number;
  /** Every message id an invalid case expects. */
  messageIds: string[];
}

/**
 * Reads the rule tables of a test file from its syntax, so the rule-files check can tell which rule a
 * table tests and which message ids its invalid cases expect without running it. Tables are written
 * out literally for this; a table built another way is reported as an error rather than skipped.
 */
export function ruleTableCalls(testFile: string): RuleTableCall[] {
  const source = ts.createSourceFile(testFile, readFileSync(testFile, 'utf8'), ts.ScriptTarget.Latest, true);
  const importedFrom = importedNames(source);
  const calls: RuleTableCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'ruleTable') {
      calls.push(readCall(node, testFile, importedFrom));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function readCall(call: ts.CallExpression, testFile: string, importedFrom: Map<string, ImportedName>): RuleTableCall {
  const [ruleArg, tableArg] = call.arguments;
  const where = `${testFile}: ruleTable(${ruleArg?.getText() ?? ''}, ...)`;
  if (!ruleArg || !ts.isIdentifier(ruleArg)) throw new Error(`${where}: the rule must be an imported name`);
  const imported = importedFrom.get(ruleArg.text);
  if (!imported) throw new Error(`${where}: the rule is not imported from its module`);
  const invalid = tableArg && ts.isObjectLiteralExpression(tableArg) ? property(tableArg, 'invalid') : undefined;
  if (!invalid || !ts.isArrayLiteralExpression(invalid)) throw new Error(`${where}: the invalid cases must be an array written out in the call`);
  return {
    testFile,
    ruleModule: resolve(dirname(testFile), imported.module),
    exportName: imported.exportName,
    invalidCases: invalid.elements.length,
    messageIds: invalid.elements.flatMap((element) => expectedMessageIds(element, where)),
  };
}

function expectedMessageIds(invalidCase: ts.Expression, where: string): string[] {
  const reports = ts.isObjectLiteralExpression(invalidCase) ? property(invalidCase, 'reports') : undefined;
  if (!reports || !ts.isArrayLiteralExpression(reports)) throw new Error(`${where}: each invalid case lists its reports in an array`);
  return reports.elements.map((report) => {
    const messageId = ts.isObjectLiteralExpression(report) ? property(report, 'messageId') : undefined;
    if (!messageId || !ts.isStringLiteral(messageId)) throw new Error(`${where}: each expected report names its messageId as a string`);
    return messageId.text;
  });
}

function property(object: ts.ObjectLiteralExpression, name: string): ts.Expression | undefined {
  for (const member of object.properties) {
    if (ts.isPropertyAssignment(member) && ts.isIdentifier(member.name) && member.name.text === name) return member.initializer;
  }
  return undefined;
}

interface ImportedName {
  module: string;
  exportName: string;
}

/** Local name of each named import, mapped to the module it comes from and the name it is exported under. */
function importedNames(source: ts.SourceFile): Map<string, ImportedName> {
  const names = new Map<string, ImportedName>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    for (const element of bindings.elements) {
      names.set(element.name.text, { module: statement.moduleSpecifier.text, exportName: (element.propertyName ?? element.name).text });
    }
  }
  return names;
}
