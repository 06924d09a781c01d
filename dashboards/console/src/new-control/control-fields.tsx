import { useId } from 'react';
import { FieldError } from '../components/field-error';
import { CATEGORY_LABEL, type ControlCategory } from '../controls/control-categories';
import { useMembers } from '../members/members-context';
import { ROLE_LABEL } from '../members/member-roles';
import { suggestControlId, type ControlDraft } from './control-draft';

const CATEGORIES = Object.keys(CATEGORY_LABEL) as ControlCategory[];

interface Props {
  draft: ControlDraft;
  onChange: (patch: Partial<ControlDraft>) => void;
  errors: Record<string, string>;
}

const invalid = (message: string | undefined) => (message ? 'field-invalid' : '');

/** What the control asserts and who answers for it: title, id, description, category, public title, owner. */
export function ControlFields({ draft, onChange, errors }: Props) {
  const id = useId();
  const { members } = useMembers();
  return (
    <>
      <div className="form-grid">
        <div className={`field ${invalid(errors['title'])}`}>
          <label htmlFor={`${id}-title`}>
            Title<span className="required"> *</span>
          </label>
          <input
            id={`${id}-title`}
            className="input"
            value={draft.title}
            placeholder="e.g. Security updates are sent to customers"
            onChange={(e) => onChange({ title: e.target.value, ...(draft.idEdited ? {} : { id: suggestControlId(e.target.value) }) })}
            data-testid="control-title"
          />
          <FieldError message={errors['title']} testId="control-title-error" />
        </div>
        <div className={`field ${invalid(errors['id'])}`}>
          <label htmlFor={`${id}-id`}>
            Id<span className="required"> *</span>
          </label>
          <input id={`${id}-id`} className="input mono" value={draft.id} placeholder="ctl-kebab-name" onChange={(e) => onChange({ id: e.target.value, idEdited: true })} data-testid="control-id" />
          <p className="field-help">ctl- and a lower-case kebab name; permanent, used in links and exports.</p>
          <FieldError message={errors['id']} testId="control-id-error" />
        </div>
      </div>
      <div className={`field field-wide ${invalid(errors['description'])}`}>
        <label htmlFor={`${id}-description`}>
          What this control asserts<span className="required"> *</span>
        </label>
        <textarea
          id={`${id}-description`}
          className="input textarea"
          rows={3}
          value={draft.description}
          placeholder="The practice in one or two sentences, as an auditor would test it."
          onChange={(e) => onChange({ description: e.target.value })}
          data-testid="control-description"
        />
        <FieldError message={errors['description']} testId="control-description-error" />
      </div>
      <div className="form-grid form-grid-3">
        <div className={`field ${invalid(errors['category'])}`}>
          <label htmlFor={`${id}-category`}>
            Category<span className="required"> *</span>
          </label>
          <select id={`${id}-category`} className="input" value={draft.category} onChange={(e) => onChange({ category: e.target.value as ControlCategory | '' })} data-testid="control-category">
            <option value="">Choose a category…</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABEL[c]}
              </option>
            ))}
          </select>
          {/* An unchosen category is refused with the whole list of options; say it shorter. */}
          <FieldError message={errors['category'] && (draft.category ? errors['category'] : 'Choose a category.')} testId="control-category-error" />
        </div>
        <div className={`field ${invalid(errors['publicTitle'])}`}>
          <label htmlFor={`${id}-public-title`}>
            Public title <span className="optional">optional</span>
          </label>
          <input id={`${id}-public-title`} className="input" maxLength={80} value={draft.publicTitle} placeholder="Defaults to the title" onChange={(e) => onChange({ publicTitle: e.target.value })} data-testid="control-public-title" />
          <p className="field-help">What a trust center may show, 80 characters at most.</p>
          <FieldError message={errors['publicTitle']} testId="control-public-title-error" />
        </div>
        <div className={`field ${invalid(errors['ownerId'])}`}>
          <label htmlFor={`${id}-owner`}>
            Owner <span className="optional">optional</span>
          </label>
          <select id={`${id}-owner`} className="input" value={draft.ownerId} onChange={(e) => onChange({ ownerId: e.target.value })} data-testid="control-owner">
            <option value="">Unowned</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.displayName} ({ROLE_LABEL[m.role]})
              </option>
            ))}
          </select>
          <FieldError message={errors['ownerId']} testId="control-owner-error" />
        </div>
      </div>
    </>
  );
}
