import type { CaseDetail } from '../api/types';
import { formatDate, label } from '../labels';

// The path of a case, from what it holds: diagnosis (the case's opening), imaging (its radiographs),
// plan (its plans), surgery and follow-ups (from its status). Steps not reached are shown as not yet done.

interface Step {
  readonly key: string;
  readonly title: string;
  readonly done: boolean;
  readonly entries: readonly { readonly key: string; readonly date: string; readonly text: string }[];
  readonly pending: string;
}

const OPERATED = new Set(['operated', 'follow-up', 'closed']);
const FOLLOWED = new Set(['follow-up', 'closed']);

export function timelineOf(spineCase: CaseDetail): readonly Step[] {
  const films = [...spineCase.radiographs].sort((a, b) =>
    (a.takenOn ?? a.createdAt).localeCompare(b.takenOn ?? b.createdAt),
  );
  const plans = [...spineCase.plans].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return [
    {
      key: 'diagnosis',
      title: 'Diagnosis',
      done: true,
      entries: [
        { key: 'opened', date: spineCase.createdAt, text: `${label(spineCase.diagnosis)} — case opened` },
      ],
      pending: '',
    },
    {
      key: 'imaging',
      title: 'Imaging',
      done: films.length > 0,
      entries: films.map((film) => ({
        key: film.id,
        date: film.takenOn ?? '',
        text:
          `${label(film.view)} film, ${film.posture}` +
          (film.takenOn === null ? ', date not recorded' : '') +
          (film.image === null ? ' (no image yet)' : ''),
      })),
      pending: 'No radiograph yet',
    },
    {
      key: 'plan',
      title: 'Plan',
      done: plans.length > 0,
      entries: plans.map((plan) => ({
        key: plan.id,
        date: plan.updatedAt,
        text: `${plan.title} (version ${plan.version})`,
      })),
      pending: 'Not planned yet',
    },
    {
      key: 'surgery',
      title: 'Surgery',
      done: OPERATED.has(spineCase.status),
      entries: OPERATED.has(spineCase.status) ? [{ key: 'operated', date: '', text: 'Operated' }] : [],
      pending: spineCase.status === 'scheduled' ? 'Scheduled, not yet done' : 'Not yet done',
    },
    {
      key: 'follow-up',
      title: 'Follow-ups',
      done: FOLLOWED.has(spineCase.status),
      entries: FOLLOWED.has(spineCase.status)
        ? [
            {
              key: 'follow-up',
              date: '',
              text: spineCase.status === 'closed' ? 'Follow-up closed' : 'In follow-up',
            },
          ]
        : [],
      pending: 'Not yet done',
    },
  ];
}

export function CaseTimeline({ spineCase }: { readonly spineCase: CaseDetail }) {
  return (
    <section className="card timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <ol>
        {timelineOf(spineCase).map((step) => (
          <li key={step.key} className={step.done ? 'step done' : 'step pending'} data-step={step.key}>
            <span className="marker" aria-hidden="true" />
            <div>
              <h3>
                {step.title}{' '}
                <span className="visually-hidden">{step.done ? '(done)' : '(not yet done)'}</span>
              </h3>
              {step.entries.length === 0 ? (
                <p className="muted">{step.pending}</p>
              ) : (
                <ul>
                  {step.entries.map((entry) => (
                    <li key={entry.key}>
                      {entry.date !== '' && <time dateTime={entry.date}>{formatDate(entry.date)}</time>}{' '}
                      {entry.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
