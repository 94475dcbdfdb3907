import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SANCTION_REGIMES,
  checkSanction,
  formsFor,
  highestForm,
  raiseOneLevel,
  regimeFor,
  validateRegimes,
  type SanctionRegime,
} from '../src/violations/sanctions';
import { categoryFitsPerson, personCategoryOnTrack, tracksOfPerson } from '../src/violations/subjects';

const regimes = DEFAULT_SANCTION_REGIMES;
const regime = (category: SanctionRegime['category'], date: string) => {
  const r = regimeFor(regimes, category, date);
  if (!r) throw new Error(`no regime for ${category} on ${date}`);
  return r;
};
const check = (
  category: SanctionRegime['category'],
  form: Parameters<typeof checkSanction>[0]['form'],
  decisionDate: string,
  holdsPost = false,
) => checkSanction({ regimes, subject: { category, holdsPost }, form, decisionDate, violationDate: null, running: [] });

describe('sanction regimes by subject and date', () => {
  it('a civil servant decided on or after 01/07/2025 cannot take hạ bậc lương or giáng chức; before that date they can', () => {
    const after = check('civil_servant', 'ha_bac_luong', '2025-07-01');
    expect(after.issues.map((i) => i.code)).toEqual(['form_not_in_regime']);
    expect(after.issues[0]!.path).toBe('form');
    expect(after.regime?.id).toBe('civil-servant-172-2025');
    expect(check('civil_servant', 'giang_chuc', '2025-09-15', true).issues.map((i) => i.code)).toEqual(['form_not_in_regime']);

    const before = check('civil_servant', 'ha_bac_luong', '2025-06-30');
    expect(before.issues).toEqual([]);
    expect(before.regime?.id).toBe('civil-servant-2020');
    expect(check('civil_servant', 'giang_chuc', '2024-03-01', true).issues).toEqual([]);
  });

  it('a probationary Party member cannot be removed from post (cách chức) nor expelled; a full member holding a post can', () => {
    expect(check('party_probation', 'cach_chuc', '2024-05-05', true).issues.map((i) => i.code)).toEqual(['form_not_in_regime']);
    expect(check('party_probation', 'khai_tru', '2024-05-05').issues.map((i) => i.code)).toEqual(['form_not_in_regime']);
    expect(check('party_probation', 'canh_cao', '2024-05-05').issues).toEqual([]);
    expect(check('party_full', 'cach_chuc', '2024-05-05', true).issues).toEqual([]);
  });

  it('a Party organisation can be dissolved (giải tán) but a person cannot', () => {
    expect(check('party_org', 'giai_tan', '2024-05-05').issues).toEqual([]);
    for (const category of ['party_full', 'party_probation', 'cadre', 'civil_servant', 'public_employee'] as const) {
      expect(check(category, 'giai_tan', '2024-05-05', true).issues.map((i) => i.code)).toEqual(['form_not_in_regime']);
    }
    // …and an organisation cannot be expelled as a member is.
    expect(check('party_org', 'khai_tru', '2024-05-05').issues.map((i) => i.code)).toEqual(['form_not_in_regime']);
  });

  it('forms reserved for leaders need a post', () => {
    const r = check('civil_servant', 'cach_chuc', '2025-08-01', false);
    expect(r.issues.map((i) => i.code)).toEqual(['requires_post']);
    expect(formsFor(regime('civil_servant', '2025-08-01'), false).map((x) => x.form)).toEqual([
      'khien_trach',
      'canh_cao',
      'buoc_thoi_viec',
    ]);
  });

  it('answers "no regime" for a State decision before the earliest regime held', () => {
    const r = check('civil_servant', 'khien_trach', '2019-01-01');
    expect(r.regime).toBeUndefined();
    expect(r.issues.map((i) => i.code)).toEqual(['no_regime']);
  });

  it('the default reference data is consistent, and overlapping or broken edits are refused', () => {
    expect(validateRegimes(regimes)).toEqual([]);
    const overlapping: SanctionRegime[] = [
      ...regimes,
      { ...regime('civil_servant', '2025-08-01'), id: 'x-2026', effectiveFrom: '2026-01-01' },
    ];
    expect(validateRegimes(overlapping).map((i) => i.code)).toEqual(['overlap']);
    const gaps: SanctionRegime[] = [{ ...regimes[0]!, forms: [{ ...regimes[0]!.forms[0]!, rank: 2 }] }];
    expect(validateRegimes(gaps).map((i) => i.code)).toEqual(['invalid_rank']);
  });
});

