import type { LandmarkSet } from '../protocols/landmarks';
import { sameSet } from '../protocols/sameSet';

// Never lose work: every change is saved after a short pause, as a new version on the server. While the
// server cannot be reached the draft is kept in the browser and sent when it is back. When someone else
// saved first (412), both versions are kept and the user chooses; nothing is overwritten silently.

/** The last version this browser knows the server has (0: none saved yet). */
export interface Draft {
  readonly radiographId: string;
  readonly baseVersion: number;
  readonly set: LandmarkSet;
  readonly changedAt: string;
}

export interface DraftStore {
  load(radiographId: string): Promise<Draft | undefined>;
  save(draft: Draft): Promise<void>;
  remove(radiographId: string): Promise<void>;
}

export type SaveOutcome =
  | { readonly kind: 'saved'; readonly version: number }
  | { readonly kind: 'conflict'; readonly current: { readonly version: number; readonly set: LandmarkSet } }
  | { readonly kind: 'unreachable' }
  /** The server refused the set itself (400): kept as a draft, not retried until the next change. */
  | { readonly kind: 'refused'; readonly message: string };

/** Sends a set with `If-Match: baseVersion` (none when 0). */
export type SaveFunction = (set: LandmarkSet, baseVersion: number) => Promise<SaveOutcome>;

export type AutosaveStatus =
  | { readonly kind: 'saved'; readonly version: number }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'offline'; readonly since: string }
  | { readonly kind: 'refused'; readonly message: string }
  | {
      readonly kind: 'conflict';
      readonly mine: LandmarkSet;
      readonly theirs: { readonly version: number; readonly set: LandmarkSet };
    };

export interface AutosaveOptions {
  readonly radiographId: string;
  readonly baseVersion: number;
  readonly save: SaveFunction;
  readonly store: DraftStore;
  readonly debounceMs?: number;
  readonly retryMs?: number;
  readonly onStatus: (status: AutosaveStatus) => void;
  readonly now?: () => Date;
}

export class Autosave {
  private baseVersion: number;
  private latest: LandmarkSet | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> | undefined;
  private status: AutosaveStatus;
  private readonly debounceMs: number;
  private readonly retryMs: number;

  constructor(private readonly options: AutosaveOptions) {
    this.baseVersion = options.baseVersion;
    this.debounceMs = options.debounceMs ?? 600;
    this.retryMs = options.retryMs ?? 5000;
    this.status = { kind: 'saved', version: options.baseVersion };
  }

  get current(): AutosaveStatus {
    return this.status;
  }

  /** A change: kept as a draft at once (a closed tab loses nothing), sent after the pause. */
  async change(set: LandmarkSet): Promise<void> {
    if (this.status.kind === 'conflict') return;
    this.latest = set;
    await this.options.store.save(this.draft(set));
    if (this.status.kind !== 'offline') this.setStatus({ kind: 'pending' });
    this.schedule(this.debounceMs);
  }

  /** Sends what is pending now (on blur, before navigating away, when the network comes back). */
  async flush(): Promise<void> {
    this.clearTimer();
    while (this.saving !== undefined) await this.saving;
    if (this.latest === undefined || this.status.kind === 'conflict') return;
    this.saving = this.send(this.latest).finally(() => {
      this.saving = undefined;
    });
    await this.saving;
  }

  /** Conflict: keep mine as the next version on top of theirs, or take theirs and drop mine. */
  async resolve(choice: 'mine' | 'theirs'): Promise<LandmarkSet> {
    if (this.status.kind !== 'conflict') throw new Error('there is no conflict to resolve');
    const { mine, theirs } = this.status;
    this.baseVersion = theirs.version;
    if (choice === 'theirs') {
      this.latest = undefined;
      await this.options.store.remove(this.options.radiographId);
      this.setStatus({ kind: 'saved', version: theirs.version });
      return theirs.set;
    }
    this.latest = mine;
    this.setStatus({ kind: 'pending' });
    await this.flush();
    return mine;
  }

  dispose(): void {
    this.clearTimer();
  }

  private async send(set: LandmarkSet): Promise<void> {
    this.setStatus({ kind: 'saving' });
    const outcome = await this.options.save(set, this.baseVersion);
    if (outcome.kind === 'saved') {
      this.baseVersion = outcome.version;
      if (this.latest === set) {
        this.latest = undefined;
        await this.options.store.remove(this.options.radiographId);
        this.setStatus({ kind: 'saved', version: outcome.version });
      } else if (this.latest !== undefined) {
        // Changed while saving: the newer set goes next, on top of the version just saved.
        await this.options.store.save(this.draft(this.latest));
        this.setStatus({ kind: 'pending' });
        this.schedule(0);
      }
      return;
    }
    if (outcome.kind === 'refused') {
      this.setStatus({ kind: 'refused', message: outcome.message });
      return;
    }
    if (outcome.kind === 'conflict' && sameSet(outcome.current.set, this.latest ?? set)) {
      // Saved already (a save whose answer was lost, e.g. on leaving the page): nothing to choose.
      this.baseVersion = outcome.current.version;
      this.latest = undefined;
      await this.options.store.remove(this.options.radiographId);
      this.setStatus({ kind: 'saved', version: outcome.current.version });
      return;
    }
    if (outcome.kind === 'conflict') {
      this.clearTimer();
      this.setStatus({ kind: 'conflict', mine: this.latest ?? set, theirs: outcome.current });
      return;
    }
    const since = this.status.kind === 'offline' ? this.status.since : this.isoNow();
    this.setStatus({ kind: 'offline', since });
    this.schedule(this.retryMs);
  }

  private draft(set: LandmarkSet): Draft {
    return {
      radiographId: this.options.radiographId,
      baseVersion: this.baseVersion,
      set,
      changedAt: this.isoNow(),
    };
  }

  private schedule(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private setStatus(status: AutosaveStatus): void {
    this.status = status;
    this.options.onStatus(status);
  }

  private isoNow(): string {
    return (this.options.now?.() ?? new Date()).toISOString();
  }
}
