import type { OperationDraft } from './operationModel';
import { ListEditor } from './ListEditor';

// The operation record's own fields: date, duration, blood loss, transfusions, neuromonitoring alerts,
// intraoperative complications, implants with their UDI, notes. Numbers stay text until saved.

type Patch = (patch: Partial<OperationDraft>) => void;

export function OperationDetails({
  draft,
  set,
  today,
}: {
  readonly draft: OperationDraft;
  readonly set: Patch;
  readonly today: string;
}) {
  return (
    <div className="grid">
      <label>
        Operation date
        <input
          type="date"
          max={today}
          required
          value={draft.date}
          onChange={(e) => set({ date: e.target.value })}
        />
      </label>
      <label>
        Duration (min, skin to skin)
        <input
          inputMode="numeric"
          name="durationMin"
          value={draft.durationMin}
          onChange={(e) => set({ durationMin: e.target.value })}
        />
      </label>
      <label>
        Estimated blood loss (ml)
        <input
          inputMode="decimal"
          name="estimatedBloodLossMl"
          value={draft.estimatedBloodLossMl}
          onChange={(e) => set({ estimatedBloodLossMl: e.target.value })}
        />
      </label>
      <label>
        Transfusion (units)
        <input
          inputMode="numeric"
          name="transfusionUnits"
          value={draft.transfusionUnits}
          onChange={(e) => set({ transfusionUnits: e.target.value })}
        />
      </label>
    </div>
  );
}

export function OperationEvents({ draft, set }: { readonly draft: OperationDraft; readonly set: Patch }) {
  return (
    <>
      <ListEditor
        legend="Neuromonitoring alerts"
        items={draft.neuromonitoringAlerts}
        onChange={(neuromonitoringAlerts) => set({ neuromonitoringAlerts })}
        empty={() => ({ description: '', action: '' })}
        addLabel="Add an alert"
        none="No neuromonitoring alert recorded."
        row={(alert, update, i) => (
          <>
            <label>
              Alert {i + 1}
              <input
                value={alert.description}
                onChange={(e) => update({ ...alert, description: e.target.value })}
              />
            </label>
            <label>
              Action taken
              <input value={alert.action} onChange={(e) => update({ ...alert, action: e.target.value })} />
            </label>
          </>
        )}
      />
      <ListEditor
        legend="Intraoperative complications"
        items={draft.intraoperativeComplications}
        onChange={(intraoperativeComplications) => set({ intraoperativeComplications })}
        empty={() => ''}
        addLabel="Add a complication"
        none="No intraoperative complication recorded."
        row={(text, update, i) => (
          <label className="wide">
            Complication {i + 1}
            <input value={text} onChange={(e) => update(e.target.value)} />
          </label>
        )}
      />
      <ListEditor
        legend="Implants"
        items={draft.implants}
        onChange={(implants) => set({ implants })}
        empty={() => ({ description: '', udi: '' })}
        addLabel="Add an implant"
        none="No implant identifier recorded."
        row={(implant, update, i) => (
          <>
            <label>
              Implant {i + 1}
              <input
                value={implant.description}
                placeholder="e.g. pedicle screw 6.5 × 45 mm"
                onChange={(e) => update({ ...implant, description: e.target.value })}
              />
            </label>
            <label>
              UDI (as on the label)
              <input
                className="mono"
                value={implant.udi}
                onChange={(e) => update({ ...implant, udi: e.target.value })}
              />
            </label>
          </>
        )}
      />
    </>
  );
}
