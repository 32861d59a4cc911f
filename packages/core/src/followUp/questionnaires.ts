import { oswestryDisabilityIndex, type OswestryDisabilityIndex } from './oswestryDisabilityIndex.js';
import { painScores, type PainScores } from './painScale.js';
import { srs22r, type Srs22rScore } from './srs22r.js';

export const QUESTIONNAIRE_INSTRUMENTS = ['odi', 'srs22r', 'pain'] as const;
export type QuestionnaireInstrument = (typeof QUESTIONNAIRE_INSTRUMENTS)[number];

export interface QuestionnaireOption {
  /** The score this answer carries in the instrument's published scoring (stored as the answer). */
  readonly value: number;
  readonly label: string;
}

export interface QuestionnaireItem {
  readonly id: string;
  readonly text: string;
  readonly options: readonly QuestionnaireOption[];
}

export interface QuestionnaireDefinition {
  readonly instrument: QuestionnaireInstrument;
  readonly title: string;
  readonly instructions: string;
  readonly items: readonly QuestionnaireItem[];
  /** Who holds the rights and what use needs. */
  readonly copyright: string;
  /** Where the item wording comes from and how far it was checked (docs/clinical.md). */
  readonly wording: string;
}

export function isQuestionnaireInstrument(value: unknown): value is QuestionnaireInstrument {
  return QUESTIONNAIRE_INSTRUMENTS.some((i) => i === value);
}

/** Options in the printed order; the first statement scores 0 and the last 5 (ODI scoring instructions). */
const odiSection = (id: string, text: string, statements: readonly string[]): QuestionnaireItem => ({
  id,
  text,
  options: statements.map((label, value) => ({ value, label })),
});

/** Options in the printed order, each with its SRS-22r score (5 best, 1 worst). */
const srsItem = (
  n: number,
  text: string,
  options: readonly (readonly [string, number])[],
): QuestionnaireItem => ({
  id: `item${n}`,
  text,
  options: options.map(([label, value]) => ({ value, label })),
});

const TIME_BEST_LAST = [
  ['None of the time', 1],
  ['A little of the time', 2],
  ['Some of the time', 3],
  ['Most of the time', 4],
  ['All of the time', 5],
] as const;
const OFTEN_WORST_FIRST = [
  ['Very often', 1],
  ['Often', 2],
  ['Sometimes', 3],
  ['Rarely', 4],
  ['Never', 5],
] as const;
const NEVER_BEST_FIRST = [
  ['Never', 5],
  ['Rarely', 4],
  ['Sometimes', 3],
  ['Often', 2],
  ['Very often', 1],
] as const;
const PAIN_AMOUNT = [
  ['None', 5],
  ['Mild', 4],
  ['Moderate', 3],
  ['Moderate to severe', 2],
  ['Severe', 1],
] as const;
const LOOKS = [
  ['Very good', 5],
  ['Good', 4],
  ['Fair', 3],
  ['Poor', 2],
  ['Very poor', 1],
] as const;

const nrs = (id: string, text: string): QuestionnaireItem => ({
  id,
  text,
  options: Array.from({ length: 11 }, (_, value) => ({
    value,
    label: value === 0 ? '0 – no pain' : value === 10 ? '10 – worst pain imaginable' : String(value),
  })),
});

