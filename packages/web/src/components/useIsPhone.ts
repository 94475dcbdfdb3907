import { Grid } from 'antd';

/** Below Ant Design's md breakpoint (768px): phone layouts (drawer menu, stacked cells). */
export function useIsPhone(): boolean {
  return Grid.useBreakpoint().md === false;
}
