/**
 * "Every list exports to XLSX": the task, case and document lists as spreadsheets, with the same
 * filters as the lists (and the same scoping: each export calls the list's own service page by
 * page). Orgs and people export through /export/orgs and /export/people (imports module).
 */
import {
  CASE_SOURCE_LABELS,
  CASE_STATUS_LABELS,
  CaseListQuery,
  DOCUMENT_STATUS_LABELS,
  DOCUMENT_TYPE_INFO,
  DocumentListQuery,
  ErrorResponse,
  OUTCOME_LABELS,
  SIGNAL_LABELS,
  TASK_PRIORITY_LABELS,
  TASK_STATUS_LABELS,
  TaskListQuery,
  z,
  CaseListItem,
  type DocumentSummary,
  type TaskSummary,
} from '@kycuong/domain';
import type { AppContext } from '../../context';
import { actorOf, type Api } from '../../platform/http';
import { EXPORT_MAX_ROWS, pagedRows, sendListXlsx, type ListColumn } from '../../platform/list-export';
import { CaseService } from '../cases/cases.service';
import { DocumentService } from '../documents/documents.service';
import { TaskService } from '../tasks/tasks.service';
import { CONTENT_TYPES } from '../imports/imports.codec';

const errs = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const xlsx = {
  200: {
    description: `Tệp .xlsx (tối đa ${EXPORT_MAX_ROWS.toLocaleString('vi-VN')} dòng); tên tệp trong Content-Disposition`,
    content: { [CONTENT_TYPES.xlsx]: { schema: z.string().meta({ format: 'binary' }) } },
  },
  ...errs,
};
const noPage = { page: true, pageSize: true } as const;

const dmy = (d: string | null) => (d ? d.slice(0, 10).split('-').reverse().join('/') : null);

const TASK_COLUMNS: ListColumn<TaskSummary>[] = [
  { header: 'Nhiệm vụ', width: 60, value: (t) => t.title },
  { header: 'Văn bản', width: 16, value: (t) => t.documentNumber },
  { header: 'Đơn vị giao', width: 30, value: (t) => t.assigner.orgName },
  { header: 'Người giao', width: 24, value: (t) => t.assigner.personName },
  { header: 'Đơn vị chủ trì', width: 30, value: (t) => t.lead.orgName },
  { header: 'Người chủ trì', width: 24, value: (t) => t.lead.personName },
  { header: 'Ngày giao', width: 12, value: (t) => dmy(t.assignedOn) },
  { header: 'Hạn xử lý', width: 12, value: (t) => dmy(t.deadline) },
  { header: 'Ngày hoàn thành', width: 14, value: (t) => dmy(t.completedOn) },
  { header: 'Trạng thái', width: 18, value: (t) => TASK_STATUS_LABELS[t.status].vi },
  { header: 'Kết quả', width: 26, value: (t) => (t.outcome ? OUTCOME_LABELS[t.outcome].vi : null) },
  { header: 'Số ngày quá hạn', width: 10, value: (t) => t.overdueDays || null },
  { header: 'Tiến độ (%)', width: 10, value: (t) => t.progressPercent },
  { header: 'Chưa cập nhật', width: 10, value: (t) => (t.notUpdated ? 'Có' : null) },
  { header: 'Lượt đôn đốc', width: 10, value: (t) => t.reminderCount },
  { header: 'Số lần gia hạn', width: 10, value: (t) => t.delayCount },
  { header: 'Độ ưu tiên', width: 12, value: (t) => TASK_PRIORITY_LABELS[t.priority].vi },
  { header: 'Dấu hiệu', width: 40, value: (t) => t.signalCodes.map((c) => SIGNAL_LABELS[c].vi).join('; ') || null },
];

const CASE_COLUMNS: ListColumn<z.infer<typeof CaseListItem>>[] = [
  { header: 'Vụ việc', width: 50, value: (c) => c.title },
  { header: 'Đối tượng', width: 28, value: (c) => c.subject.name },
  { header: 'Đơn vị', width: 30, value: (c) => c.subject.orgName },
  { header: 'Nguồn', width: 20, value: (c) => CASE_SOURCE_LABELS[c.source].vi },
  { header: 'Ngày tiếp nhận', width: 14, value: (c) => dmy(c.receivedDate) },
  { header: 'Tình trạng', width: 22, value: (c) => CASE_STATUS_LABELS[c.status].vi },
  {
    header: 'Kết luận',
    width: 18,
    value: (c) => (c.outcome === 'violation' ? 'Có vi phạm' : c.outcome === 'no_violation' ? 'Không vi phạm' : null),
  },
  { header: 'Biểu hiện', width: 20, value: (c) => c.items.map((i) => i.code).join(', ') || null },
  { header: 'Hạn quyết định', width: 14, value: (c) => dmy(c.decisionDueDate) },
];

const DOCUMENT_COLUMNS: ListColumn<DocumentSummary>[] = [
  { header: 'Số, ký hiệu', width: 18, value: (d) => d.number },
  { header: 'Loại', width: 16, value: (d) => DOCUMENT_TYPE_INFO[d.type].vi },
  { header: 'Trích yếu', width: 70, value: (d) => d.title },
  { header: 'Cơ quan ban hành', width: 34, value: (d) => d.issuingOrgName },
  { header: 'Ngày ban hành', width: 14, value: (d) => dmy(d.issuedOn) },
  { header: 'Thực hiện văn bản', width: 18, value: (d) => d.implementsNumber },
  { header: 'Trạng thái', width: 16, value: (d) => DOCUMENT_STATUS_LABELS[d.status].vi },
  { header: 'Số nhiệm vụ', width: 12, value: (d) => d.taskCount },
];

/** XLSX exports of the task, case and document lists (same filters and scope as the lists). */
export async function listExportRoutes(app: Api, { ctx }: { ctx: AppContext }) {
  const tasks = new TaskService(ctx);
  const cases = new CaseService(ctx);
  const documents = new DocumentService(ctx, tasks);
  app.get(
    '/tasks/export',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Xuất danh sách nhiệm vụ ra Excel (cùng bộ lọc với danh sách)',
        querystring: TaskListQuery.omit(noPage),
        response: xlsx,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const rows = await pagedRows((page, pageSize) => tasks.list(actor, { ...req.query, page, pageSize }));
      return sendListXlsx(reply, { title: 'Danh sách nhiệm vụ', sheetName: 'Nhiệm vụ', columns: TASK_COLUMNS, rows });
    },
  );
  app.get(
    '/cases/export',
    {
      schema: {
        tags: ['cases'],
        summary: 'Xuất danh sách vụ việc ra Excel (cùng bộ lọc với danh sách)',
        querystring: CaseListQuery.omit(noPage),
        response: xlsx,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const rows = await pagedRows((page, pageSize) => cases.list(actor, { ...req.query, page, pageSize }));
      return sendListXlsx(reply, { title: 'Danh sách vụ việc', sheetName: 'Vụ việc', columns: CASE_COLUMNS, rows });
    },
  );
  app.get(
    '/documents/export',
    {
      schema: {
        tags: ['documents'],
        summary: 'Xuất danh sách văn bản ra Excel (cùng bộ lọc với danh sách)',
        querystring: DocumentListQuery.omit(noPage),
        response: xlsx,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const rows = await pagedRows((page, pageSize) => documents.list(actor, { ...req.query, page, pageSize }));
      return sendListXlsx(reply, { title: 'Danh sách văn bản', sheetName: 'Văn bản', columns: DOCUMENT_COLUMNS, rows });
    },
  );
}
