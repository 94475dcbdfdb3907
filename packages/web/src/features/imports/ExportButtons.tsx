/**
 * Export of orgs or people (with memberships) as XLSX or CSV: plain links to the export
 * endpoints, so the browser downloads the file with the session cookie and its own progress bar.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';

export function ExportButtons({ kind, orgId, label }: { kind: 'orgs' | 'people'; orgId?: string; label?: string }) {
  const { t } = useTranslation();
  const href = (format: 'xlsx' | 'csv') => apiUrl(`/api/v1/export/${kind}`, { format, orgId });
  return (
    <Dropdown
      menu={{
        items: [
          {
            key: 'xlsx',
            label: (
              <a href={href('xlsx')} download>
                {t('common.exportXlsx')}
              </a>
            ),
          },
          {
            key: 'csv',
            label: (
              <a href={href('csv')} download>
                {t('common.exportCsv')}
              </a>
            ),
          },
        ],
      }}
    >
      <Button icon={<DownloadOutlined />}>{label ?? t('common.export')}</Button>
    </Dropdown>
  );
}
