import { Typography } from 'antd';
import type { ReactNode } from 'react';

/** A page title with its actions; wraps on phones. */
export function PageHeader({ title, extra }: { title: ReactNode; extra?: ReactNode }) {
  return (
    <div className="kc-page-header">
      <Typography.Title level={3} className="kc-wrap">
        {title}
      </Typography.Title>
      {extra && <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}>{extra}</div>}
    </div>
  );
}
