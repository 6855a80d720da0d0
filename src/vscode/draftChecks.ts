import vscode = require('vscode');
import { FindingCodes, type DraftReport, type Finding, type FindingCode, type TextEditSpec } from '../core/checklist/types';
import { replyPlaceholderLines } from '../core/answers/answerSnippet';
import { draftCore } from './lazyParts';
import { Commands, InternalCommands } from './commands';
import { isDraft } from './draftDocuments';
import { readConfig, type CheckSetting } from './config';
import type { KbIndex } from '../core/search/index';
import type { KbService } from './kbService';

export const DIAGNOSTIC_SOURCE = 'support-kb';
const DEBOUNCE_MS = 350;

/** Settings that turn rules off, by finding code. */
const RULE_SETTINGS: Record<FindingCode, string> = {
  [FindingCodes.missingItems]: 'checks.missingItems',
  [FindingCodes.placeholder]: 'checks.placeholders',
  [FindingCodes.formLink]: 'checks.formLink',
  [FindingCodes.attachments]: 'checks.attachments',
  [FindingCodes.vinInvalid]: 'checks.vin',
  [FindingCodes.vinLookalikes]: 'checks.vin',
  [FindingCodes.imeiInvalid]: 'checks.imei',
};
/** Rules that only make sense in reply drafts; VINs and IMEIs are checked in any text document. */
const DRAFT_ONLY = new Set<string>([FindingCodes.missingItems, FindingCodes.placeholder, FindingCodes.formLink, FindingCodes.attachments]);

type PinState = 'pinned' | 'unpinned';
/** What the pin command can set: a checklist's pin, or the checks of the whole file off and on again. */
export interface PinArgs {
  uri?: string;
  id?: string;
  state?: PinState | 'auto' | 'off' | 'on';
}
const NO_REPORT: DraftReport = { checklists: [], findings: [], incoming: false };

/** The language of checklist titles and findings: English when VS Code speaks English, else Russian (the agents' language). */
function checklistLocale(): 'ru' | 'en' {
  return vscode.env.language.startsWith('en') ? 'en' : 'ru';
}

/**
 * Checks drafts as the agent types (debounced) and publishes findings as diagnostics with stable
 * codes; owns the per-document checklist pins. Findings are kept with the document version they
 * were computed on, so fixes are never applied to text that has changed since.
 */
