import vscode = require('vscode');
import type { SupportKbConfig } from './config';
import { draftCore } from './lazyParts';

/**
 * Which documents are the agent's writing, in one place for every feature that writes or checks:
 * the draft checks, answer insertion and `kb:` completions.
 */

/** Is this document a reply draft: one of the draft languages, or a file matching the draft glob. */
export function isDraft(doc: vscode.TextDocument, config: SupportKbConfig): boolean {
  return config.draftLanguages.includes(doc.languageId) || (!!config.draftGlob && vscode.languages.match({ pattern: config.draftGlob }, doc) > 0);
}

/**
 * The customer's e-mail, as the draft checks decide it (mail headers from a sender who is not
 * support, a "… пишет:" opening, or the customer's own voice): answers are never written into it.
 */
export function isCustomerMail(doc: vscode.TextDocument): boolean {
  // Asked on every completion request while the agent types after `kb:`: once per document version.
  const known = verdicts.get(doc);
  if (known?.version === doc.version) return known.incoming;
  const incoming = draftCore().isIncoming(doc.getText());
  verdicts.set(doc, { version: doc.version, incoming });
  return incoming;
}

const verdicts = new WeakMap<vscode.TextDocument, { version: number; incoming: boolean }>();
