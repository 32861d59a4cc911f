import { useEffect, useReducer, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { useLoad } from '../hooks';
import { formatDate } from '../labels';
import { completenessOf, completenessText } from '../questionnaire/completeness';
import { LinkProblem, questionnaireLinkApi, type QuestionnaireForm } from '../questionnaire/publicApi';
import { QuestionScreen } from '../questionnaire/QuestionScreen';
import { ReviewScreen } from '../questionnaire/ReviewScreen';
import { initialStepper, stepperReducer } from '../questionnaire/stepper';
import '../questionnaire/questionnaire.css';

// `/q/:token`: the patient's questionnaire, opened from a link on a phone. Public (no account, outside the
// signed-in layout); shows the questionnaire only, never who it is for (docs/decisions/0016).

export function QuestionnairePage() {
  const { token = '' } = useParams();
  const [loaded] = useLoad(() => questionnaireLinkApi.open(token), token);
  return (
    <div className="q-page">
      <header className="q-header">
        <span className="brand">SpineRecon</span>
        <span className="q-header-note">Patient questionnaire</span>
      </header>
      <main id="main" className="q-main">
        {loaded.status === 'loading' && (
          <p className="page-status" role="status">
            Opening your questionnaire…
          </p>
        )}
        {loaded.status === 'error' && <LinkProblemScreen error={loaded.error} />}
        {loaded.status === 'ready' && <Questionnaire token={token} form={loaded.value} />}
      </main>
    </div>
  );
}

function LinkProblemScreen({ error }: { readonly error: unknown }) {
  const problem =
    error instanceof LinkProblem
      ? error
      : new LinkProblem('failed', 'This questionnaire could not be opened. Try again in a moment.');
  const title: Record<LinkProblem['kind'], string> = {
    unknown: 'Link not recognised',
    answered: 'Already answered',
    expired: 'This link has expired',
    busy: 'Please wait a moment',
    invalid: 'The answers could not be accepted',
    unreachable: 'No connection',
    failed: 'Something went wrong',
  };
  return (
    <section className="q-screen" data-problem={problem.kind}>
      <h1 className="q-prompt">{title[problem.kind]}</h1>
      <p className={problem.kind === 'answered' ? 'info-note' : 'error-note'} role="alert">
        {problem.message}
      </p>
    </section>
  );
}

function Questionnaire({ token, form }: { readonly token: string; readonly form: QuestionnaireForm }) {
  const [state, dispatch] = useReducer(stepperReducer, form.items.length, initialStepper);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<LinkProblem | undefined>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { screen } = state;
  const screenKey = screen.kind === 'question' ? `question-${screen.index}` : screen.kind;

  // Each new screen starts at the top, with its heading focused for screen readers and keyboards.
  useEffect(() => {
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [screenKey]);

  if (problem !== undefined && (problem.kind === 'answered' || problem.kind === 'expired')) {
    return <LinkProblemScreen error={problem} />;
  }

  const send = () => {
    setSending(true);
    setProblem(undefined);
    questionnaireLinkApi.answer(token, state.answers).then(
      () => {
        setSending(false);
        dispatch({ type: 'sent' });
      },
      (error: unknown) => {
        setSending(false);
        setProblem(
          error instanceof LinkProblem
            ? error
            : new LinkProblem('failed', 'Your answers could not be sent. Try again in a moment.'),
        );
      },
    );
  };

  switch (screen.kind) {
    case 'intro':
      return (
        <section className="q-screen">
          <h1 ref={headingRef} tabIndex={-1} className="q-prompt">
            {form.title}
          </h1>
          <p>{form.instructions}</p>
          <ul className="q-facts">
            <li>
              {form.items.length} {form.items.length === 1 ? 'question' : 'questions'}, one per screen.
            </li>
            <li>You may skip any question; you can check every answer before sending.</li>
            <li>This link can be used once, until {formatDate(form.expiresAt)}.</li>
          </ul>
          <nav className="q-nav single">
            <button type="button" onClick={() => dispatch({ type: 'start' })}>
              Start
            </button>
          </nav>
          <p className="q-copyright">{form.copyright}</p>
        </section>
      );
    case 'question': {
      const item = form.items[screen.index];
      if (item === undefined) return null;
      return (
        <QuestionScreen
          item={item}
          index={screen.index}
          count={form.items.length}
          answer={state.answers[screen.index] ?? null}
          reviewSeen={state.reviewSeen}
          headingRef={headingRef}
          onChoose={(value) => dispatch({ type: 'choose', value })}
          onClear={() => dispatch({ type: 'clear' })}
          onBack={() => dispatch({ type: 'back' })}
          onNext={() => dispatch({ type: 'next' })}
          onReview={() => dispatch({ type: 'review' })}
        />
      );
    }
    case 'review':
      return (
        <ReviewScreen
          items={form.items}
          answers={state.answers}
          note={completenessText(completenessOf(form.instrument, state.answers))}
          sending={sending}
          problem={problem}
          headingRef={headingRef}
          onEdit={(index) => dispatch({ type: 'edit', index })}
          onBack={() => dispatch({ type: 'back' })}
          onSend={send}
        />
      );
    case 'sent':
      return (
        <section className="q-screen q-done">
          <h1 ref={headingRef} tabIndex={-1} className="q-prompt">
            Thank you
          </h1>
          <p className="ok-note" role="status">
            Your answers have been sent to your care team.
          </p>
          <p>There is nothing more to do: you can close this page.</p>
        </section>
      );
  }
}
