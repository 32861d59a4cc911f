import { lazy, Suspense, type ReactNode } from 'react';
import { BrowserRouter, Route, Routes } from 'react-router';
import { RequireSession } from './auth/RequireSession';
import { SessionProvider } from './auth/SessionContext';
import { Layout } from './components/Layout';
import { CasePage } from './pages/CasePage';
import { NotFoundPage } from './pages/NotFoundPage';
import { QuestionnairePage } from './pages/QuestionnairePage';
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

// The operation record and recovery pages (docs/decisions/0016), loaded on first use.
const OperationPage = lazy(() =>
  import('./pages/OperationPage').then((module) => ({ default: module.OperationPage })),
);
const RecoveryPage = lazy(() =>
  import('./pages/RecoveryPage').then((module) => ({ default: module.RecoveryPage })),
);
const FollowUpWorklistPage = lazy(() =>
  import('./pages/FollowUpWorklistPage').then((module) => ({ default: module.FollowUpWorklistPage })),
);
const VisitPage = lazy(() => import('./pages/VisitPage').then((module) => ({ default: module.VisitPage })));
const OutcomesPage = lazy(() =>
  import('./pages/OutcomesPage').then((module) => ({ default: module.OutcomesPage })),
);

// The de-identified research export (docs/formats/research-export.md).
const ResearchExportPage = lazy(() =>
  import('./pages/ResearchExportPage').then((module) => ({ default: module.ResearchExportPage })),
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
          {/* The patient's questionnaire link: public, no account, outside the signed-in layout. */}
          <Route path="/q/:token" element={<QuestionnairePage />} />
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
            <Route
              path="cases/:id/operation"
              element={<Lazy loading="Loading the operation record…" page={<OperationPage />} />}
            />
            <Route
              path="cases/:id/recovery"
              element={<Lazy loading="Loading the recovery…" page={<RecoveryPage />} />}
            />
            <Route
              path="follow-up"
              element={<Lazy loading="Loading the follow-up visits…" page={<FollowUpWorklistPage />} />}
            />
            <Route
              path="follow-up/visits/:id"
              element={<Lazy loading="Loading the visit…" page={<VisitPage />} />}
            />
            <Route
              path="outcomes"
              element={<Lazy loading="Loading your outcomes…" page={<OutcomesPage />} />}
            />
            <Route
              path="research/export"
              element={<Lazy loading="Loading the research export…" page={<ResearchExportPage />} />}
            />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </BrowserRouter>
    </SessionProvider>
  );
}
