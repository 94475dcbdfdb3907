/** Hooks of the import wizard: preview (row report, nothing written) and commit. */
import type { ImportCommitResult, ImportKind, ImportReport } from '@kycuong/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, data } from '../../api/client';

interface Upload {
  kind: ImportKind;
  file: File;
  onlyValid?: boolean;
}

// The typed body names the file as a binary string; the browser sends the File in a FormData.
function formData(u: Upload): FormData {
  const fd = new FormData();
  fd.set('kind', u.kind);
  if (u.onlyValid !== undefined) fd.set('onlyValid', String(u.onlyValid));
  fd.set('file', u.file, u.file.name);
  return fd;
}

export function usePreviewImport() {
  return useMutation({
    mutationFn: async (u: Upload): Promise<ImportReport> =>
      data(api.POST('/api/v1/import/preview', { body: { kind: u.kind, file: u.file.name }, bodySerializer: () => formData(u) })),
  });
}

export function useCommitImport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (u: Upload): Promise<ImportCommitResult> =>
      data(
        api.POST('/api/v1/import/commit', {
          body: { kind: u.kind, file: u.file.name, onlyValid: u.onlyValid ? 'true' : 'false' },
          bodySerializer: () => formData(u),
        }),
      ),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['orgs'] });
      await qc.invalidateQueries({ queryKey: ['people'] });
    },
  });
}
