import type { ControlStatus } from '@astrolabe/core';
import type { ManualEvidenceRequirement, TrustLabel } from '@astrolabe/frameworks';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { StoredFindingCounts } from './collection-run.entity';

@Entity('control')
export class ControlEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ type: 'text' }) id!: string;
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) category!: string;
  @Column({ name: 'check_ids', type: 'text', array: true }) checkIds!: string[];
  @Column({ type: 'text' }) status!: ControlStatus;
  @Column({ name: 'status_reason', type: 'text' }) statusReason!: string;
  @Column({ name: 'status_since', type: 'timestamptz', nullable: true }) statusSince!: Date | null;
  @Column({ type: 'jsonb' }) counts!: StoredFindingCounts;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ type: 'text' }) source!: 'catalog' | 'custom';
  @Column({ type: 'text' }) automation!: 'automated' | 'manual' | 'hybrid';
  @Column({ name: 'manual_evidence', type: 'jsonb' }) manualEvidence!: ManualEvidenceRequirement[];
  @Column({ name: 'public_title', type: 'text' }) publicTitle!: string;
  @Column({ name: 'default_owner_role', type: 'text' }) defaultOwnerRole!: string;
  @Column({ name: 'owner_member_id', type: 'uuid', nullable: true }) ownerMemberId!: string | null;
  @Column({ name: 'trust_label', type: 'text', nullable: true }) trustLabel!: TrustLabel | null;
  /** Manual evidence standing at the last scoring (state, due date, newest item), for list views. */
  @Column({ name: 'evidence_state', type: 'jsonb' }) evidenceState!: StoredEvidenceState[];
}

export interface StoredEvidenceState {
  id: string;
  state: 'missing' | 'current' | 'due_soon' | 'overdue';
  dueAt: string | null;
  latest: { id: string; effectiveOn: string; uploadedAt: string } | null;
}

@Entity('control_status_day')
export class ControlStatusDayEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ name: 'control_id', type: 'text' }) controlId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) status!: ControlStatus;
}
