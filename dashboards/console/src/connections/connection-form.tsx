import type { Connection, ConnectorInfo } from '@astrolabe/api-contract';
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { ProblemAlert } from '../components/page-state';
import { describeCron } from '../lib/format';
import { formHints, type FieldGroup } from './field-hints';
import { initialValues, schemaFields, toPayload, type FieldValue, type SchemaField } from './json-schema';
import { SchemaFieldInput } from './schema-field-input';

interface FieldListProps {
  fields: SchemaField[];
  groups: readonly FieldGroup[];
  values: Record<string, FieldValue>;
  errors: Record<string, string>;
  onChange: (path: string) => (value: FieldValue) => void;
}

/** Fields in schema order; grouped alternatives (a token, or an App) boxed, with "or" between them. */
function FieldList({ fields, groups, values, errors, onChange }: FieldListProps) {
  const input = (f: SchemaField) => <SchemaFieldInput key={f.path} field={f} value={values[f.path]} error={errors[f.path]} onChange={onChange(f.path)} />;
  const shown = groups.map((g) => ({ group: g, fields: fields.filter((f) => f.group === g.id) })).filter((g) => g.fields.length > 0);
  const known = new Set(shown.map((g) => g.group.id));
  return (
    <>
      {fields.filter((f) => !f.group || !known.has(f.group)).map(input)}
      {shown.map(({ group, fields: members }, i) => (
        <div key={group.id}>
          {i > 0 && (
            <p className="field-group-or" aria-hidden="true">
              or
            </p>
          )}
          <fieldset className="field-group" data-testid={`field-group-${group.id}`}>
            <legend>{group.title}</legend>
            {group.intro && <p className="field-group-intro">{group.intro}</p>}
            {members.map(input)}
          </fieldset>
        </div>
      ))}
    </>
  );
}

interface Props {
  workspaceId: string;
  connector: ConnectorInfo;
  onCreated: (connection: Connection) => void;
}

/** Name, config, optional secret and schedule for one connector; server field errors land next to their field. */
export function ConnectionForm({ workspaceId, connector, onCreated }: Props) {
  const hints = formHints(connector.id);
  const configFields = useMemo(() => schemaFields(connector.configSchema, 'config', formHints(connector.id).fields), [connector]);
  const secretFields = useMemo(() => schemaFields(connector.secretSchema, 'secret', formHints(connector.id).fields), [connector]);
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
          <FieldList fields={configFields} groups={hints.groups} values={values} errors={fieldErrors} onChange={set} />
        </div>
      )}

      {secretFields.length > 0 && (
        <div className="form-section">
          <h3 className="card-title-small">Credentials</h3>
          <p className="small muted">Optional. Stored encrypted and never shown again. Leave empty to use credentials from the server's environment, as described under “Credentials”.</p>
          <FieldList fields={secretFields} groups={hints.groups} values={values} errors={fieldErrors} onChange={set} />
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
