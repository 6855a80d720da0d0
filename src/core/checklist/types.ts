/** Text in both UI languages; agents read Russian first. */
export interface Localized {
  ru: string;
  en: string;
}

export type Locale = keyof Localized;

export interface ChecklistItem {
  id: string;
  label: Localized;
  /** Words that show the item is being asked for (stem-aware). */
  phrases: string[];
  /** What the quick fix adds to the request. */
  insert: Localized;
}

export interface Checklist {
  id: string;
  title: Localized;
  appliesWhen: {
    terms?: string[];
    articles?: string[];
    /** Checklists that take precedence when both are named where the request stands. */
    yieldsTo?: string[];
  };
  sources?: string[];
  items: ChecklistItem[];
}

/** A text edit by character offsets, as core speaks; `src/vscode` turns it into a WorkspaceEdit. */
export interface TextEditSpec {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEditSpec[];
  preferred?: boolean;
}

export type Severity = 'error' | 'warning' | 'info';

/** Something to tell the agent about a draft, located by character offsets, with a stable code. */
export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
}

export interface ChecklistResult {
  id: string;
  title: string;
  missing: string[];
  /** The missing items' labels in the report's locale, for people (ids are for programs). */
  missingLabels: string[];
  present: string[];
  /** Where the request the checklist was matched against starts and ends. */
  requestStart: number;
  requestEnd: number;
}

export interface DraftReport {
  checklists: ChecklistResult[];
  findings: Finding[];
  /** The document is a customer's incoming e-mail, not a reply: no draft findings for it. */
  incoming: boolean;
}

/** Stable finding codes; each can be turned off in settings. */
export const FindingCodes = {
  missingItems: 'checklist.missing-items',
  placeholder: 'draft.unfilled-placeholder',
  formLink: 'draft.form-link-missing',
  attachments: 'draft.attachments-contradict-kb',
  vinInvalid: 'vin.invalid',
  vinLookalikes: 'vin.cyrillic-lookalikes',
  imeiInvalid: 'imei.invalid',
} as const;

export type FindingCode = (typeof FindingCodes)[keyof typeof FindingCodes];
