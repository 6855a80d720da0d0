/**
 * The one HTML shell of our webviews (the sidebar and the Search Gaps page): a strict CSP, our
 * stylesheet, the language. Callers pass everything already escaped; what goes in `body` is theirs.
 */
export interface WebviewDocument {
  lang: 'ru' | 'en';
  /** The Content-Security-Policy, already joined. */
  csp: string;
  /** The stylesheet's webview URI, escaped for an attribute. */
  styleHref: string;
  /** Escaped text of <title>, when the page has one. */
  title?: string;
  body: string;
}

export function webviewDocument(d: WebviewDocument): string {
  return `<!DOCTYPE html>
<html lang="${d.lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${d.csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${d.styleHref}" rel="stylesheet">${d.title === undefined ? '' : `\n<title>${d.title}</title>`}
</head>
<body>
${d.body}
</body>
</html>`;
}
