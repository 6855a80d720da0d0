import vscode = require('vscode');
import { Commands } from './commands';
import type { KbService, KbState } from './kbService';

/** The KB's state at a glance: article count, loading, or a warning; a click opens the sidebar. */
export class KbStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('supportKb.status', vscode.StatusBarAlignment.Left, 100);
  private readonly subscription: vscode.Disposable;

  constructor(kb: KbService) {
    this.item.name = vscode.l10n.t('Support KB');
    this.item.command = Commands.focusSidebar;
    this.update(kb.state);
    this.subscription = vscode.Disposable.from(
      kb.onDidChangeState((s) => this.update(s)),
      kb.onDidChangeProgress((percent) => (percent === undefined ? this.update(kb.state) : this.showProgress(percent))),
    );
    this.item.show();
  }

  /** Indexing in progress (the last good index still answers meanwhile). */
  private showProgress(percent: number): void {
    this.item.backgroundColor = undefined;
    this.item.text = `$(sync~spin) ${vscode.l10n.t('KB')} ${percent} %`;
    this.item.tooltip = vscode.l10n.t('Support KB: indexing the knowledge base… {0} %', percent);
  }

  private update(state: KbState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'idle':
      case 'loading':
        item.text = `$(sync~spin) ${vscode.l10n.t('KB')}`;
        item.tooltip = vscode.l10n.t('Support KB: loading the knowledge base…');
        return;
      case 'failed':
        item.text = `$(warning) ${vscode.l10n.t('KB')}`;
        item.tooltip = vscode.l10n.t('Support KB: the knowledge base could not be loaded: {0}. See the Support KB log.', state.message);
        item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        return;
      case 'ready': {
        const errors = state.problems.filter((p) => p.severity === 'error').length;
        item.text = `${errors ? '$(warning)' : '$(book)'} ${state.index.size}`;
        item.tooltip = errors
          ? vscode.l10n.t('Support KB: {0} articles; {1} KB files have errors, see the Support KB log.', state.index.size, errors)
          : vscode.l10n.t('Support KB: {0} articles. Click to open the knowledge base.', state.index.size);
        if (errors) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
      }
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
