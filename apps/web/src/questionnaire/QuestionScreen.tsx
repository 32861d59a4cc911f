import type { RefObject } from 'react';
import type { QuestionnaireItem } from './publicApi';
import type { Answer } from './stepper';

export interface QuestionScreenProps {
  readonly item: QuestionnaireItem;
  readonly index: number;
  readonly count: number;
  readonly answer: Answer;
  readonly reviewSeen: boolean;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  onChoose(value: number): void;
  onClear(): void;
  onBack(): void;
  onNext(): void;
  onReview(): void;
}

/** One question on the whole screen: progress, the question, its options as large touch targets, back/next. */
export function QuestionScreen(props: QuestionScreenProps) {
  const { item, index, count, answer, reviewSeen, headingRef } = props;
  const last = index + 1 === count;
  const nextLabel = answer === null ? 'Skip this question' : last ? 'Next: review' : 'Next';
  const promptId = `q-prompt-${item.id}`;
  return (
    <section className="q-screen">
      <div className="q-progress">
        <p className="q-progress-text">
          Question {index + 1} of {count}
        </p>
        <progress max={count} value={index + 1} aria-hidden="true" />
      </div>
      <fieldset className="q-question" aria-labelledby={promptId}>
        <h1 id={promptId} ref={headingRef} tabIndex={-1} className="q-prompt">
          {item.text}
        </h1>
        <p className="q-hint">Choose the one answer that fits you best.</p>
        <div className="q-options">
          {item.options.map((option) => {
            const chosen = answer === option.value;
            return (
              <label key={option.value} className={chosen ? 'q-option chosen' : 'q-option'}>
                <input
                  type="radio"
                  name={item.id}
                  value={option.value}
                  checked={chosen}
                  onChange={() => props.onChoose(option.value)}
                />
                <span>{option.label}</span>
              </label>
            );
          })}
        </div>
      </fieldset>
      <p className="q-skip-note">
        {answer === null ? (
          'You may skip a question you cannot or do not want to answer.'
        ) : (
          <button type="button" className="link-button" onClick={props.onClear}>
            Clear my answer (leave this question blank)
          </button>
        )}
      </p>
      <nav className="q-nav" aria-label="Questions">
        <button type="button" className="secondary" onClick={props.onBack}>
          Back
        </button>
        <button type="button" className={answer === null ? 'secondary' : undefined} onClick={props.onNext}>
          {nextLabel}
        </button>
      </nav>
      {reviewSeen && !last && (
        <p className="q-to-review">
          <button type="button" className="link-button" onClick={props.onReview}>
            Back to the review of all answers
          </button>
        </p>
      )}
    </section>
  );
}
