import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/** Repository-relative path of a module → the repository modules it imports (type-only imports and re-exports included). */
export type ImportGraph = Map<string, string[]>;

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The import graph of every module reachable from the .ts files of `dir` (repository-relative), by
 * relative specifiers. Type-only imports count: they are what a cycle like `import type { X }` back
 * into the importer is made of, and they break as soon as someone turns them into value imports.
 */
export function importGraphFrom(dir: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const pending = readdirSync(join(ROOT, dir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(dir, name));
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (graph.has(file)) continue;
    const { importedFiles } = ts.preProcessFile(readFileSync(join(ROOT, file), 'utf8'), true, true);
    const targets = importedFiles
      .map((i) => i.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => relative(ROOT, resolve(ROOT, dirname(file), specifier)))
      .filter((target) => target.endsWith('.ts') && existsSync(join(ROOT, target)));
    graph.set(file, [...new Set(targets)]);
    pending.push(...targets);
  }
  return graph;
}

/** Every elementary cycle found by a depth-first walk, each as the modules along it, starting and ending with the same one. */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (module: string) => {
    const at = onPath.indexOf(module);
    if (at >= 0) {
      cycles.push([...onPath.slice(at), module]);
      return;
    }
    if (done.has(module)) return;
    onPath.push(module);
    for (const next of graph.get(module) ?? []) visit(next);
    onPath.pop();
    done.add(module);
  };
  for (const module of [...graph.keys()].sort()) visit(module);
  return cycles;
}
