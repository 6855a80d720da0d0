import vscode = require('vscode');

/**
 * The walkthrough's steps complete on context keys set when the agent really does the thing, by
 * whatever path (sidebar, palette, keyboard, quick fix). `onCommand:` events alone miss most of
 * them: Enter in the sidebar inserts without running a command.
 */
export type WalkthroughStep = 'searched' | 'inserted' | 'searchedSelection' | 'fixedDraft';

const done = new Set<WalkthroughStep>();

export function markWalkthroughStep(step: WalkthroughStep): void {
  if (done.has(step)) return;
  done.add(step);
  void vscode.commands.executeCommand('setContext', `supportKb.walkthrough.${step}`, true);
}