export const QUESTIONNAIRES: Readonly<Record<QuestionnaireInstrument, QuestionnaireDefinition>> = {
  odi: {
    instrument: 'odi',
    title: 'Oswestry Disability Index (version 2.1a)',
    instructions:
      'This questionnaire has been designed to give us information as to how your back or leg pain is affecting your ability to manage in everyday life. Please answer every section by choosing the ONE statement which best applies to you. We realise you may consider that two or more statements in any one section apply, but please just choose the one that most clearly describes your problem.',
    copyright:
      'ODI © Jeremy Fairbank. Licensed through Mapi Research Trust (eProvide); clinical and electronic use needs a licence from the rights holder.',
    wording:
      'Version 2.1a English statements as reproduced in several public copies of the form (identical across them); the licensed original was not opened. Instructions adapted from "checking one box" to choosing on screen.',
    items: [
      odiSection('section1', 'Pain intensity', [
        'I have no pain at the moment',
        'The pain is very mild at the moment',
        'The pain is moderate at the moment',
        'The pain is fairly severe at the moment',
        'The pain is very severe at the moment',
        'The pain is the worst imaginable at the moment',
      ]),
      odiSection('section2', 'Personal care (washing, dressing etc)', [
        'I can look after myself normally without causing extra pain',
        'I can look after myself normally but it causes extra pain',
        'It is painful to look after myself and I am slow and careful',
        'I need some help but manage most of my personal care',
        'I need help every day in most aspects of self-care',
        'I do not get dressed, I wash with difficulty and stay in bed',
      ]),
      odiSection('section3', 'Lifting', [
        'I can lift heavy weights without extra pain',
        'I can lift heavy weights but it gives extra pain',
        'Pain prevents me from lifting heavy weights off the floor, but I can manage if they are conveniently placed eg. on a table',
        'Pain prevents me from lifting heavy weights, but I can manage light to medium weights if they are conveniently positioned',
        'I can lift very light weights',
        'I cannot lift or carry anything at all',
      ]),
      odiSection('section4', 'Walking', [
        'Pain does not prevent me walking any distance',
        'Pain prevents me from walking more than 1 mile',
        'Pain prevents me from walking more than 1/2 mile',
        'Pain prevents me from walking more than 100 yards',
        'I can only walk using a stick or crutches',
        'I am in bed most of the time',
      ]),
      odiSection('section5', 'Sitting', [
        'I can sit in any chair as long as I like',
        'I can only sit in my favourite chair as long as I like',
        'Pain prevents me sitting more than one hour',
        'Pain prevents me from sitting more than 30 minutes',
        'Pain prevents me from sitting more than 10 minutes',
        'Pain prevents me from sitting at all',
      ]),
      odiSection('section6', 'Standing', [
        'I can stand as long as I want without extra pain',
        'I can stand as long as I want but it gives me extra pain',
        'Pain prevents me from standing for more than 1 hour',
        'Pain prevents me from standing for more than 30 minutes',
        'Pain prevents me from standing for more than 10 minutes',
        'Pain prevents me from standing at all',
      ]),
      odiSection('section7', 'Sleeping', [
        'My sleep is never disturbed by pain',
        'My sleep is occasionally disturbed by pain',
        'Because of pain I have less than 6 hours sleep',
        'Because of pain I have less than 4 hours sleep',
        'Because of pain I have less than 2 hours sleep',
        'Pain prevents me from sleeping at all',
      ]),
      odiSection('section8', 'Sex life (if applicable)', [
        'My sex life is normal and causes no extra pain',
        'My sex life is normal but causes some extra pain',
        'My sex life is nearly normal but is very painful',
        'My sex life is severely restricted by pain',
        'My sex life is nearly absent because of pain',
        'Pain prevents any sex life at all',
      ]),
      odiSection('section9', 'Social life', [
        'My social life is normal and gives me no extra pain',
        'My social life is normal but increases the degree of pain',
        'Pain has no significant effect on my social life apart from limiting my more energetic interests eg, sport',
        'Pain has restricted my social life and I do not go out as often',
        'Pain has restricted my social life to my home',
        'I have no social life because of pain',
      ]),
      odiSection('section10', 'Travelling', [
        'I can travel anywhere without pain',
        'I can travel anywhere but it gives me extra pain',
        'Pain is bad but I manage journeys over two hours',
        'Pain restricts me to journeys of less than one hour',
        'Pain restricts me to short necessary journeys under 30 minutes',
        'Pain prevents me from travelling except to receive treatment',
      ]),
    ],
  },
  srs22r: {
    instrument: 'srs22r',
    title: 'SRS-22r Patient Questionnaire',
    instructions:
      'We are carefully evaluating the condition of your back. It is important that you answer each of these questions yourself. Please choose the ONE best answer to each question.',
    copyright:
      'SRS-22r © Scoliosis Research Society. Use under the Society’s terms for its outcome instruments; check them before use.',
    wording:
      'NOT VERIFIED: item wording and per-answer scores follow the SRS-22r as commonly printed, but no copy of the form or the Society’s scoring key could be opened in this task. Check every item and score against the licensed SRS form before clinical use.',
    items: [
      srsItem(
        1,
        'Which one of the following best describes the amount of pain you have experienced during the past 6 months?',
        PAIN_AMOUNT,
      ),
      srsItem(
        2,
        'Which one of the following best describes the amount of pain you have experienced over the last month?',
        PAIN_AMOUNT,
      ),
      srsItem(3, 'During the past 6 months have you been a very nervous person?', [
        ['None of the time', 5],
        ['A little of the time', 4],
        ['Some of the time', 3],
        ['Most of the time', 2],
        ['All of the time', 1],
      ]),
      srsItem(
        4,
        'If you had to spend the rest of your life with your back shape as it is right now, how would you feel about it?',
        [
          ['Very happy', 5],
          ['Somewhat happy', 4],
          ['Neither happy nor unhappy', 3],
          ['Somewhat unhappy', 2],
          ['Very unhappy', 1],
        ],
      ),
      srsItem(5, 'What is your current level of activity?', [
        ['Bedridden', 1],
        ['Primarily no activity', 2],
        ['Light labor and light sports', 3],
        ['Moderate labor and moderate sports', 4],
        ['Full activities without restriction', 5],
      ]),
      srsItem(6, 'How do you look in clothes?', LOOKS),
      srsItem(
        7,
        'In the past 6 months have you felt so down in the dumps that nothing could cheer you up?',
        OFTEN_WORST_FIRST,
      ),
      srsItem(8, 'Do you experience back pain when at rest?', OFTEN_WORST_FIRST),
      srsItem(9, 'What is your current level of work/school activity?', [
        ['100% normal', 5],
        ['75% normal', 4],
        ['50% normal', 3],
        ['25% normal', 2],
        ['0% normal', 1],
      ]),
      srsItem(
        10,
        'Which of the following best describes the appearance of your trunk; defined as the human body except for the head and extremities?',
        LOOKS,
      ),
      srsItem(11, 'Which one of the following best describes your pain medication use for your back?', [
        ['None', 5],
        ['Non-narcotics weekly or less', 4],
        ['Non-narcotics daily', 3],
        ['Narcotics weekly or less', 2],
        ['Narcotics daily', 1],
      ]),
      srsItem(12, 'Does your back limit your ability to do things around the house?', NEVER_BEST_FIRST),
      srsItem(13, 'Have you felt calm and peaceful during the past 6 months?', [
        ['All of the time', 5],
        ['Most of the time', 4],
        ['Some of the time', 3],
        ['A little of the time', 2],
        ['None of the time', 1],
      ]),
      srsItem(14, 'Do you feel that your back condition affects your personal relationships?', [
        ['None', 5],
        ['Slightly', 4],
        ['Mildly', 3],
        ['Moderately', 2],
        ['Severely', 1],
      ]),
      srsItem(15, 'Are you and/or your family experiencing financial difficulties because of your back?', [
        ['Severely', 1],
        ['Moderately', 2],
        ['Mildly', 3],
        ['Slightly', 4],
        ['None', 5],
      ]),
      srsItem(16, 'In the past 6 months have you felt downhearted and blue?', NEVER_BEST_FIRST),
      srsItem(
        17,
        'In the last 3 months have you taken any days off of work, including household work, or school because of back pain?',
        [
          ['0', 5],
          ['1', 4],
          ['2', 3],
          ['3', 2],
          ['4 or more', 1],
        ],
      ),
      srsItem(
        18,
        'Does your back condition limit your going out of the house with friends or family?',
        NEVER_BEST_FIRST,
      ),
      srsItem(19, 'Do you feel attractive with your current back condition?', [
        ['Yes, very', 5],
        ['Yes, somewhat', 4],
        ['Neither attractive nor unattractive', 3],
        ['No, not very', 2],
        ['No, not at all', 1],
      ]),
      srsItem(20, 'Have you been a happy person during the past 6 months?', TIME_BEST_LAST),
      srsItem(21, 'Are you satisfied with the results of your back management?', [
        ['Very satisfied', 5],
        ['Satisfied', 4],
        ['Neither satisfied nor unsatisfied', 3],
        ['Unsatisfied', 2],
        ['Very unsatisfied', 1],
      ]),
      srsItem(22, 'Would you have the same management again if you had the same condition?', [
        ['Definitely yes', 5],
        ['Probably yes', 4],
        ['Not sure', 3],
        ['Probably not', 2],
        ['Definitely not', 1],
      ]),
    ],
  },
  pain: {
    instrument: 'pain',
    title: 'Back and leg pain (numeric rating scale)',
    instructions: 'For each question choose one number from 0 (no pain) to 10 (the worst pain imaginable).',
    copyright: 'The 0–10 numeric rating scale is in the public domain.',
    wording: 'SpineRecon wording of the standard 0–10 numeric rating scale; no recall period is given.',
    items: [nrs('backPain', 'How strong is your back pain?'), nrs('legPain', 'How strong is your leg pain?')],
  },
};

