/**
 * Demo data for union campaigns: the department union's drive of September 2023 for the victims
 * of the Khương Đình mini-apartment fire (night of 12/9/2023), with contributions recorded by the
 * tổ collectors of each union group, one correction by reversal, the handover to the ward's
 * Fatherland Front committee and the settlement. Written through the service with real actors,
 * so it is validated and audited like live data. Deterministic.
 */
import type { PaymentMethod, ScopedGrant } from '@kycuong/domain';
import type { AppContext } from '../context';
import { systemActor, type Actor } from '../platform/access';
import { CampaignService } from '../modules/campaigns/campaigns.service';
import { OrgService } from '../modules/orgs/orgs.service';
import { UserService } from '../modules/users/users.service';

/** The tổ collectors (tổ trưởng công đoàn): the union officer role granted on their tổ. */
export const CAMPAIGN_DEMO_ACCOUNTS = [
  { username: 'todoi1', person: 'khtc3', group: 'tcd1', description: 'Tổ trưởng Tổ công đoàn số 1 — người thu của tổ' },
  { username: 'todoi2', person: 'bcvt3', group: 'tcd2', description: 'Tổ trưởng Tổ công đoàn số 2 — người thu của tổ' },
  { username: 'todoi3', person: 'cntt3', group: 'tcd3', description: 'Tổ trưởng Tổ công đoàn số 3 — người thu của tổ' },
] as const;

const GROUPS = ['tcd1', 'tcd2', 'tcd3'] as const;
const DAYS = ['2023-09-14', '2023-09-15', '2023-09-15', '2023-09-18', '2023-09-19', '2023-09-20'];
const AMOUNTS = [200_000, 200_000, 300_000, 300_000, 500_000, 500_000, 500_000, 1_000_000];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Adds the collectors and the fire-victims drive on top of `seedDemo`'s organisation. */
export async function seedCampaigns(
  ctx: AppContext,
  demo: { orgIds: Record<string, string>; personIds: Record<string, string> },
  opts: { password: string; log?: (msg: string) => void },
): Promise<{ campaignId: string }> {
  const sys = systemActor();
  const users = new UserService(ctx);
  const orgs = new OrgService(ctx);
  const campaigns = new CampaignService(ctx);
  const org = (key: string) => demo.orgIds[key]!;

  const collectors: Record<string, Actor> = {};
  for (const a of CAMPAIGN_DEMO_ACCOUNTS) {
    const u = await users.create(
      sys,
      { username: a.username, personId: demo.personIds[a.person]!, password: opts.password },
      { isDemo: true, mustChangePassword: false },
    );
    await users.addGrant(sys, u.id, { role: 'union_officer', orgId: org(a.group) });
    const grants: ScopedGrant[] = [{ role: 'union_officer', orgPath: await orgs.pathFor(sys, 'org.read', org(a.group)) }];
    collectors[a.group] = {
      ...sys,
      userId: u.id,
      username: a.username,
      displayName: a.username,
      personId: demo.personIds[a.person]!,
      grants,
    };
  }
  const congdoanUser = await ctx.db.selectFrom('users').select('id').where('username', '=', 'congdoan').executeTakeFirst();
  const officer: Actor = {
    ...sys,
    userId: congdoanUser?.id ?? sys.userId,
    username: 'congdoan',
    personId: demo.personIds.congdoan ?? null,
    grants: [{ role: 'union_officer', orgPath: await orgs.pathFor(sys, 'org.read', org('congdoan')) }],
  };

  const created = await campaigns.create(officer, {
    orgId: org('congdoan'),
    participantOrgId: org('congdoan'),
    kind: 'money',
    title: 'Ủng hộ các nạn nhân vụ cháy chung cư mini tại phường Khương Đình',
    purpose:
      'Chia sẻ mất mát, hỗ trợ các gia đình nạn nhân vụ cháy chung cư mini tại ngõ 29/70 Khương Hạ, phường Khương Đình, quận Thanh Xuân đêm 12/9/2023. Công đoàn Sở kêu gọi mỗi đoàn viên ủng hộ tối thiểu một ngày lương.',
    beneficiary: 'Các gia đình nạn nhân, qua Ủy ban Mặt trận Tổ quốc Việt Nam phường Khương Đình',
    startDate: '2023-09-13',
    endDate: '2023-09-22',
    targetAmount: 30_000_000,
    suggestedAmount: 200_000,
    suggestedByCategory: { cadre: 500_000 },
    bankAccount:
      'Công đoàn cơ sở Sở Thông tin và Truyền thông — STK 0011 0000 2023 (tài khoản minh họa), nội dung "Ung ho Khuong Dinh - Ho ten - To"',
    collectionPoints: 'Tổ trưởng các tổ công đoàn; Văn phòng Công đoàn Sở',
    publicShowNames: true,
  });
  let version = (await campaigns.transition(officer, created.id, 'open', created.version)).version;

  const rand = prng(12_09_2023);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  let wrongEntry: string | undefined;
  for (const group of GROUPS) {
    const collector = collectors[group]!;
    const members = (await campaigns.members(collector, created.id, { page: 1, pageSize: 200 })).items;
    const rows: {
      personId: string;
      kind: 'contribution';
      amount: number;
      method: PaymentMethod;
      reference: string | null;
      date: string;
    }[] = [];
    for (const m of members) {
      // Not everyone gives (on leave, on mission): about one in eight does not.
      if (m.personId !== demo.personIds.canbo && rand() < 0.12) continue;
      const r = rand();
      const method: PaymentMethod = r < 0.6 ? 'cash' : r < 0.85 ? 'transfer' : 'payroll';
      const base = m.suggestedAmount ?? 200_000;
      const amount = Math.max(base, pick(AMOUNTS));
      rows.push({
        personId: m.personId,
        kind: 'contribution',
        amount,
        method,
        reference: method === 'transfer' ? `FT2325${String(Math.floor(rand() * 1e6)).padStart(6, '0')}` : null,
        date: pick(DAYS),
      });
    }
    if (group === 'tcd2' && rows[0]) {
      // A collector typed one zero too many; the entry is reversed and recorded again below.
      rows.push({ ...rows[0], amount: rows[0].amount * 10, date: '2023-09-15' });
    }
    const result = await campaigns.recordBatch(collector, created.id, rows);
    if (group === 'tcd2') wrongEntry = result.entries[result.entries.length - 1]!.id;
  }
  if (wrongEntry) {
    await campaigns.reverse(collectors.tcd2!, created.id, wrongEntry, {
      reason: 'Nhập thừa một chữ số 0; khoản đúng đã được ghi trước đó',
      date: '2023-09-18',
    });
  }

  version = (await campaigns.transition(officer, created.id, 'closed', version)).version;
  const detail = await campaigns.get(officer, created.id);
  await campaigns.addHandover(officer, created.id, {
    amount: detail.contributed,
    date: '2023-09-25',
    recipient: 'Ủy ban Mặt trận Tổ quốc Việt Nam phường Khương Đình',
    note: 'Biên bản bàn giao số 01/BB-CĐ ngày 25/9/2023',
  });
  await campaigns.transition(officer, created.id, 'settled', version);
  opts.log?.(
    `demo: campaign "${created.title}" — ${detail.contributors} contributors, ${detail.contributed.toLocaleString('vi-VN')} đồng; collectors ${CAMPAIGN_DEMO_ACCOUNTS.map((a) => a.username).join(', ')}`,
  );
  return { campaignId: created.id };
}
