// Views create their feature model once per mount and start its loading.
import { useEffect, useMemo } from 'preact/hooks';

export function useModel<M extends { load?: () => unknown }>(create: () => M): M {
  const model = useMemo(create, []);
  useEffect(() => {
    void model.load?.();
  }, [model]);
  return model;
}
