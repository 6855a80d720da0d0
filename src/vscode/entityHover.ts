import vscode = require('vscode');
import type { Article } from '../core/kb/types';
import { Commands, InternalCommands } from './commands';
import { draftCore } from './lazyParts';

const PROBLEM_TEXT = (p: string): string =>
  ({
    length: vscode.l10n.t('a VIN has 17 characters'),
    characters: vscode.l10n.t('characters a VIN cannot have'),
    'forbidden-letters': vscode.l10n.t('I, O and Q are not used in VINs'),
    'cyrillic-lookalikes': vscode.l10n.t('Cyrillic letters typed instead of Latin ones'),
    'check-digit': vscode.l10n.t('the check digit (9th character) does not match'),
    luhn: vscode.l10n.t('the check digit does not match'),
  })[p] ?? p;

/**
 * Hovers on VINs and IMEIs in any text: valid or not and why, who made the car and where, the model
 * year and plant, and what the KB says (with links that open the articles saying so).
 */
export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(private readonly lookup: (id: string) => Article | undefined) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const line = doc.lineAt(position.line);
    const hit = draftCore().findEntities(line.text).find((e) => position.character >= e.start && position.character <= e.end);
    if (!hit) return undefined;
    const range = new vscode.Range(position.line, hit.start, position.line, hit.end);
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [InternalCommands.openArticleById, Commands.copyVin] };
    if (hit.kind === 'imei') {
      const imei = draftCore().decodeImei(hit.text);
      md.appendMarkdown(`**IMEI** \`${imei.normalized}\` — ${imei.valid ? `$(pass) ${vscode.l10n.t('valid')}` : `$(error) ${vscode.l10n.t('not valid')}: ${imei.problems.map(PROBLEM_TEXT).join('; ')}`}\n\n`);
      if (imei.tac) md.appendMarkdown(`${vscode.l10n.t('Device type (TAC)')}: \`${imei.tac}\``);
      return new vscode.Hover(md, range);
    }
    const vin = draftCore().decodeVin(hit.text);
    const lookalikes = vin.problems.includes('cyrillic-lookalikes');
    const status = !vin.valid
      ? `$(error) ${vscode.l10n.t('not valid')}`
      : lookalikes
        ? `$(warning) ${vscode.l10n.t('valid once the Cyrillic letters are replaced with Latin ones')}`
        : `$(pass) ${vscode.l10n.t('valid')}`;
    const shown = vin.valid ? [] : vin.problems;
    const problems = shown.length ? `: ${shown.map(PROBLEM_TEXT).join('; ')}` : '';
    md.appendMarkdown(`**VIN** \`${vin.normalized}\` — ${status}${problems}\n\n`);
    const unknown = vscode.l10n.t('unknown');
    md.appendMarkdown(`| | |\n|---|---|\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Manufacturer')} | ${vin.manufacturer ?? unknown} (WMI \`${vin.wmi}\`) |\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Country')} | ${vin.country ?? unknown} |\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Model year')} | ${vin.modelYear ?? unknown} |\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Plant code')} | ${vin.plant ?? unknown} |\n`);
    md.appendMarkdown(`| ${vscode.l10n.t('Check digit')} | ${vin.checkDigit.applies ? (vin.checkDigit.ok ? vscode.l10n.t('matches') : vscode.l10n.t('does not match')) : vscode.l10n.t('not used outside North America')} |\n\n`);
    const verdict = draftCore().vinVerdict(vin);
    const text = {
      'russian-market': vscode.l10n.t('Russian-market VIN: can be added to the customer’s account and to Kia Connect.'),
      'foreign-vin': vscode.l10n.t('Not a Russian-market VIN (only XWE… and Z94…): cannot be added to the account or to Kia Connect.'),
      'before-2011': vscode.l10n.t('A car from before 2011: not supported in the account.'),
      invalid: '',
    }[verdict.reasons[0]!];
    if (text) md.appendMarkdown(`${verdict.supported ? '$(check)' : '$(warning)'} **${vscode.l10n.t('KB')}:** ${text}\n\n`);
    const links = verdict.articles
      .map((id) => this.lookup(id))
      .filter((a): a is Article => !!a)
      .map((a) => `[${a.title.replace(/[[\]]/g, '')}](command:${InternalCommands.openArticleById}?${encodeURIComponent(JSON.stringify([a.id]))})`);
    if (links.length) md.appendMarkdown(`${links.join(' · ')}\n\n`);
    md.appendMarkdown(`[${vscode.l10n.t('Copy normalised VIN')}](command:${Commands.copyVin}?${encodeURIComponent(JSON.stringify([vin.normalized]))})`);
    return new vscode.Hover(md, range);
  }
}

/** Copies the VIN passed (from the hover's link), at the cursor, or the document's first, normalised. */
export async function copyVin(vin?: string): Promise<string | undefined> {
  let text = typeof vin === 'string' ? vin : undefined;
  const editor = vscode.window.activeTextEditor;
  if (!text && editor) {
    const line = editor.document.lineAt(editor.selection.active.line).text;
    const here = draftCore().findEntities(line).find((e) => e.kind === 'vin' && editor.selection.active.character >= e.start && editor.selection.active.character <= e.end);
    text = here?.text ?? draftCore().findEntities(editor.document.getText()).find((e) => e.kind === 'vin')?.text;
  }
  if (!text) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: no VIN at the cursor or in this document.'));
    return undefined;
  }
  const normalized = draftCore().decodeVin(text).normalized;
  await vscode.env.clipboard.writeText(normalized);
  vscode.window.setStatusBarMessage(vscode.l10n.t('Support KB: VIN copied — {0}', normalized), 3000);
  return normalized;
}
