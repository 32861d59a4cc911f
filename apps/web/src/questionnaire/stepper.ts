// The patient's way through a questionnaire, one question per screen, then a review, then sending.
// Pure: the page keeps this state with useReducer; the tests drive it step by step.

/** An answer is the chosen option's value; null when not answered (skipped or not reached). */
export type Answer = number | null;

export type Screen =
  | { readonly kind: 'intro' }
  | { readonly kind: 'question'; readonly index: number }
  | { readonly kind: 'review' }
  | { readonly kind: 'sent' };

export interface StepperState {
  readonly answers: readonly Answer[];
  readonly screen: Screen;
  /** True once the review was shown: every question screen then offers to go back to it. */
  readonly reviewSeen: boolean;
}

export type StepperAction =
  /** From the instructions to the first question. */
  | { readonly type: 'start' }
  | { readonly type: 'choose'; readonly value: number }
  | { readonly type: 'clear' }
  /** To the next question (answered or not: a question may be skipped), or to the review after the last. */
  | { readonly type: 'next' }
  | { readonly type: 'back' }
  | { readonly type: 'edit'; readonly index: number }
  | { readonly type: 'review' }
  | { readonly type: 'sent' };

export function initialStepper(questionCount: number): StepperState {
  if (!Number.isInteger(questionCount) || questionCount < 1) {
    throw new Error(`a questionnaire needs at least one question, got ${questionCount}`);
  }
  return {
    answers: Array.from({ length: questionCount }, () => null),
    screen: { kind: 'intro' },
    reviewSeen: false,
  };
}

export function stepperReducer(state: StepperState, action: StepperAction): StepperState {
  const { screen, answers } = state;
  if (screen.kind === 'sent') return state;
  switch (action.type) {
    case 'start':
      return screen.kind === 'intro' ? { ...state, screen: { kind: 'question', index: 0 } } : state;
    case 'choose':
    case 'clear': {
      if (screen.kind !== 'question') return state;
      const value = action.type === 'choose' ? action.value : null;
      return { ...state, answers: answers.map((a, i) => (i === screen.index ? value : a)) };
    }
    case 'next':
      if (screen.kind !== 'question') return state;
      return screen.index + 1 < answers.length
        ? { ...state, screen: { kind: 'question', index: screen.index + 1 } }
        : toReview(state);
    case 'back':
      if (screen.kind === 'review') {
        return { ...state, screen: { kind: 'question', index: answers.length - 1 } };
      }
      if (screen.kind === 'intro') return state;
      return screen.index === 0
        ? { ...state, screen: { kind: 'intro' } }
        : { ...state, screen: { kind: 'question', index: screen.index - 1 } };
    case 'edit':
      if (!Number.isInteger(action.index) || action.index < 0 || action.index >= answers.length) return state;
      return { ...state, screen: { kind: 'question', index: action.index } };
    case 'review':
      return screen.kind === 'question' ? toReview(state) : state;
    case 'sent':
      return screen.kind === 'review' ? { ...state, screen: { kind: 'sent' } } : state;
  }
}

function toReview(state: StepperState): StepperState {
  return { ...state, screen: { kind: 'review' }, reviewSeen: true };
}

/** "Question 3 of 10" (1-based), or undefined off the question screens. */
export function progressText(state: StepperState): string | undefined {
  if (state.screen.kind !== 'question') return undefined;
  return `Question ${state.screen.index + 1} of ${state.answers.length}`;
}

/** The 1-based numbers of the questions left without an answer. */
export function unansweredQuestions(answers: readonly Answer[]): number[] {
  return answers.flatMap((a, i) => (a === null ? [i + 1] : []));
}
