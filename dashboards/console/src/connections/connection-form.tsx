import type { Connection, ConnectorInfo } from '@astrolabe/api-contract';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { ProblemAlert } from '../components/page-state';
import { describeCron } from '../lib/format';
import { initialValues, schemaFields, toPayload, type FieldValue } from './json-schema';
import { SchemaFieldInput } from './schema-field-input';

interface Props {
  workspaceId: string;
  connector: ConnectorInfo;
  onCreated: (connection: Connection) => void;
}

/** Name, config, optional secret and schedule for one connector; server field errors land next to their field. */
export function ConnectionForm({ workspaceId, connector, onCreated }: Props) {
  const configFields = useMemo(() => schemaFields(connector.configSchema, 'config'), [connector]);
  const secretFields = useMemo(() => schemaFields(connector.secretSchema, 'secret'), [connector]);
  const [name, setName] = useState(connector.title);
  const [schedule, setSchedule] = useState(connector.defaultSchedule);
  const [values, setValues] = useState<Record<string, FieldValue>>(() => initialValues([...configFields, ...secretFields]));
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const fieldErrors = error?.fieldErrors() ?? {};
  const shownPaths = new Set(['name', 'schedule', ...configFields.map((f) => f.path), ...secretFields.map((f) => f.path)]);
  // Errors the form has no place for (or a problem without field errors) go in the banner.
  const unplaced = error && (error.problem.errors ?? []).some((e) => !shownPaths.has(e.field));
  const showBanner = error && (unplaced || !error.problem.errors?.length);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setSubmitting(true);
    setError(null);
    const secret = toPayload(secretFields, values);
    try {
      const created = await api.createConnection(workspaceId, {
        connectorId: connector.id,
        name: name.trim(),
        config: toPayload(configFields, values),
        ...(Object.keys(secret).length > 0 ? { secret } : {}),
        schedule: schedule.trim() || undefined,
      });
      onCreated(created);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError({ type: 'about:blank', title: 'Could not create the connection', status: 0, detail: String(err) }));
    } finally {
      setSubmitting(false);
    }
  }

  const set = (path: string) => (v: FieldValue) => setValues((prev) => ({ ...prev, [path]: v }));

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="connection-form">
      {showBanner && <ProblemAlert error={error} />}
      {error && !showBanner && (
        <div className="alert alert-error" role="alert">
          <div>
            <strong>{error.problem.title}</strong> — check the highlighted fields.
          </div>
        </div>
      )}

      <div className="form-section">
        <h3 className="card-title-small">Details</h3>
        <div className={`field ${fieldErrors['name'] ? 'field-invalid' : ''}`}>
          <label htmlFor="field-name">
            Name<span className="required"> *</span>
          </label>
          <input id="field-name" data-testid="field-name" className="input" value={name} onChange={(e) => setName(e.target.value)} required aria-invalid={fieldErrors['name'] ? true : undefined} />
          {fieldErrors['name'] && (
            <p className="field-error" data-testid="field-name-error">
              {fieldErrors['name']}
            </p>
          )}
        </div>
        <div className={`field ${fieldErrors['schedule'] ? 'field-invalid' : ''}`}>
          <label htmlFor="field-schedule">Schedule</label>
          <input
            id="field-schedule"
            data-testid="field-schedule"
            className="input mono"
            value={schedule}
            onChange={(e) => setSchedule(e.target.value)}
            aria-invalid={fieldErrors['schedule'] ? true : undefined}
            aria-describedby="field-schedule-help"
          />
          <p className="field-help" id="field-schedule-help">
            Five-field cron, UTC. {schedule.trim() && <strong>{describeCron(schedule)}</strong>}
          </p>
          {fieldErrors['schedule'] && (
            <p className="field-error" data-testid="field-schedule-error">
              {fieldErrors['schedule']}
            </p>
          )}
        </div>
      </div>

      {configFields.length > 0 && (
        <div className="form-section">
          <h3 className="card-title-small">Configuration</h3>
          {configFields.map((f) => (
            <SchemaFieldInput key={f.path} field={f} value={values[f.path]} error={fieldErrors[f.path]} onChange={set(f.path)} />
          ))}
        </div>
      )}

      {secretFields.length > 0 && (
        <div className="form-section">
          <h3 className="card-title-small">Credentials</h3>
          <p className="small muted">Optional. Stored encrypted and never shown again. Leave empty to use the server's own credential chain.</p>
          {secretFields.map((f) => (
            <SchemaFieldInput key={f.path} field={f} value={values[f.path]} error={fieldErrors[f.path]} onChange={set(f.path)} />
          ))}
        </div>
      )}

      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={submitting} data-testid="create-connection">
          {submitting ? 'Creating…' : 'Create connection'}
        </button>
      </div>
    </form>
  );
}
