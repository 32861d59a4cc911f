import { isQuestionnaireInstrument, scoreQuestionnaire } from '@spinerecon/core';
import { unansweredQuestions, type Answer } from './stepper';

// What the review screen tells the patient about questions left blank: which ones, and whether the
// instrument's published scoring (the core's) can still give a score. Blank answers are always accepted.

export interface Completeness {
  /** 1-based numbers of the questions left blank. */
  readonly unanswered: readonly number[];
  /** Whether every score of the instrument can be calculated from these answers; null when not known. */
  readonly fullyScorable: boolean | null;
}

export function completenessOf(instrument: string, answers: readonly Answer[]): Completeness {
  const unanswered = unansweredQuestions(answers);
  if (!isQuestionnaireInstrument(instrument)) return { unanswered, fullyScorable: null };
  let scored: ReturnType<typeof scoreQuestionnaire>;
  try {
    scored = scoreQuestionnaire(instrument, answers);
  } catch {
    return { unanswered, fullyScorable: null };
  }
  // The core marks every value it cannot give as undetermined, with the reason.
  return { unanswered, fullyScorable: Object.keys(scored.result.undetermined).length === 0 };
}

/** The review screen's sentence about blank questions, or undefined when every question is answered. */
export function completenessText({ unanswered, fullyScorable }: Completeness): string | undefined {
  if (unanswered.length === 0) return undefined;
  const which =
    unanswered.length === 1
      ? `Question ${unanswered[0]} is not answered.`
      : `Questions ${unanswered.join(', ')} are not answered.`;
  const effect =
    fullyScorable === false
      ? ' With these left blank your care team cannot calculate every score from this questionnaire.'
      : '';
  return `${which}${effect} You can still send your answers, or go back and answer them.`;
}
