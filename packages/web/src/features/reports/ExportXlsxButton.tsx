/**
 * "Xuất Excel" for any list: a plain link to the list's export endpoint with the list's current
 * filters (page and page size left out), so the browser downloads with the session cookie.
 * Lists: tasks (/api/v1/tasks/export), cases (/api/v1/cases/export), documents
 * (/api/v1/documents/export); orgs and people have their own ExportButtons (imports).
 */
import { FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';

export type ExportPath = '/api/v1/tasks/export' | '/api/v1/cases/export' | '/api/v1/documents/export';

export function ExportXlsxButton({
  path,
  query,
  size,
}: {
  path: ExportPath;
  /** The list's filters (e.g. the page's URL search params). */
  query?: URLSearchParams | Record<string, string | undefined>;
  size?: 'small' | 'middle' | 'large';
}) {
  const { t } = useTranslation();
  const entries = query instanceof URLSearchParams ? [...query.entries()] : Object.entries(query ?? {});
  const filters = Object.fromEntries(entries.filter(([k]) => k !== 'page' && k !== 'pageSize'));
  return (
    <Button icon={<FileExcelOutlined />} href={apiUrl(path, filters)} download size={size}>
      {t('reports.exportXlsx')}
    </Button>
  );
}