export class DraftChecker implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly reports = new Map<string, { version: number; report: DraftReport }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Checklists pinned to a document or kept off it, by {@link stateKey}. */
  private readonly pins = new Map<string, Map<string, PinState>>();
  /**
   * Documents the agent turned the checks off for (a customer's e-mail, notes…), by {@link stateKey}:
   * a saved file's for the session, also across closing; an untitled one's until it is closed.
   */
  private readonly off = new Set<string>();
  /** Each untitled document's own key: VS Code gives a new Untitled-1 the closed one's URI. */
  private readonly untitledKeys = new WeakMap<vscode.TextDocument, string>();
  private untitledCount = 0;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  /** Fires when a document's report is new. */
  readonly onDidChangeReport = this.changed.event;

  constructor(private readonly kb: KbService) {
    this.disposables.push(
      this.diagnostics,
      this.changed,
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.forget(d.uri);
        // An untitled document closed is gone for good (its name goes to the next new one): so is its state.
        if (d.isUntitled) this.forgetState(d);
      }),
      // VS Code keeps a closed editor's document around for a while; the agent expects the
      // warnings to go with the tab.
      vscode.window.tabGroups.onDidChangeTabs(() => this.forgetClosedTabs()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('supportKb') && this.recheckAll()),
      kb.onDidChangeState((s) => s.kind === 'ready' && this.recheckAll()),
    );
    this.recheckAll();
  }

  report(doc: vscode.TextDocument): DraftReport | undefined {
    const r = this.reports.get(doc.uri.toString());
    return r && r.version === doc.version ? r.report : undefined;
  }

  /** Checks a document now (tests and code actions use it; typing goes through the debounce). */
  async check(doc: vscode.TextDocument): Promise<DraftReport | undefined> {
    if (doc.uri.scheme === 'output' || doc.uri.scheme === 'vscode-settings' || doc.lineCount > 20_000) return undefined;
    let index;
    try {
      index = await this.kb.getIndex();
    } catch {
      return undefined;
    }
    const state = this.kb.state;
    if (state.kind !== 'ready') return undefined;
    if (this.off.has(this.stateKey(doc))) {
      this.reports.set(doc.uri.toString(), { version: doc.version, report: NO_REPORT });
      this.diagnostics.set(doc.uri, []);
      this.changed.fire(doc.uri);
      return NO_REPORT;
    }
    const config = readConfig();
    const draft = isDraft(doc, config);
    const disabled = (Object.keys(RULE_SETTINGS) as FindingCode[]).filter((code) => !config.checks[RULE_SETTINGS[code].slice('checks.'.length) as CheckSetting] || (!draft && DRAFT_ONLY.has(code)));
    const pins = this.pins.get(this.stateKey(doc)) ?? new Map();
    const version = doc.version;
    const report = draftCore().validateDraft(doc.getText(), {
      checklists: this.kb.checklists(),
      articleBodies: articleBodies(index),
      pinned: [...pins].filter(([, s]) => s === 'pinned').map(([id]) => id),
      unpinned: [...pins].filter(([, s]) => s === 'unpinned').map(([id]) => id),
      disabled,
      // The same greeting/signature settings that insertion uses: their defaults left as they are are unfilled.
      placeholderLines: replyPlaceholderLines(config.reply),
      locale: checklistLocale(),
    });
    if (doc.isClosed || doc.version !== version) return undefined;
    this.reports.set(doc.uri.toString(), { version, report });
    this.diagnostics.set(doc.uri, report.findings.map((f) => toDiagnostic(doc, f)));
    this.changed.fire(doc.uri);
    return report;
  }

  pinState(doc: vscode.TextDocument, id: string): PinState | 'auto' {
    return this.pins.get(this.stateKey(doc))?.get(id) ?? 'auto';
  }

  /** The checklists pinned to a document or kept off it, with their titles in the UI language. */
  pinsOf(doc: vscode.TextDocument): { id: string; title: string; state: PinState }[] {
    const pins = this.pins.get(this.stateKey(doc));
    if (!pins?.size) return [];
    const locale = checklistLocale();
    return this.kb.checklists().flatMap((c) => {
      const state = pins.get(c.id);
      return state ? [{ id: c.id, title: c.title[locale], state }] : [];
    });
  }

  isOff(doc: vscode.TextDocument): boolean {
    return this.off.has(this.stateKey(doc));
  }

  /** Turns every check off (or on again) for one file. */
  setOff(doc: vscode.TextDocument, off: boolean): Promise<DraftReport | undefined> {
    if (off) this.off.add(this.stateKey(doc));
    else this.off.delete(this.stateKey(doc));
    return this.check(doc);
  }

  setPin(doc: vscode.TextDocument, id: string, state: PinState | 'auto'): Promise<DraftReport | undefined> {
    const key = this.stateKey(doc);
    let pins = this.pins.get(key);
    if (!pins) this.pins.set(key, (pins = new Map()));
    if (state === 'auto') pins.delete(id);
    else pins.set(id, state);
    return this.check(doc);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.check(doc), DEBOUNCE_MS));
  }

  private recheckAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc);
  }

  private forgetClosedTabs(): void {
    const shown = new Set<string>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input as { uri?: vscode.Uri; modified?: vscode.Uri } | undefined;
        const uri = input?.uri ?? input?.modified;
        if (uri) shown.add(uri.toString());
      }
    }
    this.diagnostics.forEach((uri) => {
      if (!shown.has(uri.toString())) this.forget(uri);
    });
  }

  /**
   * Whose pins and "checks off" a document has: a saved file's go by its URI, so they hold when it
   * is closed and opened again; an untitled document's go by the document itself, so a new
   * Untitled-1 starts clean although it gets the closed one's URI.
   */
  private stateKey(doc: vscode.TextDocument): string {
    if (!doc.isUntitled) return doc.uri.toString();
    let key = this.untitledKeys.get(doc);
    if (!key) this.untitledKeys.set(doc, (key = `${doc.uri.toString()}#${++this.untitledCount}`));
    return key;
  }

  private forgetState(doc: vscode.TextDocument): void {
    const key = this.stateKey(doc);
    this.off.delete(key);
    this.pins.delete(key);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.reports.delete(key);
    this.pins.delete(key);
    this.diagnostics.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const d of this.disposables) d.dispose();
  }
}

const bodiesByIndex = new WeakMap<KbIndex, Map<string, string>>();

/** Article bodies by id, built once per index rather than on every keystroke. */
function articleBodies(index: KbIndex): Map<string, string> {
  let bodies = bodiesByIndex.get(index);
  if (!bodies) bodiesByIndex.set(index, (bodies = new Map(index.articles.map((a) => [a.id, a.body]))));
  return bodies;
}

function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.start), doc.positionAt(f.end));
  const severity = f.severity === 'error' ? vscode.DiagnosticSeverity.Error : f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(range, f.message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = f.code;
  return d;
}

/**
 * Quick fixes for our diagnostics. Each fix runs through a command that applies it only if the
 * document is still at the version the fix was computed for, as one undo step.
 */
