/** Labels of domain codes (roles, org kinds, person categories) in the UI language, from @kycuong/domain. */
import { ORG_KIND_LABELS, PERSON_CATEGORY_LABELS, ROLE_LABELS, type OrgKind, type PersonCategory, type Role } from '@kycuong/domain';
import { useTranslation } from 'react-i18next';

export function useLabels() {
  const { i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return {
    lang,
    kind: (k: OrgKind) => ORG_KIND_LABELS[k][lang],
    role: (r: Role) => ROLE_LABELS[r][lang],
    category: (c: PersonCategory) => PERSON_CATEGORY_LABELS[c][lang],
  } as const;
}
