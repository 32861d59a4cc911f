import { describe, expect, it } from 'vitest';
import {
  initialStepper,
  progressText,
  stepperReducer,
  unansweredQuestions,
  type StepperAction,
  type StepperState,
} from './stepper';

const run = (state: StepperState, ...actions: StepperAction[]) => actions.reduce(stepperReducer, state);
/** A questionnaire of `count` questions, past its instructions, on the first question. */
const started = (count: number) => run(initialStepper(count), { type: 'start' });

describe('the questionnaire stepper', () => {
  it('starts on the instructions with nothing answered, then shows the first question', () => {
    const intro = initialStepper(10);
    expect(intro.screen).toEqual({ kind: 'intro' });
    expect(intro.answers).toEqual(Array(10).fill(null));
    expect(progressText(intro)).toBeUndefined();
    const first = stepperReducer(intro, { type: 'start' });
    expect(first.screen).toEqual({ kind: 'question', index: 0 });
    expect(progressText(first)).toBe('Question 1 of 10');
  });

  it('refuses a questionnaire without questions', () => {
    expect(() => initialStepper(0)).toThrow(/at least one question/);
  });

  it('records the chosen option of the question on screen and moves on with next', () => {
    const state = run(started(3), { type: 'choose', value: 2 }, { type: 'next' });
    expect(state.answers).toEqual([2, null, null]);
    expect(progressText(state)).toBe('Question 2 of 3');
  });

  it('lets a question be skipped, leaving its answer missing', () => {
    const state = run(started(3), { type: 'next' }, { type: 'choose', value: 4 }, { type: 'next' });
    expect(state.answers).toEqual([null, 4, null]);
    expect(unansweredQuestions(state.answers)).toEqual([1, 3]);
  });

  it('changes an answer when another option is chosen, and clears it on request', () => {
    let state = run(started(2), { type: 'choose', value: 1 }, { type: 'choose', value: 3 });
    expect(state.answers[0]).toBe(3);
    state = stepperReducer(state, { type: 'clear' });
    expect(state.answers[0]).toBeNull();
  });

  it('goes back one question and keeps the answers given', () => {
    const state = run(started(3), { type: 'choose', value: 5 }, { type: 'next' }, { type: 'back' });
    expect(state.screen).toEqual({ kind: 'question', index: 0 });
    expect(state.answers[0]).toBe(5);
  });

  it('goes back from the first question to the instructions, and no further', () => {
    const intro = run(started(3), { type: 'back' });
    expect(intro.screen).toEqual({ kind: 'intro' });
    expect(stepperReducer(intro, { type: 'back' })).toBe(intro);
  });

  it('records no answer and opens no review from the instructions', () => {
    const intro = initialStepper(2);
    expect(stepperReducer(intro, { type: 'choose', value: 1 })).toBe(intro);
    expect(stepperReducer(intro, { type: 'review' })).toBe(intro);
  });

  it('shows the review after the last question, and back from the review returns to the last question', () => {
    let state = run(started(2), { type: 'next' }, { type: 'next' });
    expect(state.screen).toEqual({ kind: 'review' });
    expect(state.reviewSeen).toBe(true);
    expect(progressText(state)).toBeUndefined();
    state = stepperReducer(state, { type: 'back' });
    expect(state.screen).toEqual({ kind: 'question', index: 1 });
  });

  it('opens a question from the review to change it and comes back to the review', () => {
    let state = run(started(4), { type: 'review' }, { type: 'edit', index: 2 });
    expect(state.screen).toEqual({ kind: 'question', index: 2 });
    state = run(state, { type: 'choose', value: 0 }, { type: 'review' });
    expect(state.screen).toEqual({ kind: 'review' });
    expect(state.answers).toEqual([null, null, 0, null]);
  });

  it('ignores an edit of a question that does not exist', () => {
    const state = run(started(2), { type: 'review' });
    expect(stepperReducer(state, { type: 'edit', index: 2 })).toBe(state);
    expect(stepperReducer(state, { type: 'edit', index: -1 })).toBe(state);
  });

  it('sends only from the review, and changes nothing once sent', () => {
    const onQuestion = started(2);
    expect(stepperReducer(onQuestion, { type: 'sent' })).toBe(onQuestion);
    const sent = run(onQuestion, { type: 'choose', value: 1 }, { type: 'review' }, { type: 'sent' });
    expect(sent.screen).toEqual({ kind: 'sent' });
    expect(run(sent, { type: 'edit', index: 0 }, { type: 'choose', value: 4 }, { type: 'back' })).toBe(sent);
  });

  it('does not record an answer on the review screen', () => {
    const review = run(started(2), { type: 'review' });
    expect(stepperReducer(review, { type: 'choose', value: 3 })).toBe(review);
  });
});