export class DraftFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly checker: DraftChecker) {}

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const report = this.checker.report(doc);
    if (!report) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const finding = report.findings.find((f) => f.code === diagnostic.code && doc.offsetAt(diagnostic.range.start) === f.start && doc.offsetAt(diagnostic.range.end) === f.end);
      for (const fix of finding?.fixes ?? []) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred ?? false;
        action.command = { command: InternalCommands.applyFix, title: fix.title, arguments: [doc.uri.toString(), doc.version, fix.edits] };
        actions.push(action);
      }
    }
    return actions;
  }
}

/** Applies core edits to a document if it is still at `version`; one WorkspaceEdit, so one undo step. */
export async function applyFix(uri: string, version: number, edits: TextEditSpec[]): Promise<boolean> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  if (!doc || doc.version !== version) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: the draft changed since this fix was offered; nothing was changed. Try the fix again.'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.start), doc.positionAt(e.end)), e.newText);
  return vscode.workspace.applyEdit(edit);
}

/**
 * "Чек-лист «Kia Connect»: 7/10" above the request, for every checklist the draft is checked
 * against, "(закреплён)" when the agent pinned it; at the top, what the agent set for the whole file
 * (checks off, a checklist kept off, one pinned that waits for a request). Each opens the pin menu.
 */
export class ChecklistLens implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly checker: DraftChecker) {
    this.onDidChangeCodeLenses = (listener, thisArg, disposables) => checker.onDidChangeReport(() => listener.call(thisArg), undefined, disposables);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    if (this.checker.isOff(doc)) {
      const on: PinArgs = { uri: doc.uri.toString(), state: 'on' };
      return [new vscode.CodeLens(top, { title: vscode.l10n.t('Support KB: checks are off for this file — turn them on'), command: Commands.pinChecklist, arguments: [on] })];
    }
    const report = this.checker.report(doc);
    if (!report) return [];
    if (report.incoming) {
      const off: PinArgs = { uri: doc.uri.toString(), state: 'off' };
      return [new vscode.CodeLens(top, { title: vscode.l10n.t('Support KB: a customer’s e-mail, not checked as a reply'), tooltip: vscode.l10n.t('Turn all checks off for this file'), command: Commands.pinChecklist, arguments: [off] })];
    }
    const menu: PinArgs = { uri: doc.uri.toString() };
    const pins = this.checker.pinsOf(doc);
    const pinned = new Set(pins.filter((p) => p.state === 'pinned').map((p) => p.id));
    const shown = new Set(report.checklists.map((c) => c.id));
    // Pins no request lens shows: a checklist kept off the file, or pinned while the draft asks for nothing yet.
    const fileLenses = pins.filter((p) => !shown.has(p.id)).map((p) => new vscode.CodeLens(top, {
      title: p.state === 'pinned'
        ? vscode.l10n.t('Support KB: «{0}» is pinned — checked once the draft asks for data', p.title)
        : vscode.l10n.t('Support KB: «{0}» is not checked in this file', p.title),
      tooltip: vscode.l10n.t('Change which checklists this draft is checked against'),
      command: Commands.pinChecklist,
      arguments: [menu],
    }));
    const requestLenses = report.checklists.map((c) => {
      const total = c.present.length + c.missing.length;
      const range = new vscode.Range(doc.positionAt(c.requestStart), doc.positionAt(c.requestStart));
      const isPinned = pinned.has(c.id);
      const status = c.missing.length ? vscode.l10n.t('{0}: not asked for yet — {1}', c.title, c.missingLabels.join(', ')) : c.title;
      return new vscode.CodeLens(range, {
        title: isPinned ? vscode.l10n.t('Checklist «{0}» (pinned): {1}/{2}', c.title, c.present.length, total) : vscode.l10n.t('Checklist «{0}»: {1}/{2}', c.title, c.present.length, total),
        tooltip: isPinned ? `${status}\n${vscode.l10n.t('Pinned to this draft: checked whatever the e-mail’s topic. Click to change.')}` : status,
        command: Commands.pinChecklist,
        arguments: [menu],
      });
    });
    return [...fileLenses, ...requestLenses];
  }
}

/** An entry of the pin menu: a checklist, the file's checks, or a group heading. */
export interface PinMenuItem extends vscode.QuickPickItem {
  id: string;
  now: PinState | 'auto';
  file: boolean;
}

/**
 * The pin menu's first list, for `doc`: turning the file's checks off (or on), then the checklists,
 * those that matter to this draft first (checked now, pinned or kept off), each saying in words what
 * it does to this draft now.
 */
