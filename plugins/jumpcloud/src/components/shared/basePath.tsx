import { createContext, ReactNode, useContext } from 'react';
import { useResolvedPath } from 'react-router-dom';

// The tabs link to each other (e.g. Overview → Findings filtered by
// severity). The page root is known where the page is mounted, in both
// frontend systems, so it is handed down instead of resolving route refs.
const BasePathContext = createContext<string | undefined>(undefined);

export function JumpCloudBasePathProvider(props: {
  relative: string;
  children: ReactNode;
}) {
  const { pathname } = useResolvedPath(props.relative);
  return (
    <BasePathContext.Provider value={pathname.replace(/\/$/, '')}>
      {props.children}
    </BasePathContext.Provider>
  );
}

/** Absolute path of a JumpCloud tab, e.g. `tabPath('findings')`. */
export function useJumpCloudTabPath(): (
  tab: string,
  search?: string,
) => string {
  const base = useContext(BasePathContext) ?? '/jumpcloud';
  return (tab, search) => `${base}/${tab}${search ? `?${search}` : ''}`;
}
