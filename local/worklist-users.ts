import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmod, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Organisation, Role } from '../shared/application/worklist/model.ts';
import { parseOrganisations } from '../shared/aws/worklist-config.ts';
import { writeFileAtomically } from './write-file-atomically.ts';

/** The local worklist's users, in the data folder: edit it to add users or organisations, then restart. */
export const USERS_FILE = 'worklist-users.json';

export interface LocalUser {
  username: string;
  /** Local only: the local stack has no identity service, so the password is kept as given. */
  password: string;
  organisationId: string;
  roles: Role[];
}

export interface LocalUsers {
  organisations: Organisation[];
  users: LocalUser[];
  /** Where they are kept; undefined when the stack keeps nothing on disk. */
  path: string | undefined;
}

/**
 * The examples' billing provider and a second organisation, so signing in as each shows what the other
 * cannot see. Every password is random, made when the file is first written.
 */
function defaultUsers(): Omit<LocalUsers, 'path'> {
  return {
    organisations: [
      { id: 'riverbend', name: 'Riverbend Home Infusion', billingNpis: ['1234567893', '1245319599'] },
      { id: 'lakeside', name: 'Lakeside Infusion Partners', billingNpis: ['1902000003'] },
    ],
    users: [
      { username: 'biller', password: password(), organisationId: 'riverbend', roles: ['reviewer'] },
      { username: 'supervisor', password: password(), organisationId: 'riverbend', roles: ['reviewer', 'supervisor'] },
      { username: 'lakeside-biller', password: password(), organisationId: 'lakeside', roles: ['reviewer'] },
    ],
  };
}

/** The users kept in the data folder (written with the defaults on first start), or the defaults for this run only. */
export async function localUsers(dataDir: string | undefined): Promise<LocalUsers> {
  if (!dataDir) return { ...defaultUsers(), path: undefined };
  const path = join(dataDir, USERS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (text === undefined) {
    const users = defaultUsers();
    await mkdir(dataDir, { recursive: true });
    await writeFileAtomically(path, `${JSON.stringify(users, null, 2)}\n`);
    await chmod(path, 0o600);
    return { ...users, path };
  }
  return { ...checkedUsers(JSON.parse(text) as unknown, path), path };
}

/** The user these credentials name, compared in constant time; undefined for any mismatch. */
export function signIn(users: LocalUsers, username: string, given: string): LocalUser | undefined {
  const user = users.users.find((u) => u.username === username);
  const expected = Buffer.from(user?.password ?? 'no such user, compared anyway', 'utf8');
  const actual = Buffer.from(given, 'utf8');
  const same = expected.length === actual.length && timingSafeEqual(expected, actual);
  return user && same ? user : undefined;
}

function checkedUsers(value: unknown, path: string): Omit<LocalUsers, 'path'> {
  const file = (value ?? {}) as { organisations?: unknown; users?: unknown };
  const organisations = parseOrganisations(JSON.stringify(file.organisations ?? null));
  if (!Array.isArray(file.users)) throw new Error(`${path}: "users" must be a list`);
  const users = file.users.map((entry: unknown, i): LocalUser => {
    const u = (entry ?? {}) as Record<string, unknown>;
    const roles = Array.isArray(u.roles) ? u.roles.filter((r): r is Role => r === 'reviewer' || r === 'supervisor') : [];
    if (typeof u.username !== 'string' || u.username.length === 0) throw new Error(`${path}: user ${i + 1} has no username`);
    if (typeof u.password !== 'string' || u.password.length < 12) throw new Error(`${path}: ${u.username}'s password must be at least 12 characters`);
    if (!organisations.some((o) => o.id === u.organisationId)) throw new Error(`${path}: ${u.username}'s organisationId names no organisation of the file`);
    if (roles.length === 0) throw new Error(`${path}: ${u.username} needs a role: "reviewer" and/or "supervisor"`);
    return { username: u.username, password: u.password, organisationId: u.organisationId as string, roles };
  });
  return { organisations, users };
}

function password(): string {
  return randomBytes(12).toString('base64url');
}
