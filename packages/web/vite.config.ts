import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Large libraries get their own chunks so a change in the app does not bust their cache and the
// first page loads in parallel; pages are split further by React.lazy in src/routes.tsx.
const vendorGroups = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/ },
  {
    name: 'antd',
    test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|dayjs)[\\/]/,
    entriesAware: true,
    entriesAwareMergeThreshold: 30_000,
  },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|echarts-for-react)[\\/]/ },
  { name: 'i18n', test: /[\\/]node_modules[\\/](i18next|react-i18next)[\\/]/ },
];

export default defineConfig({
  plugins: [react()],
  resolve: {
    // @kycuong/domain is a workspace link whose `exports` point at TypeScript source: Vite follows
    // the symlink to packages/domain/src (outside node_modules) and transpiles it like app code.
    // One copy of React even when a linked package resolves its own.
    dedupe: ['react', 'react-dom'],
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
        // Entry-aware antd chunks are named after every page that shares them; a short name is enough.
        chunkFileNames: (chunk) => (chunk.name.startsWith('antd') ? 'assets/antd-[hash].js' : 'assets/[name]-[hash].js'),
      },
      treeshake: {
        // packages/domain is pure (no I/O, no globals touched at load): what the web app does not
        // use of it (the calendar, the zod contracts) is left out of the bundle.
        moduleSideEffects: [{ test: /[\\/]packages[\\/]domain[\\/]src[\\/]/, sideEffects: false }],
        manualPureFunctions: ['z'],
      },
    },
  },
});