export type QuestionnaireScore =
  | { readonly instrument: 'odi'; readonly result: OswestryDisabilityIndex }
  | { readonly instrument: 'srs22r'; readonly result: Srs22rScore }
  | { readonly instrument: 'pain'; readonly result: PainScores };

/**
 * Checks answers against the instrument's items (one per item, in order; each null for blank or one of the
 * item's option values) and scores them with the existing rules: ODI (missing sections as the published
 * rule allows), SRS-22r domain means, NRS back and leg pain. Throws an Error naming the item on a wrong
 * length or value.
 */
export function scoreQuestionnaire(
  instrument: QuestionnaireInstrument,
  answers: readonly (number | null)[],
): QuestionnaireScore {
  const definition = QUESTIONNAIRES[instrument];
  if (definition === undefined) throw new Error(`unknown questionnaire ${JSON.stringify(instrument)}`);
  if (!Array.isArray(answers)) throw new Error('answers must be an array');
  if (answers.length !== definition.items.length) {
    throw new Error(`${definition.title}: needs ${definition.items.length} answers, got ${answers.length}`);
  }
  definition.items.forEach((item, i) => {
    const answer: unknown = answers[i];
    if (answer === null) return;
    if (!item.options.some((o) => o.value === answer)) {
      const allowed = item.options.map((o) => o.value).join(', ');
      throw new Error(
        `${definition.title}: answer ${i + 1} (${item.id}) must be blank (null) or one of ${allowed}; got ${JSON.stringify(answer)}`,
      );
    }
  });
  switch (instrument) {
    case 'odi':
      return { instrument, result: oswestryDisabilityIndex(answers) };
    case 'srs22r':
      return { instrument, result: srs22r(answers) };
    case 'pain':
      return { instrument, result: painScores(answers[0], answers[1]) };
  }
}
