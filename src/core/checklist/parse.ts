import { parseKbJson } from '../kb/read';
import { problemText, type KbMessageArgs, type KbMessageKey } from '../kb/problemMessages';
import { KbError } from '../kb/types';
import type { Checklist } from './types';

/**
 * Reads `checklists.json`, checking what its JSON schema says, with messages for the KB maintainer.
 * @throws KbError naming the file and what is wrong.
 */
export function parseChecklists(text: string, file: string): Checklist[] {
  const fail = (key: KbMessageKey, args?: KbMessageArgs): never => {
    throw new KbError({ severity: 'error', code: 'kb.checklists.invalid', ...problemText(key, args), file, line: 0 });
  };
  const data = parseKbJson(text, file, 'kb.checklists.invalid', 'json.checklists');
  const list = (data as { checklists?: unknown })?.checklists;
  if (!Array.isArray(list)) return fail('checklists.not-object');
  const ids = new Set<string>();
  const text2 = (x: unknown, where: string) => {
    const t = x as { ru?: unknown; en?: unknown };
    if (typeof t?.ru !== 'string' || typeof t?.en !== 'string') fail('checklists.texts', { path: where });
  };
  list.forEach((c: Checklist, i: number) => {
    const where = `checklists[${i}]`;
    if (typeof c?.id !== 'string' || !/^[a-z0-9-]+$/.test(c.id)) fail('checklists.id', { path: where });
    if (ids.has(c.id)) fail('checklists.id-twice', { path: where, id: c.id });
    ids.add(c.id);
    text2(c.title, `${where}.title`);
    if (typeof c.appliesWhen !== 'object' || c.appliesWhen === null || Array.isArray(c.appliesWhen)) fail('checklists.applies-when', { path: where });
    const strings = (x: unknown, w: string) => {
      if (x !== undefined && (!Array.isArray(x) || x.some((t) => typeof t !== 'string' || !t.trim()))) fail('checklists.strings', { path: w });
    };
    strings(c.appliesWhen.terms, `${where}.appliesWhen.terms`);
    strings(c.appliesWhen.articles, `${where}.appliesWhen.articles`);
    strings(c.appliesWhen.yieldsTo, `${where}.appliesWhen.yieldsTo`);
    strings(c.sources, `${where}.sources`);
    if (!Array.isArray(c.items) || c.items.length === 0) fail('checklists.items', { path: where });
    const itemIds = new Set<string>();
    c.items.forEach((it, k) => {
      const w = `${where}.items[${k}]`;
      if (typeof it?.id !== 'string' || !/^[a-z0-9_]+$/.test(it.id)) fail('checklists.item-id', { path: w });
      if (itemIds.has(it.id)) fail('checklists.item-id-twice', { path: w, id: it.id, checklist: c.id });
      itemIds.add(it.id);
      text2(it.label, `${w}.label`);
      text2(it.insert, `${w}.insert`);
      if (!Array.isArray(it.phrases) || !it.phrases.length || it.phrases.some((p) => typeof p !== 'string' || !p.trim())) fail('checklists.phrases', { path: w });
    });
  });
  return list as Checklist[];
}
