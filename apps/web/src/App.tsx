import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { SessionProvider } from './auth/SessionContext';
import { Layout } from './components/Layout';
import { CasePage } from './pages/CasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { SignInPage } from './pages/SignInPage';
import { WorklistPage } from './pages/WorklistPage';

// The imaging workspace (Cornerstone3D) is loaded only when a film is opened: it is by far the largest part.
const ImagingPage = lazy(() =>
  import('./pages/ImagingPage').then((module) => ({ default: module.ImagingPage })),
);
const PlanningPage = lazy(() =>
  import('./pages/PlanningPage').then((module) => ({ default: module.PlanningPage })),
);

const RodTemplatePage = lazy(() =>
  import('./pages/RodTemplatePage').then((module) => ({ default: module.RodTemplatePage })),
);

/** A page loaded on first use (the imaging and planning pages carry Cornerstone3D), with what it is loading. */
function Lazy({ loading, page }: { readonly loading: string; readonly page: ReactNode }) {
  return <Suspense fallback={<p className="page-status">{loading}</p>}>{page}</Suspense>;
}

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <Routes>
          <Route path="/sign-in" element={<SignInPage />} />
          <Route
            element={
              <RequireSession>
                <Layout />
              </RequireSession>
            }
          >
            <Route index element={<WorklistPage />} />
            <Route path="cases/:id" element={<CasePage />} />
            <Route
              path="radiographs/:id"
              element={<Lazy loading="Loading the imaging workspace…" page={<ImagingPage />} />}
            />
            <Route
              path="cases/:caseId/plans"
              element={<Lazy loading="Loading the planning workspace…" page={<PlanningPage />} />}
            />
            <Route
              path="cases/:caseId/plans/:planId/rod-template"
              element={<Lazy loading="Loading the rod template…" page={<RodTemplatePage />} />}
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
