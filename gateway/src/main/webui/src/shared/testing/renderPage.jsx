import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { AuthProvider } from '../../features/auth/AuthContext.jsx';

/**
 * Renders the app's routes `pages` (`{path: element}`) with sign-in state, at `path`, as if sent
 * there from `from` (the page to return to after signing in). `path` may carry a `#fragment`.
 */
export function renderPage(path, pages, from) {
  const [pathname, fragment] = path.split('#');
  return render(
    <MemoryRouter initialEntries={[{ pathname, hash: fragment ? `#${fragment}` : '', state: from ? { from } : undefined }]}>
      <AuthProvider>
        <Routes>
          {Object.entries(pages).map(([at, element]) => <Route key={at} path={at} element={element} />)}
        </Routes>
      </AuthProvider>
    </MemoryRouter>,
  );
}