describe('helper rules', () => {
  it('one form per decision: the highest of several', () => {
    const cs2024 = regime('civil_servant', '2024-01-10');
    expect(highestForm(cs2024, ['khien_trach', 'ha_bac_luong', 'canh_cao'])).toBe('ha_bac_luong');
    expect(highestForm(regime('party_full', '2024-01-10'), ['canh_cao', 'khien_trach'])).toBe('canh_cao');
    expect(highestForm(cs2024, [])).toBeUndefined();
  });

  it('a new violation while a sanction runs raises it one level', () => {
    const cs2024 = regime('civil_servant', '2024-01-10');
    expect(raiseOneLevel(cs2024, 'khien_trach', false)).toBe('canh_cao');
    expect(raiseOneLevel(cs2024, 'canh_cao', false)).toBe('ha_bac_luong');
    // Without a post, giáng chức and cách chức are skipped.
    expect(raiseOneLevel(cs2024, 'ha_bac_luong', false)).toBe('buoc_thoi_viec');
    expect(raiseOneLevel(cs2024, 'ha_bac_luong', true)).toBe('giang_chuc');
    expect(raiseOneLevel(cs2024, 'buoc_thoi_viec', true)).toBe('buoc_thoi_viec');
    // A form abolished since the running decision is placed by its rank in the old regime.
    expect(raiseOneLevel(regime('civil_servant', '2025-08-01'), 'ha_bac_luong', false, 3)).toBe('buoc_thoi_viec');
  });

  it('the State track enforces the raise; the Party track only suggests it', () => {
    const running = [
      { form: 'khien_trach' as const, regimeId: 'civil-servant-172-2025', decisionDate: '2025-08-01', effectiveUntil: '2026-08-01' },
    ];
    const state = checkSanction({
      regimes,
      subject: { category: 'civil_servant', holdsPost: false },
      form: 'khien_trach',
      decisionDate: '2026-02-01',
      violationDate: '2026-01-10',
      running,
    });
    expect(state.issues.map((i) => i.code)).toEqual(['raise_required']);
    expect(state.minimumForm).toBe('canh_cao');
    const ok = checkSanction({
      regimes,
      subject: { category: 'civil_servant', holdsPost: false },
      form: 'canh_cao',
      decisionDate: '2026-02-01',
      violationDate: '2026-01-10',
      running,
    });
    expect(ok.issues).toEqual([]);
    // A violation committed after the running period ended is not raised.
    const later = checkSanction({
      regimes,
      subject: { category: 'civil_servant', holdsPost: false },
      form: 'khien_trach',
      decisionDate: '2026-10-01',
      violationDate: '2026-09-01',
      running,
    });
    expect(later.issues).toEqual([]);
    const party = checkSanction({
      regimes,
      subject: { category: 'party_full', holdsPost: false },
      form: 'khien_trach',
      decisionDate: '2026-02-01',
      violationDate: '2026-01-10',
      running: [{ ...running[0]!, regimeId: 'party-full-69' }],
    });
    expect(party.issues).toEqual([]);
    expect(party.minimumForm).toBe('canh_cao');
  });
});

describe('subjects on two tracks', () => {
  it('derives the category of a person on each track', () => {
    expect(tracksOfPerson(['party_full', 'civil_servant'])).toEqual(['party', 'state']);
    expect(tracksOfPerson(['worker'])).toEqual([]);
    expect(personCategoryOnTrack(['party_probation', 'public_employee'], 'party')).toBe('party_probation');
    expect(personCategoryOnTrack(['party_probation', 'public_employee'], 'state')).toBe('public_employee');
    expect(categoryFitsPerson(['party_full', 'civil_servant'], 'state', 'civil_servant')).toBe(true);
    expect(categoryFitsPerson(['party_full', 'civil_servant'], 'state', 'cadre')).toBe(false);
    expect(categoryFitsPerson(['party_full', 'civil_servant'], 'party', 'civil_servant')).toBe(false);
  });
});
