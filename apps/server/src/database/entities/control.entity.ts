import type { ControlStatus } from '@astrolabe/core';
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
}

@Entity('control_status_day')
export class ControlStatusDayEntity {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' }) workspaceId!: string;
  @PrimaryColumn({ name: 'control_id', type: 'text' }) controlId!: string;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @Column({ type: 'text' }) status!: ControlStatus;
}
