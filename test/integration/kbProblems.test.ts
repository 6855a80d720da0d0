import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, waitFor, workspaceUri, writeText } from './helpers';

const kbDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'support-kb' && String(d.code).startsWith('kb.'));

describe('KB file problems in the Problems panel', () => {
  before(async () => {
    await api();
  });

  it('puts a broken KB file on its line, and a file with no articles as a warning, in the UI language; fixed, they go', async () => {
    // The runner's workbench (code-server, no language pack) speaks English; Russian rendering is
    // tested in test/unit/kb.problemMessages.test.ts. Under a Russian UI this asserts Russian.
    const russian = vscode.env.language.toLowerCase().startsWith('ru');
    const broken = workspaceUri('team-kb', 'broken-front-matter.md');
    const empty = workspaceUri('team-kb', 'no-articles.md');
    try {
      await writeText(broken, '---\nlang: ru\n\n# Команда\n\n## Статья\n\nТекст.\n');
      await writeText(empty, 'Только текст, без заголовков.\n');
      const [error] = await waitFor('the front matter error', () => (kbDiagnostics(broken).length ? kbDiagnostics(broken) : undefined), 20_000);
      assert.equal(error!.severity, vscode.DiagnosticSeverity.Error);
      assert.equal(error!.code, 'kb.front-matter.invalid');
      assert.equal(error!.range.start.line, 3, 'on the "# Команда" line, where the closing --- is missing (line 4)');
      assert.equal(error!.message, russian
        ? 'Блок front matter начат с «---» в строке 1, но не закрыт: добавьте строку «---» перед этой строкой'
        : 'front matter opened with "---" on line 1 is never closed; add a "---" line above this line');
      const [warning] = await waitFor('the no-articles warning', () => (kbDiagnostics(empty).length ? kbDiagnostics(empty) : undefined), 20_000);
      assert.equal(warning!.severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(warning!.code, 'kb.file.no-articles');
      assert.equal(warning!.message, russian
        ? 'В файле нет заголовков «##», поэтому в базу из него не попадает ни одной статьи'
        : 'file has no "##" headings, so it adds no articles');

      await writeText(broken, '---\nlang: ru\n---\n\n# Команда\n\n## Статья\n\nТекст.\n');
      await waitFor('the error to go', () => kbDiagnostics(broken).length === 0, 20_000);
    } finally {
      await vscode.workspace.fs.delete(broken).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(empty).then(undefined, () => undefined);
    }
    await waitFor('the warning to go with its file', () => kbDiagnostics(empty).length === 0, 20_000);
  });
});
