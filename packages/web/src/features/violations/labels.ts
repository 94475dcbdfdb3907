/** Labels of the violations codes (statuses, sources, forms, severities, tracks) in the UI language. */
import {
  CASE_ACTION_LABELS,
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  REGIME_CATEGORY_LABELS,
  SANCTION_FORM_LABELS,
  SEVERITY_LABELS,
  TRACK_LABELS,
  type CaseAction,
  type CaseSource,
  type CaseStatus,
  type DisciplineTrack,
  type RegimeCategory,
  type SanctionForm,
  type Severity,
} from '@kycuong/domain';
import { useTranslation } from 'react-i18next';

export const STATUS_COLORS: Record<CaseStatus, string> = {
  received: 'blue',
  verifying: 'gold',
  concluded: 'purple',
  sanction_decided: 'volcano',
  closed: 'default',
};

export function useViolationLabels() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    lang,
    status: (s: CaseStatus) => CASE_STATUS_LABELS[s][lang],
    source: (s: CaseSource) => CASE_SOURCE_LABELS[s][lang],
    form: (f: SanctionForm) => SANCTION_FORM_LABELS[f][lang],
    severity: (s: Severity) => SEVERITY_LABELS[s][lang],
    track: (tr: DisciplineTrack) => TRACK_LABELS[tr][lang],
    category: (c: RegimeCategory) => REGIME_CATEGORY_LABELS[c][lang],
    action: (a: CaseAction) => CASE_ACTION_LABELS[a][lang],
    /** A timeline step: workflow actions have domain labels, the others are UI texts. */
    step: (kind: string) =>
      kind in CASE_ACTION_LABELS
        ? CASE_ACTION_LABELS[kind as CaseAction][lang]
        : t(`violations.steps.${kind as 'received' | 'explanation_submitted' | 'member_added' | 'published' | 'unpublished'}`, {
            defaultValue: kind,
          }),
    outcome: (o: 'violation' | 'no_violation') => t(`violations.outcomes.${o}`),
  } as const;
}

/** `YYYY-MM-DD` → `dd/mm/yyyy`. */
export const dmy = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