export function pinMenuItems(checker: DraftChecker, kb: KbService, doc: vscode.TextDocument): PinMenuItem[] {
  const off = checker.isOff(doc);
  const fileItem: PinMenuItem = {
    label: off ? vscode.l10n.t('$(check) Turn the checks on for this file') : vscode.l10n.t('$(circle-slash) Turn all checks off for this file'),
    detail: off ? vscode.l10n.t('Checklists, VINs, IMEIs and unfilled placeholders are checked again') : vscode.l10n.t('No checklists, VIN, IMEI or placeholder checks in this file until you turn them on'),
    id: '',
    now: 'auto',
    file: true,
  };
  const locale = checklistLocale();
  const checked = new Map((off ? [] : checker.report(doc)?.checklists ?? []).map((c) => [c.id, c]));
  const items = kb.checklists().map((c): PinMenuItem => {
    const now = checker.pinState(doc, c.id);
    const result = checked.get(c.id);
    const score = result ? ` · ${result.present.length}/${result.present.length + result.missing.length}` : '';
    const description =
      now === 'pinned' ? (result ? vscode.l10n.t('$(pinned) pinned: always checked') + score : vscode.l10n.t('$(pinned) pinned: checked once the draft asks for data'))
      : now === 'unpinned' ? vscode.l10n.t('$(circle-slash) kept off this draft: never checked')
      : result ? vscode.l10n.t('by the e-mail’s topic: checked now') + score
      : vscode.l10n.t('by the e-mail’s topic: not checked now');
    return { label: c.title[locale], description, id: c.id, now, file: false };
  });
  const forThisDraft = items.filter((i) => i.now !== 'auto' || checked.has(i.id));
  const others = items.filter((i) => !forThisDraft.includes(i));
  const heading = (label: string): PinMenuItem => ({ label, kind: vscode.QuickPickItemKind.Separator, id: '', now: 'auto', file: false });
  return [
    fileItem,
    ...(forThisDraft.length ? [heading(vscode.l10n.t('This draft')), ...forThisDraft] : []),
    ...(others.length ? [heading(forThisDraft.length ? vscode.l10n.t('Other checklists') : vscode.l10n.t('Checklists')), ...others] : []),
  ];
}

/** The pin menu's second list: what the chosen checklist may do to this draft, the current choice marked. */
export function pinStateItems(now: PinState | 'auto'): (vscode.QuickPickItem & { state: PinState | 'auto' })[] {
  const items = [
    { state: 'pinned' as const, label: vscode.l10n.t('$(pin) Pin to this draft'), detail: vscode.l10n.t('Check every request in this draft against it, whatever the e-mail’s topic') },
    { state: 'unpinned' as const, label: vscode.l10n.t('$(circle-slash) Never check this draft against it'), detail: vscode.l10n.t('Not even when the draft asks for data on its topic') },
    { state: 'auto' as const, label: vscode.l10n.t('$(sync) By the e-mail’s topic (default)'), detail: vscode.l10n.t('Checked only when the draft asks for data on its topic') },
  ];
  return items.map((i) => (i.state === now ? { ...i, description: vscode.l10n.t('current') } : i));
}

/**
 * The pin command: forces a checklist on a draft or off it, or turns every check off (or on again)
 * for the file. Without arguments it asks, showing each checklist's state and the file's.
 */
export function pinChecklistCommand(checker: DraftChecker, kb: KbService): (args?: PinArgs) => Promise<DraftReport | undefined> {
  return async (args) => {
    const doc = args?.uri ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === args.uri) : vscode.window.activeTextEditor?.document;
    if (!doc) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Support KB: open a reply draft to pin a checklist to it.'));
      return undefined;
    }
    await kb.getIndex().catch(() => undefined);
    if (args?.state === 'off' || args?.state === 'on') return checker.setOff(doc, args.state === 'off');
    let id = args?.id;
    let state = args?.state;
    if (!id || !state) {
      // The menu says which checklists check the draft now: from a report of the text as it is.
      if (!checker.report(doc)) await checker.check(doc);
      const chosen = await vscode.window.showQuickPick(pinMenuItems(checker, kb, doc), {
        title: vscode.l10n.t('Support KB: pin or unpin a checklist for this draft'),
        placeHolder: vscode.l10n.t('By the e-mail’s topic: checked when the draft asks for data on that topic'),
        matchOnDescription: true,
      });
      if (!chosen) return undefined;
      if (chosen.file) return checker.setOff(doc, !checker.isOff(doc));
      id = chosen.id;
      const next = await vscode.window.showQuickPick(pinStateItems(chosen.now), { title: vscode.l10n.t('Checklist «{0}» for this draft', chosen.label) });
      if (!next) return undefined;
      state = next.state;
    }
    return checker.setPin(doc, id, state);
  };
}
