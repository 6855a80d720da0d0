import { parseKbJson } from '../kb/read';
import { KbError } from '../kb/types';
import type { Checklist } from './types';

/**
 * Reads `checklists.json`, checking what its JSON schema says, with messages for the KB maintainer.
 * @throws KbError naming the file and what is wrong.
 */
export function parseChecklists(text: string, file: string): Checklist[] {
  const fail = (message: string): never => {
    throw new KbError({ severity: 'error', code: 'kb.checklists.invalid', message, file, line: 0 });
  };
  const data = parseKbJson(text, file, 'kb.checklists.invalid', 'checklists file');
  const list = (data as { checklists?: unknown })?.checklists;
  if (!Array.isArray(list)) return fail('checklists file must be an object with a "checklists" array');
  const ids = new Set<string>();
  const text2 = (x: unknown, where: string) => {
    const t = x as { ru?: unknown; en?: unknown };
    if (typeof t?.ru !== 'string' || typeof t?.en !== 'string') fail(`${where} needs "ru" and "en" texts`);
  };
  list.forEach((c: Checklist, i: number) => {
    const where = `checklists[${i}]`;
    if (typeof c?.id !== 'string' || !/^[a-z0-9-]+$/.test(c.id)) fail(`${where}.id must be lower-case letters, digits and dashes`);
    if (ids.has(c.id)) fail(`${where}.id "${c.id}" is used twice`);
    ids.add(c.id);
    text2(c.title, `${where}.title`);
    if (typeof c.appliesWhen !== 'object' || c.appliesWhen === null || Array.isArray(c.appliesWhen)) fail(`${where}.appliesWhen is required (an object)`);
    const strings = (x: unknown, w: string) => {
      if (x !== undefined && (!Array.isArray(x) || x.some((t) => typeof t !== 'string' || !t.trim()))) fail(`${w} must be a list of non-empty strings`);
    };
    strings(c.appliesWhen.terms, `${where}.appliesWhen.terms`);
    strings(c.appliesWhen.articles, `${where}.appliesWhen.articles`);
    strings(c.appliesWhen.yieldsTo, `${where}.appliesWhen.yieldsTo`);
    strings(c.sources, `${where}.sources`);
    if (!Array.isArray(c.items) || c.items.length === 0) fail(`${where}.items must list at least one item`);
    const itemIds = new Set<string>();
    c.items.forEach((it, k) => {
      const w = `${where}.items[${k}]`;
      if (typeof it?.id !== 'string' || !/^[a-z0-9_]+$/.test(it.id)) fail(`${w}.id must be lower-case letters, digits and underscores`);
      if (itemIds.has(it.id)) fail(`${w}.id "${it.id}" is used twice in ${c.id}`);
      itemIds.add(it.id);
      text2(it.label, `${w}.label`);
      text2(it.insert, `${w}.insert`);
      if (!Array.isArray(it.phrases) || !it.phrases.length || it.phrases.some((p) => typeof p !== 'string' || !p.trim())) fail(`${w}.phrases must list non-empty strings`);
    });
  });
  return list as Checklist[];
}
